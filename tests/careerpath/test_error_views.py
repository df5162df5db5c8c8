"""A bug is still answered in the API's error shape under /api/, and as the HTML page elsewhere."""

import logging

import pytest
from django.test import Client

from roles.api import views as role_api_views
from roles.views import RoleListView

pytestmark = pytest.mark.django_db


def boom(*args, **kwargs):
    raise RuntimeError("simulated bug")


def test_api_bug_is_a_json_500(monkeypatch, hr_user):
    monkeypatch.setattr(role_api_views.RoleViewSet, "list", boom)
    client = Client(raise_request_exception=False)
    client.force_login(hr_user)
    response = client.get("/api/v1/roles/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["type"] == "server_error"


def test_page_bug_is_the_html_500_page(monkeypatch, hr_user):
    monkeypatch.setattr(RoleListView, "get", boom)
    client = Client(raise_request_exception=False)
    client.force_login(hr_user)
    response = client.get("/roles/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


# --- The app's own pages while DEBUG is on (``make run``), and quiet 403s -----------------


@pytest.fixture
def own_pages(settings):
    settings.DEBUG = True
    settings.OWN_ERROR_PAGES = True
    return settings


def test_with_debug_an_unknown_address_gets_the_apps_404_page(own_pages, client_as, hr_user):
    response = client_as(hr_user).get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Using the URLconf" not in body
    assert "There is nothing here" in body  # templates/404.html, inside the app's layout


def test_with_debug_a_missing_object_gets_the_apps_404_page(own_pages, client_as, hr_user):
    response = client_as(hr_user).get("/learning/no-such-resource/edit/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "There is nothing here" in body and "Raised by:" not in body


def test_without_the_setting_debug_keeps_djangos_technical_404(settings, client_as, hr_user):
    settings.DEBUG = True
    settings.OWN_ERROR_PAGES = False
    response = client_as(hr_user).get("/no-such-page/")
    assert response.status_code == 404
    assert "Using the URLconf" in response.content.decode()
    assert "There is nothing here" not in response.content.decode()


def test_a_403_logs_one_line_without_a_traceback(client_as, viewer, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client_as(viewer).get("/learning/new/")
    assert response.status_code == 403
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage().startswith("Forbidden")
    assert record.exc_info is None and record.exc_text is None

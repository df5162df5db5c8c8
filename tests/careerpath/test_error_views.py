"""A bug is still answered in the API's error shape under /api/, and as the HTML page elsewhere."""

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

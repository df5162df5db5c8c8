"""Errors Django answers before (or instead of) DRF: with DEBUG off, JSON in the API's error
shape under /api/, the HTML page elsewhere. The one that matters in practice is more than
DATA_UPLOAD_MAX_NUMBER_FIELDS (1000) query or form fields: Django refuses the request with a 400
that was Django's HTML under /api/ too."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent
from django.test import Client, RequestFactory

from careerpath import error_views
from tests.api.conftest import BASE, assert_error

pytestmark = pytest.mark.django_db

TOO_MANY = "&".join(f"f{index}=1" for index in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))


@pytest.fixture
def client_no_debug(hr_user, settings) -> Client:
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(hr_user)
    return client


@pytest.mark.parametrize(
    "url",
    [f"{BASE}/roles/", f"{BASE}/candidates/", f"{BASE}/career-route/", "/api/schema/"],
)
def test_too_many_query_fields_is_a_json_400_under_the_api(client_no_debug, url):
    response = client_no_debug.get(f"{url}?{TOO_MANY}")
    body = assert_error(response, 400, "bad_request")
    assert body["detail"] == "The request has too many query or form fields (at most 1000)."
    assert body["errors"] == {}


def test_too_many_form_fields_in_an_api_post_stay_json(client_no_debug):
    # The API reads JSON only: a form body is refused for its type before it is parsed.
    response = client_no_debug.post(
        f"{BASE}/roles/", TOO_MANY, content_type="application/x-www-form-urlencoded"
    )
    assert_error(response, 415, "unsupported_media_type")


def test_too_many_query_fields_on_a_page_is_the_html_400_page(client_no_debug):
    response = client_no_debug.get(f"/roles/?{TOO_MANY}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "This request cannot be read" in body
    assert "too many query or form fields (at most 1000)" in body
    assert 'aria-label="Main"' in body  # the page keeps its navigation (rendered with request)


def test_too_many_form_fields_in_a_page_post_is_the_html_400_page(client_no_debug):
    response = client_no_debug.post(
        "/candidates/new/", TOO_MANY, "application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_a_body_too_large_outside_drf_is_a_json_413_under_the_api():
    request = RequestFactory().get(f"{BASE}/roles/")
    response = error_views.bad_request(request, RequestDataTooBig("too big"))
    assert response.status_code == 413
    assert b'"type":"request_too_large"' in response.content


def test_permission_denied_outside_drf_is_json_under_the_api_and_html_elsewhere(hr_user):
    request = RequestFactory().get(f"{BASE}/roles/")
    request.user = hr_user
    response = error_views.permission_denied(request, PermissionDenied("Not for you."))
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert b'"type":"permission_denied"' in response.content
    assert b'"detail":"Not for you."' in response.content
    request = RequestFactory().get("/roles/")
    request.user = hr_user
    response = error_views.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


def test_the_400_page_never_becomes_a_500(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("template trouble")

    monkeypatch.setattr(error_views, "render", broken)
    request = RequestFactory().get("/roles/")
    response = error_views.bad_request(request, TooManyFieldsSent("too many"))
    assert response.status_code == 400

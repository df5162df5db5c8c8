"""Authentication (token and session), 401 for anonymous calls, throttling, and the settings
that govern them."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from skills.models import CompetencyCategory
from tests.api.conftest import BASE, assert_error

ROOT = Path(__file__).resolve().parents[2]


def test_drf_create_token_makes_a_token_that_authenticates(hr_user):
    out = StringIO()
    call_command("drf_create_token", hr_user.username, stdout=out)

    token = Token.objects.get(user=hr_user)
    assert token.key in out.getvalue()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get(f"{BASE}/roles/")
    assert response.status_code == 200
    assert client.post(f"{BASE}/competency-categories/", {"name": "Via token"}).status_code == 201
    assert CompetencyCategory.history.get().history_user == hr_user


@pytest.mark.parametrize(
    "url",
    [f"{BASE}/", f"{BASE}/roles/", f"{BASE}/candidates/1/fit/?role=x", f"{BASE}/career-route/"],
)
def test_anonymous_requests_get_401_with_the_token_challenge(api_client, url, db):
    response = api_client.get(url)
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


def test_a_browser_session_reads_and_writes_with_its_csrf_token(hr_user):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(hr_user)
    assert client.get(f"{BASE}/roles/").status_code == 200

    # An unsafe request from a session needs the CSRF token
    refused = client.post(f"{BASE}/competency-categories/", {"name": "No token"}, format="json")
    assert_error(refused, 403, "permission_denied", contains="CSRF")
    assert not CompetencyCategory.objects.exists()

    client.get("/accounts/login/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        f"{BASE}/competency-categories/",
        {"name": "With token"},
        format="json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert accepted.status_code == 201


def test_requests_over_the_rate_are_throttled_with_retry_after(
    monkeypatch, client_as, api_client, db
):
    rates = {"user": "3/minute", "anon": "2/minute"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    client = client_as("viewer")
    for _ in range(3):
        assert client.get(f"{BASE}/roles/").status_code == 200
    response = client.get(f"{BASE}/roles/")
    assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0

    # Anonymous callers reach only the public schema (elsewhere they get 401 first)
    for _ in range(2):
        assert api_client.get("/api/schema/", HTTP_ACCEPT="application/json").status_code == 200
    assert_error(api_client.get("/api/schema/", HTTP_ACCEPT="application/json"), 429, "throttled")


def _import_settings(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import careerpath.settings"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_malformed_throttle_rate_stops_the_process():
    result = _import_settings(API_THROTTLE_USER="lots")
    assert result.returncode != 0
    assert "API_THROTTLE_USER must be a rate" in result.stderr


def test_configured_rates_and_page_sizes_are_read_from_the_environment():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from careerpath import settings as s; "
            "print(s.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']['anon'], s.API_MAX_PAGE_SIZE)",
        ],
        cwd=ROOT,
        env={**os.environ, "API_THROTTLE_ANON": "5/hour", "API_MAX_PAGE_SIZE": "20"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.split() == ["5/hour", "20"], result.stderr


def test_page_size_is_capped(client_as, settings, db):
    from tests import factories

    factories.CategoryFactory.create_batch(5)
    settings.API_MAX_PAGE_SIZE = 2
    body = client_as("viewer").get(f"{BASE}/competency-categories/?page_size=500").json()
    assert len(body["results"]) == 2
    assert body["count"] == 5

"""An integration's token (issue 9): obtain it with a password, rotate it, revoke it; the
exchange is throttled and shares the sign-in pages' lockout."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from tests.api.conftest import BASE, assert_error

TOKEN = f"{BASE}/auth/token/"
ROTATE = f"{BASE}/auth/token/rotate/"
PASSWORD = "pass-for-tests-123"  # tests.factories.UserFactory's


def obtain(client: APIClient, username: str, password: str):
    return client.post(TOKEN, {"username": username, "password": password}, format="json")


def with_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_password_buys_the_users_token_and_it_authenticates(recruiter, opening):
    response = obtain(APIClient(), recruiter.username, PASSWORD)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "created"}
    assert Token.objects.get(user=recruiter).key == body["token"]
    assert response["Cache-Control"] == "private, no-store"
    listed = with_token(body["token"]).get(f"{BASE}/openings/")
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["results"]] == [opening.pk]
    # Asking again gives the same token (other integrations of the user keep working)
    assert obtain(APIClient(), recruiter.username, PASSWORD).json()["token"] == body["token"]


def test_a_wrong_password_is_a_400_and_no_token(recruiter):
    response = obtain(APIClient(), recruiter.username, "not-it")
    assert_error(response, 400, "validation_error", field="non_field_errors")
    assert not Token.objects.filter(user=recruiter).exists()
    assert_error(obtain(APIClient(), "nobody-at-all", PASSWORD), 400, "validation_error")


def test_an_inactive_user_gets_no_token(recruiter):
    recruiter.is_active = False
    recruiter.save()
    assert_error(obtain(APIClient(), recruiter.username, PASSWORD), 400, "validation_error")
    assert not Token.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "x"}, "password"),
        ({"username": 5, "password": "x"}, "username"),
        ({"username": "x", "password": "y", "scope": "all"}, "scope"),
    ],
)
def test_malformed_credentials_are_field_errors(body, field, db):
    response = APIClient().post(TOKEN, body, format="json")
    assert_error(response, 400, "validation_error", field=field)
    assert not Token.objects.exists()


def test_a_stale_authorization_header_does_not_block_obtaining(recruiter):
    client = with_token("0" * 40)
    response = client.post(
        TOKEN, {"username": recruiter.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200


def test_rotating_revokes_the_old_token_and_returns_a_new_one(recruiter):
    old = obtain(APIClient(), recruiter.username, PASSWORD).json()["token"]
    response = with_token(old).post(ROTATE)
    assert response.status_code == 200
    new = response.json()["token"]
    assert new != old
    assert list(Token.objects.filter(user=recruiter).values_list("key", flat=True)) == [new]
    assert_error(with_token(old).get(f"{BASE}/roles/"), 401, "authentication_failed")
    assert with_token(new).get(f"{BASE}/roles/").status_code == 200


def test_rotating_needs_authentication(db):
    assert_error(APIClient().post(ROTATE), 401, "not_authenticated")
    assert not Token.objects.exists()


def test_revoking_deletes_the_token(recruiter):
    key = obtain(APIClient(), recruiter.username, PASSWORD).json()["token"]
    response = with_token(key).delete(TOKEN)
    assert response.status_code == 204
    assert not Token.objects.filter(user=recruiter).exists()
    assert_error(with_token(key).get(f"{BASE}/roles/"), 401, "authentication_failed")
    assert_error(APIClient().delete(TOKEN), 401, "not_authenticated")


def test_a_session_user_revokes_their_token_and_needs_csrf(recruiter):
    key = obtain(APIClient(), recruiter.username, PASSWORD).json()["token"]
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(recruiter)
    assert_error(browser.delete(TOKEN), 403, "permission_denied")
    assert Token.objects.filter(key=key).exists()


def test_repeated_wrong_passwords_lock_the_username_out_of_the_api_and_the_pages(recruiter):
    client = APIClient()
    for _ in range(4):
        assert_error(obtain(client, recruiter.username, "wrong"), 400, "validation_error")
    # The fifth failure locks the username out from this address
    response = obtain(client, recruiter.username, "wrong")
    assert_error(response, 429, "locked_out", contains="try again in 15 minutes")
    assert response["Retry-After"] == "900"
    # Now even the right password is refused, here and on the sign-in page
    assert_error(obtain(client, recruiter.username, PASSWORD), 429, "locked_out")
    assert not Token.objects.exists()
    page = Client().post("/accounts/login/", {"username": recruiter.username, "password": PASSWORD})
    assert page.status_code == 429
    assert AccessAttempt.objects.filter(username=recruiter.username).count() == 1


def test_obtaining_is_throttled_per_address(monkeypatch, recruiter):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"auth-token": "3/minute", "anon": "100/minute"}
    )
    client = APIClient()
    for _ in range(3):
        assert obtain(client, recruiter.username, PASSWORD).status_code == 200
    response = obtain(client, recruiter.username, PASSWORD)
    assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0


def test_a_forged_forwarded_for_header_does_not_reset_the_throttle(monkeypatch, recruiter):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"auth-token": "2/minute", "anon": "100/minute"}
    )
    client = APIClient()
    for forged in ("203.0.113.1", "203.0.113.2"):
        response = client.post(
            TOKEN,
            {"username": recruiter.username, "password": PASSWORD},
            format="json",
            HTTP_X_FORWARDED_FOR=forged,
        )
        assert response.status_code == 200
    response = client.post(
        TOKEN,
        {"username": recruiter.username, "password": PASSWORD},
        format="json",
        HTTP_X_FORWARDED_FOR="203.0.113.3",
    )
    assert_error(response, 429, "throttled")

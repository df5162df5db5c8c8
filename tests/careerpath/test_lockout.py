"""Brute force (issue 9): repeated wrong passwords lock a username out from an address, on the
sign-in page and the admin alike (one count: they share the authentication backend)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.utils import timezone

from careerpath.access import HR_GROUP
from tests import factories

PASSWORD = "pass-for-tests-123"  # tests.factories.UserFactory's
LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def hr(db):
    return factories.UserFactory(username="hr-lockout", group=HR_GROUP, is_staff=True)


def sign_in(client: Client, url: str, password: str, **extra):
    return client.post(url, {"username": "hr-lockout", "password": password}, **extra)


def signed_in(client: Client) -> bool:
    return settings.SESSION_COOKIE_NAME in client.cookies and bool(
        client.session.get("_auth_user_id")
    )


def fail(client: Client, url: str, times: int, **extra) -> list[int]:
    return [sign_in(client, url, f"wrong-{i}", **extra).status_code for i in range(times)]


def test_the_limit_is_the_documented_default():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(hr):
    # Given 30 wrong passwords for one user on the sign-in page (the reproduction)
    client = Client()
    statuses = fail(client, LOGIN, 30)
    # Then the first four are the form again, and from the fifth on the answer is the lockout
    assert statuses[:4] == [200] * 4
    assert set(statuses[4:]) == {429}
    # And the right password is refused too
    response = sign_in(client, LOGIN, PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    assert AccessAttempt.objects.get(username="hr-lockout").failures_since_start >= 5


def test_the_lockout_page_says_when_to_try_again_in_the_site_style(hr):
    client = Client()
    fail(client, LOGIN, 4)
    response = sign_in(client, LOGIN, "wrong-again")
    body = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Sign-in paused" in body
    assert 'class="site-header"' in body  # the site's layout, not Django's bare text
    until = timezone.localtime(timezone.now() + timedelta(minutes=15))
    assert "Try again after" in body and "in about 15 minutes" in body
    assert until.strftime("%H:") in body
    assert "Account locked" not in body  # axes' own message


def test_the_admin_login_is_locked_by_the_same_count(hr):
    # Given failures split between the sign-in page and the admin's
    client = Client()
    assert fail(client, LOGIN, 3) == [200] * 3
    assert fail(client, ADMIN_LOGIN, 2) == [200, 429]
    # Then both refuse the right password
    assert sign_in(client, ADMIN_LOGIN, PASSWORD).status_code == 429
    assert sign_in(client, LOGIN, PASSWORD).status_code == 429
    assert "Sign-in paused" in sign_in(client, ADMIN_LOGIN, PASSWORD).content.decode()
    assert not signed_in(client)


def test_the_lock_is_per_username_and_address(hr):
    client = Client()
    fail(client, LOGIN, 5)
    # The same username from another address still signs in (a lock by username alone would
    # let anyone lock anyone out)...
    other_address = Client(REMOTE_ADDR="192.0.2.10")
    response = sign_in(other_address, LOGIN, PASSWORD)
    assert response.status_code == 302
    assert signed_in(other_address)
    # ...and another username from the locked address too.
    factories.UserFactory(username="someone-else")
    response = client.post(LOGIN, {"username": "someone-else", "password": PASSWORD})
    assert response.status_code == 302


def test_a_success_below_the_limit_resets_the_count(hr):
    client = Client()
    fail(client, LOGIN, 4)
    assert sign_in(client, LOGIN, PASSWORD).status_code == 302
    client.logout()
    assert fail(client, LOGIN, 4) == [200] * 4  # counting starts again
    assert sign_in(client, LOGIN, PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(hr):
    client = Client()
    fail(client, LOGIN, 5)
    assert sign_in(client, LOGIN, PASSWORD).status_code == 429
    # When the cool-off has passed since the last failure
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    # Then the right password signs in again
    response = sign_in(client, LOGIN, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_the_limit_follows_the_setting(hr, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    assert fail(client, LOGIN, 2) == [200, 429]


def test_behind_a_proxy_the_lock_follows_the_forwarded_client(hr, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    attacker = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    fail(attacker, LOGIN, 5)
    assert sign_in(attacker, LOGIN, PASSWORD).status_code == 429
    # A spoofed left-hand entry does not escape the lock: the proxy appends the real address
    spoofing = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    assert sign_in(spoofing, LOGIN, PASSWORD).status_code == 429
    # The real user, through the same proxy, is not locked out by someone else's guesses
    user = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.44")
    assert sign_in(user, LOGIN, PASSWORD).status_code == 302

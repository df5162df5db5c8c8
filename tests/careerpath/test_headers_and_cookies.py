"""Headers and cookies (issue 9): a strict Content-Security-Policy and the other security headers
on every response, cookies scripts cannot read and other sites do not send, personal answers
kept out of caches, and `check --deploy` clean under the README's production environment."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def csp_directives(header: str) -> dict[str, str]:
    return dict(part.strip().split(None, 1) for part in header.split(";") if part.strip())


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/", "/candidates/", "/api/v1/roles/", "/api/docs/"]
)
def test_every_response_carries_the_security_headers(url, client_as, hr_user):
    response = client_as(hr_user).get(url)
    assert response.status_code == 200
    assert csp_directives(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_pages_carry_no_inline_script_or_style(client_as, hr_user, opening):
    candidate = opening.candidates.first()
    for url in ("/", f"/openings/{opening.pk}/", f"/candidates/{candidate.pk}/", "/career-map/"):
        body = client_as(hr_user).get(url).content.decode()
        assert " style=" not in body, url
        assert "<style" not in body, url
        scripts = re.findall(r"<script([^>]*)>", body)
        assert all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts), url


def test_the_session_and_csrf_cookies_are_http_only_and_same_site(hr_user):
    client = Client()
    client.get("/accounts/login/")
    csrf = client.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(
        "/accounts/login/", {"username": hr_user.username, "password": "pass-for-tests-123"}
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]  # as the server set it
    assert session["httponly"] and session["samesite"] == "Lax"


def test_the_sign_in_form_still_works_with_an_http_only_csrf_cookie(hr_user):
    client = Client(enforce_csrf_checks=True)
    form = client.get("/accounts/login/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post(
        "/accounts/login/",
        {
            "username": hr_user.username,
            "password": "pass-for-tests-123",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302


def personal_urls(opening) -> list[str]:
    candidate = opening.candidates.first()
    role = opening.role.slug
    return [
        "/candidates/",
        f"/candidates/{candidate.pk}/",
        f"/candidates/{candidate.pk}/edit/",
        f"/candidates/{candidate.pk}/personal-data.json",
        f"/candidates/{candidate.pk}/erase/",
        "/candidates/erasures/",
        "/openings/",
        f"/openings/{opening.pk}/",
        f"/openings/{opening.pk}/compare/",
        f"/openings/{opening.pk}/compare.csv",
        f"/openings/{opening.pk}/compare.xlsx",
        "/candidates/export.csv",
        "/candidates/export.xlsx",
        "/candidates/import/",
        f"/compare/?role={role}&candidates={candidate.pk}",
        f"/career-map/?candidate={candidate.pk}",
        "/api/v1/candidates/",
        f"/api/v1/candidates/{candidate.pk}/",
        f"/api/v1/candidates/{candidate.pk}/fit/?role={role}",
        f"/api/v1/candidates/{candidate.pk}/development-plan/?role={role}",
        f"/api/v1/candidates/{candidate.pk}/personal-data/",
        "/api/v1/assessments/",
        "/api/v1/openings/",
        f"/api/v1/openings/{opening.pk}/",
        f"/api/v1/roles/{role}/ranking/?opening={opening.pk}",
    ]


def test_personal_pages_and_answers_are_private_and_not_stored(client_as, hr_user, opening):
    client = client_as(hr_user)
    for url in personal_urls(opening):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url
    comparison = client.post(
        "/api/v1/comparisons/", {"opening": opening.pk}, content_type="application/json"
    )
    assert comparison.status_code == 200
    assert comparison["Cache-Control"] == "private, no-store"


def test_refusals_are_not_stored_either(client_as, outside_recruiter, opening):
    response = client_as(outside_recruiter).get(f"/openings/{opening.pk}/")
    assert response.status_code == 404
    assert response["Cache-Control"] == "private, no-store"


# --- Production settings ----------------------------------------------------------------------


def documented_production_environment() -> dict[str, str]:
    """The ```env block under README's "Production settings", with a fresh secret key."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### Production settings", 1)[1]
    block = section.split("```env\n", 1)[1].split("```", 1)[0]
    env = dict(line.split("=", 1) for line in block.splitlines() if line.strip())
    assert env["SECRET_KEY"].startswith("<")  # a placeholder, filled in here
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    return env


def run_with(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    inherited = {
        key: value
        for key, value in os.environ.items()
        # Not the test run's own switches either (the browser tests set
        # DJANGO_ALLOW_ASYNC_UNSAFE, which the deploy check rightly refuses).
        if not key.startswith(("SECURE_", "SESSION_", "CSRF_", "AXES_", "DJANGO_"))
        and key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    return subprocess.run(  # noqa: S603 - this interpreter, with the test's own arguments
        [sys.executable, *args],
        cwd=ROOT,
        env={**inherited, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_documented_production_environment_passes_check_deploy():
    env = documented_production_environment()
    assert set(env) == {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS"}
    result = run_with(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_plain_http_overrides_fail_check_deploy_loudly():
    # The docker-compose plain-HTTP switches are visible to the deploy check, not hidden.
    env = {**documented_production_environment(), "SECURE_SSL_REDIRECT": "0"}
    result = run_with(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


def test_production_defaults_turn_on_hsts_redirect_and_secure_cookies():
    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'careerpath.settings'; "
        "django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, "
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY, s.PASSWORD_HASHERS[0])"
    )
    result = run_with(documented_production_environment(), "-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "31536000",
        "True",
        "True",
        "True",
        "True",
        "True",
        "True",
        "True",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


def test_hsts_is_sent_over_https_in_production(settings, client_as, hr_user):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client_as(hr_user).get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"

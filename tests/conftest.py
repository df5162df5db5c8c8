"""Shared fixtures: the fixed cast of users, API clients, and service availability.

The cast: ``hr_user`` (HR), ``recruiter`` (on the hiring team of ``opening``),
``outside_recruiter`` (a recruiter on no shared opening), ``viewer`` (Viewer), and anonymous.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from careerpath.access import HR_GROUP, RECRUITER_GROUP, VIEWER_GROUP
from tests import factories

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_service(available: bool, reason: str) -> None:
    """Skip a test whose service is missing — but in CI, fail: CI must exercise everything."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: services must be available, not skipped)")
    pytest.skip(reason)


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """Every test hashes the cast's passwords; the production hasher is slow on purpose, and
    no test is about its cost. One setting for the whole suite, for the whole session."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def celery_runs_eagerly_in_tests():
    """Tasks run in-process during tests, even when REDIS_URL is set (as in CI); the tests in
    tests/careerpath/test_celery_redis.py switch this off to exercise a real worker."""
    from careerpath.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def no_throttle_counts_spent():
    """Throttle counters (the API's, and the email-taken allowance pages share) live in the
    cache, which outlives a test's transaction: each test starts with none spent."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def private_media_in_tmp(settings, tmp_path):
    """Files jobs store (uploads, exports) go to a throwaway folder, never the project's."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def hr_user(db):
    return factories.UserFactory(username="hr-test", group=HR_GROUP, is_staff=True)


@pytest.fixture
def recruiter(db):
    return factories.UserFactory(username="recruiter-test", group=RECRUITER_GROUP, is_staff=True)


@pytest.fixture
def outside_recruiter(db):
    return factories.UserFactory(username="outsider-test", group=RECRUITER_GROUP, is_staff=True)


@pytest.fixture
def viewer(db):
    return factories.UserFactory(username="viewer-test", group=VIEWER_GROUP)


@pytest.fixture
def director_role(db):
    """A small scoring role: three requirements, one essential, minimum 5 years."""
    role = factories.RoleFactory(
        slug="test-director", title="Test Director", level="director", min_years_experience=5
    )
    factories.RequirementFactory(role=role, required_level=4, weight=3, essential=True)
    factories.RequirementFactory(role=role, required_level=3, weight=2)
    factories.RequirementFactory(role=role, required_level=2, weight=1)
    return role


@pytest.fixture
def opening(db, director_role, recruiter):
    candidates = factories.CandidateFactory.create_batch(2)
    return factories.OpeningFactory(
        role=director_role, hiring_team=[recruiter], candidates=candidates
    )


@pytest.fixture
def scorecard_case(opening) -> dict[str, Any]:
    """A candidate on the opening, its role's three requirements (in id order), and a level
    indicator on the first: what a scorecard test scores."""
    candidate = opening.candidates.order_by("id").first()
    reqs = list(opening.role.requirements.select_related("competency").order_by("id"))
    reqs[0].competency.indicators.create(level=4, description="Leads the channel strategy.")
    return {"candidate": candidate, "role": opening.role, "reqs": reqs, "opening": opening}


@pytest.fixture
def cast(hr_user, recruiter, outside_recruiter, viewer) -> dict[str, Any]:
    """The cast by name, for tests that go through all of it."""
    return {
        "hr": hr_user,
        "recruiter": recruiter,
        "outsider": outside_recruiter,
        "viewer": viewer,
        "anonymous": None,
    }


@pytest.fixture
def client_kind() -> str:
    """What ``client_as`` gives: "page" (a browser-like client signed in with a session), or
    "api" (tests/api/conftest.py overrides this: an API client)."""
    return "page"


@pytest.fixture
def client_as(request, client_kind, client_for) -> Callable[[Any], Client]:
    """``client_as(who)``: a client signed in as ``who`` — a user, a name from the cast
    ("hr", "recruiter", "outsider", "viewer", "anonymous"), or None for nobody. One shape for
    pages and API; the kind of client follows ``client_kind``."""

    def make(who: Any) -> Client:
        user = request.getfixturevalue("cast")[who] if isinstance(who, str) else who
        if client_kind == "api":
            return client_for(user)
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for():
    """``client_for(user)``: an API client authenticated as that user (None: anonymous)."""

    def make(user) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make

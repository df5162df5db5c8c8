"""Fixtures for the API tests: the cast by name, error assertions, a database snapshot."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.core.cache import cache

from tests import factories

BASE = "/api/v1"
CAST = ("hr", "recruiter", "outsider", "viewer", "anonymous")


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """Throttle counters live in the cache; each test starts with none spent."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client_kind(cast) -> str:
    """``client_as`` gives API clients here (see tests/conftest.py), and the whole cast exists
    before the test starts (database snapshots and permission checks count on it)."""
    return "api"


def assert_error(
    response: Any, status: int, type_: str, *, field: str | None = None, contains: str = ""
) -> dict[str, Any]:
    """The response is an error in the API's one shape; ``field`` (if given) has a message."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"type", "status", "detail", "errors"}, body
    assert body["type"] == type_, body
    assert body["status"] == status
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["errors"], dict)
    if field is not None:
        assert field in body["errors"], body
        assert all(isinstance(m, str) and m for m in body["errors"][field])
        if contains:
            assert any(contains in m for m in body["errors"][field]), body
    elif contains:
        assert contains in body["detail"], body
    return body


def database_state() -> dict[str, int]:
    """Row counts of every table of the project's apps (history included) and of users."""
    counts = {}
    for app_label in ("skills", "roles", "candidates", "auth", "authtoken", "audit"):
        for model in apps.get_app_config(app_label).get_models():
            counts[model._meta.label] = model._default_manager.count()
    return counts


@pytest.fixture
def unchanged_database():
    """``with unchanged_database(): ...`` — asserts no table gained or lost a row."""
    from contextlib import contextmanager

    @contextmanager
    def check():
        before = database_state()
        yield
        assert database_state() == before

    return check


@pytest.fixture
def framework(db) -> dict[str, Any]:
    """A small framework to write against: a category, three competencies, a resource."""
    category = factories.CategoryFactory(slug="digital", name="Digital")
    competencies = [
        factories.CompetencyFactory(slug=slug, name=slug.title(), category=category)
        for slug in ("seo", "analytics", "leadership")
    ]
    resource = factories.LearningResourceFactory(
        slug="seo-course", title="SEO course", competencies=competencies[:1]
    )
    return {"category": category, "competencies": competencies, "resource": resource}

"""Two HR users change the same object at the same moment through the API (issue 9)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from careerpath.access import HR_GROUP
from roles.models import Role
from tests import factories
from tests.integrity.races import (
    both_loaded_before_either_writes,
    require_postgresql,
    run_together,
)

BASE = "/api/v1"

pytestmark = pytest.mark.django_db(transaction=True)


def hr_client(username: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(factories.UserFactory(username=username, group=HR_GROUP))
    return client


def test_two_patches_of_different_fields_both_land(monkeypatch):
    """Given a role both loaded, when one PATCHes the summary and the other the minimum years
    at once (no If-Match), then both answer 200 and both changes are in the row."""
    require_postgresql()
    role = factories.RoleFactory(summary="Before.", min_years_experience=1)
    alice, bob = hr_client("alice"), hr_client("bob")
    url = f"{BASE}/roles/{role.slug}/"
    with both_loaded_before_either_writes(monkeypatch):
        first, second = run_together(
            lambda: alice.patch(url, {"summary": "After."}, format="json"),
            lambda: bob.patch(url, {"min_years_experience": 7}, format="json"),
        )
    assert (first.status_code, second.status_code) == (200, 200)
    role = Role.objects.get(pk=role.pk)
    assert (role.summary, role.min_years_experience) == ("After.", 7)

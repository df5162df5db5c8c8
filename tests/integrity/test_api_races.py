"""Two HR users change the same object at the same moment through the API (issue 9)."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from candidates.models import Assessment, Candidate, Opening
from careerpath.access import HR_GROUP
from roles.models import PromotionPath, Role, RoleRequirement
from skills.models import Competency
from tests import factories
from tests.api.conftest import assert_error
from tests.integrity.races import (
    all_arrive_after,
    assessment_commit_held,
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


def statuses(*responses: Any) -> list[int]:
    for response in responses:
        if isinstance(response, Exception):
            raise response  # a 500: the test client re-raises the view's exception
    return sorted(response.status_code for response in responses)


def test_two_writes_naming_the_same_version_at_once_one_wins_one_is_412(db):
    require_postgresql()
    role = factories.RoleFactory(summary="Before.")
    alice, bob = hr_client("alice"), hr_client("bob")
    url = f"{BASE}/roles/{role.slug}/"
    first, second = run_together(
        lambda: alice.patch(url, {"summary": "Alice's."}, format="json", HTTP_IF_MATCH='"1"'),
        lambda: bob.patch(url, {"summary": "Bob's."}, format="json", HTTP_IF_MATCH='"1"'),
    )
    assert statuses(first, second) == [200, 412]
    winner = first if first.status_code == 200 else second
    role = Role.objects.get(pk=role.pk)
    assert (role.summary, role.version) == (winner.json()["summary"], 2)


def test_the_same_candidate_email_twice_at_once_is_one_201_and_one_409(monkeypatch):
    require_postgresql()
    alice, bob = hr_client("alice"), hr_client("bob")
    body = {"name": "Ada", "email": "ada@example.com", "source": "external"}
    with all_arrive_after(monkeypatch, Candidate, "full_clean"):  # both pass validation
        first, second = run_together(
            lambda: alice.post(f"{BASE}/candidates/", body, format="json"),
            lambda: bob.post(f"{BASE}/candidates/", {**body, "email": "ADA@example.com"}),
        )
    assert statuses(first, second) == [201, 409]
    loser = first if first.status_code == 409 else second
    assert_error(loser, 409, "conflict", contains="Nothing was saved")
    assert Candidate.objects.count() == 1


def test_the_same_role_title_twice_at_once_is_one_201_and_one_409(monkeypatch):
    require_postgresql()
    alice, bob = hr_client("alice"), hr_client("bob")
    body = {"title": "Marketplace Lead", "level": "manager"}
    with all_arrive_after(monkeypatch, Role, "full_clean"):
        first, second = run_together(
            lambda: alice.post(f"{BASE}/roles/", body, format="json"),
            lambda: bob.post(f"{BASE}/roles/", body, format="json"),
        )
    assert statuses(first, second) == [201, 409]
    assert Role.objects.filter(slug="marketplace-lead").count() == 1


def test_the_same_promotion_path_twice_at_once_is_one_201_and_one_409(monkeypatch):
    require_postgresql()
    manager = factories.RoleFactory(level="manager")
    director = factories.RoleFactory(level="director")
    alice, bob = hr_client("alice"), hr_client("bob")
    body = {"from_role": manager.slug, "to_role": director.slug}
    with all_arrive_after(monkeypatch, PromotionPath, "full_clean"):
        first, second = run_together(
            lambda: alice.post(f"{BASE}/promotion-paths/", body, format="json"),
            lambda: bob.post(f"{BASE}/promotion-paths/", body, format="json"),
        )
    assert statuses(first, second) == [201, 409]
    assert PromotionPath.objects.count() == 1


def test_the_same_requirement_added_twice_at_once_is_one_row(monkeypatch):
    """Both writers loaded the role without the requirement; the role's row lock makes the
    second one see the first one's row and update it instead of inserting a duplicate."""
    require_postgresql()
    role = factories.RoleFactory()
    competency = factories.CompetencyFactory()
    alice, bob = hr_client("alice"), hr_client("bob")
    url = f"{BASE}/roles/{role.slug}/"

    def add(client: APIClient, level: int) -> Any:
        requirement = {"competency": competency.slug, "required_level": level}
        return client.patch(url, {"requirements": [requirement]}, format="json")

    with both_loaded_before_either_writes(monkeypatch):
        first, second = run_together(lambda: add(alice, 2), lambda: add(bob, 4))
    assert statuses(first, second) == [200, 200]
    assert RoleRequirement.objects.filter(role=role, competency=competency).count() == 1


def test_the_same_candidate_put_on_an_opening_twice_at_once_is_one_membership(monkeypatch):
    require_postgresql()
    role = factories.RoleFactory()
    opening = factories.OpeningFactory(role=role)
    candidate = factories.CandidateFactory()
    alice, bob = hr_client("alice"), hr_client("bob")
    url = f"{BASE}/openings/{opening.pk}/"
    with both_loaded_before_either_writes(monkeypatch):
        first, second = run_together(
            lambda: alice.patch(url, {"candidates": [candidate.pk]}, format="json"),
            lambda: bob.patch(url, {"candidates": [candidate.pk]}, format="json"),
        )
    assert statuses(first, second) == [200, 200]
    assert list(opening.candidates.values_list("pk", flat=True)) == [candidate.pk]
    assert Opening.objects.get(pk=opening.pk).version == 2  # the second changed nothing


def test_an_assessment_added_while_its_competency_is_deleted_is_409_not_500(monkeypatch):
    """The assessment's insert is not yet committed when the delete checks for assessments;
    the database's foreign key then refuses the assessment at its commit. That error must be
    the API's 409, not a 500."""
    require_postgresql()
    competency = factories.CompetencyFactory()
    candidate = factories.CandidateFactory()
    alice, bob = hr_client("alice"), hr_client("bob")
    url = f"{BASE}/competencies/{competency.slug}/"
    body = {"candidate": candidate.pk, "competency": competency.slug, "level": 3}
    with assessment_commit_held(monkeypatch) as between:
        add, delete = run_together(
            lambda: bob.post(f"{BASE}/assessments/", body, format="json"),
            lambda: between(lambda: alice.delete(url)),
        )
    assert statuses(delete) == [204]
    assert statuses(add) == [409]
    assert not Assessment.objects.exists() and not Competency.objects.exists()

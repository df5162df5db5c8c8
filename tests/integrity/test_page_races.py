"""Two people submit pages at the same moment (issue 9): one wins, the other gets a form error
or the stale-save warning, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from candidates.models import Assessment, Candidate
from careerpath.access import HR_GROUP
from roles.models import Role
from skills.models import Competency
from tests import factories
from tests.integrity.races import (
    all_arrive_after,
    assessment_commit_held,
    require_postgresql,
    run_together,
)

pytestmark = pytest.mark.django_db(transaction=True)


def hr_page_client(username: str) -> Client:
    client = Client()
    client.force_login(factories.UserFactory(username=username, group=HR_GROUP))
    return client


def outcome(response: Any) -> int:
    if isinstance(response, Exception):
        raise response  # a 500: the test client re-raises the view's exception
    return int(response.status_code)


def test_the_same_candidate_email_twice_at_once_is_one_save_and_one_form_error(monkeypatch):
    require_postgresql()
    alice, bob = hr_page_client("alice"), hr_page_client("bob")
    data = {
        "name": "Ada",
        "email": "ada@example.com",
        "source": "external",
        "current_role": "",
        "years_experience": "3",
        "notes": "",
    }
    with all_arrive_after(monkeypatch, Candidate, "full_clean"):
        first, second = run_together(
            lambda: alice.post("/candidates/new/", data),
            lambda: bob.post("/candidates/new/", {**data, "email": "Ada@Example.com"}),
        )
    assert sorted([outcome(first), outcome(second)]) == [302, 400]
    loser = first if first.status_code == 400 else second
    assert "Someone saved a conflicting change at the same moment" in loser.content.decode()
    assert Candidate.objects.count() == 1


def test_two_saves_of_one_role_page_at_once_are_one_save_and_one_warning():
    require_postgresql()
    role = factories.RoleFactory(slug="lead", title="Lead", level="manager")
    alice, bob = hr_page_client("alice"), hr_page_client("bob")
    url = reverse("roles:edit", args=[role.slug])

    def save(client: Client, summary: str) -> Any:
        data = {
            "title": "Lead",
            "slug": "lead",
            "level": "manager",
            "summary": summary,
            "responsibilities": "",
            "kpis": "",
            "qualifications": "",
            "min_years_experience": "0",
            "version": "1",
            "requirements-TOTAL_FORMS": "0",
            "requirements-INITIAL_FORMS": "0",
            "requirements-MIN_NUM_FORMS": "0",
            "requirements-MAX_NUM_FORMS": "1000",
        }
        return client.post(url, data)

    first, second = run_together(lambda: save(alice, "Alice's."), lambda: save(bob, "Bob's."))
    assert sorted([outcome(first), outcome(second)]) == [302, 409]
    loser = first if first.status_code == 409 else second
    winner_name = "bob" if loser is first else "alice"
    assert f"This role was changed by {winner_name} at " in loser.content.decode()
    assert Role.objects.get(pk=role.pk).version == 2


def test_an_assessment_added_while_its_competency_is_deleted_is_a_form_error(monkeypatch):
    """The page's assessment is inserted but not committed when the competency's delete checks
    for assessments; the database's foreign key refuses the assessment at its commit. The page
    says so instead of failing with a 500."""
    require_postgresql()
    competency = factories.CompetencyFactory()
    candidate = factories.CandidateFactory()
    page = hr_page_client("alice")
    api = APIClient()
    api.force_authenticate(factories.UserFactory(username="bob", group=HR_GROUP))
    url = reverse("candidates:candidate-detail", args=[candidate.pk])
    data = {
        "competency": competency.pk,
        "level": "3",
        "evidence": "",
        "assessed_at": timezone.localdate().isoformat(),
    }
    with assessment_commit_held(monkeypatch) as between:
        add, delete = run_together(
            lambda: page.post(url, data),
            lambda: between(lambda: api.delete(f"/api/v1/competencies/{competency.slug}/")),
        )
    assert outcome(delete) == 204
    assert outcome(add) == 400
    assert "Someone saved a conflicting change at the same moment" in add.content.decode()
    assert not Assessment.objects.exists() and not Competency.objects.exists()

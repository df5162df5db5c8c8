"""Openings list and opening page (the ranked candidates)."""

from __future__ import annotations

import pytest

from candidates.models import Assessment
from tests import factories

pytestmark = pytest.mark.django_db


def test_openings_list_shows_only_visible_openings(
    client_as, hr_user, recruiter, outside_recruiter, opening
):
    other = factories.OpeningFactory(title="Outside team opening", hiring_team=[outside_recruiter])
    hr_body = client_as(hr_user).get("/openings/").content.decode()
    assert opening.title in hr_body and other.title in hr_body
    body = client_as(recruiter).get("/openings/").content.decode()
    assert opening.title in body and other.title not in body
    body = client_as(outside_recruiter).get("/openings/").content.decode()
    assert opening.title not in body and other.title in body


def test_recruiter_without_openings_is_told_what_to_do(client_as, outside_recruiter):
    body = client_as(outside_recruiter).get("/openings/").content.decode()
    assert "You are not on the hiring team of any opening" in body


def test_openings_list_query_count_does_not_grow(client_as, hr_user, count_queries, opening):
    client = client_as(hr_user)
    few, _ = count_queries(client, "/openings/")
    for _ in range(8):
        factories.OpeningFactory(
            role=opening.role,
            hiring_team=[factories.UserFactory()],
            candidates=factories.CandidateFactory.create_batch(2),
        )
    many, _ = count_queries(client, "/openings/")
    assert few == many


def test_opening_access_matrix(client_as, hr_user, recruiter, outside_recruiter, viewer, opening):
    url = f"/openings/{opening.pk}/"
    assert client_as(hr_user).get(url).status_code == 200
    assert client_as(recruiter).get(url).status_code == 200
    assert client_as(outside_recruiter).get(url).status_code == 404
    assert client_as(viewer).get(url).status_code == 403
    assert client_as(None).get(url).status_code == 302
    assert client_as(recruiter).get("/openings/999999/").status_code == 404


def test_opening_ranks_candidates_with_fit_eligibility_and_reasons(client_as, recruiter, opening):
    strong, weak = opening.candidates.order_by("id")
    strong.source = "internal"
    strong.save()
    for req in opening.role.requirements.all():
        factories.AssessmentFactory(candidate=strong, competency=req.competency, level=5)
    body = client_as(recruiter).get(f"/openings/{opening.pk}/").content.decode()
    assert body.index(strong.name) < body.index(weak.name)
    assert "100.0%" in body and "0.0%" in body
    assert '<span class="badge eligible">Eligible</span>' in body
    # weak has no assessment at all: "Not assessed", not "Blocked" like a failed candidate
    assert '<span class="badge not-assessed">Not assessed</span>' in body
    assert '<span class="badge blocked">Blocked</span>' not in body
    assert "3 of 3 assessed" in body and "0 of 3 assessed" in body
    assert "has not been assessed yet; it needs level 4." in body  # the blocking reason
    assert ">Internal</span>" in body and ">External</span>" in body
    assert "How fit and eligibility are calculated" in body


def test_opening_without_candidates_says_what_to_do(client_as, hr_user, director_role):
    opening = factories.OpeningFactory(role=director_role)
    body = client_as(hr_user).get(f"/openings/{opening.pk}/").content.decode()
    assert "No candidates yet" in body and "Add candidates to this opening" in body


def test_opening_for_a_role_without_requirements_explains(client_as, hr_user):
    opening = factories.OpeningFactory(candidates=[factories.CandidateFactory()])
    response = client_as(hr_user).get(f"/openings/{opening.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "has no competency requirements" in body and "Add requirements to" in body


def test_opening_page_query_count_does_not_grow(client_as, recruiter, count_queries, opening):
    client = client_as(recruiter)
    url = f"/openings/{opening.pk}/"
    few, _ = count_queries(client, url)
    competencies = [req.competency for req in opening.role.requirements.all()]
    for candidate in factories.CandidateFactory.create_batch(10):
        opening.candidates.add(candidate)
        for competency in competencies:
            factories.AssessmentFactory(candidate=candidate, competency=competency, level=2)
    assert Assessment.objects.count() == 30
    many, _ = count_queries(client, url)
    assert few == many


def test_openings_list_pages_with_the_open_ones_first(client_as, hr_user, count_queries, opening):
    role = opening.role
    factories.OpeningFactory.create_batch(20, role=role, status="closed")
    factories.OpeningFactory.create_batch(10, role=role, status="open")
    client = client_as(hr_user)
    few_queries, response = count_queries(client, "/openings/")
    assert len(response.context["open_openings"]) == 11  # every open one, on page 1
    assert len(response.context["closed_openings"]) == 14
    body = response.content.decode()
    assert "31 openings · 1–25 shown, page 1 of 2" in body
    assert 'href="?page=2" rel="next"' in body
    second_queries, second = count_queries(client, "/openings/?page=2")
    assert second.context["open_openings"] == [] and len(second.context["closed_openings"]) == 6
    assert few_queries == second_queries

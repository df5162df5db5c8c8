"""Candidate list and candidate page: profile, fit, plan, route, assessment history, and the
"add assessment" form."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from candidates.models import Assessment
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def internal(opening, ladder):
    """An internal candidate on the opening, currently Test Manager, partly assessed."""
    candidate = factories.CandidateFactory(
        name="Ingrid Internal",
        source="internal",
        current_role=ladder["manager"],
        years_experience=6,
    )
    opening.candidates.add(candidate)
    for req in opening.role.requirements.order_by("id"):
        factories.AssessmentFactory(
            candidate=candidate,
            competency=req.competency,
            level=req.required_level - 1,
            assessed_at=timezone.localdate() - datetime.timedelta(days=30),
        )
    return candidate


def test_candidate_access_matrix(
    client_as, hr_user, recruiter, outside_recruiter, viewer, internal
):
    url = f"/candidates/{internal.pk}/"
    assert client_as(hr_user).get(url).status_code == 200
    assert client_as(recruiter).get(url).status_code == 200
    assert client_as(outside_recruiter).get(url).status_code == 404
    assert client_as(viewer).get(url).status_code == 403
    assert client_as(None).get(url).status_code == 302


def test_outside_recruiter_cannot_add_an_assessment(client_as, outside_recruiter, internal):
    competency = factories.CompetencyFactory()
    data = {"competency": competency.pk, "level": "3", "assessed_at": "2024-01-01"}
    response = client_as(outside_recruiter).post(f"/candidates/{internal.pk}/", data)
    assert response.status_code == 404
    assert not Assessment.objects.filter(competency=competency).exists()


def test_candidate_page_shows_profile_fit_plan_route_and_history(client_as, recruiter, internal):
    body = client_as(recruiter).get(f"/candidates/{internal.pk}/").content.decode()
    assert "Ingrid Internal" in body and "Internal (employee)" in body
    assert "Fit for Test Director" in body
    assert "Development plan toward Test Director" in body
    assert "Test leadership course" in body  # the resource that closes a gap
    assert "Career route to Test Director" in body and "about 3 years" in body
    assert "Assessment history" in body
    assert body.count('<tr class="counts">') == 3  # one counted assessment per competency


def test_candidate_page_target_role_can_be_chosen(client_as, recruiter, internal):
    body = (
        client_as(recruiter)
        .get(f"/candidates/{internal.pk}/", {"role": "test-chief"})
        .content.decode()
    )
    assert "Fit for Test Chief" in body and "Career route to Test Chief" in body


def test_adding_an_assessment_changes_the_fit(client_as, recruiter, internal, opening):
    essential = opening.role.requirements.get(essential=True)
    client = client_as(recruiter)
    before = client.get(f"/candidates/{internal.pk}/").context["fit"].fit
    data = {
        "competency": essential.competency_id,
        "level": "5",
        "assessed_at": timezone.localdate().isoformat(),
        "evidence": "Ran the whole budget cycle.",
    }
    response = client.post(f"/candidates/{internal.pk}/", data)
    assert response.status_code == 302 and response["Location"].endswith("#fit")
    assessment = Assessment.objects.get(candidate=internal, evidence="Ran the whole budget cycle.")
    assert assessment.level == 5 and assessment.assessor == recruiter
    page = client.get(response["Location"])
    after = page.context["fit"].fit
    assert after > before
    assert f"Fit for Test Director: {before}% → {after}%." in page.content.decode()


def test_invalid_assessment_shows_errors_and_saves_nothing(client_as, recruiter, internal):
    count = Assessment.objects.count()
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client_as(recruiter).post(
        f"/candidates/{internal.pk}/", {"competency": "", "level": "9", "assessed_at": tomorrow}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_competency_error"' in body
    assert 'id="id_level_error"' in body
    assert "An assessment cannot be dated in the future." in body
    assert Assessment.objects.count() == count


def test_candidate_without_openings_or_role_gets_guidance(client_as, hr_user):
    candidate = factories.CandidateFactory()
    body = client_as(hr_user).get(f"/candidates/{candidate.pk}/").content.decode()
    assert "is on none of your openings" in body
    assert "No assessments yet" in body


def test_candidate_page_query_count_does_not_grow_with_assessments(
    client_as, recruiter, count_queries, internal, opening
):
    client = client_as(recruiter)
    url = f"/candidates/{internal.pk}/"
    few, _ = count_queries(client, url)
    for req in opening.role.requirements.all():
        factories.AssessmentFactory.create_batch(5, candidate=internal, competency=req.competency)
    many, _ = count_queries(client, url)
    assert few == many


def test_candidate_list_is_scoped_and_filtered(client_as, recruiter, outside_recruiter, internal):
    mine = client_as(recruiter).get("/candidates/").content.decode()
    assert "Ingrid Internal" in mine
    assert (
        "Ingrid Internal" not in client_as(outside_recruiter).get("/candidates/").content.decode()
    )
    external_only = (
        client_as(recruiter).get("/candidates/", {"source": "external"}).content.decode()
    )
    assert "Ingrid Internal" not in external_only


def test_candidate_list_query_count_does_not_grow(client_as, hr_user, count_queries, internal):
    client = client_as(hr_user)
    few, _ = count_queries(client, "/candidates/")
    for candidate in factories.CandidateFactory.create_batch(
        10, current_role=internal.current_role
    ):
        factories.AssessmentFactory(candidate=candidate)
    many, _ = count_queries(client, "/candidates/")
    assert few == many

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


# --- Paging and filters -----------------------------------------------------------------------


def test_candidate_list_shows_25_a_page_with_links_that_keep_the_filters(client_as, hr_user):
    factories.CandidateFactory.create_batch(30, source="external")
    factories.CandidateFactory.create_batch(3, source="internal")
    client = client_as(hr_user)
    response = client.get("/candidates/", {"source": "external"})
    assert response.status_code == 200
    assert len(response.context["candidates"]) == 25
    body = response.content.decode()
    assert "30 candidates match · 1–25 shown, page 1 of 2" in body
    assert '<nav class="pagination no-print" aria-label="Candidate pages">' in body
    assert 'href="?source=external&amp;page=2" rel="next"' in body
    assert 'aria-current="page"><span class="visually-hidden">Page </span>1</a>' in body
    second = client.get("/candidates/", {"source": "external", "page": "2"})
    assert len(second.context["candidates"]) == 5
    shown = {c.pk for c in response.context["candidates"]} | {
        c.pk for c in second.context["candidates"]
    }
    assert len(shown) == 30  # every external candidate, once


@pytest.mark.parametrize(
    ("page", "shown", "notice"),
    [
        ("99", 2, "There is no page “99”: showing page 2 of 2."),
        ("abc", 1, "There is no page “abc”: showing page 1 of 2."),
        ("0", 1, "There is no page “0”: showing page 1 of 2."),
        ("-1", 1, "There is no page “-1”: showing page 1 of 2."),
        ("9" * 5000, 1, "There is no page “99999999999999999999…”: showing page 1 of 2."),
    ],
    ids=["past-the-end", "letters", "zero", "negative", "5000-digits"],
)
def test_a_page_that_does_not_exist_shows_the_nearest_and_says_so(
    client_as, hr_user, page, shown, notice
):
    factories.CandidateFactory.create_batch(26)
    response = client_as(hr_user).get("/candidates/", {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
    assert notice in response.content.decode()


def test_a_short_candidate_list_has_no_page_links(client_as, hr_user):
    factories.CandidateFactory.create_batch(3)
    body = client_as(hr_user).get("/candidates/").content.decode()
    assert 'class="pagination' not in body and "3 candidates" in body


def test_candidate_list_pages_cost_the_same_queries_at_3_and_60_rows(
    client_as, hr_user, count_queries
):
    client = client_as(hr_user)
    factories.CandidateFactory.create_batch(3)
    few, _ = count_queries(client, "/candidates/")
    for candidate in factories.CandidateFactory.create_batch(57):
        factories.AssessmentFactory(candidate=candidate)
    first, _ = count_queries(client, "/candidates/")
    last, _ = count_queries(client, "/candidates/?page=3")
    assert few == first == last


def test_an_unknown_source_is_a_field_error_not_silently_ignored(client_as, hr_user, internal):
    response = client_as(hr_user).get("/candidates/", {"source": "nope"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="candidate-source-error"' in body and 'aria-invalid="true"' in body
    assert "Not a source, so internal and external candidates are shown." in body
    assert "Ingrid Internal" in body


def test_an_unknown_target_role_is_a_field_error_not_silently_ignored(
    client_as, recruiter, internal, opening
):
    response = client_as(recruiter).get(f"/candidates/{internal.pk}/", {"role": "nope"})
    assert response.status_code == 400
    assert response.context["target_form"].errors["role"] == [
        "No such role. Choose one from the list."
    ]
    # The page still shows the default target: the role of their opening.
    assert response.context["target"] == opening.role
    assert f"Fit for {opening.role.title}" in response.content.decode()

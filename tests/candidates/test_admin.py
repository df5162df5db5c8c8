"""The admin, as a recruiter uses it: add candidates and assessments, see fit; scoped access."""

import pytest
from django.urls import reverse

from candidates.models import Assessment, Candidate
from tests import factories

pytestmark = pytest.mark.django_db


def test_recruiter_adds_a_candidate_with_an_assessment_in_the_admin(client, recruiter):
    competency = factories.CompetencyFactory()
    client.force_login(recruiter)
    response = client.post(
        reverse("admin:candidates_candidate_add"),
        {
            "name": "Grace Hopper",
            "email": "grace@example.com",
            "source": "external",
            "years_experience": "9",
            "notes": "",
            "assessments-TOTAL_FORMS": "1",
            "assessments-INITIAL_FORMS": "0",
            "assessments-MIN_NUM_FORMS": "0",
            "assessments-MAX_NUM_FORMS": "1000",
            "assessments-0-competency": competency.pk,
            "assessments-0-level": "4",
            "assessments-0-assessed_at": "2026-11-01",
            "assessments-0-evidence": "Case study",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    candidate = Candidate.objects.get(email="grace@example.com")
    assert candidate.created_by == recruiter
    assessment = Assessment.objects.get(candidate=candidate)
    assert (assessment.level, assessment.assessor) == (4, recruiter)


def test_candidate_admin_shows_fit_for_the_opening_role(client, recruiter, opening):
    candidate = opening.candidates.first()
    client.force_login(recruiter)
    response = client.get(reverse("admin:candidates_candidate_change", args=[candidate.pk]))
    assert response.status_code == 200
    assert "Test Director" in response.content.decode()
    assert "0.0% — not eligible" in response.content.decode()


def test_recruiter_cannot_open_a_candidate_outside_their_openings(
    client, outside_recruiter, opening
):
    client.force_login(outside_recruiter)
    candidate = opening.candidates.first()
    response = client.get(reverse("admin:candidates_candidate_change", args=[candidate.pk]))
    assert response.status_code == 404  # as everywhere, not the admin's redirect
    listing = client.get(reverse("admin:candidates_candidate_changelist"))
    assert candidate.name not in listing.content.decode()


def test_viewer_has_no_recruiting_admin(client, viewer):
    viewer.is_staff = True
    viewer.save()
    client.force_login(viewer)
    response = client.get(reverse("admin:index"))
    assert "Candidates" not in response.content.decode()


def test_history_pages_of_invisible_objects_are_404_for_an_outside_recruiter(
    client, outside_recruiter, opening
):
    client.force_login(outside_recruiter)
    candidate = opening.candidates.first()
    version = candidate.history.first().history_id
    for url in (
        reverse("admin:candidates_candidate_history", args=[candidate.pk]),
        reverse("admin:candidates_candidate_simple_history", args=[candidate.pk, version]),
        reverse("admin:candidates_opening_history", args=[opening.pk]),
    ):
        assert client.get(url).status_code == 404, url
    before = (candidate.name, candidate.notes)
    response = client.post(
        reverse("admin:candidates_candidate_simple_history", args=[candidate.pk, version]),
        {
            "name": "Hijacked",
            "email": candidate.email,
            "source": "external",
            "years_experience": "1",
            "notes": "overwritten",
        },
    )
    assert response.status_code == 404
    candidate.refresh_from_db()
    assert (candidate.name, candidate.notes) == before


def test_view_only_user_cannot_revert_framework_history(client, recruiter, director_role):
    client.force_login(recruiter)
    version = director_role.history.first().history_id
    url = reverse("admin:roles_role_simple_history", args=[director_role.pk, version])
    assert client.get(url).status_code == 200  # reading history is fine
    response = client.post(
        url,
        {
            "title": "Reverted by a recruiter",
            "level": "director",
            "slug": director_role.slug,
            "min_years_experience": "1",
        },
    )
    assert response.status_code == 403
    director_role.refresh_from_db()
    assert director_role.title == "Test Director"


def test_hr_still_reads_the_history_of_a_deleted_candidate(client, hr_user):
    candidate = factories.CandidateFactory()
    pk = candidate.pk
    candidate.delete()
    client.force_login(hr_user)
    assert client.get(reverse("admin:candidates_candidate_history", args=[pk])).status_code == 200


def test_opening_members_changed_in_the_admin_get_stored_scores(client, hr_user, opening):
    from candidates.models import CandidateRoleScore

    newcomer = factories.CandidateFactory()
    client.force_login(hr_user)
    members = [*opening.candidates.values_list("pk", flat=True), newcomer.pk]
    response = client.post(
        reverse("admin:candidates_opening_change", args=[opening.pk]),
        {
            "title": opening.title,
            "role": opening.role.pk,
            "status": "open",
            "hiring_team": [u.pk for u in opening.hiring_team.all()],
            "candidates": members,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    score = CandidateRoleScore.objects.get(candidate=newcomer, role=opening.role)
    assert score.scored and not score.stale


def test_requirements_changed_in_the_admin_rescore_the_role(client, hr_user, opening):
    from candidates.models import CandidateRoleScore

    requirement = opening.role.requirements.filter(essential=True).get()
    client.force_login(hr_user)
    response = client.post(
        reverse("admin:roles_rolerequirement_change", args=[requirement.pk]),
        {
            "role": requirement.role_id,
            "competency": requirement.competency_id,
            "required_level": requirement.required_level,
            "weight": requirement.weight,
            # no longer essential: nothing blocks the candidates but their years
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    scores = CandidateRoleScore.objects.filter(role=opening.role)
    assert scores.count() == 2 and all(s.eligible and not s.stale for s in scores)

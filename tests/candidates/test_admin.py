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


# --- The admin goes through the services' rules and the pages' pickers ------------------------


def _opening_form(opening, **changes):
    data = {
        "title": opening.title,
        "role": opening.role_id,
        "status": opening.status,
        "hiring_team": list(opening.hiring_team.values_list("pk", flat=True)),
        "candidates": list(opening.candidates.values_list("pk", flat=True)),
    }
    data.update(changes)
    return data


def test_the_admin_refuses_a_viewer_on_a_hiring_team_with_a_form_error(
    client, recruiter, viewer, opening
):
    client.force_login(recruiter)
    url = reverse("admin:candidates_opening_change", args=[opening.pk])
    response = client.post(url, _opening_form(opening, hiring_team=[recruiter.pk, viewer.pk]))
    assert response.status_code == 200  # the form again, with its errors
    errors = response.context["adminform"].form.errors
    assert "hiring_team" in errors, errors
    assert list(opening.hiring_team.all()) == [recruiter]


def test_the_service_refuses_a_viewer_even_past_the_picker(recruiter, viewer, opening):
    from django.core.exceptions import ValidationError

    from candidates import services

    with pytest.raises(ValidationError) as caught:
        services.opening_update(opening=opening, hiring_team=[recruiter, viewer])
    assert viewer.username in caught.value.message_dict["hiring_team"][0]
    assert list(opening.hiring_team.all()) == [recruiter]


def test_the_admin_team_picker_offers_only_users_who_may_be_on_a_team(
    client, hr_user, recruiter, outside_recruiter, viewer, opening
):
    client.force_login(hr_user)
    response = client.get(reverse("admin:candidates_opening_change", args=[opening.pk]))
    choices = set(response.context["adminform"].form.fields["hiring_team"].queryset)
    assert choices == {hr_user, recruiter, outside_recruiter}
    assert viewer not in choices


def test_the_admin_saves_an_opening_through_the_service(client, hr_user, recruiter, opening):
    client.force_login(hr_user)
    newcomer = factories.CandidateFactory()
    url = reverse("admin:candidates_opening_change", args=[opening.pk])
    members = [*opening.candidates.values_list("pk", flat=True), newcomer.pk]
    response = client.post(
        url, _opening_form(opening, title="Renamed", hiring_team=[hr_user.pk], candidates=members)
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    opening.refresh_from_db()
    assert opening.title == "Renamed"
    assert list(opening.hiring_team.all()) == [hr_user]
    assert newcomer in opening.candidates.all()
    # the newcomer joined the role's pool: a stored score exists for them (scores_inputs_changed)
    assert newcomer.scores.filter(role=opening.role).exists()
    assert opening.history.latest().history_user == hr_user


def test_the_admin_creates_an_opening_through_the_service(
    client, hr_user, recruiter, director_role
):
    client.force_login(hr_user)
    response = client.post(
        reverse("admin:candidates_opening_add"),
        {
            "title": "New director",
            "role": director_role.pk,
            "status": "open",
            "hiring_team": [recruiter.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    from candidates.models import Opening

    created = Opening.objects.get(title="New director")
    assert created.created_by == hr_user
    assert list(created.hiring_team.all()) == [recruiter]


def test_an_admin_edit_of_a_candidate_goes_through_the_service(client, hr_user, opening):
    candidate = opening.candidates.first()
    client.force_login(hr_user)
    response = client.post(
        reverse("admin:candidates_candidate_change", args=[candidate.pk]),
        {
            "name": candidate.name,
            "email": candidate.email,
            "source": candidate.source,
            "years_experience": "12",
            "notes": "",
            "assessments-TOTAL_FORMS": "0",
            "assessments-INITIAL_FORMS": "0",
            "assessments-MIN_NUM_FORMS": "0",
            "assessments-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    candidate.refresh_from_db()
    assert candidate.years_experience == 12
    # the service saw the change of years (it compares with the stored row): the score moved on
    score = candidate.scores.get(role=opening.role)
    assert score.input_version > 1


def test_an_openings_history_hides_candidates_the_reader_may_no_longer_see(
    client, hr_user, recruiter, opening
):
    from candidates import services

    # Given HR takes a candidate off the recruiter's opening (the recruiter no longer sees them)
    gone, staying = opening.candidates.order_by("id")
    gone.name, staying.name = "Gone Gonzalez", "Staying Stein"
    gone.save()
    staying.save()
    services.opening_update(opening=opening, candidates=[staying])
    url = reverse("admin:candidates_opening_history", args=[opening.pk])

    # When the recruiter reads the opening's history, the removed candidate is not named
    client.force_login(recruiter)
    text = client.get(url).content.decode()
    assert "Gone Gonzalez" not in text
    assert "a candidate you cannot see" in text

    # And HR, who sees every candidate, still reads the name
    client.force_login(hr_user)
    assert "Gone Gonzalez" in client.get(url).content.decode()

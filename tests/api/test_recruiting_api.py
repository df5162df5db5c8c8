"""Candidates, assessments and openings through the API: who becomes the creator and the
assessor, what each recruiter may name, filters, and the history of every write."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from candidates.models import Assessment, Candidate, Opening
from tests import factories
from tests.api.conftest import BASE, assert_error

CANDIDATE_FIELDS = {
    "id",
    "name",
    "email",
    "source",
    "current_role",
    "years_experience",
    "notes",
    "version",
}


def test_a_recruiter_creating_a_candidate_becomes_its_creator_and_sees_it(
    client_as, outside_recruiter, director_role
):
    client = client_as("outsider")
    response = client.post(
        f"{BASE}/candidates/",
        {
            "name": "Amira Haddad",
            "email": "amira@example.com",
            "source": "internal",
            "current_role": director_role.slug,
            "years_experience": 6,
            "notes": "Referred by the CFO.",
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert set(body) == CANDIDATE_FIELDS
    candidate = Candidate.objects.get(pk=body["id"])
    assert candidate.created_by == outside_recruiter
    assert client.get(f"{BASE}/candidates/{candidate.pk}/").json() == body
    # And the history says who created it
    assert candidate.history.get().history_user == outside_recruiter


def test_a_candidate_current_role_can_be_cleared(client_as, opening, director_role):
    candidate = opening.candidates.first()
    candidate.current_role = director_role
    candidate.save()
    response = client_as("recruiter").patch(
        f"{BASE}/candidates/{candidate.pk}/", {"current_role": None}
    )
    assert response.status_code == 200
    assert response.json()["current_role"] is None
    candidate.refresh_from_db()
    assert candidate.current_role is None


def test_candidates_filter_by_source_opening_and_search(client_as, opening):
    internal = factories.CandidateFactory(name="Ines Internal", source="internal")
    opening.candidates.add(internal)
    factories.CandidateFactory(name="Elsewhere")  # on no opening
    client = client_as("hr")

    def ids(query: str) -> set[int]:
        return {row["id"] for row in client.get(f"{BASE}/candidates/?{query}").json()["results"]}

    assert ids("source=internal") == {internal.pk}
    assert ids(f"opening={opening.pk}") == set(opening.candidates.values_list("id", flat=True))
    assert ids("search=ines") == {internal.pk}


def test_a_recruiter_cannot_filter_by_an_opening_they_are_not_on(client_as, opening):
    response = client_as("outsider").get(f"{BASE}/candidates/?opening={opening.pk}")
    assert_error(response, 400, "validation_error", field="opening")


def test_an_assessment_records_its_assessor_and_defaults_to_today(
    client_as, recruiter, opening, director_role
):
    candidate = opening.candidates.first()
    competency = director_role.requirements.first().competency
    response = client_as("recruiter").post(
        f"{BASE}/assessments/",
        {
            "candidate": candidate.pk,
            "competency": competency.slug,
            "level": 4,
            "evidence": "Ran the 2024 replatforming.",
        },
    )
    assert response.status_code == 201, response.json()
    assessment = Assessment.objects.get()
    assert response.json() == {
        "id": assessment.pk,
        "candidate": candidate.pk,
        "competency": competency.slug,
        "level": 4,
        "evidence": "Ran the 2024 replatforming.",
        "assessed_at": timezone.localdate().isoformat(),
        "assessor": recruiter.pk,
        "scoring": "queued",
    }
    assert assessment.assessor == recruiter
    assert assessment.history.get().history_user == recruiter


def test_a_recruiter_cannot_assess_a_candidate_they_may_not_see(client_as, opening, db):
    hidden = factories.CandidateFactory()
    competency = factories.CompetencyFactory()
    response = client_as("recruiter").post(
        f"{BASE}/assessments/",
        {"candidate": hidden.pk, "competency": competency.slug, "level": 2},
    )
    body = assert_error(response, 400, "validation_error", field="candidate")
    # The same words as for an id that does not exist: nothing leaks
    missing = client_as("recruiter").post(
        f"{BASE}/assessments/",
        {"candidate": 987654, "competency": competency.slug, "level": 2},
    )
    assert body["errors"]["candidate"][0].replace(str(hidden.pk), "N") == (
        missing.json()["errors"]["candidate"][0].replace("987654", "N")
    )
    assert not Assessment.objects.exists()


def test_assessments_are_newest_first_and_filter_by_candidate_and_competency(client_as, opening):
    candidate, other = opening.candidates.order_by("id")
    seo = factories.CompetencyFactory(slug="seo")
    today = timezone.localdate()
    old = factories.AssessmentFactory(
        candidate=candidate, competency=seo, assessed_at=today - datetime.timedelta(days=30)
    )
    new = factories.AssessmentFactory(candidate=candidate, competency=seo, assessed_at=today)
    theirs = factories.AssessmentFactory(candidate=other)
    client = client_as("recruiter")

    def ids(query: str = "") -> list[int]:
        return [row["id"] for row in client.get(f"{BASE}/assessments/?{query}").json()["results"]]

    assert ids(f"candidate={candidate.pk}") == [new.pk, old.pk]
    assert ids("competency=seo") == [new.pk, old.pk]
    assert set(ids()) == {old.pk, new.pk, theirs.pk}


def test_hr_opens_an_opening_with_a_team_and_candidates(client_as, hr_user, recruiter, opening):
    candidate = factories.CandidateFactory()
    response = client_as("hr").post(
        f"{BASE}/openings/",
        {
            "title": "Director, second site",
            "role": opening.role.slug,
            "hiring_team": [recruiter.pk, hr_user.pk],
            "candidates": [candidate.pk],
        },
    )
    assert response.status_code == 201, response.json()
    created = Opening.objects.get(title="Director, second site")
    assert response.json() == {
        "id": created.pk,
        "title": "Director, second site",
        "role": opening.role.slug,
        "status": "open",
        "hiring_team": sorted([recruiter.pk, hr_user.pk]),
        "candidates": [candidate.pk],
        "version": 1,
    }
    assert created.created_by == hr_user


def test_a_viewer_cannot_join_a_hiring_team(client_as, viewer, opening):
    response = client_as("hr").patch(f"{BASE}/openings/{opening.pk}/", {"hiring_team": [viewer.pk]})
    assert_error(response, 400, "validation_error", field="hiring_team.0")


def test_a_recruiter_on_the_team_closes_the_opening_and_adds_only_visible_candidates(
    client_as, recruiter, opening
):
    hidden = factories.CandidateFactory()
    own = factories.CandidateFactory(created_by=recruiter)
    client = client_as("recruiter")
    url = f"{BASE}/openings/{opening.pk}/"
    current = list(opening.candidates.values_list("id", flat=True))

    refused = client.patch(url, {"candidates": [*current, hidden.pk]})
    assert_error(refused, 400, "validation_error", field=f"candidates.{len(current)}")
    assert set(opening.candidates.values_list("id", flat=True)) == set(current)

    accepted = client.patch(url, {"candidates": [*current, own.pk], "status": "closed"})
    assert accepted.status_code == 200, accepted.json()
    opening.refresh_from_db()
    assert opening.status == "closed"
    assert set(opening.candidates.values_list("id", flat=True)) == {*current, own.pk}
    assert opening.history.latest("history_date").history_user == recruiter


def test_a_recruiter_who_leaves_the_team_gets_the_saved_opening_back_then_404(
    client_as, hr_user, opening
):
    client = client_as("recruiter")
    url = f"{BASE}/openings/{opening.pk}/"
    response = client.patch(url, {"hiring_team": [hr_user.pk]})
    assert response.status_code == 200
    assert response.json()["hiring_team"] == [hr_user.pk]
    assert_error(client.get(url), 404, "not_found")


@pytest.mark.parametrize("status", ["open", "closed"])
def test_openings_filter_by_status_and_role(client_as, opening, status):
    other = factories.OpeningFactory(status="closed")
    client = client_as("hr")
    listed = {
        row["id"] for row in client.get(f"{BASE}/openings/?status={status}").json()["results"]
    }
    assert listed == ({opening.pk} if status == "open" else {other.pk})
    by_role = client.get(f"{BASE}/openings/?role={opening.role.slug}").json()["results"]
    assert [row["id"] for row in by_role] == [opening.pk]


def test_scoring_is_an_answer_not_an_input(client_as, opening, director_role):
    candidate = opening.candidates.first()
    competency = director_role.requirements.first().competency
    response = client_as("recruiter").post(
        f"{BASE}/assessments/",
        {"candidate": candidate.pk, "competency": competency.slug, "level": 2, "scoring": "done"},
    )
    assert_error(response, 400, "validation_error", field="scoring")
    assert not Assessment.objects.filter(candidate=candidate, level=2).exists()
    # Reads show assessments as history, without a scoring state.
    factories.AssessmentFactory(candidate=candidate, competency=competency, level=3)
    listed = client_as("recruiter").get(f"{BASE}/assessments/").json()["results"]
    assert [sorted(row) for row in listed] == [
        ["assessed_at", "assessor", "candidate", "competency", "evidence", "id", "level"]
    ]

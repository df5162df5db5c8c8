"""Recruiting writes: validated, atomic, history-keeping, and tasks enqueued after commit."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from candidates import services
from candidates.models import Assessment, Candidate, CandidateRoleScore, FitSnapshot, Opening
from tests import factories

pytestmark = pytest.mark.django_db


def test_candidate_create_records_the_creator(recruiter):
    candidate = services.candidate_create(
        created_by=recruiter, name="Ada", email="ada@example.com", source="internal"
    )
    assert candidate.created_by == recruiter
    assert candidate.is_internal


def test_duplicate_email_is_a_field_level_error_regardless_of_case(recruiter):
    services.candidate_create(
        created_by=recruiter, name="Ada", email="ada@example.com", source="external"
    )
    with pytest.raises(ValidationError) as error:
        services.candidate_create(
            created_by=recruiter, name="Ada 2", email="ADA@example.com", source="external"
        )
    assert "already exists" in str(error.value)
    assert Candidate.objects.count() == 1


def test_invalid_candidate_saves_nothing(recruiter):
    with pytest.raises(ValidationError) as error:
        services.candidate_create(
            created_by=recruiter,
            name="",
            email="not-an-email",
            source="martian",
            years_experience=99,
        )
    assert set(error.value.message_dict) == {"name", "email", "source", "years_experience"}
    assert not Candidate.objects.exists()


@pytest.mark.parametrize("level", [-1, 6])
def test_assessment_level_outside_0_to_5_is_rejected(level, recruiter):
    candidate, competency = factories.CandidateFactory(), factories.CompetencyFactory()
    with pytest.raises(ValidationError) as error:
        services.assessment_create(
            candidate=candidate, competency=competency, level=level, assessor=recruiter
        )
    assert "level" in error.value.message_dict
    assert not Assessment.objects.exists()


def test_assessments_are_history_nothing_is_overwritten(recruiter):
    candidate, competency = factories.CandidateFactory(), factories.CompetencyFactory()
    for level in (2, 4):
        services.assessment_create(
            candidate=candidate,
            competency=competency,
            level=level,
            assessor=recruiter,
            assessed_at=datetime.date(2026, 1, level),
        )
    assert list(candidate.assessments.values_list("level", flat=True)) == [4, 2]


def test_assessment_rescores_the_candidate_and_records_a_snapshot(opening, recruiter):
    candidate = opening.candidates.first()
    requirement = opening.role.requirements.first()
    assert FitSnapshot.objects.filter(candidate=candidate).count() == 1  # joined: fit 0.0

    services.assessment_create(
        candidate=candidate, competency=requirement.competency, level=2, assessor=recruiter
    )

    score = CandidateRoleScore.objects.get(candidate=candidate, role=opening.role)
    assert score.fit > 0 and not score.stale
    latest = FitSnapshot.objects.filter(candidate=candidate).first()
    assert (latest.fit, latest.eligible) == (score.fit, score.eligible)
    assert FitSnapshot.objects.filter(candidate=candidate).count() == 2


def test_rescoring_twice_adds_nothing_more(opening):
    candidate = opening.candidates.first()
    before = list(CandidateRoleScore.objects.values())
    assert services.scores_rescore_candidates(candidate_ids=[candidate.pk]) == 1
    assert services.scores_rescore_candidates(candidate_ids=[candidate.pk]) == 1
    assert FitSnapshot.objects.filter(candidate=candidate).count() == 1
    after = list(CandidateRoleScore.objects.values())
    assert [dict(row, computed_at=None) for row in after] == [
        dict(row, computed_at=None) for row in before
    ]
    assert services.scores_rescore_candidates(candidate_ids=[999_999]) == 0


def test_opening_create_sets_team_and_candidates(hr_user, recruiter, director_role):
    people = factories.CandidateFactory.create_batch(3)
    opening = services.opening_create(
        created_by=hr_user,
        title="Director",
        role=director_role,
        hiring_team=[recruiter],
        candidates=people,
    )
    assert list(opening.hiring_team.all()) == [recruiter]
    assert opening.candidates.count() == 3
    services.opening_update(opening=opening, status="closed", candidates=people[:1])
    opening.refresh_from_db()
    assert opening.status == "closed" and opening.candidates.count() == 1


def test_opening_with_bad_status_is_rejected(hr_user, director_role):
    with pytest.raises(ValidationError) as error:
        services.opening_create(created_by=hr_user, title="X", role=director_role, status="paused")
    assert "status" in error.value.message_dict


def test_candidate_create_puts_the_new_candidate_on_openings(recruiter, opening):
    history_before = opening.history.count()
    candidate = services.candidate_create(
        created_by=recruiter,
        name="Ada",
        email="ada@example.com",
        source="external",
        openings=[opening],
    )
    assert list(candidate.openings.all()) == [opening]
    assert opening.history.count() > history_before  # the opening's history shows the addition


def test_an_invalid_candidate_is_put_on_no_opening(recruiter, opening):
    with pytest.raises(ValidationError):
        services.candidate_create(
            created_by=recruiter,
            name="",
            email="ada@example.com",
            source="external",
            openings=[opening],
        )
    assert opening.candidates.count() == 2
    assert not Candidate.objects.filter(email="ada@example.com").exists()


def test_assessment_dated_in_the_future_is_rejected_everywhere(recruiter):
    from django.utils import timezone

    candidate, competency = factories.CandidateFactory(), factories.CompetencyFactory()
    today = timezone.localdate()
    services.assessment_create(
        candidate=candidate,
        competency=competency,
        level=3,
        assessor=recruiter,
        assessed_at=today,
    )
    with pytest.raises(ValidationError) as error:
        services.assessment_create(
            candidate=candidate,
            competency=competency,
            level=5,
            assessor=recruiter,
            assessed_at=today + datetime.timedelta(days=1),
        )
    assert "future" in error.value.message_dict["assessed_at"][0]
    assert candidate.assessments.count() == 1


def test_assessment_evidence_and_date_bounds(recruiter):
    candidate, competency = factories.CandidateFactory(), factories.CompetencyFactory()
    with pytest.raises(ValidationError) as error:
        services.assessment_create(
            candidate=candidate,
            competency=competency,
            level=3,
            assessor=recruiter,
            evidence="x" * 5_001,
            assessed_at=datetime.date(1, 1, 1),
        )
    assert set(error.value.message_dict) == {"evidence", "assessed_at"}
    assert not candidate.assessments.exists()


def test_a_unique_email_race_is_a_conflict_error_not_a_crash(recruiter, monkeypatch):
    services.candidate_create(
        created_by=recruiter, name="First", email="same@example.com", source="external"
    )
    # Two requests pass full_clean's uniqueness check at the same moment; the database's
    # constraint refuses the second. Simulate that by skipping the check for this call.
    monkeypatch.setattr(Candidate, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as error:
        services.candidate_create(
            created_by=recruiter, name="Second", email="SAME@example.com", source="external"
        )
    assert error.value.code == "conflict"
    assert Candidate.objects.count() == 1  # and the test's transaction is still usable


def test_page_shows_a_conflict_instead_of_a_500(client, recruiter, monkeypatch):
    services.candidate_create(
        created_by=recruiter, name="First", email="same@example.com", source="external"
    )
    monkeypatch.setattr(Candidate, "validate_constraints", lambda self, exclude=None: None)
    client.force_login(recruiter)
    response = client.post(
        "/candidates/new/",
        {
            "name": "Second",
            "email": "same@example.com",
            "source": "external",
            "years_experience": "3",
            "notes": "",
        },
    )
    assert response.status_code == 400
    assert "at the same moment" in response.content.decode()
    assert Candidate.objects.count() == 1


# --- A scorecard: a batch of assessments ----------------------------------------------------


def test_a_batch_is_saved_whole_with_one_rescoring(opening, recruiter, monkeypatch):
    candidate = opening.candidates.first()
    competencies = [req.competency for req in opening.role.requirements.order_by("id")]
    calls = []
    real = services.scores_inputs_changed
    monkeypatch.setattr(
        services, "scores_inputs_changed", lambda **kw: calls.append(kw) or real(**kw)
    )
    saved = services.assessment_batch_create(
        candidate=candidate,
        entries=[
            services.ScorecardEntry(competency=competencies[0], level=4, evidence="Seen \r\n"),
            services.ScorecardEntry(competency=competencies[1], level=2),
        ],
        assessor=recruiter,
        assessed_at=datetime.date(2024, 5, 1),
    )
    assert [a.level for a in saved] == [4, 2]
    assert calls == [{"candidate_ids": [candidate.pk]}]
    assert Assessment.objects.filter(candidate=candidate).count() == 2
    assert Assessment.history.filter(candidate_id=candidate.pk).count() == 2
    assert saved[0].evidence == "Seen"
    score = CandidateRoleScore.objects.get(candidate=candidate, role=opening.role)
    assert (score.assessed_count, score.requirement_count) == (2, 3)


def test_a_batch_with_one_bad_row_saves_nothing_and_names_the_row(opening, recruiter):
    candidate = opening.candidates.first()
    first, second = [req.competency for req in opening.role.requirements.order_by("id")][:2]
    with pytest.raises(ValidationError) as error:
        services.assessment_batch_create(
            candidate=candidate,
            entries=[
                services.ScorecardEntry(competency=first, level=4),
                services.ScorecardEntry(competency=second, level=7),
                services.ScorecardEntry(competency=first, level=3),
            ],
            assessor=recruiter,
        )
    errors = error.value.message_dict
    assert set(errors) == {second.slug, "assessments"}
    assert first.slug in errors["assessments"][0]  # repeated
    assert not Assessment.objects.exists()


def test_an_empty_batch_or_a_future_date_is_refused(opening, recruiter):
    candidate = opening.candidates.first()
    competency = opening.role.requirements.first().competency
    with pytest.raises(ValidationError) as error:
        services.assessment_batch_create(candidate=candidate, entries=[], assessor=recruiter)
    assert "assessments" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.assessment_batch_create(
            candidate=candidate,
            entries=[services.ScorecardEntry(competency=competency, level=3)],
            assessor=recruiter,
            assessed_at=datetime.date(2999, 1, 1),
        )
    assert set(error.value.message_dict) == {"assessed_at"}
    assert not Assessment.objects.exists()


def test_a_team_change_alone_raises_the_openings_version_with_one_history_row(
    hr_user, recruiter, opening
):
    # Given an opening opened for editing at its version
    version, rows = opening.version, opening.history.count()
    # When only its hiring team changes
    services.opening_update(
        opening=opening, hiring_team=[recruiter, hr_user], expected_version=version
    )
    # Then the version rises once and the history holds the team change alone (no empty save)
    assert Opening.objects.get(pk=opening.pk).version == version + 1
    assert opening.history.count() == rows + 1
    # And saving the same again changes nothing: no new version, no history row
    services.opening_update(
        opening=opening, hiring_team=[recruiter, hr_user], expected_version=version + 1
    )
    assert Opening.objects.get(pk=opening.pk).version == version + 1
    assert opening.history.count() == rows + 1


def test_a_scorecard_adds_assessments_without_raising_the_candidates_version(scorecard_case):
    # Assessments are history added beside the candidate, as ``assessment_create`` adds them:
    # an edit form of the candidate opened before a scorecard is not stale.
    candidate, reqs = scorecard_case["candidate"], scorecard_case["reqs"]
    services.assessment_batch_create(
        candidate=candidate,
        entries=[services.ScorecardEntry(competency=reqs[0].competency, level=4)],
        assessor=None,
    )
    assert Candidate.objects.get(pk=candidate.pk).version == candidate.version
    assert Assessment.objects.filter(candidate=candidate).count() == 1

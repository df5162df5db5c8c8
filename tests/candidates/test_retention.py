"""Retention: candidates inactive for ``CANDIDATE_RETENTION_MONTHS`` are erased by a daily beat
task (and ``manage.py purge_inactive_candidates``) through the erasure service."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from candidates import services, tasks
from candidates.erasure import RETENTION_REASON
from candidates.models import Assessment, Candidate, ErasureRecord, Opening
from candidates.personal_data import inactive_candidates, retention_cutoff
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
UTC = datetime.UTC
NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
CUTOFF = datetime.datetime(2025, 6, 15, 12, 0, tzinfo=UTC)  # 12 months before NOW
LONG_AGO = datetime.datetime(2023, 1, 1, tzinfo=UTC)
TICK = datetime.timedelta(microseconds=1)


def aged(candidate: Candidate, when: datetime.datetime = LONG_AGO) -> Candidate:
    """Make the candidate, their assessments and their openings' history as old as ``when``."""
    Candidate.objects.filter(pk=candidate.pk).update(created_at=when, updated_at=when)
    Assessment.objects.filter(candidate=candidate).update(created_at=when)
    Opening.history.filter(id__in=candidate.openings.values("id")).update(history_date=when)
    return candidate


def inactive_ids(months: int = 12) -> list[int]:
    return list(inactive_candidates(months, now=NOW).values_list("id", flat=True))


@pytest.mark.parametrize(
    ("now", "months", "cutoff"),
    [
        (NOW, 12, CUTOFF),
        (datetime.datetime(2026, 3, 31, tzinfo=UTC), 1, datetime.datetime(2026, 2, 28, tzinfo=UTC)),
        (
            datetime.datetime(2026, 1, 10, tzinfo=UTC),
            13,
            datetime.datetime(2024, 12, 10, tzinfo=UTC),
        ),
    ],
)
def test_the_cutoff_is_whole_calendar_months_back(now, months, cutoff):
    assert retention_cutoff(months, now=now) == cutoff


@pytest.mark.django_db
def test_activity_exactly_at_the_cutoff_still_counts_and_a_moment_before_does_not():
    at_cutoff = aged(factories.CandidateFactory(), CUTOFF)
    just_before = aged(factories.CandidateFactory(), CUTOFF - TICK)

    assert inactive_ids() == [just_before.pk]
    assert at_cutoff.pk not in inactive_ids()


@pytest.mark.django_db
def test_a_recent_edit_keeps_a_candidate():
    edited = aged(factories.CandidateFactory())
    Candidate.objects.filter(pk=edited.pk).update(updated_at=CUTOFF)

    assert inactive_ids() == []


@pytest.mark.django_db
def test_an_assessment_recorded_recently_keeps_them_whatever_date_it_is_about(hr_user):
    candidate = factories.CandidateFactory()
    assessment = services.assessment_create(
        candidate=candidate,
        competency=factories.CompetencyFactory(),
        level=3,
        assessor=hr_user,
        assessed_at=datetime.date(2020, 1, 1),
    )
    aged(candidate)
    Assessment.objects.filter(pk=assessment.pk).update(created_at=CUTOFF + TICK)
    assert inactive_ids() == []

    Assessment.objects.filter(pk=assessment.pk).update(created_at=CUTOFF - TICK)
    assert inactive_ids() == [candidate.pk]


@pytest.mark.django_db
def test_joining_or_leaving_an_opening_recently_keeps_them(hr_user):
    role = factories.RoleFactory()
    joined = factories.CandidateFactory()
    left = factories.CandidateFactory()
    opening = services.opening_create(
        created_by=hr_user, title="Old opening", role=role, candidates=[left]
    )
    aged(left)
    aged(joined)
    assert set(inactive_ids()) == {joined.pk, left.pk}

    # When, within the window, one joins the opening and the other leaves it
    services.opening_update(opening=opening, candidates=[joined])

    # Then both count as active again
    assert inactive_ids() == []


@pytest.mark.django_db
def test_employees_in_post_are_exempt_but_not_others_with_a_role():
    role = factories.RoleFactory()
    in_post = aged(factories.CandidateFactory(source=Candidate.Source.INTERNAL, current_role=role))
    internal_without_role = aged(factories.CandidateFactory(source=Candidate.Source.INTERNAL))
    external_with_role = aged(factories.CandidateFactory(current_role=role))

    assert inactive_ids() == sorted([internal_without_role.pk, external_with_role.pk])
    assert in_post.pk not in inactive_ids()


# --- The command ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_dry_run_lists_who_would_go_and_erases_nobody(settings):
    settings.CANDIDATE_RETENTION_MONTHS = 12
    old = aged(factories.CandidateFactory(name="Old Timer"))
    recent = factories.CandidateFactory()
    out = StringIO()

    call_command("purge_inactive_candidates", "--dry-run", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"#{old.pk}\t")
    assert f"/candidates/{old.pk}/" in lines[0]
    assert "Old Timer" not in out.getvalue()  # ids, not names: the output may be logged
    assert lines[-1].startswith("Would erase 1 candidate inactive since ")
    assert Candidate.objects.filter(pk__in=[old.pk, recent.pk]).count() == 2
    assert not ErasureRecord.objects.exists()


@pytest.mark.django_db
def test_the_command_erases_and_refuses_when_retention_is_off(settings):
    old = aged(factories.CandidateFactory())
    settings.CANDIDATE_RETENTION_MONTHS = 0
    with pytest.raises(CommandError, match="Retention is off"):
        call_command("purge_inactive_candidates", "--dry-run", stdout=StringIO())

    out = StringIO()
    call_command("purge_inactive_candidates", "--months", "12", stdout=out)

    assert out.getvalue().startswith("Erased 1 candidate inactive since ")
    assert not Candidate.objects.filter(pk=old.pk).exists()
    assert ErasureRecord.objects.get().candidate_id == old.pk


# --- The periodic task ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_task_erases_the_inactive_through_the_erasure_service_once(settings, hr_user):
    settings.CANDIDATE_RETENTION_MONTHS = 12
    opening = factories.OpeningFactory()
    old = factories.CandidateFactory()
    opening.candidates.add(old)
    factories.AssessmentFactory(candidate=old, evidence="Old evidence")
    aged(old)
    kept = factories.CandidateFactory()

    assert tasks.purge_inactive_candidates.delay().get() == 1

    assert list(Candidate.objects.values_list("id", flat=True)) == [kept.pk]
    record = ErasureRecord.objects.get()
    assert (record.candidate_id, record.erased_by, record.reason) == (
        old.pk,
        None,
        RETENTION_REASON,
    )
    assert record.removed["assessments"] == 1
    assert record.removed["opening_memberships"] == 1
    assert not Candidate.history.filter(id=old.pk).exists()
    # Running it again erases nothing more
    assert tasks.purge_inactive_candidates.delay().get() == 0
    assert ErasureRecord.objects.count() == 1


@pytest.mark.django_db
def test_the_task_does_nothing_when_retention_is_off(settings):
    settings.CANDIDATE_RETENTION_MONTHS = 0
    old = aged(factories.CandidateFactory())

    assert tasks.purge_inactive_candidates.delay().get() == 0
    assert Candidate.objects.filter(pk=old.pk).exists()


def _beat_schedule(**env: str) -> subprocess.CompletedProcess:
    code = "import careerpath.settings as s; print(sorted(s.CELERY_BEAT_SCHEDULE))"
    clean = {k: v for k, v in os.environ.items() if k != "CANDIDATE_RETENTION_MONTHS"}
    return subprocess.run(  # noqa: S603 — our own interpreter and a fixed script
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_daily_purge_is_on_the_beat_schedule_only_when_retention_is_set():
    on = _beat_schedule(CANDIDATE_RETENTION_MONTHS="24")
    assert "purge-inactive-candidates" in on.stdout, on.stderr
    off = _beat_schedule()
    assert off.stdout.strip() == "['reconcile-scores']", off.stderr
    bad = _beat_schedule(CANDIDATE_RETENTION_MONTHS="two years")
    assert "CANDIDATE_RETENTION_MONTHS must be a whole number" in bad.stderr

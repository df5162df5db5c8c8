"""Celery through a real Redis broker and a real worker (needs REDIS_URL; CI provides it), and
what a dead broker costs a writer (nothing: the write succeeds and the reconciler catches up)."""

from __future__ import annotations

import logging
import os

import pytest
from django.conf import settings

from candidates import services
from candidates.models import Assessment, CandidateRoleScore, FitSnapshot
from candidates.tasks import reconcile_scores, rescore_candidates
from careerpath.celery import app
from careerpath.task_queue import enqueue
from tests import factories
from tests.careerpath.celery_support import (
    assert_matches_the_rules,
    current_scores,
    free_port,
    real_worker,
    redis_reachable,
    use_broker,
    wait_until,
)
from tests.conftest import require_service

pytestmark = pytest.mark.redis

API = "/api/v1"


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    require_service(redis_reachable(url), f"Redis is not reachable (REDIS_URL={url!r})")
    return url


@pytest.fixture
def dead_broker_url() -> str:
    return f"redis://127.0.0.1:{free_port()}/0"


def _assessment_body(candidate, competency, level: int) -> dict:
    return {"candidate": candidate.pk, "competency": competency.slug, "level": level}


def test_rescoring_runs_on_a_real_worker_and_running_it_twice_changes_nothing(
    transactional_db, redis_url, director_role
):
    # Given a candidate on an opening, assessed (scored in-process while the data is made)
    candidate = factories.CandidateFactory(years_experience=6)
    factories.OpeningFactory(role=director_role, candidates=[candidate])
    competency = director_role.requirements.first().competency
    factories.AssessmentFactory(candidate=candidate, competency=competency, level=4)
    score = CandidateRoleScore.objects.get(candidate=candidate, role=director_role)
    snapshots = FitSnapshot.objects.filter(candidate=candidate, role=director_role).count()

    with real_worker(redis_url):
        # When its inputs change with tasks going to the worker
        services.scores_inputs_changed(candidate_ids=[candidate.pk])
        wait_until(
            lambda: candidate.pk in current_scores(director_role.pk),
            timeout=30,
            what="the queued rescoring to run on the worker",
        )
        rescored = CandidateRoleScore.objects.get(pk=score.pk)

        # ... and the same message runs once more, as a redelivered one would
        assert enqueue(rescore_candidates, [candidate.pk])
        wait_until(
            lambda: CandidateRoleScore.objects.get(pk=score.pk).computed_at != rescored.computed_at,
            timeout=30,
            what="the second rescoring to run on the worker",
        )

    # Then the worker computed the rules' values, and neither run added a row or a snapshot
    again = CandidateRoleScore.objects.get(pk=score.pk)
    assert rescored.computed_version == rescored.input_version > score.input_version
    assert_matches_the_rules(again)
    assert (again.fit_tenths, again.eligible, again.shortfall) == (
        score.fit_tenths,
        score.eligible,
        score.shortfall,
    )
    assert CandidateRoleScore.objects.filter(candidate=candidate).count() == 1
    assert FitSnapshot.objects.filter(candidate=candidate, role=director_role).count() == snapshots


def test_a_dead_broker_costs_the_writer_nothing(
    client_for, recruiter, opening, dead_broker_url, caplog, django_capture_on_commit_callbacks
):
    # Given a candidate with a current score, and a broker nobody listens on
    candidate = opening.candidates.first()
    competency = opening.role.requirements.first().competency
    assert not CandidateRoleScore.objects.get(candidate=candidate, role=opening.role).stale

    # When a recruiter posts an assessment
    with (
        use_broker(dead_broker_url),
        caplog.at_level(logging.WARNING, logger="careerpath.task_queue"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        response = client_for(recruiter).post(
            f"{API}/assessments/", _assessment_body(candidate, competency, 5)
        )

    # Then the write succeeded and says scoring is queued; the score waits, stale, for the
    # reconciler; and the broker failure is one warning, not an error
    assert response.status_code == 201, response.content
    assert response.json()["scoring"] == "queued"
    assert Assessment.objects.filter(candidate=candidate, level=5).count() == 1
    assert CandidateRoleScore.objects.get(candidate=candidate, role=opening.role).stale
    assert len(callbacks) == 1
    warnings = [r for r in caplog.records if r.name == "careerpath.task_queue"]
    assert [r.levelno for r in warnings] == [logging.WARNING]
    assert "candidates.rescore_candidates" in warnings[0].getMessage()


def test_a_write_while_the_broker_was_down_is_scored_once_it_is_back(
    transactional_db, client_for, recruiter, opening, dead_broker_url, redis_url
):
    # Given an assessment posted while the broker was down (its rescoring never queued)
    candidate = opening.candidates.first()
    competency = opening.role.requirements.first().competency
    with use_broker(dead_broker_url):
        response = client_for(recruiter).post(
            f"{API}/assessments/", _assessment_body(candidate, competency, 5)
        )
    assert response.status_code == 201, response.content
    assert CandidateRoleScore.objects.get(candidate=candidate, role=opening.role).stale

    # When the broker is back and beat's reconcile task runs on a worker
    with real_worker(redis_url):
        assert enqueue(reconcile_scores)
        wait_until(
            lambda: candidate.pk in current_scores(opening.role_id),
            timeout=30,
            what="the reconciler's rescoring to run on the worker",
        )

    # Then the score is current and equals the rules; the assessment exists once
    score = CandidateRoleScore.objects.get(candidate=candidate, role=opening.role)
    assert not score.stale
    assert_matches_the_rules(score)
    assert Assessment.objects.filter(candidate=candidate, level=5).count() == 1


def test_the_beat_schedule_runs_the_reconciler_every_configured_interval():
    entry = settings.CELERY_BEAT_SCHEDULE["reconcile-scores"]
    assert entry["task"] == reconcile_scores.name
    assert entry["task"] in app.tasks
    assert entry["schedule"] == settings.SCORE_RECONCILE_SECONDS


def test_settings_run_eagerly_without_a_broker():
    assert settings.CELERY_TASK_ALWAYS_EAGER is settings.CELERY_BROKER_URL.startswith("memory:")

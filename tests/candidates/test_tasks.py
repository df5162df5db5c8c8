"""The scoring tasks: database errors are retried (not lost), and a rerun changes nothing."""

from __future__ import annotations

import pytest
from django.db import InterfaceError, OperationalError

from candidates import services, tasks
from candidates.models import CandidateRoleScore, FitSnapshot
from careerpath.celery import app


@pytest.fixture
def task_errors_are_results():
    """Run eagerly as a worker would: a failure (or a retry) is the task's result, not raised."""
    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_error_is_retried_and_the_rescoring_still_happens(
    opening, monkeypatch, error, task_errors_are_results
):
    candidate = opening.candidates.first()
    CandidateRoleScore.objects.filter(candidate=candidate).update(computed_version=0)
    real = services.scores_rescore_candidates
    calls: list[list[int]] = []

    def flaky(*, candidate_ids: list[int]) -> int:
        calls.append(candidate_ids)
        if len(calls) == 1:
            raise error("server closed the connection unexpectedly")
        return real(candidate_ids=candidate_ids)

    monkeypatch.setattr(services, "scores_rescore_candidates", flaky)

    result = tasks.rescore_candidates.apply(args=[[candidate.pk]])

    assert result.successful(), result.traceback
    assert calls == [[candidate.pk], [candidate.pk]]
    assert not CandidateRoleScore.objects.get(candidate=candidate, role=opening.role).stale


def test_a_task_gives_up_after_its_retries_and_leaves_the_score_stale(
    opening, monkeypatch, task_errors_are_results
):
    candidate = opening.candidates.first()
    CandidateRoleScore.objects.filter(candidate=candidate).update(computed_version=0)
    attempts: list[list[int]] = []

    def down(*, candidate_ids: list[int]) -> int:
        attempts.append(candidate_ids)
        raise OperationalError("the database is down")

    monkeypatch.setattr(services, "scores_rescore_candidates", down)
    monkeypatch.setattr(tasks.rescore_candidates, "max_retries", 2)

    result = tasks.rescore_candidates.apply(args=[[candidate.pk]])

    assert result.failed()
    assert len(attempts) == 3  # the first try and two retries
    # Stale, so the reconciler will queue it again once the database is back.
    assert CandidateRoleScore.objects.get(candidate=candidate, role=opening.role).stale


def test_running_the_rescoring_twice_changes_nothing_more(opening):
    candidate = opening.candidates.first()
    tasks.rescore_candidates.apply(args=[[candidate.pk]])
    before = list(CandidateRoleScore.objects.values("candidate", "role", "fit_tenths", "eligible"))
    snapshots = FitSnapshot.objects.count()

    tasks.rescore_candidates.apply(args=[[candidate.pk]])
    tasks.rescore_role.apply(args=[opening.role_id])

    after = list(CandidateRoleScore.objects.values("candidate", "role", "fit_tenths", "eligible"))
    assert after == before
    assert FitSnapshot.objects.count() == snapshots


def test_the_reconcile_task_rescores_what_is_stale_or_missing(opening):
    first, second = opening.candidates.order_by("pk")
    CandidateRoleScore.objects.filter(candidate=first).update(computed_version=0)
    CandidateRoleScore.objects.filter(candidate=second).delete()

    assert tasks.reconcile_scores.apply().get() == 2

    scores = CandidateRoleScore.objects.filter(role=opening.role)
    assert sorted(s.candidate_id for s in scores) == [first.pk, second.pk]
    assert not any(score.stale for score in scores)

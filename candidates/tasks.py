"""Celery tasks: they take ids and call a service, and running one twice changes nothing more.

Each is acknowledged only after it ran (``CELERY_TASK_ACKS_LATE``, put back if its worker dies
mid-task) and retried with backoff on database errors (``DATABASE_RETRY_OPTIONS``); what is lost
anyway — a broker restarted empty — leaves a stale score that ``reconcile_scores`` (Celery beat,
every ``SCORE_RECONCILE_SECONDS``) queues again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from celery import shared_task

from candidates import services
from careerpath.task_queue import DATABASE_RETRY_OPTIONS, task_test_delay
from jobs.models import Job
from jobs.services import job_fail

logger = logging.getLogger(__name__)


@shared_task(name="candidates.rescore_candidates", **DATABASE_RETRY_OPTIONS)
def rescore_candidates(candidate_ids: list[int]) -> int:
    """Rescore these candidates for every role whose pool they are in; returns rows written."""
    task_test_delay()
    return services.scores_rescore_candidates(candidate_ids=candidate_ids)


@shared_task(name="candidates.rescore_role", **DATABASE_RETRY_OPTIONS)
def rescore_role(role_id: int) -> int:
    """Rescore a role's whole pool (after its requirements or minimum years changed)."""
    task_test_delay()
    return services.scores_rescore_role(role_id=role_id)


@shared_task(name="candidates.reconcile_scores", **DATABASE_RETRY_OPTIONS)
def reconcile_scores() -> int:
    """Periodic safety net: queue rescoring for every stale or missing score."""
    return services.scores_reconcile()


@shared_task(name="candidates.import_candidates", ignore_result=False)
def import_candidates(job_id: str) -> None:
    """Run a candidate import job (its file and options are on the job). A finished job is left
    alone, so a redelivered task changes nothing."""
    services.candidate_import_run(job_id=job_id)


@shared_task(name="candidates.export_opening_report", ignore_result=False)
def export_opening_report(job_id: str, opening_id: int, user_id: int) -> str:
    """Make an opening's PDF report for a job (started by ``opening_report_request``); returns
    the job's final state."""
    with _job_fails_on_error(job_id, "The report could not be made."):
        return services.opening_report_make(
            job_id=job_id, opening_id=opening_id, user_id=user_id
        ).state
    return Job.State.FAILED


@shared_task(name="candidates.export_candidates", ignore_result=False)
def export_candidates(job_id: str, user_id: int) -> str:
    """Write a candidate list export job's Excel file (started by ``candidate_export_request``);
    returns the job's final state."""
    with _job_fails_on_error(job_id, "The Excel file could not be made."):
        return services.candidate_export_make(job_id=job_id, user_id=user_id).state
    return Job.State.FAILED


@contextmanager
def _job_fails_on_error(job_id: str, message: str) -> Iterator[None]:
    """A bug or an outage must not leave an export job "running" for ever: it is logged, and
    the job fails saying so (people see that; the details are in the log)."""
    try:
        yield
    except Exception:
        logger.exception("Export job %s failed", job_id)
        job_fail(job_id=job_id, message=f"{message} The error was logged; try again later.")


@shared_task(name="candidates.purge_inactive_candidates", **DATABASE_RETRY_OPTIONS)
def purge_inactive_candidates() -> int:
    """Periodic (daily, when ``CANDIDATE_RETENTION_MONTHS`` is set): erase the candidates
    inactive for that many months; returns how many. Nothing to do when retention is off."""
    from django.conf import settings

    from candidates.erasure import candidates_purge_inactive

    return len(candidates_purge_inactive(months=settings.CANDIDATE_RETENTION_MONTHS))

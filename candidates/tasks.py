"""Celery tasks: they take ids and call a service, and running one twice changes nothing more.

Each is acknowledged only after it ran (``CELERY_TASK_ACKS_LATE``) and retried with backoff on
database errors (``DATABASE_RETRY_OPTIONS``), so a killed worker or a database blip loses nothing.
"""

from __future__ import annotations

from celery import shared_task

from candidates.services import fit_snapshots_record
from careerpath.task_queue import DATABASE_RETRY_OPTIONS, task_test_delay


@shared_task(name="candidates.record_fit_snapshots", **DATABASE_RETRY_OPTIONS)
def record_fit_snapshots(candidate_id: int) -> int:
    """Record changed fit snapshots for a candidate; returns how many were added."""
    task_test_delay()
    return len(fit_snapshots_record(candidate_id=candidate_id))

"""Celery tasks: they take ids and call a service, and running one twice changes nothing more."""

from __future__ import annotations

from celery import shared_task

from candidates.services import candidate_import_run, fit_snapshots_record


@shared_task(name="candidates.record_fit_snapshots", ignore_result=False)
def record_fit_snapshots(candidate_id: int) -> int:
    """Record changed fit snapshots for a candidate; returns how many were added."""
    return len(fit_snapshots_record(candidate_id=candidate_id))


@shared_task(name="candidates.import_candidates", ignore_result=False)
def import_candidates(job_id: str) -> None:
    """Run a candidate import job (its file and options are on the job). A finished job is left
    alone, so a redelivered task changes nothing."""
    candidate_import_run(job_id=job_id)

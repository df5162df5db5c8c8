"""Celery tasks: they take ids and call a service, and running one twice changes nothing more."""

from __future__ import annotations

from celery import shared_task

from candidates.services import fit_snapshots_record, opening_report_make


@shared_task(name="candidates.record_fit_snapshots", ignore_result=False)
def record_fit_snapshots(candidate_id: int) -> int:
    """Record changed fit snapshots for a candidate; returns how many were added."""
    return len(fit_snapshots_record(candidate_id=candidate_id))


@shared_task(name="candidates.export_opening_report", ignore_result=False)
def export_opening_report(job_id: str, opening_id: int, user_id: int) -> str:
    """Make an opening's PDF report for a job (started by ``opening_report_request``); returns
    the job's final state."""
    return opening_report_make(job_id=job_id, opening_id=opening_id, user_id=user_id).state

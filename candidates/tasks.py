"""Celery tasks: they take ids and call a service, and running one twice changes nothing more."""

from __future__ import annotations

from celery import shared_task

from candidates.services import fit_snapshots_record


@shared_task(name="candidates.record_fit_snapshots", ignore_result=False)
def record_fit_snapshots(candidate_id: int) -> int:
    """Record changed fit snapshots for a candidate; returns how many were added."""
    return len(fit_snapshots_record(candidate_id=candidate_id))

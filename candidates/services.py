"""Writes for recruiting. Every entry point (pages, API, admin, tasks) changes data through here.

Each service validates with ``full_clean()`` before saving, inside a transaction, so bad input
raises ``ValidationError`` with field-level messages and leaves the database as it was.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from candidates.models import Assessment, Candidate, FitSnapshot, Opening
from careerpath.model_fields import assign_validate_save, conflicts_as_validation_errors
from roles.models import Role
from skills.models import Competency

CANDIDATE_FIELDS = ("name", "email", "source", "current_role", "years_experience", "notes")
OPENING_FIELDS = ("title", "role", "status")


@conflicts_as_validation_errors
@transaction.atomic
def candidate_create(
    *,
    created_by: User | None,
    name: str,
    email: str,
    source: str,
    current_role: Role | None = None,
    years_experience: int = 0,
    notes: str = "",
    openings: Iterable[Opening] = (),
) -> Candidate:
    """Add a candidate, recording who created them (a recruiter then sees the candidate), and
    put them on ``openings`` in the same transaction. Callers pass only openings the creator
    may see (``selectors.openings_visible_to``)."""
    candidate = Candidate(
        name=name,
        email=email,
        source=source,
        current_role=current_role,
        years_experience=years_experience,
        notes=notes,
        created_by=created_by,
    )
    candidate.full_clean()
    candidate.save()
    for opening in openings:
        # Added from the opening's side so the opening's history records the change.
        opening.candidates.add(candidate)
    return candidate


@conflicts_as_validation_errors
@transaction.atomic
def candidate_update(*, candidate: Candidate, **fields: Any) -> Candidate:
    assign_validate_save(candidate, fields, CANDIDATE_FIELDS)
    if "current_role" in fields or "years_experience" in fields:
        _enqueue_snapshots(candidate.pk)
    return candidate


@transaction.atomic
def assessment_create(
    *,
    candidate: Candidate,
    competency: Competency,
    level: int,
    assessor: User | None,
    evidence: str = "",
    assessed_at: datetime.date | None = None,
) -> Assessment:
    """Add an assessment. Nothing is overwritten: the latest one counts."""
    assessment = Assessment(
        candidate=candidate,
        competency=competency,
        level=level,
        evidence=evidence,
        assessor=assessor,
    )
    if assessed_at is not None:
        assessment.assessed_at = assessed_at
    assessment.full_clean()
    assessment.save()
    _enqueue_snapshots(candidate.pk)
    return assessment


@conflicts_as_validation_errors
@transaction.atomic
def opening_create(
    *,
    created_by: User | None,
    title: str,
    role: Role,
    status: str = Opening.Status.OPEN,
    hiring_team: Iterable[User] = (),
    candidates: Iterable[Candidate] = (),
) -> Opening:
    opening = Opening(title=title, role=role, status=status, created_by=created_by)
    opening.full_clean()
    opening.save()
    opening.hiring_team.set(list(hiring_team))
    opening.candidates.set(list(candidates))
    return opening


@conflicts_as_validation_errors
@transaction.atomic
def opening_update(
    *,
    opening: Opening,
    hiring_team: Iterable[User] | None = None,
    candidates: Iterable[Candidate] | None = None,
    **fields: Any,
) -> Opening:
    assign_validate_save(opening, fields, OPENING_FIELDS)
    if hiring_team is not None:
        opening.hiring_team.set(list(hiring_team))
    if candidates is not None:
        opening.candidates.set(list(candidates))
    return opening


def _enqueue_snapshots(candidate_id: int) -> None:
    from candidates.tasks import record_fit_snapshots

    # After commit: the worker must see the row this transaction wrote.
    transaction.on_commit(lambda: record_fit_snapshots.delay(candidate_id))


def fit_snapshots_record(*, candidate_id: int) -> list[FitSnapshot]:
    """Record the candidate's current fit for the role of every opening they are in (and their
    current role), skipping roles whose fit and eligibility have not changed. Idempotent."""
    from candidates.scoring import RoleNotScorable
    from candidates.selectors import candidate_fit

    created: list[FitSnapshot] = []
    with transaction.atomic():
        # The candidate's row, locked: two runs at once (two assessments saved together) would
        # otherwise both read the same last snapshot and both insert the new one.
        candidate = Candidate.objects.select_for_update().filter(pk=candidate_id).first()
        if candidate is None:
            return []
        role_ids = set(candidate.openings.values_list("role_id", flat=True))
        if candidate.current_role_id:
            role_ids.add(candidate.current_role_id)
        for role in Role.objects.filter(pk__in=role_ids).order_by("pk"):
            try:
                result = candidate_fit(candidate, role)
            except RoleNotScorable:
                continue
            last = (
                FitSnapshot.objects.filter(candidate=candidate, role=role)
                .order_by("-recorded_at", "-id")
                .first()
            )
            if last and last.fit == result.fit and last.eligible == result.eligible:
                continue
            created.append(
                FitSnapshot.objects.create(
                    candidate=candidate,
                    role=role,
                    fit=result.fit,
                    eligible=result.eligible,
                    shortfall=result.shortfall,
                )
            )
    return created

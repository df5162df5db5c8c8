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
from django.db.models import Count, F
from django.utils import timezone

from candidates import score_queries
from candidates.models import Assessment, Candidate, CandidateRoleScore, Opening
from careerpath.model_fields import assign_validate_save, conflicts_as_validation_errors
from careerpath.task_queue import enqueue_on_commit
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
    if openings or candidate.current_role_id:
        scores_inputs_changed(candidate_ids=[candidate.pk])
    return candidate


@conflicts_as_validation_errors
@transaction.atomic
def candidate_update(*, candidate: Candidate, **fields: Any) -> Candidate:
    before = (candidate.current_role_id, candidate.years_experience)
    assign_validate_save(candidate, fields, CANDIDATE_FIELDS)
    if (candidate.current_role_id, candidate.years_experience) != before:
        scores_inputs_changed(candidate_ids=[candidate.pk])
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
    scores_inputs_changed(candidate_ids=[candidate.pk])
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
    chosen = list(candidates)
    opening.candidates.set(chosen)
    scores_inputs_changed(candidate_ids=[c.pk for c in chosen])
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
    role_before = opening.role_id
    members_before = set(opening.candidates.values_list("pk", flat=True))
    assign_validate_save(opening, fields, OPENING_FIELDS)
    if hiring_team is not None:
        opening.hiring_team.set(list(hiring_team))
    if candidates is not None:
        opening.candidates.set(list(candidates))
    members_after = set(opening.candidates.values_list("pk", flat=True))
    if opening.role_id != role_before:
        scores_inputs_changed(candidate_ids=members_before | members_after)
    else:
        scores_inputs_changed(candidate_ids=members_before ^ members_after)
    return opening


# --- Stored scores --------------------------------------------------------------------------

# A role whose pool has more stale rows than this is rescored whole (one set of statements)
# rather than candidate by candidate.
WHOLE_POOL_THRESHOLD = 2_000


def scores_inputs_changed(
    *, candidate_ids: Iterable[int] = (), role_ids: Iterable[int] = ()
) -> None:
    """Something that feeds the fit rules changed for these candidates or roles: mark their
    stored scores stale (in the caller's transaction) and queue their rescoring after commit.

    Call it from every write that changes an assessment, a candidate's years or current role,
    a role's requirements or minimum years, or who is on an opening.
    """
    candidates = sorted(set(candidate_ids))
    roles = sorted(set(role_ids))
    if not candidates and not roles:
        return
    with transaction.atomic():
        score_queries.mark_inputs_changed(candidate_ids=candidates, role_ids=roles)
    _queue_rescoring(candidate_ids=candidates, role_ids=roles)


def _queue_rescoring(*, candidate_ids: list[int], role_ids: list[int]) -> None:
    from candidates import tasks
    from careerpath.celery import app

    if app.conf.task_always_eager:
        # In-process (the embedded run and the tests): score inside the writer's transaction,
        # so a page read right after the write already sees the new score.
        for role_id in role_ids:
            tasks.rescore_role.delay(role_id)
        for chunk in score_queries.chunked(candidate_ids):
            tasks.rescore_candidates.delay(chunk)
        return
    # After commit (the worker must see the rows this transaction wrote), and never failing the
    # write: with the broker down the scores stay stale and the reconciler queues them later.
    for role_id in role_ids:
        enqueue_on_commit(tasks.rescore_role, role_id)
    for chunk in score_queries.chunked(candidate_ids):
        enqueue_on_commit(tasks.rescore_candidates, chunk)


@transaction.atomic
def scores_rescore_candidates(*, candidate_ids: Iterable[int]) -> int:
    """Rescore these candidates for every role whose pool they are in (and drop scores for
    roles they have left). Idempotent; returns the number of score rows written."""
    now = timezone.now()
    written = 0
    for chunk in score_queries.chunked(candidate_ids):
        for role_id in score_queries.pool_roles_of(chunk):
            written += score_queries.rescore_role_pool(
                role_id=role_id, candidate_ids=chunk, now=now
            )
    return written


@transaction.atomic
def scores_rescore_role(*, role_id: int) -> int:
    """Rescore the role's whole pool in a few statements. Idempotent; returns rows written."""
    return score_queries.rescore_role_pool(role_id=role_id, candidate_ids=None, now=timezone.now())


@transaction.atomic
def scores_reconcile_missing() -> int:
    """Add a not-yet-scored row for every pool pair that has none (a candidate put on an
    opening outside the services); returns how many were added."""
    return score_queries.add_missing_pairs()


def scores_reconcile() -> int:
    """Find scores that are stale or missing and queue their rescoring; returns how many.

    The safety net under the on-commit tasks: a broker that was down, a worker killed with the
    message lost, or data changed outside the services all leave a stale or missing row.
    """
    scores_reconcile_missing()
    stale = CandidateRoleScore.objects.filter(computed_version__lt=F("input_version"))
    found = 0
    for row in stale.values("role_id").annotate(count=Count("id")).order_by("role_id"):
        found += row["count"]
        if row["count"] > WHOLE_POOL_THRESHOLD:
            _queue_rescoring(candidate_ids=[], role_ids=[row["role_id"]])
        else:
            ids = stale.filter(role_id=row["role_id"]).values_list("candidate_id", flat=True)
            _queue_rescoring(candidate_ids=list(ids), role_ids=[])
    return found

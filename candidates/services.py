"""Writes for recruiting. Every entry point (pages, API, admin, tasks) changes data through here.

Each service validates with ``full_clean()`` before saving, inside a transaction, so bad input
raises ``ValidationError`` with field-level messages and leaves the database as it was.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from candidates import access
from candidates.models import Assessment, Candidate, FitSnapshot, Opening
from careerpath.model_fields import assign_validate_save, conflicts_as_validation_errors
from jobs.models import Job
from jobs.services import job_create, job_fail, job_progress, job_start, job_succeed
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

    candidate = Candidate.objects.filter(pk=candidate_id).first()
    if candidate is None:
        return []
    role_ids = set(candidate.openings.values_list("role_id", flat=True))
    if candidate.current_role_id:
        role_ids.add(candidate.current_role_id)
    created: list[FitSnapshot] = []
    with transaction.atomic():
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


# --- Reports ----------------------------------------------------------------------------------

OPENING_REPORT_JOB = "opening_report"


@transaction.atomic
def opening_report_request(*, opening: Opening, user: User) -> Job:
    """A job that makes the opening's PDF report in the background; the task is enqueued once
    the job is committed. The caller has checked that ``user`` may see the opening (the task
    checks again when it runs)."""

    from candidates.tasks import export_opening_report

    job = job_create(
        kind=OPENING_REPORT_JOB,
        created_by=user,
        total=3,  # gather the data, lay out the PDF, store it
        params={"opening": opening.pk},
    )
    job_id, opening_id, user_id = str(job.pk), opening.pk, user.pk
    transaction.on_commit(lambda: export_opening_report.delay(job_id, opening_id, user_id))
    return job


def opening_report_make(*, job_id: str, opening_id: int, user_id: int) -> Job:
    """Make the opening's PDF report and store it on the job, or fail the job saying why.

    Access is checked again here: between the click and the run the user may have left the
    opening's hiring team or lost their group. Running it again on a finished job changes
    nothing.
    """

    from candidates import exports, selectors  # exports read through the selectors
    from candidates.scoring import RoleNotScorable

    if not job_start(job_id=job_id):
        return Job.objects.get(pk=job_id)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    try:
        if user is None or not access.can_work_with_candidates(user):
            raise Http404
        opening = selectors.opening_for_user(user, opening_id)
    except Http404:
        return job_fail(job_id=job_id, message="You can no longer see this opening.")
    try:
        report = selectors.opening_report(opening, made_by=user)
    except RoleNotScorable as error:
        return job_fail(job_id=job_id, message=error.messages[0])
    job_progress(job_id=job_id, done=1)
    content = exports.opening_report_pdf(report)
    job_progress(job_id=job_id, done=2)
    stem = slugify(opening.title)[:60] or "opening"
    ranking = report.comparison.ranking
    return job_succeed(
        job_id=job_id,
        result={
            "summary": [
                {"label": "Opening", "value": opening.title},
                {"label": "Candidates compared", "value": len(ranking)},
                {
                    "label": "Eligible",
                    "value": sum(1 for entry in ranking if entry.result.eligible),
                },
                {"label": "Development plans", "value": len(report.plans)},
            ],
            "links": [
                {
                    "label": "Back to the comparison",
                    "url": reverse("candidates:opening-compare", args=[opening.pk]),
                }
            ],
        },
        file_name=f"{stem}-report-{timezone.localdate():%Y-%m-%d}.pdf",
        content=content,
    )

"""Writes for recruiting. Every entry point (pages, API, admin, tasks) changes data through here.

Each service validates with ``full_clean()`` before saving, inside a transaction, so bad input
raises ``ValidationError`` with field-level messages and leaves the database as it was.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from candidates import imports
from candidates.access import can_work_with_candidates
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


# --- Bulk import ----------------------------------------------------------------------------

IMPORT_JOB_KIND = "candidate_import"
IMPORT_WRITE_BATCH = 500
IMPORT_LINKS_SHOWN = 20


@dataclass
class ImportOutcome:
    created_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    unchanged_ids: list[int] = field(default_factory=list)
    assessments_added: int = 0

    @property
    def touched_ids(self) -> list[int]:
        return [*self.created_ids, *self.updated_ids, *self.unchanged_ids]


@transaction.atomic
def candidate_import_start(
    *, user: User, file_name: str, content: bytes, opening: Opening | None = None
) -> Job:
    """Store the upload on a new job and queue the import (after commit, so the worker finds
    the job). A file that cannot be an import at all (empty, too large, not CSV/XLSX, a CSV
    that is not UTF-8) is a ``ValidationError`` on ``file`` now; row problems come later, in
    the job's result. Callers pass only an ``opening`` the user may see."""
    from candidates.tasks import import_candidates

    imports.upload_format(file_name, content)
    job = job_create(
        kind=IMPORT_JOB_KIND,
        created_by=user,
        params={"opening": opening.pk if opening is not None else None},
        file_name=file_name,
        content=content,
    )
    job_id = str(job.pk)
    transaction.on_commit(lambda: import_candidates.delay(job_id))
    return job


def candidate_import_run(*, job_id: str) -> None:
    """The import job's work: read the stored file, check every row, then write all or nothing.

    Progress counts each row twice (checked, then written). The outcome (counts, ids, links) or
    the errors (row, column, message; capped) go to the job. Running it again for a finished
    job does nothing; re-importing the same file adds nothing (see ``candidate_import_write``).
    """
    from candidates.selectors import openings_visible_to

    if not job_start(job_id=job_id):
        return
    job = Job.objects.select_related("created_by").get(pk=job_id)
    user = job.created_by
    if user is None or not can_work_with_candidates(user):
        job_fail(job_id=job_id, message="The account that started this import may not import.")
        return
    opening = None
    if job.params.get("opening") is not None:
        opening = openings_visible_to(user).filter(pk=job.params["opening"]).first()
        if opening is None:
            job_fail(job_id=job_id, message="The opening chosen is no longer visible to you.")
            return
    try:
        with job.file.open("rb") as handle:
            content = handle.read()
        table = imports.read_table(job.file_name, content)
    except imports.ImportFileError as error:
        job_fail(
            job_id=job_id,
            message=error.message,
            result=imports.capped_errors([imports.RowError(None, "", error.message)]),
        )
        return
    except OSError:
        job_fail(job_id=job_id, message="The uploaded file is no longer available.")
        return

    total = len(table.rows)
    job_progress(job_id=job_id, done=0, total=2 * total)
    checked = imports.validate_table(
        table, user=user, on_progress=lambda done: job_progress(job_id=job_id, done=done)
    )
    if checked.errors:
        count = len(checked.errors)
        job_fail(
            job_id=job_id,
            message=(
                f"The file has {count} problem{'s' if count != 1 else ''}; nothing was imported."
            ),
            result={
                **imports.capped_errors(checked.errors),
                "summary": [{"label": "Rows read", "value": total}],
            },
        )
        return
    try:
        outcome = candidate_import_write(
            user=user,
            rows=checked.rows,
            opening=opening,
            on_progress=lambda done: job_progress(job_id=job_id, done=total + done),
        )
    except ValidationError as error:
        job_fail(job_id=job_id, message=" ".join(error.messages))
        return
    job_succeed(job_id=job_id, result=_import_result(outcome, total, opening))


def _import_result(outcome: ImportOutcome, rows: int, opening: Opening | None) -> dict[str, Any]:
    from django.urls import reverse

    links = [{"label": "All candidates", "url": reverse("candidates:candidate-list")}]
    if opening is not None:
        links.insert(
            0,
            {
                "label": f"The opening “{opening.title}”",
                "url": reverse("candidates:opening-detail", args=[opening.pk]),
            },
        )
    names = dict(
        Candidate.objects.filter(
            pk__in=(outcome.created_ids + outcome.updated_ids)[:IMPORT_LINKS_SHOWN]
        ).values_list("id", "name")
    )
    for candidate_id, verb in [
        *((pk, "added") for pk in outcome.created_ids),
        *((pk, "updated") for pk in outcome.updated_ids),
    ][:IMPORT_LINKS_SHOWN]:
        links.append(
            {
                "label": f"{names.get(candidate_id, candidate_id)} ({verb})",
                "url": reverse("candidates:candidate-detail", args=[candidate_id]),
            }
        )
    return {
        "rows": rows,
        "created": len(outcome.created_ids),
        "updated": len(outcome.updated_ids),
        "unchanged": len(outcome.unchanged_ids),
        "assessments_added": outcome.assessments_added,
        "created_ids": outcome.created_ids,
        "updated_ids": outcome.updated_ids,
        "unchanged_ids": outcome.unchanged_ids,
        "opening": opening.pk if opening is not None else None,
        "summary": [
            {"label": "Rows read", "value": rows},
            {"label": "Candidates added", "value": len(outcome.created_ids)},
            {"label": "Candidates updated", "value": len(outcome.updated_ids)},
            {"label": "Candidates unchanged", "value": len(outcome.unchanged_ids)},
            {"label": "Assessments added", "value": outcome.assessments_added},
        ],
        "links": links,
    }


@conflicts_as_validation_errors
@transaction.atomic
def candidate_import_write(
    *,
    user: User,
    rows: Sequence[imports.ImportRow],
    opening: Opening | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> ImportOutcome:
    """Write checked import rows in one transaction, in batches (queries do not grow per row).

    Candidates are matched on their email in any letter case: a known one is updated (only when
    a value differs, so history records real changes), a new one is created with ``user`` as its
    creator. Assessments are history: a row's level is added only where it differs from the
    candidate's level on that row's date (the latest assessment dated on or before it), so
    importing the same file twice adds nothing the second time. History rows record ``user``.
    """
    outcome = ImportOutcome()
    now = timezone.now()
    existing_ids = sorted({row.existing_id for row in rows if row.existing_id is not None})
    existing: dict[int, Candidate] = {}
    for chunk in _chunks(existing_ids):
        # Locked in id order (every import takes them the same way round) so two imports
        # touching the same people wait for each other instead of deadlocking.
        locked = Candidate.objects.select_for_update().filter(pk__in=chunk).order_by("pk")
        existing.update((candidate.pk, candidate) for candidate in locked)

    new: list[Candidate] = []
    changed: list[Candidate] = []
    changed_fields: set[str] = set()
    row_candidate: list[Candidate] = []
    for row in rows:
        if row.existing_id is not None and row.existing_id in existing:
            candidate = existing[row.existing_id]
            differs = {
                name for name, value in row.fields.items() if _differs(candidate, name, value)
            }
            for name in differs:
                setattr(candidate, name, row.fields[name])
            if differs:
                candidate.updated_at = now
                changed.append(candidate)
                changed_fields |= differs
                outcome.updated_ids.append(candidate.pk)
            else:
                outcome.unchanged_ids.append(candidate.pk)
        else:
            candidate = Candidate(created_by=user, **row.fields)
            new.append(candidate)
        row_candidate.append(candidate)

    if new:
        bulk_create_with_history(new, Candidate, batch_size=IMPORT_WRITE_BATCH, default_user=user)
        outcome.created_ids = [candidate.pk for candidate in new]
    if changed:
        bulk_update_with_history(
            changed,
            Candidate,
            fields=sorted(changed_fields | {"updated_at"}),
            batch_size=IMPORT_WRITE_BATCH,
            default_user=user,
        )

    history = _assessment_history(existing_ids, {cid for row in rows for cid in row.levels})
    assessments: list[Assessment] = []
    for done, (row, candidate) in enumerate(zip(rows, row_candidate, strict=True), start=1):
        for competency_id, level in row.levels.items():
            earlier = history.get((candidate.pk, competency_id), ())
            level_then = next((lvl for day, lvl in earlier if day <= row.assessed_at), None)
            if level_then != level:
                assessments.append(
                    Assessment(
                        candidate_id=candidate.pk,
                        competency_id=competency_id,
                        level=level,
                        assessor=user,
                        assessed_at=row.assessed_at,
                    )
                )
        if on_progress is not None and done % imports.PROGRESS_EVERY == 0:
            on_progress(done)
    if assessments:
        bulk_create_with_history(
            assessments, Assessment, batch_size=IMPORT_WRITE_BATCH * 2, default_user=user
        )
    outcome.assessments_added = len(assessments)

    if opening is not None:
        # One call from the opening's side: one history record of the opening, and only the
        # candidates not on it yet are added.
        opening.candidates.add(*outcome.touched_ids)
    # TODO(stored scores): call scores_inputs_changed(candidate_ids=outcome.touched_ids) once
    # the lead's "Stored scores" commit is on main (merge main, then remove this line).
    if on_progress is not None:
        on_progress(len(rows))
    return outcome


def _differs(candidate: Candidate, name: str, value: Any) -> bool:
    if name == "current_role":  # compare ids: reading the relation would cost a query a row
        return candidate.current_role_id != (value.pk if value is not None else None)
    return bool(getattr(candidate, name) != value)


def _assessment_history(
    candidate_ids: list[int], competency_ids: set[int]
) -> dict[tuple[int, int], list[tuple[datetime.date, int]]]:
    """(candidate, competency) → [(date, level)], newest first (by date, then id): what the
    import compares a row's levels with. One query per chunk of candidates."""
    history: dict[tuple[int, int], list[tuple[datetime.date, int]]] = {}
    if not competency_ids:
        return history
    for chunk in _chunks(candidate_ids):
        rows = (
            Assessment.objects.filter(candidate_id__in=chunk, competency_id__in=competency_ids)
            .order_by("candidate_id", "competency_id", "-assessed_at", "-id")
            .values_list("candidate_id", "competency_id", "assessed_at", "level")
        )
        for candidate_id, competency_id, day, level in rows:
            history.setdefault((candidate_id, competency_id), []).append((day, level))
    return history


def _chunks(values: list[int], size: int = 1000) -> Iterator[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]

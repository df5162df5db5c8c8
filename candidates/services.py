"""Writes for recruiting. Every entry point (pages, API, admin, tasks) changes data through here.

Each service validates with ``full_clean()`` before saving, inside a transaction, so bad input
raises ``ValidationError`` with field-level messages and leaves the database as it was.
Candidates and openings are versioned: updates take ``expected_version`` and write only the
fields that changed (``careerpath.versioning``); who is on an opening is part of its version.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from candidates import import_queries, imports, score_queries
from candidates.email_reveals import import_errors_within_allowance
from candidates.models import (
    Assessment,
    Candidate,
    CandidateRoleScore,
    Opening,
    OpeningScoreSummary,
    RoleScoreState,
)
from careerpath.access import can_work_with_candidates
from careerpath.history_actor import acting_as
from careerpath.model_fields import conflicts_as_validation_errors
from careerpath.task_queue import enqueue_on_commit
from careerpath.text_checks import normalized_text
from careerpath.versioning import bump_versions, raise_version, update_versioned
from jobs.models import Job
from jobs.services import job_create, job_fail, job_progress, job_start, job_succeed
from roles.models import Role
from skills.models import Competency

if TYPE_CHECKING:
    from candidates.selectors import SkillCondition

logger = logging.getLogger(__name__)

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
        notes=normalized_text(notes, multiline=True),
        created_by=created_by,
    )
    candidate.full_clean()
    candidate.save()
    for opening in openings:
        # Added from the opening's side so the opening's history records the change.
        opening.candidates.add(candidate)
    bump_versions(Opening.objects.filter(pk__in=[opening.pk for opening in openings]))
    if openings or candidate.current_role_id:
        scores_inputs_changed(candidate_ids=[candidate.pk])
    return candidate


@conflicts_as_validation_errors
@transaction.atomic
def candidate_update(
    *, candidate: Candidate, expected_version: int | None = None, **fields: Any
) -> Candidate:
    changed = update_versioned(
        candidate, fields, CANDIDATE_FIELDS, expected_version=expected_version
    )
    if changed & {"current_role", "years_experience"}:
        scores_inputs_changed(candidate_ids=[candidate.pk])
    return candidate


@conflicts_as_validation_errors
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
        evidence=normalized_text(evidence, multiline=True),
        assessor=assessor,
    )
    if assessed_at is not None:
        assessment.assessed_at = assessed_at
    assessment.full_clean()
    assessment.save()
    scores_inputs_changed(candidate_ids=[candidate.pk])
    return assessment


@dataclass(frozen=True)
class ScorecardEntry:
    """One row of a scorecard: a competency assessed at a level, with optional evidence."""

    competency: Competency
    level: int
    evidence: str = ""


@transaction.atomic
def assessment_batch_create(
    *,
    candidate: Candidate,
    entries: Sequence[ScorecardEntry],
    assessor: User | None,
    assessed_at: datetime.date | None = None,
) -> list[Assessment]:
    """Add one assessment per entry (a scorecard), all or none, and rescore once.

    Every row is checked by the model's rules before anything is saved; the errors are keyed
    by the competency's slug (``"<slug>"``: the row's messages) beside ``assessed_at`` for the
    date they share, so a page or the API can show each beside its row. One
    ``scores_inputs_changed`` for the whole batch: one rescoring, however many rows."""
    if not entries:
        raise ValidationError(
            {"assessments": "Assess at least one requirement (rows left blank are skipped)."},
            code="empty",
        )
    errors: dict[str, list[str]] = {}
    slugs = [entry.competency.slug for entry in entries]
    repeated = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if repeated:
        errors["assessments"] = [f"Each competency once; repeated: {', '.join(repeated)}."]
    built = []
    for entry in entries:
        assessment = Assessment(
            candidate=candidate,
            competency=entry.competency,
            level=entry.level,
            evidence=normalized_text(entry.evidence, multiline=True),
            assessor=assessor,
        )
        if assessed_at is not None:
            assessment.assessed_at = assessed_at
        try:
            assessment.full_clean()
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                key = "assessed_at" if field_name == "assessed_at" else entry.competency.slug
                for message in messages:
                    if message not in errors.get(key, []):
                        errors.setdefault(key, []).append(message)
        built.append(assessment)
    if errors:
        raise ValidationError(errors)
    for assessment in built:
        assessment.save()  # one by one: each gets its history row
    scores_inputs_changed(candidate_ids=[candidate.pk])
    return built


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
    team = list(hiring_team)
    hiring_team_check(team)
    opening.save()
    opening.hiring_team.set(team)
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
    expected_version: int | None = None,
    **fields: Any,
) -> Opening:
    """Change the opening's fields, hiring team and candidates (each left as it is when not
    given); a change of team or candidates raises the version like a field's."""
    team = None if hiring_team is None else list(hiring_team)
    if team is not None:
        hiring_team_check(team)
    changed = update_versioned(opening, fields, OPENING_FIELDS, expected_version=expected_version)
    # Read under the row lock ``update_versioned`` took: a concurrent edit has committed.
    members_before = set(opening.candidates.values_list("pk", flat=True))
    related_changed = False
    team_before = set(opening.hiring_team.values_list("pk", flat=True))
    if team is not None and {user.pk for user in team} != team_before:
        opening.hiring_team.set(team)
        related_changed = True
    if candidates is not None:
        chosen = list(candidates)
        if {candidate.pk for candidate in chosen} != members_before:
            opening.candidates.set(chosen)
            related_changed = True
    if related_changed and not changed:
        raise_version(opening)  # the team or members change is the opening's history row
    members_after = set(opening.candidates.values_list("pk", flat=True))
    if "role" in changed:
        scores_inputs_changed(
            candidate_ids=members_before | members_after, opening_ids=[opening.pk]
        )
    elif members_before != members_after:
        scores_inputs_changed(
            candidate_ids=members_before ^ members_after, opening_ids=[opening.pk]
        )
    return opening


def hiring_team_check(users: Sequence[User]) -> None:
    """Only HR, recruiters and superusers sit on a hiring team (a viewer there would be shown
    candidates through the opening): the rule for pages, API and admin alike."""
    from candidates.selectors import hiring_team_eligible_users

    wanted = {user.pk for user in users}
    eligible = set(hiring_team_eligible_users().filter(pk__in=wanted).values_list("pk", flat=True))
    refused = sorted(user.get_username() for user in users if user.pk not in eligible)
    if refused:
        raise ValidationError(
            {
                "hiring_team": (
                    "Only HR and recruiters can be on a hiring team, not: "
                    + ", ".join(refused)
                    + "."
                )
            },
            code="not_on_a_team",
        )


# --- Stored scores --------------------------------------------------------------------------

# A role whose pool has more stale rows than this is rescored whole (one set of statements)
# rather than candidate by candidate.
WHOLE_POOL_THRESHOLD = 2_000


def scores_inputs_changed(
    *,
    candidate_ids: Iterable[int] = (),
    role_ids: Iterable[int] = (),
    opening_ids: Iterable[int] = (),
) -> None:
    """Something that feeds the fit rules changed for these candidates or roles: mark their
    stored scores stale (in the caller's transaction) and queue their rescoring after commit.

    Call it from every write that changes an assessment, a candidate's years or current role,
    a role's requirements or minimum years, or who is on an opening (naming the ``opening_ids``
    too, so their stored figures are recounted).
    """
    candidates = sorted(set(candidate_ids))
    roles = sorted(set(role_ids))
    openings = sorted(set(opening_ids))
    if not candidates and not roles and not openings:
        return
    with transaction.atomic():
        score_queries.mark_inputs_changed(
            candidate_ids=candidates, role_ids=roles, opening_ids=openings
        )
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
    found = 0
    stale_roles = RoleScoreState.objects.filter(computed_version__lt=F("input_version"))
    for role_id in stale_roles.values_list("role_id", flat=True).order_by("role_id"):
        found += 1
        _queue_rescoring(candidate_ids=[], role_ids=[role_id])
    stale = CandidateRoleScore.objects.filter(computed_version__lt=F("input_version"))
    _refresh_figures_without_stale_scores(stale)
    for row in stale.values("role_id").annotate(count=Count("id")).order_by("role_id"):
        found += row["count"]
        if row["count"] > WHOLE_POOL_THRESHOLD:
            _queue_rescoring(candidate_ids=[], role_ids=[row["role_id"]])
        else:
            ids = stale.filter(role_id=row["role_id"]).values_list("candidate_id", flat=True)
            _queue_rescoring(candidate_ids=list(ids), role_ids=[])
    return found


@transaction.atomic
def scores_refresh_opening_figures(*, opening_ids: Iterable[int]) -> None:
    """Recount the stored figures of these openings' roles now, without rescoring anyone: for a
    change of who is on them that no rescoring follows (an erased candidate)."""
    roles = Opening.objects.filter(pk__in=list(opening_ids)).values_list("role_id", flat=True)
    for role_id in sorted(set(roles)):
        score_queries.refresh_opening_summaries(role_id=role_id, now=timezone.now())


def _refresh_figures_without_stale_scores(stale: Any) -> None:
    """Openings whose figures are stale while none of their role's scores is (members removed
    outside the services, or a removal whose rescoring found nothing to rescore): recount them
    now; the others are recounted by the rescorings queued for their scores."""
    waiting = OpeningScoreSummary.objects.filter(computed_version__lt=F("input_version"))
    roles = set(waiting.values_list("opening__role_id", flat=True))
    roles -= set(stale.values_list("role_id", flat=True).distinct())
    for role_id in sorted(roles):
        with transaction.atomic():
            score_queries.refresh_opening_summaries(role_id=role_id, now=timezone.now())


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
    if not job_start(job_id=job_id):
        return
    try:
        _run_import(job_id)
    except Exception:
        # A bug, not bad input: logged with its traceback, and the job says it stopped rather
        # than staying "running" for ever. The write's transaction has rolled back.
        logger.exception("Candidate import %s failed", job_id)
        job_fail(
            job_id=job_id,
            message="The import stopped on an unexpected error; nothing "
            "was imported. The error has been logged.",
        )


def _run_import(job_id: str) -> None:
    from candidates.selectors import openings_visible_to

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
    job_progress(job_id=job_id, done=0, total=2 * total, message="Checking every row…")
    checked = imports.validate_table(
        table, user=user, on_progress=lambda done: job_progress(job_id=job_id, done=done)
    )
    if checked.errors:
        errors = import_errors_within_allowance(checked.errors, user)
        count = len(errors)
        job_fail(
            job_id=job_id,
            message=(
                f"The file has {count} problem{'s' if count != 1 else ''}; nothing was imported."
            ),
            result={
                **imports.capped_errors(errors),
                "summary": [{"label": "Rows read", "value": total}],
            },
        )
        return
    # The write is one transaction: progress reported inside it would only show at its commit,
    # so the bar stands at half way (every row checked) until the job succeeds.
    job_progress(job_id=job_id, done=total, message="Every row is valid; writing them in one go…")
    try:
        # A worker has no request: the history rows (the opening's new members too) name the
        # user who started the import.
        with acting_as(user):
            outcome = candidate_import_write(user=user, rows=checked.rows, opening=opening)
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
    for chunk in score_queries.chunked(existing_ids):
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
                candidate.version += 1  # locked above: an edit page opened before is now stale
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
            fields=sorted(changed_fields | {"updated_at", "version"}),
            batch_size=IMPORT_WRITE_BATCH,
            default_user=user,
        )

    history = _assessment_history(existing_ids, {cid for row in rows for cid in row.levels})
    assessments: list[import_queries.NewAssessment] = []
    for row, candidate in zip(rows, row_candidate, strict=True):
        for competency_id, level in row.levels.items():
            earlier = history.get((candidate.pk, competency_id), ())
            level_then = next((lvl for day, lvl in earlier if day <= row.assessed_at), None)
            if level_then != level:
                assessments.append((candidate.pk, competency_id, level, row.assessed_at))
    import_queries.insert_assessments(assessments, assessor=user)
    outcome.assessments_added = len(assessments)

    if opening is not None:
        # One call from the opening's side: one history record of the opening, and only the
        # candidates not on it yet are added.
        opening.candidates.add(*outcome.touched_ids)
        bump_versions(Opening.objects.filter(pk=opening.pk))
    # Scores are refreshed once for everyone the file touched (their assessments, years, role
    # or openings may have changed), not once per row.
    scores_inputs_changed(candidate_ids=outcome.touched_ids)
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
    for chunk in score_queries.chunked(candidate_ids):
        rows = (
            Assessment.objects.filter(candidate_id__in=chunk, competency_id__in=competency_ids)
            .order_by("candidate_id", "competency_id", "-assessed_at", "-id")
            .values_list("candidate_id", "competency_id", "assessed_at", "level")
        )
        for candidate_id, competency_id, day, level in rows:
            history.setdefault((candidate_id, competency_id), []).append((day, level))
    return history


# --- Reports ----------------------------------------------------------------------------------

OPENING_REPORT_JOB = "opening_report"


@transaction.atomic
def opening_report_request(*, opening: Opening, user: User, top: int | None = None) -> Job:
    """A job that makes the opening's PDF report in the background; the task is enqueued once
    the job is committed. The caller has checked that ``user`` may see the opening (the task
    checks again when it runs)."""

    from candidates.tasks import export_opening_report

    job = job_create(
        kind=OPENING_REPORT_JOB,
        created_by=user,
        total=3,  # gather the data, lay out the PDF, store it
        params={"opening": opening.pk, "top": top},
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
        if user is None or not can_work_with_candidates(user):
            raise Http404
        opening = selectors.opening_for_user(user, opening_id)
    except Http404:
        return job_fail(job_id=job_id, message="You can no longer see this opening.")
    try:
        top = Job.objects.get(pk=job_id).params.get("top")
        report = selectors.opening_report(
            opening, made_by=user, top=top if isinstance(top, int) and top > 0 else None
        )
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


CANDIDATE_EXPORT_JOB = "candidate_export"

# Up to this many candidates an Excel file is made in the request (about a second); more are
# made by a background job, so no request holds a web worker for minutes (100,000 rows take a
# few minutes on a busy two-core machine; see bench/exports.py). CSV streams at any size.
CANDIDATE_XLSX_INLINE_LIMIT = 2_000


@transaction.atomic
def candidate_export_request(
    *,
    user: User,
    search: str = "",
    source: str = "",
    current_role_id: int | None = None,
    skills: Sequence[SkillCondition] = (),
) -> Job:
    """A job that writes the candidate list (the list page's filters) as an Excel file in the
    background; the task is enqueued once the job is committed."""
    from candidates.tasks import export_candidates

    job = job_create(
        kind=CANDIDATE_EXPORT_JOB,
        created_by=user,
        params={
            "search": search,
            "source": source,
            "current_role_id": current_role_id,
            "skills": [[c.competency_id, c.min_level] for c in skills],
        },
    )
    job_id, user_id = str(job.pk), user.pk
    transaction.on_commit(lambda: export_candidates.delay(job_id, user_id))
    return job


def candidate_export_make(*, job_id: str, user_id: int) -> Job:
    """Write the candidates the user may see *now* (with the job's filters) to an Excel file on
    the job, reporting progress per chunk. Running it again on a finished job changes nothing."""
    from candidates import exports, selectors  # exports read through the selectors

    if not job_start(job_id=job_id):
        return Job.objects.get(pk=job_id)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not can_work_with_candidates(user):
        return job_fail(job_id=job_id, message="You may no longer work with candidates.")
    params = Job.objects.get(pk=job_id).params
    search, source = str(params.get("search", "")), str(params.get("source", ""))
    role_id = params.get("current_role_id")
    skills = [
        selectors.SkillCondition(competency_id=int(cid), min_level=int(level))
        for cid, level in params.get("skills", [])
    ]
    candidates = selectors.candidate_search(
        user, search=search, source=source, current_role_id=role_id, skills=skills
    )
    total = candidates.count()
    job_progress(job_id=job_id, done=0, total=total)
    content = exports.candidate_xlsx(
        candidates, on_progress=lambda done: job_progress(job_id=job_id, done=done)
    )
    names = dict(
        Competency.objects.filter(pk__in=[c.competency_id for c in skills]).values_list(
            "pk", "name"
        )
    )
    role = Role.objects.filter(pk=role_id).values_list("title", flat=True).first()
    filters = [
        {"label": label, "value": value}
        for label, value in (
            ("Name or email contains", search),
            ("Source", source),
            ("Current role", role if role_id is not None else ""),
            *(
                ("Skill", f"{names.get(c.competency_id, '(removed)')} ≥ {c.min_level}")
                for c in skills
            ),
        )
        if value
    ]
    return job_succeed(
        job_id=job_id,
        result={
            "summary": [{"label": "Candidates", "value": total}, *filters],
            "links": [
                {"label": "Back to the candidates", "url": reverse("candidates:candidate-list")}
            ],
        },
        file_name=f"candidates-{timezone.localdate():%Y-%m-%d}.xlsx",
        content=content,
    )

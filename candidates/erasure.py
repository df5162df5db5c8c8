"""Writes for data protection: erase a candidate and everything that carries their personal
data, and the retention purge that erases the inactive ones through the same service.

What an erasure removes, in one transaction (``candidate_erase``):

* the candidate, their assessments, opening memberships, stored scores and fit snapshots;
* every history row that names them: their own (``HistoricalCandidate``, old names, emails
  and notes too), their assessments' (``HistoricalAssessment``, evidence included), and the
  opening membership snapshots that list them (``HistoricalOpening_candidates``); the deletion
  itself writes history rows, which are removed with the rest;
* the admin's log entries about them and their assessments (their text is the name);
* job files that may hold them (files are not transactional, so they leave storage after the
  commit): the uploaded file of any import that touched them (a finished import lists every
  candidate of its file in its result) or, having failed, lists their email; and every
  exported candidate list or opening report made since they were created (which of those name
  them cannot be told without opening each; exports are cheap to make again). An import's
  links naming them are dropped from its result, and an export's name search that matches
  them from its parameters and summary.

What remains is one ``ErasureRecord``: who, when, why, the erased id and the counts.
"""

from __future__ import annotations

import datetime
import logging
import re
from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from candidates import imports, services
from candidates.models import (
    Assessment,
    Candidate,
    CandidateRoleScore,
    ErasureRecord,
    FitSnapshot,
    Opening,
)
from candidates.personal_data import (
    AssessmentHistory,
    CandidateHistory,
    OpeningMembershipHistory,
    inactive_candidates,
)
from careerpath.versioning import bump_versions
from jobs.models import Job

logger = logging.getLogger(__name__)

RETENTION_REASON = "retention"
EXPORT_JOB_KINDS = (services.CANDIDATE_EXPORT_JOB, services.OPENING_REPORT_JOB)
FILE_REMOVED = "The file was removed when a candidate it may name was erased."


def _reason_checked(candidate: Candidate, reason: str) -> str:
    """The reason stays in the record for good, so it may not repeat who was erased."""
    reason = reason.strip()
    lowered = reason.casefold()
    email = candidate.email.strip().casefold()
    name = re.compile(rf"\b{re.escape(candidate.name.strip().casefold())}\b")
    if (email and email in lowered) or (candidate.name.strip() and name.search(lowered)):
        raise ValidationError(
            {"reason": "Say why without naming the candidate: the reason is kept."}
        )
    return reason


@transaction.atomic
def candidate_erase(*, candidate: Candidate, erased_by: User | None, reason: str) -> ErasureRecord:
    """Erase ``candidate`` and every row that carries their personal data; return the
    ``ErasureRecord`` that remains. The caller has checked that ``erased_by`` may (HR;
    ``None`` is the retention job). A reason that is empty or names the candidate is a
    ``ValidationError`` on ``reason`` and nothing changes."""
    locked = Candidate.objects.select_for_update().filter(pk=candidate.pk).first()
    if locked is None:
        raise ValidationError("This candidate no longer exists (already erased?).")
    reason = _reason_checked(locked, reason)
    record = ErasureRecord(candidate_id=locked.pk, erased_by=erased_by, reason=reason)
    record.full_clean(exclude=["removed"])

    pk = locked.pk
    assessment_ids = list(Assessment.objects.filter(candidate_id=pk).values_list("id", flat=True))
    membership = Opening.candidates.through.objects.filter(candidate_id=pk)
    removed: dict[str, int] = {
        "candidate": 1,
        "assessments": len(assessment_ids),
        "opening_memberships": membership.count(),
        "scores": CandidateRoleScore.objects.filter(candidate_id=pk).count(),
        "fit_snapshots": FitSnapshot.objects.filter(candidate_id=pk).count(),
        # History as it stood before this erasure (the deletion adds rows, removed below too).
        "candidate_history": CandidateHistory.objects.filter(id=pk).count(),
        "assessment_history": AssessmentHistory.objects.filter(candidate_id=pk).count(),
        "opening_membership_history": OpeningMembershipHistory.objects.filter(
            candidate_id=pk
        ).count(),
    }
    removed["admin_log_entries"] = _delete_admin_log(pk, assessment_ids)
    removed["job_files"] = _scrub_jobs(locked)

    opening_ids = list(membership.values_list("opening_id", flat=True))
    # Memberships first, from the through table (not ``opening.candidates.remove``: that would
    # write a new opening snapshot); assessments, scores and snapshots go by cascade.
    membership.delete()
    locked.delete()
    CandidateHistory.objects.filter(id=pk).delete()
    AssessmentHistory.objects.filter(candidate_id=pk).delete()
    OpeningMembershipHistory.objects.filter(candidate_id=pk).delete()
    # Leaving the pools: the candidate's own score rows went with them; another candidate's fit
    # does not depend on who else is in a pool, so this marks nothing else stale — it keeps
    # the rule that every change of who is on an opening goes through it. The openings' stored
    # figures (members, eligible, best fit) are recounted now: no rescoring will run for them.
    services.scores_inputs_changed(candidate_ids=[pk], opening_ids=opening_ids)
    services.scores_refresh_opening_figures(opening_ids=opening_ids)
    # Their candidates are part of the openings' versions (``careerpath.versioning``), as when
    # a candidate joins from the candidate's side: an opening's edit form opened before the
    # erasure is stale.
    bump_versions(Opening.objects.filter(pk__in=opening_ids))

    record.removed = removed
    record.save()
    return record


def _delete_admin_log(candidate_id: int, assessment_ids: list[int]) -> int:
    types = ContentType.objects.get_for_models(Candidate, Assessment)
    entries = LogEntry.objects.filter(
        content_type=types[Candidate], object_id=str(candidate_id)
    ) | LogEntry.objects.filter(
        content_type=types[Assessment], object_id__in=[str(pk) for pk in assessment_ids]
    )
    deleted, _ = entries.delete()
    return deleted


def _scrub_jobs(candidate: Candidate) -> int:
    """Drop the job files that may hold the candidate (see the module docstring); the files
    leave storage once the erasure commits. Returns how many files."""
    detail_url = reverse("candidates:candidate-detail", args=[candidate.pk])
    email = candidate.email.strip().casefold()
    dropped = 0
    jobs = Job.objects.filter(kind__in=[services.IMPORT_JOB_KIND, *EXPORT_JOB_KINDS])
    for job in jobs.select_for_update().order_by("created_at", "id"):
        changed = False
        if job.kind == services.IMPORT_JOB_KIND:
            touched = _import_touched(job.result, candidate.pk)
            if touched:
                changed = _drop_links(job, detail_url)
            # Only a failed import's file is opened: one that succeeded named everyone in its
            # file in its result, so the retention purge does not reread every upload per person.
            drop = bool(job.file) and (
                touched or (job.state == Job.State.FAILED and _file_lists_email(job, email))
            )
        else:
            drop = bool(job.file) and _finished_since(job, candidate.created_at)
            changed = _drop_search(job, candidate)
        if drop:
            _drop_file(job)
            dropped += 1
        if drop or changed:
            job.save(update_fields=["file", "message", "params", "result"])
    return dropped


def _drop_search(job: Job, candidate: Candidate) -> bool:
    """A candidate list export keeps the name search it was made with (in its parameters and
    its summary): a search that is part of the candidate's name or email goes."""
    search = job.params.get("search") if isinstance(job.params, dict) else None
    if not isinstance(search, str) or not search.strip():
        return False
    needle = search.strip().casefold()
    if needle not in candidate.name.casefold() and needle not in candidate.email.casefold():
        return False
    job.params = {**job.params, "search": ""}
    summary = [
        item
        for item in job.result_list("summary")
        if not (isinstance(item, dict) and item.get("value") == search)
    ]
    job.result = {**job.result, "summary": summary} if isinstance(job.result, dict) else {}
    return True


def _import_touched(result: Any, candidate_id: int) -> bool:
    if not isinstance(result, dict):
        return False
    keys = ("created_ids", "updated_ids", "unchanged_ids")
    return any(candidate_id in (result.get(key) or []) for key in keys)


def _drop_links(job: Job, detail_url: str) -> bool:
    """Remove the result's links to the candidate (their label is the name)."""
    links = job.result_list("links")
    kept = [
        item for item in links if not (isinstance(item, dict) and item.get("url") == detail_url)
    ]
    if len(kept) == len(links):
        return False
    job.result = {**job.result, "links": kept}
    return True


def _file_lists_email(job: Job, email: str) -> bool:
    try:
        with job.file.open("rb") as handle:
            table = imports.read_table(job.file_name, handle.read())
    except (imports.ImportFileError, OSError):
        return False  # unreadable as an import: it imported nobody
    return any(cell.strip().casefold() == email for _, cells in table.rows for cell in cells)


def _finished_since(job: Job, moment: datetime.datetime) -> bool:
    return job.finished_at is None or job.finished_at >= moment


def _drop_file(job: Job) -> None:
    name, storage = job.file.name, job.file.storage
    transaction.on_commit(lambda: storage.delete(name))
    job.file = ""
    job.message = FILE_REMOVED


# --- Retention ------------------------------------------------------------------------------


def candidates_purge_inactive(
    *, months: int, now: datetime.datetime | None = None
) -> list[ErasureRecord]:
    """Erase every candidate inactive for ``months`` (``personal_data.inactive_candidates``),
    each in its own transaction with ``erased_by=None`` and the reason "retention"; returns
    the records. Each candidate is locked and checked again just before it is erased, so one
    who became active meanwhile stays. Running it twice erases nothing more."""
    if months <= 0:
        return []
    now = now or timezone.now()
    records = []
    for candidate_id in list(inactive_candidates(months, now=now).values_list("id", flat=True)):
        with transaction.atomic():
            candidate = (
                inactive_candidates(months, now=now)
                .select_for_update()
                .filter(pk=candidate_id)
                .first()
            )
            if candidate is not None:
                records.append(
                    candidate_erase(candidate=candidate, erased_by=None, reason=RETENTION_REASON)
                )
    if records:
        logger.info("Retention erased %d inactive candidates", len(records))
    return records

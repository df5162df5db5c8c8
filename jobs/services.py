"""Writes for background jobs: create one, then start, report progress, succeed or fail.

A Celery task calls these with the job's id. Progress is one UPDATE without reading the row, so
a task can report every few hundred rows at no real cost. The page and the API only read.

What ``result`` may hold is up to each kind of job; the job page shows these keys when present:

* ``summary``: ``[{"label": str, "value": str | int}]`` — the figures of the outcome;
* ``links``: ``[{"label": str, "url": str}]`` — what the job created (site-relative URLs);
* ``errors``: ``[{"row": int | None, "column": str, "message": str}]`` — why it failed, with
  ``errors_not_shown`` (int) counting those left out of a capped list.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Case, F, PositiveIntegerField, Value, When
from django.db.models.functions import Least
from django.utils import timezone
from django.utils.text import get_valid_filename

from jobs.models import JOB_FILE_NAME_MAX, Job

JobId = uuid.UUID | str


def _attach_file(job: Job, file_name: str, content: bytes) -> None:
    # Only the name's last part, in safe characters: an upload's name is the sender's choice.
    base = file_name.replace("\\", "/").rsplit("/", 1)[-1].lstrip(".")
    try:
        name = get_valid_filename(base)[-JOB_FILE_NAME_MAX:]
    except SuspiciousFileOperation:  # nothing usable left ("???", "")
        name = "file"
    job.file.save(name, ContentFile(content), save=False)


@transaction.atomic
def job_create(
    *,
    kind: str,
    created_by: User | None,
    total: int = 0,
    params: dict[str, Any] | None = None,
    file_name: str | None = None,
    content: bytes | None = None,
) -> Job:
    """A pending job. ``params`` tell its task what to do; ``file_name``/``content`` store an
    input file (an upload to import) in the private storage."""
    job = Job(kind=kind, created_by=created_by, progress_total=total, params=params or {})
    if content is not None:
        _attach_file(job, file_name or "input", content)
    job.full_clean()
    job.save()
    return job


def job_start(*, job_id: JobId) -> bool:
    """Mark the job running (a retried task may start it again). False if it had finished."""
    updated = Job.objects.filter(
        pk=job_id, state__in=[Job.State.PENDING, Job.State.RUNNING]
    ).update(state=Job.State.RUNNING, started_at=timezone.now(), progress_done=0)
    return bool(updated)


def job_progress(
    *, job_id: JobId, done: int, total: int | None = None, message: str | None = None
) -> None:
    """Record progress (and, optionally, what is being done now): one UPDATE, no read. ``done``
    is kept within the total. Call it outside the task's own transaction, or nobody sees it
    before that transaction commits."""
    done = max(0, done)
    changes: dict[str, Any] = {} if message is None else {"message": message}
    if total is not None:
        total = max(0, total)
        changes.update(progress_done=min(done, total) if total else done, progress_total=total)
    else:
        changes["progress_done"] = Case(
            When(progress_total=0, then=Value(done)),
            default=Least(Value(done), F("progress_total")),
            output_field=PositiveIntegerField(),
        )
    Job.objects.filter(pk=job_id).update(**changes)


@transaction.atomic
def job_succeed(
    *,
    job_id: JobId,
    result: dict[str, Any],
    file_name: str | None = None,
    content: bytes | None = None,
) -> Job:
    """Finish the job with its result and, optionally, a file to download (replacing any)."""
    job = Job.objects.select_for_update().get(pk=job_id)
    if content is not None:
        if job.file:
            job.file.delete(save=False)
        _attach_file(job, file_name or "result", content)
    job.state = Job.State.SUCCEEDED
    job.result = result
    job.message = ""
    if job.progress_total:
        job.progress_done = job.progress_total
    job.finished_at = timezone.now()
    job.full_clean()
    job.save()
    return job


@transaction.atomic
def job_fail(*, job_id: JobId, message: str, result: dict[str, Any] | None = None) -> Job:
    """Finish the job as failed, saying why (``result`` may list the details, e.g. errors)."""
    job = Job.objects.select_for_update().get(pk=job_id)
    job.state = Job.State.FAILED
    job.message = message
    if result is not None:
        job.result = result
    job.finished_at = timezone.now()
    job.full_clean()
    job.save()
    return job

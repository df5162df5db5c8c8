"""A background job: what it is doing, how far it has got, and what it produced.

Generic machinery for long work done by a Celery task (imports, exports): the page or endpoint
that starts the work creates a ``Job``, the task reports progress and the outcome through
``jobs.services``, and people follow it on ``/jobs/<id>/`` or ``/api/v1/tasks/<id>/``.

A job's file (an uploaded import, a generated export) lives in the *private* storage
(``STORAGES["private"]``, under ``MEDIA_ROOT``), which no URL serves: it is downloaded only
through the access-checked views.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import F, Q

JOB_FILE_NAME_MAX = 200


def private_storage() -> Storage:
    """The storage for job files (a callable, so a deployment can point ``STORAGES["private"]``
    at another backend without a migration)."""
    return storages["private"]


def job_file_path(instance: Job, filename: str) -> str:
    # One folder per job: two jobs may produce files with the same name.
    return f"jobs/{instance.pk}/{filename}"


class Job(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Waiting to start"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Finished"
        FAILED = "failed", "Failed"

    FINISHED_STATES = frozenset({State.SUCCEEDED, State.FAILED})

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=64, help_text='What the job does, e.g. "candidate_import".')
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,  # a job's outcome outlives the account that asked for it
        null=True,
        blank=True,
        related_name="jobs",
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(
        default=0, help_text="0 while the amount of work is not known yet."
    )
    message = models.TextField(blank=True)
    params = models.JSONField(
        default=dict, blank=True, help_text="What the job was asked to do (for its task)."
    )
    result = models.JSONField(default=dict, blank=True)
    file = models.FileField(
        storage=private_storage, upload_to=job_file_path, blank=True, max_length=255
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["pending", "running", "succeeded", "failed"]),
                name="job_state_valid",
            ),
            models.CheckConstraint(
                # A total of 0 means "not known yet"; once known, done never passes it.
                condition=Q(progress_total=0) | Q(progress_done__lte=F("progress_total")),
                name="job_progress_done_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} ({self.state})"

    @property
    def kind_label(self) -> str:
        """The kind in words: "candidate_import" → "Candidate import"."""
        return self.kind.replace("_", " ").capitalize()

    @property
    def is_finished(self) -> bool:
        return self.state in self.FINISHED_STATES

    @property
    def percent(self) -> int:
        """Whole percent done: 100 once finished, 0 while the total is unknown."""
        if self.state == self.State.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)

    @property
    def file_name(self) -> str:
        """The file's own name, without the job's folder."""
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""

    def result_list(self, key: str) -> list[Any]:
        value = self.result.get(key) if isinstance(self.result, dict) else None
        return value if isinstance(value, list) else []

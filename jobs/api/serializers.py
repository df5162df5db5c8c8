"""The representation of a background job in the API (read only)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from jobs.models import Job


class JobProgressSerializer(serializers.Serializer):
    done = serializers.IntegerField(help_text="Units of work done (rows, candidates, …).")
    total = serializers.IntegerField(help_text="Units of work in all; 0 while not known yet.")
    percent = serializers.IntegerField(
        help_text="Whole percent done: 100 once succeeded, 0 while the total is unknown."
    )


class JobSerializer(serializers.ModelSerializer):
    """A job's state and progress; poll it until ``state`` is ``succeeded`` or ``failed``."""

    state = serializers.ChoiceField(
        choices=Job.State.choices,
        help_text="pending → running → succeeded or failed.",
    )
    progress = serializers.SerializerMethodField()
    result = serializers.SerializerMethodField()
    download = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "state",
            "progress",
            "message",
            "result",
            "download",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    @extend_schema_field(JobProgressSerializer)
    def get_progress(self, job: Job) -> dict[str, int]:
        return {"done": job.progress_done, "total": job.progress_total, "percent": job.percent}

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": True,
            "description": (
                "The outcome; its keys depend on the kind of job. Common ones: `summary` "
                "([{label, value}]), `links` ([{label, url}]), `errors` ([{row, column, "
                "message}]) with `errors_not_shown`."
            ),
        }
    )
    def get_result(self, job: Job) -> dict[str, Any]:
        return job.result if isinstance(job.result, dict) else {}

    @extend_schema_field(OpenApiTypes.URI)
    def get_download(self, job: Job) -> str | None:
        """The absolute URL of the job's file (same authentication as this API), or null."""
        if not job.file:
            return None
        url = reverse("api-v1:task-download", kwargs={"pk": job.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url

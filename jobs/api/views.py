"""API endpoints for background jobs: follow one (``tasks/<id>/``) and download its file.

Any signed-in user may ask; the selector decides what they may see (404 otherwise).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from careerpath.api.views import ApiViewMixin
from jobs.api.serializers import JobSerializer
from jobs.downloads import job_file_response
from jobs.selectors import job_for_user


class JobView(ApiViewMixin, APIView):
    permission_classes = [IsAuthenticated]  # the job's visibility decides: 404
    excluded_error_codes = frozenset({409})

    @extend_schema(
        summary="A background job's state and progress",
        description=(
            "Poll after starting work that runs in the background (an import, an export): "
            "`state` goes pending → running → succeeded or failed; `progress` counts the work; "
            "`result` holds the outcome (or the errors); `download` is the file it produced, "
            "if any. Your own jobs; HR sees every job."
        ),
        responses=JobSerializer,
    )
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        job = job_for_user(request.user, pk)
        return Response(JobSerializer(job, context={"request": request}).data)


class JobDownloadView(ApiViewMixin, APIView):
    permission_classes = [IsAuthenticated]
    excluded_error_codes = frozenset({409})

    @extend_schema(
        summary="Download a background job's file",
        description="The file as an attachment; 404 when the job has none.",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file."
            )
        },
    )
    def get(self, request: Request, pk: uuid.UUID) -> FileResponse:
        return job_file_response(job_for_user(request.user, pk))

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # A file answer: whatever the Accept header says, errors still come as JSON.
        return super().perform_content_negotiation(request, force=True)

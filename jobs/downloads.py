"""A job's file as a download, for the page and the API alike (after their access check)."""

from __future__ import annotations

from django.http import FileResponse, Http404

from jobs.models import Job


def job_file_response(job: Job) -> FileResponse:
    """The job's file as an attachment; 404 when there is none (or it has gone from storage)."""
    if not job.file:
        raise Http404("This job has no file.")
    try:
        handle = job.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("This job's file is no longer available.") from None
    response = FileResponse(handle, as_attachment=True, filename=job.file_name)
    # The file is someone's private data: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response

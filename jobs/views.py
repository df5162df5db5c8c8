"""Pages for background jobs: follow one (live progress, its result) and download its file.

Any signed-in user may ask; ``jobs.selectors.job_for_user`` decides (404 for a job that is not
yours, unless you are HR).
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest
from django.views import View
from django.views.generic import TemplateView

from careerpath.pages import PageMixin
from jobs.downloads import job_file_response
from jobs.selectors import job_for_user


class JobDetailView(PageMixin, TemplateView):
    template_name = "jobs/job_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        job = job_for_user(self.request.user, self.kwargs["pk"])
        context.update(
            job=job,
            summary=job.result_list("summary"),
            links=job.result_list("links"),
            errors=job.result_list("errors"),
            errors_not_shown=job.result.get("errors_not_shown", 0)
            if isinstance(job.result, dict)
            else 0,
        )
        return context


class JobDownloadView(PageMixin, View):
    def get(self, request: HttpRequest, pk: Any) -> FileResponse:
        return job_file_response(job_for_user(request.user, pk))

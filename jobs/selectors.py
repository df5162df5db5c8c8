"""Reads for background jobs: who may follow which job.

The creator follows their own jobs; HR (and superusers) follow every job; nobody else sees one,
and asking for it answers 404 exactly as for a job that does not exist.
"""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404

from careerpath.access import UserLike, is_hr
from jobs.models import Job


def jobs_visible_to(user: UserLike) -> QuerySet[Job]:
    if not user.is_authenticated:
        return Job.objects.none()
    if is_hr(user):
        return Job.objects.all()
    return Job.objects.filter(created_by=user.pk)


def job_for_user(user: UserLike, job_id: uuid.UUID | str) -> Job:
    """The job if this user may follow it; otherwise 404 (also for a malformed id)."""
    try:
        key = job_id if isinstance(job_id, uuid.UUID) else uuid.UUID(str(job_id))
        return jobs_visible_to(user).select_related("created_by").get(pk=key)
    except (Job.DoesNotExist, ValueError, TypeError):
        raise Http404("No such job.") from None

"""Who may do what. Every entry point (admin, pages, API, tasks) asks these predicates.

Three groups, created by a migration:

* **HR** maintains the framework and sees every candidate and opening.
* **Recruiter** reads the framework; works on the openings whose hiring team they are on, those
  openings' candidates and assessments, and the candidates they created.
* **Viewer** reads the framework only.

Superusers have every right HR has.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

HR_GROUP = "HR"
RECRUITER_GROUP = "Recruiter"
VIEWER_GROUP = "Viewer"
ALL_GROUPS = (HR_GROUP, RECRUITER_GROUP, VIEWER_GROUP)

UserLike = User | AnonymousUser


def _group_names(user: UserLike) -> set[str]:
    # Cached on the user object: a page asks several predicates per request.
    cached = getattr(user, "_careerpath_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
        user._careerpath_groups = cached  # type: ignore[union-attr]
    return cached


def is_hr(user: UserLike) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or HR_GROUP in _group_names(user)))


def is_recruiter(user: UserLike) -> bool:
    return bool(user.is_authenticated and RECRUITER_GROUP in _group_names(user))


def can_read_framework(user: UserLike) -> bool:
    """Any signed-in member of a group (or a superuser) may read roles and competencies."""
    return bool(user.is_authenticated and (user.is_superuser or _group_names(user)))


def can_maintain_framework(user: UserLike) -> bool:
    return is_hr(user)


def can_work_with_candidates(user: UserLike) -> bool:
    """HR and recruiters deal with candidates; viewers never see one."""
    return is_hr(user) or is_recruiter(user)


def can_read_audit(user: UserLike) -> bool:
    """The audit trail (who changed what, everywhere) is HR's alone."""
    return is_hr(user)

"""Who may call which endpoint, decided by the access predicates of ``careerpath.access``.

* The framework (categories, competencies, resources, roles, paths, career routes): every member
  of a group reads it; only HR (and superusers) write it. Others get 403.
* Recruiting (candidates, openings, assessments, rankings, comparisons): HR and recruiters. On a
  collection (list, create) a viewer gets 403. On an address naming one candidate, opening or
  assessment the *selectors* decide: what a user may not see answers 404, exactly like what does
  not exist, for viewers and outside recruiters alike — the API never confirms that an id exists.

Anonymous requests fail ``IsAuthenticated`` first and get 401 (TokenAuthentication, listed first,
supplies the ``WWW-Authenticate`` header that makes DRF answer 401 rather than 403).
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission

from careerpath import access


def _names_one_object(view: Any) -> bool:
    lookup = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", None)
    return bool(lookup and lookup in getattr(view, "kwargs", {}))


class FrameworkAccess(BasePermission):
    """Read: any group member. Write: HR."""

    message = "Only HR may change the career framework."

    def has_permission(self, request: Any, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            if not access.can_read_framework(request.user):
                self.message = "Your account is in no CareerPath group, so it may not read this."
                return False
            return True
        return access.can_maintain_framework(request.user)


class RecruitingAccess(BasePermission):
    """HR and recruiters; a view's ``hr_only_actions`` are HR's alone.

    Object addresses pass through to the view, whose queryset (a selector) hides what this user
    may not see, so the answer there is 404 rather than a 403 that would confirm existence.
    """

    message = "Only HR and recruiters work with candidates, openings and assessments."

    def has_permission(self, request: Any, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        if _names_one_object(view) and getattr(view, "action", None) not in view.hr_only_actions:
            return True
        if not access.can_work_with_candidates(request.user):
            return False
        if getattr(view, "action", None) in getattr(view, "hr_only_actions", ()):
            self.message = "Only HR may do this."
            return access.is_hr(request.user)
        return True

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        return access.can_work_with_candidates(request.user)


class CandidateWork(BasePermission):
    """Endpoints about candidates that are not object addresses (ranking, comparisons)."""

    message = "Only HR and recruiters work with candidates."

    def has_permission(self, request: Any, view: Any) -> bool:
        return access.can_work_with_candidates(request.user)


class FrameworkReader(BasePermission):
    message = "Your account is in no CareerPath group, so it may not read this."

    def has_permission(self, request: Any, view: Any) -> bool:
        return access.can_read_framework(request.user)


class AuditReader(BasePermission):
    message = "Only HR may read the audit trail."

    def has_permission(self, request: Any, view: Any) -> bool:
        return access.can_read_audit(request.user)

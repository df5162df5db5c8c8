"""History pages in the admin that obey the same access rules as the change pages.

django-simple-history's history views load the object through the historical table when the
admin queryset does not contain it, and its "revert" form saves with only a view permission.
Both would let a recruiter read (and overwrite) candidates and openings outside their openings,
or a read-only user revert framework objects. Every app's admin uses this class instead.
Object pages of objects outside the user's queryset are a 404 too, not Django's redirect.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from careerpath import access


class ObjectsOutOfReachAre404:
    """An admin object page (change, delete) for an object outside this user's queryset is a
    404, like every other page and the API. Django's admin would redirect to the index with
    "doesn't exist. Perhaps it was deleted?" — no leak, but not the one answer the project
    gives. HR keeps that redirect (after a delete, an old link is not an error)."""

    def _get_obj_does_not_exist_redirect(
        self, request: HttpRequest, opts: Any, object_id: str
    ) -> HttpResponse:
        if access.is_hr(request.user):
            return super()._get_obj_does_not_exist_redirect(  # type: ignore[misc]
                request, opts, object_id
            )
        raise Http404("No such object.")


class GuardedHistoryAdmin(ObjectsOutOfReachAre404, SimpleHistoryAdmin):
    def _visible_or_404(self, request: HttpRequest, object_id: str) -> Any:
        try:
            return self.get_queryset(request).get(pk=unquote(object_id))
        except (self.model.DoesNotExist, ValueError, TypeError, ValidationError):
            # HR may still read the history of a deleted object; nobody else learns of it.
            if access.is_hr(request.user):
                return None
            raise Http404("No such object.") from None

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        self._visible_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict | None = None,
    ) -> HttpResponse:
        obj = self._visible_or_404(request, object_id)
        if request.method == "POST" and not self.has_change_permission(request, obj):
            raise PermissionDenied  # reverting is changing
        return super().history_form_view(request, object_id, version_id, extra_context)

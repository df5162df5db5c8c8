"""History pages in the admin that obey the same access rules as the change pages.

django-simple-history's history views load the object through the historical table when the
admin queryset does not contain it, and its "revert" form saves with only a view permission.
Both would let a recruiter read (and overwrite) candidates and openings outside their openings,
or a read-only user revert framework objects. Every app's admin uses this class instead: the
history pages show only what the change page would, and nobody reverts (``SIMPLE_HISTORY_REVERT_
DISABLED`` hides the button; a POST is refused).
Object pages of objects outside the user's queryset are a 404 too, not Django's redirect.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from careerpath import access
from careerpath.text_checks import normalized_text


class StoredTextFormField(forms.CharField):
    """Multi-line text read as it is stored (``text_checks.normalized_text``), so a textarea the
    browser sends back with ``\r\n`` line endings counts as unchanged."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return normalized_text(value, multiline=True) if isinstance(value, str) else value


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
    formfield_overrides = {models.TextField: {"form_class": StoredTextFormField}}

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # A save that changes nothing records nothing (no history row).
        if change and not form.has_changed():
            return
        super().save_model(request, obj, form, change)

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
        self._visible_or_404(request, object_id)
        if request.method != "GET":
            # History is read-only for everyone, HR too: a revert would save the old version
            # past the services' rules (and the audit trail is only worth what nobody rewrites).
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

"""History pages in the admin that obey the same access rules as the change pages.

django-simple-history's history views load the object through the historical table when the
admin queryset does not contain it, and its "revert" form saves with only a view permission.
Both would let a recruiter read (and overwrite) candidates and openings outside their openings,
or a read-only user revert framework objects. Every app's admin uses this class instead.

It also keeps the admin inside optimistic locking (``careerpath.versioning``): the change form
and the revert form of a versioned object carry its current version in a hidden field; the
form's ``clean()`` locks the row (the admin saves inside one transaction, so the lock holds
until the save) and refuses a stale version with the usual message above the form, and each
save raises the version.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from careerpath import access
from careerpath.pages import VersionField
from careerpath.versioning import VersionedModel, bump_versions, lock_current


def version_checked(form_class: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """``form_class`` (an admin change form) with the hidden version and its check."""

    class VersionCheckedForm(form_class):  # type: ignore[valid-type,misc]
        version = VersionField()

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # The row's version now, not the instance's: a revert form's instance is an old
            # historical copy, but it is opened against the current object.
            manager = type(self.instance)._default_manager
            current = manager.filter(pk=self.instance.pk).values_list("version", flat=True)
            self.initial.setdefault("version", current.first())

        def clean(self) -> dict[str, Any]:
            data = super().clean() or {}
            if "version" not in self.errors:
                lock_current(self.instance, expected_version=data.get("version"))
            return data

    return VersionCheckedForm


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if "fields" not in kwargs:  # as ModelAdmin.get_form would, to filter them below
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:
            # The fieldsets name the hidden version (it is on the form, see below), but the
            # model's column is not editable: the form factory must not be asked for it.
            kwargs["fields"] = [name for name in kwargs["fields"] if name != "version"]
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or obj.pk is None or not isinstance(obj, VersionedModel):
            return form_class
        return version_checked(form_class)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change and isinstance(obj, VersionedModel):
            obj.version += 1  # the row is locked since the form's clean(): see version_checked
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        # Versioned rows changed in an inline (a role's paths out) get a new version too; the
        # inline rows themselves carry no version check.
        if issubclass(formset.model, VersionedModel):
            changed = [obj.pk for obj, _ in getattr(formset, "changed_objects", [])]
            bump_versions(formset.model._default_manager.filter(pk__in=changed))

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
        # One transaction, as the change form's: the version check's row lock lasts until the
        # revert is saved.
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

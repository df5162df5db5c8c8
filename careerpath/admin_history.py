"""History pages in the admin that obey the same access rules as the change pages.

django-simple-history's history views load the object through the historical table when the
admin queryset does not contain it, and its "revert" form saves with only a view permission.
Both would let a recruiter read (and overwrite) candidates and openings outside their openings,
or a read-only user revert framework objects. Every app's admin uses this class instead: the
history pages show only what the change page would, and nobody reverts (``SIMPLE_HISTORY_REVERT_
DISABLED`` hides the button; a POST is refused).
Object pages of objects outside the user's queryset are a 404 too, not Django's redirect.

It also keeps the admin inside optimistic locking (``careerpath.versioning``): the change form
of a versioned object carries its current version in a hidden field; the form's ``clean()``
locks the row (the admin saves inside one transaction, so the lock holds until the save) and
refuses a stale version with the usual message above the form. A save that changes something
raises the version; one that changes nothing writes nothing (no history row, no new version).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from careerpath import access
from careerpath.pages import VersionField
from careerpath.text_checks import normalized_text
from careerpath.versioning import VersionedModel, bump_versions, lock_current


class StoredTextFormField(forms.CharField):
    """Multi-line text read as it is stored (``text_checks.normalized_text``), so a textarea the
    browser sends back with ``\r\n`` line endings counts as unchanged."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return normalized_text(value, multiline=True) if isinstance(value, str) else value


def version_checked(form_class: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """``form_class`` (an admin change form) with the hidden version and its check."""

    class VersionCheckedForm(form_class):  # type: ignore[valid-type,misc]
        version = VersionField()

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.initial.setdefault("version", self.instance.version)

        def clean(self) -> dict[str, Any]:
            data = super().clean() or {}
            if "version" not in self.errors:
                lock_current(self.instance, expected_version=data.get("version"))
            return data

    return VersionCheckedForm


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
    # Models of inlines whose rows are part of the object's version (a role's requirements, a
    # competency's indicators): changing only those raises the object's version.
    version_covers: tuple[type[models.Model], ...] = ()

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
        # A save that changes nothing records nothing (no history row, no new version).
        if change and not form.has_changed():
            return
        if change and isinstance(obj, VersionedModel):
            obj.version += 1  # the row is locked since the form's clean(): see version_checked
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        # Versioned rows changed in an inline (a category's competencies) get a new version
        # too; the inline rows themselves carry no version check.
        if issubclass(formset.model, VersionedModel):
            changed = [obj.pk for obj, _ in getattr(formset, "changed_objects", [])]
            bump_versions(formset.model._default_manager.filter(pk__in=changed))

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if not (change and isinstance(obj, VersionedModel)):
            return
        # The version the form was opened with is the row's (checked under the lock in clean());
        # still equal means the object's own fields did not change: its covered rows may have.
        unraised = obj.version == form.cleaned_data.get("version")
        if unraised and any(
            formset.model in self.version_covers and formset.has_changed() for formset in formsets
        ):
            bump_versions(type(obj)._default_manager.filter(pk=obj.pk))

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

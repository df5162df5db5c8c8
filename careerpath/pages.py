"""What every page shares: sign-in and permission mixins, the create/edit loop over a service,
list paging and filters, and the base form with its id fields and service-error mapping.

Nothing here knows an app: the apps' views and forms build on it (``skills``, ``roles`` and
``candidates`` alike), and the access predicates come from ``careerpath.access``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin, LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import QuerySet
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from careerpath import access
from careerpath.api.fields import MAX_ID
from careerpath.text_checks import normalized_text, positive_number, text_problem
from careerpath.versioning import StaleObject

# --- Forms ----------------------------------------------------------------------------------


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, field_map: dict[str, str] | None = None
) -> None:
    """Attach a service's ``ValidationError`` to ``form``: each message beside its field when
    the form has that field (after ``field_map`` renames), otherwise at the top of the form."""
    field_map = field_map or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, texts in error.message_dict.items():
        target: str | None = field_map.get(name, name)
        if target == NON_FIELD_ERRORS or target not in form.fields:
            target = None
        for message in texts:
            form.add_error(target, message)


class PageForm(forms.Form):
    """The base of every page form.

    Labels carry no trailing colon (the pages style labels themselves). Every text field refuses
    what the API refuses — control characters, bidirectional overrides (a name that renders
    reversed), lone surrogates, non-characters; line breaks only where the widget is a textarea —
    as an error beside the field, and accepted text is NFC-normalised like the API stores it.
    This runs in ``clean()``, so it covers fields added in ``__init__`` too; a subclass that
    overrides ``clean()`` calls ``super().clean()`` first.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, field in self.fields.items():
            value = data.get(name)
            if not isinstance(field, forms.CharField) or not isinstance(value, str):
                continue
            multiline = isinstance(field.widget, forms.Textarea)
            problem = text_problem(value, multiline=multiline)
            if problem:
                self.add_error(name, problem)
            else:
                data[name] = normalized_text(value, multiline=multiline)
        return data

    @classmethod
    def initial_for(cls, instance: models.Model) -> dict[str, Any]:
        """The values of ``instance`` for the form's fields that its model has, to prefill an
        edit: related objects as ids, many-to-many as lists of ids."""
        values = model_to_dict(instance, fields=list(cls.base_fields))
        return {
            name: [related.pk for related in value] if isinstance(value, list) else value
            for name, value in values.items()
        }


# --- Choosing objects by id -----------------------------------------------------------------


def is_object_id(value: Any) -> bool:
    """``value`` (as posted, or an int) is an id the database can look up: a whole number from 1
    to 2**63-1, like the API's ids. A larger one makes the query itself fail (SQLite:
    OverflowError; PostgreSQL: DataError) instead of finding nothing."""
    if isinstance(value, bool):
        return False
    if isinstance(value, str):
        value = positive_number(value)
    return isinstance(value, int) and 1 <= value <= MAX_ID


def _quoted_value(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 20 else f"{text[:20]}…"


class IdChoiceField(forms.ModelChoiceField):
    """One object chosen by id; a value that is not a possible id is an invalid choice."""

    def to_python(self, value: Any) -> Any:
        if (
            value not in self.empty_values
            and not (self.queryset is not None and isinstance(value, self.queryset.model))
            and not is_object_id(value)
        ):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": _quoted_value(value)},
            )
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Objects chosen by id (checkboxes); a value that is not a possible id is an error."""

    def _check_values(self, value: Any) -> QuerySet:
        for pk in value:
            if not is_object_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": _quoted_value(pk)},
                )
        return super()._check_values(value)  # type: ignore[misc]


def slug_field(derived_from: str) -> forms.SlugField:
    """The optional page-address field of an editable framework object."""
    return forms.SlugField(
        max_length=80,
        required=False,
        label="Address (slug)",
        help_text=f"Used in the page address. Leave blank to derive it from the {derived_from}.",
    )


class VersionField(forms.IntegerField):
    """The hidden version an edit page was opened at (``careerpath.versioning``)."""

    widget = forms.HiddenInput
    default_error_messages = {
        "invalid": "This page's form is damaged (its version is not a number); reload the page.",
        "min_value": "This page's form is damaged (its version is not a version); reload it.",
        "max_value": "This page's form is damaged (its version is not a version); reload it.",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, min_value=1, max_value=2**31 - 1, **kwargs)


# --- Views ----------------------------------------------------------------------------------


class PageMixin(LoginRequiredMixin):
    """A signed-in page; ``nav_section`` marks the current item in the main navigation."""

    nav_section = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["nav_section"] = self.nav_section
        return context


class PermissionPageMixin(PageMixin, AccessMixin):
    """Anonymous users are sent to sign in; signed-in users without the right get 403."""

    def has_access(self, user: Any) -> bool:
        raise NotImplementedError

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.has_access(request.user):
            raise PermissionDenied("You do not have access to this page.")
        return super().dispatch(request, *args, **kwargs)


class FrameworkReaderMixin(PermissionPageMixin):
    def has_access(self, user: Any) -> bool:
        return access.can_read_framework(user)


class FrameworkEditorMixin(PermissionPageMixin):
    def has_access(self, user: Any) -> bool:
        return access.can_maintain_framework(user)


class ServiceFormMixin:
    """A page that creates (nothing named in the URL) or edits one object through a service.

    GET shows the form, prefilled when editing. POST validates the form and calls ``save``
    (the service): on success, a message and a redirect; on the service's ``ValidationError``
    the service has rolled back, so nothing was saved — each message goes beside its field and
    the page answers 400. Subclasses load the object (through the access selectors), build the
    form, call the service and say where to go next.

    A page may also edit rows that belong to the object (a role's requirements) in a formset
    saved together with the form: ``build_formset`` returns it, both must be valid, and
    ``save`` reads it from ``self.formset``.

    Editing a versioned object, the form carries the version it was opened at in a hidden
    ``version`` field (templates render ``{{ form.version }}``); ``save`` passes
    ``self.expected_version`` to the service. When someone saved in between, the service
    refuses (``StaleObject``): the page answers 409 with the user's input kept, says who
    changed the object and when, and carries the current version, so saving again is a
    deliberate overwrite of what the user has now seen.
    """

    object_name = "object"  # the template's name for the object (None when creating)
    noun = ""  # "Candidate": the success message names what was saved
    formset: forms.BaseFormSet | None = None
    expected_version: int | None = None

    def get_object(self) -> Any | None:
        raise NotImplementedError

    def build_form(self, obj: Any | None, data: Any = None) -> forms.Form:
        raise NotImplementedError

    def build_formset(self, obj: Any | None, data: Any = None) -> forms.BaseFormSet | None:
        return None

    def save(self, form: Any, obj: Any | None) -> Any:
        raise NotImplementedError

    def success_url(self, saved: Any) -> str:
        raise NotImplementedError

    def add_errors(self, form: Any, error: ValidationError) -> None:
        add_service_errors(form, error)

    def render_form(
        self, obj: Any | None, form: forms.Form, status: int = 200, *, stale: bool = False
    ) -> HttpResponse:
        context = {self.object_name: obj, "form": form, "stale": stale}
        if self.formset is not None:
            context["formset"] = self.formset
        context = self.get_context_data(**context)  # type: ignore[attr-defined]
        return self.render_to_response(context, status=status)  # type: ignore[attr-defined]

    def versioned_form(self, obj: Any | None, form: forms.Form) -> forms.Form:
        """``form`` with the hidden version field when ``obj`` is a versioned object."""
        if obj is not None and hasattr(obj, "version"):
            form.fields["version"] = VersionField()
            form.initial.setdefault("version", obj.version)
        return form

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        self.formset = self.build_formset(obj)
        return self.render_form(obj, self.versioned_form(obj, self.build_form(obj)))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        form = self.versioned_form(obj, self.build_form(obj, request.POST))
        self.formset = self.build_formset(obj, request.POST)
        formset_valid = self.formset is None or self.formset.is_valid()
        if form.is_valid() and formset_valid:
            self.expected_version = form.cleaned_data.pop("version", None)
            try:
                saved = self.save(form, obj)
            except StaleObject as error:
                add_service_errors(form, error)
                form.add_error(
                    None,
                    "Your input is kept below: compare it with the current values (open the "
                    "page in another tab) and save again to replace them.",
                )
                # Saving again now overwrites the version the user has just been told about.
                data = request.POST.copy()
                data["version"] = str(error.current_version)
                form.data = data
                return self.render_form(self.get_object(), form, status=409, stale=True)
            except ValidationError as error:
                self.add_errors(form, error)
                obj = self.get_object()  # the unsaved changes must not leak into the page
            else:
                verb = "created" if obj is None else "saved"
                messages.success(request, f"{self.noun} “{saved}” {verb}.")
                return HttpResponseRedirect(self.success_url(saved))
        elif form.errors.get("version"):
            # A hidden field's error would show nowhere: say it at the top of the form.
            form.add_error(None, form.errors["version"])
        return self.render_form(obj, form, status=400)


LIST_PAGE_SIZE = 25


def page_of(request: HttpRequest, rows: QuerySet, *, per_page: int = LIST_PAGE_SIZE) -> dict:
    """One page of ``rows`` (``?page=N``) for a list page, with links to the other pages that
    keep the current filters. A page that does not exist shows the nearest one, and says so.

    Costs two queries whatever the number of rows: the count and the page.
    """
    paginator = Paginator(rows, per_page)
    asked = request.GET.get("page", "")
    # Past the last page shows the last one; anything else that is not a page shows the first.
    page = paginator.get_page(asked if positive_number(asked) else 1)
    notice = ""
    if asked and asked != str(page.number):
        shown = asked if len(asked) <= 20 else f"{asked[:20]}…"
        notice = f"There is no page “{shown}”: showing page {page.number} of {paginator.num_pages}."
    query = request.GET.copy()

    def url(number: int) -> str:
        query["page"] = str(number)
        return "?" + query.urlencode()

    links = [
        (number, url(number) if isinstance(number, int) else None)
        for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    return {
        "page_obj": page,
        "page_links": links if paginator.num_pages > 1 else [],
        "previous_url": url(page.previous_page_number()) if page.has_previous() else None,
        "next_url": url(page.next_page_number()) if page.has_next() else None,
        "page_notice": notice,
    }


class FilteredListMixin:
    """A list page whose filters come from a form on the query string: an invalid filter is an
    error beside it (and a 400), and the list shows what it can without it."""

    filter_form_class: type[forms.Form]

    def filters(self) -> forms.Form:
        form = self.filter_form_class(self.request.GET)  # type: ignore[attr-defined]
        form.is_valid()
        return form

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = self.get_context_data(**kwargs)  # type: ignore[attr-defined]
        status = 400 if context["filter_form"].errors else 200
        return self.render_to_response(context, status=status)  # type: ignore[attr-defined]

"""What the models and every app's services share: the write step, slugs, and errors of
constraints said beside the field they concern."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models
from django.utils.text import slugify

from careerpath.text_checks import normalized_text

P = ParamSpec("P")
R = TypeVar("R")

CONFLICT_MESSAGE = (
    "Someone saved a conflicting change at the same moment (for example the same email or "
    "title). Nothing was saved; review and save again."
)


def conflicts_as_validation_errors(service: Callable[P, R]) -> Callable[P, R]:
    """Turn a unique-constraint race into the service's usual error.

    ``full_clean()`` checks uniqueness before saving, but two requests can pass that check at
    the same moment; the database constraint then refuses the second. The service's own
    transaction has rolled back by then, so callers get a ``ValidationError`` (code
    ``conflict``: the API answers 409) instead of a 500. Apply it outside ``atomic``.
    """

    @functools.wraps(service)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return service(*args, **kwargs)
        except IntegrityError:
            raise ValidationError(CONFLICT_MESSAGE, code="conflict") from None

    return wrapper


def constraint_error_on_field(
    error: ValidationError,
    field: str,
    matches: Callable[[ValidationError], bool],
    message: str | None = None,
) -> ValidationError:
    """``error`` with the whole-object messages that ``matches`` moved beside ``field`` (and
    reworded as ``message`` when given). For a model's ``validate_constraints``: a constraint
    over several columns, or over an expression, reports to no field, though people read it as
    being about one; saying so in the model lets pages and API show it there alike."""
    by_field = dict(error.update_error_dict({}))
    general = by_field.pop(NON_FIELD_ERRORS, [])
    moved = [item for item in general if matches(item)]
    if moved:
        by_field.setdefault(field, []).extend(
            [ValidationError(message, code=moved[0].code)] if message else moved
        )
    rest = [item for item in general if not matches(item)]
    if rest:
        by_field[NON_FIELD_ERRORS] = rest
    return ValidationError(by_field)


def assign_validate_save(instance: Any, fields: dict[str, Any], allowed: Iterable[str]) -> Any:
    """The services' write step: set the fields, ``full_clean()``, save; returns the instance.

    An existing object none of whose fields changed is not saved: a save that changes nothing
    records nothing (no history row, no ``updated_at``)."""
    changed = assign_fields(instance, fields, allowed)
    if instance.pk is not None and not changed:
        return instance
    instance.full_clean()
    instance.save()
    return instance


def blank_slug_kept(instance: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """An edit's fields, where a blank slug keeps the object's own: leaving the address empty
    means "unchanged" (only creating derives a slug from the name)."""
    if "slug" in fields and not fields["slug"]:
        return {**fields, "slug": instance.slug}
    return fields


def assign_fields(instance: Any, fields: dict[str, Any], allowed: Iterable[str]) -> list[str]:
    """Set ``fields`` on ``instance``, multi-line text in its stored form
    (``text_checks.normalized_text``); a name outside ``allowed`` is a programming error.
    Returns the names whose value differs from the instance's before."""
    check_field_names(fields, allowed)
    changed = []
    for name, value in stored_values(instance, fields).items():
        field = instance._meta.get_field(name)
        attribute = field.attname if field.is_relation else name
        before = getattr(instance, attribute)
        setattr(instance, name, value)
        if getattr(instance, attribute) != before:
            changed.append(name)
    return changed


def stored_values(instance: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` as they would be stored on ``instance``: multi-line text normalised, so a
    value that differs only in line endings compares as unchanged."""
    stored = {}
    for name, value in fields.items():
        field = instance._meta.get_field(name)
        if isinstance(field, models.TextField) and isinstance(value, str):
            value = normalized_text(value, multiline=True)
        stored[name] = value
    return stored


def check_field_names(fields: Iterable[str], allowed: Iterable[str]) -> None:
    """A service given a field name outside ``allowed`` was called wrongly: a ``TypeError``."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")


class SlugAndNameChecks:
    """Model mixin: ``clean()`` applies ``slug_and_name_problems`` with the class's settings."""

    name_field = "name"
    reserved_slugs: frozenset[str] = frozenset()

    def clean(self) -> None:
        errors = slug_and_name_problems(
            self, name_field=self.name_field, reserved_slugs=self.reserved_slugs
        )
        if errors:
            raise ValidationError(errors)


def slug_and_name_problems(
    instance: Any, *, name_field: str, reserved_slugs: frozenset[str] = frozenset()
) -> dict[str, str]:
    """Field errors for a framework object's slug and unique name, for ``Model.clean``.

    - a slug is lowercase (the database checks it too), and not a word a page address uses
      (``/roles/new/`` must stay the create page, not a role called "new");
    - names are unique without regard to case ("E-commerce Staff" vs "e-commerce staff"),
      with the database's case-insensitive unique constraint as the last line of defence.
    """
    errors: dict[str, str] = {}
    slug = getattr(instance, "slug", "") or ""
    if slug != slug.lower():
        errors["slug"] = "Use lowercase letters, digits and hyphens only."
    elif slug in reserved_slugs:
        errors["slug"] = f"“{slug}” is reserved for a page address; choose another slug."
    name = getattr(instance, name_field, "") or ""
    if name:
        others = type(instance)._default_manager.filter(**{f"{name_field}__iexact": name})
        if instance.pk:
            others = others.exclude(pk=instance.pk)
        if others.exists():
            label = type(instance)._meta.verbose_name
            errors[name_field] = (
                f"A {label} with this {name_field} already exists (letter case is ignored)."
            )
    return errors


def slug_for(title: str, given: str = "") -> str:
    """The slug given (lowercased), or one derived from the title ("" if none can be)."""
    return (given.strip() or slugify(title)[:80]).lower()


def derived_slug(fields: dict[str, Any], source: str) -> str:
    """The slug for a new object, with a clear error when the title yields none (emoji,
    non-Latin scripts) instead of a bare "cannot be blank" on a field the user left empty."""
    slug = slug_for(fields.get(source, "") or "", fields.get("slug", "") or "")
    if not slug and fields.get(source):
        raise ValidationError(
            {
                "slug": (
                    f"No slug can be derived from the {source} (it has no Latin letters or "
                    "digits); enter one, e.g. “marketplace-lead”."
                )
            }
        )
    return slug

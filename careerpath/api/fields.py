"""Serializer fields for a JSON contract: strict about types, text and references.

DRF's stock fields are lenient in ways an integration contract should not be: ``"5"`` for an
integer, ``"yes"`` for a boolean, ``12`` for a string. The fields here take exactly the JSON type
they document, refuse text no person types (control characters, lone surrogates, Unicode
non-characters, bidirectional overrides — the spoofing kind), store text in NFC so that visually
equal names are equal, and resolve references (slugs, ids) without letting a malformed value reach
the database: PostgreSQL rejects a NUL in a query parameter with an error, not an empty result.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

from django.db.models import Manager, Model, QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from careerpath.text_checks import normalized_text, split_lines, text_problem

MAX_ID = 2**63 - 1
SLUG_PATTERN = re.compile(r"[-a-zA-Z0-9_]+")
SLUG_MESSAGE = "Must be a slug: letters, digits, hyphens and underscores."
SLUG_SCHEMA = {"type": "string", "pattern": f"^{SLUG_PATTERN.pattern}$"}


class StrictCharField(serializers.CharField):
    """A JSON string only; single-line unless ``multiline``; stored NFC-normalised."""

    default_error_messages = {"invalid": "Must be a string.", "not_a_string": "Must be a string."}

    def __init__(self, *, multiline: bool = False, **kwargs: Any) -> None:
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_a_string")
        problem = text_problem(data, multiline=self.multiline)
        if problem:
            raise serializers.ValidationError(problem, code="invalid_text")
        return normalized_text(super().to_internal_value(data), multiline=self.multiline)


class StrictTextField(StrictCharField):
    """Free text over several lines (descriptions, notes, evidence)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("multiline", True)
        super().__init__(**kwargs)


class StrictSlugField(StrictCharField, serializers.SlugField):
    # "invalid" is the slug validator's message; a value that is not a string is "not_a_string".
    default_error_messages = {"invalid": SLUG_MESSAGE}


class StrictEmailField(StrictCharField, serializers.EmailField):
    default_error_messages = {"invalid": "Enter a valid email address, e.g. name@example.com."}


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer only: not ``"5"``, not ``5.0``, not ``true``."""

    default_error_messages = {"invalid": "Must be a whole number (a JSON integer)."}

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    default_error_messages = {"invalid": "Must be true or false."}

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class StrictChoiceField(serializers.ChoiceField):
    default_error_messages = {"invalid_type": "Must be a string, one of: {choices}."}

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            self.fail("invalid_type", choices=", ".join(str(c) for c in self.choices))
        return super().to_internal_value(data)


def refuse(field: serializers.Field, key: str, **kwargs: Any) -> NoReturn:
    """``field.fail(key)``, typed as never returning (DRF's own is untyped)."""
    field.fail(key, **kwargs)
    raise AssertionError("Field.fail always raises")  # pragma: no cover


def _resolve_queryset(source: Any, context: dict[str, Any]) -> QuerySet:
    """A queryset, or a callable taking the request (to scope it to the user)."""
    if isinstance(source, QuerySet | Manager):
        return source.all()
    return source(context.get("request"))


@extend_schema_field(SLUG_SCHEMA)
class SlugReferenceField(serializers.SlugRelatedField):
    """A related object named by its slug; written and read as the slug."""

    default_error_messages = {
        "does_not_exist": "No {what} with slug “{value}”.",
        "invalid": SLUG_MESSAGE,
        "incorrect_type": "Must be a slug (a string), not {data_type}.",
    }

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        self.what = what
        kwargs.setdefault("slug_field", "slug")
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet:
        return _resolve_queryset(self.queryset, self.context)

    def run_validation(self, data: Any = serializers.empty) -> Any:
        # DRF reads "" as null on a nullable reference; the contract's null is ``null``, and
        # "" is not a slug (the schema says so).
        if data == "":
            self.fail("invalid")
        return super().run_validation(data)

    def to_internal_value(self, data: Any) -> Model:
        if not isinstance(data, str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not SLUG_PATTERN.fullmatch(data):
            self.fail("invalid")
        found = self.get_queryset().filter(**{self.slug_field: data}).first()
        if found is None:
            refuse(self, "does_not_exist", what=self.what, value=data)
        return found


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdReferenceField(serializers.PrimaryKeyRelatedField):
    """A related object named by its id; the queryset decides what this user may name, and an
    id outside it reads exactly like one that does not exist."""

    default_error_messages = {
        "does_not_exist": "No {what} with id {pk_value}.",
        "incorrect_type": "Must be an id (a positive JSON integer), not {data_type}.",
    }

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        self.what = what
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet:
        return _resolve_queryset(self.queryset, self.context)

    def to_internal_value(self, data: Any) -> Model:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 1 <= data <= MAX_ID:
            self.fail("does_not_exist", what=self.what, pk_value=data)
        found = self.get_queryset().filter(pk=data).first()
        if found is None:
            refuse(self, "does_not_exist", what=self.what, pk_value=data)
        return found


QuerysetSource = QuerySet | Manager | Callable[[Any], QuerySet]


class ReferenceListField(serializers.ListField):
    """A list of references resolved in one query, in the order given, each named once (the
    schema says ``uniqueItems``)."""

    lookup = "pk"

    def __init__(self, *, queryset: QuerysetSource, what: str, **kwargs: Any) -> None:
        self.queryset_source = queryset
        self.what = what
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet:
        return _resolve_queryset(self.queryset_source, self.context)

    def describe(self, key: Any) -> str:
        raise NotImplementedError

    def to_internal_value(self, data: Any) -> list[Model]:
        keys = super().to_internal_value(data)
        errors: dict[int, list[str]] = {}
        seen: set[Any] = set()
        for index, key in enumerate(keys):
            if key in seen:
                errors[index] = [f"{self.describe(key)} is listed more than once."]
            seen.add(key)
        found = {
            getattr(obj, self.lookup): obj
            for obj in self.get_queryset().filter(**{f"{self.lookup}__in": list(seen)})
        }
        for index, key in enumerate(keys):
            if key not in found:
                errors.setdefault(index, []).append(f"No {self.describe(key)}.")
        if errors:
            raise serializers.ValidationError(errors)
        return [found[key] for key in keys]

    def to_representation(self, value: Any) -> list[Any]:
        objects: Iterable[Model] = value.all() if hasattr(value, "all") else value
        return sorted(getattr(obj, self.lookup) for obj in objects)


class IdListField(ReferenceListField):
    """``[1, 2, 3]``: ids of objects the queryset offers (to this request's user)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("child", StrictIntegerField(min_value=1, max_value=MAX_ID))
        super().__init__(**kwargs)

    def describe(self, key: Any) -> str:
        return f"{self.what} with id {key}"


class SlugListField(ReferenceListField):
    """``["a-slug", ...]``: slugs of objects the queryset offers."""

    lookup = "slug"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("child", StrictSlugField(max_length=80))
        super().__init__(**kwargs)

    def describe(self, key: Any) -> str:
        return f"{self.what} with slug “{key}”"


class LinesField(serializers.ListField):
    """A one-item-per-line text field (responsibilities, KPIs, ...) as a list of strings."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("child", StrictCharField(max_length=500))
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        return "\n".join(super().to_internal_value(data))

    def to_representation(self, value: str) -> list[str]:
        return split_lines(value or "")


class NestedSetField(serializers.Field):
    """A list of nested objects written as a whole set (a role's requirements, ...).

    Each item is validated by ``item_serializer`` on its own, so in a PATCH its required fields
    and defaults still apply: nested under a partial serializer, DRF would skip both and hand
    on half an item.
    """

    item_serializer: type[serializers.Serializer]

    def __init__(self, *, max_length: int | None = None, **kwargs: Any) -> None:
        self.max_length = max_length
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> list[Any]:
        items = self.item_serializer(
            data=data, many=True, max_length=self.max_length, context=self.context
        )
        if not items.is_valid():
            raise serializers.ValidationError(items.errors)
        return items.validated_data

    def to_representation(self, value: Any) -> list[Any]:
        objects = value.all() if hasattr(value, "all") else value
        return self.item_serializer(objects, many=True, context=self.context).data


VERSION_HELP = (
    "The object's version, raised by every save (the ETag header carries it too). Read it; "
    "send it back on PUT/PATCH to make the write conditional: if someone saved in between, "
    "the answer is 409 and nothing changes (If-Match does the same with 412). Ignored on "
    "create."
)


def version_field() -> StrictIntegerField:
    """The ``version`` of a versioned object's representation (see ``VERSION_HELP``)."""
    return StrictIntegerField(
        required=False, min_value=1, max_value=2**31 - 1, help_text=VERSION_HELP
    )

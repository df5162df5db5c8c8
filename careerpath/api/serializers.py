"""Base serializers of the API: unknown and read-only fields are errors, and no serializer saves.

DRF silently drops a field it does not know (``{"nmae": "x"}`` updates nothing and says 200) and
one that is read-only (``{"rank": 1}``). For an integration contract both are bugs on the
client's side that it should hear about, so they are rejected with the field named.

Serializers validate and shape; the viewsets hand ``validated_data`` to a service, which saves
(see the services modules). ``create``/``update`` here refuse to run so that a stray
``serializer.save()`` cannot bypass a service.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from rest_framework import serializers
from rest_framework.validators import UniqueValidator

from careerpath.api.fields import (
    StrictBooleanField,
    StrictCharField,
    StrictChoiceField,
    StrictEmailField,
    StrictIntegerField,
    StrictSlugField,
    StrictTextField,
)


def unique_message(model_field: models.Field) -> str:
    """The message for a duplicate unique value: "A role with this slug already exists."
    (DRF's own reads "role with this slug already exists.")."""
    noun = str(model_field.model._meta.verbose_name)
    article = "An" if noun[:1].lower() in "aeiou" else "A"
    return f"{article} {noun} with this {model_field.verbose_name} already exists."


class StrictFieldsMixin:
    """Reject keys that name no field, or a read-only one, alongside the other field errors."""

    fields: Any

    def to_internal_value(self, data: Any) -> Any:
        refused: dict[str, list[str]] = {}
        if isinstance(data, Mapping):
            writable = sorted(name for name, field in self.fields.items() if not field.read_only)
            for key in data:
                field = self.fields.get(key)
                if field is None:
                    accepted = ", ".join(writable) or "none"
                    refused[str(key)] = [f"Unknown field (accepted here: {accepted})."]
                elif field.read_only:
                    refused[str(key)] = ["This field is read-only."]
        try:
            value = super().to_internal_value(data)  # type: ignore[misc]
        except serializers.ValidationError as error:
            if refused and isinstance(error.detail, dict):
                raise serializers.ValidationError({**error.detail, **refused}) from None
            raise
        if refused:
            raise serializers.ValidationError(refused)
        return value


class StrictSerializer(StrictFieldsMixin, serializers.Serializer):
    """For inputs that are not a model (query parameters, comparison requests)."""

    def create(self, validated_data: Any) -> Any:
        raise NotImplementedError("Input serializers do not save.")

    def update(self, instance: Any, validated_data: Any) -> Any:
        raise NotImplementedError("Input serializers do not save.")


class StrictModelSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    """A model's API representation; generated fields use the strict JSON field types."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictTextField,
        models.SlugField: StrictSlugField,
        models.EmailField: StrictEmailField,
        models.IntegerField: StrictIntegerField,
        models.PositiveIntegerField: StrictIntegerField,
        models.PositiveSmallIntegerField: StrictIntegerField,
        models.SmallIntegerField: StrictIntegerField,
        models.BooleanField: StrictBooleanField,
    }
    serializer_choice_field = StrictChoiceField

    def build_standard_field(self, field_name: str, model_field: Any) -> tuple[type, dict]:
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        for validator in field_kwargs.get("validators", []):
            if isinstance(validator, UniqueValidator):
                validator.message = unique_message(model_field)
        return field_class, field_kwargs

    def create(self, validated_data: Any) -> Any:
        raise NotImplementedError("Writes go through a service: see the viewset's perform_create.")

    def update(self, instance: Any, validated_data: Any) -> Any:
        raise NotImplementedError("Writes go through a service: see the viewset's perform_update.")

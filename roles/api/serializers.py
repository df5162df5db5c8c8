"""API representations of roles (with their requirement set) and promotion paths."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from careerpath.api.fields import (
    LinesField,
    NestedSetField,
    SlugReferenceField,
    StrictBooleanField,
    StrictIntegerField,
    StrictSlugField,
    version_field,
)
from careerpath.api.serializers import StrictModelSerializer, StrictSerializer
from roles.models import PromotionPath, Role, RoleRequirement
from roles.services import RequirementInput
from skills.models import MAX_LEVEL, MIN_LEVEL, Competency

MAX_REQUIREMENTS = 100


class RequirementSerializer(StrictSerializer):
    competency = StrictSlugField(max_length=80, help_text="The competency's slug.")
    required_level = StrictIntegerField(
        min_value=MIN_LEVEL,
        max_value=MAX_LEVEL,
        help_text="1 Awareness, 2 Working, 3 Practitioner, 4 Advanced, 5 Expert.",
    )
    weight = StrictIntegerField(
        min_value=1, max_value=100, default=1, help_text="How much it counts in fit (1..100)."
    )
    essential = StrictBooleanField(
        default=False, help_text="A must: a candidate below it is not eligible."
    )

    def to_representation(self, instance: RoleRequirement) -> dict[str, Any]:
        return {
            "competency": instance.competency.slug,
            "required_level": instance.required_level,
            "weight": instance.weight,
            "essential": instance.essential,
        }


@extend_schema_field(RequirementSerializer(many=True))
class RequirementSetField(NestedSetField):
    item_serializer = RequirementSerializer


class RoleSerializer(StrictModelSerializer):
    version = version_field()
    responsibilities = LinesField(required=False, help_text="One responsibility per item.")
    kpis = LinesField(required=False, help_text="One KPI per item.")
    qualifications = LinesField(required=False, help_text="One qualification per item.")
    requirements = RequirementSetField(
        required=False,
        max_length=MAX_REQUIREMENTS,
        help_text=(
            "The competencies the role needs, written as a whole set: requirements left out "
            "are removed. Leave the field out to keep the set as it is."
        ),
    )

    class Meta:
        model = Role
        fields = [
            "slug",
            "title",
            "level",
            "rank",
            "summary",
            "responsibilities",
            "kpis",
            "qualifications",
            "min_years_experience",
            "requirements",
            "version",
        ]
        read_only_fields = ["rank"]
        extra_kwargs = {
            "slug": {"required": False, "help_text": "Given on create, or derived from the title."},
            "rank": {"help_text": "Position of the level on the ladder (1 staff .. 5 CCO)."},
        }

    def validate_requirements(self, items: list[dict[str, Any]]) -> list[RequirementInput]:
        """Resolve every competency slug in one query; name each bad item by its index."""
        slugs = [item["competency"] for item in items]
        competencies = {c.slug: c for c in Competency.objects.filter(slug__in=set(slugs))}
        errors: dict[int, dict[str, list[str]]] = {}
        seen: set[str] = set()
        for index, slug in enumerate(slugs):
            if slug not in competencies:
                errors[index] = {"competency": [f"No competency with slug “{slug}”."]}
            elif slug in seen:
                errors[index] = {"competency": [f"“{slug}” is required more than once."]}
            seen.add(slug)
        if errors:
            raise serializers.ValidationError(errors)
        return [
            RequirementInput(
                competency=competencies[item["competency"]],
                required_level=item["required_level"],
                weight=item["weight"],
                essential=item["essential"],
            )
            for item in items
        ]


class PromotionPathSerializer(StrictModelSerializer):
    version = version_field()
    from_role = SlugReferenceField(what="role", queryset=Role.objects.all())
    to_role = SlugReferenceField(what="role", queryset=Role.objects.all())

    class Meta:
        model = PromotionPath
        fields = ["id", "from_role", "to_role", "typical_years", "criteria", "version"]
        # Not DRF's unique-together check ("The fields from_role, to_role must make a unique
        # set."): the model names a duplicate on to_role, in words (validate_constraints).
        validators: list[Any] = []

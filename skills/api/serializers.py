"""API representations of competency categories, competencies and learning resources."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from careerpath.api.fields import (
    NestedSetField,
    SlugListField,
    SlugReferenceField,
    StrictIntegerField,
    StrictTextField,
    version_field,
)
from careerpath.api.serializers import StrictModelSerializer, StrictSerializer
from skills.models import (
    MAX_LEVEL,
    MIN_LEVEL,
    Competency,
    CompetencyCategory,
    LearningResource,
)


class CompetencyCategorySerializer(StrictModelSerializer):
    class Meta:
        model = CompetencyCategory
        fields = ["slug", "name", "description", "position"]
        extra_kwargs = {
            "slug": {"required": False, "help_text": "Given on create, or derived from the name."}
        }


class IndicatorSerializer(StrictSerializer):
    level = StrictIntegerField(min_value=MIN_LEVEL, max_value=MAX_LEVEL)
    description = StrictTextField(max_length=2000)


@extend_schema_field(IndicatorSerializer(many=True))
class IndicatorSetField(NestedSetField):
    item_serializer = IndicatorSerializer


class CompetencySerializer(StrictModelSerializer):
    version = version_field()
    category = SlugReferenceField(
        what="competency category", queryset=CompetencyCategory.objects.all()
    )
    indicators = IndicatorSetField(
        required=False,
        max_length=MAX_LEVEL,
        help_text=(
            "What a person at each proficiency level (1..5) is seen to do; written as a whole "
            "set (levels left out are removed). Leave the field out to keep them as they are."
        ),
    )

    class Meta:
        model = Competency
        fields = ["slug", "name", "description", "category", "indicators", "version"]
        extra_kwargs = {
            "slug": {"required": False, "help_text": "Given on create, or derived from the name."}
        }

    def validate_indicators(self, items: list[dict[str, Any]]) -> dict[int, str]:
        """As the service takes them: level → text, a blank text removing that level."""
        seen: set[int] = set()
        for index, item in enumerate(items):
            if item["level"] in seen:
                raise serializers.ValidationError(
                    {index: {"level": [f"Level {item['level']} is listed more than once."]}}
                )
            seen.add(item["level"])
        texts = {item["level"]: item["description"] for item in items}
        return {level: texts.get(level, "") for level in range(MIN_LEVEL, MAX_LEVEL + 1)}


class CompetencyLevelSerializer(StrictSerializer):
    competency = SlugReferenceField(what="competency", queryset=Competency.objects.all())
    raises_to = StrictIntegerField(min_value=MIN_LEVEL, max_value=MAX_LEVEL)


@extend_schema_field(CompetencyLevelSerializer(many=True))
class CompetencyLevelSetField(NestedSetField):
    item_serializer = CompetencyLevelSerializer


class LearningResourceSerializer(StrictModelSerializer):
    version = version_field()
    competencies = SlugListField(
        queryset=Competency.objects.all(),
        what="competency",
        required=False,
        max_length=200,
        help_text="Slugs of the competencies this resource develops (written as a whole set; "
        "each keeps its level, a new one gets its kind's default: a course or certificate "
        "3, a diploma or degree 4).",
    )
    competency_levels = CompetencyLevelSetField(
        required=False,
        max_length=200,
        help_text="Each competency this resource develops and the level (1..5) it raises it "
        "to; written as a whole set (with `competencies` too, both must name the same ones).",
    )

    class Meta:
        model = LearningResource
        fields = [
            "slug",
            "title",
            "kind",
            "provider",
            "duration_weeks",
            "description",
            "competencies",
            "competency_levels",
            "version",
        ]
        extra_kwargs = {
            "slug": {"required": False, "help_text": "Given on create, or derived from the title."}
        }

    def validate_competency_levels(self, items: list[dict[str, Any]]) -> dict[Competency, int]:
        """As the service takes them: competency → level, each competency once."""
        seen: set[int] = set()
        for index, item in enumerate(items):
            if item["competency"].pk in seen:
                raise serializers.ValidationError(
                    {index: {"competency": ["This competency is listed more than once."]}}
                )
            seen.add(item["competency"].pk)
        return {item["competency"]: item["raises_to"] for item in items}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if "competency_levels" in attrs:
            levels = attrs.pop("competency_levels")
            if "competencies" in attrs and set(attrs["competencies"]) != set(levels):
                raise serializers.ValidationError(
                    {
                        "competency_levels": [
                            "Name the same competencies as `competencies`, or leave one out."
                        ]
                    }
                )
            attrs["competencies"] = levels
        return attrs

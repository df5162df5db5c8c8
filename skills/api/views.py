"""API endpoints for competency categories, competencies and learning resources.

Framework objects: addressed by slug, read by every group member, written by HR through
``skills.services``.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet

from careerpath.api.views import FrameworkViewSet
from skills import services
from skills.api.serializers import (
    CompetencyCategorySerializer,
    CompetencySerializer,
    LearningResourceSerializer,
)
from skills.models import Competency, CompetencyCategory, LearningResource, ResourceCompetency


class CompetencyCategoryViewSet(FrameworkViewSet):
    """Competency categories in display order."""

    serializer_class = CompetencyCategorySerializer

    def get_queryset(self) -> QuerySet[CompetencyCategory]:
        return CompetencyCategory.objects.order_by("position", "name")

    def create_with_service(self, data: dict[str, Any]) -> CompetencyCategory:
        return services.category_create(**data)

    def update_with_service(self, instance: CompetencyCategory, data: dict[str, Any]) -> Any:
        return services.category_update(category=instance, **data)

    def delete_with_service(
        self, instance: CompetencyCategory, expected_version: int | None = None
    ) -> None:
        services.category_delete(category=instance)  # categories are not versioned


class CompetencyFilter(django_filters.FilterSet):
    category = django_filters.ModelChoiceFilter(
        field_name="category",
        to_field_name="slug",
        queryset=CompetencyCategory.objects.all(),
        help_text="Only competencies of this category (its slug).",
    )

    class Meta:
        model = Competency
        fields = ["category"]


class CompetencyViewSet(FrameworkViewSet):
    """Competencies with their category and level indicators; ``search`` looks in the name,
    slug and description."""

    serializer_class = CompetencySerializer
    filterset_class = CompetencyFilter
    search_fields = ["name", "slug", "description"]

    def get_queryset(self) -> QuerySet[Competency]:
        # The category is read as a slug and the indicators listed: one join, one prefetch.
        return (
            Competency.objects.select_related("category")
            .prefetch_related("indicators")
            .order_by("name")
        )

    def create_with_service(self, data: dict[str, Any]) -> Competency:
        return services.competency_create(**data)

    def update_with_service(self, instance: Competency, data: dict[str, Any]) -> Competency:
        return services.competency_update(competency=instance, **data)

    def delete_with_service(
        self, instance: Competency, expected_version: int | None = None
    ) -> None:
        services.competency_delete(competency=instance, expected_version=expected_version)


class LearningResourceFilter(django_filters.FilterSet):
    competency = django_filters.ModelChoiceFilter(
        field_name="competencies",
        to_field_name="slug",
        queryset=Competency.objects.all(),
        help_text="Only resources that develop this competency (its slug).",
    )

    class Meta:
        model = LearningResource
        fields = ["kind", "competency"]


class LearningResourceViewSet(FrameworkViewSet):
    """Degrees, diplomas, courses and certificates, with the competencies each develops;
    ``search`` looks in the title and provider."""

    serializer_class = LearningResourceSerializer
    filterset_class = LearningResourceFilter
    search_fields = ["title", "provider"]

    def get_queryset(self) -> QuerySet[LearningResource]:
        return LearningResource.objects.prefetch_related(
            Prefetch("competencies", queryset=Competency.objects.only("id", "slug")),
            Prefetch(
                "competency_levels",
                queryset=ResourceCompetency.objects.select_related("competency").order_by(
                    "competency__slug"
                ),
            ),
        ).order_by("title")

    def create_with_service(self, data: dict[str, Any]) -> LearningResource:
        return services.learning_resource_create(**data)

    def update_with_service(self, instance: LearningResource, data: dict[str, Any]) -> Any:
        return services.learning_resource_update(resource=instance, **data)

    def delete_with_service(
        self, instance: LearningResource, expected_version: int | None = None
    ) -> None:
        services.learning_resource_delete(resource=instance, expected_version=expected_version)

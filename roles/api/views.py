"""API endpoints for roles and promotion paths (framework objects: HR writes, groups read)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from careerpath.api.views import FrameworkViewSet
from roles import services
from roles.api.serializers import PromotionPathSerializer, RoleSerializer
from roles.models import PromotionPath, Role
from roles.selectors import promotion_path_list, roles_with_requirements


class RoleFilter(django_filters.FilterSet):
    class Meta:
        model = Role
        fields = ["level"]


class RoleViewSet(FrameworkViewSet):
    """Roles in ladder order (rank, then title) with their requirements; ``search`` looks in
    the title, summary and slug."""

    serializer_class = RoleSerializer
    filterset_class = RoleFilter
    search_fields = ["title", "summary", "slug"]

    def get_queryset(self) -> QuerySet[Role]:
        return roles_with_requirements()

    def create_with_service(self, data: dict[str, Any]) -> Role:
        return services.role_create(**data)

    def update_with_service(self, instance: Role, data: dict[str, Any]) -> Role:
        return services.role_update(role=instance, **data)

    def delete_with_service(self, instance: Role, expected_version: int | None = None) -> None:
        services.role_delete(role=instance, expected_version=expected_version)


class PromotionPathFilter(django_filters.FilterSet):
    from_role = django_filters.ModelChoiceFilter(
        field_name="from_role",
        to_field_name="slug",
        queryset=Role.objects.all(),
        help_text="Paths out of this role (its slug).",
    )
    to_role = django_filters.ModelChoiceFilter(
        field_name="to_role",
        to_field_name="slug",
        queryset=Role.objects.all(),
        help_text="Paths into this role (its slug).",
    )

    class Meta:
        model = PromotionPath
        fields = ["from_role", "to_role"]


class PromotionPathViewSet(FrameworkViewSet):
    """Promotion paths between roles, addressed by id."""

    serializer_class = PromotionPathSerializer
    filterset_class = PromotionPathFilter
    lookup_field = "pk"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[PromotionPath]:
        return promotion_path_list()

    def create_with_service(self, data: dict[str, Any]) -> PromotionPath:
        return services.promotion_path_create(**data)

    def update_with_service(self, instance: PromotionPath, data: dict[str, Any]) -> Any:
        return services.promotion_path_update(path=instance, **data)

    def delete_with_service(
        self, instance: PromotionPath, expected_version: int | None = None
    ) -> None:
        services.promotion_path_delete(path=instance, expected_version=expected_version)

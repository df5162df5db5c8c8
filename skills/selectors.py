"""Reads over competencies and learning resources, shaped for their callers (no N+1)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from roles.models import RoleRequirement
from skills.models import Competency, CompetencyCategory, LearningResource, ResourceCompetency


def competency_choices_queryset() -> QuerySet[Competency]:
    """Competencies in library order (category, then name), for pickers grouped by category."""
    return Competency.objects.select_related("category").order_by(
        "category__position", "category__name", "name"
    )


def competency_library(*, search: str = "") -> QuerySet[CompetencyCategory]:
    """Categories in display order, each with its competencies (matching ``search``) and, per
    competency, how many roles require it and how many resources develop it. Two queries."""
    competencies = Competency.objects.annotate(
        role_count=Count("requirements", distinct=True),
        resource_count=Count("learning_resources", distinct=True),
    ).order_by("name")
    if search:
        competencies = competencies.filter(
            Q(name__icontains=search) | Q(description__icontains=search) | Q(slug__icontains=search)
        )
    return CompetencyCategory.objects.prefetch_related(
        Prefetch("competencies", queryset=competencies)
    ).order_by("position", "name")


def competency_detail(slug: str) -> Competency:
    """One competency with its level indicators, the requirements that name it (with their
    roles, in ladder order) and the resources that develop it. Raises ``DoesNotExist``."""
    return (
        Competency.objects.select_related("category")
        .prefetch_related(
            "indicators",
            Prefetch(
                "requirements",
                queryset=RoleRequirement.objects.select_related("role").order_by(
                    "role__rank", "role__title"
                ),
            ),
            Prefetch(
                "learning_resources", queryset=LearningResource.objects.order_by("kind", "title")
            ),
        )
        .get(slug=slug)
    )


def learning_resources_for(competency_ids: Iterable[int]) -> QuerySet[LearningResource]:
    """Resources that develop at least one of the competencies, each with its competencies
    prefetched (two queries)."""
    return (
        LearningResource.objects.filter(competencies__in=list(competency_ids))
        .distinct()
        .prefetch_related(Prefetch("competencies", queryset=Competency.objects.order_by("name")))
        .order_by("duration_weeks", "title")
    )


def learning_resource_list() -> QuerySet[LearningResource]:
    """Every learning resource by title, with the competencies it develops (in name
    order) and the level it raises each to prefetched: three queries whatever the number of
    resources."""
    return LearningResource.objects.prefetch_related(
        Prefetch("competencies", queryset=Competency.objects.order_by("name")),
        Prefetch(
            "competency_levels",
            queryset=ResourceCompetency.objects.select_related("competency").order_by(
                "competency__name"
            ),
        ),
    ).order_by("title")


def learning_resource_detail(slug: str) -> LearningResource:
    """One resource with its competencies prefetched. Raises ``DoesNotExist``."""
    return LearningResource.objects.prefetch_related("competencies", "competency_levels").get(
        slug=slug
    )


def category_detail(slug: str) -> CompetencyCategory:
    """One competency category. Raises ``DoesNotExist``."""
    return CompetencyCategory.objects.get(slug=slug)


def next_category_position() -> int:
    """One past the highest category position: where a new category goes unless told."""
    highest = CompetencyCategory.objects.aggregate(highest=Max("position"))["highest"]
    return 0 if highest is None else highest + 1

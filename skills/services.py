"""Writes to competency categories, competencies (with level indicators) and learning
resources. Same contract as ``roles.services``: validate, then save, in one transaction;
competencies and learning resources are versioned (``expected_version``, changed fields only,
see ``careerpath.versioning``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from careerpath.model_fields import (
    assign_validate_save,
    blank_slug_kept,
    conflicts_as_validation_errors,
    derived_slug,
)
from careerpath.text_checks import normalized_text
from careerpath.versioning import lock_current, raise_version, save_changed, update_versioned
from skills.models import (
    MAX_LEVEL,
    MIN_LEVEL,
    Competency,
    CompetencyCategory,
    CompetencyLevelIndicator,
    LearningResource,
    ResourceCompetency,
)

# What a resource's competencies are written as: a set of competencies (each keeps the level
# it has, or gets the default of the resource's kind), or competency → level (None: as a set).
ResourceCompetencies = Iterable[Competency] | Mapping[Competency, int | None]

CATEGORY_FIELDS = ("slug", "name", "description", "position")
COMPETENCY_FIELDS = ("slug", "name", "description", "category")
RESOURCE_FIELDS = ("slug", "title", "kind", "provider", "duration_weeks", "description")


@conflicts_as_validation_errors
@transaction.atomic
def category_create(**fields: Any) -> CompetencyCategory:
    fields["slug"] = derived_slug(fields, "name")
    return assign_validate_save(CompetencyCategory(), fields, CATEGORY_FIELDS)


@conflicts_as_validation_errors
@transaction.atomic
def category_update(*, category: CompetencyCategory, **fields: Any) -> CompetencyCategory:
    """Categories carry no version (they only group competencies), but like every update this
    writes only the fields that changed, on the row as it is now."""
    update_versioned(
        category, blank_slug_kept(category, fields), CATEGORY_FIELDS, expected_version=None
    )
    return category


@conflicts_as_validation_errors
@transaction.atomic
def category_delete(*, category: CompetencyCategory) -> None:
    if category.competencies.exists():
        raise ValidationError(
            "This category still holds competencies; move or delete them first.",
            code="protected",
        )
    category.delete()


@conflicts_as_validation_errors
@transaction.atomic
def competency_create(*, indicators: Mapping[int, str] | None = None, **fields: Any) -> Competency:
    fields["slug"] = derived_slug(fields, "name")
    competency = assign_validate_save(Competency(), fields, COMPETENCY_FIELDS)
    if indicators is not None:
        competency_set_indicators(competency=competency, indicators=indicators)
    return competency


@conflicts_as_validation_errors
@transaction.atomic
def competency_update(
    *,
    competency: Competency,
    indicators: Mapping[int, str] | None = None,
    expected_version: int | None = None,
    **fields: Any,
) -> Competency:
    changed = update_versioned(
        competency,
        blank_slug_kept(competency, fields),
        COMPETENCY_FIELDS,
        expected_version=expected_version,
    )
    if indicators is not None:
        indicators_changed = competency_set_indicators(competency=competency, indicators=indicators)
        if indicators_changed and not changed:
            save_changed(competency, ())  # the indicators are edited with the competency
    return competency


@transaction.atomic
def competency_set_indicators(*, competency: Competency, indicators: Mapping[int, str]) -> bool:
    """Set the behavioural indicator per level; a blank text removes that level's indicator.
    True if any indicator changed."""
    bad = [level for level in indicators if not MIN_LEVEL <= int(level) <= MAX_LEVEL]
    if bad:
        raise ValidationError({"indicators": f"Levels must be 1 to 5, got {bad}."})
    before = dict(competency.indicators.values_list("level", "description"))
    for level, text in indicators.items():
        text = normalized_text(text or "", multiline=True).strip()
        # Only what differs is written: an indicator's history records real changes alone.
        if text and before.get(int(level)) != text:
            CompetencyLevelIndicator.objects.update_or_create(
                competency=competency, level=int(level), defaults={"description": text}
            )
        elif not text and int(level) in before:
            CompetencyLevelIndicator.objects.filter(competency=competency, level=level).delete()
    return dict(competency.indicators.values_list("level", "description")) != before


@conflicts_as_validation_errors
@transaction.atomic
def competency_delete(*, competency: Competency, expected_version: int | None = None) -> None:
    lock_current(competency, expected_version=expected_version)
    if competency.requirements.exists() or competency.assessments.exists():
        raise ValidationError(
            "Roles or assessments use this competency; remove those first.", code="protected"
        )
    competency.delete()


@conflicts_as_validation_errors
@transaction.atomic
def learning_resource_create(
    *, competencies: ResourceCompetencies | None = None, **fields: Any
) -> LearningResource:
    fields["slug"] = derived_slug(fields, "title")
    resource = assign_validate_save(LearningResource(), fields, RESOURCE_FIELDS)
    if competencies is not None:
        learning_resource_set_competencies(resource=resource, competencies=competencies)
    return resource


@conflicts_as_validation_errors
@transaction.atomic
def learning_resource_update(
    *,
    resource: LearningResource,
    competencies: ResourceCompetencies | None = None,
    expected_version: int | None = None,
    **fields: Any,
) -> LearningResource:
    changed = update_versioned(
        resource,
        blank_slug_kept(resource, fields),
        RESOURCE_FIELDS,
        expected_version=expected_version,
    )
    if competencies is not None:
        links_changed = learning_resource_set_competencies(
            resource=resource, competencies=competencies
        )
        if links_changed and not changed:
            # The competencies and their levels are part of the resource's version.
            raise_version(resource)
    return resource


@conflicts_as_validation_errors
@transaction.atomic
def learning_resource_set_competencies(
    *, resource: LearningResource, competencies: ResourceCompetencies
) -> bool:
    """Make the competencies the resource develops exactly these, each up to its level.

    A competency given without a level keeps the level it already has on this resource, or
    gets the default of the resource's kind (``LearningResource.default_raises_to``). Returns
    whether anything changed; a change is recorded in the resource's history (one new
    historical record holding the new links and levels).
    """
    items = (
        dict(competencies.items())
        if isinstance(competencies, Mapping)
        else dict.fromkeys(competencies)
    )
    bad = [
        level
        for level in items.values()
        if level is not None and not MIN_LEVEL <= level <= MAX_LEVEL
    ]
    if bad:
        raise ValidationError({"competencies": f"Levels must be 1 to 5, got {bad}."})
    existing = {link.competency_id: link for link in resource.competency_levels.all()}
    default = LearningResource.default_raises_to(resource.kind)
    wanted = {
        competency.pk: (
            level
            if level is not None
            else (existing[competency.pk].raises_to if competency.pk in existing else default)
        )
        for competency, level in items.items()
    }
    removed = [pk for pk in existing if pk not in wanted]
    changed = [
        existing[pk]
        for pk, level in wanted.items()
        if pk in existing and existing[pk].raises_to != level
    ]
    added = [
        ResourceCompetency(resource=resource, competency_id=pk, raises_to=level)
        for pk, level in wanted.items()
        if pk not in existing
    ]
    if not (removed or changed or added):
        return False
    ResourceCompetency.objects.filter(resource=resource, competency_id__in=removed).delete()
    for link in changed:
        link.raises_to = wanted[link.competency_id]
        link.save(update_fields=["raises_to"])
    ResourceCompetency.objects.bulk_create(added)
    resource.save()  # a historical record with the new links (simple_history copies them)
    return True


@transaction.atomic
def learning_resource_delete(
    *, resource: LearningResource, expected_version: int | None = None
) -> None:
    """Remove a resource; development plans simply stop offering it (nothing references it)."""
    lock_current(resource, expected_version=expected_version)
    resource.delete()

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
)

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
    *, competencies: Iterable[Competency] | None = None, **fields: Any
) -> LearningResource:
    fields["slug"] = derived_slug(fields, "title")
    resource = assign_validate_save(LearningResource(), fields, RESOURCE_FIELDS)
    if competencies is not None:
        resource.competencies.set(list(competencies))
    return resource


@conflicts_as_validation_errors
@transaction.atomic
def learning_resource_update(
    *,
    resource: LearningResource,
    competencies: Iterable[Competency] | None = None,
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
        wanted = list(competencies)
        before = set(resource.competencies.values_list("pk", flat=True))
        if {c.pk for c in wanted} != before:
            resource.competencies.set(wanted)
            if not changed:
                # Edited with the resource; the change is the resource's history row already.
                raise_version(resource)
    return resource


@conflicts_as_validation_errors
@transaction.atomic
def learning_resource_delete(
    *, resource: LearningResource, expected_version: int | None = None
) -> None:
    """Remove a resource; development plans simply stop offering it (nothing references it)."""
    lock_current(resource, expected_version=expected_version)
    resource.delete()

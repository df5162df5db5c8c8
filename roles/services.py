"""Writes to roles, their requirements and promotion paths.

Pages, API and admin all change the framework through these functions. Each validates with
``full_clean()`` inside a transaction, so invalid input raises ``ValidationError`` with
field-level messages and leaves the database as it was.

Updates and deletes take ``expected_version``: the version the writer edited, or None when it
does not say. They lock the row, refuse a stale version (``StaleObject``) and write only the
fields that changed (``careerpath.versioning``). A role's requirements are edited with the role,
so changing them raises the role's version too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from careerpath.model_fields import (
    assign_fields,
    assign_validate_save,
    blank_slug_kept,
    conflicts_as_validation_errors,
    derived_slug,
)
from careerpath.versioning import lock_current, save_changed, update_versioned
from roles.models import PromotionPath, Role, RoleRequirement
from roles.signals import scoring_inputs_changed
from skills.models import Competency

ROLE_FIELDS = (
    "slug",
    "title",
    "level",
    "summary",
    "responsibilities",
    "kpis",
    "qualifications",
    "min_years_experience",
)
PATH_FIELDS = ("from_role", "to_role", "typical_years", "criteria")


@dataclass(frozen=True)
class RequirementInput:
    competency: Competency
    required_level: int
    weight: int = 1
    essential: bool = False


@conflicts_as_validation_errors
@transaction.atomic
def role_create(*, requirements: Sequence[RequirementInput] | None = None, **fields: Any) -> Role:
    fields["slug"] = derived_slug(fields, "title")
    role = Role()
    assign_fields(role, fields, ROLE_FIELDS)
    role.rank = 0  # set from level on save; full_clean needs a value
    role.full_clean(exclude=["rank"])
    role.save()
    if requirements is not None:
        role_set_requirements(role=role, requirements=requirements)
    return role


@conflicts_as_validation_errors
@transaction.atomic
def role_update(
    *,
    role: Role,
    requirements: Sequence[RequirementInput] | None = None,
    expected_version: int | None = None,
    **fields: Any,
) -> Role:
    changed = update_versioned(
        role,
        blank_slug_kept(role, fields),
        ROLE_FIELDS,
        expected_version=expected_version,
        clean=lambda obj: obj.full_clean(exclude=["rank"]),  # rank follows level on save
    )
    min_years_changed = "min_years_experience" in changed
    if requirements is not None:
        requirements_changed = role_set_requirements(
            role=role, requirements=requirements, min_years_changed=min_years_changed
        )
        if requirements_changed and not changed:
            save_changed(role, ())  # the requirement set is part of the role's version
    elif min_years_changed:
        scoring_inputs_changed.send(sender=Role, role_ids=[role.pk])
    return role


@transaction.atomic
def role_set_requirements(
    *, role: Role, requirements: Sequence[RequirementInput], min_years_changed: bool = False
) -> bool:
    """Replace the role's requirement set with ``requirements`` as a whole; True if it changed.

    Requirements for competencies already on the role are updated in place (so their history
    reads as a change), new ones are added, and the rest are removed; only the rows that differ
    are written. Callers that edit an existing role hold its row lock (``role_update``), so two
    writers of one role's set take turns.
    """
    seen: set[int] = set()
    duplicates = []
    for item in requirements:
        if item.competency.pk in seen:
            duplicates.append(item.competency.name)
        seen.add(item.competency.pk)
    if duplicates:
        raise ValidationError(
            {
                "requirements": (
                    "Each competency may appear only once; repeated: "
                    + ", ".join(sorted(set(duplicates)))
                    + "."
                )
            },
            code="duplicate_competency",
        )
    existing = {req.competency_id: req for req in role.requirements.all()}
    before = {cid: (r.required_level, r.weight, r.essential) for cid, r in existing.items()}
    errors: list[str] = []
    to_save: list[RoleRequirement] = []
    for item in requirements:
        requirement = existing.get(item.competency.pk) or RoleRequirement(
            role=role, competency=item.competency
        )
        requirement.required_level = item.required_level
        requirement.weight = item.weight
        requirement.essential = item.essential
        try:
            requirement.full_clean(exclude=["role"], validate_unique=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors += [f"{item.competency.name}: {field}: {m}" for m in messages]
        to_save.append(requirement)
    if errors:
        raise ValidationError({"requirements": errors}, code="invalid")
    RoleRequirement.objects.filter(role=role).exclude(competency_id__in=seen).delete()
    after = {r.competency_id: (r.required_level, r.weight, r.essential) for r in to_save}
    for requirement in to_save:
        # An unchanged requirement is not saved again: its history records real changes only.
        if before.get(requirement.competency_id) != after[requirement.competency_id]:
            requirement.save()
    # Requirements feed every stored score of the role; so do the minimum years, which
    # ``role_update`` may have changed in the same transaction (a needless rescoring of a
    # large pool is what we avoid by comparing).
    if after != before or min_years_changed:
        scoring_inputs_changed.send(sender=Role, role_ids=[role.pk])
    return after != before


@conflicts_as_validation_errors
@transaction.atomic
def role_delete(*, role: Role, expected_version: int | None = None) -> None:
    lock_current(role, expected_version=expected_version)
    if role.openings.exists():
        raise ValidationError(
            "This role has openings; close and remove them before deleting the role.",
            code="protected",
        )
    role.delete()


@conflicts_as_validation_errors
@transaction.atomic
def promotion_path_create(**fields: Any) -> PromotionPath:
    return assign_validate_save(PromotionPath(), fields, PATH_FIELDS)


@conflicts_as_validation_errors
@transaction.atomic
def promotion_path_update(
    *, path: PromotionPath, expected_version: int | None = None, **fields: Any
) -> PromotionPath:
    update_versioned(path, fields, PATH_FIELDS, expected_version=expected_version)
    return path


@conflicts_as_validation_errors
@transaction.atomic
def promotion_path_delete(*, path: PromotionPath, expected_version: int | None = None) -> None:
    lock_current(path, expected_version=expected_version)
    path.delete()

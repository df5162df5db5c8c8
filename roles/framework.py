"""Loading the default e-commerce career framework (``roles/framework_data.py``).

The loader is idempotent and respects HR's edits: it creates what is missing and leaves
everything that already exists as it is, including the requirements of an existing role (it
only adds a shipped requirement whose competency the role has never required — see
``_requirements_new_to``) and the indicators of an existing competency. A default object is
recognised by its slug, or by its name/title when HR has changed the slug. ``reset=True``
instead brings every default object back to the shipped content — a default role's requirement
set becomes exactly the shipped one — while objects HR added themselves (other roles,
competencies, resources) are never touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from careerpath.versioning import VersionedModel, save_changed
from roles import framework_data as data
from roles.models import PromotionPath, Role, RoleRequirement
from roles.signals import scoring_inputs_changed
from skills.models import (
    Competency,
    CompetencyCategory,
    CompetencyLevelIndicator,
    LearningResource,
    ResourceCompetency,
)


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool) -> None:
        target = self.created if created else self.updated
        target[kind] = target.get(kind, 0) + 1

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        if not self.changed_anything:
            return "The e-commerce framework is already loaded; nothing changed."
        parts = [f"{n} {kind} created" for kind, n in sorted(self.created.items())]
        parts += [f"{n} {kind} reset" for kind, n in sorted(self.updated.items())]
        return "E-commerce framework loaded: " + ", ".join(parts) + "."


def resource_levels(competencies: list[str] | dict[str, int], kind: str) -> dict[str, int]:
    """A shipped resource's competencies as slug → the level it raises each to: a list takes
    the default of the resource's kind for every competency, a dict says each level."""
    if isinstance(competencies, dict):
        return dict(competencies)
    return dict.fromkeys(competencies, LearningResource.default_raises_to(kind))


def _requirements_new_to(
    role: Role, shipped: list[tuple[str, int, int, bool]], competencies: dict[str, Competency]
) -> list[tuple[str, int, int, bool]]:
    """The shipped requirements a plain re-run adds to an existing default role: those whose
    competency this role has never required — no requirement row and no history of one. A
    requirement HR removed (or moved to another competency) left history and stays removed;
    one HR changed keeps HR's level. So a framework release that adds requirements to a role
    (e.g. the Director's customer and analytics requirements) reaches installations that
    loaded an earlier one, without undoing HR's edits."""
    ever = set(
        RoleRequirement.history.filter(role_id=role.pk).values_list("competency_id", flat=True)
    ) | set(role.requirements.values_list("competency_id", flat=True))
    return [row for row in shipped if competencies[row[0]].pk not in ever]


def _sync(
    model: Any,
    lookup: dict[str, Any],
    defaults: dict[str, Any],
    *,
    reset: bool,
    alternate: dict[str, Any] | None = None,
):
    """get_or_create, or update_or_create when resetting; returns (obj, created, changed).

    ``alternate`` finds the object when ``lookup`` does not (a default whose slug HR renamed):
    creating a second one would collide with its unique name.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None and alternate:
        obj = model.objects.filter(**alternate).first()
    if obj is None:
        obj = model(**lookup, **defaults)
        obj.full_clean()
        obj.save()
        return obj, True, False
    if not reset:
        return obj, False, False
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, defaults[name])
        obj.full_clean()
        if isinstance(obj, VersionedModel):
            save_changed(obj, changed)  # an ETag read before the reset must not match after
        else:
            obj.save()
    return obj, False, bool(changed)


@transaction.atomic
def load_default_framework(*, reset: bool = False) -> LoadReport:
    report = LoadReport()

    categories: dict[str, CompetencyCategory] = {}
    for item in data.CATEGORIES:
        obj, created, changed = _sync(
            CompetencyCategory,
            {"slug": item["slug"]},
            {
                "name": item["name"],
                "description": item["description"],
                "position": item["position"],
            },
            reset=reset,
            alternate={"name__iexact": item["name"]},
        )
        categories[item["slug"]] = obj
        if created or changed:
            report.count("categories", created)

    competencies: dict[str, Competency] = {}
    for item in data.COMPETENCIES:
        obj, created, changed = _sync(
            Competency,
            {"slug": item["slug"]},
            {
                "name": item["name"],
                "description": item["description"],
                "category": categories[item["category"]],
            },
            reset=reset,
            alternate={"name__iexact": item["name"]},
        )
        competencies[item["slug"]] = obj
        if created or changed:
            report.count("competencies", created)
        if created or reset:
            for level, text in item["indicators"].items():
                _, ind_created, ind_changed = _sync(
                    CompetencyLevelIndicator,
                    {"competency": obj, "level": level},
                    {"description": text},
                    reset=reset,
                )
                if ind_created or ind_changed:
                    report.count("level indicators", ind_created)

    for item in data.LEARNING_RESOURCES:
        obj, created, changed = _sync(
            LearningResource,
            {"slug": item["slug"]},
            {
                "title": item["title"],
                "kind": item["kind"],
                "provider": item["provider"],
                "duration_weeks": item["duration_weeks"],
                "description": item["description"],
            },
            reset=reset,
            alternate={"title__iexact": item["title"]},
        )
        wanted = {
            competencies[slug].pk: level
            for slug, level in resource_levels(item["competencies"], item["kind"]).items()
        }
        have = dict(obj.competency_levels.values_list("competency_id", "raises_to"))
        if created or (reset and have != wanted):
            obj.competency_levels.all().delete()
            ResourceCompetency.objects.bulk_create(
                ResourceCompetency(resource=obj, competency_id=pk, raises_to=level)
                for pk, level in wanted.items()
            )
            if created:
                obj.save()  # a historical record holding the links
            else:
                save_changed(obj, ())  # the links are part of the resource's version
            changed = True
        if created or changed:
            report.count("learning resources", created)

    roles: dict[str, Role] = {}
    new_roles: set[str] = set()
    rescore: set[int] = set()  # existing roles whose requirements changed
    for item in data.ROLES:
        obj, created, changed = _sync(
            Role,
            {"slug": item["slug"]},
            {
                "title": item["title"],
                "level": item["level"],
                "summary": item["summary"],
                "responsibilities": "\n".join(item["responsibilities"]),
                "kpis": "\n".join(item["kpis"]),
                "qualifications": "\n".join(item["qualifications"]),
                "min_years_experience": item["min_years_experience"],
            },
            reset=reset,
            alternate={"title__iexact": item["title"]},
        )
        roles[item["slug"]] = obj
        if created:
            new_roles.add(item["slug"])
        if created or changed:
            report.count("roles", created)
        removed = 0
        if reset:
            shipped = {competencies[slug].pk for slug, *_ in item["requirements"]}
            removed, _ = obj.requirements.exclude(competency_id__in=shipped).delete()
            if removed:
                report.updated["requirements removed"] = (
                    report.updated.get("requirements removed", 0) + removed
                )
        requirements_changed = False
        shipped_requirements = item["requirements"]
        if not (created or reset):
            shipped_requirements = _requirements_new_to(obj, shipped_requirements, competencies)
        if created or reset or shipped_requirements:
            for slug, level, weight, essential in shipped_requirements:
                _, req_created, req_changed = _sync(
                    RoleRequirement,
                    {"role": obj, "competency": competencies[slug]},
                    {"required_level": level, "weight": weight, "essential": essential},
                    reset=reset,
                )
                if req_created or req_changed:
                    report.count("requirements", req_created)
                    requirements_changed = True
                    if not created:
                        rescore.add(obj.pk)
        if not created and not changed and (removed or requirements_changed):
            save_changed(obj, ())  # the requirement set is part of the role's version

    for from_slug, to_slug, years, criteria in data.PROMOTION_PATHS:
        # A path between two roles HR already had is theirs to keep or delete.
        if not (reset or from_slug in new_roles or to_slug in new_roles):
            continue
        _, created, changed = _sync(
            PromotionPath,
            {"from_role": roles[from_slug], "to_role": roles[to_slug]},
            {"typical_years": years, "criteria": criteria},
            reset=reset,
        )
        if created or changed:
            report.count("promotion paths", created)

    if rescore:
        # Stored scores of these roles are stale (the recruiting app marks and requeues them).
        scoring_inputs_changed.send(sender=Role, role_ids=sorted(rescore))
    return report

"""Loading the default e-commerce career framework (``roles/framework_data.py``).

The loader is idempotent and respects HR's edits: it creates what is missing and leaves
everything that already exists as it is, including the requirements of an existing role and
the indicators of an existing competency. A default object is recognised by its slug, or by its
name/title when HR has changed the slug. ``reset=True`` instead brings every default object back
to the shipped content — a default role's requirement set becomes exactly the shipped one — while
objects HR added themselves (other roles, competencies, resources) are never touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from careerpath.versioning import VersionedModel, save_changed
from roles import framework_data as data
from roles.models import PromotionPath, Role, RoleRequirement
from skills.models import Competency, CompetencyCategory, CompetencyLevelIndicator, LearningResource


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
        wanted = {competencies[slug].pk for slug in item["competencies"]}
        if created or (reset and set(obj.competencies.values_list("pk", flat=True)) != wanted):
            obj.competencies.set(wanted)
            if not created:
                save_changed(obj, ())  # the competencies are part of the resource's version
            changed = True
        if created or changed:
            report.count("learning resources", created)

    roles: dict[str, Role] = {}
    new_roles: set[str] = set()
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
        if created or reset:
            for slug, level, weight, essential in item["requirements"]:
                _, req_created, req_changed = _sync(
                    RoleRequirement,
                    {"role": obj, "competency": competencies[slug]},
                    {"required_level": level, "weight": weight, "essential": essential},
                    reset=reset,
                )
                if req_created or req_changed:
                    report.count("requirements", req_created)
                    requirements_changed = True
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

    return report

"""Reads over roles, requirements and promotion paths, shaped for their callers (no N+1)."""

from __future__ import annotations

import datetime
import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.template.defaultfilters import pluralize

from careerpath.text_checks import split_lines
from roles.models import Level, PromotionPath, Role, RoleRequirement
from skills.models import Competency


def requirements_queryset() -> QuerySet[RoleRequirement]:
    return RoleRequirement.objects.select_related("competency", "competency__category").order_by(
        "-essential", "competency__category__position", "competency__name"
    )


def role_list(*, search: str = "", level: str = "") -> QuerySet[Role]:
    """Roles in ladder order with their requirement counts (for catalogs)."""
    roles = Role.objects.annotate(
        requirement_count=Count("requirements", distinct=True),
        essential_count=Count(
            "requirements", filter=Q(requirements__essential=True), distinct=True
        ),
    ).order_by("rank", "title")
    if level:
        roles = roles.filter(level=level)
    if search:
        roles = roles.filter(
            Q(title__icontains=search) | Q(summary__icontains=search) | Q(slug__icontains=search)
        )
    return roles


def roles_with_requirements() -> QuerySet[Role]:
    return Role.objects.prefetch_related(
        Prefetch("requirements", queryset=requirements_queryset())
    ).order_by("rank", "title")


def role_detail(slug: str) -> Role:
    """One role with requirements (competency, category) and its paths in and out."""
    return (
        roles_with_requirements()
        .prefetch_related(
            Prefetch("paths_out", queryset=PromotionPath.objects.select_related("to_role")),
            Prefetch("paths_in", queryset=PromotionPath.objects.select_related("from_role")),
        )
        .get(slug=slug)
    )


def promotion_path_list() -> QuerySet[PromotionPath]:
    return PromotionPath.objects.select_related("from_role", "to_role").order_by(
        "from_role__rank", "to_role__rank", "id"
    )


# --- Role comparison ------------------------------------------------------------------------


@dataclass(frozen=True)
class RequirementChange:
    competency_slug: str
    competency_name: str
    category_name: str
    from_level: int | None  # None: the first role does not require it
    to_level: int | None  # None: the second role no longer requires it
    essential: bool

    @property
    def kind(self) -> str:
        if self.from_level is None:
            return "added"
        if self.to_level is None:
            return "dropped"
        if self.to_level > self.from_level:
            return "raised"
        if self.to_level < self.from_level:
            return "lowered"
        return "unchanged"

    @property
    def delta(self) -> int:
        return (self.to_level or 0) - (self.from_level or 0)


@dataclass(frozen=True)
class RoleComparison:
    from_role: Role
    to_role: Role
    changes: list[RequirementChange]
    responsibilities_added: list[str]
    responsibilities_dropped: list[str]

    def of_kind(self, kind: str) -> list[RequirementChange]:
        return [change for change in self.changes if change.kind == kind]

    @property
    def added(self) -> list[RequirementChange]:
        return self.of_kind("added")

    @property
    def raised(self) -> list[RequirementChange]:
        return self.of_kind("raised")

    @property
    def new_or_raised(self) -> list[RequirementChange]:
        return [c for c in self.changes if c.kind in ("added", "raised")]


def compare_roles(from_role: Role, to_role: Role) -> RoleComparison:
    """What ``to_role`` adds, raises, lowers or drops relative to ``from_role``.

    Both roles must come with their requirements prefetched (see ``roles_with_requirements``)
    to keep this free of queries.
    """
    before = {req.competency_id: req for req in from_role.requirements.all()}
    after = {req.competency_id: req for req in to_role.requirements.all()}
    changes: list[RequirementChange] = []
    for competency_id in list(after) + [cid for cid in before if cid not in after]:
        old, new = before.get(competency_id), after.get(competency_id)
        req = new or old
        assert req is not None
        changes.append(
            RequirementChange(
                competency_slug=req.competency.slug,
                competency_name=req.competency.name,
                category_name=req.competency.category.name,
                from_level=old.required_level if old else None,
                to_level=new.required_level if new else None,
                essential=bool(new and new.essential),
            )
        )
    order = {"added": 0, "raised": 1, "lowered": 2, "unchanged": 3, "dropped": 4}
    changes.sort(key=lambda c: (order[c.kind], -abs(c.delta), c.competency_name))
    old_lines = split_lines(from_role.responsibilities)
    new_lines = split_lines(to_role.responsibilities)
    return RoleComparison(
        from_role=from_role,
        to_role=to_role,
        changes=changes,
        responsibilities_added=[line for line in new_lines if line not in old_lines],
        responsibilities_dropped=[line for line in old_lines if line not in new_lines],
    )


# --- Career route ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RouteStep:
    path: PromotionPath
    comparison: RoleComparison

    @property
    def from_role(self) -> Role:
        return self.comparison.from_role

    @property
    def to_role(self) -> Role:
        return self.comparison.to_role


@dataclass(frozen=True)
class CareerRoute:
    start: Role
    target: Role
    steps: list[RouteStep] = field(default_factory=list)
    found: bool = True

    @property
    def total_years(self) -> int:
        return sum(step.path.typical_years for step in self.steps)

    @property
    def roles(self) -> list[Role]:
        return [self.start, *[step.to_role for step in self.steps]] if self.found else []

    @property
    def summary(self) -> str:
        """The route in one sentence, as the API's ``detail`` and the candidate's page say it."""
        if not self.found:
            return f"No promotion path leads from {self.start.title} to {self.target.title}."
        if not self.steps:
            return f"{self.start.title} is already the target role."
        names = " → ".join(role.title for role in self.roles)
        steps, years = len(self.steps), self.total_years
        return f"{names}: {steps} step{pluralize(steps)}, about {years} year{pluralize(years)}."


def _cheapest_path(
    paths: Iterable[PromotionPath], start_id: int, target_id: int, slugs: dict[int, str]
) -> list[PromotionPath] | None:
    """Dijkstra on typical years; ties go to fewer steps, then to the alphabetical route."""
    outgoing: dict[int, list[PromotionPath]] = defaultdict(list)
    for path in paths:
        outgoing[path.from_role_id].append(path)
    queue: list[tuple[int, int, tuple[str, ...], int, tuple[PromotionPath, ...]]] = [
        (0, 0, (slugs[start_id],), start_id, ())
    ]
    settled: set[int] = set()
    while queue:
        years, steps, names, role_id, taken = heapq.heappop(queue)
        if role_id in settled:
            continue
        settled.add(role_id)
        if role_id == target_id:
            return list(taken)
        for path in outgoing[role_id]:
            if path.to_role_id not in settled:
                heapq.heappush(
                    queue,
                    (
                        years + path.typical_years,
                        steps + 1,
                        (*names, slugs[path.to_role_id]),
                        path.to_role_id,
                        (*taken, path),
                    ),
                )
    return None


def career_route(start: Role, target: Role) -> CareerRoute:
    """The route from ``start`` to ``target`` along promotion paths with the least total years.

    Three queries whatever the size of the graph: the paths, and the roles on the route with
    their requirements.
    """
    if start.pk == target.pk:
        return CareerRoute(start=start, target=target, steps=[])
    # Only paths that lead up the ladder are followed (a role's level may have been edited
    # after its paths were drawn); otherwise a route could go over the top and back down.
    paths = [
        path
        for path in PromotionPath.objects.select_related("from_role", "to_role")
        if path.to_role.rank > path.from_role.rank
    ]
    slugs = {start.pk: start.slug, target.pk: target.slug}
    for path in paths:
        slugs[path.from_role_id] = path.from_role.slug
        slugs[path.to_role_id] = path.to_role.slug
    taken = _cheapest_path(paths, start.pk, target.pk, slugs)
    if taken is None:
        return CareerRoute(start=start, target=target, steps=[], found=False)
    role_ids = {start.pk, *(path.to_role_id for path in taken)}
    roles = {role.pk: role for role in roles_with_requirements().filter(pk__in=role_ids)}
    steps = [
        RouteStep(
            path=path, comparison=compare_roles(roles[path.from_role_id], roles[path.to_role_id])
        )
        for path in taken
    ]
    return CareerRoute(start=roles[start.pk], target=roles[target.pk], steps=steps)


# --- Recent changes (history) ---------------------------------------------------------------

ROLE_HISTORY_FIELDS: dict[str, str] = {
    "title": "Title",
    "slug": "Address (slug)",
    "level": "Level",
    "summary": "Summary",
    "responsibilities": "Responsibilities",
    "kpis": "KPIs",
    "qualifications": "Qualifications",
    "min_years_experience": "Minimum years",
}
# Long texts are reported as edited rather than quoted in full.
_LONG_TEXT_FIELDS = {"summary", "responsibilities", "kpis", "qualifications"}


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded change to a role or to one of its requirements, in words."""

    when: datetime.datetime
    who: str  # the user's name, or "" when recorded outside a request (loader, shell)
    kind: str  # "created", "changed" or "removed"
    subject: str  # "Role" or the competency's name
    details: list[str]


def _user_label(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _role_entries(role: Role) -> list[HistoryEntry]:
    entries: list[HistoryEntry] = []
    previous = None
    for record in role.history.select_related("history_user").order_by(
        "history_date", "history_id"
    ):
        if record.history_type == "+" or previous is None:
            entries.append(
                HistoryEntry(
                    record.history_date, _user_label(record.history_user), "created", "Role", []
                )
            )
        else:
            details = []
            for name, label in ROLE_HISTORY_FIELDS.items():
                old, new = getattr(previous, name), getattr(record, name)
                if old == new:
                    continue
                if name in _LONG_TEXT_FIELDS:
                    details.append(f"{label} edited")
                elif name == "level":
                    details.append(f"{label}: {Level(old).label} → {Level(new).label}")
                else:
                    details.append(f"{label}: {old} → {new}")
            if details:
                entries.append(
                    HistoryEntry(
                        record.history_date,
                        _user_label(record.history_user),
                        "changed",
                        "Role",
                        details,
                    )
                )
        previous = record
    return entries


def _requirement_entries(role: Role) -> list[HistoryEntry]:
    records = list(
        RoleRequirement.history.filter(role_id=role.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    # Names in one query; a competency deleted since is still named by its id.
    names = dict(
        Competency.objects.filter(pk__in={r.competency_id for r in records}).values_list(
            "pk", "name"
        )
    )
    entries: list[HistoryEntry] = []
    last_seen: dict[int, Any] = {}
    for record in records:
        subject = names.get(record.competency_id, f"Competency #{record.competency_id}")
        who = _user_label(record.history_user)
        before = last_seen.get(record.id)
        last_seen[record.id] = record
        if record.history_type == "-":
            entries.append(HistoryEntry(record.history_date, who, "removed", subject, []))
            continue
        if record.history_type == "+" or before is None:
            details = [
                f"Level {record.required_level}",
                f"weight {record.weight}",
                *(["essential"] if record.essential else []),
            ]
            entries.append(HistoryEntry(record.history_date, who, "created", subject, details))
            continue
        details = []
        if before.required_level != record.required_level:
            details.append(f"Level {before.required_level} → {record.required_level}")
        if before.weight != record.weight:
            details.append(f"Weight {before.weight} → {record.weight}")
        if before.essential != record.essential:
            details.append("Now essential" if record.essential else "No longer essential")
        if details:  # a requirement set saved unchanged leaves a record with nothing to say
            entries.append(HistoryEntry(record.history_date, who, "changed", subject, details))
    return entries


def role_recent_changes(role: Role, *, limit: int = 12) -> list[HistoryEntry]:
    """The latest changes to the role and its requirements, newest first, in words.

    Three queries whatever the length of the history: the role's records, its requirements'
    records, and the competency names. Records are diffed against the previous record of the
    same object in Python, so no per-record query is made.
    """
    entries = _role_entries(role) + _requirement_entries(role)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]

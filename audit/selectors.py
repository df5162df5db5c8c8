"""The audit trail: every history row of every model with history, newest first, for HR.

Generic by design: the sources are the models django-simple-history tracks (found in the apps
registry), so a model that gains ``HistoricalRecords`` appears here with no change. Nothing here
decides access; the page and the endpoint are for HR only (``careerpath.access.is_hr``), who may
see every object.

Cost: ``audit_rows`` is one ``UNION ALL`` over the history tables, filtered in each branch,
ordered and paginated by the database (the count is one more query). ``audit_entries`` turns a
page of those rows into entries with a constant number of queries per kind of object on the
page — the rows with the id of their previous version, those previous versions, the rows of
their many-to-many history, the names of related objects and of the users — never one per row.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import CharField, F, OuterRef, Q, QuerySet, Subquery, Value
from django.utils import timezone
from django.utils.text import capfirst
from simple_history.models import HistoricalRecords

from careerpath.versioning import VersionedModel

ACTIONS: dict[str, str] = {"+": "created", "~": "changed", "-": "deleted"}
ACTION_CODES: dict[str, str] = {name: code for code, name in ACTIONS.items()}
SYSTEM = "system"  # who a change with no recorded user is shown as (a task on its own account)
VALUE_SHOWN_MAX = 200  # characters of a long text value shown in a change


@dataclass(frozen=True)
class AuditSource:
    """One kind of object with history."""

    key: str  # "app_label.model_name", the filter value
    label: str  # "Candidate"
    model: type[models.Model]
    history: type[models.Model]

    @property
    def m2m_fields(self) -> list[models.ManyToManyField]:
        return list(getattr(self.history, "_history_m2m_fields", []))


@cache
def audit_sources() -> dict[str, AuditSource]:
    """Every model with history, by key, in label order."""
    found = []
    for model in apps.get_models():
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        if manager is None:
            continue
        found.append(
            AuditSource(
                key=model._meta.label_lower,
                label=capfirst(str(model._meta.verbose_name)),
                model=model,
                history=getattr(model, manager).model,
            )
        )
    return {source.key: source for source in sorted(found, key=lambda s: s.label)}


@dataclass(frozen=True)
class AuditFilter:
    object_type: str | None = None  # a key of audit_sources()
    user_id: int | None = None
    action: str | None = None  # "created", "changed" or "deleted"
    since: datetime.date | None = None  # from the start of this day (inclusive)
    until: datetime.date | None = None  # to the end of this day (inclusive)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_rows(filters: AuditFilter = AuditFilter()) -> QuerySet[Any]:
    """The matching history rows, newest first, as dicts (``audit_source``, ``history_id``,
    ``history_date``, ``history_type``, ``history_user_id``, ``audit_object_id``): a union the
    database orders, counts and slices."""
    sources = audit_sources()
    chosen = [sources[filters.object_type]] if filters.object_type else list(sources.values())
    conditions = Q()
    if filters.user_id is not None:
        conditions &= Q(history_user_id=filters.user_id)
    if filters.action is not None:
        conditions &= Q(history_type=ACTION_CODES[filters.action])
    if filters.since is not None:
        conditions &= Q(history_date__gte=_day_start(filters.since))
    if filters.until is not None:
        conditions &= Q(history_date__lt=_day_start(filters.until + datetime.timedelta(days=1)))
    parts = [
        source.history._default_manager.filter(conditions)
        .order_by()
        .annotate(
            audit_object_id=F(source.model._meta.pk.attname),
            audit_source=Value(source.key, output_field=CharField()),
        )
        .values(
            "history_id",
            "history_date",
            "history_type",
            "history_user_id",
            "audit_object_id",
            "audit_source",
        )
        for source in chosen
    ]
    first, *others = parts
    union = first.union(*others, all=True) if others else first
    return union.order_by("-history_date", "-history_id", "audit_source")


@dataclass(frozen=True)
class AuditChange:
    field: str  # the field's name in words
    old: str  # for a many-to-many field: "removed: …" (or "—")
    new: str  # for a many-to-many field: "added: …" (or "—")
    members: bool = False  # a many-to-many field (a team, an opening's candidates, groups)


@dataclass(frozen=True)
class AuditEntry:
    history_id: int
    object_type: str  # key of the source
    object_type_label: str
    object_id: Any
    object_label: str
    action: str  # created / changed / deleted
    at: datetime.datetime
    user_id: int | None
    user: str  # a username, or "system" for a change with no recorded user
    changes: list[AuditChange] = field(default_factory=list)
    # True for a "changed" row with no earlier version recorded (nothing to compare with).
    no_earlier_version: bool = False

    @property
    def by_system(self) -> bool:
        return self.user_id is None


def _shorten(text: str) -> str:
    return text if len(text) <= VALUE_SHOWN_MAX else f"{text[: VALUE_SHOWN_MAX - 1]}…"


class _Names:
    """str() of related objects, loaded once per related model for the whole page."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.loaded: dict[type[models.Model], dict[Any, models.Model]] = {}

    def want(self, model: type[models.Model], pk: Any) -> None:
        if pk is not None:
            self.wanted[model].add(pk)

    def load(self) -> None:
        for model, pks in self.wanted.items():
            self.loaded[model] = model._default_manager.in_bulk(pks)

    def get(self, model: type[models.Model], pk: Any) -> models.Model | None:
        return self.loaded.get(model, {}).get(pk)

    def label(self, model: type[models.Model], pk: Any) -> str:
        if pk is None:
            return "—"
        found = self.get(model, pk)
        return str(found) if found is not None else f"{model._meta.verbose_name} #{pk} (gone)"


def _tracked(source: AuditSource) -> list[models.Field]:
    """The fields a "changed" entry compares: not the id, nor a last-saved time (``auto_now``)
    or the optimistic-locking ``version`` (``careerpath.versioning``), which change with every
    save and say nothing the entry's own time does not."""
    versioned = issubclass(source.model, VersionedModel)
    return [
        f
        for f in source.history.tracked_fields  # type: ignore[attr-defined]
        if f.attname != source.model._meta.pk.attname
        and not getattr(f, "auto_now", False)
        and not (versioned and f.attname == "version")
    ]


def _related_model(fld: models.Field) -> type[models.Model] | None:
    return fld.related_model if fld.is_relation else None  # type: ignore[return-value]


def _display(fld: models.Field, value: Any, names: _Names) -> str:
    related = _related_model(fld)
    if related is not None:
        return names.label(related, value)
    if value is None or value == "":
        return "—"
    if fld.choices:
        return str(dict(fld.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _shorten(str(value))


def _m2m_target(fld: models.ManyToManyField) -> tuple[str, type[models.Model]]:
    """The column of the m2m history row naming the related object, and that object's model."""
    through: Any = fld.remote_field.through
    column = through._meta.get_field(fld.m2m_reverse_field_name()).attname
    return column, fld.remote_field.model


def _object_label(source: AuditSource, row: models.Model, names: _Names) -> str:
    """str() of the object as it was, with its relations taken from the page's loaded names
    (never a query); an object whose relation is gone is named by its type and id."""
    instance = row.instance  # type: ignore[attr-defined]
    fallback = f"{source.label} #{instance.pk}"
    for fld in source.model._meta.concrete_fields:
        related = _related_model(fld)
        value = getattr(instance, fld.attname) if related is not None else None
        if related is None or value is None:
            continue
        target = names.get(related, value)
        if target is None:
            return fallback
        fld.set_cached_value(instance, target)  # type: ignore[attr-defined]
    return _shorten(str(instance))


def audit_entries(rows: Iterable[dict[str, Any]]) -> list[AuditEntry]:
    """Entries for a page of ``audit_rows``, in the same order, each "changed" one with the
    fields that changed since the object's previous version."""
    rows = list(rows)
    sources = audit_sources()
    by_source: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        by_source[row["audit_source"]].append(row["history_id"])

    names = _Names()
    user_model = get_user_model()
    full: dict[tuple[str, int], models.Model] = {}
    previous: dict[tuple[str, int], models.Model] = {}
    m2m_values: dict[tuple[str, int, str], set[Any]] = defaultdict(set)
    for key, ids in by_source.items():
        source = sources[key]
        history = source.history._default_manager
        pk_name = source.model._meta.pk.attname
        # The previous version of the same object: latest by (date, id) before this one.
        earlier = history.filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id")),
            **{pk_name: OuterRef(pk_name)},
        ).order_by("-history_date", "-history_id")
        current = list(
            history.filter(history_id__in=ids).annotate(
                previous_id=Subquery(earlier.values("history_id")[:1])
            )
        )
        prev_ids = [r.previous_id for r in current if r.previous_id is not None]
        prev_rows = history.in_bulk(prev_ids) if prev_ids else {}
        for r in current:
            full[(key, r.history_id)] = r
            if r.previous_id is not None:
                previous[(key, r.history_id)] = prev_rows[r.previous_id]
        for r in [*current, *prev_rows.values()]:
            for fld in source.model._meta.concrete_fields:
                related = _related_model(fld)
                if related is not None:
                    names.want(related, getattr(r, fld.attname))
        all_ids = [*ids, *prev_ids]
        for m2m in source.m2m_fields:
            column, target = _m2m_target(m2m)
            m2m_history = HistoricalRecords.m2m_models[m2m]
            for history_id, target_id in m2m_history._default_manager.filter(
                history_id__in=all_ids
            ).values_list("history_id", column):
                m2m_values[(key, history_id, m2m.name)].add(target_id)
                names.want(target, target_id)
    for row in rows:
        names.want(user_model, row["history_user_id"])
    names.load()

    entries = []
    for row in rows:
        key, history_id = row["audit_source"], row["history_id"]
        source = sources[key]
        record = full[(key, history_id)]
        action = ACTIONS[row["history_type"]]
        changes: list[AuditChange] = []
        before = previous.get((key, history_id))
        if action == "changed" and before is not None:
            for fld in _tracked(source):
                old, new = getattr(before, fld.attname), getattr(record, fld.attname)
                if old != new:
                    changes.append(
                        AuditChange(
                            capfirst(str(fld.verbose_name)),
                            _display(fld, old, names),
                            _display(fld, new, names),
                        )
                    )
            for m2m in source.m2m_fields:
                _, target = _m2m_target(m2m)
                old_set = m2m_values.get((key, before.history_id, m2m.name), set())  # type: ignore[attr-defined]
                new_set = m2m_values.get((key, history_id, m2m.name), set())
                if old_set != new_set:
                    changes.append(
                        AuditChange(
                            capfirst(str(m2m.verbose_name)),
                            _m2m_text("removed", old_set - new_set, target, names),
                            _m2m_text("added", new_set - old_set, target, names),
                            members=True,
                        )
                    )
        user = names.get(user_model, row["history_user_id"])
        entries.append(
            AuditEntry(
                history_id=history_id,
                object_type=key,
                object_type_label=source.label,
                object_id=row["audit_object_id"],
                object_label=_object_label(source, record, names),
                action=action,
                at=row["history_date"],
                user_id=row["history_user_id"],
                user=(
                    user.get_username()  # type: ignore[attr-defined]
                    if user is not None
                    else (SYSTEM if row["history_user_id"] is None else "a deleted user")
                ),
                changes=changes,
                no_earlier_version=action == "changed" and before is None,
            )
        )
    return entries


def _m2m_text(verb: str, pks: set[Any], model: type[models.Model], names: _Names) -> str:
    if not pks:
        return "—"
    labels = sorted(names.label(model, pk) for pk in pks)
    return f"{verb}: " + ", ".join(labels)


def audit_users() -> QuerySet[Any]:
    """Users for the trail's "who" filter: every account, by username."""
    return get_user_model()._default_manager.order_by("username")


def object_type_choices() -> Sequence[tuple[str, str]]:
    return [(source.key, source.label) for source in audit_sources().values()]

"""Optimistic locking and changed-fields-only saves: the one write step of every editable object.

Every editable object (roles with their requirements, competencies, learning resources,
promotion paths, candidates, openings) carries a ``version`` that each save through the
services raises by one. A writer that says which version it edited (the API's ``If-Match`` or
``version``, the pages' hidden field) has its save refused with ``StaleObject`` when someone
saved in between; a writer that does not say still never overwrites a column it did not change.

How a service writes (``update_versioned``, or its steps for services that save related rows
too):

1. ``changed_fields`` — which of the given values (multi-line text in its stored form,
   ``model_fields.stored_values``) differ from the object *as the caller loaded it*; only those
   are written, and when none do nothing is saved: no history row, no new version, so a no-op
   save does not make anyone else's open form stale.
2. ``lock_current`` — ``SELECT … FOR UPDATE`` of the row, which refreshes the object from it and
   holds the row until the service's transaction ends. We lock rather than only ``UPDATE …
   WHERE version = %s`` because the object must be validated (``full_clean``) and recorded in
   its history with the *current* values of the columns this writer leaves alone: a concurrent
   writer waits here, then sees the first one's committed row. The version check happens under
   the lock, so check and write cannot race.
3. ``save_changed`` — the version is raised with ``UPDATE … SET version = version + 1 WHERE pk
   = %s AND version = %s`` (atomic on its own, which also covers SQLite, where ``FOR UPDATE`` is
   a no-op and the database serializes writers instead), then ``save(update_fields=…)`` writes
   the changed columns and fires the signals that record history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone

from careerpath.model_fields import assign_fields, check_field_names, stored_values


class VersionedModel(models.Model):
    """Abstract base: the ``version`` every save through the services raises by one."""

    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised by one on every save; a write naming an older version is refused.",
    )

    class Meta:
        abstract = True


class StaleObject(ValidationError):
    """The object changed since the writer loaded the version it names; nothing was saved.

    A ``ValidationError`` (code ``stale``) so every caller already shows it: pages as a message
    above the form, the API as 409 (412 when the version came from ``If-Match``).
    """

    def __init__(self, instance: models.Model, *, current_version: int) -> None:
        self.current_version = current_version
        super().__init__(stale_message(instance), code="stale")


def stale_message(instance: models.Model) -> str:
    """ "This role was changed by alice at 2026-12-01 16:05 UTC since you opened it." — who and
    when from the object's latest history record ("someone" when it names nobody)."""
    label = instance._meta.verbose_name
    history = getattr(instance, "history", None)
    record = (
        history.order_by("-history_date", "-history_id").select_related("history_user").first()
        if history is not None
        else None
    )
    who = "someone"
    when = ""
    if record is not None:
        if record.history_user is not None:
            who = record.history_user.get_full_name() or record.history_user.get_username()
        when = f" at {timezone.localtime(record.history_date):%Y-%m-%d %H:%M %Z}"
    return f"This {label} was changed by {who}{when} since you opened it. Nothing was saved."


def deleted_message(instance: models.Model) -> ValidationError:
    return ValidationError(
        f"This {instance._meta.verbose_name} was deleted since you opened it; nothing was saved.",
        code="conflict",
    )


def changed_fields(instance: models.Model, fields: Mapping[str, Any]) -> set[str]:
    """The names in ``fields`` whose value differs from ``instance`` as loaded (a related
    object compared by id)."""
    changed = set()
    for name, value in fields.items():
        field = instance._meta.get_field(name)
        if field.many_to_one or field.one_to_one:
            before = getattr(instance, field.attname)
            after = value.pk if isinstance(value, models.Model) else value
        else:
            before, after = getattr(instance, name), value
        if before != after:
            changed.add(name)
    return changed


def lock_current(instance: models.Model, *, expected_version: int | None) -> None:
    """Lock the object's row until the transaction ends and refresh ``instance`` from it;
    ``StaleObject`` if ``expected_version`` (when given) is not the row's version. Call inside
    the service's ``transaction.atomic``. (An object without a version takes no
    ``expected_version``.)"""
    manager = type(instance)._default_manager
    try:
        # No ORDER BY: a model ordered by a related field would join, and lock, the related
        # rows too.
        instance.refresh_from_db(from_queryset=manager.select_for_update().order_by())
    except type(instance).DoesNotExist:
        raise deleted_message(instance) from None
    if expected_version is not None and instance.version != expected_version:  # type: ignore[attr-defined]
        raise StaleObject(instance, current_version=instance.version)  # type: ignore[attr-defined]


def save_changed(instance: models.Model, changed: Iterable[str]) -> None:
    """Raise the version (conditionally on the one locked) and write only ``changed`` columns,
    the version and any ``auto_now`` timestamp. History records the save. An object without a
    version (a competency category) just has its changed columns written."""
    model = type(instance)
    auto_now = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    if not isinstance(instance, VersionedModel):
        instance.save(update_fields=sorted({*changed, *auto_now}))
        return
    raise_version(instance)
    instance.save(update_fields=sorted({*changed, "version", *auto_now}))


def raise_version(instance: VersionedModel) -> None:
    """Raise the version (conditionally on the one locked) without saving anything else: for a
    change that already has its history row, a many-to-many change the object's history
    records (``HistoricalRecords(m2m_fields=…)``), so a save would add a row that says nothing."""
    bumped = (
        type(instance)
        ._default_manager.filter(pk=instance.pk, version=instance.version)
        .update(version=F("version") + 1)
    )
    if not bumped:  # only reachable without a row lock (SQLite): someone saved in between
        raise StaleObject(instance, current_version=instance.version + 1)
    instance.version += 1


def update_versioned(
    instance: models.Model,
    fields: Mapping[str, Any],
    allowed: Iterable[str],
    *,
    expected_version: int | None,
    clean: Callable[[Any], None] | None = None,
) -> set[str]:
    """The services' update step: lock and check the version, set the fields that differ from
    what the caller loaded, validate (``clean``, by default ``full_clean()``) and save those
    alone. Returns the names of the fields written; nothing is written (no history row, no new
    version) when none differ."""
    check_field_names(fields, allowed)
    # Compared in their stored form: a textarea sent back with ``\r\n`` is not a change, and a
    # save that changes nothing writes nothing (no history row, no new version).
    fields = stored_values(instance, dict(fields))
    changed = changed_fields(instance, fields)
    lock_current(instance, expected_version=expected_version)
    assign_fields(instance, {name: fields[name] for name in changed}, allowed)
    (clean or (lambda obj: obj.full_clean()))(instance)
    if changed:
        save_changed(instance, changed)
    return changed


def bump_versions(queryset: models.QuerySet) -> None:
    """Raise the version of every row of ``queryset`` whose related rows a service changed
    from elsewhere (a candidate added to openings from the candidate's side), so an edit form
    opened before cannot put the old set back."""
    queryset.update(version=F("version") + 1)

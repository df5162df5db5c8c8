"""Who a change is recorded against when there is no request: a Celery task, a command.

django-simple-history takes the acting user from ``HistoricalRecords.context.request`` (set by
``HistoryRequestMiddleware`` for pages, the API and the admin). A task has no request, so every
history row it wrote would name nobody. ``acting_as(user)`` gives the task's writes the user who
started the job (an import's uploader); work a task does on its own account (rescoring) writes
no history-tracked rows and records no user, which the audit trail shows as "system".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from simple_history.models import HistoricalRecords

_MISSING = object()


@dataclass(frozen=True)
class _Actor:
    """Stands in for the request: simple-history reads only ``request.user``."""

    user: Any


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Record ``user`` as the author of every history row written inside the block (unless a
    save names its own ``_history_user``). Restores what was there before, so a task run eagerly
    inside a request leaves the request's context as it found it."""
    context = HistoricalRecords.context
    before = getattr(context, "request", _MISSING)
    context.request = _Actor(user)
    try:
        yield
    finally:
        if before is _MISSING:
            with suppress(AttributeError):
                del context.request
        else:
            context.request = before

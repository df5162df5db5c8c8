"""Assigning keyword arguments to a model instance, shared by every app's services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def assign_fields(instance: Any, fields: dict[str, Any], allowed: Iterable[str]) -> None:
    """Set ``fields`` on ``instance``; a name outside ``allowed`` is a programming error."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(instance, name, value)

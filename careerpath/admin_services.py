"""What the admin classes share to save through the services instead of ``form.save()``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def service_fields(form: Any, names: Iterable[str]) -> dict[str, Any]:
    """The form's cleaned values a service takes (a field the form does not show is left out,
    so the service keeps the stored value)."""
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


def saved_as(obj: Any, saved: Any) -> None:
    """Point the admin's unsaved ``obj`` at the row a create service saved (the admin's
    messages, log entry and redirect read ``obj``; inlines hang off it)."""
    obj.pk = saved.pk
    obj._state.adding = False
    for field in obj._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))

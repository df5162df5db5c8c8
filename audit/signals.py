"""A sign-in updates ``last_login`` without writing an account history row.

Django's own receiver saves the user (``save(update_fields=["last_login"])``), and every save
of a model with history writes a history row, so each sign-in would appear in the audit trail
as a change to the account with nothing changed. This receiver replaces it with an UPDATE,
which sends no ``post_save``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import update_last_login
from django.contrib.auth.signals import user_logged_in
from django.utils import timezone


def record_last_login(sender: Any, user: Any, **kwargs: Any) -> None:
    now = timezone.now()
    get_user_model().objects.filter(pk=user.pk).update(last_login=now)
    user.last_login = now


def connect() -> None:
    user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
    user_logged_in.connect(record_last_login, dispatch_uid="audit_record_last_login")

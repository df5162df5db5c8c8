"""An integration's API token: obtain it with a password, rotate it, revoke it.

One token per user (DRF's ``authtoken``): obtaining returns the user's current token, creating
it if there is none; rotating replaces it with a new key in one transaction, so the old key
stops working the moment the new one is returned; revoking deletes it. The password exchange goes
through ``django.contrib.auth.authenticate`` with the request, so django-axes counts each wrong
password and locks the username out from that address exactly as on the sign-in pages.
"""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from rest_framework.authtoken.models import Token


def user_for_password(
    *, request: HttpRequest, username: str, password: str
) -> AbstractBaseUser | None:
    """The active user with these credentials, or None (wrong, inactive, or locked out)."""
    return authenticate(request=request, username=username, password=password)


def token_obtain(*, user: AbstractBaseUser) -> Token:
    token, _ = Token.objects.get_or_create(user=user)
    return token


@transaction.atomic
def token_rotate(*, user: AbstractBaseUser) -> Token:
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


def token_revoke(*, user: AbstractBaseUser) -> bool:
    """Delete the user's token; False if there was none."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return deleted > 0

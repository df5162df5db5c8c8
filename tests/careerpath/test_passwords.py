"""Passwords (issue 9): Argon2 hashes, older hashes upgraded at sign-in, Django's validators."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, override_settings

from careerpath import settings as project_settings

# The suite swaps in a fast hasher for the whole session (tests/conftest.py); these tests put
# the production list back.
production_hashers = override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS)


@production_hashers
def test_new_passwords_are_hashed_with_argon2id():
    assert make_password("a long enough passphrase").startswith("argon2$argon2id$")


@production_hashers
def test_an_older_hash_still_signs_in_and_is_upgraded_to_argon2(db):
    user = get_user_model().objects.create(username="legacy")
    user.password = make_password("a long enough passphrase", hasher="pbkdf2_sha256")
    user.save()
    response = Client().post(
        "/accounts/login/", {"username": "legacy", "password": "a long enough passphrase"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short-pw1", "too short"),
        ("password1234", "too common"),
        ("938475610293847", "entirely numeric"),
        ("validator-person", "too similar"),
    ],
)
def test_weak_passwords_are_refused(password, message, db):
    user = get_user_model()(username="validator-person", email="validator-person@example.com")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert any(message in text for text in refused.value.messages)


def test_the_demo_password_passes_the_validators_and_load_demo_sets_it(db):
    validate_password("careerpath-demo")
    call_command("load_framework", verbosity=0)
    call_command("load_demo", force=True, verbosity=0)
    hr = get_user_model().objects.get(username="hr")
    assert hr.check_password("careerpath-demo")

"""One candidate per email (in any letter case) is a database rule, and imports depend on it to
match people. Its refusal — "A candidate with this email already exists." — tells a recruiter
that a candidate they cannot see exists. We keep the rule and the message (people need to know
why the save failed) and throttle how often a user may hear it: ``API_THROTTLE_CANDIDATE_EMAIL``
answers per window (default 10 an hour), after which every candidate create or edit by that user
is refused (429) until the window moves on, whatever email it names. HR sees every candidate, so
the answer tells them nothing new: they are exempt. An import's "exists and is not visible to
you" rows spend the same allowance; a file that would exceed it is refused without saying which
rows. See docs/SECURITY.md, "Small leaks".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from candidates.imports import NOT_VISIBLE, RowError
from candidates.models import EMAIL_TAKEN
from careerpath import access
from careerpath.throttling import RevealThrottle

TOO_MANY = (
    "Too many of your recent candidates had an email already in use. Try again in {wait} seconds."
)


class CandidateEmailThrottle(RevealThrottle):
    scope = "candidate-email"

    def exempt(self, user: Any) -> bool:
        return access.is_hr(user)


def reveals_existing_email(error: ValidationError) -> bool:
    return hasattr(error, "error_dict") and EMAIL_TAKEN in error.message_dict.get("email", [])


TOO_MANY_IN_FILE = (
    "The file names more candidates you cannot see than you may be told about now; nothing was "
    "imported. Import only people you work with, or ask HR to import the file."
)


@dataclass(frozen=True)
class _Asker:
    """The throttle reads ``request.user``; an import job has its user, not a request."""

    user: Any


def import_errors_within_allowance(errors: list[RowError], user: Any) -> list[RowError]:
    """An import's errors, its "not visible to you" rows counted against the user's allowance:
    within it, they are listed (and spent); beyond it, they are replaced by one error naming no
    row, so a file of guesses learns nothing about which of them exist."""
    hidden = sum(1 for error in errors if error.message == NOT_VISIBLE)
    if not hidden:
        return errors
    throttle, asker = CandidateEmailThrottle(), _Asker(user)
    remaining = throttle.remaining(asker)
    if remaining is None:
        return errors
    if hidden <= remaining:
        throttle.record(asker, count=hidden)
        return errors
    return [
        RowError(None, "email", TOO_MANY_IN_FILE),
        *(error for error in errors if error.message != NOT_VISIBLE),
    ]

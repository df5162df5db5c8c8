"""History of user accounts: who made whom HR, a recruiter or a viewer, and who changed an account.

The recruiting and framework models declare their ``HistoricalRecords`` themselves; Django's
``User`` cannot, so it is registered here (its history table belongs to this app). The password
hash and the last sign-in time are left out: a history table is no place for password hashes,
and a sign-in is not a change anybody made to the account (``audit.signals`` keeps it from
writing a history row at all). Group membership (``groups``) is what access rests on
(``careerpath.access``), so its history is kept with each row.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from simple_history import register

register(
    get_user_model(),
    app="audit",
    excluded_fields=["password", "last_login"],
    m2m_fields=["groups"],
)

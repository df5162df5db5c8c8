"""Conditional writes: the ``ETag`` the API gives and the ``If-Match`` it reads, in one place.

A versioned object's entity tag is its version as a strong tag, ``"<version>"`` (``"3"``): it
changes on every save of the object (for a role, also when its requirement set changes), which
is what ``If-Match`` needs; strong, because RFC 9110 compares ``If-Match`` strongly. A client
that turns it weak (``W/"3"``) is read the same. The version itself is also in the body.

On ``PUT``, ``PATCH`` and ``DELETE``:

* ``If-Match: "<version>"`` — the write happens only if that is still the object's version,
  else **412** (``precondition_failed``) and nothing changes. ``If-Match: *`` only asks that
  the object exists. A value that is not one entity tag or ``*`` cannot match: 412 too.
* ``"version": <n>`` in the body (no ``If-Match``) — the same check; a stale one is **409**
  (``conflict``), like any other conflicting write.
* neither — the write is unconditional, as before (v1 is a stable contract), and still changes
  only the fields it sends that differ.

The check itself is the services' (``careerpath.versioning``): done under the row lock, so it
cannot race with the write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rest_framework import exceptions

from careerpath.api.errors import PreconditionFailed

IF_MATCH_HEADER = "If-Match"
_ENTITY_TAG = re.compile(r'^(?:W/)?"([0-9]{1,10})"$')
_ANY = object()


def etag_for(version: int) -> str:
    return f'"{version}"'


@dataclass(frozen=True)
class WriteCondition:
    """What the client said about the version it edited."""

    expected_version: int | None  # None: no version check
    from_header: bool  # a mismatch is then 412 rather than 409


def write_condition(request: Any, body_version: int | None) -> WriteCondition:
    """The version check a write asks for: from ``If-Match`` if sent, else from the body's
    ``version``; a 400 for an ``If-Match`` that is not one of this API's tags."""
    header = request.headers.get(IF_MATCH_HEADER)
    if header is None:
        return WriteCondition(expected_version=body_version, from_header=False)
    header = header.strip()
    if header == "*":
        return WriteCondition(expected_version=body_version, from_header=False)
    match = _ENTITY_TAG.match(header)
    if match is None:
        # Not a tag this API could have given: a malformed request (400, as the schema's
        # pattern says), not a version that moved on (412).
        raise exceptions.ValidationError(
            {
                IF_MATCH_HEADER: [
                    'Give one entity tag this API gave (for example "3", from the ETag '
                    "header) or *; nothing was saved."
                ]
            }
        )
    version = int(match.group(1))
    if body_version is not None and body_version != version:
        raise PreconditionFailed(
            f"If-Match names version {version} but the body says version {body_version}; "
            "nothing was saved."
        )
    return WriteCondition(expected_version=version, from_header=True)

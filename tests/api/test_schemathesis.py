"""Schemathesis against the app's own OpenAPI document (issue 9).

Every operation the schema lists (so a new endpoint is covered the day it is documented) goes
through all four phases — the schema's examples, the coverage phase's boundary and negative
values, random fuzzing, and stateful sequences that follow the links between operations — with
every check on, ``ignored_auth`` and ``object_level_authorization`` among them.

The callers are three identities from one Web Fuzzing Commons document: two recruiters, each on
the hiring team of a different opening with its own candidates, and HR. Schemathesis tries them
in that order and moves on from one an operation refuses (403), so HR-only operations are
exercised as HR. The two recruiters are *peers*: whatever one of them reads of its own, the
``object_level_authorization`` check replays as the other and fails if the other gets it too.

The app runs in-process (WSGI), inside the test's transaction: no socket, no server.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import tempfile
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import positive_data_acceptance

from careerpath.access import HR_GROUP, RECRUITER_GROUP
from tests import factories

#: Generated cases per operation in the fuzzing phase, and runs of the stateful phase. Tuned so
#: the module stays within a few minutes on two shared cores; raise them locally to dig deeper.
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "20"))
STATEFUL_EXAMPLES = int(os.environ.get("SCHEMATHESIS_STATEFUL_EXAMPLES", "15"))

#: The identities, in the order Schemathesis tries them on each operation, with their tokens.
#: The keys are fixed because the schema (and its auth) is loaded when the module is collected,
#: before any database exists; ``restore_tokens`` writes them.
TOKENS = {
    "recruiter-a": "a" * 40,
    "recruiter-b": "b" * 40,
    "hr": "c" * 40,
}
#: Identities that must not see each other's objects.
PEERS = ["recruiter-a", "recruiter-b"]


def _world() -> None:
    """A small framework, and two openings with different hiring teams and candidates."""
    category = factories.CategoryFactory(slug="digital", name="Digital")
    competencies = [
        factories.CompetencyFactory(slug=slug, name=slug.title(), category=category)
        for slug in ("seo", "analytics", "leadership")
    ]
    factories.LearningResourceFactory(
        slug="seo-course", title="SEO course", competencies=competencies[:2]
    )
    manager = factories.RoleFactory(slug="ecommerce-manager", title="E-commerce Manager")
    director = factories.RoleFactory(
        slug="ecommerce-director", title="E-commerce Director", level="director"
    )
    for role in (manager, director):
        for weight, competency in enumerate(competencies, start=1):
            factories.RequirementFactory(
                role=role, competency=competency, required_level=3, weight=weight
            )
    factories.PromotionPathFactory(from_role=manager, to_role=director)
    users = {
        "recruiter-a": factories.UserFactory(username="recruiter-a", group=RECRUITER_GROUP),
        "recruiter-b": factories.UserFactory(username="recruiter-b", group=RECRUITER_GROUP),
        "hr": factories.UserFactory(username="hr", group=HR_GROUP, is_staff=True),
    }
    for name, role in (("recruiter-a", manager), ("recruiter-b", director)):
        candidates = factories.CandidateFactory.create_batch(2, current_role=manager)
        for candidate in candidates:
            factories.AssessmentFactory(candidate=candidate, competency=competencies[0], level=2)
        factories.OpeningFactory(
            title=f"Opening of {name}", role=role, hiring_team=[users[name]], candidates=candidates
        )


def restore_tokens() -> None:
    """Put each identity's token back: the fuzzer calls the token endpoints too, and rotating or
    revoking would leave the rest of the run signed out."""
    for name, key in TOKENS.items():
        if not Token.objects.filter(key=key).exists():
            Token.objects.filter(user__username=name).delete()
            Token.objects.create(user=get_user_model().objects.get(username=name), key=key)


@pytest.fixture
def world(db, monkeypatch) -> Iterator[None]:
    # Throttles are tested in tests/api/test_auth_and_limits.py; here thousands of requests in a
    # minute are the point, and a 429 would hide what the request would have answered.
    unlimited = "1000000/minute"
    monkeypatch.setattr(
        SimpleRateThrottle,
        "THROTTLE_RATES",
        dict.fromkeys(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], unlimited),
    )
    cache.clear()
    _world()
    restore_tokens()
    # The app is called as a WSGI application, whose end-of-request signal closes the database
    # connection, and the test's transaction with it (on PostgreSQL). Django's test client
    # unhooks it for the same reason.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _identities_document() -> str:
    """The Web Fuzzing Commons document naming the identities, in the order tried."""
    document = {
        "auth": [
            {
                "name": name,
                "fixedHeaders": [{"name": "Authorization", "value": f"Token {TOKENS[name]}"}],
            }
            for name in TOKENS
        ]
    }
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - read by schemathesis after this returns
        "w", suffix=".json", prefix="careerpath-identities-", delete=False
    )
    with handle:
        json.dump(document, handle)
    atexit.register(os.unlink, handle.name)
    return handle.name


def _load_schema() -> Any:
    config = schemathesis.Config.from_dict(
        {
            "auth": {"wfc": {"path": _identities_document(), "peers": PEERS}},
            "phases": {
                "examples": {"enabled": True},
                "coverage": {"enabled": True},
                "fuzzing": {"enabled": True},
                "stateful": {"enabled": True},
            },
            "checks": {"enabled": True},
            # The same cases on every run: CI fails or passes for the code, not for the draw.
            "generation": {
                "max-examples": MAX_EXAMPLES,
                "database": "none",
                "deterministic": True,
            },
        }
    )
    return schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application(), config=config)


schema = _load_schema()

#: What a schema cannot say: that an id or slug names an object that exists and that this user
#: may see, that a value is not taken yet, that a password is right. A request that breaks only
#: such a rule is well-formed, and its 400 names the field (asserted across tests/api/).
CROSS_OBJECT_REFUSALS = re.compile(
    r"No \S.* with (id|slug) .+"
    r"|Select a valid choice\. That choice is not one of the available choices\."
    r"|An? \S.* with this .+ already exists\."
    r"|No active account with this username and password\."
)


def _field_messages(errors: Any, field: str = "") -> list[tuple[str, str]]:
    """(top-level field, message) for every message in an error body's ``errors``."""
    if isinstance(errors, dict):
        return [
            pair
            for key, value in errors.items()
            for pair in _field_messages(value, field or str(key))
        ]
    if isinstance(errors, list):
        return [pair for value in errors for pair in _field_messages(value, field)]
    return [(field, str(errors))]


def _refused_for_what_no_schema_says(response: Any, case: Any) -> bool:
    if response.status_code == 412:
        # A well-formed If-Match naming a version the object is no longer at: which version is
        # current is state, not schema (a malformed one is refused as schema-violating data).
        return json.loads(response.content).get("type") == "precondition_failed"
    if response.status_code != 400:
        return False
    messages = _field_messages(json.loads(response.content).get("errors", {}))
    # An uploaded file's name and contents (a CSV or XLSX import) are described in prose.
    uploads = {"file"} if case.media_type == "multipart/form-data" else set()
    return bool(messages) and all(
        field in uploads or CROSS_OBJECT_REFUSALS.fullmatch(message) for field, message in messages
    )


def positive_data_acceptance_within_the_schema(ctx: Any, response: Any, case: Any) -> None:
    """Schemathesis' ``positive_data_acceptance``, except for a 400 that only refuses what no
    JSON Schema can state (above): the one narrow exception to "schema-valid input is
    accepted"."""
    try:
        positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if not _refused_for_what_no_schema_says(response, case):
            raise


CHECKS = {
    "excluded_checks": [positive_data_acceptance],
    "additional_checks": [positive_data_acceptance_within_the_schema],
}


@schema.parametrize()
# One world per operation, shared by its cases (their writes build on each other, as a client's
# would); the cases hit a real database, so their time says nothing about the code.
@hypothesis.settings(
    deadline=None,
    suppress_health_check=[
        hypothesis.HealthCheck.function_scoped_fixture,
        hypothesis.HealthCheck.too_slow,
    ],
)
def test_every_operation_conforms(case, world) -> None:
    try:
        case.call_and_validate(**CHECKS)
    finally:
        restore_tokens()


def test_stateful_sequences_conform(world) -> None:
    machine = schema.as_state_machine()

    class Machine(machine):  # type: ignore[misc,valid-type]
        def setup(self) -> None:
            # Every sequence starts from the same world, so that Hypothesis, replaying one to
            # shrink it, sees the same answers.
            self.savepoint = transaction.savepoint()
            super().setup()

        def teardown(self) -> None:
            super().teardown()
            transaction.savepoint_rollback(self.savepoint)

        def after_call(self, response, case) -> None:
            restore_tokens()
            super().after_call(response, case)

        def validate_response(self, response, case, additional_checks=None, **kwargs) -> None:
            case.validate_response(
                response,
                transport_kwargs=kwargs or None,
                recorder=self.recorder,
                **CHECKS,
            )

    Machine.run(
        settings=hypothesis.settings(
            max_examples=STATEFUL_EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            # Hypothesis' own health checks (speed, filtering, fixtures) are about the data
            # generation, not the API; the in-process database makes each step slow.
            suppress_health_check=list(hypothesis.HealthCheck),
            stateful_step_count=10,
        )
    )

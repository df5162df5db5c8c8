"""The permission matrix: every endpoint × method × member of the cast.

The cast (tests/conftest.py): HR, a recruiter on the opening's hiring team, a recruiter outside
it, a viewer, and anonymous. A refused request answers in the error shape and changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator

from candidates.models import Candidate
from jobs.services import job_create, job_succeed
from tests import factories
from tests.api.conftest import BASE, CAST, assert_error, database_state

ERROR_TYPES = {
    400: "validation_error",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    415: "unsupported_media_type",
}


@pytest.fixture
def world(framework, opening, director_role) -> dict[str, Any]:
    """One of everything, plus objects free to delete (nothing depends on them)."""
    candidate = opening.candidates.order_by("id").first()
    competency = director_role.requirements.first().competency
    manager = factories.RoleFactory(slug="manager", title="Manager", level="manager")
    path = factories.PromotionPathFactory(from_role=manager, to_role=director_role)
    return {
        "opening": opening,
        "candidate": candidate,
        "assessment": factories.AssessmentFactory(candidate=candidate, competency=competency),
        "competency": competency,
        "role": director_role,
        "manager": manager,
        "path": path,
        "free_category": factories.CategoryFactory(slug="free-category"),
        "free_competency": framework["competencies"][2],
        "resource": framework["resource"],
        # Below the manager, so a path from it leads up the ladder.
        "free_role": factories.RoleFactory(slug="free-role", title="Free role", level="staff"),
        "category": framework["category"],
        # A job the recruiter started, with a file to download.
        "job": job_succeed(
            job_id=job_create(kind="candidate_import", created_by=opening.hiring_team.get()).pk,
            result={},
            file_name="export.csv",
            content=b"a,b\n",
        ),
    }


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: Callable[[dict[str, Any]], str]
    expected: dict[str, int]  # cast member → status
    body: Callable[[dict[str, Any]], dict[str, Any]] | None = None


def every(status: int, **overrides: int) -> dict[str, int]:
    """``status`` for every signed-in member (``anonymous`` gets 401), with overrides."""
    expected = dict.fromkeys(CAST, status)
    expected["anonymous"] = 401
    expected.update(overrides)
    return expected


HR_WRITES = {"hr": 0, "recruiter": 403, "outsider": 403, "viewer": 403, "anonymous": 401}


def hr_writes(success: int) -> dict[str, int]:
    return {**HR_WRITES, "hr": success}


ON_OPENING = {"hr": 200, "recruiter": 200, "outsider": 404, "viewer": 404, "anonymous": 401}
RECRUITING_LIST = every(200, viewer=403)


def _framework_cases(
    name: str,
    collection: str,
    detail: Callable[[dict[str, Any]], str],
    free: Callable[[dict[str, Any]], str],
    create: Callable[[dict[str, Any]], dict[str, Any]],
    put: Callable[[dict[str, Any]], dict[str, Any]],
    patch: dict[str, Any],
) -> list[Case]:
    return [
        Case(f"{name} list", "get", lambda w: f"{BASE}/{collection}/", every(200)),
        Case(f"{name} create", "post", lambda w: f"{BASE}/{collection}/", hr_writes(201), create),
        Case(f"{name} detail", "get", detail, every(200)),
        Case(f"{name} put", "put", detail, hr_writes(200), put),
        Case(f"{name} patch", "patch", detail, hr_writes(200), lambda w: patch),
        Case(f"{name} delete", "delete", free, hr_writes(204)),
    ]


CASES: list[Case] = [
    Case("api root", "get", lambda w: f"{BASE}/", every(200)),
    *_framework_cases(
        "category",
        "competency-categories",
        lambda w: f"{BASE}/competency-categories/{w['category'].slug}/",
        lambda w: f"{BASE}/competency-categories/{w['free_category'].slug}/",
        lambda w: {"name": "Brand new"},
        lambda w: {"name": "Digital trade", "description": "", "position": 2},
        {"description": "Everything online."},
    ),
    *_framework_cases(
        "competency",
        "competencies",
        lambda w: f"{BASE}/competencies/{w['competency'].slug}/",
        lambda w: f"{BASE}/competencies/{w['free_competency'].slug}/",
        lambda w: {"name": "Brand new", "category": w["category"].slug},
        lambda w: {"name": "Renamed", "description": "d", "category": w["category"].slug},
        {"description": "Updated."},
    ),
    *_framework_cases(
        "learning resource",
        "learning-resources",
        lambda w: f"{BASE}/learning-resources/{w['resource'].slug}/",
        lambda w: f"{BASE}/learning-resources/{w['resource'].slug}/",
        lambda w: {"title": "Brand new", "kind": "course", "duration_weeks": 3},
        lambda w: {"title": "SEO basics", "kind": "certificate", "duration_weeks": 6},
        {"provider": "Open University"},
    ),
    *_framework_cases(
        "role",
        "roles",
        lambda w: f"{BASE}/roles/{w['role'].slug}/",
        lambda w: f"{BASE}/roles/{w['free_role'].slug}/",
        lambda w: {
            "title": "Brand new",
            "level": "manager",
            "requirements": [{"competency": w["competency"].slug, "required_level": 2}],
        },
        lambda w: {"title": "Director of E-commerce", "level": "director"},
        {"summary": "Leads online trade."},
    ),
    *_framework_cases(
        "promotion path",
        "promotion-paths",
        lambda w: f"{BASE}/promotion-paths/{w['path'].pk}/",
        lambda w: f"{BASE}/promotion-paths/{w['path'].pk}/",
        lambda w: {"from_role": w["free_role"].slug, "to_role": w["manager"].slug},
        lambda w: {"from_role": w["manager"].slug, "to_role": w["role"].slug, "typical_years": 4},
        {"criteria": "Ran a P&L."},
    ),
    Case(
        "career route",
        "get",
        lambda w: f"{BASE}/career-route/?from={w['manager'].slug}&to={w['role'].slug}",
        every(200),
    ),
    Case(
        "career route for a candidate",
        "get",
        lambda w: (
            f"{BASE}/career-route/?from={w['manager'].slug}&to={w['role'].slug}"
            f"&candidate={w['candidate'].pk}"
        ),
        every(200, outsider=400, viewer=403),
    ),
    # Candidates
    Case("candidate list", "get", lambda w: f"{BASE}/candidates/", RECRUITING_LIST),
    Case("candidate export", "get", lambda w: f"{BASE}/candidates/export/", RECRUITING_LIST),
    Case(
        "candidate create",
        "post",
        lambda w: f"{BASE}/candidates/",
        every(201, viewer=403),
        lambda w: {"name": "New Person", "email": "new@example.com", "source": "external"},
    ),
    Case(
        "candidate detail", "get", lambda w: f"{BASE}/candidates/{w['candidate'].pk}/", ON_OPENING
    ),
    Case(
        "candidate put",
        "put",
        lambda w: f"{BASE}/candidates/{w['candidate'].pk}/",
        ON_OPENING,
        lambda w: {"name": "Renamed", "email": "renamed@example.com", "source": "internal"},
    ),
    Case(
        "candidate patch",
        "patch",
        lambda w: f"{BASE}/candidates/{w['candidate'].pk}/",
        ON_OPENING,
        lambda w: {"notes": "Met at the fair."},
    ),
    Case(
        "candidate delete",
        "delete",
        lambda w: f"{BASE}/candidates/{w['candidate'].pk}/",
        every(405),
    ),
    Case(
        "candidate fit",
        "get",
        lambda w: f"{BASE}/candidates/{w['candidate'].pk}/fit/?role={w['role'].slug}",
        ON_OPENING,
    ),
    Case(
        "candidate development plan",
        "get",
        lambda w: f"{BASE}/candidates/{w['candidate'].pk}/development-plan/?role={w['role'].slug}",
        ON_OPENING,
    ),
    Case(
        "candidate personal data",
        "get",
        lambda w: f"{BASE}/candidates/{w['candidate'].pk}/personal-data/",
        {**ON_OPENING, "recruiter": 403},  # HR's alone; outsiders do not learn it exists
    ),
    Case(
        "candidate scorecard",
        "get",
        lambda w: f"{BASE}/candidates/{w['candidate'].pk}/scorecard/?role={w['role'].slug}",
        ON_OPENING,
    ),
    Case(
        "candidate scorecard save",
        "post",
        lambda w: f"{BASE}/candidates/{w['candidate'].pk}/scorecard/?role={w['role'].slug}",
        every(201, outsider=404, viewer=404),
        lambda w: {"assessments": [{"competency": w["competency"].slug, "level": 4}]},
    ),
    # Assessments
    Case("assessment list", "get", lambda w: f"{BASE}/assessments/", RECRUITING_LIST),
    Case(
        "assessment create",
        "post",
        lambda w: f"{BASE}/assessments/",
        every(201, outsider=400, viewer=403),
        lambda w: {"candidate": w["candidate"].pk, "competency": w["competency"].slug, "level": 4},
    ),
    Case(
        "assessment detail",
        "get",
        lambda w: f"{BASE}/assessments/{w['assessment'].pk}/",
        ON_OPENING,
    ),
    *[
        Case(
            f"assessment {method}",
            method,
            lambda w: f"{BASE}/assessments/{w['assessment'].pk}/",
            every(405),
            lambda w: {"level": 1},
        )
        for method in ("put", "patch", "delete")
    ],
    # Openings
    Case("opening list", "get", lambda w: f"{BASE}/openings/", RECRUITING_LIST),
    Case(
        "opening create",
        "post",
        lambda w: f"{BASE}/openings/",
        hr_writes(201),
        lambda w: {"title": "Second director", "role": w["role"].slug},
    ),
    Case("opening detail", "get", lambda w: f"{BASE}/openings/{w['opening'].pk}/", ON_OPENING),
    Case(
        "opening put",
        "put",
        lambda w: f"{BASE}/openings/{w['opening'].pk}/",
        ON_OPENING,
        lambda w: {"title": "Director (urgent)", "role": w["role"].slug, "status": "open"},
    ),
    Case(
        "opening patch",
        "patch",
        lambda w: f"{BASE}/openings/{w['opening'].pk}/",
        ON_OPENING,
        lambda w: {"status": "closed"},
    ),
    Case("opening delete", "delete", lambda w: f"{BASE}/openings/{w['opening'].pk}/", every(405)),
    # Recruiting reads
    Case(
        "ranking of an opening",
        "get",
        lambda w: f"{BASE}/roles/{w['role'].slug}/ranking/?opening={w['opening'].pk}",
        every(200, outsider=400, viewer=403),
    ),
    Case(
        "ranking of listed candidates",
        "get",
        lambda w: f"{BASE}/roles/{w['role'].slug}/ranking/?candidates={w['candidate'].pk}",
        every(200, outsider=400, viewer=403),
    ),
    # Per role: everyone who works with candidates reads it (within their reach).
    Case(
        "succession board of a role",
        "get",
        lambda w: f"{BASE}/roles/{w['role'].slug}/succession/",
        every(200, viewer=403),
    ),
    Case(
        "comparison of an opening",
        "post",
        lambda w: f"{BASE}/comparisons/",
        every(200, outsider=400, viewer=403),
        lambda w: {"opening": w["opening"].pk},
    ),
    Case(
        "comparison of listed candidates",
        "post",
        lambda w: f"{BASE}/comparisons/",
        every(200, outsider=400, viewer=403),
        lambda w: {"role": w["role"].slug, "candidates": [w["candidate"].pk]},
    ),
    # Bulk import: multipart only (a JSON body is a 415 once the caller may import; the
    # multipart cases are in test_imports.py)
    Case(
        "import", "post", lambda w: f"{BASE}/imports/", every(415, viewer=403), lambda w: {"f": 1}
    ),
    # Background jobs: the creator (the recruiter) and HR; anyone else 404
    Case("task detail", "get", lambda w: f"{BASE}/tasks/{w['job'].pk}/", ON_OPENING),
    Case("task download", "get", lambda w: f"{BASE}/tasks/{w['job'].pk}/download/", ON_OPENING),
    # The audit trail: HR reads it, nobody writes it (tests/audit/test_audit_trail.py)
    Case("audit trail", "get", lambda w: f"{BASE}/audit/", hr_writes(200)),
    *[
        Case(f"audit trail {method}", method, lambda w: f"{BASE}/audit/", hr_writes(405))
        for method in ("post", "put", "patch", "delete")
    ],
    # Tokens (tests/api/test_tokens.py has the successful exchanges and the lockout)
    Case(
        "token obtain with a wrong password",
        "post",
        lambda w: f"{BASE}/auth/token/",
        {**every(400), "anonymous": 400},  # reads no credentials but the body's
        lambda w: {"username": "hr-test", "password": "not-the-password"},
    ),
    Case("token rotate", "post", lambda w: f"{BASE}/auth/token/rotate/", every(200)),
    Case("token revoke without a token", "delete", lambda w: f"{BASE}/auth/token/", every(404)),
]

MATRIX = [
    pytest.param(case, member, id=f"{case.name}-{case.method}-{member}")
    for case in CASES
    for member in CAST
]


@pytest.mark.parametrize(("case", "member"), MATRIX)
def test_permission_matrix(case: Case, member: str, world, client_as):
    # Given the world and a member of the cast
    client = client_as(member)
    body = case.body(world) if case.body else None
    before = database_state()

    # When they call the endpoint
    response = getattr(client, case.method)(case.url(world), body, format="json")

    # Then the status is the one the matrix says, and a refusal changes nothing
    expected = case.expected[member]
    if expected >= 400:
        assert_error(response, expected, ERROR_TYPES[expected])
        assert database_state() == before
    else:
        assert response.status_code == expected, response.content[:400]


def test_the_matrix_covers_every_documented_operation(world):
    """Each operation of the schema has a row above, so a new endpoint needs one too."""
    schema = SchemaGenerator().get_schema(request=None, public=True)

    def url_name(path: str) -> str:
        some_id = str(world["job"].pk) if "/tasks/" in path else "1"  # tasks have UUIDs
        return resolve(re.sub(r"\{(id|pk)\}", some_id, path.replace("{slug}", "x"))).url_name

    documented = {
        (url_name(path), method)
        for path, operations in schema["paths"].items()
        for method in operations
    }
    covered = {(resolve(case.url(world).split("?")[0]).url_name, case.method) for case in CASES}
    assert documented <= covered, documented - covered


def test_a_user_in_no_group_reads_nothing(client_for, world):
    nobody = factories.UserFactory(username="nobody")
    client = client_for(nobody)
    assert_error(client.get(f"{BASE}/roles/"), 403, "permission_denied")
    assert_error(client.get(f"{BASE}/candidates/"), 403, "permission_denied")
    assert_error(client.get(f"{BASE}/candidates/{world['candidate'].pk}/"), 404, "not_found")


def test_an_outside_recruiter_sees_the_candidates_they_created(client_as, world, cast):
    own = factories.CandidateFactory(created_by=cast["outsider"])
    client = client_as("outsider")

    listed = client.get(f"{BASE}/candidates/").json()["results"]
    assert [row["id"] for row in listed] == [own.pk]
    assert client.get(f"{BASE}/candidates/{own.pk}/").status_code == 200
    assert_error(client.get(f"{BASE}/candidates/{world['candidate'].pk}/"), 404, "not_found")


def test_a_recruiter_lists_only_what_the_selectors_give_them(client_as, world):
    elsewhere = factories.OpeningFactory(candidates=[factories.CandidateFactory()])
    hidden = elsewhere.candidates.get()
    factories.AssessmentFactory(candidate=hidden)
    client = client_as("recruiter")

    candidates = {row["id"] for row in client.get(f"{BASE}/candidates/").json()["results"]}
    openings = {row["id"] for row in client.get(f"{BASE}/openings/").json()["results"]}
    assessed = {row["candidate"] for row in client.get(f"{BASE}/assessments/").json()["results"]}

    assert candidates == set(world["opening"].candidates.values_list("id", flat=True))
    assert openings == {world["opening"].pk}
    assert assessed == {world["candidate"].pk}
    assert hidden.pk not in candidates | assessed
    assert Candidate.objects.count() == 3

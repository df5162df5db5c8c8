"""Bad input: every kind the issue lists gets a 4xx in the one error shape, naming the field
where there is one, and the database is unchanged. No input produces a 500."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import override_settings

from candidates.models import Candidate
from roles.models import Role
from skills.models import CompetencyCategory
from tests import factories
from tests.api.conftest import BASE, assert_error


@pytest.fixture
def data(framework, opening, director_role) -> dict[str, Any]:
    seo, analytics, leadership = framework["competencies"]
    return {
        "category": framework["category"],
        "seo": seo,
        "analytics": analytics,
        "leadership": leadership,
        "role": director_role,
        "manager": factories.RoleFactory(slug="manager", title="Manager", level="manager"),
        "opening": opening,
        "candidate": opening.candidates.order_by("id").first(),
    }


@dataclass(frozen=True)
class Bad:
    name: str
    method: str
    url: str | Callable[[dict[str, Any]], str]
    body: Any = None  # JSON-serialisable, or bytes/str sent as they are
    status: int = 400
    type: str = "validation_error"
    field: str | None = None
    contains: str = ""
    content_type: str = "application/json"
    raw: bool = False


def role_body(d: dict[str, Any], **changes: Any) -> dict[str, Any]:
    body = {
        "title": "Head of Marketplaces",
        "level": "manager",
        "requirements": [
            {"competency": d["seo"].slug, "required_level": 3, "weight": 2, "essential": True},
            {"competency": d["analytics"].slug, "required_level": 2},
        ],
    }
    body.update(changes)
    return body


def requirement(d: dict[str, Any], **changes: Any) -> list[dict[str, Any]]:
    return [{"competency": d["seo"].slug, "required_level": 3, **changes}]


ROLES = f"{BASE}/roles/"
CATEGORIES = f"{BASE}/competency-categories/"
CANDIDATES = f"{BASE}/candidates/"
ASSESSMENTS = f"{BASE}/assessments/"
PATHS = f"{BASE}/promotion-paths/"


def assessment(d: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {"candidate": d["candidate"].pk, "competency": d["seo"].slug, "level": 3, **changes}


CASES: list[Bad] = [
    # --- The body is not acceptable JSON
    Bad("malformed JSON", "post", CATEGORIES, '{"name": "x",', raw=True, type="parse_error"),
    Bad("empty JSON text", "post", CATEGORIES, "   ", raw=True, type="parse_error"),
    Bad(
        "NaN",
        "post",
        CATEGORIES,
        '{"name": "x", "position": NaN}',
        raw=True,
        type="parse_error",
        field="position",
        contains="NaN",
    ),
    Bad(
        "Infinity",
        "post",
        CATEGORIES,
        '{"name": "x", "position": Infinity}',
        raw=True,
        type="parse_error",
        field="position",
    ),
    Bad(
        "-Infinity inside a list",
        "post",
        ROLES,
        '{"title": "x", "level": "staff", "requirements": [{"weight": -Infinity}]}',
        raw=True,
        type="parse_error",
        field="requirements.0.weight",
    ),
    Bad(
        "a number too large for a float",
        "post",
        CATEGORIES,
        '{"name": "x", "position": 1e999}',
        raw=True,
        type="parse_error",
        field="position",
    ),
    Bad(
        "an integer of 5000 digits",
        "post",
        CATEGORIES,
        '{"name": "x", "position": ' + "9" * 5000 + "}",
        raw=True,
        type="parse_error",
        field="position",
        contains="longer than 30 digits",
    ),
    Bad(
        "a candidate id of 5000 digits in a query",
        "get",
        lambda d: f"{ROLES}{d['role'].slug}/ranking/?candidates={'9' * 5000}",
        field="candidates",
    ),
    Bad(
        "nested thousands of levels deep",
        "post",
        ROLES,
        "[" * 50_000 + "]" * 50_000,
        raw=True,
        type="parse_error",
        contains="nested too deeply",
    ),
    Bad(
        "nested deeper than the limit",
        "post",
        CATEGORIES,
        '{"name": ' + "[" * 40 + "]" * 40 + "}",
        raw=True,
        type="parse_error",
        field="name" + ".0" * 31,
    ),
    Bad(
        "a key given twice",
        "post",
        CATEGORIES,
        '{"name": "a", "name": "b"}',
        raw=True,
        type="parse_error",
        field="name",
    ),
    Bad(
        "not UTF-8",
        "post",
        CATEGORIES,
        b'{"name": "\xff"}',
        raw=True,
        type="parse_error",
        contains="UTF-8",
    ),
    Bad(
        "a lone surrogate",
        "post",
        CATEGORIES,
        '{"name": "a\\ud800b"}',
        raw=True,
        type="parse_error",
        field="name",
        contains="surrogate",
    ),
    Bad(
        "a NUL byte in a string",
        "post",
        CATEGORIES,
        '{"name": "a\\u0000b"}',
        raw=True,
        type="parse_error",
        field="name",
        contains="Null characters",
    ),
    Bad(
        "a NUL byte in a nested string",
        "post",
        ROLES,
        lambda d: json.dumps(role_body(d, requirements=[{"competency": "se\x00o"}])),
        raw=True,
        type="parse_error",
        field="requirements.0.competency",
    ),
    Bad(
        "a NUL byte in a key",
        "post",
        CATEGORIES,
        '{"na\\u0000me": "x"}',
        raw=True,
        type="parse_error",
        field="non_field_errors",
    ),
    # --- Wrong shapes and types
    Bad(
        "a list where an object belongs",
        "post",
        CATEGORIES,
        [{"name": "x"}],
        field="non_field_errors",
        contains="Expected a dictionary",
    ),
    Bad("a string body", "post", CATEGORIES, "just text", field="non_field_errors"),
    Bad("an empty object", "post", CATEGORIES, {}, field="name", contains="required"),
    Bad("a number for a string", "post", CATEGORIES, {"name": 5}, field="name"),
    Bad("an object for a string", "post", CATEGORIES, {"name": {"x": 1}}, field="name"),
    Bad(
        "a string for an integer",
        "post",
        CATEGORIES,
        {"name": "x", "position": "3"},
        field="position",
    ),
    Bad(
        "a float for an integer",
        "post",
        ASSESSMENTS,
        lambda d: assessment(d, level=2.5),
        field="level",
    ),
    Bad(
        "true for an integer",
        "post",
        ASSESSMENTS,
        lambda d: assessment(d, level=True),
        field="level",
    ),
    Bad(
        "a string for a boolean",
        "post",
        ROLES,
        lambda d: role_body(d, requirements=requirement(d, essential="yes")),
        field="requirements.0.essential",
    ),
    Bad(
        "an object for a list",
        "post",
        ROLES,
        lambda d: role_body(d, requirements={}),
        field="requirements",
    ),
    Bad(
        "a string for the list of candidates",
        "post",
        f"{BASE}/comparisons/",
        lambda d: {"role": d["role"].slug, "candidates": "1,2"},
        field="candidates",
    ),
    Bad(
        "true for an id",
        "post",
        ASSESSMENTS,
        lambda d: assessment(d, candidate=True),
        field="candidate",
    ),
    Bad(
        "an id beyond 64 bits",
        "post",
        ASSESSMENTS,
        lambda d: assessment(d, candidate=2**70),
        field="candidate",
    ),
    Bad(
        "years beyond the maximum",
        "post",
        CANDIDATES,
        {"name": "A", "email": "a@example.com", "source": "external", "years_experience": 10**20},
        field="years_experience",
    ),
    Bad("an unknown choice", "post", ROLES, lambda d: role_body(d, level="intern"), field="level"),
    Bad(
        "a malformed email",
        "post",
        CANDIDATES,
        {"name": "A", "email": "not-an-email", "source": "external"},
        field="email",
    ),
    Bad(
        "an impossible date",
        "post",
        ASSESSMENTS,
        lambda d: assessment(d, assessed_at="2024-02-30"),
        field="assessed_at",
    ),
    Bad(
        "a date in the future",
        "post",
        ASSESSMENTS,
        lambda d: assessment(d, assessed_at="2999-01-01"),
        field="assessed_at",
    ),
    # --- Unknown and read-only fields are rejected, not dropped
    Bad(
        "an unknown field",
        "post",
        CATEGORIES,
        {"name": "x", "nmae": "y"},
        field="nmae",
        contains="Unknown field",
    ),
    Bad(
        "a read-only field (rank)",
        "post",
        ROLES,
        lambda d: role_body(d, rank=1),
        field="rank",
        contains="read-only",
    ),
    Bad(
        "a read-only field (id)",
        "post",
        CANDIDATES,
        {"id": 7, "name": "A", "email": "a@example.com", "source": "external"},
        field="id",
    ),
    Bad(
        "a read-only field (assessor)",
        "post",
        ASSESSMENTS,
        lambda d: assessment(d, assessor=1),
        field="assessor",
    ),
    Bad(
        "an unknown field in a requirement",
        "post",
        ROLES,
        lambda d: role_body(d, requirements=requirement(d, level=3)),
        field="requirements.0.level",
    ),
    Bad("an unknown query parameter", "get", f"{CANDIDATES}?sorce=internal", field="sorce"),
    Bad(
        "a query parameter given twice",
        "get",
        lambda d: f"{ROLES}{d['role'].slug}/ranking/?opening={d['opening'].pk}&opening=1",
        field="opening",
        contains="more than once",
    ),
    # --- Unknown references
    Bad(
        "an unknown competency in a requirement",
        "post",
        ROLES,
        lambda d: role_body(d, requirements=[{"competency": "nope", "required_level": 2}]),
        field="requirements.0.competency",
        contains="nope",
    ),
    Bad(
        "an unknown category",
        "post",
        f"{BASE}/competencies/",
        {"name": "X", "category": "nope"},
        field="category",
    ),
    Bad(
        "a malformed slug",
        "post",
        f"{BASE}/competencies/",
        {"name": "X", "category": "no pe/"},
        field="category",
    ),
    Bad(
        "an unknown role for an opening",
        "post",
        f"{BASE}/openings/",
        {"title": "X", "role": "nope"},
        field="role",
    ),
    Bad(
        "an unknown competency for an assessment",
        "post",
        ASSESSMENTS,
        lambda d: assessment(d, competency="nope"),
        field="competency",
    ),
    Bad(
        "an unknown role on a path",
        "post",
        PATHS,
        lambda d: {"from_role": "nope", "to_role": d["role"].slug},
        field="from_role",
    ),
    Bad(
        "an unknown candidate for an opening",
        "post",
        f"{BASE}/openings/",
        lambda d: {"title": "X", "role": d["role"].slug, "candidates": [999999]},
        field="candidates.0",
    ),
    Bad(
        "an unknown hiring team user",
        "post",
        f"{BASE}/openings/",
        lambda d: {"title": "X", "role": d["role"].slug, "hiring_team": [999999]},
        field="hiring_team.0",
    ),
    Bad(
        "an unknown role to compare for",
        "post",
        f"{BASE}/comparisons/",
        lambda d: {"role": "nope", "candidates": [d["candidate"].pk]},
        field="role",
    ),
    Bad(
        "an unknown role for a fit",
        "get",
        lambda d: f"{CANDIDATES}{d['candidate'].pk}/fit/?role=nope",
        field="role",
    ),
    Bad(
        "an unknown target role",
        "get",
        lambda d: f"{BASE}/career-route/?from={d['manager'].slug}&to=nope",
        field="to",
    ),
    Bad("an unknown filter value", "get", f"{BASE}/competencies/?category=nope", field="category"),
    Bad(
        "an unknown role in the path",
        "get",
        f"{ROLES}nope/ranking/?candidates=1",
        status=404,
        type="not_found",
    ),
    Bad(
        "an unknown candidate in the path",
        "get",
        f"{CANDIDATES}999999/",
        status=404,
        type="not_found",
    ),
    Bad(
        "an id too large for the database",
        "get",
        f"{CANDIDATES}99999999999999999999999/",
        status=404,
        type="not_found",
    ),
    # --- Out-of-range levels and weights
    Bad("assessment level 6", "post", ASSESSMENTS, lambda d: assessment(d, level=6), field="level"),
    Bad(
        "assessment level -1", "post", ASSESSMENTS, lambda d: assessment(d, level=-1), field="level"
    ),
    Bad(
        "requirement level 0",
        "post",
        ROLES,
        lambda d: role_body(d, requirements=requirement(d, required_level=0)),
        field="requirements.0.required_level",
    ),
    Bad(
        "requirement level 6",
        "post",
        ROLES,
        lambda d: role_body(d, requirements=requirement(d, required_level=6)),
        field="requirements.0.required_level",
    ),
    Bad(
        "weight 0",
        "post",
        ROLES,
        lambda d: role_body(d, requirements=requirement(d, weight=0)),
        field="requirements.0.weight",
    ),
    Bad(
        "a negative weight",
        "post",
        ROLES,
        lambda d: role_body(d, requirements=requirement(d, weight=-2)),
        field="requirements.0.weight",
    ),
    Bad(
        "an incomplete requirement in a patch",
        "patch",
        lambda d: f"{ROLES}{d['role'].slug}/",
        lambda d: {"requirements": [{"competency": d["seo"].slug}]},
        field="requirements.0.required_level",
        contains="required",
    ),
    Bad(
        "an incomplete indicator in a patch",
        "patch",
        lambda d: f"{BASE}/competencies/{d['seo'].slug}/",
        {"indicators": [{"level": 2}]},
        field="indicators.0.description",
    ),
    Bad(
        "a duplicate requirement",
        "post",
        ROLES,
        lambda d: role_body(d, requirements=requirement(d) + requirement(d, required_level=4)),
        field="requirements.1.competency",
        contains="more than once",
    ),
    Bad(
        "a self-loop path",
        "post",
        PATHS,
        lambda d: {"from_role": d["role"].slug, "to_role": d["role"].slug},
        field="to_role",
    ),
    Bad(
        "a path made a self-loop by a patch",
        "patch",
        lambda d: f"{PATHS}{d['path'].pk}/",
        lambda d: {"to_role": d["path"].from_role.slug},
        field="to_role",
    ),
    Bad(
        "a duplicate path",
        "post",
        PATHS,
        lambda d: {"from_role": d["path"].from_role.slug, "to_role": d["path"].to_role.slug},
        field="to_role",
        contains="A path from Manager to Test Director already exists.",
    ),
    Bad(
        "a path made a duplicate by a patch",
        "patch",
        lambda d: f"{PATHS}{d['other_path'].pk}/",
        lambda d: {"from_role": d["path"].from_role.slug},
        field="to_role",
        contains="A path from Manager to Test Director already exists.",
    ),
    Bad(
        "a duplicate slug",
        "post",
        CATEGORIES,
        lambda d: {"name": "Other", "slug": d["category"].slug},
        field="slug",
        contains="A competency category with this slug already exists.",
    ),
    Bad(
        "a duplicate role slug",
        "post",
        ROLES,
        lambda d: role_body(d, slug=d["role"].slug),
        field="slug",
        contains="A role with this slug already exists.",
    ),
    Bad(
        "a slug with a space",
        "post",
        ROLES,
        lambda d: role_body(d, slug="a b"),
        field="slug",
        contains="Must be a slug: letters, digits, hyphens and underscores.",
    ),
    Bad(
        "a slug that is not a string",
        "post",
        ROLES,
        lambda d: role_body(d, slug=5),
        field="slug",
        contains="Must be a string.",
    ),
    Bad(
        "an email without an at sign",
        "post",
        CANDIDATES,
        {"name": "A", "email": "nope", "source": "external"},
        field="email",
        contains="Enter a valid email address",
    ),
    Bad(
        "a duplicate email in another case",
        "post",
        CANDIDATES,
        lambda d: {"name": "A", "email": d["candidate"].email.upper(), "source": "external"},
        field="email",
    ),
    Bad(
        "a title with no Latin letters to derive a slug from",
        "post",
        ROLES,
        lambda d: role_body(d, title="Директор"),
        field="slug",
    ),
    # --- Odd unicode
    Bad(
        "a bidirectional override", "post", CATEGORIES, {"name": "evil\u202egnp.exe"}, field="name"
    ),
    Bad("a control character", "post", CATEGORIES, {"name": "bell\u0007"}, field="name"),
    Bad("a Unicode non-character", "post", CATEGORIES, {"name": "x\uffff"}, field="name"),
    Bad(
        "a line break in a one-line field", "post", CATEGORIES, {"name": "two\nlines"}, field="name"
    ),
    Bad(
        "a line separator in a list item",
        "post",
        ROLES,
        lambda d: role_body(d, responsibilities=["one\u2028two"]),
        field="responsibilities.0",
    ),
    Bad(
        "a blank list item",
        "post",
        ROLES,
        lambda d: role_body(d, kpis=["Conversion", " "]),
        field="kpis.1",
    ),
    Bad("a NUL in a query parameter", "get", f"{CANDIDATES}?search=a%00b", field="search"),
    Bad("a NUL in a filter", "get", f"{BASE}/competencies/?category=%00", field="category"),
    # --- Content type and size
    Bad(
        "text/plain",
        "post",
        CATEGORIES,
        '{"name": "x"}',
        raw=True,
        content_type="text/plain",
        status=415,
        type="unsupported_media_type",
    ),
    Bad(
        "a form",
        "post",
        CATEGORIES,
        "name=x",
        raw=True,
        content_type="application/x-www-form-urlencoded",
        status=415,
        type="unsupported_media_type",
    ),
    Bad(
        "multipart",
        "post",
        CATEGORIES,
        "--b\r\n\r\n--b--",
        raw=True,
        content_type="multipart/form-data; boundary=b",
        status=415,
        type="unsupported_media_type",
    ),
    Bad(
        "a charset other than UTF-8",
        "post",
        CATEGORIES,
        '{"name": "x"}',
        raw=True,
        content_type="application/json; charset=latin-1",
        status=415,
        type="unsupported_media_type",
    ),
    Bad(
        "a body with no content type",
        "post",
        CATEGORIES,
        '{"name": "x"}',
        raw=True,
        content_type="",
        status=415,
        type="unsupported_media_type",
    ),
    Bad(
        "a body over the limit",
        "post",
        CATEGORIES,
        lambda d: json.dumps({"name": "x" * 1_100_000}),
        raw=True,
        status=413,
        type="request_too_large",
    ),
    # --- Addresses and methods
    Bad(
        "a path without its trailing slash",
        "post",
        CATEGORIES.rstrip("/"),
        {"name": "x"},
        status=404,
        type="not_found",
        contains="did you mean",
    ),
    Bad("a path naming no endpoint", "get", f"{BASE}/nothing-here/", status=404, type="not_found"),
    Bad("a NUL in the path", "get", f"{ROLES}a%00b/", status=404, type="not_found"),
    Bad(
        "a page past the end",
        "get",
        f"{ROLES}?page=99",
        status=404,
        type="not_found",
        contains="There is no page 99.",
    ),
    *[
        Bad(f"page={value}", "get", f"{ROLES}?page={value}", field="page", contains="from 1")
        for value in ("0", "-1", "abc", "1.5", "", "last")
    ],
    *[
        Bad(
            f"page_size={value}",
            "get",
            f"{ROLES}?page_size={value}",
            field="page_size",
            contains="from 1",
        )
        for value in ("0", "-1", "abc", "1.5", "")
    ],
    Bad(
        "a method the endpoint lacks",
        "delete",
        lambda d: f"{CANDIDATES}{d['candidate'].pk}/",
        status=405,
        type="method_not_allowed",
    ),
    # --- Rules of the domain
    Bad(
        "ranking for a role without requirements",
        "get",
        lambda d: f"{ROLES}{d['manager'].slug}/ranking/?opening={d['opening'].pk}",
        field="role",
        contains="no competency requirements",
    ),
    Bad(
        "ranking with both an opening and candidates",
        "get",
        lambda d: f"{ROLES}{d['role'].slug}/ranking/?opening={d['opening'].pk}&candidates=1",
        field="non_field_errors",
    ),
    Bad(
        "ranking of a candidate listed twice",
        "get",
        lambda d: (
            f"{ROLES}{d['role'].slug}/ranking/?candidates={d['candidate'].pk},{d['candidate'].pk}"
        ),
        field="candidates",
    ),
    Bad(
        "ranking with a malformed id list",
        "get",
        lambda d: f"{ROLES}{d['role'].slug}/ranking/?candidates=1,,x",
        field="candidates",
    ),
    Bad(
        "a comparison naming nothing to compare",
        "post",
        f"{BASE}/comparisons/",
        {},
        field="non_field_errors",
    ),
    Bad(
        "a career route with no start",
        "get",
        lambda d: f"{BASE}/career-route/?to={d['role'].slug}",
        field="from",
    ),
    Bad(
        "deleting a role with openings",
        "delete",
        lambda d: f"{ROLES}{d['role'].slug}/",
        status=409,
        type="conflict",
    ),
    Bad(
        "deleting a category with competencies",
        "delete",
        lambda d: f"{CATEGORIES}{d['category'].slug}/",
        status=409,
        type="conflict",
    ),
    Bad(
        "deleting a competency roles require",
        "delete",
        lambda d: f"{BASE}/competencies/{d['role'].requirements.first().competency.slug}/",
        status=409,
        type="conflict",
    ),
    # --- Found by Schemathesis (tests/api/test_schemathesis.py)
    Bad(
        "an empty filter (django-filter would read it as no filter)",
        "get",
        f"{CANDIDATES}?source=",
        field="source",
        contains="Give a value",
    ),
    Bad(
        "an empty string for a nullable role (null clears it)",
        "patch",
        lambda d: f"{CANDIDATES}{d['candidate'].pk}/",
        {"current_role": ""},
        field="current_role",
        contains="slug",
    ),
    Bad(
        "both candidates and an opening to compare",
        "post",
        f"{BASE}/comparisons/",
        lambda d: {"candidates": [d["candidate"].pk], "opening": d["opening"].pk},
        contains="either",
    ),
    Bad(
        "a method the endpoint does not serve, with unknown parameters",
        "trace",
        f"{CANDIDATES}?sorce=internal",
        raw=True,
        status=405,
        type="method_not_allowed",
    ),
    Bad(
        "an encoded line break in an API path",
        "get",
        f"{ROLES}a%0Ab/ranking/",
        status=404,
        type="not_found",
    ),
]


@pytest.fixture
def data_with_path(data) -> dict[str, Any]:
    data["path"] = factories.PromotionPathFactory(from_role=data["manager"], to_role=data["role"])
    staff = factories.RoleFactory(slug="staff", title="Staff", level="staff")
    data["other_path"] = factories.PromotionPathFactory(from_role=staff, to_role=data["role"])
    return data


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_is_a_4xx_with_field_errors_and_changes_nothing(
    case: Bad, data_with_path, client_as, unchanged_database
):
    d = data_with_path
    client = client_as("hr")
    url = case.url(d) if callable(case.url) else case.url
    body = case.body(d) if callable(case.body) else case.body

    with unchanged_database():
        if case.raw or case.method == "get":
            response = client.generic(
                case.method.upper(),
                url,
                body if body is not None else "",
                content_type=case.content_type,
            )
        else:
            response = getattr(client, case.method)(url, body, format="json")

    assert_error(response, case.status, case.type, field=case.field, contains=case.contains)


def test_the_body_limit_follows_the_setting(client_as, unchanged_database, db):
    body = json.dumps({"name": "x" * 3000})
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2048), unchanged_database():
        response = client_as("hr").generic("POST", CATEGORIES, body, "application/json")
    body = assert_error(response, 413, "request_too_large", contains="2048 bytes")
    assert CompetencyCategory.objects.count() == 0


def test_acceptable_unicode_is_stored_normalised(client_as, db):
    # "Zoe" + COMBINING DIAERESIS arrives decomposed; it is stored composed (NFC)
    response = client_as("hr").post(
        CANDIDATES,
        {"name": "Zoe\u0308 Ünal 王芳 🚀", "email": "zoe@example.com", "source": "external"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["name"] == "Zoë Ünal 王芳 🚀"
    assert Candidate.objects.get().name == "Zoë Ünal 王芳 🚀"


def test_free_text_keeps_its_line_breaks(client_as, db):
    response = client_as("hr").post(
        CATEGORIES, {"name": "Ops", "description": "Line one\nLine two\tindented"}, format="json"
    )
    assert response.status_code == 201
    assert CompetencyCategory.objects.get().description == "Line one\nLine two\tindented"


def test_an_invalid_token_is_a_401(api_client, db):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api_client.get(ROLES)
    assert_error(response, 401, "authentication_failed")
    assert response["WWW-Authenticate"] == "Token"


def test_a_role_update_with_a_bad_requirement_leaves_the_role_as_it_was(client_as, data):
    role = data["role"]
    before = list(role.requirements.values_list("competency_id", "required_level", "weight"))
    response = client_as("hr").put(
        f"{ROLES}{role.slug}/",
        {
            "title": "Renamed director",
            "level": "director",
            "requirements": [*requirement(data), {"competency": "nope", "required_level": 1}],
        },
        format="json",
    )
    assert_error(response, 400, "validation_error", field="requirements.1.competency")
    role.refresh_from_db()
    assert role.title == "Test Director"
    assert list(role.requirements.values_list("competency_id", "required_level", "weight")) == (
        before
    )
    assert Role.objects.count() == 2

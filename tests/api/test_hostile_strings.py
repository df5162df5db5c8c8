"""Hostile strings in every string field and every list's ``search`` and ``ordering`` (issue 9).

The writable operations and their string fields come from the OpenAPI schema, so a new field or
endpoint is fuzzed without being listed here (a new endpoint needs a valid body below, and
``test_every_writable_operation_has_a_valid_body`` says so). Hypothesis draws the values: any
text, control characters, NUL, lone surrogates (JSON escapes them, ``"\\ud800"``),
bidirectional overrides, zero-width and non-characters, very long strings, SQL-, HTML- and
spreadsheet-formula-looking strings, and Unicode normalisation cases.

The promise: each answer is a 4xx in the API's error shape, or a 2xx whose stored value reads
back on the next GET exactly as the write answered it, and that is the value sent as the API
documents storing it (trimmed, in Unicode normal form C). Never a 500 — on SQLite and on
PostgreSQL, which refuses a NUL in text with an error rather than storing it.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerpath.text_checks import normalized_text, text_problem
from tests import factories
from tests.api.conftest import assert_error

pytestmark = pytest.mark.django_db

# Examples per operation; HOSTILE_EXAMPLES=500 for a long local run.
settings.register_profile(
    "hostile-strings",
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "15")),
    deadline=None,  # a request's time varies with the machine, and is not what is tested
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PROFILE = settings.get_profile("hostile-strings")

PIECES = [
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\t",
    "\r\n",
    "\u2028",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\ufffe",
    "\ufdd0",
    "\ud800",
    "\udfff",
    "\ud83d",
    "\U0001f600",
    "\U000e0041",  # a tag character
    "e\u0301",  # NFD é
    "\u212b",  # Angstrom sign: NFC is Å
    "\ufb01",  # ﬁ: NFKC (not NFC) splits it
    "\u0130",
    "ß",
    "\u00a0",
    "\u3000",
    " ",
    "=SUM(A1:A9)",
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    "'; DROP TABLE candidates_candidate; --",
    "' OR '1'='1",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "%s%n",
    "%",
    "_",
    "\\",
    "../../etc/passwd",
    "-",
    "a",
    "A",
    "0",
]

hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(
        alphabet=st.characters(
            categories=["Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs", "Mn", "Lo", "Nd"]
        ),
        max_size=12,
    ),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=6).map("".join),
    st.builds(
        lambda piece, n: piece * n,
        st.sampled_from(["x", "é", "\U0001f600", "ab "]),
        st.integers(min_value=100, max_value=12_000),
    ),
    st.sampled_from(PIECES),
)


# --- The operations, from the schema --------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    method: str  # "post" or "patch"
    path: str  # as in the schema: /api/v1/roles/{slug}/
    fields: tuple[tuple[Any, ...], ...]  # where a string goes: ("name",), ("kpis", 0), ...
    readable: bool  # a GET of the object exists (a round trip can be checked)


def _schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def _string_paths(schema: dict[str, Any], body_schema: dict[str, Any]) -> list[tuple[Any, ...]]:
    components = schema["components"]["schemas"]

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = components[node["$ref"].split("/")[-1]]
        if "allOf" in node and len(node["allOf"]) == 1:
            return resolve(node["allOf"][0])
        return node

    paths: list[tuple[Any, ...]] = []
    for name, prop in resolve(body_schema).get("properties", {}).items():
        prop = resolve(prop)
        if prop.get("readOnly"):
            continue
        if prop.get("type") == "string" or "enum" in prop:
            paths.append((name,))
        elif prop.get("type") == "array":
            item = resolve(prop.get("items", {}))
            if item.get("type") == "string":
                paths.append((name, 0))
            for inner, inner_prop in item.get("properties", {}).items():
                inner_prop = resolve(inner_prop)
                if not inner_prop.get("readOnly") and inner_prop.get("type") == "string":
                    paths.append((name, 0, inner))
    return paths


def writable_operations() -> list[Operation]:
    """Every JSON write of the schema (PUT aside: it shares PATCH's serializer and fields)."""
    schema = _schema()
    operations = []
    for path, methods in schema["paths"].items():
        for method in ("post", "patch"):
            body = methods.get(method, {}).get("requestBody", {}).get("content", {})
            if "application/json" not in body:
                continue
            fields = _string_paths(schema, body["application/json"]["schema"])
            if not fields:
                continue
            detail = path if "{" in path else None
            if detail is None:
                detail = next(
                    (
                        p
                        for p in schema["paths"]
                        if p.startswith(path) and p.count("/") == path.count("/") + 1 and "{" in p
                    ),
                    None,
                )
            readable = detail is not None and "get" in schema["paths"][detail]
            if method == "post" and "{" in path:
                readable = False  # an action on an object (a scorecard): no GET of the write
            operations.append(Operation(method, path, tuple(fields), readable))
    return operations


def list_operations() -> list[str]:
    """Every collection the schema lists with pagination or search: lists and exports."""
    schema = _schema()
    return [
        path
        for path, methods in schema["paths"].items()
        if "get" in methods
        and {p["name"] for p in methods["get"].get("parameters", [])} & {"page", "search"}
    ]


OPERATIONS = writable_operations()
LISTS = list_operations()


# --- Valid bodies and the objects written to ------------------------------------------------

_counter = itertools.count(1)


@pytest.fixture
def w(db, director_role, opening, framework) -> dict[str, Any]:
    candidate = opening.candidates.order_by("id").first()
    return {
        "role": director_role,
        "opening": opening,
        "candidate": candidate,
        "competency": framework["competencies"][0],
        "category": framework["category"],
        "resource": framework["resource"],
        "path": factories.PromotionPathFactory(
            from_role=factories.RoleFactory(level="staff"), to_role=director_role
        ),
    }


# Collection path → a valid body (``n`` makes unique values unique), the object a PATCH
# writes to (its address in the path), and how the answer names the object for the GET.
VALID_BODIES: dict[str, Callable[[dict[str, Any], int], dict[str, Any]]] = {
    "/api/v1/candidates/{id}/scorecard/": lambda w, n: {
        "assessments": [{"competency": w["role"].requirements.first().competency.slug, "level": 3}],
    },
    "/api/v1/competency-categories/": lambda w, n: {
        "slug": f"hx-{n}",
        "name": f"Category {n}",
        "description": "d",
    },
    "/api/v1/competencies/": lambda w, n: {
        "slug": f"hx-{n}",
        "name": f"Competency {n}",
        "description": "d",
        "category": w["category"].slug,
        "indicators": [{"level": 1, "description": "x"}],
    },
    "/api/v1/learning-resources/": lambda w, n: {
        "slug": f"hx-{n}",
        "title": f"Resource {n}",
        "kind": "course",
        "provider": "p",
        "duration_weeks": 2,
        "description": "d",
        "competencies": [w["competency"].slug],
    },
    "/api/v1/roles/": lambda w, n: {
        "slug": f"hx-{n}",
        "title": f"Role {n}",
        "level": "staff",
        "summary": "s",
        "responsibilities": ["r"],
        "kpis": ["k"],
        "qualifications": ["q"],
        "requirements": [{"competency": w["competency"].slug, "required_level": 2}],
    },
    "/api/v1/promotion-paths/": lambda w, n: {
        "from_role": factories.RoleFactory(level="staff").slug,
        "to_role": w["role"].slug,
        "criteria": "c",
    },
    "/api/v1/candidates/": lambda w, n: {
        "name": f"Candidate {n}",
        "email": f"hx{n}@example.com",
        "source": "external",
        "current_role": w["role"].slug,
        "notes": "n",
    },
    "/api/v1/assessments/": lambda w, n: {
        "candidate": w["candidate"].pk,
        "competency": w["competency"].slug,
        "level": 3,
        "evidence": "e",
        "assessed_at": "2024-01-01",
    },
    "/api/v1/openings/": lambda w, n: {
        "title": f"Opening {n}",
        "role": w["role"].slug,
        "status": "open",
    },
    "/api/v1/comparisons/": lambda w, n: {
        "role": w["role"].slug,
        "candidates": [w["candidate"].pk],
    },
    "/api/v1/auth/token/": lambda w, n: {"username": "hr-test", "password": "pass-for-tests-123"},
}

PATCHED: dict[str, Callable[[dict[str, Any]], str]] = {
    "/api/v1/competency-categories/{slug}/": lambda w: w["category"].slug,
    "/api/v1/competencies/{slug}/": lambda w: w["competency"].slug,
    "/api/v1/learning-resources/{slug}/": lambda w: w["resource"].slug,
    "/api/v1/roles/{slug}/": lambda w: w["role"].slug,
    "/api/v1/promotion-paths/{id}/": lambda w: str(w["path"].pk),
    "/api/v1/candidates/{id}/": lambda w: str(w["candidate"].pk),
    "/api/v1/openings/{id}/": lambda w: str(w["opening"].pk),
}


def collection_of(path: str) -> str:
    return path.split("{")[0]


# Actions POSTed to an object (not to a collection): their own body and address.
ACTION_URLS: dict[str, Callable[[dict[str, Any]], str]] = {
    "/api/v1/candidates/{id}/scorecard/": lambda w: (
        f"/api/v1/candidates/{w['candidate'].pk}/scorecard/?role={w['role'].slug}"
    ),
}


def body_key(op: Any) -> str:
    return op.path if op.path in ACTION_URLS else collection_of(op.path)


def post_url(op: Any, w: dict[str, Any]) -> str:
    return ACTION_URLS[op.path](w) if op.path in ACTION_URLS else op.path


def test_every_writable_operation_has_a_valid_body():
    missing = [
        f"{op.method.upper()} {op.path}: add a valid body to VALID_BODIES"
        + ("" if op.method == "post" else " and the object it writes to, to PATCHED")
        for op in OPERATIONS
        if body_key(op) not in VALID_BODIES or (op.method == "patch" and op.path not in PATCHED)
    ]
    assert not missing, "\n".join(missing)
    assert len(OPERATIONS) >= 17, [f"{op.method} {op.path}" for op in OPERATIONS]


@pytest.mark.parametrize("op", OPERATIONS, ids=[f"{o.method}-{o.path}" for o in OPERATIONS])
def test_every_valid_body_is_accepted(op, w, client_as):
    """The control for the property below: with the valid values, every write succeeds, so a
    hostile value's 4xx is about that value (a body that can never succeed would make the
    property hold for nothing)."""
    client = client_as("hr")
    valid = VALID_BODIES[body_key(op)](w, next(_counter))
    if op.method == "patch":
        url = op.path.replace(op.path[op.path.index("{") :], f"{PATCHED[op.path](w)}/")
        body = {where[0]: valid[where[0]] for where in op.fields}
    else:
        url, body = post_url(op, w), valid
    response = send(client, op.method, url, body)
    assert 200 <= response.status_code < 300, response.content[:400]


# --- The property ---------------------------------------------------------------------------


def put_at(body: dict[str, Any], where: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """The PATCH body (just the field) or the whole body with ``value`` at ``where``."""
    node: Any = body
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    return body


def read_at(data: Any, where: tuple[Any, ...]) -> Any:
    for key in where:
        data = data[key]
    return data


def stored_form(value: str) -> str:
    """What the API documents storing for accepted text: trimmed, then NFC."""
    return normalized_text(value.strip())


def _strings(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [s for s in value if isinstance(s, str)]


def send(client: Any, method: str, url: str, body: Any) -> Any:
    # ensure_ascii: a lone surrogate travels as the JSON escape "\ud800", which is valid JSON
    return client.generic(
        method.upper(), url, json.dumps(body, ensure_ascii=True), content_type="application/json"
    )


def check_answer(response: Any) -> None:
    assert response.status_code < 500, response.content[:300]
    if response.status_code >= 400:
        assert_error(response, response.status_code, response.json()["type"])


@pytest.mark.parametrize("op", OPERATIONS, ids=[f"{o.method}-{o.path}" for o in OPERATIONS])
def test_hostile_text_in_every_string_field_is_refused_or_stored_exactly(op, w, client_as):
    client = client_as("hr")
    patch_target = PATCHED[op.path](w) if op.method == "patch" else None
    state = {"address": patch_target}

    @PROFILE
    @given(where=st.sampled_from(op.fields), value=hostile_text)
    def run(where: tuple[Any, ...], value: str) -> None:
        n = next(_counter)
        valid = VALID_BODIES[body_key(op)](w, n)
        if op.method == "patch":  # only the field (a whole list or nested set)
            body = put_at({where[0]: valid[where[0]]}, where, value)
            url = op.path.replace(op.path[op.path.index("{") :], f"{state['address']}/")
        else:
            body = put_at(valid, where, value)
            url = post_url(op, w)

        response = send(client, op.method, url, body)

        check_answer(response)
        if response.status_code >= 300:
            return
        answered = response.json()
        if op.method == "patch":  # a new slug moves the object
            state["address"] = answered.get("slug") or answered.get("id")
        if not op.readable:
            return
        key = answered.get("slug") or answered.get("id")
        reread = client.get(f"{collection_of(op.path)}{key}/")
        assert reread.status_code == 200
        stored = read_at(reread.json(), where)
        assert stored == read_at(answered, where), "the GET differs from the write's answer"
        # (an accepted value reads back as sent, trimmed and NFC, with no refused character;
        # what trimming removes is whitespace to Python, "\x85" and "\x1f" too, so a value
        # of only that is blank, as on the pages)
        if stored is None:  # a blank optional reference (a current role) clears it
            assert stored_form(value) == "", (value, stored)
            return
        if where == ("slug",):  # slugs are stored lowercase, or made from the name if blank
            assert stored == (stored_form(value).lower() or stored), (value, stored)
        else:
            assert stored == stored_form(value), (value, stored)
        assert all(text_problem(s, multiline=True) is None for s in _strings(stored))

    run()


@pytest.mark.parametrize("path", LISTS)
def test_hostile_search_and_ordering_never_give_a_500(path, w, client_as):
    client = client_as("hr")
    url = path.replace("{slug}", w["role"].slug)

    @PROFILE
    @given(parameter=st.sampled_from(["search", "ordering", "q"]), value=hostile_text)
    def run(parameter: str, value: str) -> None:
        # A lone surrogate cannot be UTF-8: it travels as the bytes a careless client sends.
        query = f"{parameter}={quote(value.encode('utf-8', 'surrogatepass'))}"
        if url.endswith("/export/"):
            query += "&format=csv"
        response = client.get(f"{url}?{query}")
        check_answer(response)

    run()


PAGE_SEARCHES = ["/roles/", "/candidates/", "/candidates/export.csv", "/candidates/export.xlsx"]


@pytest.mark.parametrize("path", PAGE_SEARCHES)
def test_hostile_text_in_the_pages_search_boxes_never_gives_a_500(path, w, cast):
    """The pages' search boxes (``?q=``) take the same values: the list, or a 400 with the
    error beside the box."""
    client = Client()
    client.force_login(cast["hr"])

    @PROFILE
    @given(value=hostile_text)
    def run(value: str) -> None:
        response = client.get(f"{path}?q={quote(value.encode('utf-8', 'surrogatepass'))}")
        assert response.status_code in (200, 400), (value, response.status_code)

    run()


@pytest.mark.parametrize(
    ("search", "message"),
    [("ab " * 3000, "At most 200 characters."), ("a " * 11, "At most 10 words.")],
)
def test_a_search_too_long_or_of_too_many_words_is_a_400(search, message, w, client_as):
    """Found by the property above: thousands of words made an SQL expression SQLite refuses
    to build (a 500) — one OR per word over the search fields."""
    client = client_as("hr")
    for url in ("/api/v1/competencies/", "/api/v1/candidates/", "/api/v1/candidates/export/"):
        response = client.get(
            url, {"search": search, **({"format": "csv"} if "export" in url else {})}
        )
        assert_error(response, 400, "validation_error", field="search", contains=message)
    assert client.get("/api/v1/roles/", {"search": "a " * 10}).status_code == 200

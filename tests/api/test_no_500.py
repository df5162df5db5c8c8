"""No input produces a 500: every writable field of every endpoint, and every query parameter,
is sent a catalogue of odd values (wrong types, extremes, odd unicode, lists, objects). Each
answer is a success or a 4xx in the error shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest

from tests import factories
from tests.api.conftest import BASE, assert_error

pytestmark = pytest.mark.django_db

ODD_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    2**63,
    -(2**63) - 1,
    10**25,
    1.5,
    1e308,
    "",
    " ",
    "a" * 5000,
    "0",
    "1,2",
    "𝕏😀",
    "Zoe\u0308",
    "\u202e",
    "\ufeff",
    "\u2028",
    "../../etc/passwd",
    "<script>",
    "2024-13-45",
    "9" * 25,
    [],
    [None],
    [1, 1],
    [{}],
    ["a" * 100],
    {},
    {"a": 1},
]

ODD_QUERY_VALUES = [
    "",
    " ",
    "a" * 3000,
    "-1",
    "0",
    "9" * 30,
    "9" * 5000,
    "1,2",
    "1,,2",
    "𝕏",
    "\u202e",
    "null",
    "%",
    "_",
    "'",
    '"',
    "\\",
    "1e5",
    "0x10",
    "2024-01-01",
]


@pytest.fixture
def w(opening, director_role, framework) -> dict[str, Any]:
    return {
        "role": director_role,
        "opening": opening,
        "candidate": opening.candidates.order_by("id").first(),
        "competency": director_role.requirements.first().competency,
        "category": framework["category"],
        "resource": framework["resource"],
        "path": factories.PromotionPathFactory(to_role=director_role),
        "assessment": factories.AssessmentFactory(candidate=opening.candidates.first()),
    }


# (name, method, url, valid body)
WRITES: list[tuple[str, str, Callable, Callable]] = [
    (
        "category",
        "post",
        lambda w: f"{BASE}/competency-categories/",
        lambda w: {"name": "N", "slug": "n", "description": "d", "position": 1},
    ),
    (
        "competency",
        "patch",
        lambda w: f"{BASE}/competencies/{w['competency'].slug}/",
        lambda w: {
            "name": "N",
            "slug": "n",
            "description": "d",
            "category": w["category"].slug,
            "indicators": [{"level": 1, "description": "x"}],
        },
    ),
    (
        "resource",
        "post",
        lambda w: f"{BASE}/learning-resources/",
        lambda w: {
            "title": "T",
            "slug": "t",
            "kind": "course",
            "provider": "p",
            "duration_weeks": 2,
            "description": "d",
            "competencies": [w["competency"].slug],
        },
    ),
    (
        "role",
        "post",
        lambda w: f"{BASE}/roles/",
        lambda w: {
            "title": "T",
            "slug": "t",
            "level": "staff",
            "summary": "s",
            "responsibilities": ["r"],
            "kpis": ["k"],
            "qualifications": ["q"],
            "min_years_experience": 1,
            "requirements": [
                {
                    "competency": w["competency"].slug,
                    "required_level": 2,
                    "weight": 1,
                    "essential": False,
                }
            ],
        },
    ),
    (
        "role requirement item",
        "patch",
        lambda w: f"{BASE}/roles/{w['role'].slug}/",
        lambda w: {
            "requirements": [
                {
                    "competency": w["competency"].slug,
                    "required_level": 2,
                    "weight": 1,
                    "essential": False,
                }
            ]
        },
    ),
    (
        "path",
        "patch",
        lambda w: f"{BASE}/promotion-paths/{w['path'].pk}/",
        lambda w: {
            "from_role": w["path"].from_role.slug,
            "to_role": w["role"].slug,
            "typical_years": 2,
            "criteria": "c",
        },
    ),
    (
        "candidate",
        "post",
        lambda w: f"{BASE}/candidates/",
        lambda w: {
            "name": "N",
            "email": "n@example.com",
            "source": "external",
            "current_role": w["role"].slug,
            "years_experience": 3,
            "notes": "n",
        },
    ),
    (
        "assessment",
        "post",
        lambda w: f"{BASE}/assessments/",
        lambda w: {
            "candidate": w["candidate"].pk,
            "competency": w["competency"].slug,
            "level": 3,
            "evidence": "e",
            "assessed_at": "2024-01-01",
        },
    ),
    (
        "opening",
        "patch",
        lambda w: f"{BASE}/openings/{w['opening'].pk}/",
        lambda w: {
            "title": "T",
            "role": w["role"].slug,
            "status": "open",
            "hiring_team": [],
            "candidates": [w["candidate"].pk],
        },
    ),
    (
        "comparison",
        "post",
        lambda w: f"{BASE}/comparisons/",
        lambda w: {"role": w["role"].slug, "candidates": [w["candidate"].pk]},
    ),
    (
        "comparison of an opening",
        "post",
        lambda w: f"{BASE}/comparisons/",
        lambda w: {"opening": w["opening"].pk},
    ),
]

READS: list[tuple[str, Callable, Callable]] = [
    (
        "competencies",
        lambda w: f"{BASE}/competencies/",
        lambda w: {"category": w["category"].slug, "search": "x", "page": "1", "page_size": "5"},
    ),
    (
        "resources",
        lambda w: f"{BASE}/learning-resources/",
        lambda w: {"kind": "course", "competency": w["competency"].slug},
    ),
    ("roles", lambda w: f"{BASE}/roles/", lambda w: {"level": "staff", "search": "x"}),
    (
        "paths",
        lambda w: f"{BASE}/promotion-paths/",
        lambda w: {"from_role": w["role"].slug, "to_role": w["role"].slug},
    ),
    (
        "candidates",
        lambda w: f"{BASE}/candidates/",
        lambda w: {"source": "internal", "opening": str(w["opening"].pk), "search": "x"},
    ),
    (
        "candidate export",
        lambda w: f"{BASE}/candidates/export/",
        lambda w: {
            "format": "xlsx",
            "source": "internal",
            "opening": str(w["opening"].pk),
            "search": "x",
        },
    ),
    (
        "assessments",
        lambda w: f"{BASE}/assessments/",
        lambda w: {"candidate": str(w["candidate"].pk), "competency": w["competency"].slug},
    ),
    (
        "openings",
        lambda w: f"{BASE}/openings/",
        lambda w: {"status": "open", "role": w["role"].slug},
    ),
    (
        "ranking",
        lambda w: f"{BASE}/roles/{w['role'].slug}/ranking/",
        lambda w: {"opening": str(w["opening"].pk)},
    ),
    (
        "ranking of candidates",
        lambda w: f"{BASE}/roles/{w['role'].slug}/ranking/",
        lambda w: {"candidates": str(w["candidate"].pk)},
    ),
    (
        "fit",
        lambda w: f"{BASE}/candidates/{w['candidate'].pk}/fit/",
        lambda w: {"role": w["role"].slug},
    ),
    (
        "plan",
        lambda w: f"{BASE}/candidates/{w['candidate'].pk}/development-plan/",
        lambda w: {"role": w["role"].slug},
    ),
    (
        "route",
        lambda w: f"{BASE}/career-route/",
        lambda w: {
            "from": w["path"].from_role.slug,
            "to": w["role"].slug,
            "candidate": str(w["candidate"].pk),
        },
    ),
]


def check(response: Any) -> None:
    assert response.status_code < 500, response.content[:300]
    if response.status_code >= 400:
        assert_error(response, response.status_code, response.json()["type"])


@pytest.mark.parametrize("member", ["hr", "recruiter"])
@pytest.mark.parametrize(("name", "method", "url", "body"), WRITES, ids=[c[0] for c in WRITES])
def test_odd_values_in_every_field_never_give_a_500(client_as, w, member, name, method, url, body):
    client = client_as(member)
    valid = body(w)
    nested = "requirements" in valid and name == "role requirement item"
    for field in [*valid, "unknown"]:
        for value in ODD_VALUES:
            data = dict(valid)
            if nested:
                item = dict(valid["requirements"][0])
                item[field if field != "requirements" else "competency"] = value
                data = {"requirements": [item]}
            else:
                data[field] = value
            response = getattr(client, method)(url(w), data, format="json")
            check(response)


@pytest.mark.parametrize("member", ["hr", "recruiter", "viewer"])
@pytest.mark.parametrize(("name", "url", "params"), READS, ids=[c[0] for c in READS])
def test_odd_query_values_never_give_a_500(client_as, w, member, name, url, params):
    client = client_as(member)
    valid = params(w)
    check(client.get(url(w), valid))
    for param in [*valid, "unknown"]:
        for value in ODD_QUERY_VALUES:
            query = "&".join(
                f"{quote(k)}={quote(value if k == param else v)}" for k, v in valid.items()
            )
            if param == "unknown":
                query += f"&unknown={quote(value)}"
            check(client.get(f"{url(w)}?{query}"))


@pytest.mark.parametrize("method", ["options", "head", "trace"])
def test_other_methods_never_give_a_500(client_as, w, method):
    client = client_as("hr")
    urls = [url(w) for _, _, url, _ in WRITES] + [url(w) for _, url, _ in READS]
    for url in urls:
        response = (
            getattr(client, method)(url) if method != "trace" else client.generic("TRACE", url)
        )
        assert response.status_code < 500, (url, response.status_code)

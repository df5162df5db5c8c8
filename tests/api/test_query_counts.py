"""Every list and detail endpoint runs a constant number of queries, whatever the number of
rows: measured with 3 rows and with 30, both equal to the pinned count.

Counts include one query for the user's groups (the access predicates ask it once per
request) — with token authentication add one for the token. Pagination adds a COUNT.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests import factories
from tests.api.conftest import BASE

pytestmark = pytest.mark.django_db


def run(user: Any, method: str, url: str, body: Any = None) -> tuple[int, Any]:
    """One request as a freshly loaded user (so nothing is cached between measurements)."""
    client = APIClient()
    client.force_authenticate(get_user_model().objects.get(pk=user.pk))
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, body, format="json")
    assert response.status_code == 200, response.content[:300]
    return len(captured), response


@dataclass(frozen=True)
class Endpoint:
    name: str
    queries: int
    as_user: str  # "hr" or "recruiter"
    # grow(world, n) adds rows until there are n of what the endpoint lists; returns the URL
    grow: Callable[[dict[str, Any], int], str]
    method: str = "get"
    body: Callable[[dict[str, Any]], Any] | None = None


def grow_categories(w, n):
    while w.setdefault("categories", 0) < n:
        factories.CategoryFactory()
        w["categories"] += 1
    return f"{BASE}/competency-categories/"


def grow_competencies(w, n):
    while len(w.setdefault("competencies", [])) < n:
        competency = factories.CompetencyFactory()  # each with its own category
        for level in (1, 2):
            competency.indicators.create(level=level, description=f"Level {level}")
        w["competencies"].append(competency)
    return f"{BASE}/competencies/"


def grow_resources(w, n):
    while len(w.setdefault("resources", [])) < n:
        w["resources"].append(
            factories.LearningResourceFactory(
                competencies=factories.CompetencyFactory.create_batch(2)
            )
        )
    return f"{BASE}/learning-resources/"


def grow_roles(w, n):
    while len(w.setdefault("roles", [])) < n:
        role = factories.RoleFactory()
        factories.RequirementFactory.create_batch(3, role=role)
        w["roles"].append(role)
    return f"{BASE}/roles/"


def grow_paths(w, n):
    while w.setdefault("paths", 0) < n:
        factories.PromotionPathFactory()
        w["paths"] += 1
    return f"{BASE}/promotion-paths/"


def grow_opening_candidates(w, n):
    opening = w["opening"]
    while opening.candidates.count() < n:
        candidate = factories.CandidateFactory(current_role=factories.RoleFactory())
        opening.candidates.add(candidate)
    return f"{BASE}/candidates/"


def grow_skilled_candidates(w, n):
    """n candidates on the opening, each with a counted level 4 in one competency and 2 in
    another (over an older, higher one): the list filtered by two skill conditions."""
    first = w.setdefault("skill_a", factories.CompetencyFactory())
    second = w.setdefault("skill_b", factories.CompetencyFactory())
    opening = w["opening"]
    while len(w.setdefault("skilled", [])) < n:
        candidate = factories.CandidateFactory(source="internal")
        opening.candidates.add(candidate)
        factories.AssessmentFactory(candidate=candidate, competency=first, level=4)
        factories.AssessmentFactory(
            candidate=candidate, competency=second, level=5, assessed_at="2024-01-01"
        )
        factories.AssessmentFactory(
            candidate=candidate, competency=second, level=2, assessed_at="2025-01-01"
        )
        w["skilled"].append(candidate)
    return f"{BASE}/candidates/?skill={first.slug}:3&skill={second.slug}:2&source=internal"


def grow_assessments(w, n):
    candidate = w["opening"].candidates.first()
    while w.setdefault("assessments", 0) < n:
        factories.AssessmentFactory(candidate=candidate)
        w["assessments"] += 1
    return f"{BASE}/assessments/"


def grow_openings(w, n):
    while w.setdefault("openings", 1) < n:
        factories.OpeningFactory(
            hiring_team=[w["recruiter"], w["hr"]],
            candidates=factories.CandidateFactory.create_batch(2),
        )
        w["openings"] += 1
    return f"{BASE}/openings/"


def grow_role_requirements(w, n):
    role = w["role"]
    while role.requirements.count() < n:
        factories.RequirementFactory(role=role)
    return f"{BASE}/roles/{role.slug}/"


def grow_competency_indicators(w, n):
    # A competency has at most five indicators: grow the roles that require it instead.
    competency = w["role"].requirements.first().competency
    for level in range(1, 6):
        competency.indicators.get_or_create(level=level, defaults={"description": "x"})
    while competency.requirements.count() < n:
        factories.RequirementFactory(competency=competency)
    return f"{BASE}/competencies/{competency.slug}/"


def grow_resource_competencies(w, n):
    resource = w.setdefault("resource", factories.LearningResourceFactory())
    while resource.competencies.count() < n:
        resource.competencies.add(factories.CompetencyFactory())
    return f"{BASE}/learning-resources/{resource.slug}/"


def grow_then(detail: Callable[[dict[str, Any]], str], grow: Callable) -> Callable:
    def inner(w, n):
        grow(w, n)
        return detail(w)

    return inner


def grow_opening_members(w, n):
    grow_opening_candidates(w, n)
    return f"{BASE}/openings/{w['opening'].pk}/"


def grow_assessed_candidates(w, n):
    """n candidates on the opening, each assessed on every requirement of the role."""
    grow_opening_candidates(w, n)
    requirements = list(w["role"].requirements.all())
    for candidate in w["opening"].candidates.all():
        if not candidate.assessments.exists():
            for req in requirements:
                factories.AssessmentFactory(candidate=candidate, competency=req.competency)
    return f"{BASE}/roles/{w['role'].slug}/ranking/?opening={w['opening'].pk}"


def grow_route(w, n):
    """A route of two promotion steps up to the role (staff → manager → director: paths lead
    up the five-level ladder, so a route cannot grow with n), each role with n requirements."""
    if "chain" not in w:
        staff = factories.RoleFactory(level="staff")
        manager = factories.RoleFactory(level="manager")
        factories.PromotionPathFactory(from_role=staff, to_role=manager)
        factories.PromotionPathFactory(from_role=manager, to_role=w["role"])
        w["chain"] = [staff, manager, w["role"]]
    for role in w["chain"]:
        missing = n - role.requirements.count()
        if missing > 0:
            factories.RequirementFactory.create_batch(missing, role=role)
    candidate = w["opening"].candidates.first()
    start = w["chain"][0].slug
    return f"{BASE}/career-route/?from={start}&to={w['role'].slug}&candidate={candidate.pk}"


def fit_url(kind: str) -> Callable:
    def inner(w, n):
        grow_role_requirements(w, n)
        candidate = w["opening"].candidates.first()
        return f"{BASE}/candidates/{candidate.pk}/{kind}/?role={w['role'].slug}"

    return inner


def grow_scorecard(w, n):
    """n requirements, each with a level indicator and assessed twice for the candidate."""
    url = fit_url("scorecard")(w, n)
    candidate = w["opening"].candidates.first()
    for req in w["role"].requirements.select_related("competency"):
        req.competency.indicators.get_or_create(level=3, defaults={"description": "x"})
        while candidate.assessments.filter(competency=req.competency).count() < 2:
            factories.AssessmentFactory(candidate=candidate, competency=req.competency)
    return url


ENDPOINTS = [
    # Lists: groups, COUNT, page (+ one per prefetch)
    Endpoint("categories list", 3, "hr", grow_categories),
    Endpoint("competencies list", 4, "hr", grow_competencies),  # + indicators
    Endpoint("learning resources list", 4, "hr", grow_resources),  # + competencies
    Endpoint("roles list", 4, "hr", grow_roles),  # + requirements
    Endpoint("promotion paths list", 3, "hr", grow_paths),
    Endpoint("candidates list (HR)", 3, "hr", grow_opening_candidates),
    Endpoint("candidates list (recruiter)", 3, "recruiter", grow_opening_candidates),
    # + the competencies the skill conditions name (one query for them all)
    Endpoint("candidates list by skill (recruiter)", 4, "recruiter", grow_skilled_candidates),
    Endpoint("assessments list", 3, "recruiter", grow_assessments),
    Endpoint("openings list (HR)", 5, "hr", grow_openings),  # + team, candidates
    Endpoint("openings list (recruiter)", 5, "recruiter", grow_openings),
    # Details: groups, the object (+ one per prefetch)
    Endpoint("role detail", 3, "hr", grow_role_requirements),
    Endpoint("competency detail", 3, "hr", grow_competency_indicators),
    Endpoint("learning resource detail", 3, "hr", grow_resource_competencies),
    Endpoint(
        "category detail",
        2,
        "hr",
        grow_then(
            lambda w: (
                f"{BASE}/competency-categories/{w['role'].requirements.first().competency.category.slug}/"
            ),
            grow_categories,
        ),
    ),
    Endpoint(
        "promotion path detail",
        2,
        "hr",
        grow_then(
            lambda w: f"{BASE}/promotion-paths/{factories.PromotionPathFactory().pk}/", grow_paths
        ),
    ),
    Endpoint(
        "candidate detail",
        2,
        "recruiter",
        grow_then(
            lambda w: f"{BASE}/candidates/{w['opening'].candidates.first().pk}/",
            grow_opening_candidates,
        ),
    ),
    Endpoint(
        "assessment detail",
        2,
        "recruiter",
        grow_then(lambda w: f"{BASE}/assessments/{w['assessment'].pk}/", grow_assessments),
    ),
    Endpoint("opening detail", 4, "recruiter", grow_opening_members),
    # Recruiting reads: groups, the objects named, then the selector's own constant queries
    # (the role with its requirements, the counted levels, ...)
    # (the ranking: the stored scores' count and page, and the page's counted levels)
    Endpoint("ranking of an opening", 7, "recruiter", grow_assessed_candidates),
    Endpoint("fit", 6, "recruiter", fit_url("fit")),
    Endpoint("development plan", 7, "recruiter", fit_url("development-plan")),
    Endpoint("scorecard", 7, "recruiter", grow_scorecard),
    Endpoint(
        "comparison of an opening",
        9,  # + the learning resources behind each candidate's time to ready (issue 10)
        "recruiter",
        lambda w, n: grow_assessed_candidates(w, n) and f"{BASE}/comparisons/",
        method="post",
        body=lambda w: {"opening": w["opening"].pk},
    ),
    Endpoint("career route with a candidate", 8, "recruiter", grow_route),
    # groups, the candidate, then the document: the profile's history, assessments, their
    # history, memberships, openings, scores, snapshots
    Endpoint(
        "candidate personal data",
        9,
        "hr",
        grow_then(
            lambda w: f"{BASE}/candidates/{w['opening'].candidates.first().pk}/personal-data/",
            grow_assessments,
        ),
    ),
]


@pytest.fixture
def world(opening, director_role, hr_user, recruiter) -> dict[str, Any]:
    candidate = opening.candidates.first()
    return {
        "opening": opening,
        "role": director_role,
        "hr": hr_user,
        "recruiter": recruiter,
        "assessment": factories.AssessmentFactory(candidate=candidate),
    }


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.name for e in ENDPOINTS])
def test_query_count_does_not_grow_with_rows(endpoint: Endpoint, world):
    user = world[endpoint.as_user]
    body = endpoint.body(world) if endpoint.body else None

    small, _ = run(user, endpoint.method, endpoint.grow(world, 3), body)
    large, response = run(user, endpoint.method, endpoint.grow(world, 30), body)

    assert (small, large) == (endpoint.queries, endpoint.queries)
    if "list" in endpoint.name and "results" in response.json():
        assert len(response.json()["results"]) >= 30


def test_a_ranking_of_50_candidates_is_one_request_and_a_handful_of_queries(world):
    url = grow_assessed_candidates(world, 50)
    queries, response = run(world["recruiter"], "get", url)
    assert len(response.json()["results"]) == 50
    assert queries <= 9

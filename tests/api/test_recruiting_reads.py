"""Ranking, fit, comparison, development plan and career route through the API: the answers
are the selectors' results (one rule, one place), pinned once by hand-computed numbers."""

from __future__ import annotations

import datetime
import itertools

import pytest

from candidates import selectors
from tests import factories
from tests.api.conftest import BASE

pytestmark = pytest.mark.django_db


def assess(candidate, competency, level, days_ago=0):
    return factories.AssessmentFactory(
        candidate=candidate,
        competency=competency,
        level=level,
        assessed_at=datetime.date(2026, 1, 31) - datetime.timedelta(days=days_ago),
    )


@pytest.fixture
def scored(opening, director_role):
    """The director role (essential level 4 w3, level 3 w2, level 2 w1; 5 years) and the
    opening's two candidates: one eligible, one blocked by the essential."""
    essential, middle, low = director_role.requirements.order_by("-required_level")
    ready, blocked = opening.candidates.order_by("id")
    assess(ready, essential.competency, 4)
    assess(ready, middle.competency, 2)
    assess(ready, low.competency, 2)
    assess(blocked, essential.competency, 5, days_ago=10)  # older: does not count
    assess(blocked, essential.competency, 3)
    assess(blocked, middle.competency, 5)
    assess(blocked, low.competency, 3)
    return {"ready": ready, "blocked": blocked, "essential": essential}


def test_ranking_of_an_opening_by_hand(client_as, scored, opening, director_role):
    body = (
        client_as("recruiter")
        .get(f"{BASE}/roles/{director_role.slug}/ranking/?opening={opening.pk}")
        .json()
    )
    ready, blocked = scored["ready"], scored["blocked"]
    assert body["role"] == director_role.slug
    assert body["opening"] == opening.pk
    assert (body["count"], body["next"], body["previous"]) == (2, None, None)
    # Read from the stored scores: each row says when it was computed, and that it is current.
    assert all(row.pop("computed_at") for row in body["results"])
    # ready: 100 × (3·1 + 2·2/3 + 1·1) / 6 = 88.9; shortfall 1; eligible
    # blocked: 100 × (3·3/4 + 2·1 + 1·1) / 6 = 87.5; shortfall 1; essential 1 short
    assert body["results"] == [
        {
            "rank": 1,
            "candidate": ready.pk,
            "name": ready.name,
            "source": "external",
            "fit": 88.9,
            "eligible": True,
            "shortfall": 1,
            "reasons": [],
            "assessed": 3,
            "requirements": 3,
            "coverage": {"assessed": 3, "required": 3},
            "status": "eligible",
            "stale": False,
        },
        {
            "rank": 2,
            "candidate": blocked.pk,
            "name": blocked.name,
            "source": "external",
            "fit": 87.5,
            "eligible": False,
            "shortfall": 1,
            "reasons": [
                {
                    "code": "essential_not_met",
                    "message": body["results"][1]["reasons"][0]["message"],
                    "competency": scored["essential"].competency.slug,
                    "required": 4,
                    "actual": 3,
                    "kind": "below_level",
                }
            ],
            "assessed": 3,
            "requirements": 3,
            "coverage": {"assessed": 3, "required": 3},
            "status": "blocked",
            "stale": False,
        },
    ]


def test_ranking_of_listed_candidates_matches_the_selector(client_as, scored, director_role):
    ready, blocked = scored["ready"], scored["blocked"]
    body = (
        client_as("hr")
        .get(f"{BASE}/roles/{director_role.slug}/ranking/?candidates={blocked.pk},{ready.pk}")
        .json()
    )
    expected = selectors.rank_candidates_for_role(director_role, [blocked, ready])
    assert body["opening"] is None
    assert [(r["candidate"], r["rank"], r["fit"]) for r in body["results"]] == [
        (row.candidate.pk, row.rank, float(row.result.fit)) for row in expected
    ]


def test_fit_lists_gaps_and_strengths(client_as, scored, director_role):
    blocked = scored["blocked"]
    body = (
        client_as("recruiter")
        .get(f"{BASE}/candidates/{blocked.pk}/fit/?role={director_role.slug}")
        .json()
    )
    result = selectors.candidate_fit(blocked, director_role)
    assert body["candidate"] == blocked.pk and body["role"] == director_role.slug
    assert body["fit"] == float(result.fit) == 87.5
    assert body["eligible"] is False and body["shortfall"] == 1
    assert [g["competency"] for g in body["gaps"]] == [scored["essential"].competency.slug]
    gap = body["gaps"][0]
    assert (gap["required_level"], gap["assessed_level"], gap["gap"], gap["essential"]) == (
        4,
        3,
        1,
        True,
    )
    assert {s["competency"]: s["surplus"] for s in body["strengths"]} == {
        row.requirement.competency_slug: row.surplus for row in result.strengths
    }


def test_comparison_has_ranked_rows_and_a_full_matrix(client_as, scored, opening, director_role):
    body = client_as("recruiter").post(f"{BASE}/comparisons/", {"opening": opening.pk}).json()
    ranked_ids = [scored["ready"].pk, scored["blocked"].pk]
    assert body["role"] == director_role.slug and body["opening"] == opening.pk
    assert [row["candidate"] for row in body["ranking"]] == ranked_ids
    assert body["ranking"][1]["gaps"][0]["competency"] == scored["essential"].competency.slug
    assert len(body["matrix"]) == director_role.requirements.count()
    for row in body["matrix"]:
        assert [cell["candidate"] for cell in row["cells"]] == ranked_ids
    first = body["matrix"][0]
    assert first["requirement"]["essential"] is True
    assert [cell["assessed_level"] for cell in first["cells"]] == [4, 3]


def test_comparison_of_listed_candidates_for_another_role(client_as, scored, db):
    other = factories.RoleFactory(slug="analyst", title="Analyst", level="staff")
    factories.RequirementFactory(
        role=other, competency=scored["essential"].competency, required_level=2
    )
    body = (
        client_as("hr")
        .post(
            f"{BASE}/comparisons/",
            {"role": "analyst", "candidates": [scored["blocked"].pk, scored["ready"].pk]},
        )
        .json()
    )
    assert body["opening"] is None
    assert [row["fit"] for row in body["ranking"]] == [100.0, 100.0]
    assert [row["candidate"] for row in body["ranking"]] == sorted(
        [scored["ready"].pk, scored["blocked"].pk]
    )


def test_development_plan_picks_the_cheapest_cover(client_as, scored, director_role):
    blocked = scored["blocked"]
    gap_competency = scored["essential"].competency
    factories.LearningResourceFactory(
        slug="long-mba", title="MBA", duration_weeks=50, competencies=[gap_competency]
    )
    factories.LearningResourceFactory(
        slug="short-course", title="Short", duration_weeks=6, competencies=[gap_competency]
    )
    body = (
        client_as("recruiter")
        .get(f"{BASE}/candidates/{blocked.pk}/development-plan/?role={director_role.slug}")
        .json()
    )
    assert [g["competency"] for g in body["gaps"]] == [gap_competency.slug]
    assert body["resources"] == [
        {
            "slug": "short-course",
            "title": "Short",
            "kind": "course",
            "provider": "Test provider",
            "duration_weeks": 6,
            "develops": [gap_competency.slug],
        }
    ]
    assert body["total_weeks"] == 6
    assert body["uncovered"] == []


def test_career_route_for_a_candidate_lists_gaps_per_step(client_as, scored, director_role):
    manager = factories.RoleFactory(slug="manager", title="Manager", level="manager")
    factories.RequirementFactory(role=manager, competency=scored["essential"].competency)
    factories.PromotionPathFactory(from_role=manager, to_role=director_role, typical_years=3)
    blocked = scored["blocked"]
    blocked.current_role = manager
    blocked.save()

    body = (
        client_as("recruiter")
        .get(f"{BASE}/career-route/?to={director_role.slug}&candidate={blocked.pk}")
        .json()
    )
    assert body["found"] is True
    assert (body["from"], body["to"], body["candidate"]) == (
        "manager",
        director_role.slug,
        blocked.pk,
    )
    assert body["total_years"] == 3
    (step,) = body["steps"]
    assert (step["from_role"], step["to_role"], step["typical_years"]) == (
        "manager",
        director_role.slug,
        3,
    )
    assert {c["change"] for c in step["changes"]} <= {"added", "raised", "unchanged"}
    assert [g["competency"] for g in step["gaps"]] == [scored["essential"].competency.slug]


def test_career_route_says_when_there_is_none(client_as, director_role):
    factories.RoleFactory(slug="island", title="Island", level="staff")
    body = (
        client_as("viewer").get(f"{BASE}/career-route/?from=island&to={director_role.slug}").json()
    )
    assert body["found"] is False
    assert body["steps"] == []
    assert "No promotion path" in body["detail"]


@pytest.mark.parametrize(
    ("years", "detail"),
    [
        ([1], "Staff → Test Director: 1 step, about 1 year."),
        ([2], "Staff → Test Director: 1 step, about 2 years."),
        ([1, 1], "Staff → Manager → Test Director: 2 steps, about 2 years."),
    ],
)
def test_career_route_detail_counts_in_words(client_as, director_role, years, detail):
    staff = factories.RoleFactory(slug="staff", title="Staff", level="staff")
    chain = [staff, director_role]
    if len(years) == 2:
        chain.insert(1, factories.RoleFactory(slug="manager", title="Manager", level="manager"))
    for (from_role, to_role), typical_years in zip(itertools.pairwise(chain), years, strict=True):
        factories.PromotionPathFactory(
            from_role=from_role, to_role=to_role, typical_years=typical_years
        )
    body = (
        client_as("viewer").get(f"{BASE}/career-route/?from=staff&to={director_role.slug}").json()
    )
    assert body["detail"] == detail


def test_ranking_names_every_missing_candidate_in_one_sentence(client_as, opening):
    role = opening.role.slug
    body = client_as("hr").get(f"{BASE}/roles/{role}/ranking/?candidates=999998").json()
    assert body["errors"]["candidates"] == ["No candidate with id 999998."]
    body = client_as("hr").get(f"{BASE}/roles/{role}/ranking/?candidates=999998,999999").json()
    assert body["errors"]["candidates"] == ["No candidates with ids 999998, 999999."]

"""Development plans: the cheapest set of resources that develops every coverable gap."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from candidates import selectors
from candidates.planning import PlanOption, cheapest_cover
from tests import factories


def test_cheapest_cover_prefers_several_short_resources_over_one_long_one():
    options = [
        PlanOption("all-in-one", 15, frozenset({1, 2, 3})),
        PlanOption("pair", 10, frozenset({1, 2})),
        PlanOption("only-1", 2, frozenset({1})),
        PlanOption("only-2", 2, frozenset({2})),
        PlanOption("only-3", 3, frozenset({3})),
    ]
    chosen = cheapest_cover(options)
    assert sorted(o.key for o in chosen) == ["only-1", "only-2", "only-3"]
    assert sum(o.weeks for o in chosen) == 7


def test_cheapest_cover_of_nothing_is_empty():
    assert cheapest_cover([]) == []
    assert cheapest_cover([PlanOption("useless", 3, frozenset())]) == []


def brute_force_weeks(options):
    universe = frozenset().union(*(o.covers for o in options)) if options else frozenset()
    best = None
    for size in range(len(options) + 1):
        for combo in itertools.combinations(options, size):
            covered = frozenset().union(*(o.covers for o in combo)) if combo else frozenset()
            if covered == universe:
                weeks = sum(o.weeks for o in combo)
                best = weeks if best is None else min(best, weeks)
    return best


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 60), st.frozensets(st.integers(0, 7), max_size=5)),
        max_size=8,
    )
)
def test_cheapest_cover_is_exact_against_brute_force(raw):
    options = [PlanOption(f"r{i}", weeks, covers) for i, (weeks, covers) in enumerate(raw)]
    chosen = cheapest_cover(options)
    universe = frozenset().union(*(o.covers for o in options)) if options else frozenset()
    covered = frozenset().union(*(o.covers for o in chosen)) if chosen else frozenset()
    assert covered == universe
    assert sum(o.weeks for o in chosen) == brute_force_weeks(options)


@pytest.mark.django_db
def test_development_plan_for_an_internal_candidate(director_role):
    req_a, req_b, req_c = director_role.requirements.order_by("-required_level")
    uncoverable = factories.RequirementFactory(role=director_role, required_level=2)
    candidate = factories.CandidateFactory(source="internal")
    factories.AssessmentFactory(candidate=candidate, competency=req_c.competency, level=2)
    short = factories.LearningResourceFactory(
        slug="short-a", duration_weeks=3, competencies=[req_a.competency]
    )
    factories.LearningResourceFactory(
        slug="long-ab", duration_weeks=20, competencies=[req_a.competency, req_b.competency]
    )
    factories.LearningResourceFactory(
        slug="short-b", duration_weeks=4, competencies=[req_b.competency]
    )
    factories.LearningResourceFactory(
        slug="unrelated", duration_weeks=1, competencies=[req_c.competency]
    )

    plan = selectors.development_plan(candidate, director_role)

    assert {row.requirement.competency_slug for row in plan.gaps} == {
        req_a.competency.slug,
        req_b.competency.slug,
        uncoverable.competency.slug,
    }
    assert [r.slug for r in plan.resources] == ["short-a", "short-b"]
    assert plan.total_weeks == 7
    assert plan.covered == {"short-a": [req_a.competency.slug], "short-b": [req_b.competency.slug]}
    assert short in plan.resources
    assert [row.requirement.competency_slug for row in plan.uncovered] == [
        uncoverable.competency.slug
    ]


@pytest.mark.django_db
def test_development_plan_without_gaps_is_empty(director_role):
    candidate = factories.CandidateFactory()
    for req in director_role.requirements.all():
        factories.AssessmentFactory(candidate=candidate, competency=req.competency, level=5)
    plan = selectors.development_plan(candidate, director_role)
    assert plan.gaps == [] and plan.resources == [] and plan.total_weeks == 0

"""Development plans: the cheapest set of resources that develops every coverable gap."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from candidates import selectors
from candidates.planning import Gap, LevelOption, PlanOption, cheapest_cover, level_plan
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


def test_level_plan_counts_a_resource_only_up_to_its_level():
    # Given a 4 → 5 gap, a short course to 3 and a long programme to 5
    gaps = [Gap(competency=1, current=4, required=5)]
    course = LevelOption("course", 6, {1: 3})
    programme = LevelOption("programme", 26, {1: 5})
    # Then the course is no help at all: only the programme closes it
    plan = level_plan(gaps, [course, programme])
    assert [o.key for o in plan.chosen] == ["programme"]
    assert plan.reached == {1: 5} and plan.total_weeks == 26
    # And without the programme nothing is chosen and the gap stays at 4
    plan = level_plan(gaps, [course])
    assert plan.chosen == [] and plan.reached == {1: 4}


def test_level_plan_takes_a_gap_only_as_far_as_any_resource_reaches():
    # A 0 → 5 gap with a course to 3 and a diploma to 4: the diploma, reaching 4 (4 → 5 left)
    plan = level_plan(
        [Gap(1, 0, 5), Gap(2, 1, 3)],
        [LevelOption("course", 4, {1: 3, 2: 3}), LevelOption("diploma", 30, {1: 4})],
    )
    assert [o.key for o in plan.chosen] == ["course", "diploma"]
    assert plan.reached == {1: 4, 2: 3}
    assert plan.covers == {"course": frozenset({2}), "diploma": frozenset({1})}


def brute_force_level_plan(gaps, options):
    """Every subset: the levels it reaches, then the best reach with the fewest weeks."""
    best = None
    for size in range(len(options) + 1):
        for combo in itertools.combinations(options, size):
            reached = tuple(
                max([g.current, *(min(g.required, o.raises.get(g.competency, 0)) for o in combo)])
                for g in gaps
            )
            weeks = sum(o.weeks for o in combo)
            key = (tuple(-r for r in reached), weeks)
            best = key if best is None else min(best, key)
    return tuple(-r for r in best[0]), best[1]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 4), st.integers(1, 5)), min_size=1, max_size=4),
    st.lists(
        st.tuples(
            st.integers(1, 60),
            st.dictionaries(st.integers(0, 3), st.integers(1, 5), max_size=4),
        ),
        max_size=7,
    ),
)
def test_level_plan_is_exact_against_brute_force(raw_gaps, raw_options):
    gaps = [
        Gap(index, current, max(required, current + 1))
        for index, (current, required) in enumerate(raw_gaps)
    ]
    options = [LevelOption(f"r{i}", weeks, raises) for i, (weeks, raises) in enumerate(raw_options)]
    plan = level_plan(gaps, options)
    reached, weeks = brute_force_level_plan(gaps, options)
    # The plan reaches, gap by gap, the most any set of resources can ...
    assert tuple(plan.reached[g.competency] for g in gaps) == reached
    # ... which is what its chosen resources really reach ...
    for g in gaps:
        real = max(
            [g.current, *(min(g.required, o.raises.get(g.competency, 0)) for o in plan.chosen)]
        )
        assert real == plan.reached[g.competency]
    # ... in the fewest weeks that reach it.
    assert plan.total_weeks == weeks


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


@pytest.mark.django_db
def test_development_plan_names_the_part_of_a_gap_no_resource_reaches(director_role):
    # Given a gap 4 → 5 and the only resource for it a 6-week certificate to 4
    requirement = director_role.requirements.order_by("-required_level").first()
    requirement.required_level = 5
    requirement.save()
    candidate = factories.CandidateFactory(source="internal")
    for req in director_role.requirements.all():
        factories.AssessmentFactory(
            candidate=candidate,
            competency=req.competency,
            level=4 if req.pk == requirement.pk else 5,
        )
    factories.LearningResourceFactory(
        slug="certificate", duration_weeks=6, competencies={requirement.competency: 4}
    )

    plan = selectors.development_plan(candidate, director_role)

    # Then no resource is offered, and the step says 4 → 5 is not covered
    assert plan.resources == [] and plan.total_weeks == 0
    (step,) = plan.shortfalls
    assert (step.current, step.reached, step.required) == (4, 4, 5)
    assert step.shortfall_text == (
        f"{requirement.competency.name}: 4 → 5 not covered by any resource"
    )
    assert [row.requirement.competency_id for row in plan.uncovered] == [requirement.competency_id]

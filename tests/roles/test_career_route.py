"""Career routes: least total typical years along promotion paths."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidates.selectors import candidate_career_route
from roles.selectors import career_route
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def graph():
    a, b, c, d = (
        factories.RoleFactory(slug=slug, title=slug.upper(), level=level)
        for slug, level in zip(
            "abcd", ["staff", "head_of_department", "manager", "director"], strict=True
        )
    )
    shared = factories.CompetencyFactory(slug="shared")
    factories.RequirementFactory(role=a, competency=shared, required_level=2)
    factories.RequirementFactory(role=b, competency=shared, required_level=3)
    new_at_b = factories.RequirementFactory(role=b, required_level=2)
    factories.RequirementFactory(role=d, competency=shared, required_level=4)
    factories.RequirementFactory(role=d, competency=new_at_b.competency, required_level=2)
    factories.PromotionPathFactory(from_role=a, to_role=b, typical_years=2)
    factories.PromotionPathFactory(from_role=b, to_role=d, typical_years=2)
    factories.PromotionPathFactory(from_role=a, to_role=c, typical_years=1)
    factories.PromotionPathFactory(from_role=c, to_role=d, typical_years=5)
    return {"a": a, "b": b, "c": c, "d": d, "shared": shared, "new": new_at_b.competency}


def test_route_takes_the_fewest_years_not_the_first_step(graph):
    route = career_route(graph["a"], graph["d"])
    assert route.found
    assert [role.slug for role in route.roles] == ["a", "b", "d"]
    assert route.total_years == 4


def test_each_step_shows_what_the_next_role_adds_or_raises(graph):
    first, second = career_route(graph["a"], graph["d"]).steps
    assert {(c.competency_slug, c.kind) for c in first.comparison.new_or_raised} == {
        ("shared", "raised"),
        (graph["new"].slug, "added"),
    }
    assert [(c.competency_slug, c.from_level, c.to_level) for c in second.comparison.raised] == [
        ("shared", 3, 4)
    ]


def test_no_route_is_reported_not_invented(graph):
    route = career_route(graph["d"], graph["a"])
    assert not route.found
    assert route.steps == [] and route.roles == []


def test_a_path_that_no_longer_leads_up_is_not_followed(graph):
    from roles.models import PromotionPath

    # The database holds it (e.g. a role's level was edited after the path was drawn) ...
    PromotionPath.objects.create(from_role=graph["d"], to_role=graph["a"], typical_years=1)
    # ... but the route finder never walks down the ladder.
    assert not career_route(graph["d"], graph["a"]).found
    assert [r.slug for r in career_route(graph["b"], graph["c"]).roles] == []


def test_route_to_the_same_role_has_no_steps(graph):
    route = career_route(graph["a"], graph["a"])
    assert route.found and route.steps == [] and route.total_years == 0


def test_route_for_a_candidate_lists_gaps_at_each_step(graph):
    candidate = factories.CandidateFactory(current_role=graph["a"])
    factories.AssessmentFactory(candidate=candidate, competency=graph["shared"], level=3)
    result = candidate_career_route(start=None, target=graph["d"], candidate=candidate)
    assert [role.slug for role in result.route.roles] == ["a", "b", "d"]
    gaps = [
        {(row.requirement.competency_slug, row.gap) for row in step} for step in result.gaps_by_step
    ]
    assert gaps == [{(graph["new"].slug, 2)}, {("shared", 1), (graph["new"].slug, 2)}]


def test_route_queries_do_not_grow_with_the_graph(graph):
    with CaptureQueriesContext(connection) as small:
        career_route(graph["a"], graph["d"])
    for _ in range(20):
        factories.PromotionPathFactory(
            from_role=factories.RoleFactory(level="staff"),
            to_role=factories.RoleFactory(level="cco"),
            typical_years=1,
        )
    with CaptureQueriesContext(connection) as large:
        career_route(graph["a"], graph["d"])
    assert len(small) == len(large)

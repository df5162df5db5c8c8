"""The career map: the promotion-path graph as SVG, and the route finder."""

from __future__ import annotations

import itertools

import pytest

from roles.models import PromotionPath, Role
from roles.templatetags.career_map import NODE_MIN_WIDTH, NODE_PADDING, layout, text_width
from tests import factories

pytestmark = pytest.mark.django_db


def test_map_draws_every_role_and_path(client_as, viewer, ladder):
    body = client_as(viewer).get("/career-map/").content.decode()
    assert "<svg" in body
    assert body.count('class="map-node') == 3
    assert body.count('class="map-edge') == 2
    assert "3 yrs" in body and "4 yrs" in body
    assert 'name="candidate"' not in body  # a viewer picks no candidates


def test_route_finder_shows_steps_years_and_changes(client_as, viewer, ladder):
    body = (
        client_as(viewer)
        .get("/career-map/", {"start": "test-manager", "target": "test-chief"})
        .content.decode()
    )
    assert "2</strong> steps" in body and "7</strong> years" in body
    assert "Step 1:" in body and "Step 2:" in body
    assert body.count("map-edge on-route") == 2


def test_route_for_a_candidate_starts_at_their_role_and_shows_gaps(client_as, hr_user, ladder):
    candidate = factories.CandidateFactory(name="Ada Route", current_role=ladder["manager"])
    body = (
        client_as(hr_user)
        .get("/career-map/", {"target": "test-director", "candidate": candidate.pk})
        .content.decode()
    )
    assert "for Ada Route" in body
    assert "Ada Route’s gaps for Test Director" in body


def test_target_role_offers_a_role_to_choose_not_the_candidates_current_role(
    client_as, hr_user, viewer, ladder
):
    form = client_as(hr_user).get("/career-map/").context["form"]
    assert form["target"].field.choices[0] == ("", "Choose a role…")
    assert form["start"].field.choices[0] == ("", "The candidate's current role")
    # Without candidates to pick (a viewer), the start needs a role too.
    form = client_as(viewer).get("/career-map/").context["form"]
    assert form["start"].field.choices[0] == ("", "Choose a role…")
    assert form["target"].field.choices[0] == ("", "Choose a role…")


def test_no_route_says_so(client_as, viewer, ladder):
    body = (
        client_as(viewer)
        .get("/career-map/", {"start": "test-chief", "target": "test-manager"})
        .content.decode()
    )
    assert "No promotion path leads from Test Chief to Test Manager." in body


def test_route_needs_a_start(client_as, viewer, ladder):
    body = client_as(viewer).get("/career-map/", {"target": "test-chief"}).content.decode()
    assert "Choose a start role, or a candidate." in body


def test_recruiter_cannot_route_a_candidate_they_cannot_see(client_as, outside_recruiter, opening):
    hidden = opening.candidates.first()
    body = (
        client_as(outside_recruiter)
        .get("/career-map/", {"target": opening.role.slug, "candidate": hidden.pk})
        .content.decode()
    )
    assert "Select a valid choice" in body
    assert hidden.name not in body


def test_map_query_count_does_not_grow(client_as, viewer, count_queries, ladder):
    client = client_as(viewer)
    few, _ = count_queries(client, "/career-map/")
    for _ in range(6):
        factories.PromotionPathFactory(
            from_role=factories.RoleFactory(level="staff"), to_role=ladder["manager"]
        )
    many, _ = count_queries(client, "/career-map/")
    assert few == many


def test_map_titles_fit_their_boxes_when_a_level_is_crowded(client_as, viewer, ladder):
    for index, title in enumerate(
        ["Customer Service Representative, Team Lead", "W" * 40, "Content & SEO Editor"] * 3
    ):
        factories.RoleFactory(slug=f"crowd-{index}", title=f"{title} {index}", level="manager")
    drawn = layout(Role.objects.all(), PromotionPath.objects.all())
    crowded = [node for node in drawn["nodes"] if node.role.level == "manager"]
    assert len(crowded) == 10
    for node in crowded:
        assert node.width >= NODE_MIN_WIDTH
        assert 1 <= len(node.lines) <= 2
        for line in node.lines:
            assert text_width(line) <= node.width - 2 * NODE_PADDING, (node.role.title, line)
    # Boxes of one level do not overlap.
    edges = sorted((node.x, node.x + node.width) for node in crowded)
    assert all(right <= next_left for (_, right), (next_left, _) in itertools.pairwise(edges))
    # The map widened to make room, and keeps a readable minimum width on screen.
    assert drawn["width"] > 910 and drawn["min_width"] == round(drawn["width"] * 0.8)
    body = client_as(viewer).get("/career-map/").content.decode()
    assert f'width="{drawn["min_width"]}" role="group"' in body  # its least width
    assert body.count("<clipPath") == Role.objects.count()  # each box clips its own title
    assert "Customer Service Representative, Team Lead 0</title>" in body  # the full title


def test_map_scrolls_sideways_with_a_hint_rather_than_shrinking(client_as, viewer, ladder):
    body = client_as(viewer).get("/career-map/").content.decode()
    assert 'class="map-scroll" data-scroll-hint tabindex="0" role="region"' in body
    assert "Scroll sideways to see the whole map" in body
    assert '<svg viewBox="0 0 910 ' in body
    assert 'width="728" role="group"' in body  # 80% of the 910-unit drawing

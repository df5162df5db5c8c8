"""The career map: the promotion-path graph as SVG, and the route finder."""

from __future__ import annotations

import pytest

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

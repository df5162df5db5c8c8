"""Opening and editing openings in the app: HR opens them; HR and the hiring team edit them.
Saves go through ``candidates.services``; the team is chosen among HR and recruiters, the
candidates among those the acting user may see."""

from __future__ import annotations

import re

import pytest

from candidates.models import Opening
from tests import factories

pytestmark = pytest.mark.django_db


def opening_data(role, *, team=(), candidates=(), **overrides) -> dict:
    data = {
        "title": "Head of E-commerce, Nordics",
        "role": role.pk,
        "status": "open",
        "hiring_team": [user.pk for user in team],
        "candidates": [candidate.pk for candidate in candidates],
    }
    data.update(overrides)
    return data


def edit_data(opening: Opening, **overrides) -> dict:
    """What the edit form posts when nothing is changed, with ``overrides`` (ids for lists)."""
    data = {
        "title": opening.title,
        "role": opening.role_id,
        "status": opening.status,
        "hiring_team": [user.pk for user in opening.hiring_team.all()],
        "candidates": [candidate.pk for candidate in opening.candidates.all()],
    }
    data.update(overrides)
    return data


def offered(body: str, field: str) -> set[int]:
    """The ids a checkbox list offers."""
    return {int(value) for value in re.findall(rf'name="{field}" value="(\d+)"', body)}


# --- Who may ---------------------------------------------------------------------------------


def test_new_opening_page_is_hr_only(client_as, hr_user, recruiter, outside_recruiter, viewer):
    assert client_as(hr_user).get("/openings/new/").status_code == 200
    assert client_as(recruiter).get("/openings/new/").status_code == 403
    assert client_as(outside_recruiter).get("/openings/new/").status_code == 403
    assert client_as(viewer).get("/openings/new/").status_code == 403
    response = client_as(None).get("/openings/new/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_recruiter_cannot_post_a_new_opening(client_as, recruiter, director_role):
    response = client_as(recruiter).post("/openings/new/", opening_data(director_role))
    assert response.status_code == 403
    assert not Opening.objects.exists()


def test_edit_opening_access_matrix(
    client_as, hr_user, recruiter, outside_recruiter, viewer, opening
):
    url = f"/openings/{opening.pk}/edit/"
    assert client_as(hr_user).get(url).status_code == 200
    assert client_as(recruiter).get(url).status_code == 200
    assert client_as(outside_recruiter).get(url).status_code == 404
    assert client_as(viewer).get(url).status_code == 403
    assert client_as(None).get(url).status_code == 302
    assert client_as(hr_user).get("/openings/999999/edit/").status_code == 404


def test_outside_recruiter_cannot_post_an_edit(client_as, outside_recruiter, opening):
    response = client_as(outside_recruiter).post(
        f"/openings/{opening.pk}/edit/", edit_data(opening, title="Hijacked")
    )
    assert response.status_code == 404
    opening.refresh_from_db()
    assert opening.title != "Hijacked"


# --- Creating --------------------------------------------------------------------------------


def test_hr_opens_a_vacancy_with_team_and_candidates(client_as, hr_user, recruiter, ladder):
    candidates = factories.CandidateFactory.create_batch(2)
    response = client_as(hr_user).post(
        "/openings/new/",
        opening_data(ladder["manager"], team=[recruiter, hr_user], candidates=candidates),
    )
    opening = Opening.objects.get(title="Head of E-commerce, Nordics")
    assert response.status_code == 302
    assert response["Location"] == f"/openings/{opening.pk}/"
    assert opening.role == ladder["manager"] and opening.status == "open"
    assert opening.created_by == hr_user
    assert set(opening.hiring_team.all()) == {recruiter, hr_user}
    assert set(opening.candidates.all()) == set(candidates)
    # The recruiter on its team now sees it, with its candidates ranked.
    page = client_as(recruiter).get(response["Location"])
    assert page.status_code == 200
    assert all(candidate.name in page.content.decode() for candidate in candidates)


def test_only_hr_and_recruiters_are_offered_for_the_team(
    client_as, hr_user, recruiter, viewer, director_role
):
    factories.UserFactory(username="no-group")
    inactive = factories.UserFactory(username="gone-recruiter", group="Recruiter")
    inactive.is_active = False
    inactive.save()
    body = client_as(hr_user).get("/openings/new/").content.decode()
    assert offered(body, "hiring_team") == {hr_user.pk, recruiter.pk}
    response = client_as(hr_user).post(
        "/openings/new/", opening_data(director_role, team=[recruiter, viewer])
    )
    assert response.status_code == 400
    assert 'id="id_hiring_team_error"' in response.content.decode()
    assert not Opening.objects.exists()


def test_invalid_opening_shows_field_errors_and_saves_nothing(client_as, hr_user):
    response = client_as(hr_user).post(
        "/openings/new/", {"title": "", "role": "", "status": "paused"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved." in body
    for field in ("title", "role", "status"):
        assert f'id="id_{field}_error"' in body
    assert not Opening.objects.exists()


# --- Editing ---------------------------------------------------------------------------------


def test_edit_form_is_prefilled(client_as, recruiter, opening):
    body = client_as(recruiter).get(f"/openings/{opening.pk}/edit/").content.decode()
    assert f'value="{opening.title}"' in body
    assert f'value="{recruiter.pk}" id="id_hiring_team_' in body
    for candidate in opening.candidates.all():
        assert f'value="{candidate.pk}" id="id_candidates_' in body
    assert body.count("checked") == 1 + 1 + 2  # status, the team member, both candidates


def test_recruiter_on_the_team_adds_their_candidate_and_closes_it(client_as, recruiter, opening):
    mine = factories.CandidateFactory(name="Found by me", created_by=recruiter)
    response = client_as(recruiter).post(
        f"/openings/{opening.pk}/edit/",
        edit_data(
            opening, status="closed", candidates=[*edit_data(opening)["candidates"], mine.pk]
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/openings/{opening.pk}/"
    opening.refresh_from_db()
    assert opening.status == "closed"
    assert opening.candidates.filter(pk=mine.pk).exists() and opening.candidates.count() == 3


def test_recruiter_cannot_add_a_candidate_they_cannot_see(
    client_as, recruiter, outside_recruiter, opening
):
    # Given a candidate on another team's opening, not created by the recruiter
    hidden = factories.CandidateFactory(name="Hidden Person")
    factories.OpeningFactory(hiring_team=[outside_recruiter], candidates=[hidden])
    before = set(opening.candidates.values_list("pk", flat=True))
    # When the recruiter posts its id onto their own opening
    response = client_as(recruiter).post(
        f"/openings/{opening.pk}/edit/",
        edit_data(opening, title="Changed too", candidates=[*before, hidden.pk]),
    )
    # Then the candidates field says no, and nothing about the opening changed
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_candidates_error"' in body and "Select a valid choice" in body
    assert "Hidden Person" not in body
    opening.refresh_from_db()
    assert opening.title != "Changed too"
    assert set(opening.candidates.values_list("pk", flat=True)) == before


def test_candidates_offered_are_those_the_user_may_see(
    client_as, recruiter, outside_recruiter, opening
):
    hidden = factories.CandidateFactory(name="Hidden Person")
    factories.OpeningFactory(hiring_team=[outside_recruiter], candidates=[hidden])
    mine = factories.CandidateFactory(name="Found by me", created_by=recruiter)
    body = client_as(recruiter).get(f"/openings/{opening.pk}/edit/").content.decode()
    on_opening = set(opening.candidates.values_list("pk", flat=True))
    assert offered(body, "candidates") == on_opening | {mine.pk}
    assert "Hidden Person" not in body


def test_recruiter_who_leaves_the_team_is_sent_to_the_list(client_as, recruiter, hr_user, opening):
    client = client_as(recruiter)
    response = client.post(f"/openings/{opening.pk}/edit/", edit_data(opening, hiring_team=[]))
    assert response.status_code == 302 and response["Location"] == "/openings/"
    assert not opening.hiring_team.exists()
    assert "You are no longer on its hiring team." in client.get("/openings/").content.decode()
    assert client.get(f"/openings/{opening.pk}/").status_code == 404


def test_a_member_no_longer_eligible_is_named_before_being_dropped(
    client_as, hr_user, viewer, opening
):
    opening.hiring_team.add(viewer)
    body = client_as(hr_user).get(f"/openings/{opening.pk}/edit/").content.decode()
    assert "leaving the team when you save" in body and viewer.username in body


def test_invalid_edit_shows_the_saved_opening_not_the_input(client_as, hr_user, opening):
    response = client_as(hr_user).post(
        f"/openings/{opening.pk}/edit/", edit_data(opening, title="", status="nope")
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_title_error"' in body and 'id="id_status_error"' in body
    assert f"<h1>Edit {opening.title}</h1>" in body
    opening.refresh_from_db()
    assert opening.status == "open"


# --- Links and empty states ------------------------------------------------------------------


def test_openings_list_and_page_link_to_the_forms(client_as, hr_user, recruiter, opening):
    assert 'href="/openings/new/"' in client_as(hr_user).get("/openings/").content.decode()
    assert 'href="/openings/new/"' not in client_as(recruiter).get("/openings/").content.decode()
    body = client_as(recruiter).get(f"/openings/{opening.pk}/").content.decode()
    assert f'href="/openings/{opening.pk}/edit/"' in body


def test_empty_states_point_to_the_new_pages_not_the_admin(client_as, hr_user, director_role):
    body = client_as(hr_user).get("/openings/").content.decode()
    assert 'href="/openings/new/"' in body and "/admin/" not in body
    empty = factories.OpeningFactory(role=director_role)
    body = client_as(hr_user).get(f"/openings/{empty.pk}/").content.decode()
    assert "No candidates yet" in body and "/admin/" not in body
    assert f'href="/openings/{empty.pk}/edit/"' in body
    assert f'href="/candidates/new/?opening={empty.pk}"' in body


def test_edit_page_query_count_does_not_grow(client_as, hr_user, count_queries, opening):
    client = client_as(hr_user)
    url = f"/openings/{opening.pk}/edit/"
    few, _ = count_queries(client, url)
    for candidate in factories.CandidateFactory.create_batch(10, current_role=opening.role):
        opening.candidates.add(candidate)
    for index in range(5):
        opening.hiring_team.add(factories.UserFactory(username=f"team-{index}", group="Recruiter"))
    many, response = count_queries(client, url)
    assert response.content.decode().count('name="candidates"') == 12
    assert few == many

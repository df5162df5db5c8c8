"""The succession pages: /succession/ (roles, top of the ladder first) and
/succession/<slug>/ (three columns), their links, access and empty states; and the compare
page's time-to-ready row."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def board_opening(director_role, recruiter):
    for req in director_role.requirements.all():
        factories.LearningResourceFactory(duration_weeks=10, competencies=[req.competency])
    ready = factories.CandidateFactory(name="Ready Rita", years_experience=6)
    soon = factories.CandidateFactory(name="Soon Sam", years_experience=4)
    for req in director_role.requirements.all():
        factories.AssessmentFactory(candidate=ready, competency=req.competency, level=5)
        factories.AssessmentFactory(candidate=soon, competency=req.competency, level=1)
    return factories.OpeningFactory(
        role=director_role, hiring_team=[recruiter], candidates=[ready, soon]
    )


def column(body: str, key: str) -> str:
    return body.split(f'aria-labelledby="h-{key}"')[1].split("</section>")[0]


def test_the_index_lists_roles_top_of_the_ladder_first(client_as, director_role):
    factories.RoleFactory(slug="chief", title="Chief", level="cco")
    factories.RoleFactory(slug="mgr", title="Mgr", level="manager")

    response = client_as("recruiter").get("/succession/")

    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("/succession/chief/") < body.index(f"/succession/{director_role.slug}/")
    assert body.index(f"/succession/{director_role.slug}/") < body.index("/succession/mgr/")
    assert 'href="/succession/" aria-current="page">Succession</a>' in body  # header link


def test_the_board_shows_three_columns_with_reasons(client_as, director_role, board_opening):
    response = client_as("recruiter").get(f"/succession/{director_role.slug}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="succession-board"' in body
    assert "Ready Rita" in column(body, "ready_now")
    soon = column(body, "ready_soon")
    assert "Soon Sam" in soon
    assert "Needs 1 more year of experience; plan: 3 learning resources, 30 weeks" in soon
    assert "~1.0 year" in soon
    assert "Nobody here." in column(body, "later")
    assert "the longer of the development plan" in body  # the rule, in the help text


def test_an_outsider_recruiter_sees_an_empty_board(client_as, director_role, board_opening):
    response = client_as("outsider").get(f"/succession/{director_role.slug}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Nobody in the pool" in body
    assert "Ready Rita" not in body and "Soon Sam" not in body


def test_viewers_are_refused_and_unknown_roles_are_404(client_as, director_role):
    assert client_as("viewer").get(f"/succession/{director_role.slug}/").status_code == 403
    assert client_as("viewer").get("/succession/").status_code == 403
    assert client_as("hr").get("/succession/no-such-role/").status_code == 404


def test_a_role_without_requirements_says_why_there_is_no_board(client_as):
    role = factories.RoleFactory(slug="bare", title="Bare")

    response = client_as("hr").get("/succession/bare/")

    assert response.status_code == 200
    assert "No board yet" in response.content.decode()
    assert role.title in response.content.decode()


def test_the_role_page_links_to_its_board_for_those_who_work_with_candidates(
    client_as, director_role
):
    link = f'href="/succession/{director_role.slug}/"'
    assert link in client_as("recruiter").get(f"/roles/{director_role.slug}/").content.decode()
    assert link not in client_as("viewer").get(f"/roles/{director_role.slug}/").content.decode()


def test_the_opening_comparison_shows_each_candidates_time_to_ready(client_as, board_opening):
    response = client_as("recruiter").get(f"/openings/{board_opening.pk}/compare/")

    body = response.content.decode()
    assert response.status_code == 200
    row = body.split('class="time-to-ready-row"')[1].split("</tr>")[0]
    assert "Now" in row
    assert "~1.0 yr" in row

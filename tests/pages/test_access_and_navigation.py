"""Sign in and out, and who may reach which page family (the cast: HR, recruiter on the
opening, recruiter outside it, viewer, anonymous)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

FRAMEWORK_PAGES = ["/", "/roles/", "/roles/compare/", "/career-map/", "/skills/"]
CANDIDATE_PAGES = ["/openings/", "/candidates/", "/compare/"]
EDIT_PAGES = ["/roles/new/", "/skills/new/", "/career-map/paths/new/"]


@pytest.mark.parametrize("url", FRAMEWORK_PAGES + CANDIDATE_PAGES + EDIT_PAGES)
def test_anonymous_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_sign_in_page_has_labelled_fields(client):
    response = client.get("/accounts/login/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_username">' in body and '<label for="id_password">' in body


def test_sign_in_and_out(client, recruiter):
    response = client.post(
        "/accounts/login/", {"username": recruiter.username, "password": "pass-for-tests-123"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get("/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_shows_an_error(client, recruiter):
    response = client.post("/accounts/login/", {"username": recruiter.username, "password": "x"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


@pytest.mark.parametrize("url", FRAMEWORK_PAGES)
def test_every_group_reads_the_framework(client_as, hr_user, recruiter, viewer, url):
    for user in (hr_user, recruiter, viewer):
        assert client_as(user).get(url).status_code == 200


def test_user_without_a_group_gets_403(client_as):
    from tests.factories import UserFactory

    assert client_as(UserFactory(username="nobody")).get("/roles/").status_code == 403


@pytest.mark.parametrize("url", CANDIDATE_PAGES)
def test_viewer_cannot_reach_candidate_pages(client_as, viewer, url):
    assert client_as(viewer).get(url).status_code == 403


@pytest.mark.parametrize("url", CANDIDATE_PAGES)
def test_hr_and_recruiters_reach_candidate_pages(client_as, hr_user, recruiter, url):
    assert client_as(hr_user).get(url).status_code == 200
    assert client_as(recruiter).get(url).status_code == 200


@pytest.mark.parametrize("url", EDIT_PAGES)
def test_only_hr_reaches_edit_pages(client_as, hr_user, recruiter, viewer, url):
    assert client_as(hr_user).get(url).status_code == 200
    assert client_as(recruiter).get(url).status_code == 403
    assert client_as(viewer).get(url).status_code == 403


def test_nav_shows_only_what_the_user_may_use(client_as, hr_user, recruiter, viewer):
    viewer_body = client_as(viewer).get("/").content.decode()
    recruiter_body = client_as(recruiter).get("/").content.decode()
    hr_body = client_as(hr_user).get("/").content.decode()
    for label in ("Roles", "Career map", "Competencies"):
        assert f">{label}</a>" in viewer_body
    assert 'href="/openings/"' not in viewer_body
    assert 'href="/candidates/"' not in viewer_body
    assert 'href="/openings/"' in recruiter_body and 'href="/candidates/"' in recruiter_body
    assert 'href="/roles/new/"' not in recruiter_body
    assert 'href="/roles/new/"' in hr_body


def test_current_section_is_marked(client_as, viewer):
    body = client_as(viewer).get("/roles/").content.decode()
    assert 'href="/roles/" aria-current="page"' in body

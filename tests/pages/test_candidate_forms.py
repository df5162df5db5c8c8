"""Adding and editing candidates in the app: who may, what is saved (through
``candidates.services``), and field-level errors with nothing saved when the input is wrong."""

from __future__ import annotations

import pytest

from candidates.models import Candidate
from tests import factories

pytestmark = pytest.mark.django_db


def candidate_data(**overrides) -> dict:
    data = {
        "name": "Nadia Petrova",
        "email": "nadia.petrova@example.com",
        "source": "external",
        "current_role": "",
        "years_experience": "7",
        "notes": "Met at the marketplace summit.",
    }
    data.update(overrides)
    return data


# --- Who may ---------------------------------------------------------------------------------


def test_new_candidate_page_access_matrix(client_as, hr_user, recruiter, outside_recruiter, viewer):
    assert client_as(hr_user).get("/candidates/new/").status_code == 200
    assert client_as(recruiter).get("/candidates/new/").status_code == 200
    assert client_as(outside_recruiter).get("/candidates/new/").status_code == 200
    assert client_as(viewer).get("/candidates/new/").status_code == 403
    response = client_as(None).get("/candidates/new/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/candidates/new/")


def test_edit_candidate_page_access_matrix(
    client_as, hr_user, recruiter, outside_recruiter, viewer, opening
):
    candidate = opening.candidates.first()
    url = f"/candidates/{candidate.pk}/edit/"
    assert client_as(hr_user).get(url).status_code == 200
    assert client_as(recruiter).get(url).status_code == 200
    assert client_as(outside_recruiter).get(url).status_code == 404
    assert client_as(viewer).get(url).status_code == 403
    assert client_as(None).get(url).status_code == 302
    assert client_as(hr_user).get("/candidates/999999/edit/").status_code == 404


def test_viewer_and_anonymous_cannot_post_a_candidate(client_as, viewer):
    assert client_as(viewer).post("/candidates/new/", candidate_data()).status_code == 403
    assert client_as(None).post("/candidates/new/", candidate_data()).status_code == 302
    assert not Candidate.objects.exists()


def test_outside_recruiter_cannot_post_an_edit(client_as, outside_recruiter, opening):
    candidate = opening.candidates.first()
    response = client_as(outside_recruiter).post(
        f"/candidates/{candidate.pk}/edit/", candidate_data(email=candidate.email)
    )
    assert response.status_code == 404
    candidate.refresh_from_db()
    assert candidate.name != "Nadia Petrova"


# --- Creating --------------------------------------------------------------------------------


def test_recruiter_adds_a_candidate_and_then_sees_them(client_as, outside_recruiter, ladder):
    # Given a recruiter on no opening
    client = client_as(outside_recruiter)
    # When they add a candidate
    response = client.post(
        "/candidates/new/", candidate_data(current_role=ladder["manager"].pk, source="internal")
    )
    # Then the candidate is saved with its creator, and the recruiter lands on its page
    candidate = Candidate.objects.get(email="nadia.petrova@example.com")
    assert response.status_code == 302
    assert response["Location"] == f"/candidates/{candidate.pk}/"
    assert candidate.created_by == outside_recruiter
    assert candidate.current_role == ladder["manager"]
    assert candidate.years_experience == 7 and candidate.is_internal
    assert candidate.notes == "Met at the marketplace summit."
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Candidate “Nadia Petrova” created." in page.content.decode()
    assert "Nadia Petrova" in client.get("/candidates/").content.decode()


def test_recruiter_adds_a_candidate_to_their_opening(client_as, recruiter, opening):
    response = client_as(recruiter).post("/candidates/new/", candidate_data(openings=[opening.pk]))
    assert response.status_code == 302
    candidate = Candidate.objects.get(email="nadia.petrova@example.com")
    assert list(candidate.openings.all()) == [opening]
    ranked = client_as(recruiter).get(f"/openings/{opening.pk}/").content.decode()
    assert "Nadia Petrova" in ranked


def test_new_candidate_offers_only_openings_the_user_may_see(
    client_as, recruiter, outside_recruiter, opening
):
    other = factories.OpeningFactory(title="Not my opening", hiring_team=[outside_recruiter])
    body = client_as(recruiter).get("/candidates/new/").content.decode()
    assert opening.title in body and other.title not in body
    body = client_as(outside_recruiter).get("/candidates/new/").content.decode()
    assert other.title in body and opening.title not in body


def test_opening_in_the_query_string_is_ticked(client_as, recruiter, opening):
    body = client_as(recruiter).get(f"/candidates/new/?opening={opening.pk}").content.decode()
    assert f'value="{opening.pk}" id="id_openings_0" checked' in body


def test_recruiter_cannot_add_a_candidate_to_an_opening_they_cannot_see(
    client_as, recruiter, outside_recruiter, opening
):
    other = factories.OpeningFactory(hiring_team=[outside_recruiter])
    count = Candidate.objects.count()
    response = client_as(recruiter).post(
        "/candidates/new/", candidate_data(openings=[opening.pk, other.pk])
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_openings_error"' in body and "Select a valid choice" in body
    assert other.title not in body  # not even named back to them
    assert Candidate.objects.count() == count
    assert not other.candidates.exists()
    assert opening.candidates.count() == 2


def test_the_error_shows_even_when_the_user_has_no_opening_to_offer(
    client_as, outside_recruiter, opening
):
    response = client_as(outside_recruiter).post(
        "/candidates/new/", candidate_data(openings=[opening.pk])
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_openings_error"' in body
    assert not Candidate.objects.filter(email="nadia.petrova@example.com").exists()


def test_recruiter_on_no_opening_is_told_why_there_is_none_to_pick(client_as, outside_recruiter):
    body = client_as(outside_recruiter).get("/candidates/new/").content.decode()
    assert "You are on no opening's hiring team yet" in body
    assert 'name="openings"' not in body


# --- Invalid input ---------------------------------------------------------------------------


def test_duplicate_email_in_another_case_is_an_email_field_error(client_as, hr_user, opening):
    existing = factories.CandidateFactory(email="nadia.petrova@example.com")
    response = client_as(hr_user).post(
        "/candidates/new/",
        candidate_data(email="Nadia.PETROVA@example.com", openings=[opening.pk]),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved." in body
    assert 'id="id_email_error"' in body
    assert "A candidate with this email already exists." in body
    assert Candidate.objects.filter(email__iexact="nadia.petrova@example.com").get() == existing
    assert not opening.candidates.filter(email__iexact="nadia.petrova@example.com").exists()


@pytest.mark.parametrize(
    ("years", "message"),
    [
        ("61", "Ensure this value is less than or equal to 60."),
        ("-1", "Ensure this value is greater than or equal to 0."),
        ("seven", "Enter a whole number."),
        ("", "This field is required."),
    ],
)
def test_bad_years_are_a_field_error(client_as, hr_user, years, message):
    response = client_as(hr_user).post("/candidates/new/", candidate_data(years_experience=years))
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_years_experience_error"' in body and message in body
    assert not Candidate.objects.exists()


def test_missing_fields_are_flagged_each_beside_its_field(client_as, hr_user):
    response = client_as(hr_user).post(
        "/candidates/new/", candidate_data(name="", email="not-an-email", source="martian")
    )
    body = response.content.decode()
    assert response.status_code == 400
    for field in ("name", "email", "source"):
        assert f'id="id_{field}_error"' in body
    assert not Candidate.objects.exists()


# --- Editing ---------------------------------------------------------------------------------


def test_edit_form_is_prefilled(client_as, recruiter, opening, ladder):
    candidate = opening.candidates.first()
    candidate.current_role = ladder["manager"]
    candidate.save()
    body = client_as(recruiter).get(f"/candidates/{candidate.pk}/edit/").content.decode()
    assert f'value="{candidate.name}"' in body and f'value="{candidate.email}"' in body
    assert f'<option value="{ladder["manager"].pk}" selected>' in body
    assert 'name="openings"' not in body  # openings are managed on the opening's page


def test_recruiter_edits_a_candidate_on_their_opening(client_as, recruiter, opening, ladder):
    candidate = opening.candidates.first()
    data = candidate_data(
        name="Renamed Person",
        email=candidate.email.upper(),  # the candidate's own email, in another case
        source="internal",
        current_role=ladder["chief"].pk,
        years_experience="12",
        notes="",
    )
    response = client_as(recruiter).post(f"/candidates/{candidate.pk}/edit/", data)
    assert response.status_code == 302
    assert response["Location"] == f"/candidates/{candidate.pk}/"
    candidate.refresh_from_db()
    assert candidate.name == "Renamed Person" and candidate.is_internal
    assert candidate.current_role == ladder["chief"] and candidate.years_experience == 12
    assert candidate.openings.get() == opening  # editing the profile leaves openings alone


def test_editing_onto_another_candidates_email_saves_nothing(client_as, hr_user, opening):
    first, second = opening.candidates.order_by("id")
    response = client_as(hr_user).post(
        f"/candidates/{second.pk}/edit/",
        candidate_data(name="Should not stick", email=first.email.title()),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_email_error"' in body and "already exists" in body
    # The page shows the saved candidate, not the rejected input, in its title.
    assert f"<h1>Edit {second.name}</h1>" in body
    second.refresh_from_db()
    assert second.name != "Should not stick"


# --- Links -----------------------------------------------------------------------------------


def test_candidate_list_and_page_link_to_the_forms(client_as, recruiter, opening):
    candidate = opening.candidates.first()
    client = client_as(recruiter)
    assert 'href="/candidates/new/"' in client.get("/candidates/").content.decode()
    body = client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert f'href="/candidates/{candidate.pk}/edit/"' in body


def test_empty_candidate_list_points_to_the_new_candidate_page(client_as, outside_recruiter):
    body = client_as(outside_recruiter).get("/candidates/").content.decode()
    assert "No candidates yet" in body
    assert "Add the first candidate" in body and "/admin/" not in body


def test_new_candidate_page_query_count_does_not_grow_with_openings(
    client_as, hr_user, count_queries, opening
):
    client = client_as(hr_user)
    few, _ = count_queries(client, "/candidates/new/")
    for _ in range(8):
        factories.OpeningFactory(role=opening.role)
    many, response = count_queries(client, "/candidates/new/")
    assert response.content.decode().count('name="openings"') == 9
    assert few == many

"""The scorecard: a candidate scored against every requirement of a role in one form, saved as
one batch (all or none, one rescoring), reached from the candidate and opening pages."""

from __future__ import annotations

from unittest import mock

import pytest

from candidates import services
from candidates.models import Assessment
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(scorecard_case):
    return scorecard_case


def url(setup) -> str:
    return f"/candidates/{setup['candidate'].pk}/scorecard/?role={setup['role'].slug}"


def test_scorecard_shows_every_requirement_with_levels_and_indicators(client_as, recruiter, setup):
    factories.AssessmentFactory(
        candidate=setup["candidate"], competency=setup["reqs"][1].competency, level=2
    )
    response = client_as(recruiter).get(url(setup))
    body = response.content.decode()
    assert response.status_code == 200
    for req in setup["reqs"]:
        assert req.competency.name in body
        assert f'name="level-{req.competency.slug}"' in body
        assert f'name="evidence-{req.competency.slug}"' in body
    assert "1 · Awareness" in body and "5 · Expert" in body
    assert "Leads the channel strategy." in body  # the competency's own level indicator
    assert "Now: level <strong>2</strong>" in body
    assert "1 of 3 assessed" in body


def test_saving_a_scorecard_adds_a_batch_and_rescores_once(client_as, recruiter, setup):
    first, second, third = setup["reqs"]
    data = {
        "assessed_at": "2024-05-01",
        f"level-{first.competency.slug}": "4",
        f"evidence-{first.competency.slug}": "Ran the\r\nmarketplace launch.\r\n",
        f"level-{second.competency.slug}": "3",
        f"level-{third.competency.slug}": "",  # left blank: stays unassessed
    }
    with mock.patch.object(
        services, "scores_inputs_changed", wraps=services.scores_inputs_changed
    ) as changed:
        response = client_as(recruiter).post(url(setup), data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?role={setup['role'].slug}#fit")
    assert changed.call_count == 1
    saved = {a.competency_id: a for a in Assessment.objects.filter(candidate=setup["candidate"])}
    assert set(saved) == {first.competency_id, second.competency_id}
    assert saved[first.competency_id].level == 4
    assert saved[first.competency_id].evidence == "Ran the\nmarketplace launch."
    assert saved[first.competency_id].assessor == recruiter
    assert str(saved[second.competency_id].assessed_at) == "2024-05-01"


def test_an_invalid_row_saves_nothing_and_says_which_row(client_as, recruiter, setup):
    first, second, _third = setup["reqs"]
    data = {
        "assessed_at": "2024-05-01",
        f"level-{first.competency.slug}": "4",
        f"level-{second.competency.slug}": "9",  # not a level
    }
    response = client_as(recruiter).post(url(setup), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved." in body
    assert response.context["form"].errors.keys() == {f"level-{second.competency.slug}"}
    assert not Assessment.objects.exists()


def test_evidence_without_a_level_is_an_error_on_its_row(client_as, recruiter, setup):
    first = setup["reqs"][0]
    data = {"assessed_at": "2024-05-01", f"evidence-{first.competency.slug}": "Seen it."}
    response = client_as(recruiter).post(url(setup), data)
    assert response.status_code == 400
    assert f"level-{first.competency.slug}" in response.context["form"].errors
    assert not Assessment.objects.exists()


def test_an_empty_scorecard_saves_nothing(client_as, recruiter, setup):
    response = client_as(recruiter).post(url(setup), {"assessed_at": "2024-05-01"})
    assert response.status_code == 400
    assert "at least one requirement" in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_future_date_saves_nothing(client_as, recruiter, setup):
    first = setup["reqs"][0]
    data = {"assessed_at": "2999-01-01", f"level-{first.competency.slug}": "3"}
    response = client_as(recruiter).post(url(setup), data)
    assert response.status_code == 400
    assert "assessed_at" in response.context["form"].errors
    assert not Assessment.objects.exists()


def test_access(client_as, outside_recruiter, viewer, hr_user, setup):
    assert client_as(outside_recruiter).get(url(setup)).status_code == 404
    assert client_as(viewer).get(url(setup)).status_code == 403
    assert client_as(None).get(url(setup)).status_code == 302  # to sign in
    assert client_as(hr_user).get(url(setup)).status_code == 200
    first = setup["reqs"][0]
    response = client_as(outside_recruiter).post(
        url(setup), {"assessed_at": "2024-05-01", f"level-{first.competency.slug}": "3"}
    )
    assert response.status_code == 404 and not Assessment.objects.exists()


def test_unknown_role_and_role_without_requirements(client_as, recruiter, setup):
    client = client_as(recruiter)
    base = f"/candidates/{setup['candidate'].pk}/scorecard/"
    assert client.get(base + "?role=no-such-role").status_code == 400
    assert client.get(base + "?role=x%00y").status_code == 400
    empty = factories.RoleFactory(slug="empty-role", title="Empty Role")
    body = client.get(base + f"?role={empty.slug}").content.decode()
    assert "has no competency requirements" in body
    body = client.get(base).content.decode()  # no role: offers the roles considered
    assert f"?role={setup['role'].slug}" in body


def test_reached_from_candidate_and_opening_pages(client_as, recruiter, setup):
    client = client_as(recruiter)
    candidate, role = setup["candidate"], setup["role"]
    current = factories.RoleFactory(slug="current-role", title="Current Role")
    candidate.current_role = current
    candidate.save()
    body = client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert f"Score against {role.title}" in body and f"Score against {current.title}" in body
    assert f"/candidates/{candidate.pk}/scorecard/?role={role.slug}" in body
    # the single-assessment form comes before the long history
    assert body.index('id="h-add"') < body.index('id="h-history"')
    body = client.get(f"/openings/{setup['opening'].pk}/").content.decode()
    assert f"/candidates/{candidate.pk}/scorecard/?role={role.slug}" in body


def test_the_scorecard_page_costs_the_same_for_3_or_30_requirements(
    client_as, recruiter, setup, count_queries
):
    role, candidate = setup["role"], setup["candidate"]
    client = client_as(recruiter)

    def grow(n: int) -> int:
        while role.requirements.count() < n:
            req = factories.RequirementFactory(role=role)
            req.competency.indicators.create(level=2, description="Works with it daily.")
            factories.AssessmentFactory(candidate=candidate, competency=req.competency)
        queries, _response = count_queries(client, url(setup))
        return queries

    assert grow(3) == grow(30)


@pytest.mark.parametrize(
    ("level", "evidence", "date"),
    [
        ("abc", "", "2024-05-01"),
        ("3", "bad\u0000text", "2024-05-01"),
        ("3", "\u202eevil", "2024-05-01"),
        ("3", "x" * 5_001, "2024-05-01"),
        ("3", "", "not a date"),
        ("3", "", "1900-01-01"),
    ],
)
def test_bad_input_on_the_page_is_a_field_error(client_as, recruiter, setup, level, evidence, date):
    slug = setup["reqs"][0].competency.slug
    data = {"assessed_at": date, f"level-{slug}": level, f"evidence-{slug}": evidence}
    response = client_as(recruiter).post(url(setup), data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert "Nothing was saved." in response.content.decode()
    assert not Assessment.objects.exists()

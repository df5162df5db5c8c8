"""GET/POST /api/v1/candidates/<id>/scorecard/?role=<slug>: every requirement of the role with
the candidate's current level; a batch of assessments saved all or none, rescored once."""

from __future__ import annotations

from unittest import mock

import pytest

from candidates import services
from candidates.models import Assessment
from tests import factories
from tests.api.conftest import BASE, assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(scorecard_case):
    candidate, role = scorecard_case["candidate"], scorecard_case["role"]
    return {
        **scorecard_case,
        "url": f"{BASE}/candidates/{candidate.pk}/scorecard/?role={role.slug}",
    }


def test_get_lists_every_requirement_with_current_level(client_as, setup):
    first = setup["reqs"][0]
    factories.AssessmentFactory(candidate=setup["candidate"], competency=first.competency, level=2)
    response = client_as("recruiter").get(setup["url"])
    assert response.status_code == 200
    body = response.json()
    assert body["role"] == setup["role"].slug
    assert body["coverage"] == {"assessed": 1, "required": 3}
    assert body["levels"]["1"] == "Awareness" and body["levels"]["0"] == "No evidence"
    rows = {row["competency"]: row for row in body["rows"]}
    assert set(rows) == {req.competency.slug for req in setup["reqs"]}
    assert rows[first.competency.slug]["indicators"] == {"4": "Leads the channel strategy."}
    assert rows[first.competency.slug]["current"]["level"] == 2
    assert rows[setup["reqs"][1].competency.slug]["current"] is None


def test_post_saves_a_batch_and_rescores_once(client_as, setup):
    first, second, _third = setup["reqs"]
    payload = {
        "assessed_at": "2024-05-01",
        "assessments": [
            {"competency": first.competency.slug, "level": 4, "evidence": "Launch\r\n"},
            {"competency": second.competency.slug, "level": 3},
        ],
    }
    with mock.patch.object(
        services, "scores_inputs_changed", wraps=services.scores_inputs_changed
    ) as changed:
        response = client_as("recruiter").post(setup["url"], payload, format="json")
    assert response.status_code == 201, response.json()
    assert changed.call_count == 1
    body = response.json()
    assert body["scoring"] == "queued"
    assert [a["level"] for a in body["assessments"]] == [4, 3]
    assert body["scorecard"]["coverage"] == {"assessed": 2, "required": 3}
    saved = Assessment.objects.filter(candidate=setup["candidate"])
    assert saved.count() == 2
    assert saved.get(competency=first.competency).evidence == "Launch"


def test_one_invalid_item_saves_nothing_and_names_the_item(client_as, setup):
    first, second, _third = setup["reqs"]
    payload = {
        "assessments": [
            {"competency": first.competency.slug, "level": 4},
            {"competency": second.competency.slug, "level": 9},
        ]
    }
    response = client_as("recruiter").post(setup["url"], payload, format="json")
    assert_error(response, 400, "validation_error", field="assessments.1.level")
    assert not Assessment.objects.exists()


def test_a_competency_outside_the_role_or_repeated_is_refused(client_as, setup):
    other = factories.CompetencyFactory()
    first = setup["reqs"][0]
    payload = {
        "assessments": [
            {"competency": first.competency.slug, "level": 4},
            {"competency": other.slug, "level": 3},
            {"competency": first.competency.slug, "level": 2},
        ]
    }
    response = client_as("recruiter").post(setup["url"], payload, format="json")
    assert_error(response, 400, "validation_error", field="assessments.1.competency")
    assert "assessments.2.competency" in response.json()["errors"]
    assert not Assessment.objects.exists()


def test_a_future_date_and_an_empty_list_save_nothing(client_as, setup):
    first = setup["reqs"][0]
    client = client_as("recruiter")
    payload = {
        "assessed_at": "2999-01-01",
        "assessments": [{"competency": first.competency.slug, "level": 4}],
    }
    assert_error(
        client.post(setup["url"], payload, format="json"),
        400,
        "validation_error",
        field="assessed_at",
    )
    assert_error(
        client.post(setup["url"], {"assessments": []}, format="json"),
        400,
        "validation_error",
        field="assessments",
    )
    assert not Assessment.objects.exists()


def test_access_matches_assessments(client_as, setup):
    first = setup["reqs"][0]
    payload = {"assessments": [{"competency": first.competency.slug, "level": 4}]}
    for who, status in (("outsider", 404), ("viewer", 404), ("anonymous", 401)):
        assert client_as(who).get(setup["url"]).status_code == status, who
        assert client_as(who).post(setup["url"], payload, format="json").status_code == status
    assert client_as("hr").get(setup["url"]).status_code == 200
    assert not Assessment.objects.exists()


def test_unknown_or_missing_role(client_as, setup):
    client = client_as("recruiter")
    base = f"{BASE}/candidates/{setup['candidate'].pk}/scorecard/"
    assert_error(client.get(base + "?role=nope"), 400, "validation_error", field="role")
    assert_error(client.get(base), 400, "validation_error", field="role")
    empty = factories.RoleFactory(slug="empty-role", title="Empty Role")
    assert_error(client.get(base + f"?role={empty.slug}"), 400, "validation_error", field="role")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (None, "assessments"),
        ({}, "assessments"),
        ({"assessments": "all of them"}, "assessments"),
        ({"assessments": [1]}, "assessments.0"),
        ({"assessments": [{"competency": 5, "level": 3}]}, "assessments.0.competency"),
        ({"assessments": [{"competency": "x\u2066", "level": 3}]}, "assessments.0.competency"),
        ({"assessments": [{"competency": "seo", "level": "3"}]}, "assessments.0.level"),
        ({"assessments": [{"competency": "seo", "level": 3, "extra": 1}]}, "assessments.0.extra"),
        ({"assessments": [], "assessed_at": "yesterday"}, "assessed_at"),
        ({"assessments": [{"competency": "seo", "level": 3}], "role": "x"}, "role"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client_as, setup, body, field):
    response = client_as("recruiter").post(setup["url"], body, format="json")
    assert_error(response, 400, "validation_error", field=field)
    assert not Assessment.objects.exists()


def test_a_bad_role_in_the_address_is_a_400(client_as, setup):
    base = f"{BASE}/candidates/{setup['candidate'].pk}/scorecard/"
    for role in ("x%00y", "a" * 300, "%E2%80%AE"):
        response = client_as("recruiter").get(f"{base}?role={role}")
        assert_error(response, 400, "validation_error", field="role")

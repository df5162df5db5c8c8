"""``GET /api/v1/candidates/?skill=<slug>:<level>`` (repeatable, every condition holds),
``?current_role=`` and ``?source=``, on the list and its export; bad values are 400s naming the
parameter."""

from __future__ import annotations

import csv
import io

import pytest

from tests import factories
from tests.api.conftest import BASE, assert_error
from tests.skill_pool import skilled_pool

pytestmark = pytest.mark.django_db

LIST = f"{BASE}/candidates/"
EXPORT = f"{BASE}/candidates/export/"
BOTH = "?skill=seo:4&skill=web-analytics:4"


@pytest.fixture
def pool(opening):
    return skilled_pool(opening)


def listed(response) -> list[str]:
    assert response.status_code == 200, response.content[:300]
    return [row["name"] for row in response.json()["results"]]


def test_two_conditions_and_the_latest_assessment_counts(client_as, pool):
    client = client_as("recruiter")
    assert sorted(listed(client.get(LIST + BOTH))) == ["Ada"]
    assert sorted(listed(client.get(LIST + "?skill=seo:4"))) == ["Ada", "Cy"]
    assert "Ben" not in listed(client.get(LIST + "?skill=seo:3"))  # his 5 is older than his 2


def test_access_outsider_sees_none_hr_sees_all(client_as, pool):
    assert sorted(listed(client_as("hr").get(LIST + BOTH))) == ["Ada", "Eve"]
    assert listed(client_as("outsider").get(LIST + BOTH)) == []
    assert_error(client_as("viewer").get(LIST + BOTH), 403, "permission_denied")


def test_current_role_and_source(client_as, pool):
    role = factories.RoleFactory(slug="shop-lead")
    pool["ada"].current_role = role
    pool["ada"].save()
    client = client_as("hr")
    assert listed(client.get(LIST + "?current_role=shop-lead")) == ["Ada"]
    assert listed(client.get(LIST + BOTH + "&source=external")) == []


@pytest.mark.parametrize(
    ("query", "field", "contains"),
    [
        ("?skill=martian:3", "skill", "No competency with slug “martian”"),
        ("?skill=seo:6", "skill", "1 to 5"),
        ("?skill=seo:0", "skill", "1 to 5"),
        ("?skill=seo:high", "skill", "1 to 5"),
        ("?skill=seo", "skill", "<competency slug>:<level>"),
        ("?skill=:3", "skill", "<competency slug>:<level>"),
        ("?skill=seo:4&skill=seo%07:3", "skill", ""),  # every repeated value is checked
        ("?current_role=no-such-role", "current_role", ""),
        ("?source=martian", "source", ""),
        ("?skill=" + "&skill=".join(f"s{i}:1" for i in range(6)), "skill", "at most 5"),
    ],
)
def test_bad_values_are_field_errors(client_as, pool, query, field, contains):
    for url in (LIST, EXPORT):
        assert_error(
            client_as("recruiter").get(url + query),
            400,
            "validation_error",
            field=field,
            contains=contains,
        )


def test_more_than_five_conditions_is_refused(client_as, pool):
    slugs = ["seo", "web-analytics"] + [factories.CompetencyFactory().slug for _ in range(4)]
    query = "?" + "&".join(f"skill={slug}:1" for slug in slugs)
    assert_error(
        client_as("hr").get(LIST + query), 400, "validation_error", field="skill", contains="5"
    )


def test_naming_a_competency_twice_keeps_the_stricter_level(client_as, pool):
    assert listed(client_as("recruiter").get(LIST + "?skill=seo:1&skill=seo:4")) == ["Ada", "Cy"]


def test_the_export_honours_the_filters(client_as, pool):
    response = client_as("recruiter").get(EXPORT + BOTH + "&format=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = csv.reader(io.StringIO(content))
    assert header[:2] == ["ID", "Name"]
    assert [row[1] for row in rows] == ["Ada"]


def test_the_schema_documents_the_skill_parameter(api_client):
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    paths = response.json()["paths"]
    for path in (LIST, EXPORT):
        (skill,) = [p for p in paths[path]["get"]["parameters"] if p["name"] == "skill"]
        assert skill["schema"]["type"] == "array"
        assert "latest assessment" in skill["description"]

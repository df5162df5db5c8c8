"""The candidate list's skill conditions (``?competency=<slug>&min_level=<n>``, paired and
repeatable; every condition holds) and current-role filter: the form, its errors, the query
count, and the CSV/Excel exports (inline and as a background job) that follow the filters."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests import factories
from tests.skill_pool import skilled_pool

pytestmark = pytest.mark.django_db

BOTH = {"competency": ["seo", "web-analytics"], "min_level": ["4", "4"]}


@pytest.fixture
def pool(opening):
    return skilled_pool(opening)


def listed(response) -> list[str]:
    body = response.content.decode()
    return [name for name in ("Ada", "Ben", "Cy", "Dee", "Eve") if f">{name}</a>" in body]


def test_two_conditions_and_the_latest_assessment_counts(client_as, pool):
    client = client_as("recruiter")
    response = client.get("/candidates/", BOTH)
    assert response.status_code == 200
    assert listed(response) == ["Ada"]
    assert "1 candidate match" in response.content.decode()
    assert listed(client.get("/candidates/", {"competency": "seo", "min_level": "3"})) == [
        "Ada",
        "Cy",
    ]


def test_access_outsider_sees_none_hr_sees_all(client_as, pool):
    assert listed(client_as("hr").get("/candidates/", BOTH)) == ["Ada", "Eve"]
    response = client_as("outsider").get("/candidates/", BOTH)
    assert response.status_code == 200 and listed(response) == []
    assert "No candidate matches." in response.content.decode()


def test_the_form_shows_the_conditions_again_and_a_row_to_add_one(client_as, pool):
    body = client_as("recruiter").get("/candidates/", BOTH).content.decode()
    assert body.count('name="competency"') == 3  # two conditions, one empty row
    assert '<option value="seo" selected>SEO</option>' in body
    assert '<option value="web-analytics" selected>Web analytics</option>' in body
    assert body.count('<option value="4" selected>') == 2
    assert "Add a condition: competency" in body
    assert "To find people by skill" in body  # the search box's help text points here


def test_current_role_filter(client_as, hr_user, pool):
    role = factories.RoleFactory(slug="shop-lead", title="Shop lead")
    pool["cy"].current_role = role
    pool["cy"].save()
    response = client_as(hr_user).get("/candidates/", {"current_role": "shop-lead"})
    assert listed(response) == ["Cy"]
    assert '<option value="shop-lead" selected>Shop lead</option>' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"competency": "martian", "min_level": "3"}, "No such competency: “martian”."),
        ({"competency": "seo", "min_level": "9"}, "“9” is not a level: choose 1 to 5."),
        ({"competency": "seo", "min_level": ""}, "Choose the level “seo” needs (1 to 5)."),
        ({"current_role": "nope"}, "No such role."),
    ],
)
def test_a_bad_condition_is_an_error_beside_the_form_and_the_rest_still_shows(
    client_as, pool, query, message
):
    response = client_as("recruiter").get("/candidates/", query)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert listed(response) == ["Ada", "Ben", "Cy", "Dee"]  # the refused filter is left out


def test_more_than_five_conditions_is_an_error(client_as, pool):
    slugs = ["seo", "web-analytics"] + [factories.CompetencyFactory().slug for _ in range(4)]
    response = client_as("hr").get("/candidates/", {"competency": slugs, "min_level": ["1"] * 6})
    assert response.status_code == 400
    assert "At most 5 skill conditions (you gave 6)." in response.content.decode()


def test_an_empty_row_is_no_condition(client_as, pool):
    response = client_as("recruiter").get(
        "/candidates/", {"competency": ["seo", ""], "min_level": ["4", "1"]}
    )
    assert response.status_code == 200 and listed(response) == ["Ada", "Cy"]


def test_filtered_list_query_count_does_not_grow(client_as, hr_user, count_queries, pool):
    client = client_as(hr_user)
    few, _ = count_queries(client, "/candidates/?" + query_of(BOTH))
    for _ in range(30):
        candidate = factories.CandidateFactory()
        factories.AssessmentFactory(candidate=candidate, competency=pool["seo"], level=5)
        factories.AssessmentFactory(candidate=candidate, competency=pool["web"], level=5)
    many, response = count_queries(client, "/candidates/?" + query_of(BOTH))
    assert few == many
    assert "32 candidates match" in response.content.decode()


def query_of(params: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(params, doseq=True)


def test_the_export_links_carry_the_conditions(client_as, pool):
    body = client_as("recruiter").get("/candidates/", BOTH).content.decode()
    query = "competency=seo&amp;min_level=4&amp;competency=web-analytics&amp;min_level=4"
    assert f'href="/candidates/export.csv?{query}"' in body
    assert f'href="/candidates/export.xlsx?{query}"' in body


def test_csv_and_excel_exports_honour_the_conditions(client_as, pool):
    client = client_as("recruiter")
    response = client.get("/candidates/export.csv", BOTH)
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert [row[1] for row in list(csv.reader(io.StringIO(content)))[1:]] == ["Ada"]
    response = client.get("/candidates/export.xlsx", BOTH)
    rows = list(load_workbook(io.BytesIO(response.content))["Candidates"].values)
    assert [row[1] for row in rows[1:]] == ["Ada"]
    bad = client.get("/candidates/export.csv", {"competency": "seo", "min_level": "0"})
    assert bad.status_code == 400 and "min_level" in bad.content.decode()


def test_the_background_excel_job_honours_the_conditions(
    client_as, recruiter, pool, monkeypatch, django_capture_on_commit_callbacks
):
    from candidates import services
    from jobs.models import Job

    monkeypatch.setattr(services, "CANDIDATE_XLSX_INLINE_LIMIT", 0)
    client = client_as(recruiter)
    body = client.get("/candidates/", BOTH).content.decode()
    assert '<input type="hidden" name="competency" value="web-analytics">' in body
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/candidates/export.xlsx", BOTH)
    job = Job.objects.get()
    assert response.status_code == 302 and job.state == "succeeded", job.message
    assert {"label": "Skill", "value": "SEO ≥ 4"} in job.result["summary"]
    download = client.get(f"/jobs/{job.pk}/download/")
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    rows = list(workbook["Candidates"].iter_rows(values_only=True))
    assert [row[1] for row in rows[1:]] == ["Ada"]


def test_the_search_box_looks_in_names_and_emails_like_the_api(client_as, pool):
    pool["cy"].email = "cy.sales@shop.example"
    pool["cy"].save()
    client = client_as("recruiter")
    assert listed(client.get("/candidates/", {"q": "cy.sales@"})) == ["Cy"]
    assert listed(client.get("/candidates/", {"q": "shop.example", **BOTH})) == []
    assert listed(client.get("/candidates/", {"q": "SEO"})) == []  # skills: the conditions

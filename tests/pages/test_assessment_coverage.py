"""Every place that shows a fit also says how many requirements are assessed, and a candidate
with none assessed is "Not assessed" — never "Blocked" like one assessed and failed."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from candidates import exports, scoring, selectors
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool(opening):
    """On the opening (director_role: 3 requirements, the first essential at level 4): one
    candidate assessed below the essential level on one requirement, one never assessed."""
    assessed, fresh = opening.candidates.order_by("id")
    essential = opening.role.requirements.get(essential=True)
    factories.AssessmentFactory(candidate=assessed, competency=essential.competency, level=2)
    return {"assessed": assessed, "fresh": fresh, "essential": essential}


def test_fit_status_rule():
    assert scoring.fit_status(eligible=False, assessed=0) == "not_assessed"
    assert scoring.fit_status(eligible=True, assessed=0) == "not_assessed"
    assert scoring.fit_status(eligible=False, assessed=1) == "blocked"
    assert scoring.fit_status(eligible=True, assessed=3) == "eligible"
    assert str(scoring.Coverage(3, 20)) == "3 of 20 assessed"


def test_candidate_page_says_not_assessed_for_a_new_candidate(client_as, recruiter, pool):
    fresh = pool["fresh"]
    body = client_as(recruiter).get(f"/candidates/{fresh.pk}/").content.decode()
    assert "0 of 3 assessed" in body
    assert '<span class="badge not-assessed">Not assessed</span>' in body
    assert '<span class="badge blocked">Blocked</span>' not in body
    assert "has been assessed yet" in body
    assert 'class="reason-not_assessed"' in body


def test_candidate_page_says_coverage_and_blocked_when_assessed(client_as, recruiter, pool):
    body = client_as(recruiter).get(f"/candidates/{pool['assessed'].pk}/").content.decode()
    assert "1 of 3 assessed" in body
    assert '<span class="badge blocked">Blocked</span>' in body
    assert 'class="reason-below_level"' in body
    assert '<span class="delta not-assessed">not assessed</span>' in body  # the other rows


def test_opening_ranking_and_comparison_show_coverage(client_as, recruiter, opening, pool):
    client = client_as(recruiter)
    body = client.get(f"/openings/{opening.pk}/").content.decode()
    assert "1 of 3 assessed" in body and "0 of 3 assessed" in body
    assert body.count('<span class="badge not-assessed">Not assessed</span>') == 1
    body = client.get(f"/openings/{opening.pk}/compare/").content.decode()
    assert body.count("0 of 3 assessed") >= 2  # the ranking and the matrix's column head
    assert '<span class="badge not-assessed">Not assessed</span>' in body


def test_comparison_xlsx_has_status_and_coverage(client_as, recruiter, opening, pool):
    response = client_as(recruiter).get(f"/openings/{opening.pk}/compare.xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content))["Ranking"].values)
    header, first, second = rows
    assert header[8:10] == ("Status", "Requirements assessed")
    by_name = {row[1]: row for row in (first, second)}
    assert by_name[pool["assessed"].name][8:10] == ("Blocked", "1 of 3 assessed")
    assert by_name[pool["fresh"].name][8:10] == ("Not assessed", "0 of 3 assessed")


def test_api_ranking_fit_and_comparison_carry_status_and_coverage(client_for, recruiter, pool):
    api = client_for(recruiter)
    role = pool["essential"].role
    opening = pool["assessed"].openings.get()
    rows = api.get(f"/api/v1/roles/{role.slug}/ranking/?opening={opening.pk}").json()["results"]
    by_id = {row["candidate"]: row for row in rows}
    fresh, assessed = by_id[pool["fresh"].pk], by_id[pool["assessed"].pk]
    assert (fresh["status"], fresh["coverage"]) == ("not_assessed", {"assessed": 0, "required": 3})
    assert fresh["eligible"] is False and fresh["assessed"] == 0  # the v1 fields stay
    assert [r["kind"] for r in fresh["reasons"]][:1] == ["not_assessed"]
    assert (assessed["status"], assessed["coverage"]) == ("blocked", {"assessed": 1, "required": 3})
    assert assessed["reasons"][0]["kind"] == "below_level"

    for read in ("fit", "development-plan"):
        body = api.get(f"/api/v1/candidates/{pool['fresh'].pk}/{read}/?role={role.slug}").json()
        assert (body["status"], body["coverage"]) == (
            "not_assessed",
            {"assessed": 0, "required": 3},
        ), read

    compared = api.post(
        "/api/v1/comparisons/",
        {"role": role.slug, "candidates": [pool["fresh"].pk, pool["assessed"].pk]},
        format="json",
    ).json()
    statuses = {row["candidate"]: row["status"] for row in compared["ranking"]}
    assert statuses == {pool["fresh"].pk: "not_assessed", pool["assessed"].pk: "blocked"}


def test_the_pdf_report_says_status_and_coverage(opening, pool, hr_user):
    report = selectors.opening_report(opening, made_by=hr_user)
    content = exports.opening_report_pdf(report)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Not assessed" in text and "0 of 3 assessed" in text
    assert "Blocked" in text and "1 of 3 assessed" in text

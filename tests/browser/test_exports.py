"""Exports in a real browser: the compare page's Excel download and PDF report (made by a job,
downloaded from the job's page), and the candidate list's CSV with its filter."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser]


def test_recruiter_exports_the_director_comparison(demo, page):
    sign_in(page, "recruiter")
    page.goto("/openings/")
    page.get_by_role("link", name="E-commerce Director (succession)").click()
    page.get_by_role("link", name="Compare candidates").click()
    # The Excel file downloads at once
    with page.expect_download() as excel:
        page.get_by_role("link", name="Download Excel").click()
    assert excel.value.suggested_filename.endswith("-comparison.xlsx")
    # The PDF report is made in the background, then downloads from the job's page
    page.get_by_role("button", name="PDF report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opening report")
    expect(page.locator("[data-job-field='state']")).to_have_text("Finished")
    screenshot(page, "opening-report-job")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    with open(pdf.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_recruiter_exports_the_filtered_candidate_list(demo, page):
    sign_in(page, "recruiter")
    page.goto("/candidates/?source=internal")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    assert download.value.suggested_filename.startswith("candidates-")
    with open(download.value.path(), encoding="utf-8-sig") as handle:
        lines = handle.read().splitlines()
    assert lines[0].startswith("ID,Name,Email,Source")
    assert len(lines) > 1 and all("Internal" in line for line in lines[1:])

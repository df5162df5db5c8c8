"""The acceptance journeys of the pages issue, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from candidates.models import Assessment, Candidate
from roles.models import RoleRequirement
from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser]

DIRECTOR_OPENING = "E-commerce Director (succession)"


def radar_series_drawn(page) -> int:
    """How many candidates the comparison's one radar chart overlays, after checking that it
    is drawn: every polygon has a size and a coloured stroke, and the requirement is dashed
    (its styles come from app.css, so a blocked stylesheet fails here)."""
    drawn = page.eval_on_selector(
        ".radar-svg",
        """svg => {
            const required = svg.querySelector("polygon.series-required");
            const series = [...svg.querySelectorAll("g.series polygon")];
            const sized = el => { const b = el.getBBox(); return b.width > 0 && b.height > 0; };
            const stroked = el => getComputedStyle(el).stroke !== "none";
            return {
                dashed: getComputedStyle(required).strokeDasharray !== "none",
                ok: [required, ...series].every(el => sized(el) && stroked(el)),
                colours: new Set(series.map(el => getComputedStyle(el).stroke)).size,
                count: series.length,
            };
        }""",
    )
    assert drawn["dashed"] and drawn["ok"], drawn
    assert drawn["colours"] == drawn["count"], "each candidate has a colour of its own"
    return drawn["count"]


def test_recruiter_compares_the_director_candidates(demo, page):
    # Given the recruiter on the Director opening's hiring team
    sign_in(page, "recruiter")
    # When they open the opening from the list
    page.get_by_role("link", name="Openings").click()
    page.get_by_role("link", name=DIRECTOR_OPENING).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DIRECTOR_OPENING)
    ranking = page.locator("table.ranking tbody tr")
    expect(ranking).to_have_count(4)
    expect(ranking.first).to_contain_text("Eligible")
    expect(page.locator("table.ranking")).to_contain_text("Blocked")
    # And compare its candidates
    page.get_by_role("link", name="Compare candidates").click()
    # Then the ranking, the matrix and one radar chart overlaying every candidate are shown
    expect(page.get_by_role("heading", name="Ranking")).to_be_visible()
    expect(page.locator("table.ranking tbody tr")).to_have_count(4)
    expect(page.locator("table.matrix tbody tr")).to_have_count(20)
    expect(page.locator("table.matrix td.gap-2").first).to_be_visible()
    expect(page.locator(".radar-svg")).to_have_count(1)
    assert radar_series_drawn(page) == 4
    expect(page.locator(".radar-legend li")).to_have_count(5)  # the requirement + 4
    names = page.locator("table.ranking tbody th a").all_inner_texts()
    assert names[0] == "Linh Tran"
    # And the CSV is one click away
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename.endswith("-comparison.csv")
    screenshot(page, "comparison")


def test_recruiter_adds_an_assessment_and_sees_the_fit_change(demo, page):
    sign_in(page, "recruiter")
    page.goto("/openings/")
    page.get_by_role("link", name=DIRECTOR_OPENING).click()
    page.get_by_role("link", name="Sofia Alvarez").click()
    fit_value = page.locator(".fit-big .fit-value")
    before = float(fit_value.inner_text().rstrip("%"))
    # Sofia is 1 short on the essential budget requirement; assess her at the top level.
    page.get_by_label("Competency", exact=True).select_option(label="Budget, P&L & ROI management")
    page.get_by_label("Level", exact=True).select_option("5")
    page.get_by_label("Evidence", exact=True).fill("Owned the 2025 budget cycle end to end.")
    page.get_by_role("button", name="Add assessment").click()
    expect(page.locator(".message")).to_contain_text("Assessment added")
    after = float(fit_value.inner_text().rstrip("%"))
    assert after > before
    expect(page.locator(".message")).to_contain_text(f"{before}% → {after}%")
    expect(page.locator("table.history tbody tr").first).to_contain_text(
        "Owned the 2025 budget cycle end to end."
    )
    assert Assessment.objects.filter(evidence__startswith="Owned the 2025").count() == 1


def test_recruiter_adds_a_candidate_and_ranks_them_on_the_director_opening(demo, page):
    # Given the recruiter on the Director opening's hiring team
    sign_in(page, "recruiter")
    nav = page.get_by_role("navigation", name="Main")
    # When they add a new candidate from the candidates list
    nav.get_by_role("link", name="Candidates").click()
    page.get_by_role("link", name="New candidate").click()
    page.get_by_label("Name", exact=True).fill("Nadia Petrova")
    page.get_by_label("Email", exact=True).fill("nadia.petrova@example.com")
    page.get_by_label("External", exact=True).check()
    page.get_by_label("Current role").select_option(label="E-commerce Manager")
    page.get_by_label("Years of experience").fill("9")
    page.get_by_role("button", name="Add candidate").click()
    expect(page.locator(".message")).to_contain_text("Candidate “Nadia Petrova” created.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nadia Petrova")
    # And put her on the Director opening from its edit page
    nav.get_by_role("link", name="Openings").click()
    page.get_by_role("link", name=DIRECTOR_OPENING).click()
    page.get_by_role("link", name="Edit opening").click()
    page.get_by_label("Nadia Petrova").check()
    page.get_by_role("button", name="Save changes").click()
    # Then the opening page ranks her with the others: never assessed, so last, and "Not
    # assessed" (not "Blocked" like a candidate assessed and failed)
    expect(page.locator(".message")).to_contain_text(f"Opening “{DIRECTOR_OPENING}” saved.")
    ranking = page.locator("table.ranking tbody tr")
    expect(ranking).to_have_count(5)
    expect(ranking.last).to_contain_text("Nadia Petrova")
    expect(ranking.last).to_contain_text("Not assessed")
    expect(ranking.last).to_contain_text("0 of ")
    expect(ranking.last).not_to_contain_text("Blocked")
    expect(ranking.last.locator(".fit-value")).to_have_text(re.compile(r"^0(\.0)?%$"))
    nadia = Candidate.objects.get(email="nadia.petrova@example.com")
    assert nadia.created_by.username == "recruiter"
    assert nadia.openings.get().title == DIRECTOR_OPENING
    screenshot(page, "opening-with-new-candidate")


def test_invalid_assessment_shows_field_errors(demo, page, watch):
    watch.allow(r"HTTP 400 .*/candidates/\d+/")  # the invalid form answers 400, as it should
    watch.allow(r"console error: Failed to load resource: .* 400")
    sign_in(page, "recruiter")
    page.goto("/openings/")
    page.get_by_role("link", name=DIRECTOR_OPENING).click()
    page.get_by_role("link", name="Linh Tran").click()
    count = Assessment.objects.count()
    page.get_by_role("button", name="Add assessment").click()
    expect(page.locator(".add-assessment .form-errors")).to_contain_text("Nothing was saved.")
    expect(page.locator("#id_competency_error")).to_contain_text("This field is required.")
    assert Assessment.objects.count() == count


def test_hr_edits_a_requirement_and_the_profile_changes(demo, page):
    sign_in(page, "hr")
    page.goto("/roles/ecommerce-director/")
    page.get_by_role("link", name="Edit role").click()
    requirement = RoleRequirement.objects.get(
        role__slug="ecommerce-director", competency__slug="emerging-technology"
    )
    assert requirement.required_level == 3
    # Find the row holding "Emerging technology" and raise it to Expert.
    rows = page.locator("[data-formset-body] tr")
    index = next(
        i
        for i in range(rows.count())
        if rows.nth(i).locator("select[name$='-competency']").input_value()
        == str(requirement.competency_id)
    )
    rows.nth(index).locator("select[name$='-required_level']").select_option("5")
    # The "Add a requirement" button (progressive enhancement) adds a blank row.
    total = page.locator("input[name='requirements-TOTAL_FORMS']")
    before_rows = int(total.input_value())
    page.get_by_role("button", name="Add a requirement").click()
    assert int(total.input_value()) == before_rows + 1
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".message")).to_contain_text("Role “E-commerce Director” saved.")
    row = page.locator("table.requirements tr", has_text="Emerging technology")
    expect(row).to_contain_text("5 · Expert")
    expect(page.locator(".timeline li").first).to_contain_text(
        re.compile(r"Emerging technology .* changed: Level 3 → 5")
    )
    expect(page.locator(".timeline li").first).to_contain_text("Hannah Reyes")
    requirement.refresh_from_db()
    assert requirement.required_level == 5


def test_hr_sees_field_errors_and_nothing_is_saved(demo, page, watch):
    watch.allow(r"HTTP 400 .*/roles/new/")  # the invalid form answers 400, as it should
    watch.allow(r"console error: Failed to load resource: .* 400")
    sign_in(page, "hr")
    page.goto("/roles/new/")
    page.get_by_label("Title", exact=True).fill("E-commerce Director")  # taken
    page.get_by_label("Competency, row 1").select_option(label="Risk management")
    page.get_by_label("Weight, row 1").fill("0")
    page.get_by_role("button", name="Create role").click()
    expect(page.locator("#form-errors")).to_be_focused()
    expect(page.locator("#id_requirements-0-weight_error")).to_be_visible()
    from roles.models import Role

    assert Role.objects.filter(title="E-commerce Director").count() == 1


def test_viewer_cannot_reach_candidates(demo, page, watch):
    watch.allow(r"HTTP 403 .*/(openings|candidates|compare)/")
    watch.allow(r"console error: Failed to load resource: .* 403")
    sign_in(page, "viewer")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Roles")).to_be_visible()
    expect(nav.get_by_role("link", name="Openings")).to_have_count(0)
    expect(nav.get_by_role("link", name="Candidates")).to_have_count(0)
    for url in ("/openings/", "/openings/1/", "/candidates/", "/compare/"):
        response = page.goto(url)
        assert response.status == 403, url
        expect(page.get_by_role("heading", level=1)).to_have_text("This page is not open to you")
        expect(page.locator("body")).not_to_contain_text("Linh Tran")


def test_outside_recruiter_gets_404_for_the_director_opening(demo, page, watch):
    watch.allow(r"HTTP 404 ")
    watch.allow(r"console error: Failed to load resource: .* 404")
    sign_in(page, "recruiter2")
    page.goto("/openings/")
    expect(page.locator("main")).not_to_contain_text(DIRECTOR_OPENING)
    from candidates.models import Opening

    director = Opening.objects.get(title=DIRECTOR_OPENING)
    assert page.goto(f"/openings/{director.pk}/").status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("There is nothing here")


def test_pages_read_without_javascript(demo, page_factory):
    page = page_factory(javascript=False)
    sign_in(page, "recruiter")
    page.goto("/openings/")
    page.get_by_role("link", name=DIRECTOR_OPENING).click()
    page.get_by_role("link", name="Compare candidates").click()
    expect(page.locator("table.matrix tbody tr")).to_have_count(20)
    expect(page.locator("table.ranking tbody tr")).to_have_count(4)
    page.goto("/career-map/?start=ecommerce-staff&target=chief-customer-officer")
    expect(page.locator(".route-steps > li")).to_have_count(4)
    expect(page.locator("svg .map-node")).to_have_count(5)

"""Screenshots of the main pages, desktop and phone width, into test-artifacts/screenshots/
(git-ignored) — open them to check the pages look right."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from candidates.models import Candidate, Opening
from roles.models import Role
from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser]


AUDIT = """() => {
    const problems = [];
    const levels = [...document.querySelectorAll("main h1, main h2, main h3, main h4")]
        .map(h => Number(h.tagName[1]));
    if (levels.filter(level => level === 1).length !== 1) problems.push("not exactly one h1");
    levels.forEach((level, i) => {
        if (i && level > levels[i - 1] + 1) {
            problems.push(`heading skips ${levels[i - 1]}→${level}`);
        }
    });
    document.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(field => {
        const named = (field.labels && field.labels.length) || field.getAttribute("aria-label")
            || field.getAttribute("aria-labelledby");
        if (!named) problems.push(`unlabelled field ${field.name || field.id}`);
    });
    document.querySelectorAll("img:not([alt])").forEach(() => problems.push("image without alt"));
    return problems;
}"""


def test_screenshots_of_the_main_pages(demo, page_factory):
    page = page_factory(width=1280)
    sign_in(page, "recruiter")
    screenshot(page, "home")
    page.goto("/roles/ecommerce-director/")
    expect(page.get_by_role("heading", level=1)).to_have_text("E-commerce Director")
    screenshot(page, "role-profile")
    sofia = Candidate.objects.get(email="sofia.alvarez@example.com")
    page.goto(f"/career-map/?target=ecommerce-director&candidate={sofia.pk}")
    expect(page.locator(".map-node.on-route")).to_have_count(3)
    screenshot(page, "career-map")
    page.goto(f"/candidates/{sofia.pk}/")
    screenshot(page, "candidate")
    opening = Opening.objects.get(title="E-commerce Director (succession)")
    page.goto(f"/openings/{opening.pk}/compare/")
    expect(page.locator(".radar-svg g.series")).to_have_count(4)
    screenshot(page, "comparison-desktop")


def test_screenshots_at_phone_width(demo, page_factory):
    # People paste long links into summaries: one must wrap, not widen the pages it shows on.
    Role.objects.filter(slug="ecommerce-staff").update(
        summary="Entry-level member of the online team; see https://intranet.example.com/"
        "handbook/ecommerce/onboarding/roles/staff/responsibilities-and-expectations-2026-"
        "edition-final-v2 for the handbook."
    )
    page = page_factory(width=375, height=812)
    sign_in(page, "hr")
    screenshot(page, "phone-home")
    page.goto("/roles/ecommerce-director/")
    screenshot(page, "phone-role-profile")
    page.goto("/career-map/")
    screenshot(page, "phone-career-map")
    opening = Opening.objects.get(title="E-commerce Director (succession)")
    page.goto(f"/openings/{opening.pk}/compare/")
    expect(page.locator(".radar-svg g.series")).to_have_count(4)
    screenshot(page, "phone-comparison")
    page.goto("/roles/ecommerce-director/edit/")
    screenshot(page, "phone-role-edit")
    page.goto("/candidates/new/")
    screenshot(page, "phone-candidate-new")
    page.goto(f"/openings/{opening.pk}/edit/")
    screenshot(page, "phone-opening-edit")
    page.goto("/learning/new/")
    screenshot(page, "phone-resource-new")
    # Nothing may be wider than the phone (no sideways scrolling of the page itself), headings
    # go in order, and every field has a label.
    sofia = Candidate.objects.get(email="sofia.alvarez@example.com")
    for url in (
        "/",
        "/roles/",
        "/roles/ecommerce-staff/",
        "/roles/ecommerce-director/",
        "/roles/compare/?a=ecommerce-manager&b=ecommerce-director",
        "/career-map/?start=ecommerce-staff&target=chief-customer-officer",
        "/skills/",
        "/skills/team-leadership/",
        "/openings/",
        f"/openings/{opening.pk}/",
        f"/openings/{opening.pk}/compare/",
        f"/candidates/{sofia.pk}/",
        "/roles/ecommerce-director/edit/",
        "/skills/team-leadership/edit/",
        "/career-map/paths/new/",
        f"/compare/?role=ecommerce-director&candidates={sofia.pk}",
        "/candidates/new/",
        f"/candidates/{sofia.pk}/edit/",
        "/openings/new/",
        f"/openings/{opening.pk}/edit/",
        "/skills/categories/new/",
        "/skills/categories/strategy-vision/edit/",
        "/learning/",
        "/learning/new/",
    ):
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} is {overflow}px wider than the phone"
        assert page.evaluate(AUDIT) == [], url


def test_new_forms_with_their_errors_fit_a_phone(demo, page_factory, watch):
    """Submitted empty, each new form answers 400 with its errors, and still fits the phone."""
    watch.allow(r"HTTP 400 ")
    watch.allow(r"console error: Failed to load resource: .* 400")
    page = page_factory(width=375, height=812)
    sign_in(page, "hr")
    opening = Opening.objects.get(title="E-commerce Director (succession)")
    forms = [
        ("/candidates/new/", "Add candidate"),
        ("/openings/new/", "Create opening"),
        (f"/openings/{opening.pk}/edit/", "Save changes"),
        ("/skills/categories/new/", "Create category"),
        ("/learning/new/", "Create resource"),
    ]
    for url, button in forms:
        page.goto(url)
        if url.endswith("/edit/"):
            page.get_by_label("Title", exact=True).fill("")
        if url == "/learning/new/":  # one field wrong, the others kept as typed
            page.get_by_label("Title", exact=True).fill("Marketplace ads")
            page.get_by_label("Duration in weeks").fill("0")
        page.get_by_role("button", name=button).click()
        expect(page.locator("#form-errors")).to_be_focused()
        expect(page.locator(".errorlist").first).to_be_visible()
        # Chromium may report a few pixels of overflow while the page settles: wait for it.
        page.wait_for_function("document.documentElement.scrollWidth <= window.innerWidth")
        assert page.evaluate(AUDIT) == [], url
    screenshot(page, "phone-resource-errors")

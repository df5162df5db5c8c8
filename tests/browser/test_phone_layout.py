"""Phone-width layout (375 px) where people's text and wide data meet a narrow screen: long
unbroken strings wrap instead of widening the page, the ranking reads as cards with nothing
off-screen, the requirements matrix says that it scrolls sideways, and the career map keeps
readable text (scrolling sideways) with every title inside its box."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from candidates.models import Assessment, Candidate, Opening
from roles.models import PromotionPath, Role
from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser]

LONG_URL = (
    "https://intranet.example.com/handbook/ecommerce/onboarding/roles/staff/"
    "responsibilities-and-expectations-2026-edition-final-v2"
)
HUGE_WORD = "Supercalifragilistic" * 400  # 8,000 letters, no break opportunity

OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"

# Per element: how far it sticks out of the viewport on the right, and whether its own text is
# cut (its content wider than its box).
OFF_SCREEN = """selector => [...document.querySelectorAll(selector)].map(el => {
    const box = el.getBoundingClientRect();
    return {
        text: el.textContent.trim().slice(0, 40),
        right: Math.round(box.right - window.innerWidth),
        clipped: el.scrollWidth > el.clientWidth + 1,
        visible: box.width > 0 && box.height > 0,
    };
})"""


@pytest.fixture
def phone(page_factory):
    return page_factory(width=375, height=812)


def test_long_urls_and_words_in_peoples_text_never_widen_the_page(demo, phone):
    staff = Role.objects.get(slug="ecommerce-staff")
    staff.summary = f"Entry-level member; the handbook is at {LONG_URL} for everyone."
    staff.save()
    director = Role.objects.get(slug="ecommerce-director")
    director.summary = HUGE_WORD
    director.save()
    sofia = Candidate.objects.get(email="sofia.alvarez@example.com")
    sofia.notes = f"Portfolio: {LONG_URL} and {HUGE_WORD}"
    sofia.save()
    Assessment.objects.filter(candidate=sofia).update(evidence=HUGE_WORD)
    PromotionPath.objects.filter(from_role=staff).update(criteria=HUGE_WORD)
    opening = Opening.objects.get(title="E-commerce Director (succession)")

    sign_in(phone, "hr")
    for url in (
        "/",
        "/roles/",
        "/roles/ecommerce-staff/",
        "/roles/ecommerce-director/",
        "/career-map/",
        f"/candidates/{sofia.pk}/",
        f"/openings/{opening.pk}/",
    ):
        phone.goto(url)
        assert phone.evaluate(OVERFLOW) <= 0, f"{url} is wider than the phone"
    phone.goto("/")
    expect(phone.get_by_text("the handbook is at", exact=False)).to_be_visible()
    screenshot(phone, "phone-long-text-home")


@pytest.mark.parametrize("where", ["opening", "compare"])
def test_the_ranking_reads_at_phone_width(demo, phone, where):
    opening = Opening.objects.get(title="E-commerce Director (succession)")
    sign_in(phone, "recruiter")
    phone.goto(
        f"/openings/{opening.pk}/" if where == "opening" else f"/openings/{opening.pk}/compare/"
    )
    rows = phone.locator("table.ranking tbody tr")
    expect(rows).to_have_count(4)
    for selector in (
        "table.ranking .candidate",
        "table.ranking .fit-value",
        "table.ranking .eligibility",
        "table.ranking .reasons li",
        "table.ranking .shortfall",
    ):
        for cell in phone.evaluate(OFF_SCREEN, selector):
            assert cell["visible"], (selector, cell)
            assert cell["right"] <= 0, f"{selector} {cell['text']!r} is off-screen"
            assert not cell["clipped"], f"{selector} {cell['text']!r} is cut"
    # The fit reads in full ("97.3%", not "97.").
    expect(phone.locator("table.ranking .fit-value").first).to_have_text("97.3%")
    expect(phone.locator("table.ranking .shortfall").first).to_have_text("3 levels")
    assert (
        phone.locator("table.ranking .shortfall").first.evaluate(
            "el => getComputedStyle(el, '::before').content"
        )
        == '"Shortfall "'
    )
    expect(phone.locator("table.ranking thead")).to_be_hidden()
    assert phone.evaluate(OVERFLOW) <= 0
    # No sideways scrolling inside the ranking either.
    assert (
        phone.evaluate(
            "(() => { const s = document.querySelector('.ranking-scroll');"
            " return s.scrollWidth - s.clientWidth; })()"
        )
        <= 0
    )
    screenshot(phone, f"phone-ranking-{where}")


def test_the_ranking_stays_a_table_on_a_desktop(demo, page):
    opening = Opening.objects.get(title="E-commerce Director (succession)")
    sign_in(page, "recruiter")
    page.goto(f"/openings/{opening.pk}/")
    expect(page.locator("table.ranking thead")).to_be_visible()
    assert (
        page.evaluate("getComputedStyle(document.querySelector('table.ranking tbody tr')).display")
        == "table-row"
    )


def test_the_matrix_signals_that_it_scrolls_sideways(demo, phone):
    opening = Opening.objects.get(title="E-commerce Director (succession)")
    sign_in(phone, "recruiter")
    phone.goto(f"/openings/{opening.pk}/compare/")
    expect(phone.locator("#matrix-scroll-hint")).to_be_visible()
    frame = phone.locator(".matrix-section .scroll-frame")
    expect(frame).to_have_class("scroll-frame overflowing at-start")
    shadow = "el => getComputedStyle(el, '::after').opacity"
    frame.evaluate("el => new Promise(done => setTimeout(done, 400))")  # the fade-in
    assert frame.evaluate(shadow) == "1"
    # Each candidate's rank and fit in the header reads in full.
    for cell in phone.evaluate(OFF_SCREEN, "table.matrix .cand-fit"):
        assert not cell["clipped"], cell
    expect(phone.locator("table.matrix .cand-fit").first).to_have_text("#1 · 97.3%")
    # Scrolled to the end, the shadow goes: nothing more to see.
    phone.locator(".matrix-section .table-scroll").evaluate(
        "el => { el.scrollLeft = el.scrollWidth; }"
    )
    expect(frame).to_have_class("scroll-frame overflowing at-end")
    assert phone.evaluate(OVERFLOW) <= 0


def test_the_matrix_hint_hides_when_everything_fits(demo, page):
    opening = Opening.objects.get(title="E-commerce Director (succession)")
    sign_in(page, "recruiter")
    page.goto(f"/openings/{opening.pk}/compare/")
    expect(page.locator("#matrix-scroll-hint")).to_be_hidden()


def test_the_career_map_keeps_readable_text_at_phone_width(demo, phone):
    sign_in(phone, "viewer")
    phone.goto("/career-map/")
    title_px = phone.evaluate(
        "document.querySelector('.map-node text').getBoundingClientRect().height"
    )
    assert title_px >= 11, f"map titles are {title_px}px tall"
    scroller = phone.locator(".map-scroll")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth")
    expect(phone.locator("#career-map-hint")).to_be_visible()
    # The roles are in view at first, not the empty band beside the level names.
    node, frame = (
        phone.locator(selector).first.bounding_box() for selector in (".map-node", ".map-scroll")
    )
    assert frame["x"] <= node["x"] and node["x"] + node["width"] <= frame["x"] + frame["width"]
    # The accessible list of paths is still there.
    expect(phone.get_by_role("heading", name="Promotion paths")).to_be_visible()
    assert phone.evaluate(OVERFLOW) <= 0
    screenshot(phone, "phone-career-map-scroll")


def test_map_titles_stay_inside_their_boxes_with_many_roles_on_a_level(demo, page):
    for title in (
        "Marketplace Specialist",
        "Customer Service Representative, Team Lead",
        "Content & SEO Editor",
        "Junior Data Analyst (Web Analytics & Attribution)",
        "W" * 40,
    ):
        Role.objects.create(
            title=title, slug=f"extra-{Role.objects.count()}", level="staff", summary=""
        )
    sign_in(page, "viewer")
    page.goto("/career-map/")
    expect(page.locator(".map-node")).to_have_count(10)
    spills = page.evaluate(
        """() => [...document.querySelectorAll('.map-node')].flatMap(node => {
            const box = node.querySelector(':scope > rect').getBoundingClientRect();
            return [...node.querySelectorAll('text')].map(text => {
                const t = text.getBoundingClientRect();
                return {title: node.querySelector('title').textContent, line: text.textContent,
                        left: t.left - box.left, right: box.right - t.right};
            }).filter(t => t.left < -0.5 || t.right < -0.5);
        })"""
    )
    assert spills == []
    # A cut title keeps its full text as the box's tooltip.
    expect(page.locator(".map-node title", has_text="Junior Data Analyst (Web")).to_have_count(1)
    screenshot(page, "career-map-crowded-level")


def test_the_scorecard_works_at_phone_width(demo, phone):
    """Every requirement of the Director on one page at 375 px: rows stack, nothing sticks out,
    and one submit saves the rows given a level."""
    opening = Opening.objects.get(title="E-commerce Director (succession)")
    director = opening.role
    candidate = opening.candidates.order_by("id").first()
    before = Assessment.objects.filter(candidate=candidate).count()
    sign_in(phone, "recruiter")
    phone.goto(f"/candidates/{candidate.pk}/")
    phone.get_by_role("link", name=f"Score against {director.title}").first.click()
    rows = phone.locator(".scorecard-row")
    expect(rows).to_have_count(director.requirements.count())
    assert phone.evaluate(OVERFLOW) <= 0, "the scorecard is wider than the phone"
    for selector in (".scorecard-row legend", ".level-options label", ".scorecard-row textarea"):
        for cell in phone.evaluate(OFF_SCREEN, selector):
            assert cell["right"] <= 0, f"{selector} {cell['text']!r} is off-screen"
    # The level options stack: each below the one before, not side by side.
    tops = phone.evaluate(
        "[...document.querySelectorAll('.scorecard-row')[0]"
        ".querySelectorAll('.level-options li')].map(li => li.getBoundingClientRect().top)"
    )
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    screenshot(phone, "phone-scorecard")
    first, second = rows.nth(0), rows.nth(1)
    first.get_by_label("4 · Advanced").check()
    first.get_by_role("textbox").fill("Ran the marketplace launch.")
    second.get_by_label("3 · Practitioner").check()
    phone.get_by_role("button", name="Save scorecard").click()
    phone.wait_for_url(f"**/candidates/{candidate.pk}/?role={director.slug}#fit")
    expect(phone.get_by_text("2 assessments saved", exact=False)).to_be_visible()
    assert Assessment.objects.filter(candidate=candidate).count() == before + 2
    assert phone.evaluate(OVERFLOW) <= 0

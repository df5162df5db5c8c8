"""Phone-width layout (375 px) where people's text and wide data meet a narrow screen: long
unbroken strings wrap instead of widening the page, the ranking reads as cards with nothing
off-screen, the requirements matrix says that it scrolls sideways, and the career map keeps
readable text (scrolling sideways) with every title inside its box."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from candidates import selectors
from candidates.models import Assessment, Candidate, Opening
from roles.models import PromotionPath, Role
from tests.browser.conftest import screenshot, sign_in


def director_requirements() -> int:
    """How many requirements the demo framework gives the Director (the radar's axes)."""
    return Role.objects.get(slug="ecommerce-director").requirements.count()


def top_fit() -> str:
    """The Director opening's best stored fit, as the ranking prints it."""
    opening = Opening.objects.get(title="E-commerce Director (succession)")
    return str(selectors.opening_scores(opening).first().fit)


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
    expect(phone.locator("table.ranking .fit-value").first).to_have_text(f"{top_fit()}%")
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
    expect(phone.locator("table.matrix .cand-fit").first).to_have_text(f"#1 · {top_fit()}%")
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


# Every table row on the page: the ink of each cell's content (a Range's box, so text that runs
# out of its cell counts where it is drawn) and each pair of cells in a row whose ink
# intersects. Then every verdict — badges, status and fit cells, levels in the radar key — that
# lies outside the viewport sideways, is cut inside its own box, or is cut by an ancestor that
# clips (overflow other than visible). The matrix's candidate cells are left out of the second
# check (its row headings and their badges are not): it scrolls sideways inside its frame on
# purpose, with a hint (see test_the_matrix_signals_that_it_scrolls_sideways).
BOXES = """() => {
    const ink = el => {  // the union of the boxes of its visible text and badges
        const boxes = [];
        const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walk.nextNode(); node; node = walk.nextNode()) {
            const hidden = node.parentElement.closest(".visually-hidden");
            if (!node.textContent.trim() || hidden) continue;
            const r = document.createRange(); r.selectNodeContents(node);
            boxes.push(...r.getClientRects());
        }
        el.querySelectorAll(".badge").forEach(b => boxes.push(b.getBoundingClientRect()));
        const sized = boxes.filter(b => b.width > 0 && b.height > 0);
        if (!sized.length) return new DOMRect();
        const left = Math.min(...sized.map(b => b.left)), top = Math.min(...sized.map(b => b.top));
        return new DOMRect(left, top, Math.max(...sized.map(b => b.right)) - left,
                           Math.max(...sized.map(b => b.bottom)) - top);
    };
    const meets = (a, b) => a.width > 0 && b.width > 0 && a.left < b.right - 1
        && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const text = el => el.textContent.trim().replace(/\\s+/g, " ").slice(0, 50);
    const shown = el => {
        const b = el.getBoundingClientRect();
        return b.width > 0 && b.height > 0;
    };
    const overlaps = [];
    for (const row of document.querySelectorAll("table tr")) {
        const cells = [...row.children].filter(c => shown(c) && c.textContent.trim());
        for (let i = 0; i < cells.length; i++) for (let j = i + 1; j < cells.length; j++) {
            const [a, b] = [cells[i], cells[j]];
            if (meets(ink(a), ink(b))) overlaps.push([text(a), text(b)]);
        }
    }
    const verdicts = "table:not(.matrix) :is(.badge, .delta, td.status, .fit-value, .eligibility,"
        + " .shortfall, .series-level, .level-text), table.matrix th .badge";
    const cut = [];
    for (const el of document.querySelectorAll(verdicts)) {
        if (!shown(el)) continue;
        const box = el.getBoundingClientRect();
        if (box.left < -0.5 || box.right > window.innerWidth + 0.5) {
            cut.push([text(el), "outside the viewport"]); continue;
        }
        if (el.scrollWidth > el.clientWidth + 1) {
            cut.push([text(el), "cut in its box"]); continue;
        }
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            const style = getComputedStyle(up);
            if (style.overflowX === "visible" && style.overflowY === "visible") continue;
            const frame = up.getBoundingClientRect();
            if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5) {
                cut.push([text(el), "clipped by " + up.tagName + "." + up.className]); break;
            }
        }
    }
    return {overlaps, cut, verdicts: document.querySelectorAll(verdicts).length};
}"""


def test_every_table_reads_at_phone_width(demo, phone):
    """Issue 10: at 375 px the role's requirements, a candidate's fit and history, an opening's
    ranking, the comparison's radar key and the promotion paths read without overlap, and no
    verdict is off-screen or cut."""
    sofia = Candidate.objects.get(email="sofia.alvarez@example.com")
    opening = Opening.objects.get(title="E-commerce Director (succession)")
    sign_in(phone, "hr")
    for url, at_least in (
        ("/roles/ecommerce-director/", 5),
        (f"/candidates/{sofia.pk}/?role=ecommerce-director", director_requirements()),
        (f"/openings/{opening.pk}/", 8),
        (f"/openings/{opening.pk}/compare/", 80),
        ("/career-map/", 0),
    ):
        phone.goto(url)
        found = phone.evaluate(BOXES)
        assert found["overlaps"] == [], f"{url}: cells run into each other"
        assert found["cut"] == [], f"{url}: verdicts off-screen or cut"
        assert found["verdicts"] >= at_least, f"{url}: the check looked at too little"
        assert phone.evaluate(OVERFLOW) <= 0, f"{url} is wider than the phone"
    # The role's requirement rows: "5 · Expert", the weight and the Essential badge each whole.
    phone.goto("/roles/ecommerce-director/")
    row = phone.locator("table.requirements tbody tr", has=phone.locator(".badge.essential"))
    expect(row.first.locator(".level-text")).to_have_text("5 · Expert")
    screenshot(phone, "phone-role-requirements")
    # The candidate's fit rows keep Required and Status on screen.
    phone.goto(f"/candidates/{sofia.pk}/?role=ecommerce-director")
    status = phone.locator("table.fit-rows td.status").first
    status.scroll_into_view_if_needed()
    expect(status).to_be_in_viewport(ratio=1)
    assert status.evaluate("el => getComputedStyle(el, '::before').content") == '"Status "'
    screenshot(phone, "phone-candidate-fit")
    # One radar chart overlays the four candidates on the requirement; every axis number lies
    # inside the drawing and the screen (never clipped), at a readable size.
    phone.goto(f"/openings/{opening.pk}/compare/")
    expect(phone.locator(".radar-svg g.series")).to_have_count(4)
    labels = phone.evaluate(
        """() => {
            const frame = document.querySelector(".radar-svg").getBoundingClientRect();
            return [...document.querySelectorAll(".radar-svg .axis-label")].map(label => {
                const box = label.getBoundingClientRect();
                const size = label.querySelector("text").getBoundingClientRect().height;
                return {inside: box.left >= frame.left && box.right <= frame.right
                            && box.top >= frame.top && box.bottom <= frame.bottom
                            && box.left >= 0 && box.right <= window.innerWidth,
                        size};
            });
        }"""
    )
    assert len(labels) == director_requirements()
    assert all(label["inside"] for label in labels), labels
    assert min(label["size"] for label in labels) >= 11, labels
    screenshot(phone, "phone-radar")


def test_the_check_sees_a_table_that_does_not_fit(demo, phone):
    """The control: the same check on the role page with the phone stylesheet's stacking turned
    off (the tables as they were) finds the overlap or the cut badge it is there to find."""
    sign_in(phone, "hr")
    phone.goto("/roles/ecommerce-director/")
    phone.evaluate(
        "document.querySelectorAll('table.stack').forEach(t => t.classList.remove('stack'))"
    )
    found = phone.evaluate(BOXES)
    assert found["overlaps"] or found["cut"]


def test_the_radar_chart_needs_no_script(demo, page_factory):
    """The overlay is drawn on the server: with JavaScript off it shows the same four
    candidates over the dashed requirement, with its legend and key."""
    page = page_factory(width=375, height=812, javascript=False)
    sign_in(page, "recruiter")
    opening = Opening.objects.get(title="E-commerce Director (succession)")
    page.goto(f"/openings/{opening.pk}/compare/")
    expect(page.locator(".radar-svg g.series")).to_have_count(4)
    expect(page.locator(".radar-svg polygon.series-required")).to_have_count(1)
    expect(page.locator(".radar-legend li")).to_have_count(5)
    expect(page.locator("table.radar-table tbody tr")).to_have_count(director_requirements())
    expect(page.locator(".radar-svg")).to_be_visible()

"""The Content-Security-Policy in a real browser (issue 9): every page, signed in as HR, loads
with zero CSP violations and still works — the radar chart draws, the career map shows, the fit
bars have their length, the API docs render.

The pages are enumerated from Django's URL resolver, so a new page is swept automatically, and
the test fails until it has sample parameters here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import expect

from candidates.models import Candidate, Opening
from jobs.services import job_create, job_succeed
from roles.models import PromotionPath, Role
from skills.models import Competency, CompetencyCategory, LearningResource
from tests.browser.conftest import sign_in
from tests.browser.test_journeys import radar_series_drawn

pytestmark = [pytest.mark.browser]

# Recorded before any page script runs (Playwright injects this outside the page's CSP).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"}` +
        ` at ${event.sourceFile || document.location.pathname}:${event.lineNumber}`
    );
});
"""

# Not pages a browser opens: the admin and the API (their own sweeps below), POST-only actions
# (sign-out, the PDF report), and file downloads (CSV, Excel, JSON, import templates, job files).
NOT_PAGES = {"logout", "candidates:opening-report", "candidates:import-template", "jobs:download"}
DOWNLOAD_SUFFIXES = (".csv", ".xlsx", ".json")


def page_routes() -> Iterator[tuple[str, str]]:
    """(URL name, route) of every page outside the admin and the API."""

    def walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or ""
                walk_ns = f"{namespace}:{inner}".strip(":") if inner else namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), walk_ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield name, prefix + str(pattern.pattern)

    for name, route in walk(get_resolver().url_patterns, "", ""):
        if route.startswith(("admin/", "api/")) or route.endswith(DOWNLOAD_SUFFIXES):
            continue
        if name not in NOT_PAGES:
            yield name, route


def sample_kwargs() -> dict[str, Callable[[], dict[str, Any]]]:
    """URL name → the parameters of a sample object (demo data)."""
    director = {"slug": "ecommerce-director"}

    def opening() -> dict[str, Any]:
        return {"pk": Opening.objects.order_by("id").first().pk}

    def candidate() -> dict[str, Any]:
        return {"pk": Candidate.objects.order_by("id").first().pk}

    def reset_link() -> dict[str, Any]:
        user = get_user_model().objects.get(username="hr")
        return {
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        }

    def job() -> dict[str, Any]:
        hr = get_user_model().objects.get(username="hr")
        created = job_create(kind="candidate_import", created_by=hr)
        return {"pk": job_succeed(job_id=created.pk, result={}).pk}

    return {
        "jobs:detail": job,
        "roles:detail": lambda: director,
        "roles:edit": lambda: director,
        "roles:delete": lambda: director,
        "candidates:succession-board": lambda: director,
        "map:path-edit": lambda: {"pk": PromotionPath.objects.order_by("id").first().pk},
        "map:path-delete": lambda: {"pk": PromotionPath.objects.order_by("id").first().pk},
        "skills:category-edit": lambda: {
            "slug": CompetencyCategory.objects.order_by("id").first().slug
        },
        "skills:detail": lambda: {"slug": Competency.objects.order_by("id").first().slug},
        "skills:edit": lambda: {"slug": Competency.objects.order_by("id").first().slug},
        "learning:edit": lambda: {"slug": LearningResource.objects.order_by("id").first().slug},
        "candidates:opening-detail": opening,
        "candidates:opening-edit": opening,
        "candidates:opening-compare": opening,
        "candidates:candidate-detail": candidate,
        "candidates:candidate-edit": candidate,
        "candidates:candidate-erase": candidate,
        "candidates:candidate-scorecard": candidate,
        "password_reset_confirm": reset_link,
    }


def every_page_url() -> list[str]:
    samples = sample_kwargs()
    urls = []
    for name, route in page_routes():
        if "<" in route:
            assert name in samples, f"{name} ({route}) needs sample parameters in this test"
            urls.append(reverse(name, kwargs=samples[name]()))
        else:
            urls.append(reverse(name))
    # The same pages with their query parameters filled in (routes, comparisons, plans).
    candidate = Candidate.objects.order_by("id").first()
    director = Role.objects.get(slug="ecommerce-director")
    chosen = "&".join(f"candidates={c.pk}" for c in Candidate.objects.order_by("id")[:3])
    urls += [
        f"/roles/compare/?a=ecommerce-manager&b={director.slug}",
        f"/career-map/?start=ecommerce-staff&target={director.slug}&candidate={candidate.pk}",
        f"/candidates/{candidate.pk}/?role={director.slug}",
        f"/candidates/{candidate.pk}/scorecard/?role={director.slug}",
        f"/compare/?role={director.slug}&{chosen}",
        "/roles/?q=commerce&level=director",
    ]
    return urls


def admin_urls() -> list[str]:
    candidate = Candidate.objects.order_by("id").first()
    role = Role.objects.get(slug="ecommerce-director")
    return [
        "/admin/",
        "/admin/candidates/candidate/",
        f"/admin/candidates/candidate/{candidate.pk}/change/",
        f"/admin/candidates/candidate/{candidate.pk}/history/",
        "/admin/roles/role/",
        f"/admin/roles/role/{role.pk}/change/",
        "/admin/candidates/opening/add/",
    ]


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


@pytest.fixture
def hr_page(demo, page_factory, watch):
    page = page_factory()
    page.context.add_init_script(CSP_LISTENER)
    # Django's own account and admin pages link no icon, so the browser asks for /favicon.ico;
    # any other 404 is still caught, by its URL, through the response watch.
    watch.allow(r"^HTTP 404 http://127\.0\.0\.1:\d+/favicon\.ico$")
    watch.allow(r"^console error: Failed to load resource: .* 404 \(Not Found\)$")
    sign_in(page, "hr")
    return page


def visit(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("load")
    return [f"{url}: {problem}" for problem in violations(page)]


def test_every_page_loads_with_no_csp_violation(hr_page, watch):
    urls = every_page_url()
    assert len(urls) >= 40  # the whole site, not a sample
    found: list[str] = []
    for url in urls:
        found += visit(hr_page, url)
    csp_console = [p for p in watch.problems if "Content Security Policy" in p]
    assert found == [] and csp_console == [], found + csp_console


def test_the_admin_and_the_api_docs_load_with_no_csp_violation(hr_page, watch):
    found: list[str] = []
    for url in admin_urls():
        found += visit(hr_page, url)
    found += visit(hr_page, "/api/docs/")
    hr_page.wait_for_selector(".swagger-ui .opblock")
    assert hr_page.locator(".opblock").count() > 40
    found += [f"/api/docs/: {problem}" for problem in violations(hr_page)]
    csp_console = [p for p in watch.problems if "Content Security Policy" in p]
    assert found == [] and csp_console == [], found + csp_console


def test_pages_still_work_under_the_policy(hr_page):
    # The comparison's radar chart draws (server-side SVG styled by app.css classes)
    opening = Opening.objects.order_by("id").first()
    hr_page.goto(f"/openings/{opening.pk}/compare/")
    expect(hr_page.locator(".radar-svg")).to_be_visible()
    assert radar_series_drawn(hr_page) >= 1
    # The fit bars have their length from classes, not style attributes
    hr_page.goto(f"/openings/{opening.pk}/")
    bar = hr_page.locator(".fit-bar > span").first
    track = hr_page.locator(".fit-bar").first
    fit = float(hr_page.locator(".fit-value").first.inner_text().rstrip("%"))
    ratio = bar.bounding_box()["width"] / track.bounding_box()["width"]
    assert abs(ratio - fit / 100) < 0.02, (ratio, fit)
    # The career map's SVG shows, at least its readable width, filling a wide frame
    hr_page.goto("/career-map/")
    svg = hr_page.locator(".career-map svg")
    expect(svg).to_be_visible()
    expect(hr_page.locator(".map-node").first).to_be_visible()
    frame = hr_page.locator(".map-scroll").bounding_box()
    drawn = svg.bounding_box()
    assert drawn["width"] >= int(svg.get_attribute("width"))
    assert abs(drawn["width"] - frame["width"]) < 2 or drawn["width"] > frame["width"]
    assert drawn["height"] > 200
    assert violations(hr_page) == []


def test_the_lockout_page_obeys_the_policy(demo, page_factory, watch):
    page = page_factory()
    page.context.add_init_script(CSP_LISTENER)
    watch.allow(r"^HTTP 429 http://127\.0\.0\.1:\d+/accounts/login/$")
    watch.allow(r"^console error: Failed to load resource: .* 429 \(Too Many Requests\)$")
    for attempt in range(5):
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill("viewer")
        page.get_by_label("Password").fill(f"not-the-password-{attempt}")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in paused")
    expect(page.locator("main")).to_contain_text("Try again after")
    assert page.locator("link[rel=stylesheet]").count() >= 1
    assert violations(page) == []

"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Every page a test opens is watched: a console error, an uncaught exception, a failed request or
any request to a host other than 127.0.0.1 fails the test (the app must work offline). The live
server serves static files itself (pytest-django uses Django's StaticFilesHandler), so CSS and
Chart.js load exactly as the browser would fetch them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from candidates.groups import ensure_access_groups
from tests.conftest import require_service

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run beside
# one unless told that this is safe (it is: the test and its database calls are sequential).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
# Serve on 127.0.0.1 (not "localhost") so "no request leaves 127.0.0.1" can be checked literally.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DEMO_PASSWORD = "careerpath-demo"  # the documented demo login (candidates.demo)


@pytest.fixture(scope="session")
def browser():
    require_service(os.path.exists(CHROMIUM), f"Debian's Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db) -> None:
    """The default framework and the demo people, openings and assessments."""
    ensure_access_groups()  # a transactional test flushes the groups the migration made
    call_command("load_framework", verbosity=0)
    call_command("load_demo", force=True, verbosity=0)


class PageWatch:
    """What a page did: console errors, failed requests, and every URL it asked for."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.urls: list[str] = []
        self.allowed: list[re.Pattern[str]] = []

    def allow(self, pattern: str) -> None:
        """Tolerate problems matching ``pattern`` (e.g. the expected 403 of a forbidden page)."""
        self.allowed.append(re.compile(pattern))

    def record(self, problem: str) -> None:
        self.problems.append(problem)

    def unexpected(self) -> list[str]:
        return [p for p in self.problems if not any(a.search(p) for a in self.allowed)]

    def foreign_requests(self) -> list[str]:
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(url).hostname != "127.0.0.1"
        ]


@pytest.fixture
def watch() -> PageWatch:
    return PageWatch()


@pytest.fixture
def page_factory(browser, live_server, watch) -> Iterator:
    """``page_factory(width=1280, javascript=True)`` → a watched page in a fresh context."""
    contexts = []

    def make(width: int = 1280, height: int = 900, javascript: bool = True):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            base_url=live_server.url,
            java_script_enabled=javascript,
            locale="en-GB",
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on(
            "console",
            lambda message: (
                watch.record(f"console {message.type}: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda error: watch.record(f"page error: {error}"))
        page.on("request", lambda request: watch.urls.append(request.url))
        page.on(
            "requestfailed",
            # A request cut short by the next navigation (an icon, say) is not a failure.
            lambda request: (
                watch.record(f"request failed: {request.url} {request.failure}")
                if request.failure != "net::ERR_ABORTED"
                else None
            ),
        )
        page.on(
            "response",
            lambda response: (
                watch.record(f"HTTP {response.status} {response.url}")
                if response.status >= 400
                else None
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert watch.unexpected() == [], "console errors or failed requests"
    assert watch.urls, "the browser made no request at all"
    assert watch.foreign_requests() == [], "requests left 127.0.0.1"


@pytest.fixture
def page(page_factory):
    return page_factory()


def sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path

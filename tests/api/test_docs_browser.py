"""/api/docs/ renders offline in Chromium: Swagger UI and its assets come from this server
(drf-spectacular-sidecar), every operation is listed, and "Try it out" works with the browser's
session. Any request to a host other than 127.0.0.1 is blocked and fails the test."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client

from candidates.groups import ensure_access_groups
from careerpath.access import HR_GROUP
from tests import factories
from tests.conftest import require_service

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls beside one
# unless told it is safe (it is: the test and its database calls are sequential).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
# Serve on 127.0.0.1 (not "localhost") so "nothing leaves 127.0.0.1" can be checked literally.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.browser


def test_api_docs_render_offline_and_try_it_out_works(live_server, transactional_db):
    require_service(os.path.exists(CHROMIUM), f"Debian's Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    # Given an HR user signed in (the docs call the API with the browser's session)
    ensure_access_groups()
    hr = factories.UserFactory(username="docs-hr", group=HR_GROUP)
    factories.RoleFactory(slug="docs-role", title="Docs role")
    django_client = Client()
    django_client.force_login(hr)
    session = django_client.cookies[settings.SESSION_COOKIE_NAME].value

    foreign: list[str] = []
    problems: list[str] = []
    local_urls: list[str] = []

    def only_local(route) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("http", "https", "ws", "wss"):
            if urlsplit(url).hostname != "127.0.0.1":
                foreign.append(url)
                route.abort()
                return
            local_urls.append(url)
        route.continue_()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            context = browser.new_context(base_url=live_server.url)
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
            )
            page = context.new_page()
            page.set_default_timeout(20_000)
            page.route("**/*", only_local)
            page.on(
                "console",
                lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None,
            )
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            page.on(
                "response",
                lambda r: problems.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None,
            )

            # When the docs open
            page.goto("/api/docs/")
            page.wait_for_selector(".swagger-ui .info .title")

            # Then Swagger UI shows the API and every operation
            assert "CareerPath API" in page.inner_text(".swagger-ui .info .title")
            page.wait_for_selector(".opblock")
            assert page.locator(".opblock").count() == 60
            assert page.locator(".opblock-tag", has_text="candidates").count() == 1

            # And an operation can be tried out against the live API
            operation = page.locator("#operations-roles-roles_list")
            operation.locator(".opblock-summary").click()
            operation.get_by_role("button", name="Try it out").click()
            operation.get_by_role("button", name="Execute").click()
            status = operation.locator(
                ".live-responses-table tr.response .response-col_status"
            ).first
            status.wait_for()
            assert status.inner_text().strip() == "200"
            assert "docs-role" in operation.locator(".live-responses-table").inner_text()
        finally:
            browser.close()

    assert foreign == [], "requests left 127.0.0.1"
    assert problems == [], "console errors or failed requests"
    assert any("/static/drf_spectacular_sidecar/swagger-ui-dist/" in url for url in local_urls)
    assert any(url.endswith("/api/schema/") for url in local_urls)

"""In a real browser (which sends a textarea back with CRLF line endings): saving a role
without touching it records no change, and a real edit records exactly what changed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from roles.models import Role, RoleRequirement
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser]


def test_saving_an_untouched_role_records_nothing(demo, page):
    role = Role.objects.get(slug="ecommerce-director")
    assert "\n" in role.responsibilities  # multi-line text the browser sends back as CRLF
    rows, requirement_rows = role.history.count(), RoleRequirement.history.count()
    sign_in(page, "hr")
    page.goto(f"/roles/{role.slug}/edit/")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(f"**/roles/{role.slug}/")
    assert role.history.count() == rows
    assert RoleRequirement.history.count() == requirement_rows
    expect(page.locator(".change-changed")).to_have_count(0)

    page.goto(f"/roles/{role.slug}/edit/")
    kpis = page.get_by_label("KPIs")
    kpis.fill(kpis.input_value() + "\nNet promoter score")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(f"**/roles/{role.slug}/")
    assert role.history.count() == rows + 1
    changes = page.locator(".change-changed").first
    expect(changes).to_contain_text("KPIs edited")
    expect(changes).not_to_contain_text("Responsibilities edited")

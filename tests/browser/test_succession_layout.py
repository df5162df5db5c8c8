"""The succession board's three columns: side by side on a desktop, stacked at 375 px with
nothing wider than the phone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser]

BOXES = """() => [...document.querySelectorAll('.succession-column')].map(el => {
    const box = el.getBoundingClientRect();
    return {x: Math.round(box.x), y: Math.round(box.y), right: Math.round(box.right)};
})"""
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def test_the_columns_stack_at_phone_width(demo, page_factory):
    phone = page_factory(width=375, height=812)
    sign_in(phone, "hr")
    phone.goto("/succession/ecommerce-director/")

    boxes = phone.evaluate(BOXES)
    assert len(boxes) == 3
    assert len({box["x"] for box in boxes}) == 1  # one above the other
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]
    assert all(box["right"] <= 375 for box in boxes)
    assert phone.evaluate(OVERFLOW) <= 0
    screenshot(phone, "phone-succession-board")


def test_the_columns_sit_side_by_side_on_a_desktop(demo, page):
    sign_in(page, "hr")
    page.goto("/succession/ecommerce-director/")

    boxes = page.evaluate(BOXES)
    assert len(boxes) == 3
    assert len({box["y"] for box in boxes}) == 1
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    screenshot(page, "desktop-succession-board")

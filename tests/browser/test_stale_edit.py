"""Two people edit one opening in two browsers (issue 9): the later save is refused, says who
changed it, keeps what was typed, and a second click then saves it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from candidates.models import Opening
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser]

DIRECTOR_OPENING = "E-commerce Director (succession)"


def test_the_later_of_two_saves_is_warned_and_keeps_its_input(demo, page_factory, watch):
    watch.allow(r"HTTP 409 .*/openings/\d+/edit/")  # the stale save answers 409, as it should
    watch.allow(r"console error: Failed to load resource: .* 409")
    opening = Opening.objects.get(title=DIRECTOR_OPENING)
    edit_url = f"/openings/{opening.pk}/edit/"
    # Given HR and the recruiter on its hiring team, each with the opening's edit page open
    hr, recruiter = page_factory(), page_factory()
    sign_in(hr, "hr")
    sign_in(recruiter, "recruiter")
    hr.goto(edit_url)
    recruiter.goto(edit_url)
    # When the recruiter renames it and saves first
    recruiter.get_by_label("Title").fill("E-commerce Director (succession, 2027)")
    recruiter.get_by_role("button", name="Save changes").click()
    expect(recruiter.locator(".message")).to_contain_text("saved")
    # And HR, on the page opened before, types a title of their own and saves
    hr.get_by_label("Title").fill("E-commerce Director (interim)")
    hr.get_by_role("button", name="Save changes").click()
    # Then HR is told who changed it, nothing of theirs is saved, and their text is still there
    errors = hr.locator("#form-errors")
    expect(errors).to_contain_text("This opening was changed by Rafael Costa at ")
    expect(errors).to_contain_text("since you opened it")
    expect(hr.get_by_label("Title")).to_have_value("E-commerce Director (interim)")
    opening.refresh_from_db()
    assert opening.title == "E-commerce Director (succession, 2027)"
    # And saving again, having seen the warning, saves HR's title
    hr.get_by_role("button", name="Save changes").click()
    expect(hr.locator(".message")).to_contain_text("saved")
    opening.refresh_from_db()
    assert (opening.title, opening.version) == ("E-commerce Director (interim)", 3)

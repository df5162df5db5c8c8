"""Edit pages carry the version they were opened at (issue 9): a save made after someone else's
is refused with the user's input kept and a message naming who changed it and when; saving
again then overwrites deliberately."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.urls import reverse

from candidates import services as recruiting
from roles import services as framework
from skills import services as skills
from tests import factories
from tests.pages.conftest import post_data

pytestmark = pytest.mark.django_db


def posted(response: Any) -> dict[str, Any]:
    """What the browser would post back from the page as it came (formset rows included)."""
    formset = response.context.get("formset")
    rows = [formset.management_form, *formset.forms] if formset is not None else []
    return post_data(response.context["form"], *rows)


@dataclass(frozen=True)
class EditPage:
    make: Callable[[Any], models.Model]
    url: Callable[[models.Model], str]
    field: str
    theirs: Callable[[models.Model], Any]  # someone else's save, through the service
    their_field: str
    their_value: Any
    noun: str


def _path(request: Any) -> models.Model:
    return factories.PromotionPathFactory(
        from_role=factories.RoleFactory(level="manager"),
        to_role=factories.RoleFactory(level="director"),
    )


PAGES: dict[str, EditPage] = {
    "role": EditPage(
        lambda request: request.getfixturevalue("director_role"),
        lambda obj: reverse("roles:edit", args=[obj.slug]),
        "summary",
        lambda obj: framework.role_update(role=obj, min_years_experience=9),
        "min_years_experience",
        9,
        "role",
    ),
    "promotion path": EditPage(
        _path,
        lambda obj: reverse("map:path-edit", args=[obj.pk]),
        "criteria",
        lambda obj: framework.promotion_path_update(path=obj, typical_years=5),
        "typical_years",
        5,
        "promotion path",
    ),
    "competency": EditPage(
        lambda request: factories.CompetencyFactory(),
        lambda obj: reverse("skills:edit", args=[obj.slug]),
        "description",
        lambda obj: skills.competency_update(competency=obj, name="Renamed elsewhere"),
        "name",
        "Renamed elsewhere",
        "competency",
    ),
    "learning resource": EditPage(
        lambda request: factories.LearningResourceFactory(),
        lambda obj: reverse("learning:edit", args=[obj.slug]),
        "description",
        lambda obj: skills.learning_resource_update(resource=obj, duration_weeks=9),
        "duration_weeks",
        9,
        "learning resource",
    ),
    "candidate": EditPage(
        lambda request: factories.CandidateFactory(),
        lambda obj: reverse("candidates:candidate-edit", args=[obj.pk]),
        "notes",
        lambda obj: recruiting.candidate_update(candidate=obj, years_experience=9),
        "years_experience",
        9,
        "candidate",
    ),
    "opening": EditPage(
        lambda request: request.getfixturevalue("opening"),
        lambda obj: reverse("candidates:opening-edit", args=[obj.pk]),
        "title",
        lambda obj: recruiting.opening_update(opening=obj, status="closed"),
        "status",
        "closed",
        "opening",
    ),
}


@pytest.fixture(params=list(PAGES))
def page(request) -> tuple[EditPage, models.Model]:
    kind = PAGES[request.param]
    return kind, kind.make(request)


def fresh(obj: models.Model) -> models.Model:
    return type(obj)._default_manager.get(pk=obj.pk)


def test_the_edit_page_carries_the_version_in_a_hidden_field(client_as, page):
    kind, obj = page
    response = client_as("hr").get(kind.url(obj))
    assert response.status_code == 200
    assert '<input type="hidden" name="version" value="1"' in response.content.decode()


def test_a_save_after_someone_elses_is_refused_with_the_input_kept(client_as, page):
    """Given the page open at version 1, when someone else saves (through the services, as
    another user) and then the user saves, then nothing of the user's is saved, the page says
    who changed it, and the user's text is still in the form."""
    kind, obj = page
    client = client_as("hr")
    data = posted(client.get(kind.url(obj)))
    theirs = fresh(obj)
    theirs._history_user = factories.UserFactory(username="bob-elsewhere")  # who saves it
    kind.theirs(theirs)
    data[kind.field] = "My own words, typed before the other save."

    response = client.post(kind.url(obj), data)

    body = response.content.decode()
    assert response.status_code == 409
    assert f"This {kind.noun} was changed by bob-elsewhere at " in body
    assert "since you opened it" in body
    assert "My own words, typed before the other save." in body
    assert '<input type="hidden" name="version" value="2"' in body  # saving again overwrites
    saved = fresh(obj)
    assert getattr(saved, kind.their_field) == kind.their_value
    assert getattr(saved, kind.field) != "My own words, typed before the other save."
    assert saved.version == 2


def test_saving_again_after_the_warning_overwrites_deliberately(client_as, page):
    kind, obj = page
    client = client_as("hr")
    data = posted(client.get(kind.url(obj)))
    kind.theirs(fresh(obj))
    data[kind.field] = "Mine."
    warned = client.post(kind.url(obj), data)
    assert warned.status_code == 409
    again = posted(warned)
    response = client.post(kind.url(obj), again)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = fresh(obj)
    assert (getattr(saved, kind.field), saved.version) == ("Mine.", 3)


def test_an_up_to_date_save_raises_the_version(client_as, page):
    kind, obj = page
    client = client_as("hr")
    data = posted(client.get(kind.url(obj)))
    data[kind.field] = "Mine."
    response = client.post(kind.url(obj), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = fresh(obj)
    assert (getattr(saved, kind.field), saved.version) == ("Mine.", 2)


def test_a_stale_message_says_someone_when_history_names_nobody(client_as, director_role):
    client = client_as("hr")
    url = reverse("roles:edit", args=[director_role.slug])
    data = posted(client.get(url))
    framework.role_update(role=director_role, summary="Changed by a script.")
    director_role.history.update(history_user=None)
    response = client.post(url, data)
    assert response.status_code == 409
    assert "This role was changed by someone at " in response.content.decode()


@pytest.mark.parametrize("version", ["abc", "0", "-3", "99999999999"])
def test_a_damaged_version_is_an_error_at_the_top_of_the_form(client_as, director_role, version):
    client = client_as("hr")
    url = reverse("roles:edit", args=[director_role.slug])
    data = posted(client.get(url))
    data["version"] = version
    data["summary"] = "Mine."
    response = client.post(url, data)
    assert response.status_code == 400
    assert "This page&#x27;s form is damaged" in response.content.decode()
    assert fresh(director_role).summary != "Mine."

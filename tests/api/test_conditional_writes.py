"""Optimistic locking through the API (issue 9): ETag and ``version`` on every editable object,
``If-Match`` → 412, a stale body ``version`` → 409, and no header still works (v1 is stable)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models

from candidates import services
from roles.models import PromotionPath, Role
from skills.models import Competency, LearningResource
from tests import factories
from tests.api.conftest import BASE, assert_error


@dataclass(frozen=True)
class Editable:
    """One kind of versioned object: how to make one, its URL, and a change to send."""

    make: Callable[[Any], models.Model]
    url: Callable[[models.Model], str]
    field: str
    new_value: Any
    deletable: bool


def _path(request: Any) -> PromotionPath:
    return factories.PromotionPathFactory(
        from_role=factories.RoleFactory(level="manager"),
        to_role=factories.RoleFactory(level="director"),
    )


EDITABLE: dict[str, Editable] = {
    "role": Editable(
        lambda request: factories.RoleFactory(),
        lambda obj: f"{BASE}/roles/{obj.slug}/",
        "summary",
        "Runs the web shop.",
        True,
    ),
    "promotion path": Editable(
        _path,
        lambda obj: f"{BASE}/promotion-paths/{obj.pk}/",
        "criteria",
        "Two good years.",
        True,
    ),
    "competency": Editable(
        lambda request: factories.CompetencyFactory(),
        lambda obj: f"{BASE}/competencies/{obj.slug}/",
        "description",
        "Sells on marketplaces.",
        True,
    ),
    "learning resource": Editable(
        lambda request: factories.LearningResourceFactory(),
        lambda obj: f"{BASE}/learning-resources/{obj.slug}/",
        "provider",
        "Open University",
        True,
    ),
    "candidate": Editable(
        lambda request: factories.CandidateFactory(),
        lambda obj: f"{BASE}/candidates/{obj.pk}/",
        "notes",
        "Met at the fair.",
        False,
    ),
    "opening": Editable(
        lambda request: request.getfixturevalue("opening"),
        lambda obj: f"{BASE}/openings/{obj.pk}/",
        "title",
        "Director, north site",
        False,
    ),
}


@pytest.fixture(params=list(EDITABLE))
def editable(request, db) -> tuple[Editable, models.Model]:
    kind = EDITABLE[request.param]
    return kind, kind.make(request)


@pytest.fixture
def hr(client_as):
    return client_as("hr")


def current(obj: models.Model) -> models.Model:
    return type(obj)._default_manager.get(pk=obj.pk)


def test_a_read_gives_the_version_in_the_body_and_the_etag(hr, editable):
    kind, obj = editable
    response = hr.get(kind.url(obj))
    assert response.status_code == 200
    assert response.json()["version"] == 1
    assert response["ETag"] == '"1"'


def test_a_write_with_the_current_etag_saves_and_answers_the_next_one(hr, editable):
    kind, obj = editable
    response = hr.patch(kind.url(obj), {kind.field: kind.new_value}, HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 2
    assert response["ETag"] == '"2"'
    saved = current(obj)
    assert (getattr(saved, kind.field), saved.version) == (kind.new_value, 2)


def test_a_write_with_a_stale_etag_is_412_and_changes_nothing(hr, editable):
    kind, obj = editable
    hr.patch(kind.url(obj), {kind.field: kind.new_value})  # someone saves: version 2
    before = current(obj)
    response = hr.patch(kind.url(obj), {kind.field: "Mine."}, HTTP_IF_MATCH='"1"')
    body = assert_error(response, 412, "precondition_failed", contains="was changed by hr-test")
    assert body["errors"] == {}
    after = current(obj)
    assert (getattr(after, kind.field), after.version) == (kind.new_value, before.version)


def test_a_write_with_a_stale_version_in_the_body_is_409_and_changes_nothing(hr, editable):
    kind, obj = editable
    hr.patch(kind.url(obj), {kind.field: kind.new_value})
    response = hr.patch(kind.url(obj), {kind.field: "Mine.", "version": 1})
    assert_error(response, 409, "conflict", contains="since you opened it")
    after = current(obj)
    assert (getattr(after, kind.field), after.version) == (kind.new_value, 2)


def test_a_write_with_the_current_version_in_the_body_saves(hr, editable):
    kind, obj = editable
    response = hr.patch(kind.url(obj), {kind.field: kind.new_value, "version": 1})
    assert response.status_code == 200, response.json()
    assert current(obj).version == 2


def test_a_write_without_a_version_stays_unconditional(hr, editable):
    """v1 is a stable contract: clients that never read an ETag keep working."""
    kind, obj = editable
    hr.patch(kind.url(obj), {kind.field: kind.new_value})
    response = hr.patch(kind.url(obj), {kind.field: "Second."})
    assert response.status_code == 200, response.json()
    assert (getattr(current(obj), kind.field), current(obj).version) == ("Second.", 3)


def test_if_match_star_only_asks_that_the_object_exists(hr, editable):
    kind, obj = editable
    response = hr.patch(kind.url(obj), {kind.field: kind.new_value}, HTTP_IF_MATCH="*")
    assert response.status_code == 200, response.json()


@pytest.mark.parametrize("header", ['"two"', "1", '"1", "2"', 'W/"x"', ""])
def test_an_if_match_that_is_not_one_of_our_tags_is_400(hr, editable, header):
    kind, obj = editable
    response = hr.patch(kind.url(obj), {kind.field: kind.new_value}, HTTP_IF_MATCH=header)
    assert_error(response, 400, "validation_error", field="If-Match")
    assert current(obj).version == 1


def test_a_weak_etag_is_read_as_the_version(hr, editable):
    kind, obj = editable
    response = hr.patch(kind.url(obj), {kind.field: kind.new_value}, HTTP_IF_MATCH='W/"1"')
    assert response.status_code == 200, response.json()


def test_if_match_and_body_version_that_disagree_are_412(hr, editable):
    kind, obj = editable
    response = hr.patch(
        kind.url(obj), {kind.field: kind.new_value, "version": 2}, HTTP_IF_MATCH='"1"'
    )
    assert_error(response, 412, "precondition_failed", contains="body says version 2")
    assert current(obj).version == 1


def test_a_write_that_changes_nothing_keeps_the_version(hr, editable):
    kind, obj = editable
    same = getattr(obj, kind.field)
    response = hr.patch(kind.url(obj), {kind.field: same}, HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.json()
    assert response["ETag"] == '"1"'


@pytest.mark.parametrize("name", [name for name, kind in EDITABLE.items() if kind.deletable])
def test_a_delete_with_a_stale_etag_is_412_and_deletes_nothing(request, hr, name):
    kind = EDITABLE[name]
    obj = kind.make(request)
    hr.patch(kind.url(obj), {kind.field: kind.new_value})
    response = hr.delete(kind.url(obj), HTTP_IF_MATCH='"1"')
    assert_error(response, 412, "precondition_failed")
    assert type(obj)._default_manager.filter(pk=obj.pk).exists()
    assert hr.delete(kind.url(obj), HTTP_IF_MATCH='"2"').status_code == 204
    assert not type(obj)._default_manager.filter(pk=obj.pk).exists()


def test_a_version_is_refused_from_those_who_may_not_write(client_as, editable):
    """The version check never runs before permissions: a viewer still gets 403."""
    kind, obj = editable
    response = client_as("viewer").patch(kind.url(obj), {kind.field: "x"}, HTTP_IF_MATCH='"1"')
    assert response.status_code in (403, 404)
    assert current(obj).version == 1


# --- What belongs to a role's version -------------------------------------------------------


def test_changing_a_roles_requirements_raises_its_version(hr, director_role):
    url = f"{BASE}/roles/{director_role.slug}/"
    requirements = hr.get(url).json()["requirements"]
    requirements[0]["weight"] = 9
    response = hr.patch(url, {"requirements": requirements}, HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 2
    # The same set again is no change: the version stays.
    again = hr.patch(url, {"requirements": requirements}, HTTP_IF_MATCH='"2"')
    assert again.json()["version"] == 2
    stale = hr.patch(url, {"requirements": requirements[:1]}, HTTP_IF_MATCH='"1"')
    assert_error(stale, 412, "precondition_failed")
    assert Role.objects.get(pk=director_role.pk).requirements.count() == 3


def test_changing_a_resources_competencies_raises_its_version(hr, db):
    resource = factories.LearningResourceFactory()
    competency = factories.CompetencyFactory()
    url = f"{BASE}/learning-resources/{resource.slug}/"
    response = hr.patch(url, {"competencies": [competency.slug]}, HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.json()
    assert LearningResource.objects.get(pk=resource.pk).version == 2


def test_changing_who_is_on_an_opening_raises_its_version(hr, opening):
    url = f"{BASE}/openings/{opening.pk}/"
    response = hr.patch(url, {"candidates": []}, HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 2


def test_adding_a_candidate_to_an_opening_from_the_candidates_side_raises_its_version(
    hr, hr_user, opening
):
    """Else an opening form opened before would put the old candidate list back."""
    services.candidate_create(
        created_by=hr_user,
        name="Ada",
        email="ada@example.com",
        source="external",
        openings=[opening],
    )
    assert hr.get(f"{BASE}/openings/{opening.pk}/").json()["version"] == 2


def test_a_competencys_indicators_belong_to_its_version(hr, db):
    competency = factories.CompetencyFactory()
    url = f"{BASE}/competencies/{competency.slug}/"
    response = hr.patch(
        url, {"indicators": [{"level": 2, "description": "Lists a product."}]}, HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200, response.json()
    assert Competency.objects.get(pk=competency.pk).version == 2


def test_a_stale_message_says_someone_when_history_names_nobody(hr, db):
    role = factories.RoleFactory()
    Role.objects.filter(pk=role.pk).update(version=5)  # changed outside the services
    role.history.update(history_user=None)
    response = hr.patch(f"{BASE}/roles/{role.slug}/", {"summary": "x"}, HTTP_IF_MATCH='"1"')
    assert_error(response, 412, "precondition_failed", contains="changed by someone at")


# --- The schema ------------------------------------------------------------------------------


def test_the_schema_documents_if_match_etag_412_and_409(db):
    from drf_spectacular.generators import SchemaGenerator

    document = SchemaGenerator().get_schema(request=None, public=True)
    operation = document["paths"]["/api/v1/roles/{slug}/"]["patch"]
    headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
    assert "If-Match" in headers
    assert {"409", "412"} <= set(operation["responses"])
    assert "ETag" in operation["responses"]["200"]["headers"]
    read = document["paths"]["/api/v1/roles/{slug}/"]["get"]
    assert "ETag" in read["responses"]["200"]["headers"]
    assert "412" not in read["responses"]
    listing = document["paths"]["/api/v1/roles/"]["get"]
    assert "412" not in listing["responses"]

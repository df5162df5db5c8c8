"""HR edits competency categories and learning resources in the app (through
``skills.services``), and everyone reads the learning resources list."""

from __future__ import annotations

import pytest

from skills.models import CompetencyCategory, LearningResource
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def category(db):
    return factories.CategoryFactory(slug="growth", name="Growth", position=3)


@pytest.fixture
def resource(db):
    competency = factories.CompetencyFactory(name="Growth hacking")
    return factories.LearningResourceFactory(
        slug="growth-course", title="Growth course", competencies=[competency]
    )


def category_data(**overrides) -> dict:
    data = {"name": "Marketplaces", "slug": "", "description": "Selling on them.", "position": "9"}
    data.update(overrides)
    return data


def resource_data(competencies=(), **overrides) -> dict:
    data = {
        "title": "Marketplace advertising certificate",
        "slug": "",
        "kind": "certificate",
        "provider": "Marketplace Academy",
        "duration_weeks": "6",
        "description": "Sponsored listings end to end.",
        "competencies": [competency.pk for competency in competencies],
    }
    data.update(overrides)
    return data


# --- Who may ---------------------------------------------------------------------------------


def edit_urls(category, resource) -> list[str]:
    return [
        "/skills/categories/new/",
        f"/skills/categories/{category.slug}/edit/",
        "/learning/new/",
        f"/learning/{resource.slug}/edit/",
    ]


def test_only_hr_reaches_the_framework_forms(
    client_as, hr_user, recruiter, outside_recruiter, viewer, category, resource
):
    for url in edit_urls(category, resource):
        assert client_as(hr_user).get(url).status_code == 200, url
        assert client_as(recruiter).get(url).status_code == 403, url
        assert client_as(outside_recruiter).get(url).status_code == 403, url
        assert client_as(viewer).get(url).status_code == 403, url
        response = client_as(None).get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


def test_others_cannot_post_framework_changes(client_as, recruiter, viewer, category, resource):
    posts = [
        ("/skills/categories/new/", category_data()),
        (f"/skills/categories/{category.slug}/edit/", category_data(name="Hacked")),
        ("/learning/new/", resource_data()),
        (f"/learning/{resource.slug}/edit/", resource_data(title="Hacked")),
    ]
    for user in (recruiter, viewer):
        for url, data in posts:
            assert client_as(user).post(url, data).status_code == 403, url
    assert not CompetencyCategory.objects.filter(name__in=["Marketplaces", "Hacked"]).exists()
    assert list(LearningResource.objects.values_list("title", flat=True)) == ["Growth course"]


def test_unknown_category_or_resource_is_404(client_as, hr_user):
    assert client_as(hr_user).get("/skills/categories/nope/edit/").status_code == 404
    assert client_as(hr_user).get("/learning/nope/edit/").status_code == 404


def test_everyone_reads_the_learning_resources(client_as, hr_user, recruiter, viewer, resource):
    for user in (hr_user, recruiter, viewer):
        response = client_as(user).get("/learning/")
        assert response.status_code == 200
        assert "Growth course" in response.content.decode()
    assert client_as(None).get("/learning/").status_code == 302
    assert 'href="/learning/growth-course/edit/"' in (
        client_as(hr_user).get("/learning/").content.decode()
    )
    assert "/learning/growth-course/edit/" not in (
        client_as(viewer).get("/learning/").content.decode()
    )


# --- Categories ------------------------------------------------------------------------------


def test_new_category_is_offered_the_next_position(client_as, hr_user, category):
    body = client_as(hr_user).get("/skills/categories/new/").content.decode()
    assert 'name="position" value="4"' in body


def test_hr_creates_a_category(client_as, hr_user):
    client = client_as(hr_user)
    response = client.post("/skills/categories/new/", category_data())
    assert response.status_code == 302 and response["Location"] == "/skills/#marketplaces"
    category = CompetencyCategory.objects.get(slug="marketplaces")
    assert category.name == "Marketplaces" and category.position == 9
    assert category.description == "Selling on them."
    assert "Category “Marketplaces” created." in client.get("/skills/").content.decode()


def test_hr_edits_a_category_and_a_blank_slug_keeps_the_address(client_as, hr_user, category):
    client = client_as(hr_user)
    body = client.get("/skills/categories/growth/edit/").content.decode()
    assert 'value="Growth"' in body and 'value="growth"' in body
    response = client.post(
        "/skills/categories/growth/edit/", category_data(name="Growth & retention", position="1")
    )
    assert response.status_code == 302 and response["Location"] == "/skills/#growth"
    category.refresh_from_db()
    assert category.name == "Growth & retention" and category.slug == "growth"
    assert category.position == 1


def test_a_slug_you_typed_that_is_taken_is_a_slug_error(client_as, hr_user, category):
    response = client_as(hr_user).post(
        "/skills/categories/new/", category_data(name="Growth marketing", slug="growth")
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved." in body
    assert 'id="id_slug_error"' in body and "already exists" in body
    assert not CompetencyCategory.objects.filter(name="Growth marketing").exists()


def test_a_derived_slug_that_collides_is_a_slug_error(client_as, hr_user, category):
    # "GROWTH!" is a new name, but its derived address is the existing "growth".
    response = client_as(hr_user).post("/skills/categories/new/", category_data(name="GROWTH!"))
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_slug_error"' in body
    assert not CompetencyCategory.objects.filter(name="GROWTH!").exists()


def test_renaming_onto_another_category_saves_nothing(client_as, hr_user, category):
    other = factories.CategoryFactory(name="Retention", slug="retention")
    response = client_as(hr_user).post(
        "/skills/categories/retention/edit/", category_data(name="Growth", slug="retention")
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_name_error"' in body
    assert "<h1>Edit Retention</h1>" in body  # the saved name, not the rejected one
    other.refresh_from_db()
    assert other.name == "Retention"


def test_bad_position_is_a_field_error(client_as, hr_user):
    response = client_as(hr_user).post("/skills/categories/new/", category_data(position="-2"))
    assert response.status_code == 400
    assert 'id="id_position_error"' in response.content.decode()
    assert not CompetencyCategory.objects.filter(name="Marketplaces").exists()


# --- Learning resources ----------------------------------------------------------------------


def test_hr_creates_a_resource_with_the_competencies_it_develops(client_as, hr_user):
    first, second, _ = factories.CompetencyFactory.create_batch(3)
    client = client_as(hr_user)
    response = client.post("/learning/new/", resource_data(competencies=[first, second]))
    slug = "marketplace-advertising-certificate"
    assert response.status_code == 302 and response["Location"] == f"/learning/#{slug}"
    resource = LearningResource.objects.get(slug=slug)
    assert resource.kind == "certificate" and resource.duration_weeks == 6
    assert resource.provider == "Marketplace Academy"
    assert set(resource.competencies.all()) == {first, second}
    assert (
        "Marketplace advertising certificate"
        in client.get(f"/skills/{first.slug}/").content.decode()
    )


def test_competencies_are_offered_grouped_by_category(client_as, hr_user, resource):
    competency = resource.competencies.get()
    body = client_as(hr_user).get("/learning/new/").content.decode()
    assert f"<legend>{competency.category.name}</legend>" in body
    assert f'name="competencies" value="{competency.pk}"' in body


def test_competency_in_the_query_string_is_ticked(client_as, hr_user, resource):
    competency = resource.competencies.get()
    body = client_as(hr_user).get(f"/learning/new/?competency={competency.slug}").content.decode()
    assert f'name="competencies" value="{competency.pk}" id="id_competencies_0_0" checked' in body


def test_hr_edits_a_resource_and_its_competencies(client_as, hr_user, resource):
    old = resource.competencies.get()
    new = factories.CompetencyFactory()
    client = client_as(hr_user)
    body = client.get("/learning/growth-course/edit/").content.decode()
    assert 'value="Growth course"' in body
    assert f'value="{old.pk}" id="id_competencies_0_0" checked' in body
    response = client.post(
        "/learning/growth-course/edit/",
        resource_data(competencies=[new], title="Growth course, 2nd edition", duration_weeks="8"),
    )
    assert response.status_code == 302 and response["Location"] == "/learning/#growth-course"
    resource.refresh_from_db()
    assert resource.title == "Growth course, 2nd edition" and resource.slug == "growth-course"
    assert resource.duration_weeks == 8
    assert list(resource.competencies.all()) == [new]


def test_hr_sets_the_level_a_resource_raises_each_competency_to(client_as, hr_user, resource):
    # Given a course that develops one competency (to Expert, from the factory)
    old = resource.competencies.get()
    new = factories.CompetencyFactory()
    client = client_as(hr_user)
    body = client.get("/learning/growth-course/edit/").content.decode()
    assert '<option value="5" selected>to 5 · Expert</option>' in body

    # When HR keeps it at 2, adds another at the kind's default, and sets a level on an unticked one
    data = resource_data(competencies=[old, new], kind="course")
    data[f"raises_to_{old.pk}"] = "2"
    data[f"raises_to_{new.pk}"] = ""
    unticked = factories.CompetencyFactory()
    data[f"raises_to_{unticked.pk}"] = "4"
    response = client.post("/learning/growth-course/edit/", data)

    # Then each is stored at its level (a course's default is 3), and the unticked one ignored
    assert response.status_code == 302
    levels = dict(resource.competency_levels.values_list("competency_id", "raises_to"))
    assert levels == {old.pk: 2, new.pk: 3}
    listing = client.get("/learning/").content.decode()
    assert f'{old.name}</a> <span class="muted">(to 2)</span>' in listing


@pytest.mark.parametrize("level", ["0", "6", "two"])
def test_a_bad_level_is_a_field_error_and_saves_nothing(client_as, hr_user, resource, level):
    competency = resource.competencies.get()
    data = resource_data(competencies=[competency], title="Renamed")
    data[f"raises_to_{competency.pk}"] = level
    response = client_as(hr_user).post("/learning/growth-course/edit/", data)
    assert response.status_code == 400
    assert f'id="id_raises_to_{competency.pk}_error"' in response.content.decode()
    resource.refresh_from_db()
    assert resource.title == "Growth course"
    assert list(resource.competency_levels.values_list("raises_to", flat=True)) == [5]


@pytest.mark.parametrize("weeks", ["0", "521", "-3", "six"])
def test_bad_duration_is_a_field_error_and_saves_nothing(client_as, hr_user, weeks):
    competency = factories.CompetencyFactory()
    response = client_as(hr_user).post(
        "/learning/new/", resource_data(competencies=[competency], duration_weeks=weeks)
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_duration_weeks_error"' in body
    assert not LearningResource.objects.exists()


def test_duration_zero_on_an_edit_changes_nothing(client_as, hr_user, resource):
    before = list(resource.competencies.all())
    response = client_as(hr_user).post(
        "/learning/growth-course/edit/",
        resource_data(competencies=[factories.CompetencyFactory()], duration_weeks="0"),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 1." in body
    resource.refresh_from_db()
    assert resource.duration_weeks == 4 and list(resource.competencies.all()) == before


def test_a_taken_resource_slug_is_a_slug_error(client_as, hr_user, resource):
    response = client_as(hr_user).post("/learning/new/", resource_data(slug="growth-course"))
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_slug_error"' in body and "already exists" in body
    assert LearningResource.objects.count() == 1


def test_an_unknown_competency_or_kind_is_a_field_error(client_as, hr_user):
    data = resource_data(kind="podcast")
    data["competencies"] = ["999999"]
    response = client_as(hr_user).post("/learning/new/", data)
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_kind_error"' in body and 'id="id_competencies_error"' in body
    assert not LearningResource.objects.exists()


# --- Links, empty states, query counts -------------------------------------------------------


def test_competency_library_links_to_the_new_pages(client_as, hr_user, viewer, category):
    body = client_as(hr_user).get("/skills/").content.decode()
    assert 'href="/skills/categories/new/"' in body
    assert 'href="/skills/categories/growth/edit/"' in body
    assert 'href="/learning/"' in body
    viewer_body = client_as(viewer).get("/skills/").content.decode()
    assert 'href="/learning/"' in viewer_body
    assert "/skills/categories/" not in viewer_body


def test_competency_page_links_resources_to_their_edit_page(client_as, hr_user, resource):
    competency = resource.competencies.get()
    body = client_as(hr_user).get(f"/skills/{competency.slug}/").content.decode()
    assert 'href="/learning/growth-course/edit/"' in body
    bare = factories.CompetencyFactory()
    body = client_as(hr_user).get(f"/skills/{bare.slug}/").content.decode()
    assert f'href="/learning/new/?competency={bare.slug}"' in body


def test_empty_resource_list_says_what_to_do(client_as, hr_user, viewer):
    assert 'href="/learning/new/"' in client_as(hr_user).get("/learning/").content.decode()
    assert "HR adds the courses" in client_as(viewer).get("/learning/").content.decode()


def test_resource_list_query_count_does_not_grow(client_as, viewer, count_queries, resource):
    client = client_as(viewer)
    few, _ = count_queries(client, "/learning/")
    for _ in range(10):
        factories.LearningResourceFactory(competencies=factories.CompetencyFactory.create_batch(2))
    many, response = count_queries(client, "/learning/")
    assert response.content.decode().count('<article class="resource-card"') == 11
    assert few == many


def test_resource_form_query_count_does_not_grow_with_competencies(
    client_as, hr_user, count_queries, resource
):
    client = client_as(hr_user)
    url = "/learning/growth-course/edit/"
    few, _ = count_queries(client, url)
    resource.competencies.add(*factories.CompetencyFactory.create_batch(10))
    many, _ = count_queries(client, url)
    assert few == many

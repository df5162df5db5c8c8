"""Home (the ladder), the role catalog, role profiles and role comparison."""

from __future__ import annotations

import pytest
from django.urls import reverse

from roles import services
from roles.models import RoleRequirement
from roles.services import RequirementInput
from tests import factories

pytestmark = pytest.mark.django_db


def test_home_draws_five_levels_with_roles_and_paths_up(client_as, viewer, ladder):
    body = client_as(viewer).get("/").content.decode()
    assert body.count('class="rung"') == 5
    for role in ladder.values():
        assert reverse("roles:detail", args=[role.slug]) in body
    assert 'Test Manager <span aria-hidden="true">→</span>' in body
    assert "about 3 years" in body
    assert "/roles/compare/?a=test-manager&amp;b=test-director" in body


def test_home_without_roles_says_how_to_load_them(client_as, viewer):
    body = client_as(viewer).get("/").content.decode()
    assert "manage.py load_framework" in body


def test_home_query_count_does_not_grow_with_roles(client_as, viewer, count_queries, ladder):
    client = client_as(viewer)
    few, _ = count_queries(client, "/")
    for _index in range(8):
        role = factories.RoleFactory(level="staff")
        factories.PromotionPathFactory(from_role=role, to_role=ladder["manager"])
        factories.RequirementFactory(role=role)
    many, _ = count_queries(client, "/")
    assert few == many


def test_catalog_searches_and_filters_by_level(client_as, viewer, ladder):
    client = client_as(viewer)
    body = client.get("/roles/", {"q": "chief"}).content.decode()
    assert "Test Chief" in body and "Test Manager" not in body
    body = client.get("/roles/", {"level": "manager"}).content.decode()
    assert "Test Manager" in body and "Test Chief" not in body
    body = client.get("/roles/", {"q": "no-such-role"}).content.decode()
    assert "No role matches" in body and "show every role" in body


@pytest.mark.parametrize("level", ["abc", "Manager", "3"])
def test_catalog_says_when_a_level_is_not_on_the_ladder(client_as, viewer, ladder, level):
    response = client_as(viewer).get("/roles/", {"level": level})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="role-level-error"' in body and 'aria-invalid="true"' in body
    assert "Not a level on the ladder, so every level is shown." in body
    assert "Test Manager" in body and "Test Chief" in body  # every level is shown


def test_catalog_query_count_does_not_grow_with_roles(client_as, viewer, count_queries, ladder):
    client = client_as(viewer)
    few, _ = count_queries(client, "/roles/")
    for _ in range(10):
        factories.RequirementFactory(role=factories.RoleFactory())
    many, response = count_queries(client, "/roles/")
    assert few == many
    assert response.content.decode().count('class="role-card') == 13


def test_profile_shows_everything_about_the_role(client_as, viewer, ladder):
    director = ladder["director"]
    body = client_as(viewer).get(f"/roles/{director.slug}/").content.decode()
    assert "Run the shop" in body  # responsibilities
    assert "Conversion rate" in body  # KPIs
    assert "A degree" in body  # qualifications
    for req in director.requirements.select_related("competency__category"):
        assert req.competency.name in body
        assert req.competency.category.name in body
    essential = '<td class="essential-cell"><span class="badge essential">Essential</span></td>'
    assert body.count(essential) == 1
    assert 'class="level-bar" role="img" aria-label="Level 4 of 5 (advanced)"' in body
    assert "Test leadership course" in body  # a resource that develops a requirement
    assert "Test Manager" in body and "Test Chief" in body  # comes from / leads to
    assert "Recent changes" in body


def test_profile_of_a_role_without_requirements_says_what_to_do(client_as, hr_user, viewer):
    role = factories.RoleFactory(slug="empty-role")
    assert (
        "Ask HR to add its requirements"
        in client_as(viewer).get("/roles/empty-role/").content.decode()
    )
    body = client_as(hr_user).get("/roles/empty-role/").content.decode()
    assert f'href="/roles/{role.slug}/edit/"' in body and "Add requirements" in body


def test_unknown_role_is_404(client_as, viewer):
    assert client_as(viewer).get("/roles/no-such-role/").status_code == 404


def test_profile_shows_a_requirement_change_from_history(client_as, viewer, hr_user, ladder):
    director = ladder["director"]
    requirement = director.requirements.filter(essential=False).order_by("id").first()
    # Through the one write path for requirements (the role's whole set, as the edit page saves).
    changed = {"required_level": 5, "essential": True}
    services.role_set_requirements(
        role=director,
        requirements=[
            RequirementInput(
                **{
                    "competency": req.competency,
                    "required_level": req.required_level,
                    "weight": req.weight,
                    "essential": req.essential,
                    **(changed if req.pk == requirement.pk else {}),
                }
            )
            for req in director.requirements.select_related("competency")
        ],
    )
    body = client_as(viewer).get(f"/roles/{director.slug}/").content.decode()
    assert (
        f"<strong>{requirement.competency.name}</strong> changed: Level 3 → 5, Now essential"
        in body
    )


def test_profile_query_count_does_not_grow_with_requirements(
    client_as, viewer, count_queries, ladder
):
    client = client_as(viewer)
    url = f"/roles/{ladder['director'].slug}/"
    few, _ = count_queries(client, url)
    for _ in range(6):
        req = factories.RequirementFactory(role=ladder["director"])
        factories.LearningResourceFactory(competencies=[req.competency])
        factories.PromotionPathFactory(
            from_role=factories.RoleFactory(level="staff"), to_role=ladder["director"]
        )
    assert RoleRequirement.objects.filter(role=ladder["director"]).count() == 9
    many, _ = count_queries(client, url)
    assert few == many


def test_role_comparison_lists_added_and_raised_requirements(client_as, viewer, ladder):
    response = client_as(viewer).get("/roles/compare/", {"a": "test-manager", "b": "test-director"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "New requirements" in body and "Raised" in body
    assert "+1" in body  # the two shared competencies are one level higher for the director
    assert "years minimum (3 → 5)" in body


def test_role_comparison_of_a_role_with_itself_is_a_field_error(client_as, viewer, ladder):
    body = (
        client_as(viewer)
        .get("/roles/compare/", {"a": "test-manager", "b": "test-manager"})
        .content.decode()
    )
    assert "Choose a different role to compare with." in body


def test_role_comparison_with_unknown_slug_is_a_field_error(client_as, viewer, ladder):
    body = (
        client_as(viewer)
        .get("/roles/compare/", {"a": "nope", "b": "test-manager"})
        .content.decode()
    )
    assert "Select a valid choice" in body

"""Framework endpoints: categories, competencies, learning resources, roles, promotion paths.

HR writes them through the services; the answers have the contract's fields; writes are
audited in the model history with the user who made them.
"""

from __future__ import annotations

import pytest

from roles.models import PromotionPath, Role
from skills.models import Competency, CompetencyCategory, LearningResource
from tests import factories
from tests.api.conftest import BASE, assert_error

ROLE_FIELDS = {
    "slug",
    "title",
    "level",
    "rank",
    "summary",
    "responsibilities",
    "kpis",
    "qualifications",
    "min_years_experience",
    "requirements",
    "version",
}


@pytest.fixture
def hr(client_as):
    return client_as("hr")


def test_a_category_slug_is_derived_from_its_name(hr, db):
    response = hr.post(f"{BASE}/competency-categories/", {"name": "Digital Marketing"})
    assert response.status_code == 201
    assert response.json() == {
        "slug": "digital-marketing",
        "name": "Digital Marketing",
        "description": "",
        "position": 0,
    }
    assert CompetencyCategory.objects.get().slug == "digital-marketing"


def test_categories_are_listed_in_display_order_with_pagination(hr, db):
    for position, name in [(2, "B"), (1, "C"), (1, "A")]:
        factories.CategoryFactory(name=name, slug=name.lower(), position=position)
    body = hr.get(f"{BASE}/competency-categories/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert [row["slug"] for row in body["results"]] == ["a", "c", "b"]

    page = hr.get(f"{BASE}/competency-categories/?page_size=2&page=2").json()
    assert page["count"] == 3
    assert [row["slug"] for row in page["results"]] == ["b"]
    assert page["previous"] is not None and page["next"] is None


def test_an_empty_category_is_deleted(hr, db):
    factories.CategoryFactory(slug="empty")
    assert hr.delete(f"{BASE}/competency-categories/empty/").status_code == 204
    assert not CompetencyCategory.objects.exists()


def test_a_competency_with_indicators_is_created_and_its_indicators_replaced_as_a_set(
    hr, framework
):
    created = hr.post(
        f"{BASE}/competencies/",
        {
            "name": "Marketplace management",
            "category": "digital",
            "indicators": [
                {"level": 1, "description": "Knows the big marketplaces."},
                {"level": 3, "description": "Runs a marketplace channel."},
            ],
        },
    )
    assert created.status_code == 201, created.json()
    assert created.json() == {
        "slug": "marketplace-management",
        "name": "Marketplace management",
        "description": "",
        "category": "digital",
        "indicators": [
            {"level": 1, "description": "Knows the big marketplaces."},
            {"level": 3, "description": "Runs a marketplace channel."},
        ],
        "version": 1,
    }

    # When the indicators are written again, levels left out are removed
    updated = hr.patch(
        f"{BASE}/competencies/marketplace-management/",
        {"indicators": [{"level": 5, "description": "Sets marketplace strategy."}]},
    )
    assert updated.status_code == 200
    assert updated.json()["indicators"] == [
        {"level": 5, "description": "Sets marketplace strategy."}
    ]
    assert updated.json()["version"] == 2  # the indicators are edited with the competency

    # And a patch without indicators keeps them
    hr.patch(f"{BASE}/competencies/marketplace-management/", {"description": "Sell on platforms."})
    competency = Competency.objects.get(slug="marketplace-management")
    assert list(competency.indicators.values_list("level", flat=True)) == [5]


def test_an_indicator_level_given_twice_is_refused(hr, framework):
    response = hr.patch(
        f"{BASE}/competencies/seo/",
        {"indicators": [{"level": 2, "description": "a"}, {"level": 2, "description": "b"}]},
    )
    assert_error(response, 400, "validation_error", field="indicators.1.level")


def test_competencies_filter_by_category_and_search(hr, framework):
    other = factories.CategoryFactory(slug="people")
    factories.CompetencyFactory(slug="coaching", name="Coaching", category=other)

    by_category = hr.get(f"{BASE}/competencies/?category=people").json()["results"]
    assert [row["slug"] for row in by_category] == ["coaching"]
    searched = hr.get(f"{BASE}/competencies/?search=analyt").json()["results"]
    assert [row["slug"] for row in searched] == ["analytics"]


def test_learning_resources_name_their_competencies_by_slug(hr, framework):
    response = hr.post(
        f"{BASE}/learning-resources/",
        {
            "title": "Web analytics diploma",
            "kind": "diploma",
            "duration_weeks": 12,
            "competencies": ["analytics", "seo"],
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["competencies"] == ["analytics", "seo"]
    resource = LearningResource.objects.get(slug="web-analytics-diploma")
    assert set(resource.competencies.values_list("slug", flat=True)) == {"analytics", "seo"}

    developing_seo = hr.get(f"{BASE}/learning-resources/?competency=seo").json()["results"]
    assert {row["slug"] for row in developing_seo} == {"seo-course", "web-analytics-diploma"}

    assert hr.delete(f"{BASE}/learning-resources/web-analytics-diploma/").status_code == 204
    assert not LearningResource.objects.filter(slug="web-analytics-diploma").exists()


def test_learning_resources_carry_the_level_each_competency_is_raised_to(hr, framework):
    # Given a diploma written with a slug list: each competency at the diploma default (4)
    url = f"{BASE}/learning-resources/"
    body = {"title": "Analytics diploma", "kind": "diploma", "duration_weeks": 12}
    created = hr.post(url, {**body, "competencies": ["analytics"]}).json()
    assert created["competency_levels"] == [{"competency": "analytics", "raises_to": 4}]
    detail = f"{url}{created['slug']}/"

    # When the levels are written as a set
    levels = [{"competency": "analytics", "raises_to": 5}, {"competency": "seo", "raises_to": 2}]
    response = hr.patch(detail, {"competency_levels": levels})
    assert response.status_code == 200, response.json()
    assert response.json()["competency_levels"] == levels
    assert response.json()["competencies"] == ["analytics", "seo"]

    # And a slug list afterwards keeps the levels of the competencies it keeps
    response = hr.patch(detail, {"competencies": ["seo"]})
    assert response.json()["competency_levels"] == [{"competency": "seo", "raises_to": 2}]


@pytest.mark.parametrize(
    "levels",
    [
        [{"competency": "seo", "raises_to": 6}],
        [{"competency": "seo", "raises_to": 0}],
        [{"competency": "seo", "raises_to": "3"}],
        [{"competency": "nope", "raises_to": 3}],
        [{"competency": "seo", "raises_to": 3}, {"competency": "seo", "raises_to": 4}],
    ],
)
def test_bad_competency_levels_are_field_errors_and_change_nothing(hr, framework, levels):
    detail = f"{BASE}/learning-resources/seo-course/"
    before = hr.get(detail).json()
    response = hr.patch(detail, {"competency_levels": levels})
    assert response.status_code == 400
    (field,) = response.json()["errors"]
    assert field.startswith("competency_levels."), response.json()
    assert hr.get(detail).json() == before


def test_a_role_is_created_with_its_requirements(hr, framework):
    response = hr.post(
        f"{BASE}/roles/",
        {
            "title": "Head of Marketplaces",
            "level": "head_of_department",
            "summary": "Runs the marketplace channels.",
            "responsibilities": ["Grow marketplace sales", "Keep listings accurate"],
            "kpis": ["Marketplace revenue"],
            "min_years_experience": 3,
            "requirements": [
                {"competency": "seo", "required_level": 3, "weight": 2, "essential": True},
                {"competency": "analytics", "required_level": 2},
            ],
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert set(body) == ROLE_FIELDS
    assert body["slug"] == "head-of-marketplaces"
    assert body["rank"] == 2
    assert body["qualifications"] == []
    assert sorted(body["requirements"], key=lambda r: r["competency"]) == [
        {"competency": "analytics", "required_level": 2, "weight": 1, "essential": False},
        {"competency": "seo", "required_level": 3, "weight": 2, "essential": True},
    ]
    role = Role.objects.get(slug="head-of-marketplaces")
    assert role.responsibilities == "Grow marketplace sales\nKeep listings accurate"
    assert role.requirements.count() == 2


def test_a_role_requirement_set_is_replaced_as_a_whole(hr, director_role, framework):
    url = f"{BASE}/roles/{director_role.slug}/"
    response = hr.patch(url, {"requirements": [{"competency": "seo", "required_level": 5}]})
    assert response.status_code == 200, response.json()
    assert response.json()["requirements"] == [
        {"competency": "seo", "required_level": 5, "weight": 1, "essential": False}
    ]
    assert list(director_role.requirements.values_list("competency__slug", flat=True)) == ["seo"]

    # A patch that leaves requirements out keeps them
    hr.patch(url, {"summary": "Leads online trade."})
    assert director_role.requirements.count() == 1


def test_roles_are_ordered_by_rank_and_filter_by_level(hr, db):
    factories.RoleFactory(slug="cco", title="Chief", level="cco")
    factories.RoleFactory(slug="staff", title="Staff", level="staff")
    factories.RoleFactory(slug="manager", title="Manager", level="manager")

    listed = hr.get(f"{BASE}/roles/").json()["results"]
    assert [(row["slug"], row["rank"]) for row in listed] == [
        ("staff", 1),
        ("manager", 3),
        ("cco", 5),
    ]
    managers = hr.get(f"{BASE}/roles/?level=manager").json()["results"]
    assert [row["slug"] for row in managers] == ["manager"]
    assert [r["slug"] for r in hr.get(f"{BASE}/roles/?search=chie").json()["results"]] == ["cco"]


def test_a_role_round_trips_through_get_and_put(hr, director_role):
    url = f"{BASE}/roles/{director_role.slug}/"
    current = hr.get(url).json()
    current.pop("rank")  # read-only: sending it back is refused, not ignored
    current["title"] = "E-commerce Director"

    response = hr.put(url, current)
    assert response.status_code == 200, response.json()
    assert response.json()["requirements"] == current["requirements"]
    director_role.refresh_from_db()
    assert director_role.title == "E-commerce Director"


def test_promotion_paths_are_written_by_role_slugs(hr, director_role):
    manager = factories.RoleFactory(slug="manager", title="Manager", level="manager")
    response = hr.post(
        f"{BASE}/promotion-paths/",
        {"from_role": "manager", "to_role": director_role.slug, "typical_years": 3},
    )
    assert response.status_code == 201, response.json()
    path = PromotionPath.objects.get()
    assert response.json() == {
        "id": path.pk,
        "from_role": "manager",
        "to_role": director_role.slug,
        "typical_years": 3,
        "criteria": "",
        "version": 1,
    }
    out_of_manager = hr.get(f"{BASE}/promotion-paths/?from_role=manager").json()["results"]
    assert [row["id"] for row in out_of_manager] == [path.pk]
    assert path.from_role == manager


def test_framework_writes_are_audited_with_the_user(hr, hr_user, framework):
    hr.post(f"{BASE}/roles/", {"title": "Audited", "level": "staff"})
    hr.patch(f"{BASE}/competencies/seo/", {"description": "Search."})

    role_record = Role.history.get(slug="audited")
    assert role_record.history_type == "+" and role_record.history_user == hr_user
    assert Competency.history.filter(slug="seo").latest("history_date").history_user == hr_user

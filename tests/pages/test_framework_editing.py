"""HR edits the framework in the app: roles with their requirement formset, promotion paths
and competencies. Valid input saves through the services; invalid input shows field-level
errors and saves nothing."""

from __future__ import annotations

import pytest

from roles.models import PromotionPath, Role, RoleRequirement
from skills.models import Competency, CompetencyLevelIndicator
from tests import factories

pytestmark = pytest.mark.django_db


def role_data(**overrides) -> dict:
    data = {
        "title": "Marketplace Lead",
        "slug": "",
        "level": "manager",
        "summary": "Runs the marketplaces.",
        "responsibilities": "List products\nWatch the buy box",
        "kpis": "Marketplace share",
        "qualifications": "",
        "min_years_experience": "4",
        "requirements-TOTAL_FORMS": "0",
        "requirements-INITIAL_FORMS": "0",
        "requirements-MIN_NUM_FORMS": "0",
        "requirements-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def with_rows(data: dict, rows: list[dict], initial: int = 0) -> dict:
    data["requirements-TOTAL_FORMS"] = str(len(rows))
    data["requirements-INITIAL_FORMS"] = str(initial)
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"requirements-{index}-{key}"] = value
    return data


def test_hr_creates_a_role_with_requirements(client_as, hr_user):
    first, second = factories.CompetencyFactory.create_batch(2)
    data = with_rows(
        role_data(),
        [
            {"competency": first.pk, "required_level": "4", "weight": "5", "essential": "on"},
            {"competency": second.pk, "required_level": "2", "weight": "1"},
            {"competency": "", "required_level": "3", "weight": "1"},  # a blank row is ignored
        ],
    )
    response = client_as(hr_user).post("/roles/new/", data)
    assert response.status_code == 302 and response["Location"] == "/roles/marketplace-lead/"
    role = Role.objects.get(slug="marketplace-lead")
    assert role.rank == 3 and role.min_years_experience == 4
    requirements = {r.competency_id: r for r in role.requirements.all()}
    assert requirements[first.pk].required_level == 4 and requirements[first.pk].essential
    assert requirements[second.pk].weight == 1 and not requirements[second.pk].essential


def test_invalid_role_shows_field_errors_and_saves_nothing(client_as, hr_user):
    competency = factories.CompetencyFactory()
    data = with_rows(
        role_data(title="", min_years_experience="99"),
        [{"competency": competency.pk, "required_level": "3", "weight": "0"}],
    )
    response = client_as(hr_user).post("/roles/new/", data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved." in body
    assert 'id="id_title_error"' in body  # the message sits beside its field
    assert "Ensure this value is less than or equal to 60." in body
    assert "Ensure this value is greater than or equal to 1." in body  # the weight row
    assert Role.objects.count() == 0 and RoleRequirement.objects.count() == 0


def test_a_repeated_competency_is_flagged_on_its_row(client_as, hr_user):
    competency = factories.CompetencyFactory()
    rows = [{"competency": competency.pk, "required_level": "3", "weight": "1"}] * 2
    response = client_as(hr_user).post("/roles/new/", with_rows(role_data(), rows))
    assert response.status_code == 400
    assert "This competency is already required above." in response.content.decode()
    assert not Role.objects.exists()


def test_a_service_error_lands_on_its_field(client_as, hr_user):
    factories.RoleFactory(title="Marketplace Lead", slug="taken")
    response = client_as(hr_user).post("/roles/new/", role_data())
    body = response.content.decode()
    assert response.status_code == 400
    assert response.context["form"].errors["title"] == [
        "A role with this title already exists (letter case is ignored)."
    ]
    assert 'id="id_title_error"' in body
    assert Role.objects.count() == 1


def test_hr_edits_a_requirement_and_the_profile_changes(client_as, hr_user, director_role):
    requirements = list(director_role.requirements.order_by("id"))
    rows = [
        {
            "competency": req.competency_id,
            "required_level": str(req.required_level),
            "weight": str(req.weight),
            **({"essential": "on"} if req.essential else {}),
        }
        for req in requirements
    ]
    rows[1]["required_level"] = "5"
    rows[2]["DELETE"] = "on"
    data = with_rows(
        role_data(
            title=director_role.title,
            slug=director_role.slug,
            level=director_role.level,
            min_years_experience="5",
        ),
        rows,
        initial=len(rows),
    )
    client = client_as(hr_user)
    response = client.post(f"/roles/{director_role.slug}/edit/", data)
    assert response.status_code == 302
    assert director_role.requirements.count() == 2
    changed = director_role.requirements.get(competency=requirements[1].competency)
    assert changed.required_level == 5
    body = client.get(f"/roles/{director_role.slug}/").content.decode()
    assert f"<strong>{requirements[1].competency.name}</strong> changed: Level 3 → 5" in body
    assert f"<strong>{requirements[2].competency.name}</strong> removed" in body


def test_edit_form_is_prefilled(client_as, hr_user, director_role):
    body = client_as(hr_user).get(f"/roles/{director_role.slug}/edit/").content.decode()
    assert 'value="Test Director"' in body
    assert 'name="requirements-TOTAL_FORMS" value="5"' in body  # three rows and two blanks
    assert "<optgroup" in body  # competencies grouped by category


def test_recruiter_cannot_post_an_edit(client_as, recruiter, director_role):
    response = client_as(recruiter).post(f"/roles/{director_role.slug}/edit/", role_data())
    assert response.status_code == 403
    assert Role.objects.get(pk=director_role.pk).title == "Test Director"


def test_hr_deletes_a_role_but_not_one_with_openings(client_as, hr_user, opening):
    client = client_as(hr_user)
    spare = factories.RoleFactory(slug="spare")
    assert client.post("/roles/spare/delete/").status_code == 302
    assert not Role.objects.filter(pk=spare.pk).exists()
    response = client.post(f"/roles/{opening.role.slug}/delete/")
    assert response.status_code == 400
    assert "This role has openings" in response.content.decode()


# --- Promotion paths ------------------------------------------------------------------------


def test_hr_creates_and_edits_a_path(client_as, hr_user, ladder):
    client = client_as(hr_user)
    data = {
        "from_role": ladder["manager"].pk,
        "to_role": ladder["chief"].pk,
        "typical_years": "8",
        "criteria": "Exceptional.",
    }
    assert client.post("/career-map/paths/new/", data).status_code == 302
    path = PromotionPath.objects.get(from_role=ladder["manager"], to_role=ladder["chief"])
    data["typical_years"] = "7"
    assert client.post(f"/career-map/paths/{path.pk}/edit/", data).status_code == 302
    path.refresh_from_db()
    assert path.typical_years == 7


def test_path_edit_form_is_prefilled(client_as, hr_user, ladder):
    path = PromotionPath.objects.get(from_role=ladder["manager"])
    body = client_as(hr_user).get(f"/career-map/paths/{path.pk}/edit/").content.decode()
    assert f'<option value="{ladder["manager"].pk}" selected>' in body
    assert f'<option value="{ladder["director"].pk}" selected>' in body
    assert 'name="typical_years" value="3"' in body


def test_a_path_to_itself_is_a_field_error(client_as, hr_user, ladder):
    role = ladder["manager"]
    data = {"from_role": role.pk, "to_role": role.pk, "typical_years": "2", "criteria": ""}
    response = client_as(hr_user).post("/career-map/paths/new/", data)
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_to_role_error"' in body
    assert "cannot lead from a role to itself" in body
    assert PromotionPath.objects.count() == 2


def test_a_duplicate_path_is_refused(client_as, hr_user, ladder):
    data = {
        "from_role": ladder["manager"].pk,
        "to_role": ladder["director"].pk,
        "typical_years": "2",
        "criteria": "",
    }
    response = client_as(hr_user).post("/career-map/paths/new/", data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["to_role"] == ["A path from Test Manager to Test Director already exists."]
    assert form.non_field_errors() == []
    assert PromotionPath.objects.count() == 2


def test_hr_deletes_a_path(client_as, hr_user, ladder):
    path = PromotionPath.objects.first()
    assert client_as(hr_user).post(f"/career-map/paths/{path.pk}/delete/").status_code == 302
    assert not PromotionPath.objects.filter(pk=path.pk).exists()


def test_viewer_cannot_delete_a_path(client_as, viewer, ladder):
    path = PromotionPath.objects.first()
    assert client_as(viewer).post(f"/career-map/paths/{path.pk}/delete/").status_code == 403
    assert PromotionPath.objects.filter(pk=path.pk).exists()


# --- Competencies ---------------------------------------------------------------------------


def competency_data(category, **overrides) -> dict:
    data = {
        "name": "Marketplace advertising",
        "slug": "",
        "category": category.pk,
        "description": "Sponsored listings.",
        "indicator_1": "Knows what sponsored products are.",
        "indicator_2": "",
        "indicator_3": "Runs campaigns.",
        "indicator_4": "",
        "indicator_5": "",
    }
    data.update(overrides)
    return data


def test_hr_creates_a_competency_with_indicators(client_as, hr_user):
    category = factories.CategoryFactory()
    response = client_as(hr_user).post("/skills/new/", competency_data(category))
    assert (
        response.status_code == 302 and response["Location"] == "/skills/marketplace-advertising/"
    )
    competency = Competency.objects.get(slug="marketplace-advertising")
    assert sorted(competency.indicators.values_list("level", flat=True)) == [1, 3]


def test_hr_edits_a_competency(client_as, hr_user):
    competency = factories.CompetencyFactory()
    CompetencyLevelIndicator.objects.create(competency=competency, level=2, description="Old")
    client = client_as(hr_user)
    body = client.get(f"/skills/{competency.slug}/edit/").content.decode()
    assert "Old</textarea>" in body
    data = competency_data(
        competency.category, name="Renamed", slug=competency.slug, indicator_2="", indicator_5="Top"
    )
    assert client.post(f"/skills/{competency.slug}/edit/", data).status_code == 302
    competency.refresh_from_db()
    assert competency.name == "Renamed"
    assert list(competency.indicators.values_list("level", "description")) == [
        (1, "Knows what sponsored products are."),
        (3, "Runs campaigns."),
        (5, "Top"),
    ]


def test_invalid_competency_saves_nothing(client_as, hr_user):
    existing = factories.CompetencyFactory(name="Taken name")
    response = client_as(hr_user).post(
        "/skills/new/", competency_data(existing.category, name="Taken name")
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_name_error"' in body and "already exists" in body
    assert Competency.objects.count() == 1
    assert not CompetencyLevelIndicator.objects.exists()

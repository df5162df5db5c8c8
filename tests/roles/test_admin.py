"""The role admin saves through ``roles.services``: the same rules, the same stored-score
refresh, the same history as the pages and the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from candidates.models import RoleScoreState
from roles.models import PromotionPath, Role
from tests import factories

pytestmark = pytest.mark.django_db


def _formsets(requirements=(), paths=(), initial_requirements=0, initial_paths=0) -> dict:
    data: dict = {}
    for prefix, rows, initial in (
        ("requirements", requirements, initial_requirements),
        ("paths_out", paths, initial_paths),
    ):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": str(initial),
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for index, row in enumerate(rows):
            data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def test_hr_creates_a_role_with_requirements_and_a_path_in_the_admin(client, hr_user):
    competency = factories.CompetencyFactory()
    above = factories.RoleFactory(level="director")
    client.force_login(hr_user)
    response = client.post(
        reverse("admin:roles_role_add"),
        {
            "title": "Admin-made manager",
            "slug": "admin-made-manager",
            "level": "manager",
            "min_years_experience": "3",
            **_formsets(
                requirements=[{"competency": competency.pk, "required_level": "3", "weight": "2"}],
                paths=[{"to_role": above.pk, "typical_years": "2", "criteria": ""}],
            ),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    role = Role.objects.get(slug="admin-made-manager")
    assert role.rank == 3
    assert [(r.competency, r.required_level, r.weight) for r in role.requirements.all()] == [
        (competency, 3, 2)
    ]
    assert PromotionPath.objects.filter(from_role=role, to_role=above).exists()
    assert role.history.get().history_user == hr_user


def test_the_admin_refuses_a_path_down_the_ladder_with_a_form_error(client, hr_user):
    role = factories.RoleFactory(level="director")
    below = factories.RoleFactory(level="staff")
    client.force_login(hr_user)
    response = client.post(
        reverse("admin:roles_role_change", args=[role.pk]),
        {
            "title": role.title,
            "slug": role.slug,
            "level": role.level,
            "min_years_experience": "0",
            **_formsets(paths=[{"to_role": below.pk, "typical_years": "2", "criteria": ""}]),
        },
    )
    assert response.status_code == 200
    assert "leads up the ladder" in response.content.decode()
    assert not PromotionPath.objects.exists()


def role_score_version(role) -> int:
    state = RoleScoreState.objects.filter(role=role).first()
    return state.input_version if state else 0


def test_an_admin_change_of_requirements_rescores_the_role(client, hr_user, opening):
    role = opening.role
    candidate = opening.candidates.first()
    before = role_score_version(role)
    kept = list(role.requirements.all())
    client.force_login(hr_user)
    response = client.post(
        reverse("admin:roles_role_change", args=[role.pk]),
        {
            "title": role.title,
            "slug": role.slug,
            "level": role.level,
            "min_years_experience": str(role.min_years_experience),
            **_formsets(
                requirements=[
                    {
                        "id": r.pk,
                        "role": role.pk,
                        "competency": r.competency_id,
                        "required_level": "1",
                        "weight": str(r.weight),
                        **({"essential": "on"} if r.essential else {}),
                    }
                    for r in kept
                ],
                initial_requirements=len(kept),
            ),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(role.requirements.values_list("required_level", flat=True)) == {1}
    # A role change marks its whole pool through the role's one state row.
    assert role_score_version(role) > before
    assert not candidate.scores.get(role=role).stale

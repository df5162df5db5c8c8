"""The database itself refuses what the framework forbids (not only the forms)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from roles.models import PromotionPath, Role, RoleRequirement
from tests import factories

pytestmark = pytest.mark.django_db


def test_duplicate_requirement_is_rejected_by_the_database():
    requirement = factories.RequirementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleRequirement.objects.create(
            role=requirement.role, competency=requirement.competency, required_level=2
        )
    assert RoleRequirement.objects.count() == 1


@pytest.mark.parametrize("level", [0, 6])
def test_requirement_level_outside_1_to_5_is_rejected_by_the_database(level):
    role, competency = factories.RoleFactory(), factories.CompetencyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleRequirement.objects.create(role=role, competency=competency, required_level=level)
    assert not RoleRequirement.objects.exists()


@pytest.mark.parametrize("level", [1, 5])
def test_requirement_levels_at_the_bounds_are_accepted(level):
    requirement = factories.RequirementFactory(required_level=level)
    assert requirement.pk


def test_zero_weight_is_rejected_by_the_database():
    role, competency = factories.RoleFactory(), factories.CompetencyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleRequirement.objects.create(role=role, competency=competency, required_level=3, weight=0)


def test_self_loop_path_is_rejected_by_the_database():
    role = factories.RoleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PromotionPath.objects.create(from_role=role, to_role=role, typical_years=2)
    assert not PromotionPath.objects.exists()


def test_duplicate_path_is_rejected_by_the_database():
    path = factories.PromotionPathFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PromotionPath.objects.create(from_role=path.from_role, to_role=path.to_role)


def test_self_loop_path_gets_a_field_error_on_full_clean():
    role = factories.RoleFactory()
    with pytest.raises(ValidationError) as error:
        PromotionPath(from_role=role, to_role=role, typical_years=2).full_clean()
    assert "to_role" in error.value.message_dict


def test_rank_is_derived_from_level_and_checked_by_the_database():
    role = factories.RoleFactory(level="director")
    assert role.rank == 4
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.filter(pk=role.pk).update(rank=2)


def test_requirement_level_out_of_range_is_a_field_error():
    requirement = RoleRequirement(
        role=factories.RoleFactory(), competency=factories.CompetencyFactory(), required_level=6
    )
    with pytest.raises(ValidationError) as error:
        requirement.full_clean()
    assert "required_level" in error.value.message_dict


def test_changes_to_a_role_keep_a_history():
    role = factories.RoleFactory(title="Before")
    role.title = "After"
    role.save()
    assert [h.title for h in role.history.order_by("history_date")] == ["Before", "After"]

"""Framework writes: requirement sets replaced whole, field-level errors, nothing half-saved."""

import pytest
from django.core.exceptions import ValidationError

from roles import services
from roles.models import PromotionPath, Role, RoleRequirement
from roles.services import RequirementInput
from tests import factories

pytestmark = pytest.mark.django_db


def test_role_create_derives_slug_and_rank_and_saves_requirements():
    competency = factories.CompetencyFactory()
    role = services.role_create(
        title="Marketplace Lead",
        level="manager",
        requirements=[RequirementInput(competency, 3, weight=2, essential=True)],
    )
    assert role.slug == "marketplace-lead"
    assert role.rank == 3
    assert role.requirements.get().weight == 2


def test_requirement_set_is_replaced_as_a_whole():
    keep, drop, add = factories.CompetencyFactory.create_batch(3)
    role = factories.RoleFactory()
    factories.RequirementFactory(role=role, competency=keep, required_level=2)
    factories.RequirementFactory(role=role, competency=drop)
    services.role_set_requirements(
        role=role, requirements=[RequirementInput(keep, 4), RequirementInput(add, 1)]
    )
    assert dict(role.requirements.values_list("competency__slug", "required_level")) == {
        keep.slug: 4,
        add.slug: 1,
    }
    # The kept requirement was updated in place, so its history shows the change.
    kept = role.requirements.get(competency=keep)
    assert [h.required_level for h in kept.history.order_by("history_date")] == [2, 4]


def test_duplicate_competency_in_a_set_is_rejected_and_nothing_changes():
    competency = factories.CompetencyFactory()
    role = factories.RoleFactory()
    factories.RequirementFactory(role=role, competency=competency, required_level=2)
    with pytest.raises(ValidationError) as error:
        services.role_set_requirements(
            role=role,
            requirements=[RequirementInput(competency, 3), RequirementInput(competency, 4)],
        )
    assert "once" in str(error.value.message_dict["requirements"])
    assert role.requirements.get().required_level == 2


def test_invalid_level_in_a_set_rolls_back_the_whole_role_update():
    competency = factories.CompetencyFactory()
    role = factories.RoleFactory(title="Original")
    with pytest.raises(ValidationError) as error:
        services.role_update(
            role=role, title="Renamed", requirements=[RequirementInput(competency, 6, weight=0)]
        )
    messages = " ".join(error.value.message_dict["requirements"])
    assert "required_level" in messages and "weight" in messages
    role.refresh_from_db()
    assert role.title == "Original"
    assert not RoleRequirement.objects.exists()


def test_self_loop_path_is_a_field_error_and_not_saved():
    role = factories.RoleFactory()
    with pytest.raises(ValidationError) as error:
        services.promotion_path_create(from_role=role, to_role=role, typical_years=2)
    assert "to_role" in error.value.message_dict
    assert not PromotionPath.objects.exists()


def test_role_with_openings_cannot_be_deleted(opening):
    with pytest.raises(ValidationError, match="openings"):
        services.role_delete(role=opening.role)
    assert Role.objects.filter(pk=opening.role.pk).exists()


@pytest.mark.parametrize("slug", ["new", "compare"])
def test_role_slugs_that_page_addresses_use_are_refused(slug):
    with pytest.raises(ValidationError) as error:
        services.role_create(title="Some Role", slug=slug, level="manager")
    assert "reserved" in error.value.message_dict["slug"][0]
    assert not Role.objects.exists()


def test_titles_are_unique_without_regard_to_case():
    services.role_create(title="E-commerce Staff", level="staff")
    with pytest.raises(ValidationError) as error:
        services.role_create(title="e-commerce STAFF", slug="other-staff", level="staff")
    assert "letter case" in error.value.message_dict["title"][0]
    assert Role.objects.count() == 1


def test_given_slugs_are_lowercased_and_the_database_refuses_uppercase():
    from django.db import IntegrityError, transaction

    role = services.role_create(title="Marketplace Lead", slug="Marketplace-LEAD", level="manager")
    assert role.slug == "marketplace-lead"
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.filter(pk=role.pk).update(slug="UPPER")


def test_a_title_without_latin_letters_asks_for_a_slug():
    with pytest.raises(ValidationError) as error:
        services.role_create(title="🚀", level="manager")
    assert "enter one" in error.value.message_dict["slug"][0]


@pytest.mark.parametrize(
    ("from_level", "to_level"), [("director", "manager"), ("manager", "manager")]
)
def test_a_promotion_path_must_lead_up_the_ladder(from_level, to_level):
    lower = factories.RoleFactory(level=from_level)
    higher = factories.RoleFactory(level=to_level)
    with pytest.raises(ValidationError) as error:
        services.promotion_path_create(from_role=lower, to_role=higher, typical_years=1)
    assert "leads up the ladder" in error.value.message_dict["to_role"][0]
    assert not PromotionPath.objects.exists()


def test_an_update_differing_only_in_line_endings_writes_nothing_and_keeps_the_version():
    role = factories.RoleFactory(summary="First line.\nSecond line.")
    rows_before = role.history.count()
    services.role_update(role=role, summary="First line.\r\nSecond line.", expected_version=1)
    stored = Role.objects.get(pk=role.pk)
    assert (stored.summary, stored.version) == ("First line.\nSecond line.", 1)
    assert stored.history.count() == rows_before


def test_a_real_change_of_multiline_text_is_stored_normalised_and_raises_the_version():
    role = factories.RoleFactory(summary="First line.")
    services.role_update(role=role, summary="First line.\r\nAdded.", expected_version=1)
    stored = Role.objects.get(pk=role.pk)
    assert (stored.summary, stored.version) == ("First line.\nAdded.", 2)

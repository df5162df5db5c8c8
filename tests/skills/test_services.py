"""Competency, category and learning-resource writes."""

import pytest
from django.core.exceptions import ValidationError

from skills import services
from skills.models import Competency, CompetencyCategory, LearningResource
from tests import factories

pytestmark = pytest.mark.django_db


def test_competency_with_indicators_per_level():
    category = factories.CategoryFactory()
    competency = services.competency_create(
        name="Marketplace sales", category=category, indicators={1: "Knows the channels.", 5: ""}
    )
    assert competency.slug == "marketplace-sales"
    assert list(competency.indicators.values_list("level", flat=True)) == [1]
    services.competency_update(competency=competency, indicators={1: "", 3: "Runs a channel."})
    assert list(competency.indicators.values_list("level", flat=True)) == [3]


def test_indicator_level_outside_1_to_5_is_refused():
    competency = factories.CompetencyFactory()
    with pytest.raises(ValidationError) as error:
        services.competency_set_indicators(competency=competency, indicators={6: "Too high"})
    assert "indicators" in error.value.message_dict


def test_competency_names_are_unique_without_regard_to_case_and_new_is_reserved():
    category = factories.CategoryFactory()
    services.competency_create(name="SEO", category=category)
    with pytest.raises(ValidationError) as error:
        services.competency_create(name="seo", slug="seo-2", category=category)
    assert "name" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.competency_create(name="Newness", slug="new", category=category)
    assert "reserved" in error.value.message_dict["slug"][0]
    assert Competency.objects.count() == 1


def test_category_with_competencies_cannot_be_deleted():
    competency = factories.CompetencyFactory()
    with pytest.raises(ValidationError, match="still holds"):
        services.category_delete(category=competency.category)


def test_resource_duration_must_be_positive_and_titles_unique_ignoring_case():
    with pytest.raises(ValidationError) as error:
        services.learning_resource_create(title="Course", kind="course", duration_weeks=0)
    assert "duration_weeks" in error.value.message_dict
    services.learning_resource_create(
        title="Master in E-commerce", kind="degree", duration_weeks=52
    )
    with pytest.raises(ValidationError):
        services.learning_resource_create(
            title="MASTER IN E-COMMERCE", slug="master-2", kind="degree", duration_weeks=52
        )
    assert LearningResource.objects.count() == 1


def test_resource_competencies_keep_their_level_or_take_the_kind_default():
    first, second, third = factories.CompetencyFactory.create_batch(3)
    resource = services.learning_resource_create(
        title="Degree", kind="degree", duration_weeks=100, competencies={first: 5, second: None}
    )
    levels = dict(resource.competency_levels.values_list("competency_id", "raises_to"))
    assert levels == {first.pk: 5, second.pk: 4}  # a degree's default is 4
    history_before = resource.history.count()

    # A plain set keeps the levels of what stays and gives a newcomer the default
    services.learning_resource_update(resource=resource, competencies=[first, third])
    levels = dict(resource.competency_levels.values_list("competency_id", "raises_to"))
    assert levels == {first.pk: 5, third.pk: 4}
    assert resource.history.count() == history_before + 1
    latest = resource.history.first()
    assert {(row.competency_id, row.raises_to) for row in latest.competencies.all()} == {
        (first.pk, 5),
        (third.pk, 4),
    }

    # Writing the same again changes nothing and records nothing
    services.learning_resource_update(resource=resource, competencies={first: 5, third: 4})
    assert resource.history.count() == history_before + 1


def test_a_level_outside_1_to_5_is_refused_and_nothing_changes():
    competency = factories.CompetencyFactory()
    resource = factories.LearningResourceFactory(competencies={competency: 3})
    with pytest.raises(ValidationError):
        services.learning_resource_update(resource=resource, competencies={competency: 6})
    assert list(resource.competency_levels.values_list("raises_to", flat=True)) == [3]


def test_a_category_update_writes_only_the_fields_that_changed():
    """Categories carry no version, but a save from a stale copy still keeps other changes."""
    category = factories.CategoryFactory(description="Before.", position=1)
    stale = CompetencyCategory.objects.get(pk=category.pk)
    services.category_update(category=category, position=5)
    services.category_update(category=stale, description="After.")
    saved = CompetencyCategory.objects.get(pk=category.pk)
    assert (saved.description, saved.position) == ("After.", 5)

"""Forms for HR's editing of the competency library: competencies (with one behavioural
indicator per level), their categories, and the learning resources that develop them."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db import models
from django.forms.boundfield import BoundWidget

from careerpath.pages import IdChoiceField, PageForm, slug_field
from roles.forms import grouped_competency_choices
from skills.models import Competency, CompetencyCategory, LearningResource, ProficiencyLevel

INDICATOR_FIELDS = {level.value: f"indicator_{level.value}" for level in ProficiencyLevel}


class CompetencyForm(PageForm):
    name = forms.CharField(max_length=120)
    slug = slug_field("name")
    category = IdChoiceField(queryset=CompetencyCategory.objects.order_by("position"))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for level in ProficiencyLevel:
            self.fields[INDICATOR_FIELDS[level.value]] = forms.CharField(
                label=f"{level.value} · {level.label}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="What a person at this level is seen to do." if level.value == 1 else "",
            )

    @classmethod
    def initial_for(cls, instance: models.Model) -> dict[str, Any]:
        competency = cast(Competency, instance)
        initial = super().initial_for(competency)
        for indicator in competency.indicators.all():
            initial[INDICATOR_FIELDS[indicator.level]] = indicator.description
        return initial

    def indicator_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in INDICATOR_FIELDS.values()]

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned data split into the service's fields and its ``indicators`` mapping."""
        data = dict(self.cleaned_data)
        indicators = {level: data.pop(name) for level, name in INDICATOR_FIELDS.items()}
        return {**data, "indicators": indicators}


class CategoryForm(PageForm):
    name = forms.CharField(max_length=120)
    slug = slug_field("name")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    position = forms.IntegerField(
        min_value=0,
        max_value=32767,
        initial=0,
        help_text="Categories are listed in this order, lowest first.",
    )


class LearningResourceForm(PageForm):
    title = forms.CharField(max_length=200)
    slug = slug_field("title")
    kind = forms.ChoiceField(choices=[("", "Choose a kind…"), *LearningResource.Kind.choices])
    provider = forms.CharField(max_length=200, required=False)
    duration_weeks = forms.IntegerField(
        label="Duration in weeks",
        min_value=1,
        max_value=520,
        help_text="1–520. Development plans look for the fewest total weeks.",
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    competencies = forms.TypedMultipleChoiceField(
        coerce=int,
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Competencies it develops",
        help_text=(
            "Development plans offer this resource to close gaps in these, up to the level "
            "chosen beside each (left at the default: a course or certificate takes a "
            "competency to 3, a diploma or degree to 4)."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competencies"].choices = grouped_competency_choices(blank=None)
        for _category, options in self.fields["competencies"].choices:
            for pk, name in options:
                self.fields[raises_to_field(pk)] = forms.TypedChoiceField(
                    label=f"Level {name} is raised to",
                    coerce=int,
                    empty_value=None,
                    required=False,
                    choices=[
                        ("", "Default for its kind"),
                        *(
                            (level.value, f"to {level.value} · {level.label}")
                            for level in ProficiencyLevel
                        ),
                    ],
                )

    @classmethod
    def initial_for(cls, instance: models.Model) -> dict[str, Any]:
        resource = cast(LearningResource, instance)
        initial = super().initial_for(resource)
        for link in resource.competency_levels.all():
            initial[raises_to_field(link.competency_id)] = link.raises_to
        return initial

    def competency_groups(self) -> list[tuple[str, list[tuple[BoundWidget, forms.BoundField]]]]:
        """The competency checkboxes by category (one fieldset each on the page), each with
        the select of the level the resource raises it to."""
        checkboxes = iter(self["competencies"].subwidgets)
        return [
            (category, [(next(checkboxes), self[raises_to_field(pk)]) for pk, _name in options])
            for category, options in self.fields["competencies"].choices
        ]

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned data with the ticked competency ids turned into competency → level
        (None: the level it has, or its kind's default); a level beside an unticked
        competency is ignored."""
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("raises_to_")}
        chosen = Competency.objects.filter(pk__in=data["competencies"])
        data["competencies"] = {
            competency: self.cleaned_data.get(raises_to_field(competency.pk))
            for competency in chosen
        }
        return data


def raises_to_field(competency_id: int) -> str:
    return f"raises_to_{competency_id}"

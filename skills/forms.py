"""Forms for HR's editing of competencies (with one behavioural indicator per level)."""

from __future__ import annotations

from typing import Any

from django import forms

from roles.forms import PageForm, slug_field
from skills.models import Competency, CompetencyCategory, ProficiencyLevel

INDICATOR_FIELDS = {level.value: f"indicator_{level.value}" for level in ProficiencyLevel}


class CompetencyForm(PageForm):
    name = forms.CharField(max_length=120)
    slug = slug_field("name")
    category = forms.ModelChoiceField(queryset=CompetencyCategory.objects.order_by("position"))
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
    def initial_for(cls, competency: Competency) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "name": competency.name,
            "slug": competency.slug,
            "category": competency.category_id,
            "description": competency.description,
        }
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

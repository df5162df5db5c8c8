"""Forms for the framework pages: role editing (with its requirement formset), promotion paths,
the role comparison picker and the route finder.

Forms only shape and check input; the services in ``roles.services`` validate the model rules
and save. ``add_service_errors`` puts a service's ``ValidationError`` back onto the form, so the
user sees the message beside the field it concerns.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django import forms
from django.db.models import QuerySet

from careerpath.pages import IdChoiceField, PageForm, slug_field
from roles.models import MAX_YEARS_EXPERIENCE, Level, Role
from roles.services import RequirementInput
from skills.models import Competency, ProficiencyLevel
from skills.selectors import competency_choices_queryset

LEVEL_CHOICES = [(level.value, f"{level.value} · {level.label}") for level in ProficiencyLevel]


def grouped_competency_choices(
    competencies: QuerySet[Competency] | None = None, *, blank: str | None = "Choose a competency…"
) -> list[tuple[Any, Any]]:
    """Choices grouped by category, built from one query (shared by every row of a formset).
    ``blank=None`` leaves out the empty choice (for checkbox lists)."""
    competencies = competencies if competencies is not None else competency_choices_queryset()
    groups: dict[str, list[tuple[int, str]]] = {}
    for competency in competencies:
        groups.setdefault(competency.category.name, []).append((competency.pk, competency.name))
    return [*([("", blank)] if blank is not None else []), *groups.items()]


class RoleForm(PageForm):
    title = forms.CharField(max_length=120)
    slug = slug_field("title")
    level = forms.ChoiceField(choices=Level.choices)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    responsibilities = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, help_text="One per line."
    )
    kpis = forms.CharField(
        label="KPIs",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="One per line.",
    )
    qualifications = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, help_text="One per line."
    )
    min_years_experience = forms.IntegerField(
        label="Minimum years of experience", min_value=0, max_value=MAX_YEARS_EXPERIENCE, initial=0
    )


class RequirementForm(PageForm):
    competency = forms.TypedChoiceField(coerce=int, choices=())
    required_level = forms.TypedChoiceField(
        coerce=int, choices=LEVEL_CHOICES, initial=3, label="Required level"
    )
    weight = forms.IntegerField(
        min_value=1, max_value=100, initial=1, help_text="1–100: how much it counts in fit."
    )
    essential = forms.BooleanField(required=False)

    def __init__(self, *args: Any, competency_choices: list | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competency"].choices = competency_choices or []


class BaseRequirementFormSet(forms.BaseFormSet):
    """The requirement rows of a role. A competency may appear once; a repeat is flagged on the
    row that repeats it."""

    def clean(self) -> None:
        if any(self.errors):
            return
        counts = Counter(form.cleaned_data["competency"] for form in self.kept_forms())
        seen: set[int] = set()
        for form in self.kept_forms():
            competency_id = form.cleaned_data["competency"]
            if counts[competency_id] > 1 and competency_id in seen:
                form.add_error("competency", "This competency is already required above.")
            seen.add(competency_id)

    def kept_forms(self) -> list[RequirementForm]:
        """Rows naming a competency and not marked for deletion. Existing rows count even when
        unchanged (an untouched row must not be dropped); untouched blank rows are skipped."""
        return [
            form
            for form in self.forms
            if form.cleaned_data.get("competency") and not form.cleaned_data.get("DELETE")
        ]

    def requirement_inputs(self) -> list[RequirementInput]:
        rows = self.kept_forms()
        competencies = Competency.objects.in_bulk(
            [form.cleaned_data["competency"] for form in rows]
        )
        return [
            RequirementInput(
                competency=competencies[form.cleaned_data["competency"]],
                required_level=form.cleaned_data["required_level"],
                weight=form.cleaned_data["weight"],
                essential=form.cleaned_data["essential"],
            )
            for form in rows
        ]


RequirementFormSet = forms.formset_factory(
    RequirementForm, formset=BaseRequirementFormSet, extra=2, can_delete=True, max_num=60
)


def requirement_initial(role: Role) -> list[dict[str, Any]]:
    return [
        {
            "competency": req.competency_id,
            "required_level": req.required_level,
            "weight": req.weight,
            "essential": req.essential,
        }
        for req in role.requirements.all()
    ]


def role_choices(blank: str) -> list[tuple[str, str]]:
    return [("", blank)] + [
        (role.slug, f"{role.title} ({role.get_level_display()})")
        for role in Role.objects.order_by("rank", "title")
    ]


class PromotionPathForm(PageForm):
    from_role = IdChoiceField(queryset=Role.objects.order_by("rank", "title"), label="From role")
    to_role = IdChoiceField(queryset=Role.objects.order_by("rank", "title"), label="To role")
    typical_years = forms.IntegerField(
        min_value=1, max_value=40, initial=2, help_text="How long the step usually takes (1–40)."
    )
    criteria = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="What someone shows before they are ready for the step.",
    )


class RoleFilterForm(PageForm):
    """The role catalog's filters (``?q=&level=``). A level that is not on the ladder is an
    error beside the select (the catalog then shows every level), not silently ignored."""

    q = forms.CharField(label="Search roles", required=False, max_length=200)
    level = forms.ChoiceField(
        label="Level",
        required=False,
        choices=[("", "All levels"), *Level.choices],
        error_messages={
            "invalid_choice": "Not a level on the ladder, so every level is shown. Choose one "
            "from the list."
        },
    )


class RoleComparisonForm(PageForm):
    """``?a=<slug>&b=<slug>`` — read from the query string, so the result can be linked."""

    a = forms.ChoiceField(label="From role")
    b = forms.ChoiceField(label="To role")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = role_choices("Choose a role…")
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices


class RouteFinderForm(PageForm):
    """From a role (or a candidate's current role) to a target role."""

    start = forms.ChoiceField(label="From role", required=False)
    target = forms.ChoiceField(label="To role")
    candidate = forms.TypedChoiceField(
        label="For candidate (optional)",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="Shows the candidate's gaps at each step; starts from their current role "
        "when no start role is chosen.",
    )

    def __init__(self, *args: Any, candidates: QuerySet | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = role_choices("Choose a role…")
        # The start may be left empty when a candidate is chosen (their current role); the
        # target is always required.
        start_blank = "The candidate's current role" if candidates is not None else "Choose a role…"
        self.fields["start"].choices = [("", start_blank), *choices[1:]]
        self.fields["target"].choices = choices
        self.candidates = {c.pk: c for c in candidates} if candidates is not None else None
        if self.candidates is None:
            del self.fields["candidate"]
        else:
            self.fields["candidate"].choices = [("", "No candidate")] + [
                (pk, str(candidate)) for pk, candidate in self.candidates.items()
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        candidate = self.candidates.get(data.get("candidate")) if self.candidates else None
        data["candidate_obj"] = candidate
        if not data.get("start"):
            if candidate is None:
                self.add_error("start", "Choose a start role, or a candidate.")
            elif candidate.current_role is None:
                self.add_error(
                    "start", f"{candidate} has no current role on the ladder: choose a start role."
                )
        return data

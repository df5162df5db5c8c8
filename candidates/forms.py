"""Forms for the recruiting pages: adding an assessment, choosing candidates to compare, and
choosing the target role on a candidate's page. Writes go through ``candidates.services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from candidates.models import NO_EVIDENCE, Candidate
from roles.forms import PageForm, grouped_competency_choices, role_choices
from skills.models import Competency, ProficiencyLevel

ASSESSMENT_LEVEL_CHOICES = [(NO_EVIDENCE, f"{NO_EVIDENCE} · No evidence")] + [
    (level.value, f"{level.value} · {level.label}") for level in ProficiencyLevel
]


class AssessmentForm(PageForm):
    competency = forms.TypedChoiceField(coerce=int, choices=())
    level = forms.TypedChoiceField(
        coerce=int,
        choices=[("", "Choose a level…"), *ASSESSMENT_LEVEL_CHOICES],
        help_text="0 = no evidence seen; 1 Awareness … 5 Expert.",
    )
    assessed_at = forms.DateField(
        label="Assessed on",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The latest assessment of a competency (by this date) is the one that counts.",
    )
    evidence = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="What you saw: interview answers, work samples, references.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("assessed_at", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["competency"].choices = grouped_competency_choices()

    def clean_assessed_at(self) -> Any:
        value = self.cleaned_data["assessed_at"]
        if value > timezone.localdate():
            raise forms.ValidationError("An assessment cannot be dated in the future.")
        return value

    def chosen_competency(self) -> Competency:
        return Competency.objects.get(pk=self.cleaned_data["competency"])


class CandidateCompareForm(PageForm):
    """A role plus a chosen set of candidates (only those the user may see are offered)."""

    role = forms.ChoiceField(label="Role to compare against")
    candidates = forms.ModelMultipleChoiceField(
        queryset=Candidate.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one candidate."},
    )

    def __init__(self, *args: Any, candidates: QuerySet[Candidate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices("Choose a role…")
        self.fields["candidates"].queryset = candidates
        self.fields["candidates"].label_from_instance = lambda c: (
            f"{c.name} · {c.get_source_display()}"
            + (f" · {c.current_role.title}" if c.current_role else "")
        )


class TargetRoleForm(PageForm):
    role = forms.ChoiceField(label="Target role", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices("Choose a role…")

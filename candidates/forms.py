"""Forms for the recruiting pages: adding and editing candidates, opening and editing openings,
adding an assessment, choosing candidates to compare, and choosing the target role on a
candidate's page. Writes go through ``candidates.services``; every choice of candidate or
opening comes from the access selectors, so a form never offers what the user may not see."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db.models import QuerySet
from django.utils import timezone

from candidates.models import NO_EVIDENCE, Candidate, Opening
from candidates.selectors import (
    MAX_SHORTLIST,
    MAX_SKILL_CONDITIONS,
    Scorecard,
    ScorecardRow,
    SkillCondition,
)
from candidates.services import ScorecardEntry
from careerpath.pages import IdChoiceField, IdMultipleChoiceField, PageForm
from roles.forms import grouped_competency_choices, role_choices
from roles.models import MAX_YEARS_EXPERIENCE, Role
from skills.models import Competency, ProficiencyLevel
from skills.selectors import competency_choices_queryset

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


def candidate_choice_label(candidate: Candidate) -> str:
    """How a candidate reads in a checkbox list (needs ``current_role`` selected)."""
    return f"{candidate.name} · {candidate.get_source_display()}" + (
        f" · {candidate.current_role.title}" if candidate.current_role else ""
    )


def opening_choice_label(opening: Opening) -> str:
    """How an opening reads in a checkbox list (needs ``role`` selected)."""
    closed = " (closed)" if opening.status != Opening.Status.OPEN else ""
    return f"{opening.title} · {opening.role.title}{closed}"


def user_choice_label(user: AbstractUser) -> str:
    full_name = user.get_full_name()
    return f"{full_name} ({user.username})" if full_name else user.username


def ladder_roles() -> QuerySet[Role]:
    return Role.objects.order_by("rank", "title")


class CandidateCompareForm(PageForm):
    """A role plus a chosen set of candidates (only those the user may see are offered)."""

    role = forms.ChoiceField(label="Role to compare against")
    candidates = IdMultipleChoiceField(
        queryset=Candidate.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one candidate."},
    )

    def __init__(self, *args: Any, candidates: QuerySet[Candidate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices("Choose a role…")
        self.fields["candidates"].queryset = candidates
        self.fields["candidates"].label_from_instance = candidate_choice_label

    def clean_candidates(self) -> Any:
        chosen = self.cleaned_data["candidates"]
        if len(chosen) > MAX_SHORTLIST:
            raise forms.ValidationError(
                f"Compare at most {MAX_SHORTLIST} candidates at a time (you chose {len(chosen)})."
            )
        return chosen


class TargetRoleForm(PageForm):
    """``?role=<slug>`` on a candidate's page; a slug that names no role is an error beside the
    select (the page then shows the default target), not silently ignored."""

    role = forms.ChoiceField(
        label="Target role",
        required=False,
        error_messages={"invalid_choice": "No such role. Choose one from the list."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices("Choose a role…")


SKILL_LEVEL_CHOICES = [("", "Any level…")] + [
    (str(level.value), f"{level.value} · {level.label} or more") for level in ProficiencyLevel
]


class CandidateFilterForm(PageForm):
    """The candidate list's filters: ``?q=&source=&current_role=<slug>`` and skill conditions
    as paired repeated parameters ``?competency=<slug>&min_level=<1..5>`` (the n-th of each make
    the n-th condition; every condition must hold). A row with no competency is the form's empty
    "add a condition" row and is skipped. ``search_filters()`` gives the valid ones as
    ``selectors.candidate_search`` keyword arguments."""

    q = forms.CharField(
        label="Search by name or email",
        required=False,
        max_length=200,
        help_text="Looks in names and emails, not skills. To find people by skill, use "
        "“Competency” and “At least” below (for example SEO, at least 3).",
    )
    source = forms.ChoiceField(
        label="Source",
        required=False,
        choices=[("", "Internal and external"), *Candidate.Source.choices],
        error_messages={
            "invalid_choice": "Not a source, so internal and external candidates are shown. "
            "Choose one from the list."
        },
    )
    current_role = forms.ChoiceField(
        label="Current role",
        required=False,
        error_messages={"invalid_choice": "No such role. Choose one from the list."},
    )
    competency = forms.MultipleChoiceField(
        label="Competency",
        required=False,
        error_messages={
            "invalid_choice": "No such competency: “%(value)s”. Choose one from the list."
        },
    )
    min_level = forms.MultipleChoiceField(
        label="At least",
        required=False,
        choices=SKILL_LEVEL_CHOICES,
        error_messages={"invalid_choice": "“%(value)s” is not a level: choose 1 to 5."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        roles = list(ladder_roles())
        self.role_ids = {role.slug: role.pk for role in roles}
        self.fields["current_role"].choices = [("", "Any role")] + [
            (role.slug, role.title) for role in roles
        ]
        competencies = list(competency_choices_queryset())
        self.competency_ids = {c.slug: c.pk for c in competencies}
        groups: dict[str, list[tuple[str, str]]] = {}
        for competency in competencies:
            groups.setdefault(competency.category.name, []).append(
                (competency.slug, competency.name)
            )
        self.fields["competency"].choices = [("", "Choose a competency…"), *groups.items()]

    def skill_rows(self) -> list[tuple[str, str]]:
        """The conditions as typed (competency slug, level), valid or not, for the form to show
        them again; followed by one empty row to add another."""
        competencies = self.data.getlist("competency") if self.is_bound else []
        levels = self.data.getlist("min_level") if self.is_bound else []
        rows = [
            (
                competencies[i] if i < len(competencies) else "",
                levels[i] if i < len(levels) else "",
            )
            for i in range(max(len(competencies), len(levels)))
        ]
        return [row for row in rows if row[0]] + [("", "")]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "competency" not in cleaned or "min_level" not in cleaned:
            return cleaned  # a value already refused beside its field
        competencies, levels = cleaned["competency"], cleaned["min_level"]
        conditions: dict[str, int] = {}
        for i, slug in enumerate(competencies):
            if not slug:
                continue  # the empty row
            level = levels[i] if i < len(levels) else ""
            if not level:
                self.add_error("min_level", f"Choose the level “{slug}” needs (1 to 5).")
                continue
            # The same competency twice: the stricter condition is the one that matters.
            conditions[slug] = max(int(level), conditions.get(slug, 0))
        if len(conditions) > MAX_SKILL_CONDITIONS:
            self.add_error(
                "competency",
                f"At most {MAX_SKILL_CONDITIONS} skill conditions (you gave {len(conditions)}).",
            )
        cleaned["skills"] = [
            SkillCondition(competency_id=self.competency_ids[slug], min_level=level)
            for slug, level in conditions.items()
        ]
        return cleaned

    def search_filters(self) -> dict[str, Any]:
        """The valid filters as ``candidate_search`` keyword arguments: a refused filter is
        left out (the page shows the list without it, and the error beside it)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        role = data.get("current_role", "")
        skills_valid = not (self.has_error("competency") or self.has_error("min_level"))
        return {
            "search": data.get("q", ""),
            "source": data.get("source", ""),
            "current_role_id": self.role_ids.get(role) if role else None,
            "skills": data.get("skills", []) if skills_valid else [],
        }


# --- Candidates and openings ----------------------------------------------------------------


class CandidateForm(PageForm):
    """A candidate's profile; on create it may also put them on openings the user may see."""

    name = forms.CharField(max_length=200)
    email = forms.EmailField(max_length=254)
    source = forms.ChoiceField(
        choices=Candidate.Source.choices,
        widget=forms.RadioSelect,
        help_text="Internal candidates are employees: they get a development plan.",
    )
    current_role = IdChoiceField(
        queryset=ladder_roles(),
        required=False,
        label="Current role",
        empty_label="None on the ladder",
        help_text="The role they hold now, if it is on the ladder (starts their career route).",
    )
    years_experience = forms.IntegerField(
        label="Years of experience", min_value=0, max_value=MAX_YEARS_EXPERIENCE, initial=0
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    openings = IdMultipleChoiceField(
        queryset=Opening.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Add to openings",
        help_text="Optional. They are ranked on each opening you tick.",
    )

    def __init__(
        self, *args: Any, openings: QuerySet[Opening] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if openings is None:  # editing: openings are managed on the opening's page
            del self.fields["openings"]
        else:
            self.fields["openings"].queryset = openings
            self.fields["openings"].label_from_instance = opening_choice_label


class OpeningForm(PageForm):
    """An opening: its role, status, hiring team (HR and recruiters) and candidates (those the
    user may see). The team and the candidates are written as whole sets."""

    title = forms.CharField(max_length=200)
    role = IdChoiceField(queryset=ladder_roles(), empty_label="Choose a role…")
    status = forms.ChoiceField(
        choices=Opening.Status.choices,
        initial=Opening.Status.OPEN,
        widget=forms.RadioSelect,
        help_text="Close an opening when it is filled; it stays readable.",
    )
    hiring_team = IdMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Hiring team",
        help_text="HR staff and recruiters. Recruiters see and work on the openings they are on.",
    )
    candidates = IdMultipleChoiceField(
        queryset=Candidate.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The candidates considered for it; they are ranked on the opening's page.",
    )

    def __init__(
        self,
        *args: Any,
        team: QuerySet[AbstractUser],
        candidates: QuerySet[Candidate],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hiring_team"].queryset = team
        self.fields["hiring_team"].label_from_instance = user_choice_label
        self.fields["candidates"].queryset = candidates
        self.fields["candidates"].label_from_instance = candidate_choice_label


# --- Bulk import ----------------------------------------------------------------------------


class CandidateImportForm(PageForm):
    """The upload of a candidate import: the file and, optionally, an opening to put everyone
    on. The file's own checks (type, size, encoding) are the service's (``upload_format``)."""

    file = forms.FileField(
        label="File",
        help_text="A .csv (UTF-8) or .xlsx file laid out as described below.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    opening = IdChoiceField(
        queryset=Opening.objects.none(),
        required=False,
        label="Also add everyone in the file to the opening",
        empty_label="No opening",
    )

    def __init__(self, *args: Any, openings: QuerySet[Opening], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opening"].queryset = openings
        self.fields["opening"].label_from_instance = opening_choice_label  # type: ignore[attr-defined]


class CandidateEraseForm(PageForm):
    """Why a candidate is erased: kept in the erasure record, so it must not name them (the
    service checks)."""

    reason = forms.CharField(
        label="Reason",
        max_length=500,
        help_text=(
            "Kept for good in the erasure record, so do not name the candidate: for example "
            "“Erasure request received 1 March by email”."
        ),
    )


class ScorecardForm(PageForm):
    """A candidate scored against every requirement of a role at once: per requirement a
    level (blank: not assessed this time) and optional evidence, and one date for all.

    Field names carry the competency's slug (``level-<slug>``, ``evidence-<slug>``), so each
    error sits beside its row; ``rows()`` pairs every scorecard row with its fields."""

    assessed_at = forms.DateField(
        label="Assessed on",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="For every row you score; the latest assessment of a competency counts.",
    )

    def __init__(self, *args: Any, scorecard: Scorecard, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("assessed_at", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.scorecard = scorecard
        for row in scorecard.rows:
            slug = row.requirement.competency_slug
            self.fields[f"level-{slug}"] = forms.TypedChoiceField(
                label=row.requirement.competency_name,
                coerce=int,
                empty_value=None,
                required=False,
                choices=[("", "Not assessed now"), *ASSESSMENT_LEVEL_CHOICES],
                widget=forms.RadioSelect,
            )
            self.fields[f"evidence-{slug}"] = forms.CharField(
                label=f"Evidence for {row.requirement.competency_name}",
                required=False,
                max_length=5_000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean_assessed_at(self) -> Any:
        value = self.cleaned_data["assessed_at"]
        if value > timezone.localdate():
            raise forms.ValidationError("An assessment cannot be dated in the future.")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = 0
        for row in self.scorecard.rows:
            slug = row.requirement.competency_slug
            level, evidence = data.get(f"level-{slug}"), data.get(f"evidence-{slug}")
            if level is not None:
                chosen += 1
            elif evidence:
                self.add_error(
                    f"level-{slug}", "Choose a level for this evidence, or clear the evidence."
                )
        if chosen == 0 and not self.errors:
            raise forms.ValidationError(
                "Choose a level for at least one requirement (rows left blank are skipped)."
            )
        return data

    def rows(self) -> list[tuple[ScorecardRow, forms.BoundField, forms.BoundField, list]]:
        """Each row with its level field, its evidence field, and its level options as
        (radio, the competency's indicator for that level or "")."""
        out = []
        for row in self.scorecard.rows:
            slug = row.requirement.competency_slug
            level = self[f"level-{slug}"]
            options = [
                (radio, row.indicators.get(radio.data["value"], "") if radio.data["value"] else "")
                for radio in level
            ]
            out.append((row, level, self[f"evidence-{slug}"], options))
        return out

    def entries(self) -> list[ScorecardEntry]:
        """The rows given a level, for ``services.assessment_batch_create``."""
        competencies = {
            c.slug: c
            for c in Competency.objects.filter(
                pk__in=[row.requirement.competency_id for row in self.scorecard.rows]
            )
        }
        return [
            ScorecardEntry(
                competency=competencies[row.requirement.competency_slug],
                level=self.cleaned_data[f"level-{row.requirement.competency_slug}"],
                evidence=self.cleaned_data[f"evidence-{row.requirement.competency_slug}"],
            )
            for row in self.scorecard.rows
            if self.cleaned_data.get(f"level-{row.requirement.competency_slug}") is not None
        ]

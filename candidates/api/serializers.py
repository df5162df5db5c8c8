"""API representations of candidates, openings and assessments, and the input and output of
the recruiting reads (ranking, fit, comparison, development plan, career route).

References a caller writes (a candidate id on an assessment, the candidates of an opening) are
resolved through the access selectors, so naming a candidate you may not see reads exactly like
naming one that does not exist.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from django.template.defaultfilters import pluralize
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from candidates import selectors
from candidates.models import NO_EVIDENCE, Assessment, Candidate, Opening
from candidates.scoring import FIT_STATUSES, RequirementResult
from candidates.succession import GROUPS, Readiness, SuccessionBoard
from careerpath.api.fields import (
    MAX_ID,
    IdListField,
    IdReferenceField,
    SlugReferenceField,
    StrictIntegerField,
    StrictTextField,
    version_field,
)
from careerpath.api.serializers import StrictModelSerializer, StrictSerializer
from careerpath.text_checks import positive_number
from roles.models import Role
from skills.models import MAX_LEVEL, Competency, ProficiencyLevel

REASON_CODES = ["essential_not_met", "years_short"]
REASON_KINDS = ["not_assessed", "below_level", "years_short"]
REQUIREMENT_CHANGES = ["added", "raised", "lowered", "unchanged", "dropped"]
MAX_COMPARED_CANDIDATES = 200
MAX_OPENING_CANDIDATES = 1000
# Dates are the assessor's calendar day; a day of slack lets a caller east of the server's
# time zone post "today".


def _request_user(serializer: serializers.Field) -> Any:
    return serializer.context["request"].user


def visible_candidates(request: Any) -> QuerySet[Candidate]:
    """The candidates the request's user may see (none while the schema is generated)."""
    if request is None:
        return Candidate.objects.none()
    return selectors.candidates_visible_to(request.user)


def visible_openings(request: Any) -> QuerySet[Opening]:
    if request is None:
        return Opening.objects.none()
    return selectors.openings_visible_to(request.user)


def _hiring_team_users(request: Any) -> QuerySet[Any]:
    return selectors.hiring_team_eligible_users()


# --- Resources ------------------------------------------------------------------------------


class CandidateSerializer(StrictModelSerializer):
    version = version_field()
    current_role = SlugReferenceField(
        what="role",
        queryset=Role.objects.all(),
        allow_null=True,
        required=False,
        help_text="The role the candidate holds now (its slug), or null.",
    )

    class Meta:
        model = Candidate
        fields = [
            "id",
            "name",
            "email",
            "source",
            "current_role",
            "years_experience",
            "notes",
            "version",
        ]


class AssessmentSerializer(StrictModelSerializer):
    candidate = IdReferenceField(
        what="candidate",
        queryset=visible_candidates,
        help_text="The candidate's id (one you may see).",
    )
    competency = SlugReferenceField(
        what="competency", queryset=Competency.objects.all(), help_text="The competency's slug."
    )
    assessor = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,  # the assessor's account may have been deleted since (SET_NULL)
        help_text="The user who posted the assessment (set by the API).",
    )

    class Meta:
        model = Assessment
        fields = ["id", "candidate", "competency", "level", "evidence", "assessed_at", "assessor"]
        extra_kwargs = {
            "level": {"help_text": "0 = no evidence, 1 Awareness … 5 Expert."},
            "assessed_at": {"help_text": "The day of the assessment (default: today)."},
        }


# What the answer to adding an assessment says about the stored scores it changes.
SCORING_STATES = ["queued"]


class AssessmentCreatedSerializer(AssessmentSerializer):
    """The answer to adding an assessment: the assessment, and that rescoring is queued."""

    scoring = serializers.SerializerMethodField(
        help_text=(
            "Always `queued`: the candidate's stored scores are recalculated in the background "
            "(until then they are flagged stale). If the task queue is unreachable the "
            "assessment is still saved and the periodic reconciler queues the rescoring."
        )
    )

    class Meta(AssessmentSerializer.Meta):
        fields = [*AssessmentSerializer.Meta.fields, "scoring"]

    @extend_schema_field(serializers.ChoiceField(choices=SCORING_STATES))
    def get_scoring(self, obj: Assessment) -> str:
        return SCORING_STATES[0]


class OpeningSerializer(StrictModelSerializer):
    version = version_field()
    role = SlugReferenceField(
        what="role", queryset=Role.objects.all(), help_text="The role to fill (its slug)."
    )
    hiring_team = IdListField(
        queryset=_hiring_team_users,
        what="HR or recruiter user",
        required=False,
        max_length=100,
        help_text="User ids of the hiring team (HR or recruiters); written as a whole set.",
    )
    candidates = IdListField(
        queryset=visible_candidates,
        what="candidate",
        required=False,
        max_length=MAX_OPENING_CANDIDATES,
        help_text="Ids of the candidates considered (ones you may see); written as a whole set.",
    )

    class Meta:
        model = Opening
        fields = ["id", "title", "role", "status", "hiring_team", "candidates", "version"]


# --- Inputs of the recruiting reads ---------------------------------------------------------


def _parse_id_list(text: str, *, what: str, limit: int) -> list[int]:
    parts = [part.strip() for part in text.split(",")]
    if not text.strip() or any(not part for part in parts):
        raise serializers.ValidationError(f"Give {what} ids separated by commas, e.g. 1,2,3.")
    if len(parts) > limit:
        raise serializers.ValidationError(f"At most {limit} {what}s at a time.")
    ids: list[int] = []
    for part in parts:
        number = positive_number(part)
        if number is None or number > MAX_ID:
            shown = part if len(part) <= 20 else f"{part[:20]}…"
            raise serializers.ValidationError(f"“{shown}” is not a {what} id.")
        if number in ids:
            raise serializers.ValidationError(f"{what.capitalize()} {part} is listed twice.")
        ids.append(number)
    return ids


class RankingQuerySerializer(StrictSerializer):
    opening = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="Rank this opening's candidates (an opening you may see).",
    )
    candidates = serializers.CharField(
        required=False,
        help_text=(
            f"Or rank these candidates: ids separated by commas, e.g. 1,2,3 (at most "
            f"{MAX_COMPARED_CANDIDATES}, ones you may see)."
        ),
    )

    def validate_candidates(self, text: str) -> list[int]:
        return _parse_id_list(text, what="candidate", limit=MAX_COMPARED_CANDIDATES)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("opening" in attrs) == ("candidates" in attrs):
            raise serializers.ValidationError("Give either ?opening=<id> or ?candidates=<ids>.")
        user = _request_user(self)
        if "opening" in attrs:
            opening = (
                selectors.openings_visible_to(user)
                .select_related("role")
                .filter(pk=attrs["opening"])
                .first()
            )
            if opening is None:
                raise serializers.ValidationError(
                    {"opening": [f"No opening with id {attrs['opening']}."]}
                )
            attrs["opening"] = opening
            attrs["candidates"] = None  # ranked from the stored scores, a page at a time
        else:
            attrs["opening"] = None
            attrs["candidates"] = _visible_candidates_by_id(user, attrs["candidates"])
        return attrs


def _visible_candidates_by_id(user: Any, ids: list[int]) -> list[Candidate]:
    found = {
        c.pk: c
        for c in selectors.candidates_visible_to(user)
        .select_related("current_role")
        .filter(pk__in=ids)
    }
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise serializers.ValidationError(
            {
                "candidates": [
                    f"No candidate{pluralize(missing)} with id{pluralize(missing)} "
                    f"{', '.join(missing)}."
                ]
            }
        )
    return [found[pk] for pk in ids]


class RoleQuerySerializer(StrictSerializer):
    role = SlugReferenceField(
        what="role", queryset=Role.objects.all(), help_text="The role (its slug)."
    )


class ExportFormatSerializer(StrictSerializer):
    format = serializers.ChoiceField(
        choices=[("csv", "CSV (UTF-8 with BOM)"), ("xlsx", "Excel workbook")],
        default="csv",
        help_text="The file type: `csv` (default) or `xlsx`.",
    )


class CompareSerializer(StrictSerializer):
    role = SlugReferenceField(
        what="role",
        queryset=Role.objects.all(),
        required=False,
        help_text="The role to compare for (its slug); with an opening, defaults to its role.",
    )
    candidates = IdListField(
        queryset=visible_candidates,
        what="candidate",
        required=False,
        min_length=1,
        max_length=MAX_COMPARED_CANDIDATES,
        help_text="Ids of the candidates to compare (ones you may see).",
    )
    opening = IdReferenceField(
        what="opening",
        queryset=visible_openings,
        required=False,
        help_text=(
            "Or compare this opening's shortlist: its top `top` candidates by the stored "
            "ranking (an opening you may see)."
        ),
    )
    top = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=selectors.MAX_SHORTLIST,
        help_text=(
            f"With an opening: how many of its best-ranked candidates to compare (default "
            f"{selectors.DEFAULT_SHORTLIST}, at most {selectors.MAX_SHORTLIST})."
        ),
    )

    # What ``validate`` checks across fields, for the schema.
    request_schema_rules: ClassVar[dict[str, Any]] = {
        "oneOf": [
            {
                "required": ["candidates", "role"],
                "not": {"anyOf": [{"required": ["opening"]}, {"required": ["top"]}]},
            },
            {"required": ["opening"], "not": {"required": ["candidates"]}},
        ]
    }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("opening" in attrs) == ("candidates" in attrs):
            raise serializers.ValidationError(
                'Give either "candidates" (with "role") or "opening".'
            )
        if "top" in attrs and "opening" not in attrs:
            raise serializers.ValidationError({"top": ['Only with "opening".']})
        if "opening" in attrs:
            opening = attrs["opening"]
            attrs.setdefault("role", opening.role)
            attrs["candidates"] = selectors.opening_shortlist(
                opening, limit=attrs.get("top", selectors.DEFAULT_SHORTLIST)
            )
            attrs["total"] = opening.candidates.count()
        elif "role" not in attrs:
            raise serializers.ValidationError({"role": ["Required when comparing candidates."]})
        else:
            attrs["opening"] = None
            attrs["total"] = len(attrs["candidates"])
        return attrs


class CareerRouteQuerySerializer(StrictSerializer):
    """``from`` is a Python keyword, so it is added in ``get_fields``."""

    to = SlugReferenceField(
        what="role", queryset=Role.objects.all(), help_text="The target role (its slug)."
    )
    candidate = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="A candidate (one you may see): the route starts at their current role "
        "unless `from` is given, and each step lists their gaps.",
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        return {
            "from": SlugReferenceField(
                what="role",
                queryset=Role.objects.all(),
                required=False,
                help_text="The starting role (its slug); optional with a candidate who has a "
                "current role.",
            ),
            **super().get_fields(),
        }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        candidate = None
        if "candidate" in attrs:
            candidate = (
                selectors.candidates_visible_to(_request_user(self))
                .select_related("current_role")
                .filter(pk=attrs["candidate"])
                .first()
            )
            if candidate is None:
                raise serializers.ValidationError(
                    {"candidate": [f"No candidate with id {attrs['candidate']}."]}
                )
        attrs["candidate"] = candidate
        if attrs.get("from") is None:
            if candidate is None or candidate.current_role is None:
                raise serializers.ValidationError(
                    {"from": ["Give a starting role, or a candidate who holds a current role."]}
                )
            attrs["from"] = candidate.current_role
        return attrs


# --- Outputs of the recruiting reads --------------------------------------------------------


class ReasonSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=REASON_CODES, help_text="Why not eligible.")
    message = serializers.CharField()
    competency = serializers.CharField(
        allow_null=True, help_text="The competency's slug (null for years)."
    )
    required = serializers.IntegerField()
    actual = serializers.IntegerField()
    kind = serializers.ChoiceField(
        choices=REASON_KINDS,
        help_text="`not_assessed`: an essential requirement was never assessed; `below_level`: "
        "assessed below its level; `years_short`: too few years of experience.",
    )


class CoverageSerializer(serializers.Serializer):
    assessed = serializers.IntegerField(
        help_text="How many of the role's requirements have an assessment."
    )
    required = serializers.IntegerField(help_text="How many requirements the role has.")


def _status_field(**kwargs: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=FIT_STATUSES,
        help_text="`not_assessed` when none of the role's requirements is assessed (the fit "
        "then says nothing), else `eligible` or `blocked`.",
        **kwargs,
    )


class RequirementOfRowSerializer(serializers.Serializer):
    """The requirement of a row that holds it as ``requirement`` (a ``RequirementSpec``)."""

    competency = serializers.CharField(source="requirement.competency_slug")
    competency_name = serializers.CharField(source="requirement.competency_name")
    category = serializers.CharField(source="requirement.category_name")
    required_level = serializers.IntegerField(source="requirement.required_level")
    weight = serializers.IntegerField(source="requirement.weight")
    essential = serializers.BooleanField(source="requirement.essential")


class RequirementResultSerializer(RequirementOfRowSerializer):
    """One requirement of the role against the candidate's counted (latest) level."""

    assessed_level = serializers.IntegerField(help_text="The latest assessment (0: none).")
    gap = serializers.IntegerField(help_text="Levels short of the requirement.")
    surplus = serializers.IntegerField(help_text="Levels above it (never raises fit).")
    met = serializers.BooleanField()


def _fit_field(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        coerce_to_string=False,
        help_text="100 × Σ weight·min(level, required)/required ÷ Σ weight, one decimal.",
        **kwargs,
    )


class RankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField(
        help_text="Eligible first, then fit (high first), shortfall (low first), id."
    )
    candidate = serializers.IntegerField(source="candidate.pk", help_text="The candidate's id.")
    name = serializers.CharField(source="candidate.name")
    source = serializers.CharField(source="candidate.source")
    fit = _fit_field()
    eligible = serializers.BooleanField()
    shortfall = serializers.IntegerField(help_text="Σ levels short over all requirements.")
    reasons = ReasonSerializer(many=True)
    assessed = serializers.IntegerField(
        source="assessed_count", help_text="How many of the role's requirements are assessed."
    )
    requirements = serializers.IntegerField(
        source="requirement_count", help_text="How many requirements the role has."
    )
    coverage = CoverageSerializer()
    status = _status_field()
    computed_at = serializers.DateTimeField(
        allow_null=True,
        help_text="When the stored score was computed (null: computed for this request, or "
        "not scored yet).",
    )
    stale = serializers.BooleanField(
        help_text="True while the candidate's inputs changed after `computed_at`: a rescoring "
        "is queued and fit, eligibility and rank may still change."
    )


class RankingSerializer(serializers.Serializer):
    role = serializers.CharField(source="role.slug")
    opening = serializers.IntegerField(source="opening.pk", allow_null=True)
    count = serializers.IntegerField(help_text="Candidates in the whole ranking.")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = RankingRowSerializer(many=True)


class FitSerializer(serializers.Serializer):
    candidate = serializers.IntegerField(source="candidate.pk")
    role = serializers.CharField(source="role.slug")
    fit = _fit_field(source="result.fit")
    eligible = serializers.BooleanField(source="result.eligible")
    shortfall = serializers.IntegerField(source="result.shortfall")
    reasons = ReasonSerializer(source="result.reasons", many=True)
    coverage = CoverageSerializer(source="result.coverage")
    status = _status_field(source="result.status")
    gaps = RequirementResultSerializer(source="result.gaps", many=True)
    strengths = RequirementResultSerializer(source="result.strengths", many=True)


class TimeToReadySerializer(serializers.Serializer):
    """A candidate's readiness for a role (see ``candidates.succession``)."""

    group = serializers.ChoiceField(
        choices=list(GROUPS),
        help_text="`ready_now` (eligible), `ready_soon` (time to ready ≤ 2 years) or `later` "
        "(more, or a gap no learning resource develops).",
    )
    years = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        coerce_to_string=False,
        help_text="max(plan weeks ÷ 52, years of experience missing), one decimal; 0 when "
        "ready now.",
    )
    missing_years = serializers.IntegerField(
        help_text="The role's minimum years of experience minus the candidate's (at least 0)."
    )
    plan_weeks = serializers.IntegerField(
        help_text="Total weeks of the candidate's development plan for the role (0 when "
        "ready now: no plan is made)."
    )
    plan_resources = serializers.SerializerMethodField(
        help_text="How many learning resources the plan holds."
    )
    uncovered = serializers.ListField(
        child=serializers.CharField(),
        help_text="Gap competencies (names) no learning resource develops: no date can be given.",
    )
    why = serializers.CharField(help_text="The reason in words, as the board's card says it.")

    def get_plan_resources(self, readiness: Readiness) -> int:
        return len(readiness.plan.resources) if readiness.plan is not None else 0


class ComparedCandidateSerializer(RankingRowSerializer):
    gaps = RequirementResultSerializer(source="result.gaps", many=True)
    strengths = RequirementResultSerializer(source="result.strengths", many=True)
    time_to_ready = serializers.SerializerMethodField(
        help_text="The candidate's time to ready for the role (added in v1; eligibility by the "
        "rules now, like the rest of the comparison)."
    )

    @extend_schema_field(TimeToReadySerializer)
    def get_time_to_ready(self, entry: Any) -> dict[str, Any] | None:
        readiness = self.context.get("readiness", {}).get(entry.candidate.pk)
        return TimeToReadySerializer(readiness).data if readiness is not None else None


class MatrixRequirementSerializer(serializers.Serializer):
    competency = serializers.CharField(source="competency_slug")
    competency_name = serializers.CharField()
    category = serializers.CharField(source="category_name")
    required_level = serializers.IntegerField()
    weight = serializers.IntegerField()
    essential = serializers.BooleanField()


class MatrixCellSerializer(serializers.Serializer):
    candidate = serializers.IntegerField()
    assessed_level = serializers.IntegerField(source="result.assessed_level")
    gap = serializers.IntegerField(source="result.gap")
    surplus = serializers.IntegerField(source="result.surplus")
    met = serializers.BooleanField(source="result.met")


class MatrixRowSerializer(serializers.Serializer):
    requirement = MatrixRequirementSerializer()
    cells = MatrixCellSerializer(many=True, help_text="One per candidate, in ranking order.")


class ComparisonSerializer(serializers.Serializer):
    role = serializers.CharField(source="comparison.role.slug")
    opening = serializers.IntegerField(source="opening.pk", allow_null=True)
    total = serializers.IntegerField(
        help_text="Candidates there were to compare (an opening's whole pool)."
    )
    truncated = serializers.BooleanField(
        help_text="True when only the opening's top candidates are compared (see `top`)."
    )
    ranking = ComparedCandidateSerializer(source="comparison.ranking", many=True)
    matrix = MatrixRowSerializer(many=True, help_text="Every requirement × every candidate.")

    def to_representation(self, instance: dict[str, Any]) -> dict[str, Any]:
        comparison = instance["comparison"]
        ids = [entry.candidate.pk for entry in comparison.ranking]
        matrix = [
            {
                "requirement": row.requirement,
                "cells": [
                    {"candidate": pk, "result": cell}
                    for pk, cell in zip(ids, row.cells, strict=True)
                ],
            }
            for row in comparison.matrix
        ]
        return super().to_representation({**instance, "matrix": matrix})


class PlanResourceSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    provider = serializers.CharField()
    duration_weeks = serializers.IntegerField()
    develops = serializers.ListField(
        child=serializers.CharField(),
        help_text="Slugs of the gap competencies it takes as far as the plan reaches.",
    )
    raises_to = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Gap competency slug → the level this resource takes it up to (1..5).",
    )


class PlanStepSerializer(serializers.Serializer):
    competency = serializers.CharField(source="slug")
    competency_name = serializers.CharField(source="name")
    assessed_level = serializers.IntegerField(source="current")
    required_level = serializers.IntegerField(source="required")
    reached_level = serializers.IntegerField(
        source="reached", help_text="The level the plan's resources take it to."
    )
    closed = serializers.BooleanField(help_text="The plan reaches the required level.")
    resources = serializers.ListField(
        child=serializers.CharField(), help_text="Slugs of the plan's resources that reach it."
    )
    not_covered = serializers.CharField(
        source="shortfall_text",
        help_text='What no resource reaches, e.g. "Stakeholder communication: 4 → 5 not '
        'covered by any resource"; blank when closed.',
    )


class DevelopmentPlanSerializer(serializers.Serializer):
    candidate = serializers.IntegerField(source="candidate.pk")
    role = serializers.CharField(source="role.slug")
    fit = _fit_field(source="fit.fit")
    eligible = serializers.BooleanField(source="fit.eligible")
    coverage = CoverageSerializer(source="fit.coverage")
    status = _status_field(source="fit.status")
    gaps = RequirementResultSerializer(many=True)
    resources = serializers.SerializerMethodField(
        help_text="The learning resources that together develop every gap competency any "
        "resource covers, with the least total weeks."
    )
    total_weeks = serializers.IntegerField()
    uncovered = RequirementResultSerializer(
        many=True, help_text="Gaps the plan does not raise at all (no resource goes above them)."
    )
    steps = PlanStepSerializer(
        many=True,
        help_text="Each gap: from its assessed level to the level the plan reaches, and the "
        "part up to the required level no resource covers.",
    )
    shortfalls = PlanStepSerializer(
        many=True, help_text="The steps whose required level no resource reaches."
    )

    def get_resources(self, plan: selectors.DevelopmentPlan) -> list[dict[str, Any]]:
        rows = [
            {
                "slug": r.slug,
                "title": r.title,
                "kind": r.kind,
                "provider": r.provider,
                "duration_weeks": r.duration_weeks,
                "develops": plan.covered.get(r.slug, []),
                "raises_to": plan.raises_to.get(r.slug, {}),
            }
            for r in plan.resources
        ]
        return PlanResourceSerializer(rows, many=True).data


class RequirementChangeSerializer(serializers.Serializer):
    competency = serializers.CharField(source="competency_slug")
    competency_name = serializers.CharField()
    category = serializers.CharField(source="category_name")
    from_level = serializers.IntegerField(allow_null=True)
    to_level = serializers.IntegerField(allow_null=True)
    change = serializers.ChoiceField(source="kind", choices=REQUIREMENT_CHANGES)
    essential = serializers.BooleanField()


class RouteStepSerializer(serializers.Serializer):
    from_role = serializers.CharField(source="step.from_role.slug")
    to_role = serializers.CharField(source="step.to_role.slug")
    to_role_title = serializers.CharField(source="step.to_role.title")
    typical_years = serializers.IntegerField(source="step.path.typical_years")
    criteria = serializers.CharField(source="step.path.criteria")
    changes = RequirementChangeSerializer(
        source="step.comparison.changes",
        many=True,
        help_text="What the next role adds, raises, lowers or drops.",
    )
    responsibilities_added = serializers.ListField(
        child=serializers.CharField(), source="step.comparison.responsibilities_added"
    )
    gaps = RequirementResultSerializer(
        many=True, allow_null=True, help_text="The candidate's gaps for this step's role."
    )


class CareerRouteSerializer(serializers.Serializer):
    found = serializers.BooleanField(source="route.found")
    to = serializers.CharField(source="route.target.slug")
    candidate = serializers.IntegerField(source="candidate.pk", allow_null=True)
    total_years = serializers.IntegerField(source="route.total_years")
    detail = serializers.CharField(help_text="The route in words, or why there is none.")
    steps = RouteStepSerializer(many=True)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        return {
            "found": fields.pop("found"),
            "from": serializers.CharField(source="route.start.slug"),
            **fields,
        }

    def to_representation(self, instance: selectors.CandidateRoute) -> dict[str, Any]:
        route = instance.route
        gaps: list[list[RequirementResult] | None] = list(instance.gaps_by_step) or [None] * len(
            route.steps
        )
        return super().to_representation(
            {
                "route": route,
                "candidate": instance.candidate,
                "detail": route.summary,
                "steps": [
                    {"step": step, "gaps": step_gaps}
                    for step, step_gaps in zip(route.steps, gaps, strict=True)
                ],
            }
        )


# --- Bulk import ----------------------------------------------------------------------------


class FormIdReferenceField(IdReferenceField):
    """An id sent as a multipart form field, where every value is text: digits are the id.
    A form has no null: the field left out, or sent empty (as a browser sends an empty
    choice), means none."""

    def run_validation(self, data: Any = serializers.empty) -> Any:
        if data == "" and not self.required:
            raise serializers.SkipField
        return super().run_validation(data)

    def to_internal_value(self, data: Any) -> Model:
        if isinstance(data, str) and data.isascii() and data.isdigit() and len(data) <= 19:
            data = int(data)
        return super().to_internal_value(data)


class ImportRequestSerializer(StrictSerializer):
    file = serializers.FileField(
        help_text=(
            "A .csv (UTF-8, with or without a byte order mark) or .xlsx file: a header row "
            "with name, email, source, years_experience (required), current_role, notes, "
            "assessed_at (optional) and one column per competency slug holding a level 0..5 "
            "or blank; then one row per candidate. At most IMPORT_MAX_BYTES (10 MB) and "
            "IMPORT_MAX_ROWS (20,000) rows."
        )
    )
    opening = FormIdReferenceField(
        what="opening",
        queryset=visible_openings,
        required=False,
        help_text="Also put everyone in the file on this opening (its id; one you may see).",
    )


# --- Personal data (the export of one candidate) ----------------------------------------------
# The document is built by ``candidates.personal_data.candidate_personal_data`` (dates already
# ISO 8601 text); these serializers state its shape for the schema and pass it through.


class PersonalDataProfileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.CharField()
    source = serializers.CharField()
    current_role = serializers.CharField(allow_null=True, help_text="The role's slug.")
    years_experience = serializers.IntegerField()
    notes = serializers.CharField()
    created_by = serializers.CharField(allow_null=True, help_text="A username.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class PersonalDataAssessmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    competency = serializers.CharField(help_text="The competency's slug.")
    level = serializers.IntegerField()
    evidence = serializers.CharField()
    assessed_at = serializers.DateField()
    assessor = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()


class PersonalDataOpeningSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    role = serializers.CharField()
    status = serializers.CharField()


class _PersonalDataFitSerializer(serializers.Serializer):
    role = serializers.CharField(help_text="The role's slug.")
    fit = serializers.CharField(help_text="Percent, one decimal, as text.")
    eligible = serializers.BooleanField()
    shortfall = serializers.IntegerField()


class PersonalDataScoreSerializer(_PersonalDataFitSerializer):
    assessed_count = serializers.IntegerField()
    requirement_count = serializers.IntegerField()
    stale = serializers.BooleanField()
    computed_at = serializers.DateTimeField(allow_null=True)


class PersonalDataSnapshotSerializer(_PersonalDataFitSerializer):
    recorded_at = serializers.DateTimeField()


class _HistoryRowSerializer(serializers.Serializer):
    history_date = serializers.DateTimeField()
    history_user = serializers.CharField(allow_null=True, help_text="Who made the change.")


class PersonalDataCandidateVersionSerializer(_HistoryRowSerializer):
    history_type = serializers.CharField(help_text="+ created, ~ changed, - deleted.")
    name = serializers.CharField()
    email = serializers.CharField()
    source = serializers.CharField()
    current_role_id = serializers.IntegerField(allow_null=True)
    years_experience = serializers.IntegerField()
    notes = serializers.CharField()


class PersonalDataAssessmentVersionSerializer(_HistoryRowSerializer):
    history_type = serializers.CharField()
    assessment_id = serializers.IntegerField()
    competency = serializers.CharField(allow_null=True)
    level = serializers.IntegerField()
    evidence = serializers.CharField()
    assessed_at = serializers.DateField()


class PersonalDataMembershipVersionSerializer(_HistoryRowSerializer):
    opening_id = serializers.IntegerField(
        allow_null=True, help_text="An opening whose list of candidates included them then."
    )


class PersonalDataHistorySerializer(serializers.Serializer):
    candidate = PersonalDataCandidateVersionSerializer(many=True)
    assessments = PersonalDataAssessmentVersionSerializer(many=True)
    opening_memberships = PersonalDataMembershipVersionSerializer(many=True)


class PersonalDataSerializer(serializers.Serializer):
    format = serializers.CharField(help_text='"careerpath.personal-data.v1".')
    exported_at = serializers.DateTimeField()
    candidate = PersonalDataProfileSerializer()
    assessments = PersonalDataAssessmentSerializer(many=True)
    openings = PersonalDataOpeningSerializer(many=True)
    scores = PersonalDataScoreSerializer(many=True)
    fit_snapshots = PersonalDataSnapshotSerializer(many=True)
    history = PersonalDataHistorySerializer()


# --- Scorecard ------------------------------------------------------------------------------


class ScorecardCurrentSerializer(serializers.Serializer):
    level = serializers.IntegerField()
    assessed_at = serializers.DateField()


class ScorecardRowSerializer(RequirementOfRowSerializer):
    indicators = serializers.SerializerMethodField(
        help_text='What each level ("1" … "5") looks like in this competency, where the '
        "framework describes it."
    )
    current = ScorecardCurrentSerializer(
        allow_null=True, help_text="The assessment that counts now (null: never assessed)."
    )

    @extend_schema_field(
        serializers.DictField(child=serializers.CharField(), help_text="level → description")
    )
    def get_indicators(self, row: selectors.ScorecardRow) -> dict[str, str]:
        return {str(level): text for level, text in sorted(row.indicators.items())}


class ScorecardSerializer(serializers.Serializer):
    candidate = serializers.IntegerField(source="candidate.pk")
    role = serializers.CharField(source="role.slug")
    coverage = CoverageSerializer()
    levels = serializers.SerializerMethodField(help_text="The scale: level → its name.")
    rows = ScorecardRowSerializer(many=True, help_text="Every requirement of the role.")

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_levels(self, scorecard: selectors.Scorecard) -> dict[str, str]:
        return {str(NO_EVIDENCE): "No evidence"} | {
            str(level.value): str(level.label) for level in ProficiencyLevel
        }


class ScorecardEntrySerializer(StrictSerializer):
    competency = SlugReferenceField(
        what="competency",
        queryset=Competency.objects.all(),
        help_text="The competency's slug (one of the role's requirements).",
    )
    level = StrictIntegerField(
        min_value=NO_EVIDENCE, max_value=MAX_LEVEL, help_text="0 = no evidence, 1 … 5."
    )
    evidence = StrictTextField(required=False, default="", allow_blank=True, max_length=5_000)


class ScorecardInputSerializer(StrictSerializer):
    assessed_at = serializers.DateField(
        required=False, help_text="The day of every assessment in the batch (default: today)."
    )
    assessments = serializers.ListField(
        child=ScorecardEntrySerializer(),
        min_length=1,
        max_length=200,
        help_text="The requirements assessed now; requirements left out stay as they are.",
    )

    def validate_assessments(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        scorecard: selectors.Scorecard = self.context["scorecard"]
        required = {row.requirement.competency_slug for row in scorecard.rows}
        errors: list[dict[str, list[str]]] = []
        seen: set[str] = set()
        for item in value:
            slug = item["competency"].slug
            if slug not in required:
                errors.append({"competency": [f"“{slug}” is not a requirement of this role."]})
            elif slug in seen:
                errors.append({"competency": ["This competency is already in the list."]})
            else:
                errors.append({})
            seen.add(slug)
        if any(errors):
            raise serializers.ValidationError(errors)
        return value


class ScorecardSavedSerializer(serializers.Serializer):
    assessments = AssessmentSerializer(many=True)
    scorecard = ScorecardSerializer()
    scoring = serializers.ChoiceField(
        choices=SCORING_STATES, help_text="Always `queued`: one rescoring for the whole batch."
    )


class SuccessionCardSerializer(TimeToReadySerializer):
    candidate = serializers.IntegerField(source="candidate.pk", help_text="The candidate's id.")
    name = serializers.CharField(source="candidate.name")
    source = serializers.CharField(source="candidate.source")
    current_role = serializers.CharField(
        source="candidate.current_role.slug", allow_null=True, default=None
    )
    fit = _fit_field()
    eligible = serializers.BooleanField()
    stale = serializers.BooleanField(
        help_text="The stored score is being recomputed: the group may still change."
    )


class SuccessionGroupSerializer(serializers.Serializer):
    total = serializers.IntegerField(
        help_text="How many belong in this group (ready now: the whole pool; the two later "
        "groups: among the planned candidates, see `unplanned`)."
    )
    truncated = serializers.BooleanField(help_text="True when `total` exceeds the cards shown.")
    results = SuccessionCardSerializer(
        source="cards", many=True, help_text="At most `cap`, best fit first."
    )


class SuccessionBoardSerializer(serializers.Serializer):
    role = serializers.CharField(source="role.slug")
    cap = serializers.IntegerField(help_text="The most cards shown per group.")
    pool = serializers.IntegerField(
        source="pool_total",
        help_text="Candidates in the pool you may see: on the role's openings, or internal "
        "and one step below it on a promotion path.",
    )
    not_ready = serializers.IntegerField(source="not_ready_total")
    unplanned = serializers.IntegerField(
        help_text="Not-ready candidates below the planned ones by fit (2 × `cap` are "
        "planned): in no group."
    )
    from_roles = serializers.SerializerMethodField(
        help_text="Roles one step below, whose internal holders join the pool."
    )
    ready_now = SuccessionGroupSerializer()
    ready_soon = SuccessionGroupSerializer()
    later = SuccessionGroupSerializer()

    def get_from_roles(self, board: SuccessionBoard) -> list[str]:
        return [role.slug for role in board.from_roles]

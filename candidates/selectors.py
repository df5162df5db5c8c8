"""Reads for recruiting: who may see what, fit, rankings, comparisons, plans and routes.

Every entry point loads candidates and openings through ``candidates_visible_to`` /
``openings_visible_to`` (or the ``*_for_user`` getters built on them), so access is decided in
one place. The scoring rules themselves live in ``candidates.scoring``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from candidates import access
from candidates.access import UserLike
from candidates.models import Assessment, Candidate, Opening
from candidates.planning import PlanOption, cheapest_cover
from candidates.scoring import (
    FitResult,
    RequirementResult,
    RequirementSpec,
    compute_fit,
    rank_fit_results,
    role_not_scorable,
)
from roles.models import Role
from roles.selectors import CareerRoute, career_route, requirements_queryset
from skills.models import LearningResource

# Open openings before closed ones (sorting by the status value would put "closed" first),
# newest first within each.
OPEN_FIRST = (
    Case(When(status=Opening.Status.OPEN, then=Value(0)), default=Value(1)),
    "-created_at",
    "-id",
)

# --- Access ---------------------------------------------------------------------------------


def openings_visible_to(user: UserLike) -> QuerySet[Opening]:
    if access.is_hr(user):
        return Opening.objects.all()
    if access.is_recruiter(user):
        return Opening.objects.filter(hiring_team=user.pk)
    return Opening.objects.none()


def candidates_visible_to(user: UserLike) -> QuerySet[Candidate]:
    if access.is_hr(user):
        return Candidate.objects.all()
    if access.is_recruiter(user):
        # A subquery rather than a join keeps rows unique without DISTINCT.
        on_my_openings = Opening.candidates.through.objects.filter(
            opening__hiring_team=user.pk
        ).values("candidate_id")
        return Candidate.objects.filter(Q(id__in=on_my_openings) | Q(created_by=user))
    return Candidate.objects.none()


def assessments_visible_to(user: UserLike) -> QuerySet[Assessment]:
    return Assessment.objects.filter(candidate__in=candidates_visible_to(user))


def hiring_team_eligible_users() -> QuerySet[AbstractUser]:
    """Active users who may sit on a hiring team: HR, recruiters and superusers (a viewer on a
    team would still see no candidate)."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True) | Q(groups__name__in=[access.HR_GROUP, access.RECRUITER_GROUP])
        )
        .distinct()
    )


def opening_choices(user: UserLike) -> QuerySet[Opening]:
    """The openings this user may see, open ones first, with their roles: for pickers."""
    return openings_visible_to(user).select_related("role").order_by(*OPEN_FIRST)


def hiring_team_choices() -> QuerySet[AbstractUser]:
    """``hiring_team_eligible_users`` in name order, for pickers."""
    return hiring_team_eligible_users().order_by("first_name", "last_name", "username")


def candidate_for_user(user: UserLike, candidate_id: int | str) -> Candidate:
    """The candidate if this user may see it; otherwise 404, never a hint that it exists."""
    try:
        return candidates_visible_to(user).select_related("current_role").get(pk=candidate_id)
    except (Candidate.DoesNotExist, ValueError, TypeError):
        raise Http404("No such candidate.") from None


def opening_for_user(user: UserLike, opening_id: int | str) -> Opening:
    try:
        return openings_visible_to(user).select_related("role").get(pk=opening_id)
    except (Opening.DoesNotExist, ValueError, TypeError):
        raise Http404("No such opening.") from None


def opening_list(user: UserLike) -> QuerySet[Opening]:
    return (
        openings_visible_to(user)
        .select_related("role")
        .annotate(candidate_count=Count("candidates", distinct=True))
        .order_by(*OPEN_FIRST)
    )


def candidate_list(user: UserLike) -> QuerySet[Candidate]:
    return candidates_visible_to(user).select_related("current_role")


def candidate_search(user: UserLike, *, search: str = "", source: str = "") -> QuerySet[Candidate]:
    """The candidates this user may see, narrowed by the candidate list's filters (a name
    containing ``search``, a ``source``), in a stable order (name, then id) for pages and
    exports alike."""
    candidates = candidate_list(user)
    if search:
        candidates = candidates.filter(name__icontains=search)
    if source:
        candidates = candidates.filter(source=source)
    return candidates.order_by("name", "id")


def assessment_counts(candidate_ids: Iterable[int]) -> dict[int, int]:
    """candidate id → number of assessments, in one grouped query (absent: none)."""
    rows = (
        Assessment.objects.filter(candidate_id__in=list(candidate_ids))
        .order_by()
        .values("candidate_id")
        .annotate(count=Count("id"))
        .values_list("candidate_id", "count")
    )
    return dict(rows)


def assessment_history(candidate: Candidate) -> QuerySet[Assessment]:
    return candidate.assessments.select_related("competency", "assessor").order_by(
        "-assessed_at", "-id"
    )


# --- Counted levels -------------------------------------------------------------------------


def counted_levels(
    candidate_ids: Iterable[int], competency_ids: Iterable[int] | None = None
) -> dict[int, dict[int, int]]:
    """candidate id → competency id → the level of the latest assessment (by date, then id).

    One query. Competencies never assessed are absent (they count as 0).
    """
    rows = Assessment.objects.filter(candidate_id__in=list(candidate_ids))
    if competency_ids is not None:
        rows = rows.filter(competency_id__in=list(competency_ids))
    levels: dict[int, dict[int, int]] = {}
    for candidate_id, competency_id, level in rows.order_by(
        "candidate_id", "competency_id", "-assessed_at", "-id"
    ).values_list("candidate_id", "competency_id", "level"):
        # Rows arrive newest first per pair: keep the first one seen.
        levels.setdefault(candidate_id, {}).setdefault(competency_id, level)
    return levels


# --- Fit ------------------------------------------------------------------------------------


def role_for_scoring(role: Role | str) -> Role:
    """The role with its requirements prefetched (accepts a slug)."""
    queryset = Role.objects.prefetch_related(
        Prefetch("requirements", queryset=requirements_queryset())
    )
    if isinstance(role, Role):
        return queryset.get(pk=role.pk)
    try:
        return queryset.get(slug=role)
    except Role.DoesNotExist:
        raise Http404("No such role.") from None


def requirement_specs(role: Role) -> list[RequirementSpec]:
    return [
        RequirementSpec(
            competency_id=req.competency_id,
            competency_slug=req.competency.slug,
            competency_name=req.competency.name,
            category_name=req.competency.category.name,
            required_level=req.required_level,
            weight=req.weight,
            essential=req.essential,
        )
        for req in role.requirements.all()
    ]


def _fit_results(role: Role, candidates: Sequence[Candidate]) -> list[FitResult]:
    """Score candidates against a role whose requirements are prefetched (one query)."""
    specs = requirement_specs(role)
    if not specs:
        raise role_not_scorable(role.title)
    levels = counted_levels([c.pk for c in candidates], [spec.competency_id for spec in specs])
    return [
        compute_fit(
            candidate_id=candidate.pk,
            role_id=role.pk,
            role_title=role.title,
            min_years=role.min_years_experience,
            requirements=specs,
            levels=levels.get(candidate.pk, {}),
            years_experience=candidate.years_experience,
        )
        for candidate in candidates
    ]


def candidate_fit(candidate: Candidate, role: Role | str) -> FitResult:
    """Fit, eligibility, reasons, gaps and strengths of one candidate for one role."""
    return _fit_results(role_for_scoring(role), [candidate])[0]


@dataclass(frozen=True)
class RankedCandidate:
    rank: int
    candidate: Candidate
    result: FitResult


def _rank(scoring_role: Role, candidates: Sequence[Candidate]) -> list[RankedCandidate]:
    by_id = {c.pk: c for c in candidates}
    ranked = rank_fit_results(_fit_results(scoring_role, candidates))
    return [
        RankedCandidate(rank=index, candidate=by_id[result.candidate_id], result=result)
        for index, result in enumerate(ranked, start=1)
    ]


def rank_candidates_for_role(
    role: Role | str, candidates: Iterable[Candidate]
) -> list[RankedCandidate]:
    """Candidates ordered by the ranking rule, each with its full fit result."""
    return _rank(role_for_scoring(role), list(candidates))


def opening_candidates(opening: Opening) -> QuerySet[Candidate]:
    return opening.candidates.select_related("current_role").order_by("id")


def rank_opening(opening: Opening) -> list[RankedCandidate]:
    return rank_candidates_for_role(opening.role, opening_candidates(opening))


# --- Comparison -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixRow:
    requirement: RequirementSpec
    cells: list[RequirementResult]  # one per candidate, in ranking order


@dataclass(frozen=True)
class Comparison:
    role: Role
    ranking: list[RankedCandidate]
    matrix: list[MatrixRow] = field(default_factory=list)

    @property
    def candidates(self) -> list[Candidate]:
        return [row.candidate for row in self.ranking]


def compare_candidates(role: Role | str, candidates: Iterable[Candidate]) -> Comparison:
    """The ranking plus a requirement × candidate matrix (required, assessed, gap).

    A constant number of queries whatever the number of candidates: the role with its
    requirements, and one query for every counted level.
    """
    scoring_role = role_for_scoring(role)
    ranking = _rank(scoring_role, list(candidates))
    matrix = [
        MatrixRow(requirement=spec, cells=[entry.result.rows[index] for entry in ranking])
        for index, spec in enumerate(requirement_specs(scoring_role))
    ]
    return Comparison(role=scoring_role, ranking=ranking, matrix=matrix)


def opening_comparison(opening: Opening, *, top: int | None = None) -> Comparison:
    """The comparison an opening's compare page shows, and its CSV, Excel and PDF exports:
    one function, so the page and every export always agree on which candidates are in it —
    the first ``top`` of the ranking (all when None)."""
    comparison = compare_candidates(opening.role, opening_candidates(opening))
    if top is None or top >= len(comparison.ranking):
        return comparison
    # The matrix's cells follow the ranking's order, so both are cut at the same place.
    return Comparison(
        role=comparison.role,
        ranking=comparison.ranking[:top],
        matrix=[
            MatrixRow(requirement=r.requirement, cells=r.cells[:top]) for r in comparison.matrix
        ],
    )


# --- Development plan -----------------------------------------------------------------------


@dataclass(frozen=True)
class DevelopmentPlan:
    candidate: Candidate
    role: Role
    fit: FitResult
    resources: list[LearningResource]
    total_weeks: int
    covered: dict[str, list[str]]  # resource slug → gap competency slugs it develops
    uncovered: list[RequirementResult]

    @property
    def gaps(self) -> list[RequirementResult]:
        return self.fit.gaps


def development_plan(candidate: Candidate, role: Role | str) -> DevelopmentPlan:
    """Each gap, and the learning resources that together develop every coverable gap
    competency with the smallest total duration (see ``candidates.planning``)."""
    role = role_for_scoring(role)
    fit = _fit_results(role, [candidate])[0]
    gaps = fit.gaps
    gap_ids = {row.requirement.competency_id for row in gaps}
    resources = list(
        LearningResource.objects.filter(competencies__in=gap_ids)
        .distinct()
        .prefetch_related("competencies")
        .order_by("slug")
    )
    options = [
        PlanOption(
            key=resource.slug,
            weeks=resource.duration_weeks,
            covers=frozenset(c.pk for c in resource.competencies.all()) & gap_ids,
        )
        for resource in resources
    ]
    chosen = cheapest_cover(options)
    chosen_keys = {option.key for option in chosen}
    covered_ids = frozenset().union(*(option.covers for option in chosen)) if chosen else set()
    slug_by_id = {row.requirement.competency_id: row.requirement.competency_slug for row in gaps}
    chosen_resources = [r for r in resources if r.slug in chosen_keys]
    return DevelopmentPlan(
        candidate=candidate,
        role=role,
        fit=fit,
        resources=chosen_resources,
        total_weeks=sum(r.duration_weeks for r in chosen_resources),
        covered={option.key: sorted(slug_by_id[cid] for cid in option.covers) for option in chosen},
        uncovered=[row for row in gaps if row.requirement.competency_id not in covered_ids],
    )


# --- Opening report ------------------------------------------------------------------------


@dataclass(frozen=True)
class OpeningReport:
    """What the PDF report for an opening holds: its comparison, and for each internal
    candidate the development plan toward the opening's role."""

    opening: Opening
    comparison: Comparison
    plans: dict[int, DevelopmentPlan]  # candidate id → plan (internal candidates only)
    made_by: str
    made_at: datetime.datetime


def opening_report(
    opening: Opening, *, made_by: AbstractUser, top: int | None = None
) -> OpeningReport:
    """The opening's comparison (its first ``top``, as on the compare page) plus a development
    plan per internal candidate (a few queries per internal candidate: the report is made in a
    background task)."""
    comparison = opening_comparison(opening, top=top)
    plans = {
        entry.candidate.pk: development_plan(entry.candidate, comparison.role)
        for entry in comparison.ranking
        if entry.candidate.is_internal
    }
    return OpeningReport(
        opening=opening,
        comparison=comparison,
        plans=plans,
        made_by=made_by.get_full_name() or made_by.get_username(),
        made_at=timezone.now(),
    )


# --- Career route for a candidate -----------------------------------------------------------


@dataclass(frozen=True)
class CandidateRoute:
    route: CareerRoute
    candidate: Candidate | None
    gaps_by_step: list[list[RequirementResult]]  # per step: the candidate's gaps for its role


def candidate_career_route(
    *, start: Role | None, target: Role, candidate: Candidate | None = None
) -> CandidateRoute:
    """The least-years route to ``target`` (from ``start`` or the candidate's current role),
    and for a candidate the gaps at each step's role."""
    if start is None:
        if candidate is None or candidate.current_role is None:
            raise ValueError("A start role, or a candidate with a current role, is needed.")
        start = candidate.current_role
    route = career_route(start, target)
    gaps_by_step: list[list[RequirementResult]] = []
    if candidate is not None and route.steps:
        step_roles = [step.to_role for step in route.steps]
        competency_ids = {req.competency_id for r in step_roles for req in r.requirements.all()}
        levels = counted_levels([candidate.pk], competency_ids).get(candidate.pk, {})
        for step_role in step_roles:
            specs = requirement_specs(step_role)
            gaps_by_step.append(
                [
                    row
                    for row in (
                        RequirementResult(
                            spec, levels.get(spec.competency_id, 0), spec.competency_id in levels
                        )
                        for spec in specs
                    )
                    if row.gap > 0
                ]
            )
    return CandidateRoute(route=route, candidate=candidate, gaps_by_step=gaps_by_step)

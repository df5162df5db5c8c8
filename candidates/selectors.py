"""Reads for recruiting: who may see what, fit, rankings, comparisons, plans and routes.

Every entry point loads candidates and openings through ``candidates_visible_to`` /
``openings_visible_to`` (or the ``*_for_user`` getters built on them), so access is decided in
one place. The scoring rules themselves live in ``candidates.scoring``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone

from candidates.models import (
    Assessment,
    Candidate,
    CandidateRoleScore,
    Opening,
    OpeningScoreSummary,
    RoleScoreState,
)
from candidates.planning import PlanOption, cheapest_cover
from candidates.scoring import (
    Coverage,
    FitResult,
    Reason,
    RequirementResult,
    RequirementSpec,
    RoleNotScorable,
    blocking_reasons,
    compute_fit,
    fit_status,
    rank_fit_results,
    role_not_scorable,
)
from careerpath import access
from careerpath.access import UserLike
from roles.models import Role
from roles.selectors import CareerRoute, RouteStep, career_route, requirements_queryset
from skills.models import CompetencyLevelIndicator, LearningResource

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


def with_assessment_counts(candidates: list[Candidate]) -> list[Candidate]:
    """Set ``assessment_count`` on each of these candidates (one grouped query for them all)."""
    counts = assessment_counts(c.pk for c in candidates)
    for candidate in candidates:
        candidate.assessment_count = counts.get(candidate.pk, 0)  # type: ignore[attr-defined]
    return candidates


@dataclass(frozen=True)
class SkillCondition:
    """ "At least ``min_level`` in this competency": the candidate's counted level (their latest
    assessment in it, by date then id) must be ``min_level`` or more."""

    competency_id: int
    min_level: int


# A search's skill conditions are one correlated subquery each: past a handful the query gets
# slow and nobody means it.
MAX_SKILL_CONDITIONS = 5


def counted_level_at_least(condition: SkillCondition) -> Exists:
    """True for the outer candidate whose counted level in the condition's competency is at
    least its level: an assessment at that level or more with no newer one in the competency.

    An ``Exists`` with a correlated ``NOT EXISTS`` rather than a window function or a
    ``DISTINCT ON``, so it reads the same on SQLite and PostgreSQL and filters inside the
    candidate query (no id list comes back to Python). Both lookups walk
    ``assessment_latest_lookup`` (candidate, competency, newest first).
    """
    newer = Assessment.objects.filter(
        candidate_id=OuterRef("candidate_id"), competency_id=OuterRef("competency_id")
    ).filter(
        Q(assessed_at__gt=OuterRef("assessed_at"))
        | Q(assessed_at=OuterRef("assessed_at"), id__gt=OuterRef("id"))
    )
    return Exists(
        Assessment.objects.filter(
            candidate_id=OuterRef("pk"),
            competency_id=condition.competency_id,
            level__gte=condition.min_level,
        ).filter(~Exists(newer))
    )


def candidate_search(
    user: UserLike,
    *,
    search: str = "",
    source: str = "",
    current_role_id: int | None = None,
    skills: Sequence[SkillCondition] = (),
) -> QuerySet[Candidate]:
    """The candidates this user may see, narrowed by the candidate list's filters (a name or
    email containing ``search``, as the API's search; a ``source``; a current role; every one
    of the ``skills`` conditions), in a stable order (name, then id) for pages and exports."""
    candidates = candidate_list(user)
    if search:
        candidates = candidates.filter(Q(name__icontains=search) | Q(email__icontains=search))
    if source:
        candidates = candidates.filter(source=source)
    if current_role_id is not None:
        candidates = candidates.filter(current_role_id=current_role_id)
    for condition in skills:
        candidates = candidates.filter(counted_level_at_least(condition))
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


# The assessment that counts for a competency is the latest: by date, then by id. Rows in this
# order count the first time their competency is seen (``counted_levels``, ``counted_ids``).
LATEST_FIRST = ("-assessed_at", "-id")


def assessment_history(candidate: Candidate) -> QuerySet[Assessment]:
    return candidate.assessments.select_related("competency", "assessor").order_by(*LATEST_FIRST)


def counted_ids(history: Iterable[Assessment]) -> set[int]:
    """The ids of the assessments that count, from a history in ``LATEST_FIRST`` order."""
    counted: dict[int, int] = {}
    for assessment in history:
        counted.setdefault(assessment.competency_id, assessment.pk)
    return set(counted.values())


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
        "candidate_id", "competency_id", *LATEST_FIRST
    ).values_list("candidate_id", "competency_id", "level"):
        # Rows arrive newest first per pair: keep the first one seen.
        levels.setdefault(candidate_id, {}).setdefault(competency_id, level)
    return levels


# --- Fit ------------------------------------------------------------------------------------


def role_for_scoring(role: Role | str) -> Role:
    """The role with its requirements prefetched (accepts a slug)."""
    if isinstance(role, Role) and _loaded_for_scoring(role):
        return role  # already from here: a page's second read would repeat two queries
    queryset = Role.objects.select_related("score_state").prefetch_related(
        Prefetch("requirements", queryset=requirements_queryset())
    )
    if isinstance(role, Role):
        return queryset.get(pk=role.pk)
    try:
        return queryset.get(slug=role)
    except Role.DoesNotExist:
        raise Http404("No such role.") from None


def _loaded_for_scoring(role: Role) -> bool:
    prefetched = getattr(role, "_prefetched_objects_cache", {})
    return "requirements" in prefetched and Role.score_state.is_cached(role)


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
    """A candidate ranked by scoring the rules now (a what-if ranking, a comparison)."""

    rank: int
    candidate: Candidate
    result: FitResult

    # The same reading as a stored ``RankingEntry``, so pages and serializers take either.
    stale = False
    scored = True
    computed_at = None

    @property
    def fit(self) -> Decimal:
        return self.result.fit

    @property
    def eligible(self) -> bool:
        return self.result.eligible

    @property
    def shortfall(self) -> int:
        return self.result.shortfall

    @property
    def reasons(self) -> list[Reason]:
        return self.result.reasons

    @property
    def assessed_count(self) -> int:
        return self.result.coverage.assessed

    @property
    def requirement_count(self) -> int:
        return self.result.coverage.required

    @property
    def coverage(self) -> Coverage:
        return self.result.coverage

    @property
    def status(self) -> str:
        return self.result.status


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


# --- Scorecard ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScorecardRow:
    """One requirement of the role, with what the assessor needs at hand to score it."""

    requirement: RequirementSpec
    indicators: dict[int, str]  # level → what that level looks like in this competency
    current: Assessment | None  # the assessment that counts now (None: never assessed)


@dataclass(frozen=True)
class Scorecard:
    candidate: Candidate
    role: Role
    rows: list[ScorecardRow]

    @property
    def coverage(self) -> Coverage:
        return Coverage(sum(1 for row in self.rows if row.current), len(self.rows))


def candidate_scorecard(candidate: Candidate, role: Role | str) -> Scorecard:
    """Every requirement of ``role`` with the competency's level indicators and the
    candidate's counted assessment: three queries. A role without requirements raises
    ``RoleNotScorable`` (there is nothing to assess it against)."""
    scoring_role = role_for_scoring(role)
    specs = requirement_specs(scoring_role)
    if not specs:
        raise role_not_scorable(scoring_role.title)
    competency_ids = [spec.competency_id for spec in specs]
    indicators: dict[int, dict[int, str]] = {}
    for indicator in CompetencyLevelIndicator.objects.filter(competency_id__in=competency_ids):
        indicators.setdefault(indicator.competency_id, {})[indicator.level] = indicator.description
    current: dict[int, Assessment] = {}
    for assessment in candidate.assessments.filter(competency_id__in=competency_ids).order_by(
        "competency_id", *LATEST_FIRST
    ):
        current.setdefault(assessment.competency_id, assessment)
    rows = [
        ScorecardRow(spec, indicators.get(spec.competency_id, {}), current.get(spec.competency_id))
        for spec in specs
    ]
    return Scorecard(candidate=candidate, role=scoring_role, rows=rows)


def scorecard_roles(candidate: Candidate, openings: Sequence[Opening]) -> list[Role]:
    """The roles a candidate is considered for: those of their ``openings`` (the ones the user
    may see, ``candidate_openings``) and their current role; each once, by rank and title."""
    roles = {opening.role for opening in openings}
    if candidate.current_role is not None:
        roles.add(candidate.current_role)
    return sorted(roles, key=lambda role: (role.rank, role.title, role.pk))


# --- Stored rankings ------------------------------------------------------------------------

# The comparison is for a shortlist: the chosen candidates, or an opening's top N.
DEFAULT_SHORTLIST = 10
MAX_SHORTLIST = 50


@dataclass(frozen=True)
class RankingEntry:
    """One row of a stored ranking: the stored score, and the blocking reasons worked out now
    for the rows on the page (so a page costs the same whatever the pool's size)."""

    rank: int
    candidate: Candidate
    score: CandidateRoleScore
    reasons: list[Reason]
    role_stale: bool = False  # the role changed and its whole pool is being rescored

    @property
    def fit(self) -> Decimal:
        return self.score.fit

    @property
    def eligible(self) -> bool:
        return self.score.eligible

    @property
    def shortfall(self) -> int:
        return self.score.shortfall if self.score.scored else 0

    @property
    def assessed_count(self) -> int:
        return self.score.assessed_count

    @property
    def requirement_count(self) -> int:
        return self.score.requirement_count

    @property
    def coverage(self) -> Coverage:
        return Coverage(self.score.assessed_count, self.score.requirement_count)

    @property
    def status(self) -> str:
        return fit_status(eligible=self.score.eligible, assessed=self.score.assessed_count)

    @property
    def computed_at(self) -> datetime.datetime | None:
        return self.score.computed_at

    @property
    def stale(self) -> bool:
        return self.score.stale or self.role_stale

    @property
    def scored(self) -> bool:
        return self.score.scored


@dataclass(frozen=True)
class RankingSummary:
    members: int
    eligible: int
    best_fit: Decimal | None
    updating: int  # rows whose inputs changed since they were computed (or never computed)


def role_scores_stale(role: Role) -> bool:
    """The role itself changed and its whole pool is queued for rescoring (see
    ``RoleScoreState``); reads the state ``role_for_scoring`` joined, else one query."""
    try:
        state = role.score_state
    except RoleScoreState.DoesNotExist:
        return False
    return state.stale


# The ranking rule over stored scores; the ``score_ranking`` index has this order.
RANKING_ORDER = ("-eligible", "-fit_tenths", "shortfall", "candidate_id")


def opening_scores(opening: Opening) -> QuerySet[CandidateRoleScore]:
    """The opening's candidates' stored scores for its role, in ranking order: an indexed
    ``ORDER BY … LIMIT`` read, to be paginated by the caller."""
    members = Opening.candidates.through.objects.filter(opening_id=opening.pk).values(
        "candidate_id"
    )
    return (
        CandidateRoleScore.objects.filter(role_id=opening.role_id, candidate_id__in=members)
        .select_related("candidate__current_role")
        .order_by(*RANKING_ORDER)
    )


def _tenths_as_percent(tenths: int) -> Decimal:
    return (Decimal(tenths) / 10).quantize(Decimal("0.1"))


def opening_member_count(opening: Opening) -> int:
    """How many candidates are on the opening: the stored figure while it is current (one
    primary-key read), else a count of the memberships."""
    summary = OpeningScoreSummary.objects.filter(opening_id=opening.pk).first()
    if summary is not None and summary.current:
        return summary.members
    return opening.candidates.count()


def opening_ranking_summary(opening: Opening) -> RankingSummary:
    """The figures above an opening's ranking.

    Read from the ``OpeningScoreSummary`` the rescoring wrote (one row) while it is current;
    counted live while a change is being rescored (three index-range queries). Either way the
    rows still being updated are counted live, from the small partial ``score_stale`` index,
    or are the whole opening while its role's pool is rescored.
    """
    scores = opening_scores(opening).order_by()
    summary = OpeningScoreSummary.objects.filter(opening_id=opening.pk).first()
    role_stale = RoleScoreState.objects.filter(
        role_id=opening.role_id, computed_version__lt=F("input_version")
    ).exists()
    if summary is not None and summary.current:
        members, eligible = summary.members, summary.eligible
        best_fit = (
            _tenths_as_percent(summary.best_fit_tenths)
            if summary.best_fit_tenths is not None
            else None
        )
    else:
        members = opening.candidates.count()
        eligible = scores.filter(eligible=True).count()
        best = (
            scores.filter(computed_at__isnull=False)
            .order_by("-eligible", "-fit_tenths")
            .values_list("fit_tenths", flat=True)
        )
        # The best fit is the first row of one of the two ``score_ranking`` ranges.
        candidates_for_best = [
            value
            for value in (best.filter(eligible=True).first(), best.filter(eligible=False).first())
            if value is not None
        ]
        best_fit = _tenths_as_percent(max(candidates_for_best)) if candidates_for_best else None
    updating = (
        members if role_stale else scores.filter(computed_version__lt=F("input_version")).count()
    )
    return RankingSummary(members=members, eligible=eligible, best_fit=best_fit, updating=updating)


def ranking_entries(
    role: Role, scores: Sequence[CandidateRoleScore], *, first_rank: int = 1
) -> list[RankingEntry]:
    """Entries for one page of stored scores (``first_rank`` is the page's first position),
    with each row's blocking reasons from the rules: three queries for any page."""
    scoring_role = role_for_scoring(role)
    role_stale = role_scores_stale(scoring_role)
    essentials = [spec for spec in requirement_specs(scoring_role) if spec.essential]
    levels = counted_levels(
        [score.candidate_id for score in scores], [spec.competency_id for spec in essentials]
    )
    entries = []
    for index, score in enumerate(scores):
        found = levels.get(score.candidate_id, {})
        rows = [
            RequirementResult(spec, found.get(spec.competency_id, 0), spec.competency_id in found)
            for spec in essentials
        ]
        reasons = blocking_reasons(
            rows,
            years_experience=score.candidate.years_experience,
            min_years=scoring_role.min_years_experience,
        )
        entries.append(
            RankingEntry(
                rank=first_rank + index,
                candidate=score.candidate,
                score=score,
                reasons=reasons,
                role_stale=role_stale,
            )
        )
    return entries


def opening_shortlist(opening: Opening, *, limit: int = DEFAULT_SHORTLIST) -> list[Candidate]:
    """The opening's top ``limit`` candidates by the stored ranking (for a comparison)."""
    return [score.candidate for score in opening_scores(opening)[: min(limit, MAX_SHORTLIST)]]


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
    the opening's shortlist, its first ``top`` by the stored ranking (``DEFAULT_SHORTLIST``
    when None, at most ``MAX_SHORTLIST``)."""
    shortlist = opening_shortlist(opening, limit=top or DEFAULT_SHORTLIST)
    return compare_candidates(opening.role, shortlist)


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
    return development_plans([candidate], role)[candidate.pk]


def development_plans(
    candidates: Sequence[Candidate],
    role: Role | str,
    *,
    fits: Sequence[FitResult] | None = None,
) -> dict[int, DevelopmentPlan]:
    """``development_plan`` for several candidates at once (candidate id → plan), in a
    constant number of queries: the role, every counted level, and the learning resources that
    develop any of their gaps (the succession board plans a whole column this way). ``fits``:
    their fit results for ``role`` when the caller has them already (one per candidate, in
    order), which saves reading their levels again."""
    role = role_for_scoring(role)
    if fits is None:
        fits = _fit_results(role, candidates)
    all_gap_ids = {row.requirement.competency_id for fit in fits for row in fit.gaps}
    resources = (
        list(
            LearningResource.objects.filter(competencies__in=all_gap_ids)
            .distinct()
            .prefetch_related("competencies")
            .order_by("slug")
        )
        if all_gap_ids
        else []
    )
    return {
        candidate.pk: _plan_from(candidate, role, fit, resources)
        for candidate, fit in zip(candidates, fits, strict=True)
    }


def _plan_from(
    candidate: Candidate, role: Role, fit: FitResult, all_resources: Sequence[LearningResource]
) -> DevelopmentPlan:
    gaps = fit.gaps
    gap_ids = {row.requirement.competency_id for row in gaps}
    resources = [r for r in all_resources if any(c.pk in gap_ids for c in r.competencies.all())]
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


# --- A candidate's page ---------------------------------------------------------------------


def candidate_openings(user: UserLike, candidate: Candidate) -> list[Opening]:
    """The openings of ``candidate`` that ``user`` may see, open ones first."""
    return list(
        openings_visible_to(user)
        .filter(candidates=candidate)
        .select_related("role")
        .order_by(*OPEN_FIRST)
    )


def profile_target(openings: Sequence[Opening], target_slug: str | None = None) -> Role | None:
    """The role a profile measures against: the one asked for, else the first opening's."""
    role = Role.objects.filter(slug=target_slug).first() if target_slug else None
    if role is None and openings:
        return openings[0].role
    return role


def fit_or_none(candidate: Candidate, role: Role | None) -> FitResult | None:
    """The candidate's fit for ``role``; None without a role, or for one with no requirements."""
    if role is None:
        return None
    try:
        return candidate_fit(candidate, role)
    except RoleNotScorable:
        return None


@dataclass(frozen=True)
class CandidateProfile:
    """Everything the candidate's page shows, as one read."""

    candidate: Candidate
    openings: list[Opening]
    opening_fits: list[tuple[Opening, FitResult | None]]
    target: Role | None
    fit: FitResult | None
    plan: DevelopmentPlan | None
    plan_resources: list[tuple[LearningResource, list[str]]]  # resource, gap names it develops
    not_scorable: str  # why no fit can be computed for the target ("" when it can)
    route: CandidateRoute | None
    route_steps: list[tuple[RouteStep, list[RequirementResult]]]  # step, gaps at that step
    history: list[Assessment]  # newest first
    latest_ids: set[int]  # the assessments that count


def candidate_profile(
    user: UserLike, candidate: Candidate, *, target_slug: str | None = None
) -> CandidateProfile:
    """The candidate's profile as ``user`` sees it: fit for each visible opening's role, and
    toward the target (``target_slug``, else the first opening's role) the development plan
    and the career route from their current role; their assessment history, marking those
    that count."""
    openings = candidate_openings(user, candidate)
    target = profile_target(openings, target_slug)
    fits_by_role: dict[int, FitResult | None] = {}
    for opening in openings:
        if opening.role_id not in fits_by_role:
            fits_by_role[opening.role_id] = fit_or_none(candidate, opening.role)
    plan = route = None
    not_scorable = ""
    if target is not None:
        try:
            plan = development_plan(candidate, target)
        except RoleNotScorable as error:
            not_scorable = error.messages[0]
        if candidate.current_role is not None:
            route = candidate_career_route(start=None, target=target, candidate=candidate)
    plan_resources = []
    if plan is not None:
        names = {
            row.requirement.competency_slug: row.requirement.competency_name for row in plan.gaps
        }
        plan_resources = [
            (resource, [names.get(slug, slug) for slug in plan.covered.get(resource.slug, [])])
            for resource in plan.resources
        ]
    route_steps = []
    if route is not None and route.route.found:
        route_steps = list(zip(route.route.steps, route.gaps_by_step, strict=True))
    history = list(assessment_history(candidate))
    return CandidateProfile(
        candidate=candidate,
        openings=openings,
        opening_fits=[(opening, fits_by_role[opening.role_id]) for opening in openings],
        target=target,
        fit=plan.fit if plan is not None else None,
        plan=plan,
        plan_resources=plan_resources,
        not_scorable=not_scorable,
        route=route,
        route_steps=route_steps,
        history=history,
        latest_ids=counted_ids(history),
    )

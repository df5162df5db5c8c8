"""Reads for the succession board: who could take a role now, within two years, or later.

**Pool.** A role's succession pool is the candidates on its openings that the user may see
(``openings_visible_to``) plus the internal candidates whose current role is one step below it
on a promotion path (``PromotionPath`` with ``to_role`` = the role), all narrowed to the
candidates the user may see (``candidates_visible_to``: a recruiter sees only the candidates of
their own openings and those they created). So a recruiter's candidate who is also on another
team's opening for the role does not show up through that opening.

**Groups.**

* *Ready now*: eligible by the stored score (``CandidateRoleScore``). A candidate in the pool
  with no stored score yet (an internal successor on no opening of the role) is scored by the
  same rules for this read.
* *Ready in 1–2 years*: not eligible, and time-to-ready ≤ 2 years (this includes less than one
  year: the column reads "within two years").
* *Later*: time-to-ready > 2 years, or a gap no learning resource develops (no plan can close
  it, so no date can be given).

**Time-to-ready** = max(plan weeks / 52, missing years), where *plan weeks* is the total of the
candidate's development plan for the role (``selectors.development_plans``, the same rule as the
plan on a candidate's page) and *missing years* = the role's ``min_years_experience`` − the
candidate's years (never below 0). The maximum, not the sum: courses are taken while the years
of experience accrue, so the slower of the two decides. Compared exactly (fractions): 52 weeks
is exactly 1 year, 104 weeks exactly 2.

**Cost.** The board is capped: the first ``BOARD_CAP`` per group by fit (highest first, then
shortfall, then id). Plans are made only for the ``2 × BOARD_CAP`` best not-ready candidates
(they fill the two later columns); the totals say how many there are in all, so a capped board
says what it leaves out. Every read is a constant number of queries whatever the pool's size.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Q, QuerySet

from candidates.models import Candidate, CandidateRoleScore, Opening
from candidates.scoring import role_not_scorable
from candidates.selectors import (
    RANKING_ORDER,
    Comparison,
    DevelopmentPlan,
    candidates_visible_to,
    development_plans,
    openings_visible_to,
    rank_candidates_for_role,
    requirement_specs,
    role_for_scoring,
    role_scores_stale,
)
from careerpath.access import UserLike
from roles.models import PromotionPath, Role

BOARD_CAP = 50  # candidates shown per group
READY_SOON_YEARS = 2  # time-to-ready up to this (inclusive) is "ready in 1–2 years"
WEEKS_PER_YEAR = 52

READY_NOW = "ready_now"
READY_SOON = "ready_soon"
LATER = "later"
GROUPS = (READY_NOW, READY_SOON, LATER)
GROUP_LABELS = {READY_NOW: "Ready now", READY_SOON: "Ready in 1–2 years", LATER: "Later"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class Readiness:
    """One candidate's readiness for one role, with the figures behind it."""

    candidate: Candidate
    fit: Decimal
    shortfall: int
    eligible: bool
    missing_years: int
    plan: DevelopmentPlan | None  # None when ready now (nothing stands between them and it)
    stale: bool = False  # the stored score is being recomputed

    @property
    def plan_weeks(self) -> int:
        return self.plan.total_weeks if self.plan is not None else 0

    @property
    def uncovered(self) -> list[str]:
        """Gap competencies no learning resource develops (names)."""
        if self.plan is None:
            return []
        return [row.requirement.competency_name for row in self.plan.uncovered]

    @property
    def time_to_ready(self) -> Fraction:
        """max(plan weeks / 52, missing years); 0 when eligible now."""
        if self.eligible:
            return Fraction(0)
        return max(Fraction(self.plan_weeks, WEEKS_PER_YEAR), Fraction(self.missing_years))

    @property
    def years(self) -> Decimal:
        """Time-to-ready in years, to one decimal (for display and the API)."""
        value = self.time_to_ready
        return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def group(self) -> str:
        if self.eligible:
            return READY_NOW
        if self.uncovered or self.time_to_ready > READY_SOON_YEARS:
            return LATER
        return READY_SOON

    @property
    def why(self) -> str:
        """The card's one-line reason, e.g. "Needs 2 more years of experience; plan: 3
        learning resources, 30 weeks"."""
        if self.eligible:
            return "Meets every essential requirement and the years of experience"
        parts = []
        if self.missing_years:
            parts.append(f"Needs {_plural(self.missing_years, 'more year')} of experience")
        if self.plan is not None and self.plan.resources:
            parts.append(
                f"plan: {_plural(len(self.plan.resources), 'learning resource')}, "
                f"{_plural(self.plan_weeks, 'week')}"
            )
        elif not self.uncovered:
            parts.append("no competency gap left to plan for")
        if self.uncovered:
            parts.append("no learning resource develops " + ", ".join(self.uncovered))
        text = "; ".join(parts)
        return text[:1].upper() + text[1:]


def comparison_readiness(comparison: Comparison) -> list[Readiness]:
    """Each compared candidate's readiness, in ranking order, eligibility by the rules now (as
    the comparison ranks them). Reuses the comparison's fit results: one more read, for the
    learning resources, whatever the number of candidates."""
    candidates = comparison.candidates
    fits = [entry.result for entry in comparison.ranking]
    plans = development_plans(candidates, comparison.role, fits=fits)
    return [
        _card(
            candidate,
            comparison.role,
            fit=fit.fit,
            shortfall=fit.shortfall,
            eligible=fit.eligible,
            plan=plans[candidate.pk],
        )
        for candidate, fit in zip(candidates, fits, strict=True)
    ]


def _missing_years(candidate: Candidate, role: Role) -> int:
    return max(0, role.min_years_experience - candidate.years_experience)


def _card(
    candidate: Candidate,
    role: Role,
    *,
    fit: Decimal,
    shortfall: int,
    eligible: bool,
    plan: DevelopmentPlan | None,
    stale: bool = False,
) -> Readiness:
    return Readiness(
        candidate=candidate,
        fit=fit,
        shortfall=shortfall,
        eligible=eligible,
        missing_years=_missing_years(candidate, role),
        plan=None if eligible else plan,  # ready now: nothing stands between them and the role
        stale=stale,
    )


# --- The pool -------------------------------------------------------------------------------


def succession_pool(user: UserLike, role: Role) -> QuerySet[Candidate]:
    """The role's succession pool as ``user`` may see it (see the module docstring)."""
    # Only openings the user may see: a recruiter's own candidate who is also on someone
    # else's opening for this role must not reveal that other opening.
    on_openings = Opening.candidates.through.objects.filter(
        opening__role=role, opening__in=openings_visible_to(user)
    ).values("candidate_id")
    one_step_below = PromotionPath.objects.filter(to_role=role).values("from_role_id")
    return candidates_visible_to(user).filter(
        Q(id__in=on_openings)
        | Q(source=Candidate.Source.INTERNAL, current_role_id__in=one_step_below)
    )


def successor_roles(role: Role) -> list[Role]:
    """The roles one step below ``role`` on a promotion path (whose internal holders join its
    pool)."""
    return [
        path.from_role
        for path in PromotionPath.objects.filter(to_role=role).select_related("from_role")
    ]


# --- The board ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    key: str
    cards: list[Readiness]
    total: int  # how many belong here in all (see ``SuccessionBoard.unplanned``)

    @property
    def label(self) -> str:
        return GROUP_LABELS[self.key]

    @property
    def truncated(self) -> bool:
        return self.total > len(self.cards)


@dataclass(frozen=True)
class SuccessionBoard:
    role: Role
    groups: list[Group]  # ready now, ready in 1–2 years, later
    pool_total: int
    not_ready_total: int
    unplanned: int  # not-ready candidates below the planned ones by fit, in no column
    cap: int
    from_roles: list[Role]

    @property
    def empty(self) -> bool:
        return self.pool_total == 0

    def group(self, key: str) -> Group:
        return next(group for group in self.groups if group.key == key)

    @property
    def ready_now(self) -> Group:
        return self.group(READY_NOW)

    @property
    def ready_soon(self) -> Group:
        return self.group(READY_SOON)

    @property
    def later(self) -> Group:
        return self.group(LATER)


def _fit_order(item: Readiness) -> tuple[Decimal, int, int]:
    return (-item.fit, item.shortfall, item.candidate.pk)


def succession_board(user: UserLike, role: Role | str, *, cap: int = BOARD_CAP) -> SuccessionBoard:
    """The role's board as ``user`` may see it (raises ``RoleNotScorable`` for a role with no
    requirements, 404 for no such role). A constant number of queries: the stored scores are
    read in ranking order with a limit, the pool members without a stored score are scored in
    one go, and the plans of the not-ready candidates shown are made in one batch."""
    role = role_for_scoring(role)
    if not requirement_specs(role):
        raise role_not_scorable(role.title)
    role_stale = role_scores_stale(role)
    pool = succession_pool(user, role)
    from_roles = successor_roles(role)
    scores = CandidateRoleScore.objects.filter(
        role=role, candidate__in=pool, computed_at__isnull=False
    ).select_related("candidate__current_role")
    ready_scores = list(scores.filter(eligible=True).order_by(*RANKING_ORDER)[:cap])
    ready_stored = scores.filter(eligible=True).count()
    waiting_scores = list(scores.filter(eligible=False).order_by(*RANKING_ORDER)[: 2 * cap])
    waiting_stored = scores.filter(eligible=False).count()

    # Pool members never scored for this role (internal successors on none of its openings):
    # scored now by the same rules.
    unscored = list(
        pool.exclude(id__in=scores.values("candidate_id")).select_related("current_role")
    )
    live = [entry.result for entry in rank_candidates_for_role(role, unscored)] if unscored else []
    by_id = {c.pk: c for c in unscored}
    live_ready = sum(1 for result in live if result.eligible)
    cards = [
        _card(
            score.candidate,
            role,
            fit=score.fit,
            shortfall=score.shortfall,
            eligible=score.eligible,
            plan=None,
            stale=score.stale or role_stale,
        )
        for score in ready_scores + waiting_scores
    ] + [
        _card(
            by_id[result.candidate_id],
            role,
            fit=result.fit,
            shortfall=result.shortfall,
            eligible=result.eligible,
            plan=None,
        )
        for result in live
    ]
    cards.sort(key=_fit_order)
    ready = [card for card in cards if card.eligible][:cap]
    # The best not-ready candidates by fit, stored and live alike: these get a plan.
    waiting = [card for card in cards if not card.eligible][: 2 * cap]
    plans = development_plans([card.candidate for card in waiting], role) if waiting else {}
    planned = [replace(card, plan=plans[card.candidate.pk]) for card in waiting]
    soon = [item for item in planned if item.group == READY_SOON]
    later = [item for item in planned if item.group == LATER]
    not_ready_total = waiting_stored + len(live) - live_ready
    ready_total = ready_stored + live_ready
    return SuccessionBoard(
        role=role,
        groups=[
            Group(READY_NOW, ready[:cap], ready_total),
            Group(READY_SOON, soon[:cap], len(soon)),
            Group(LATER, later[:cap], len(later)),
        ],
        pool_total=ready_total + not_ready_total,
        not_ready_total=not_ready_total,
        unplanned=not_ready_total - len(planned),
        cap=cap,
        from_roles=from_roles,
    )


def succession_roles() -> QuerySet[Role]:
    """The board's index: every role, the top of the ladder first (CCO, then Director, …)."""
    return Role.objects.order_by("-rank", "title")

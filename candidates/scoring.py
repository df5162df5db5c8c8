"""Fit and eligibility: the exact rules, over plain data (no database access here).

For a role with requirements (competency c, required level r_c, weight w_c > 0, essential or not)
and a candidate whose counted level is a_c (0 when never assessed):

* coverage_c = min(a_c, r_c) / r_c
* fit = 100 × Σ w_c·coverage_c / Σ w_c, rounded to one decimal, half up
* shortfall = Σ max(0, r_c − a_c)
* eligible = every essential requirement met (a_c ≥ r_c) and years ≥ the role's minimum
* ranking: eligible first, then fit descending, then shortfall ascending, then candidate id
* coverage: how many of the role's requirements have an assessment ("3 of 20 assessed"); a
  candidate with none is *not assessed* (status ``not_assessed``), whatever the rules say, so
  that "never looked at" never reads like "assessed and failed" (``fit_status``)

The arithmetic is done in exact fractions so that the half-up rounding is never at the mercy
of binary floating point (83.25 must round to 83.3, not 83.2).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError


class RoleNotScorable(ValidationError):
    """The role has no requirements, so no fit can be computed for it.

    ``field`` names the input the error is about: the API reports it there (see
    ``careerpath.api.errors``), without that module having to know this class."""

    field = "role"


def role_not_scorable(role_title: str) -> RoleNotScorable:
    return RoleNotScorable(
        f"The role “{role_title}” has no competency requirements, so no fit can be computed. "
        "Add requirements to the role first.",
        code="role_without_requirements",
    )


@dataclass(frozen=True)
class RequirementSpec:
    competency_id: int
    competency_slug: str
    competency_name: str
    category_name: str
    required_level: int
    weight: int
    essential: bool


@dataclass(frozen=True)
class RequirementResult:
    requirement: RequirementSpec
    assessed_level: int
    assessed: bool = True  # False: never assessed (counts as level 0)

    @property
    def required_level(self) -> int:
        return self.requirement.required_level

    @property
    def gap(self) -> int:
        return max(0, self.requirement.required_level - self.assessed_level)

    @property
    def surplus(self) -> int:
        return max(0, self.assessed_level - self.requirement.required_level)

    @property
    def met(self) -> bool:
        return self.assessed_level >= self.requirement.required_level

    @property
    def coverage(self) -> Fraction:
        required = self.requirement.required_level
        return Fraction(min(self.assessed_level, required), required)


# A fit's status: what the pages' badge and the API's ``status`` say.
ELIGIBLE = "eligible"
BLOCKED = "blocked"
NOT_ASSESSED = "not_assessed"
FIT_STATUSES = (ELIGIBLE, BLOCKED, NOT_ASSESSED)
FIT_STATUS_LABELS = {ELIGIBLE: "Eligible", BLOCKED: "Blocked", NOT_ASSESSED: "Not assessed"}


def fit_status(*, eligible: bool, assessed: int) -> str:
    """``not_assessed`` when none of the role's requirements is assessed (the fit then says
    nothing about the candidate), else ``eligible`` or ``blocked``."""
    if assessed == 0:
        return NOT_ASSESSED
    return ELIGIBLE if eligible else BLOCKED


@dataclass(frozen=True)
class Coverage:
    """How many of a role's requirements a candidate has an assessment for."""

    assessed: int
    required: int

    def __str__(self) -> str:
        return f"{self.assessed} of {self.required} assessed"


@dataclass(frozen=True)
class Reason:
    """Why a candidate is not eligible, in words and in data."""

    code: str  # "essential_not_met" or "years_short"
    message: str
    competency: str | None = None
    required: int = 0
    actual: int = 0
    assessed: bool = True  # False: an essential requirement never assessed

    @property
    def short_by(self) -> int:
        return self.required - self.actual

    @property
    def kind(self) -> str:
        """``not_assessed`` or ``below_level`` (an essential requirement), ``years_short``."""
        if self.code == "years_short":
            return "years_short"
        return "below_level" if self.assessed else "not_assessed"


@dataclass(frozen=True)
class FitResult:
    candidate_id: int
    role_id: int
    fit: Decimal
    eligible: bool
    shortfall: int
    reasons: list[Reason]
    rows: list[RequirementResult] = field(repr=False)

    @property
    def gaps(self) -> list[RequirementResult]:
        return [row for row in self.rows if row.gap > 0]

    @property
    def strengths(self) -> list[RequirementResult]:
        """Requirements the candidate exceeds: shown, but they never raise fit."""
        return [row for row in self.rows if row.surplus > 0]

    @property
    def coverage(self) -> Coverage:
        return Coverage(sum(1 for row in self.rows if row.assessed), len(self.rows))

    @property
    def status(self) -> str:
        return fit_status(eligible=self.eligible, assessed=self.coverage.assessed)


def _years(count: int) -> str:
    return f"{count} year" if count == 1 else f"{count} years"


def round_half_up(value: Fraction, places: int = 1) -> Decimal:
    scale = 10**places
    scaled = math.floor(value * scale + Fraction(1, 2))
    # quantize keeps the trailing zero: 0 → "0.0", 100 → "100.0"
    return (Decimal(scaled) / Decimal(scale)).quantize(Decimal(1).scaleb(-places))


def compute_fit(
    *,
    candidate_id: int,
    role_id: int,
    role_title: str,
    min_years: int,
    requirements: Sequence[RequirementSpec],
    levels: Mapping[int, int],
    years_experience: int,
) -> FitResult:
    """Score one candidate against one role. ``levels`` maps competency id → counted level."""
    if not requirements:
        raise role_not_scorable(role_title)
    rows = [
        RequirementResult(req, levels.get(req.competency_id, 0), req.competency_id in levels)
        for req in requirements
    ]
    total_weight = sum(req.weight for req in requirements)
    weighted = sum((row.requirement.weight * row.coverage for row in rows), Fraction(0))
    fit = round_half_up(100 * weighted / total_weight)
    shortfall = sum(row.gap for row in rows)

    reasons = blocking_reasons(rows, years_experience=years_experience, min_years=min_years)
    return FitResult(
        candidate_id=candidate_id,
        role_id=role_id,
        fit=fit,
        eligible=not reasons,
        shortfall=shortfall,
        reasons=reasons,
        rows=rows,
    )


def blocking_reasons(
    rows: Iterable[RequirementResult], *, years_experience: int, min_years: int
) -> list[Reason]:
    """Why a candidate is not eligible: each essential requirement not met (assessed below
    its level, or not assessed at all), then years short. Empty means eligible. Only the
    essential rows matter, so a caller may pass just those."""
    reasons = [
        Reason(
            code="essential_not_met",
            message=(
                f"Essential “{row.requirement.competency_name}” is at level "
                f"{row.assessed_level}, needs {row.required_level} ({row.gap} short)."
                if row.assessed
                else f"Essential “{row.requirement.competency_name}” has not been assessed "
                f"yet; it needs level {row.required_level}."
            ),
            competency=row.requirement.competency_slug,
            required=row.required_level,
            actual=row.assessed_level,
            assessed=row.assessed,
        )
        for row in rows
        if row.requirement.essential and not row.met
    ]
    if years_experience < min_years:
        reasons.append(
            Reason(
                code="years_short",
                message=(
                    f"{_years(years_experience)} of experience, the role asks for "
                    f"{_years(min_years)} ({min_years - years_experience} short)."
                ),
                required=min_years,
                actual=years_experience,
            )
        )
    return reasons


def ranking_key(result: FitResult) -> tuple[bool, Decimal, int, int]:
    return (not result.eligible, -result.fit, result.shortfall, result.candidate_id)


def rank_fit_results(results: Iterable[FitResult]) -> list[FitResult]:
    """Eligible first, then fit descending, then shortfall ascending, then candidate id."""
    return sorted(results, key=ranking_key)

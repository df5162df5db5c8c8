"""The fit and eligibility rules, pinned with hand-computed numbers."""

from decimal import Decimal

import pytest

from candidates.scoring import (
    FitResult,
    RequirementSpec,
    RoleNotScorable,
    compute_fit,
    rank_fit_results,
)


def spec(cid: int, level: int, weight: int = 1, essential: bool = False) -> RequirementSpec:
    return RequirementSpec(
        competency_id=cid,
        competency_slug=f"c{cid}",
        competency_name=f"Competency {cid}",
        category_name="Tests",
        required_level=level,
        weight=weight,
        essential=essential,
    )


REQUIREMENTS = [spec(1, 4, 3, essential=True), spec(2, 3, 2), spec(3, 2, 1)]


def fit(levels, requirements=REQUIREMENTS, years=10, min_years=5) -> FitResult:
    return compute_fit(
        candidate_id=1,
        role_id=1,
        role_title="Director",
        min_years=min_years,
        requirements=requirements,
        levels=levels,
        years_experience=years,
    )


def test_hand_computed_fit_shortfall_and_reasons():
    # coverage: 3/4, 3/3, 1/2 → (3·0.75 + 2·1 + 1·0.5) / 6 = 4.75 / 6 = 79.1666… → 79.2
    result = fit({1: 3, 2: 3, 3: 1})
    assert result.fit == Decimal("79.2")
    assert result.shortfall == 2
    assert not result.eligible
    assert [(r.code, r.competency, r.required, r.actual) for r in result.reasons] == [
        ("essential_not_met", "c1", 4, 3)
    ]
    assert "1 short" in result.reasons[0].message


def test_never_assessed_counts_as_zero():
    result = fit({})
    assert str(result.fit) == "0.0"
    assert result.shortfall == 4 + 3 + 2
    assert [row.assessed_level for row in result.rows] == [0, 0, 0]


def test_levels_above_the_requirement_do_not_raise_fit_but_are_strengths():
    exact = fit({1: 4, 2: 3, 3: 2})
    above = fit({1: 5, 2: 5, 3: 2})
    assert exact.fit == above.fit == Decimal("100.0")
    assert [row.requirement.competency_slug for row in above.strengths] == ["c1", "c2"]
    assert [row.surplus for row in above.strengths] == [1, 2]
    assert exact.strengths == []


def test_rounding_is_half_up_not_bankers():
    # (67·3/4 + 33·1) / 100 = 0.8325 exactly → 83.25 → 83.3 (round() would give 83.2)
    requirements = [spec(1, 4, 67), spec(2, 1, 33)]
    assert fit({1: 3, 2: 1}, requirements).fit == Decimal("83.3")


@pytest.mark.parametrize(
    ("levels", "expected"),
    [({1: 1}, Decimal("33.3")), ({1: 2}, Decimal("66.7")), ({1: 3}, Decimal("100.0"))],
)
def test_rounding_to_one_decimal(levels, expected):
    assert fit(levels, [spec(1, 3)]).fit == expected


def test_years_gate_blocks_an_otherwise_eligible_candidate():
    short = fit({1: 4, 2: 3, 3: 2}, years=4, min_years=5)
    assert not short.eligible
    assert [(r.code, r.required, r.actual, r.short_by) for r in short.reasons] == [
        ("years_short", 5, 4, 1)
    ]
    assert fit({1: 4, 2: 3, 3: 2}, years=5, min_years=5).eligible
    one = fit({1: 4, 2: 3, 3: 2}, years=1, min_years=2).reasons[0].message
    assert one == "1 year of experience, the role asks for 2 years (1 short)."


def test_non_essential_gaps_do_not_block_eligibility():
    result = fit({1: 4, 2: 0, 3: 0})
    assert result.eligible
    assert result.shortfall == 5
    assert [row.requirement.competency_slug for row in result.gaps] == ["c2", "c3"]


def test_role_without_requirements_cannot_be_scored():
    with pytest.raises(RoleNotScorable, match="no competency requirements"):
        fit({}, requirements=[])


def _result(cid: int, fit_value: str, eligible: bool, shortfall: int) -> FitResult:
    return FitResult(
        candidate_id=cid,
        role_id=1,
        fit=Decimal(fit_value),
        eligible=eligible,
        shortfall=shortfall,
        reasons=[],
        rows=[],
    )


def test_ranking_eligible_first_then_fit_then_shortfall_then_id():
    results = [
        _result(1, "95.0", False, 1),  # highest fit but blocked → after every eligible one
        _result(2, "80.0", True, 4),
        _result(3, "85.0", True, 6),
        _result(4, "80.0", True, 2),  # same fit as 2, smaller shortfall → before 2
        _result(5, "80.0", True, 2),  # full tie with 4 → id decides
        _result(6, "50.0", False, 9),
    ]
    assert [r.candidate_id for r in rank_fit_results(results)] == [3, 4, 5, 2, 1, 6]


def test_a_never_assessed_essential_says_so_rather_than_level_0():
    never = fit({2: 3, 3: 2})
    zero = fit({1: 0, 2: 3, 3: 2})
    assert never.fit == zero.fit  # both count as level 0 ...
    assert "has not been assessed" in never.reasons[0].message  # ... but read differently
    assert "is at level 0" in zero.reasons[0].message

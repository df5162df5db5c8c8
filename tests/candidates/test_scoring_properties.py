"""Properties of fit that must hold for every role and candidate (hypothesis)."""

from hypothesis import given
from hypothesis import strategies as st

from candidates.scoring import RequirementSpec, compute_fit


@st.composite
def role_and_levels(draw):
    count = draw(st.integers(min_value=1, max_value=12))
    requirements = [
        RequirementSpec(
            competency_id=index,
            competency_slug=f"c{index}",
            competency_name=f"C{index}",
            category_name="Tests",
            required_level=draw(st.integers(1, 5)),
            weight=draw(st.integers(1, 100)),
            essential=draw(st.booleans()),
        )
        for index in range(count)
    ]
    levels = {
        index: draw(st.integers(0, 5))
        for index in range(count)
        if draw(st.booleans())  # some competencies never assessed
    }
    return requirements, levels


def score(requirements, levels, years=10, min_years=0):
    return compute_fit(
        candidate_id=1,
        role_id=1,
        role_title="Role",
        min_years=min_years,
        requirements=requirements,
        levels=levels,
        years_experience=years,
    )


@given(role_and_levels())
def test_fit_stays_between_0_and_100(case):
    requirements, levels = case
    assert 0 <= score(requirements, levels).fit <= 100


@given(role_and_levels(), st.data())
def test_raising_an_assessed_level_never_lowers_fit(case, data):
    requirements, levels = case
    target = data.draw(st.sampled_from([r.competency_id for r in requirements]))
    current = levels.get(target, 0)
    raised = {**levels, target: data.draw(st.integers(current, 5))}
    assert score(requirements, raised).fit >= score(requirements, levels).fit


@given(role_and_levels(), st.integers(0, 20), st.integers(0, 20))
def test_eligible_implies_every_essential_met_and_years_enough(case, years, min_years):
    requirements, levels = case
    result = score(requirements, levels, years=years, min_years=min_years)
    if result.eligible:
        assert years >= min_years
        for requirement in requirements:
            if requirement.essential:
                assert levels.get(requirement.competency_id, 0) >= requirement.required_level
    else:
        assert result.reasons


@given(role_and_levels())
def test_no_shortfall_means_full_fit(case):
    # (The converse need not hold: a tiny gap on a light requirement can round to 100.0.)
    requirements, levels = case
    result = score(requirements, levels)
    if result.shortfall == 0:
        assert result.fit == 100

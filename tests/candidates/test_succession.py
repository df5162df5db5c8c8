"""The succession board's rules (``candidates.succession``): the pool, the three groups and
their boundaries (exactly 1 and 2 years), time-to-ready = max(plan weeks ÷ 52, missing years),
access, empty states and the cap."""

from __future__ import annotations

from fractions import Fraction

import pytest

from candidates import selectors, succession
from candidates.models import Candidate
from candidates.scoring import RoleNotScorable
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def heir_role(db):
    """A role needing one essential competency at level 3 and 3 years."""
    role = factories.RoleFactory(
        slug="heir", title="Heir", level="director", min_years_experience=3
    )
    factories.RequirementFactory(role=role, required_level=3, weight=1, essential=True)
    return role


def _competency(role):
    return role.requirements.get().competency


def on_opening(role, recruiter, *, level: int | None, years: int, name: str = "") -> Candidate:
    """A candidate on an opening for ``role`` (the recruiter's), assessed at ``level`` on the
    role's one competency (None: never assessed)."""
    candidate = factories.CandidateFactory(
        years_experience=years, **({"name": name} if name else {})
    )
    if level is not None:
        factories.AssessmentFactory(candidate=candidate, competency=_competency(role), level=level)
    factories.OpeningFactory(role=role, hiring_team=[recruiter], candidates=[candidate])
    return candidate


def group_of(board, candidate) -> str:
    for group in board.groups:
        if any(card.candidate.pk == candidate.pk for card in group.cards):
            return group.key
    return ""


def card_of(board, candidate):
    return next(
        card for group in board.groups for card in group.cards if card.candidate.pk == candidate.pk
    )


@pytest.mark.parametrize(
    ("weeks", "expected_group", "expected_years"),
    [
        (26, succession.READY_SOON, Fraction(1, 2)),  # less than a year: still "within two"
        (52, succession.READY_SOON, Fraction(1)),  # exactly 1 year
        (104, succession.READY_SOON, Fraction(2)),  # exactly 2 years: included
        (105, succession.LATER, Fraction(105, 52)),  # just over 2 years
    ],
)
def test_plan_weeks_decide_the_group_at_the_boundaries(
    heir_role, hr_user, recruiter, weeks, expected_group, expected_years
):
    factories.LearningResourceFactory(duration_weeks=weeks, competencies=[_competency(heir_role)])
    candidate = on_opening(heir_role, recruiter, level=1, years=10)

    board = succession.succession_board(hr_user, heir_role)

    assert group_of(board, candidate) == expected_group
    card = card_of(board, candidate)
    assert card.time_to_ready == expected_years
    assert card.plan_weeks == weeks
    assert card.why == f"Plan: 1 learning resource, {weeks} weeks"


@pytest.mark.parametrize(
    ("years", "expected_group"),
    [(2, succession.READY_SOON), (1, succession.READY_SOON), (0, succession.LATER)],
)
def test_missing_years_decide_the_group_at_the_boundaries(
    heir_role, hr_user, recruiter, years, expected_group
):
    # Meets the competency: only the years (3 − years missing) stand between them and the role.
    candidate = on_opening(heir_role, recruiter, level=3, years=years)

    board = succession.succession_board(hr_user, heir_role)

    assert group_of(board, candidate) == expected_group
    card = card_of(board, candidate)
    assert card.missing_years == 3 - years
    assert card.time_to_ready == 3 - years
    assert card.why.startswith(f"Needs {3 - years} more year")


def test_time_to_ready_is_the_longer_of_plan_and_years_not_their_sum(heir_role, hr_user, recruiter):
    factories.LearningResourceFactory(duration_weeks=104, competencies=[_competency(heir_role)])
    # 2 years of courses and 1 year of experience missing: 2 years (a sum would say 3, later).
    candidate = on_opening(heir_role, recruiter, level=1, years=2)

    board = succession.succession_board(hr_user, heir_role)

    card = card_of(board, candidate)
    assert card.time_to_ready == 2
    assert card.group == succession.READY_SOON
    assert card.why == "Needs 1 more year of experience; plan: 1 learning resource, 104 weeks"


def test_eligible_by_the_stored_score_is_ready_now(heir_role, hr_user, recruiter):
    ready = on_opening(heir_role, recruiter, level=4, years=3)

    board = succession.succession_board(hr_user, heir_role)

    assert ready.scores.get(role=heir_role).eligible  # the stored score says so
    assert group_of(board, ready) == succession.READY_NOW
    assert card_of(board, ready).time_to_ready == 0
    assert board.ready_now.total == 1


def test_a_gap_no_resource_develops_is_later_with_the_reason(heir_role, hr_user, recruiter):
    candidate = on_opening(heir_role, recruiter, level=1, years=10)

    board = succession.succession_board(hr_user, heir_role)

    assert group_of(board, candidate) == succession.LATER
    assert "no learning resource develops" in card_of(board, candidate).why.lower()


def test_internal_candidates_one_step_below_join_the_pool(heir_role, hr_user, recruiter):
    below = factories.RoleFactory(level="manager")
    factories.PromotionPathFactory(from_role=below, to_role=heir_role)
    internal = factories.CandidateFactory(
        source=Candidate.Source.INTERNAL, current_role=below, years_experience=3
    )
    factories.AssessmentFactory(candidate=internal, competency=_competency(heir_role), level=3)
    external_below = factories.CandidateFactory(current_role=below)  # external: not a successor
    elsewhere = factories.CandidateFactory(
        source=Candidate.Source.INTERNAL, current_role=factories.RoleFactory()
    )

    board = succession.succession_board(hr_user, heir_role)

    # No stored score for this role (on none of its openings): scored by the rules now.
    assert not internal.scores.filter(role=heir_role).exists()
    assert group_of(board, internal) == succession.READY_NOW
    assert group_of(board, external_below) == ""
    assert group_of(board, elsewhere) == ""
    assert board.from_roles == [below]


def test_a_recruiter_sees_only_their_candidates_and_an_outsider_nothing(
    heir_role, recruiter, outside_recruiter, viewer
):
    mine = on_opening(heir_role, recruiter, level=3, years=3)
    below = factories.RoleFactory(level="manager")
    factories.PromotionPathFactory(from_role=below, to_role=heir_role)
    factories.CandidateFactory(source=Candidate.Source.INTERNAL, current_role=below)

    assert group_of(succession.succession_board(recruiter, heir_role), mine)
    assert succession.succession_board(recruiter, heir_role).pool_total == 1
    for user in (outside_recruiter, viewer):
        board = succession.succession_board(user, heir_role)
        assert board.empty
        assert all(not group.cards for group in board.groups)


def test_an_empty_pool_is_an_empty_board(heir_role, hr_user):
    board = succession.succession_board(hr_user, heir_role)

    assert board.empty
    assert [group.total for group in board.groups] == [0, 0, 0]


def test_a_role_without_requirements_cannot_have_a_board(hr_user):
    with pytest.raises(RoleNotScorable):
        succession.succession_board(hr_user, factories.RoleFactory())


def test_the_board_is_capped_per_group_with_totals(heir_role, hr_user, recruiter):
    for _ in range(3):
        on_opening(heir_role, recruiter, level=3, years=3)  # ready now
    for _ in range(5):
        on_opening(heir_role, recruiter, level=1, years=3)  # no resource: later

    board = succession.succession_board(hr_user, heir_role, cap=2)

    assert [len(g.cards) for g in board.groups] == [2, 0, 2]
    assert board.ready_now.total == 3 and board.ready_now.truncated
    # 2 × cap = 4 of the 5 not-ready candidates are planned; the fifth is counted, not shown.
    assert board.later.total == 4
    assert board.not_ready_total == 5
    assert board.unplanned == 1


def test_readiness_for_a_comparison_uses_the_rules_now(heir_role, recruiter):
    factories.LearningResourceFactory(duration_weeks=30, competencies=[_competency(heir_role)])
    ready = on_opening(heir_role, recruiter, level=3, years=3)
    soon = on_opening(heir_role, recruiter, level=2, years=1)

    comparison = selectors.compare_candidates(heir_role, [ready, soon])
    readiness = {r.candidate.pk: r for r in succession.comparison_readiness(comparison)}

    assert readiness[ready.pk].group == succession.READY_NOW
    assert readiness[soon.pk].group == succession.READY_SOON
    assert readiness[soon.pk].time_to_ready == 2
    assert readiness[soon.pk].why == (
        "Needs 2 more years of experience; plan: 1 learning resource, 30 weeks"
    )


def test_a_shared_candidate_does_not_reveal_another_teams_opening(
    heir_role, recruiter, outside_recruiter
):
    # On the recruiter's opening for the role, and on the outsider's opening for another role:
    # the outsider may see the candidate, but not that they are on an opening for this role.
    shared = on_opening(heir_role, recruiter, level=3, years=3)
    factories.OpeningFactory(
        role=factories.RoleFactory(), hiring_team=[outside_recruiter], candidates=[shared]
    )

    assert group_of(succession.succession_board(recruiter, heir_role), shared)
    assert succession.succession_board(outside_recruiter, heir_role).empty

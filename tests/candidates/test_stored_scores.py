"""Stored scores agree exactly with the Python rules, whatever sequence of changes led there.

Hypothesis builds a small framework and pool, then applies random changes through the services
(assessments, years, current roles, requirement sets, minimum years, opening membership). The
rescoring tasks run in-process; afterwards every stored row must equal ``compute_fit`` for its
pair, every pool pair must have exactly one current row, and nothing outside the pools may keep
one. The suite runs this on SQLite and, in CI, on PostgreSQL (its own DISTINCT ON statement).
"""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates import selectors, services
from candidates.models import (
    CandidateRoleScore,
    FitSnapshot,
    Opening,
    OpeningScoreSummary,
    RoleScoreState,
)
from roles import services as role_services
from roles.models import Role
from tests import factories

COMPETENCIES = 3
ROLES = 2
CANDIDATES = 4

requirement_sets = st.lists(
    st.tuples(
        st.integers(0, COMPETENCIES - 1),
        st.integers(1, 5),  # required level
        st.integers(1, 100),  # weight
        st.booleans(),  # essential
    ),
    max_size=COMPETENCIES,
    unique_by=lambda item: item[0],
)

assessments = st.tuples(
    st.just("assess"),
    st.integers(0, CANDIDATES - 1),
    st.integers(0, COMPETENCIES - 1),
    st.integers(0, 5),
    st.integers(0, 30),  # days ago: older assessments must not count over newer ones
)
changes = st.lists(
    st.one_of(
        # Assessments are drawn as often as every other change together, so the same pair is
        # often assessed twice and "the latest counts" is exercised.
        assessments,
        assessments,
        assessments,
        assessments,
        assessments,
        st.tuples(st.just("years"), st.integers(0, CANDIDATES - 1), st.integers(0, 15)),
        st.tuples(
            st.just("current_role"), st.integers(0, CANDIDATES - 1), st.integers(-1, ROLES - 1)
        ),
        st.tuples(st.just("requirements"), st.integers(0, ROLES - 1), requirement_sets),
        st.tuples(st.just("min_years"), st.integers(0, ROLES - 1), st.integers(0, 12)),
        st.tuples(
            st.just("members"),
            st.integers(0, ROLES - 1),
            st.sets(st.integers(0, CANDIDATES - 1), max_size=CANDIDATES),
        ),
    ),
    min_size=4,
    max_size=20,
)


def pool_pairs() -> set[tuple[int, int]]:
    pairs = set()
    for role in Role.objects.prefetch_related("openings__candidates", "requirements"):
        if not role.requirements.all():
            continue
        for opening in role.openings.all():
            pairs |= {(c.pk, role.pk) for c in opening.candidates.all()}
        pairs |= {(pk, role.pk) for pk in role.current_holders.values_list("pk", flat=True)}
    return pairs


def assert_scores_match_the_rules() -> None:
    rows = list(CandidateRoleScore.objects.select_related("candidate", "role"))
    assert {(row.candidate_id, row.role_id) for row in rows} == pool_pairs()
    for row in rows:
        expected = selectors.candidate_fit(row.candidate, row.role)
        assert not row.stale and row.scored
        assert (row.fit, row.eligible, row.shortfall) == (
            expected.fit,
            expected.eligible,
            expected.shortfall,
        ), (row.candidate_id, row.role.slug)
        assert row.assessed_count == sum(1 for result in expected.rows if result.assessed)
        assert row.requirement_count == len(expected.rows)
        latest = FitSnapshot.objects.filter(candidate=row.candidate, role=row.role).first()
        assert latest is not None and (latest.fit, latest.eligible) == (row.fit, row.eligible)
    assert not any(state.stale for state in RoleScoreState.objects.all())
    assert_opening_summaries_match_the_rows()


def assert_opening_summaries_match_the_rows() -> None:
    """Every opening's stored figures equal a live count of its stored scores, and an opening
    with members of a scorable role has current figures (the pages need not count live)."""
    for opening in Opening.objects.select_related("role"):
        summary = OpeningScoreSummary.objects.filter(opening=opening).first()
        members = opening.candidates.count()
        if members and opening.role.requirements.exists():
            assert summary is not None and summary.current, opening.title
        if summary is None or not summary.current:
            continue
        rows = CandidateRoleScore.objects.filter(
            role=opening.role, candidate__in=opening.candidates.all()
        )
        computed = [row.fit_tenths for row in rows if row.scored]
        assert (summary.members, summary.eligible, summary.best_fit_tenths) == (
            members,
            sum(1 for row in rows if row.eligible),
            max(computed) if computed else None,
        ), opening.title


def apply_change(change, *, candidates, competencies, roles, openings, assessor) -> None:
    kind = change[0]
    if kind == "assess":
        _, who, which, level, days_ago = change
        services.assessment_create(
            candidate=candidates[who],
            competency=competencies[which],
            level=level,
            assessor=assessor,
            assessed_at=datetime.date.today() - datetime.timedelta(days=days_ago),
        )
    elif kind == "years":
        services.candidate_update(candidate=candidates[change[1]], years_experience=change[2])
    elif kind == "current_role":
        role = roles[change[2]] if change[2] >= 0 else None
        services.candidate_update(candidate=candidates[change[1]], current_role=role)
    elif kind == "requirements":
        role_services.role_set_requirements(
            role=roles[change[1]],
            requirements=[
                role_services.RequirementInput(
                    competency=competencies[index],
                    required_level=level,
                    weight=weight,
                    essential=essential,
                )
                for index, level, weight, essential in change[2]
            ],
        )
    elif kind == "min_years":
        role_services.role_update(role=roles[change[1]], min_years_experience=change[2])
    elif kind == "members":
        services.opening_update(
            opening=openings[change[1]], candidates=[candidates[i] for i in sorted(change[2])]
        )


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(initial=st.lists(requirement_sets, min_size=ROLES, max_size=ROLES), steps=changes)
def test_stored_scores_equal_the_python_rules_after_any_changes(hr_user, initial, steps):
    with transaction.atomic():
        competencies = factories.CompetencyFactory.create_batch(COMPETENCIES)
        roles = []
        for requirements in initial:
            role = factories.RoleFactory(min_years_experience=3)
            for index, level, weight, essential in requirements:
                factories.RequirementFactory(
                    role=role,
                    competency=competencies[index],
                    required_level=level,
                    weight=weight,
                    essential=essential,
                )
            roles.append(role)
        candidates = [factories.CandidateFactory(years_experience=years) for years in (0, 2, 3, 9)]
        openings = [
            factories.OpeningFactory(role=roles[0], candidates=candidates[:3]),
            factories.OpeningFactory(role=roles[1], candidates=candidates[2:]),
        ]
        for change in steps:
            apply_change(
                change,
                candidates=candidates,
                competencies=competencies,
                roles=roles,
                openings=openings,
                assessor=hr_user,
            )
        assert_scores_match_the_rules()
        transaction.set_rollback(True)


def test_a_change_marks_scores_stale_until_the_rescoring_runs(opening, monkeypatch):
    """Outside eager mode the rescoring waits for the commit: until then the row says stale."""
    from careerpath.celery import app

    candidate = opening.candidates.first()
    score = CandidateRoleScore.objects.get(candidate=candidate, role=opening.role)
    assert not score.stale
    queued = []
    monkeypatch.setattr(transaction, "on_commit", lambda func, **kwargs: queued.append(func))
    app.conf.task_always_eager = False
    try:
        services.candidate_update(candidate=candidate, years_experience=1)
    finally:
        app.conf.task_always_eager = True

    score.refresh_from_db()
    assert score.stale and len(queued) == 1


def test_a_role_change_marks_one_state_row_not_every_score(opening, monkeypatch):
    """A requirement change bumps the role's state, leaves the score rows alone, and shows every
    score of the pool as updating until the whole-pool rescoring has run."""
    from careerpath.celery import app

    role = opening.role
    before = {row.pk: row.input_version for row in CandidateRoleScore.objects.filter(role=role)}
    queued = []
    monkeypatch.setattr(transaction, "on_commit", lambda func, **kwargs: queued.append(func))
    app.conf.task_always_eager = False
    try:
        role_services.role_update(role=role, min_years_experience=role.min_years_experience + 1)
    finally:
        app.conf.task_always_eager = True

    assert RoleScoreState.objects.get(role=role).stale and len(queued) == 1
    after = {row.pk: row.input_version for row in CandidateRoleScore.objects.filter(role=role)}
    assert after == before
    entries = selectors.ranking_entries(role, list(selectors.opening_scores(opening)))
    assert entries and all(entry.stale for entry in entries)
    summary = selectors.opening_ranking_summary(opening)
    assert summary.updating == summary.members == opening.candidates.count()

    services.scores_rescore_role(role_id=role.pk)

    assert not RoleScoreState.objects.get(role=role).stale
    entries = selectors.ranking_entries(role, list(selectors.opening_scores(opening)))
    assert not any(entry.stale for entry in entries)
    assert selectors.opening_ranking_summary(opening).updating == 0
    assert_opening_summaries_match_the_rows()


def test_opening_figures_are_counted_live_until_the_rescoring_catches_up(opening, monkeypatch):
    from careerpath.celery import app

    assert OpeningScoreSummary.objects.get(opening=opening).current
    newcomer = factories.CandidateFactory()
    queued = []
    monkeypatch.setattr(transaction, "on_commit", lambda func, **kwargs: queued.append(func))
    app.conf.task_always_eager = False
    try:
        services.opening_update(opening=opening, candidates=[*opening.candidates.all(), newcomer])
    finally:
        app.conf.task_always_eager = True

    assert not OpeningScoreSummary.objects.get(opening=opening).current
    figures = selectors.opening_ranking_summary(opening)
    assert figures.members == opening.candidates.count() == 3
    assert figures.updating == 1  # the newcomer's row is not scored yet

    services.scores_rescore_candidates(candidate_ids=[newcomer.pk])

    assert OpeningScoreSummary.objects.get(opening=opening).current
    after = selectors.opening_ranking_summary(opening)
    assert (after.members, after.updating) == (3, 0)
    assert_opening_summaries_match_the_rows()


def test_reconcile_finds_missing_and_stale_scores(opening):
    candidate = opening.candidates.first()
    CandidateRoleScore.objects.filter(candidate=candidate).delete()
    other = opening.candidates.last()
    CandidateRoleScore.objects.filter(candidate=other).update(input_version=9)

    assert services.scores_reconcile() == 2

    rows = CandidateRoleScore.objects.filter(role=opening.role)
    assert rows.count() == 2 and not any(row.stale for row in rows)
    assert services.scores_reconcile() == 0


def test_a_role_without_requirements_keeps_no_scores(opening):
    role_services.role_set_requirements(role=opening.role, requirements=[])
    assert not CandidateRoleScore.objects.filter(role=opening.role).exists()


def test_stored_fit_rounds_half_up_like_the_rules(hr_user):
    """81.25 is stored as 81.3 (binary floats or banker's rounding would say 81.2)."""
    role = factories.RoleFactory()
    whole = factories.RequirementFactory(role=role, required_level=1, weight=1)
    three_quarters = factories.RequirementFactory(role=role, required_level=4, weight=3)
    candidate = factories.CandidateFactory()
    factories.OpeningFactory(role=role, candidates=[candidate])
    for requirement, level in ((whole, 1), (three_quarters, 3)):
        services.assessment_create(
            candidate=candidate, competency=requirement.competency, level=level, assessor=hr_user
        )

    score = CandidateRoleScore.objects.get(candidate=candidate, role=role)
    assert str(score.fit) == "81.3" == str(selectors.candidate_fit(candidate, role).fit)


def test_the_latest_assessment_counts_not_the_highest(hr_user, opening):
    candidate = opening.candidates.first()
    requirement = opening.role.requirements.order_by("-required_level").first()
    for level, days_ago in ((1, 0), (4, 5)):
        services.assessment_create(
            candidate=candidate,
            competency=requirement.competency,
            level=level,
            assessor=hr_user,
            assessed_at=datetime.date.today() - datetime.timedelta(days=days_ago),
        )
    score = CandidateRoleScore.objects.get(candidate=candidate, role=opening.role)
    assert score.shortfall == selectors.candidate_fit(candidate, opening.role).shortfall
    assert score.shortfall >= requirement.required_level - 1

"""Fit, ranking, comparison and access over the database."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from candidates import selectors
from candidates.scoring import RoleNotScorable
from tests import factories

pytestmark = pytest.mark.django_db


def requirements_of(role):
    return list(role.requirements.order_by("-required_level"))  # 4 (essential), 3, 2


def assess(candidate, competency, level, days_ago=0, **kwargs):
    return factories.AssessmentFactory(
        candidate=candidate,
        competency=competency,
        level=level,
        assessed_at=datetime.date(2026, 1, 31) - datetime.timedelta(days=days_ago),
        **kwargs,
    )


def test_latest_assessment_by_date_counts_not_the_highest(director_role):
    essential = requirements_of(director_role)[0].competency
    candidate = factories.CandidateFactory()
    assess(candidate, essential, 5, days_ago=30)
    assess(candidate, essential, 2, days_ago=1)
    assert selectors.counted_levels([candidate.pk])[candidate.pk][essential.pk] == 2


def test_same_date_the_later_id_counts(director_role):
    essential = requirements_of(director_role)[0].competency
    candidate = factories.CandidateFactory()
    assess(candidate, essential, 1)
    assess(candidate, essential, 4)
    assess(candidate, essential, 3, days_ago=5)  # older date, later id: does not count
    assert selectors.counted_levels([candidate.pk])[candidate.pk][essential.pk] == 4


def test_candidate_fit_over_the_database(director_role):
    req_a, req_b, req_c = requirements_of(director_role)
    candidate = factories.CandidateFactory(years_experience=6)
    assess(candidate, req_a.competency, 3)
    assess(candidate, req_b.competency, 3)
    assess(candidate, req_c.competency, 1)
    result = selectors.candidate_fit(candidate, director_role)
    assert result.fit == Decimal("79.2")
    assert result.shortfall == 2
    assert not result.eligible
    assert selectors.candidate_fit(candidate, director_role.slug).fit == Decimal("79.2")


def test_rank_candidates_for_role_puts_eligible_first(director_role):
    req_a, req_b, req_c = requirements_of(director_role)
    eligible_low = factories.CandidateFactory(years_experience=5)
    assess(eligible_low, req_a.competency, 4)
    blocked_high = factories.CandidateFactory(years_experience=5)
    assess(blocked_high, req_a.competency, 3)
    assess(blocked_high, req_b.competency, 3)
    assess(blocked_high, req_c.competency, 2)
    too_junior = factories.CandidateFactory(years_experience=1)
    for req in (req_a, req_b, req_c):
        assess(too_junior, req.competency, 5)
    ranking = selectors.rank_candidates_for_role(
        director_role, [too_junior, blocked_high, eligible_low]
    )
    assert [row.candidate for row in ranking] == [eligible_low, too_junior, blocked_high]
    assert [row.rank for row in ranking] == [1, 2, 3]
    assert ranking[1].result.fit == Decimal("100.0")
    assert ranking[1].result.reasons[0].code == "years_short"


def test_comparison_matrix_has_every_requirement_for_every_candidate(opening):
    comparison = selectors.compare_candidates(opening.role, opening.candidates.all())
    assert len(comparison.matrix) == 3
    for row in comparison.matrix:
        assert len(row.cells) == 2
        assert all(cell.required_level == row.requirement.required_level for cell in row.cells)
        assert all(cell.gap == row.requirement.required_level for cell in row.cells)


def _comparison_queries(role, count: int) -> int:
    candidates = factories.CandidateFactory.create_batch(count)
    for candidate in candidates:
        for req in role.requirements.all():
            assess(candidate, req.competency, 3)
    ids = [c.pk for c in candidates]
    with CaptureQueriesContext(connection) as queries:
        comparison = selectors.compare_candidates(
            role, selectors.Candidate.objects.filter(pk__in=ids)
        )
        assert len(comparison.ranking) == count
    return len(queries)


def test_comparison_query_count_does_not_grow_with_candidates(director_role):
    other_role = factories.RoleFactory()
    for req in director_role.requirements.all():
        factories.RequirementFactory(role=other_role, competency=req.competency, required_level=2)
    five = _comparison_queries(director_role, 5)
    fifty = _comparison_queries(other_role, 50)
    assert five == fifty
    assert five <= 5


def test_role_without_requirements_raises_a_clear_error():
    role = factories.RoleFactory(title="Empty Role")
    candidate = factories.CandidateFactory()
    with pytest.raises(RoleNotScorable, match="Empty Role"):
        selectors.candidate_fit(candidate, role)
    with pytest.raises(RoleNotScorable):
        selectors.compare_candidates(role, [candidate])


# --- access ---------------------------------------------------------------------------------


@pytest.fixture
def own_candidate(outside_recruiter):
    return factories.CandidateFactory(created_by=outside_recruiter)


def test_hr_sees_every_candidate_and_opening(hr_user, opening, own_candidate):
    assert set(selectors.candidates_visible_to(hr_user)) == {
        *opening.candidates.all(),
        own_candidate,
    }
    assert list(selectors.openings_visible_to(hr_user)) == [opening]


def test_superuser_has_hr_rights(opening):
    admin = factories.UserFactory(is_superuser=True)
    assert selectors.candidates_visible_to(admin).count() == 2


def test_recruiter_sees_their_openings_candidates_only(recruiter, opening, own_candidate):
    visible = selectors.candidates_visible_to(recruiter)
    assert set(visible) == set(opening.candidates.all())
    assert list(selectors.openings_visible_to(recruiter)) == [opening]
    with pytest.raises(Http404):
        selectors.candidate_for_user(recruiter, own_candidate.pk)


def test_recruiter_sees_candidates_they_created(outside_recruiter, opening, own_candidate):
    assert list(selectors.candidates_visible_to(outside_recruiter)) == [own_candidate]
    assert not selectors.openings_visible_to(outside_recruiter).exists()
    with pytest.raises(Http404):
        selectors.opening_for_user(outside_recruiter, opening.pk)
    with pytest.raises(Http404):
        selectors.candidate_for_user(outside_recruiter, opening.candidates.first().pk)


def test_candidate_on_two_of_my_openings_is_listed_once(recruiter, opening):
    factories.OpeningFactory(
        role=opening.role, hiring_team=[recruiter], candidates=opening.candidates.all()
    )
    assert selectors.candidates_visible_to(recruiter).count() == 2


def test_viewer_and_anonymous_see_no_candidates(viewer, opening):
    from django.contrib.auth.models import AnonymousUser

    for user in (viewer, AnonymousUser()):
        assert not selectors.candidates_visible_to(user).exists()
        assert not selectors.openings_visible_to(user).exists()
        assert not selectors.assessments_visible_to(user).exists()


def test_candidate_for_user_with_garbage_id_is_404(hr_user):
    with pytest.raises(Http404):
        selectors.candidate_for_user(hr_user, "not-a-number")

"""``selectors.candidate_search`` with skill conditions: the counted level (the latest
assessment, by date then id) must reach every condition's level; access still decides who is
in the pool. Runs on SQLite and on PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import pytest

from candidates.selectors import SkillCondition, candidate_search
from tests import factories
from tests.skill_pool import skilled_pool

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool(opening):
    return skilled_pool(opening)


def names(user, **filters) -> list[str]:
    return list(candidate_search(user, **filters).values_list("name", flat=True))


def at_least(competency, level: int) -> SkillCondition:
    return SkillCondition(competency_id=competency.pk, min_level=level)


def test_every_condition_must_hold(recruiter, pool):
    both = [at_least(pool["seo"], 4), at_least(pool["web"], 4)]
    assert names(recruiter, skills=both) == ["Ada"]
    assert names(recruiter, skills=[at_least(pool["seo"], 4)]) == ["Ada", "Cy"]


def test_the_latest_assessment_counts_not_an_older_higher_one(recruiter, pool):
    assert "Ben" not in names(recruiter, skills=[at_least(pool["seo"], 3)])
    assert "Ben" in names(recruiter, skills=[at_least(pool["seo"], 2)])


def test_on_the_same_date_the_later_assessment_counts(recruiter, pool):
    assert "Dee" not in names(recruiter, skills=[at_least(pool["seo"], 2)])
    assert "Dee" in names(recruiter, skills=[at_least(pool["seo"], 1)])


def test_never_assessed_matches_no_condition(recruiter, pool):
    assert "Cy" not in names(recruiter, skills=[at_least(pool["web"], 1)])


def test_access_still_decides_the_pool(hr_user, recruiter, outside_recruiter, pool):
    both = [at_least(pool["seo"], 4), at_least(pool["web"], 4)]
    assert names(hr_user, skills=both) == ["Ada", "Eve"]
    assert names(recruiter, skills=both) == ["Ada"]
    assert names(outside_recruiter, skills=both) == []


def test_skill_conditions_combine_with_the_other_filters(hr_user, pool):
    role = factories.RoleFactory()
    pool["eve"].current_role = role
    pool["eve"].save()
    both = [at_least(pool["seo"], 4), at_least(pool["web"], 4)]
    assert names(hr_user, skills=both, current_role_id=role.pk) == ["Eve"]
    assert names(hr_user, skills=both, search="ad") == ["Ada"]
    assert names(hr_user, skills=both, source="external") == []

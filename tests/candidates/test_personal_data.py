"""The personal-data document (``personal_data.candidate_personal_data``): everything stored
about one candidate, history included, in a constant number of queries."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidates import services
from candidates.models import Candidate
from candidates.personal_data import PERSONAL_DATA_FORMAT, candidate_personal_data
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(hr_user):
    """A candidate edited once, assessed twice (scored), on an opening whose title changed."""
    role = factories.RoleFactory(slug="data-role", title="Data role", level="manager")
    competency = factories.RequirementFactory(role=role, required_level=4).competency
    candidate = services.candidate_create(
        created_by=hr_user,
        name="Ada Example",
        email="ada@example.com",
        source="external",
        notes="First notes",
    )
    opening = services.opening_create(
        created_by=hr_user, title="Data opening", role=role, candidates=[candidate]
    )
    services.candidate_update(candidate=candidate, notes="Second notes")
    for level, evidence in ((2, "Ran a pilot"), (3, "Led the relaunch")):
        services.assessment_create(
            candidate=candidate,
            competency=competency,
            level=level,
            assessor=hr_user,
            evidence=evidence,
        )
    services.opening_update(opening=opening, title="Data opening (urgent)")
    candidate.refresh_from_db()
    return candidate, opening, competency, role


def test_the_document_holds_the_profile_assessments_openings_scores_and_history(assessed, hr_user):
    candidate, opening, competency, role = assessed

    document = candidate_personal_data(candidate)

    json.dumps(document)  # JSON-ready as it is
    assert document["format"] == PERSONAL_DATA_FORMAT
    assert document["candidate"] == {
        "id": candidate.pk,
        "name": "Ada Example",
        "email": "ada@example.com",
        "source": "external",
        "current_role": None,
        "years_experience": 0,
        "notes": "Second notes",
        "created_by": hr_user.username,
        "created_at": candidate.created_at.isoformat(),
        "updated_at": candidate.updated_at.isoformat(),
    }
    assert [(a["competency"], a["level"], a["evidence"]) for a in document["assessments"]] == [
        (competency.slug, 2, "Ran a pilot"),
        (competency.slug, 3, "Led the relaunch"),
    ]
    assert document["openings"] == [
        {"id": opening.pk, "title": "Data opening (urgent)", "role": role.slug, "status": "open"}
    ]
    [score] = document["scores"]
    assert (score["role"], score["fit"], score["stale"]) == (role.slug, "75.0", False)
    assert [snap["fit"] for snap in document["fit_snapshots"]][-1] == "75.0"
    history = document["history"]
    assert [row["notes"] for row in history["candidate"]] == ["First notes", "Second notes"]
    assert [row["history_type"] for row in history["candidate"]] == ["+", "~"]
    assert [row["evidence"] for row in history["assessments"]] == [
        "Ran a pilot",
        "Led the relaunch",
    ]
    # Joining, then the opening's later change that still listed them
    assert [row["opening_id"] for row in history["opening_memberships"]] == [opening.pk] * 2


def test_the_document_costs_the_same_queries_for_more_rows(assessed, hr_user):
    candidate, _opening, competency, role = assessed

    def queries() -> int:
        fresh = Candidate.objects.get(pk=candidate.pk)
        with CaptureQueriesContext(connection) as captured:
            candidate_personal_data(fresh)
        return len(captured)

    few = queries()
    for level in (1, 2, 3, 4, 5):
        services.assessment_create(
            candidate=candidate, competency=competency, level=level, assessor=hr_user
        )
        services.candidate_update(candidate=candidate, notes=f"Notes {level}")
    other = factories.OpeningFactory(role=role, candidates=[candidate])
    other.hiring_team.set([hr_user])
    assert queries() == few

"""GET /api/v1/roles/<slug>/succession/: the shape, access, the empty board, a role that cannot
be scored, the comparison's added ``time_to_ready``, and a query count that does not grow with
the pool."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from candidates.models import Candidate
from tests import factories
from tests.api.conftest import BASE, assert_error

pytestmark = pytest.mark.django_db

CARD_FIELDS = {
    "candidate",
    "name",
    "source",
    "current_role",
    "fit",
    "eligible",
    "stale",
    "group",
    "years",
    "missing_years",
    "plan_weeks",
    "plan_resources",
    "uncovered",
    "why",
}


@pytest.fixture
def board_world(director_role, recruiter):
    """The director role (minimum 5 years) with a resource for each requirement: one candidate
    ready now, one within two years, one later; all on the recruiter's opening."""
    for req in director_role.requirements.all():
        factories.LearningResourceFactory(duration_weeks=10, competencies=[req.competency])
    ready = factories.CandidateFactory(name="Ready Rita", years_experience=6)
    soon = factories.CandidateFactory(name="Soon Sam", years_experience=4)
    later = factories.CandidateFactory(name="Later Lou", years_experience=1)
    for req in director_role.requirements.all():
        factories.AssessmentFactory(candidate=ready, competency=req.competency, level=5)
        factories.AssessmentFactory(candidate=soon, competency=req.competency, level=1)
    opening = factories.OpeningFactory(
        role=director_role, hiring_team=[recruiter], candidates=[ready, soon, later]
    )
    return {"ready": ready, "soon": soon, "later": later, "opening": opening}


def url(role) -> str:
    return f"{BASE}/roles/{role.slug}/succession/"


def test_the_board_in_three_groups_with_totals_and_reasons(client_as, director_role, board_world):
    response = client_as("recruiter").get(url(director_role))

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "role", "cap", "pool", "not_ready", "unplanned", "from_roles",
        "ready_now", "ready_soon", "later",
    }  # fmt: skip
    assert body["role"] == director_role.slug
    assert (body["cap"], body["pool"], body["not_ready"], body["unplanned"]) == (50, 3, 2, 0)
    names = {
        key: [c["name"] for c in body[key]["results"]]
        for key in ("ready_now", "ready_soon", "later")
    }
    assert names == {
        "ready_now": ["Ready Rita"],
        "ready_soon": ["Soon Sam"],
        "later": ["Later Lou"],
    }
    for key in ("ready_now", "ready_soon", "later"):
        assert set(body[key]) == {"total", "truncated", "results"}
        assert body[key]["total"] == 1 and body[key]["truncated"] is False
        assert set(body[key]["results"][0]) == CARD_FIELDS
    soon = body["ready_soon"]["results"][0]
    # 3 gaps, 10 weeks each, and 1 year short: max(30/52, 1) = 1 year.
    assert (soon["years"], soon["missing_years"], soon["plan_weeks"]) == (1.0, 1, 30)
    assert soon["why"] == "Needs 1 more year of experience; plan: 3 learning resources, 30 weeks"
    later = body["later"]["results"][0]
    assert later["missing_years"] == 4 and later["years"] == 4.0
    assert body["ready_now"]["results"][0]["years"] == 0


def test_an_outsider_recruiter_sees_nothing_of_another_opening(
    client_as, director_role, board_world
):
    response = client_as("outsider").get(url(director_role))

    assert response.status_code == 200
    body = response.json()
    assert body["pool"] == 0
    assert all(body[key]["results"] == [] for key in ("ready_now", "ready_soon", "later"))
    assert "Ready Rita" not in response.content.decode()


@pytest.mark.parametrize(("who", "status"), [("viewer", 403), ("anonymous", 401)])
def test_viewers_and_anonymous_are_refused(client_as, director_role, who, status):
    response = client_as(who).get(url(director_role))

    assert response.status_code == status


def test_an_unknown_role_is_404_and_a_role_without_requirements_400(client_as):
    assert_error(client_as("hr").get(f"{BASE}/roles/no-such-role/succession/"), 404, "not_found")
    bare = factories.RoleFactory()
    assert_error(client_as("hr").get(url(bare)), 400, "validation_error", field="role")


def test_the_comparison_adds_time_to_ready_without_removing_fields(
    client_as, director_role, board_world
):
    response = client_as("recruiter").post(
        f"{BASE}/comparisons/", {"opening": board_world["opening"].pk}, format="json"
    )

    assert response.status_code == 200
    rows = {row["name"]: row for row in response.json()["ranking"]}
    assert {"rank", "fit", "eligible", "reasons", "gaps", "strengths"} <= set(rows["Soon Sam"])
    assert rows["Soon Sam"]["time_to_ready"]["group"] == "ready_soon"
    assert rows["Soon Sam"]["time_to_ready"]["years"] == 1.0
    assert rows["Ready Rita"]["time_to_ready"]["group"] == "ready_now"
    assert rows["Ready Rita"]["time_to_ready"]["plan_weeks"] == 0  # as on the board
    assert rows["Later Lou"]["time_to_ready"]["group"] == "later"


def test_the_schema_documents_the_endpoint(client_as):
    schema = client_as("hr").get("/api/schema/", HTTP_ACCEPT="application/json").json()

    operation = schema["paths"]["/api/v1/roles/{slug}/succession/"]["get"]
    assert "Capped, not paginated" in operation["description"]
    assert "SuccessionBoard" in str(operation["responses"]["200"])
    compared = schema["components"]["schemas"]["ComparedCandidate"]["properties"]
    assert "time_to_ready" in compared


def _queries(user, path) -> int:
    client = APIClient()
    client.force_authenticate(get_user_model().objects.get(pk=user.pk))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    return len(captured)


def _grow(role, recruiter, below, n: int) -> None:
    competency = role.requirements.order_by("id").first().competency
    for index in range(n):
        on = factories.CandidateFactory(years_experience=index % 7)
        factories.AssessmentFactory(candidate=on, competency=competency, level=index % 5)
        factories.OpeningFactory(role=role, hiring_team=[recruiter], candidates=[on])
        internal = factories.CandidateFactory(
            source=Candidate.Source.INTERNAL, current_role=below, created_by=recruiter
        )
        factories.AssessmentFactory(candidate=internal, competency=competency, level=index % 5)


@pytest.mark.parametrize("who", ["hr_user", "recruiter"])
def test_the_query_count_does_not_grow_with_the_pool(request, director_role, recruiter, who):
    user = request.getfixturevalue(who)
    below = factories.RoleFactory(level="manager")
    factories.PromotionPathFactory(from_role=below, to_role=director_role)
    for req in director_role.requirements.all():
        factories.LearningResourceFactory(duration_weeks=20, competencies=[req.competency])
    _grow(director_role, recruiter, below, 3)
    small = _queries(user, url(director_role))
    _grow(director_role, recruiter, below, 27)
    large = _queries(user, url(director_role))

    assert small == large

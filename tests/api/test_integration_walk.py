"""A scripted walk through the API as an integration would make it, over HTTP with tokens.

It runs in the normal suite: on SQLite locally and on PostgreSQL wherever DATABASE_URL points
at one (CI). Transactional, so every service commits for real.
"""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from candidates.models import Assessment, Candidate, Opening
from careerpath.access import HR_GROUP, RECRUITER_GROUP
from roles.models import Role
from tests import factories

BASE = "/api/v1"

pytestmark = pytest.mark.django_db(transaction=True)


def integration(username: str, group: str) -> tuple[APIClient, object]:
    """A user, a token made the documented way, and a client sending it."""
    user = factories.UserFactory(username=username, group=group)
    call_command("drf_create_token", username, stdout=StringIO())
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get(user=user).key}")
    return client, user


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:800])
    return response.json() if response.content else {}


def test_an_integration_walks_the_whole_api():
    hris, hr = integration("hris-sync", HR_GROUP)
    ats, recruiter = integration("ats-sync", RECRUITER_GROUP)

    # The HRIS syncs the framework: a category, competencies, a resource, two roles, a path
    ok(hris.post(f"{BASE}/competency-categories/", {"name": "Commerce"}), 201)
    for name in ("Marketplace operations", "Pricing", "People leadership"):
        ok(hris.post(f"{BASE}/competencies/", {"name": name, "category": "commerce"}), 201)
    ok(
        hris.post(
            f"{BASE}/learning-resources/",
            {
                "title": "Leading teams",
                "kind": "course",
                "duration_weeks": 8,
                # A course takes a competency to 3 unless told otherwise: this one goes to 4,
                # enough for the Director's level (a plan counts a resource only that far).
                "competency_levels": [{"competency": "people-leadership", "raises_to": 4}],
            },
        ),
        201,
    )
    ok(
        hris.post(
            f"{BASE}/roles/",
            {
                "title": "Marketplace Manager",
                "level": "manager",
                "requirements": [
                    {"competency": "marketplace-operations", "required_level": 3},
                    {"competency": "pricing", "required_level": 2},
                ],
            },
        ),
        201,
    )
    director = ok(
        hris.post(
            f"{BASE}/roles/",
            {
                "title": "Marketplace Director",
                "level": "director",
                "min_years_experience": 6,
                "responsibilities": ["Own marketplace P&L", "Lead the channel team"],
                "requirements": [
                    {
                        "competency": "marketplace-operations",
                        "required_level": 4,
                        "weight": 3,
                        "essential": True,
                    },
                    {"competency": "pricing", "required_level": 3, "weight": 2},
                    {
                        "competency": "people-leadership",
                        "required_level": 4,
                        "weight": 2,
                        "essential": True,
                    },
                ],
            },
        ),
        201,
    )
    assert director["slug"] == "marketplace-director" and director["rank"] == 4
    ok(
        hris.post(
            f"{BASE}/promotion-paths/",
            {"from_role": "marketplace-manager", "to_role": "marketplace-director"},
        ),
        201,
    )

    # HR opens a vacancy with the recruiter on its hiring team
    opening = ok(
        hris.post(
            f"{BASE}/openings/",
            {
                "title": "Marketplace Director",
                "role": "marketplace-director",
                "hiring_team": [recruiter.pk],
            },
        ),
        201,
    )

    # The ATS pushes candidates and puts them on the opening
    people = {}
    for name, source, role, years in [
        ("Ana Internal", "internal", "marketplace-manager", 7),
        ("Ben External", "external", None, 9),
        ("Cai Junior", "external", None, 2),
    ]:
        body = ok(
            ats.post(
                f"{BASE}/candidates/",
                {
                    "name": name,
                    "email": f"{name.split()[0].lower()}@example.com",
                    "source": source,
                    "current_role": role,
                    "years_experience": years,
                },
            ),
            201,
        )
        people[name.split()[0]] = body["id"]
    ok(ats.patch(f"{BASE}/openings/{opening['id']}/", {"candidates": sorted(people.values())}))

    # ... and the assessments (an older one that the newer one overrides)
    day = datetime.date(2026, 3, 1)
    levels = {
        "Ana": {"marketplace-operations": 4, "pricing": 3, "people-leadership": 3},
        "Ben": {"marketplace-operations": 5, "pricing": 3, "people-leadership": 4},
        "Cai": {"marketplace-operations": 4, "pricing": 3, "people-leadership": 4},
    }
    ok(
        ats.post(
            f"{BASE}/assessments/",
            {
                "candidate": people["Ana"],
                "competency": "people-leadership",
                "level": 5,
                "assessed_at": str(day - datetime.timedelta(days=400)),
            },
        ),
        201,
    )
    for person, competencies in levels.items():
        for competency, level in competencies.items():
            ok(
                ats.post(
                    f"{BASE}/assessments/",
                    {
                        "candidate": people[person],
                        "competency": competency,
                        "level": level,
                        "evidence": "Structured interview.",
                        "assessed_at": str(day),
                    },
                ),
                201,
            )

    # The BI tool pulls the ranking: Ben eligible; Cai too junior; Ana short on leadership
    ranking = ok(ats.get(f"{BASE}/roles/marketplace-director/ranking/?opening={opening['id']}"))
    rows = {row["candidate"]: row for row in ranking["results"]}
    assert [row["candidate"] for row in ranking["results"]] == [
        people["Ben"],
        people["Cai"],
        people["Ana"],
    ]
    assert rows[people["Ben"]]["eligible"] is True and rows[people["Ben"]]["fit"] == 100.0
    assert [r["code"] for r in rows[people["Cai"]]["reasons"]] == ["years_short"]
    # Ana: 100 × (3·1 + 2·1 + 2·3/4) / 7 = 92.9, one level short on an essential
    assert rows[people["Ana"]]["fit"] == 92.9
    assert [r["competency"] for r in rows[people["Ana"]]["reasons"]] == ["people-leadership"]

    comparison = ok(ats.post(f"{BASE}/comparisons/", {"opening": opening["id"]}))
    assert len(comparison["matrix"]) == 3
    assert [c["candidate"] for c in comparison["matrix"][0]["cells"]] == [
        row["candidate"] for row in ranking["results"]
    ]

    fit = ok(ats.get(f"{BASE}/candidates/{people['Ana']}/fit/?role=marketplace-director"))
    assert [g["competency"] for g in fit["gaps"]] == ["people-leadership"]

    plan = ok(
        ats.get(f"{BASE}/candidates/{people['Ana']}/development-plan/?role=marketplace-director")
    )
    assert [r["slug"] for r in plan["resources"]] == ["leading-teams"]
    assert plan["total_weeks"] == 8 and plan["uncovered"] == []

    route = ok(ats.get(f"{BASE}/career-route/?to=marketplace-director&candidate={people['Ana']}"))
    assert route["found"] is True and route["from"] == "marketplace-manager"
    (step,) = route["steps"]
    assert {c["competency"]: c["change"] for c in step["changes"]} == {
        "marketplace-operations": "raised",
        "pricing": "raised",
        "people-leadership": "added",
    }
    assert [g["competency"] for g in step["gaps"]] == ["people-leadership"]

    # Everything was written through the API by the two integrations, and audited
    assert Role.objects.count() == 2 and Opening.objects.count() == 1
    assert set(Candidate.objects.values_list("created_by__username", flat=True)) == {"ats-sync"}
    assert Assessment.objects.count() == 10
    assert set(Assessment.objects.values_list("assessor__username", flat=True)) == {"ats-sync"}
    assert Role.history.filter(history_type="+").get(slug="marketplace-director").history_user == hr
    assert Opening.history.latest("history_date").history_user == recruiter

"""The audit trail: every channel records who made a change, HR reads the trail on /audit/ and
at GET /api/v1/audit/ (filtered, paginated in the database, constant queries), nobody else does,
and nobody edits history through the app."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from audit.selectors import audit_sources
from candidates import services
from candidates.models import Candidate, Opening
from careerpath.access import HR_GROUP, RECRUITER_GROUP, VIEWER_GROUP
from careerpath.history_actor import acting_as
from jobs.services import job_create
from roles.models import Role
from skills import services as skill_services
from skills.models import CompetencyLevelIndicator
from tests import factories
from tests.api.conftest import BASE, assert_error

pytestmark = pytest.mark.django_db

AUDIT = f"{BASE}/audit/"
# Derived rows the rescoring writes, jobs, and the erasure record (itself the audit of an erasure).
NOT_EDITABLE = {
    "candidates.fitsnapshot",
    "candidates.candidaterolescore",
    "candidates.rolescorestate",
    "candidates.openingscoresummary",
    "candidates.erasurerecord",
    "jobs.job",
    # A resource's competency links and levels: recorded in the resource's own history rows.
    "skills.resourcecompetency",
}


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# --- What has history ------------------------------------------------------------------------


def test_every_model_people_edit_keeps_history():
    project = [
        model
        for label in ("skills", "roles", "candidates", "jobs")
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    ]
    missing = [
        model._meta.label_lower
        for model in project
        if model._meta.label_lower not in NOT_EDITABLE
        and not hasattr(model._meta, "simple_history_manager_attribute")
    ]
    assert missing == []
    assert {"skills.competencylevelindicator", "auth.user"} <= set(audit_sources())


def test_level_indicators_record_who_set_them(hr_user):
    competency = factories.CompetencyFactory()
    with acting_as(hr_user):
        skill_services.competency_set_indicators(competency=competency, indicators={2: "Writes"})
        skill_services.competency_set_indicators(competency=competency, indicators={2: ""})
    history = CompetencyLevelIndicator.history.filter(competency_id=competency.pk)
    assert sorted(history.values_list("history_type", "history_user_id")) == [
        ("+", hr_user.pk),
        ("-", hr_user.pk),
    ]


def test_group_membership_changes_are_recorded_and_a_sign_in_is_not(client, viewer):
    # Given an administrator (only superusers manage accounts) makes the viewer a recruiter
    admin_user = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin_user)
    recruiter_group = Group.objects.get(name=RECRUITER_GROUP)
    response = client.post(
        reverse("admin:auth_user_change", args=[viewer.pk]),
        {
            "username": viewer.username,
            "is_active": "on",
            "groups": [recruiter_group.pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    # Then the account's history names HR and keeps the new group
    latest = viewer.history.latest()
    assert latest.history_user_id == admin_user.pk
    assert list(latest.groups.values_list("group_id", flat=True)) == [recruiter_group.pk]
    # And signing in writes no history row (last_login is not a change anybody made)
    rows = viewer.history.count()
    viewer.set_password("a long enough password")
    viewer.save()
    rows += 1
    signing_in = Client()
    response = signing_in.post(
        reverse("login"), {"username": viewer.username, "password": "a long enough password"}
    )
    assert response.status_code == 302
    viewer.refresh_from_db()
    assert viewer.last_login is not None
    assert viewer.history.count() == rows


# --- Every channel records the acting user ---------------------------------------------------


def test_the_api_records_the_acting_user(recruiter, opening):
    candidate = opening.candidates.first()
    response = api(recruiter).patch(
        f"{BASE}/candidates/{candidate.pk}/", {"notes": "Met at the fair."}, format="json"
    )
    assert response.status_code == 200
    assert candidate.history.latest().history_user_id == recruiter.pk


def test_a_page_records_the_acting_user(client, hr_user, director_role):
    client.force_login(hr_user)
    response = client.post(
        reverse("candidates:candidate-create"),
        {
            "name": "Page Person",
            "email": "page@example.com",
            "source": "external",
            "years_experience": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    candidate = Candidate.objects.get(email="page@example.com")
    assert candidate.history.get().history_user_id == hr_user.pk


def test_the_admin_records_the_acting_user(client, hr_user, director_role):
    client.force_login(hr_user)
    response = client.post(
        reverse("admin:roles_role_change", args=[director_role.pk]),
        {
            "title": "Director of Trade",
            "slug": director_role.slug,
            "level": "director",
            "min_years_experience": "5",
            **{
                f"{prefix}-{key}": value
                for prefix in ("requirements", "paths_out")
                for key, value in (
                    ("TOTAL_FORMS", "0"),
                    ("INITIAL_FORMS", "0"),
                    ("MIN_NUM_FORMS", "0"),
                    ("MAX_NUM_FORMS", "1000"),
                )
            },
        },
    )
    assert response.status_code in (200, 302)
    latest = Role.history.filter(id=director_role.pk).latest()
    assert (latest.title, latest.history_user_id) == ("Director of Trade", hr_user.pk)


def test_an_import_run_by_a_worker_records_the_user_who_started_it(recruiter, opening):
    # Given a job started by the recruiter, run as a worker runs it: no request anywhere
    job = job_create(
        kind=services.IMPORT_JOB_KIND,
        created_by=recruiter,
        params={"opening": opening.pk},
        file_name="people.csv",
        content=b"name,email,source,years_experience\r\nIda Imp,ida@example.com,external,3\r\n",
    )
    services.candidate_import_run(job_id=str(job.pk))
    # Then the new candidate and the opening's new member are both recorded as the recruiter's
    candidate = Candidate.objects.get(email="ida@example.com")
    assert candidate.history.get().history_user_id == recruiter.pk
    assert Opening.history.filter(id=opening.pk).latest().history_user_id == recruiter.pk


def test_rescoring_on_its_own_account_shows_as_system(hr_user, client_for):
    # A change with no recorded user (here: a service called outside any request) is "system"
    factories.CategoryFactory(name="Made by the system")
    body = api(hr_user).get(AUDIT, {"object_type": "skills.competencycategory"}).json()
    assert body["results"][0]["user"] is None
    assert body["results"][0]["username"] == "system"


# --- The trail ---------------------------------------------------------------------------------


def test_the_trail_shows_changes_with_their_fields(hr_user, recruiter, opening):
    candidate = opening.candidates.first()
    old_name = candidate.name
    with acting_as(recruiter):
        services.candidate_update(candidate=candidate, name="Renamed", years_experience=9)
        services.opening_update(opening=opening, hiring_team=[recruiter, hr_user])

    body = api(hr_user).get(AUDIT, {"action": "changed", "user": recruiter.pk}).json()

    # The opening's new team member and the candidate: the opening's fields did not change, so
    # it was not saved (truthful history), and its new version is no entry of its own.
    assert body["count"] == 2
    team, renamed = body["results"]
    assert renamed["object_type"] == "candidates.candidate"
    assert renamed["object"] == "Renamed"
    assert renamed["username"] == recruiter.username
    assert {(c["field"], c["old"], c["new"]) for c in renamed["changes"]} >= {
        ("Name", old_name, "Renamed"),
    }
    assert any(c["field"] == "Years experience" and c["new"] == "9" for c in renamed["changes"])
    assert team["changes"] == [
        {"field": "Hiring team", "old": "—", "new": f"added: {hr_user.username}", "members": True}
    ]


def test_the_trail_filters_by_type_action_user_and_day(hr_user, recruiter):
    with acting_as(recruiter):
        role = factories.RoleFactory(title="Filtered role")
        role.delete()
    client = api(hr_user)

    def count(**params) -> int:
        response = client.get(AUDIT, params)
        assert response.status_code == 200, response.content
        return response.json()["count"]

    today = timezone.localdate()
    assert count(object_type="roles.role", user=recruiter.pk) == 2
    assert count(object_type="roles.role", user=recruiter.pk, action="deleted") == 1
    assert count(object_type="roles.role", user=recruiter.pk, since=today, until=today) == 2
    tomorrow = today + datetime.timedelta(days=1)
    assert count(object_type="roles.role", since=tomorrow) == 0
    assert count(user=hr_user.pk, object_type="roles.role") == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"object_type": "jobs.job"}, "object_type"),
        ({"action": "reverted"}, "action"),
        ({"user": "0"}, "user"),
        ({"since": "yesterday"}, "since"),
        ({"since": "2026-02-02", "until": "2026-02-01"}, "until"),
        ({"page": "x"}, "page"),
        ({"who": "hr"}, "who"),
    ],
)
def test_bad_filters_are_400_naming_the_parameter(hr_user, params, field):
    assert_error(api(hr_user).get(AUDIT, params), 400, "validation_error", field=field)


def test_the_trail_is_paginated_in_the_database(hr_user):
    for number in range(7):
        factories.CategoryFactory(name=f"Cat {number}")
    client = api(hr_user)
    first = client.get(AUDIT, {"object_type": "skills.competencycategory", "page_size": 5}).json()
    second = client.get(first["next"]).json()
    assert first["count"] == 7
    assert [len(first["results"]), len(second["results"])] == [5, 2]
    names = [row["object"] for row in first["results"] + second["results"]]
    assert names == [f"Cat {number}" for number in reversed(range(7))]  # newest first


def _history_of_every_kind(rows: int, user) -> None:
    """``rows`` objects of several kinds, each created and changed (m2m changes included)."""
    with acting_as(user):
        for number in range(rows):
            role = factories.RoleFactory()
            candidate = factories.CandidateFactory()
            services.candidate_update(candidate=candidate, notes=f"note {number}")
            competency = factories.CompetencyFactory()
            factories.RequirementFactory(role=role, competency=competency)
            skill_services.competency_set_indicators(
                competency=competency, indicators={1: f"does {number}"}
            )
            opening = factories.OpeningFactory(role=role, candidates=[candidate])
            services.opening_update(opening=opening, hiring_team=[user])


@pytest.mark.parametrize("rows", [2, 8])
def test_query_count_does_not_grow_with_history_rows(hr_user, rows):
    _history_of_every_kind(rows, hr_user)
    client = APIClient()
    client.force_authenticate(hr_user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(AUDIT, {"page_size": 200})
    assert response.status_code == 200
    assert response.json()["count"] > 8 * rows
    # the groups, the count, the page; per kind on the page: its rows, their previous
    # versions, m2m history per m2m field; related names per related model; the users
    assert len(captured) == PINNED_API_QUERIES, [q["sql"][:120] for q in captured]

    page = Client()
    page.force_login(hr_user)
    with CaptureQueriesContext(connection) as captured:
        # every kind is on the first page (of 50) at both sizes: the rows HR's loop made
        response = page.get(reverse("audit:trail"), {"user": hr_user.pk})
    assert response.status_code == 200
    assert len(captured) == PINNED_PAGE_QUERIES, [q["sql"][:120] for q in captured]


PINNED_API_QUERIES = 25
PINNED_PAGE_QUERIES = 23


# --- Who may read it -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("hr", 200), ("recruiter", 403), ("outsider", 403), ("viewer", 403)],
)
def test_only_hr_opens_the_audit_page(client_as, who, status):
    response = client_as(who).get(reverse("audit:trail"))
    assert response.status_code == status
    home = client_as(who).get(reverse("home")).content.decode()
    assert (reverse("audit:trail") in home) is (who == "hr")


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("audit:trail"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_page_lists_changes_and_has_an_empty_state(client_as, hr_user):
    with acting_as(hr_user):
        factories.CategoryFactory(name="Visible change")
    client = client_as("hr")
    page = client.get(reverse("audit:trail"), {"object_type": "skills.competencycategory"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Visible change" in text and hr_user.username in text and "Created" in text

    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    empty = client.get(reverse("audit:trail"), {"since": tomorrow})
    assert empty.status_code == 200
    assert "No change matches these filters" in empty.content.decode()

    bad = client.get(reverse("audit:trail"), {"action": "reverted"})
    assert bad.status_code == 400
    assert "errorlist" in bad.content.decode()


def test_the_page_paginates(client_as):
    for number in range(55):
        factories.CategoryFactory(name=f"Paged {number}")
    text = client_as("hr").get(reverse("audit:trail"), {"page": "2"}).content.decode()
    assert "page 2 of" in text


# --- Nobody edits history --------------------------------------------------------------------


def test_the_admin_history_is_read_only_even_for_hr(client, hr_user, director_role):
    client.force_login(hr_user)
    version = director_role.history.earliest().history_id
    url = reverse("admin:roles_role_simple_history", args=[director_role.pk, version])
    page = client.get(url)
    assert page.status_code == 200
    assert "Revert" not in page.content.decode()
    response = client.post(
        url,
        {
            "title": "Reverted",
            "level": "director",
            "slug": director_role.slug,
            "min_years_experience": "1",
        },
    )
    assert response.status_code == 403
    director_role.refresh_from_db()
    assert director_role.title == "Test Director"


def test_there_is_no_admin_for_history_tables():
    from django.contrib import admin

    registered = {model._meta.label_lower for model in admin.site._registry}
    assert not any(label.split(".")[1].startswith("historical") for label in registered)


def test_groups_exist():
    assert Group.objects.filter(name__in=[HR_GROUP, RECRUITER_GROUP, VIEWER_GROUP]).count() == 3

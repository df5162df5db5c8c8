"""The admin inside optimistic locking (issue 9): its change forms carry the version, a stale
save is refused with the message above the form, and every save that changes something raises
the version (one that changes nothing writes nothing: no history row, no new version). History
is read-only: a revert is refused and leaves the version alone."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from candidates import services as recruiting
from candidates.models import Candidate
from roles import services as framework
from roles.models import Role
from tests import factories
from tests.pages.conftest import post_data

pytestmark = pytest.mark.django_db


def admin_posted(response: Any) -> dict[str, Any]:
    """The admin change page's data as a browser would post it back: the inlines' existing
    rows, without their blank extra rows."""
    form_list = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        form_list += [inline.formset.management_form, *inline.formset.initial_forms]
    data = post_data(*form_list)
    for inline in response.context.get("inline_admin_formsets", []):
        prefix = inline.formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"]
    return data


@pytest.fixture
def hr_admin(hr_user) -> Client:
    client = Client()
    client.force_login(hr_user)
    return client


def test_a_role_changed_in_the_admin_raises_its_version(hr_admin, director_role):
    url = reverse("admin:roles_role_change", args=[director_role.pk])
    page = hr_admin.get(url)
    assert '<input type="hidden" name="version" value="1"' in page.content.decode()
    data = admin_posted(page)
    data["summary"] = "Changed in the admin."
    response = hr_admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    role = Role.objects.get(pk=director_role.pk)
    assert (role.summary, role.version) == ("Changed in the admin.", 2)


def test_a_stale_admin_save_is_refused_and_saves_nothing(hr_admin, director_role):
    url = reverse("admin:roles_role_change", args=[director_role.pk])
    data = admin_posted(hr_admin.get(url))
    elsewhere = Role.objects.get(pk=director_role.pk)
    elsewhere._history_user = factories.UserFactory(username="bob-elsewhere")
    framework.role_update(role=elsewhere, min_years_experience=9)
    data["summary"] = "Mine."
    response = hr_admin.post(url, data)
    assert response.status_code == 200  # the admin shows its form again
    assert "This role was changed by bob-elsewhere at " in response.content.decode()
    role = Role.objects.get(pk=director_role.pk)
    assert (role.min_years_experience, role.version) == (9, 2)
    assert role.summary != "Mine."


def test_a_candidate_changed_in_the_admin_is_saved_through_the_service(hr_admin, db):
    candidate = factories.CandidateFactory(notes="Before.")
    url = reverse("admin:candidates_candidate_change", args=[candidate.pk])
    data = admin_posted(hr_admin.get(url))
    data["notes"] = "After."
    response = hr_admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = Candidate.objects.get(pk=candidate.pk)
    assert (saved.notes, saved.version) == ("After.", 2)


def test_a_stale_candidate_admin_save_is_refused(hr_admin, db):
    candidate = factories.CandidateFactory(notes="Before.")
    url = reverse("admin:candidates_candidate_change", args=[candidate.pk])
    data = admin_posted(hr_admin.get(url))
    recruiting.candidate_update(candidate=candidate, years_experience=9)
    data["notes"] = "Mine."
    response = hr_admin.post(url, data)
    assert response.status_code == 200
    assert "since you opened it" in response.content.decode()
    assert Candidate.objects.get(pk=candidate.pk).notes == "Before."


def test_reverting_in_the_admin_is_refused_and_leaves_the_version_alone(hr_admin, director_role):
    framework.role_update(role=director_role, summary="Second.")
    framework.role_update(role=director_role, summary="Third.")
    first = director_role.history.order_by("history_date", "history_id").first()
    url = reverse("admin:roles_role_simple_history", args=[director_role.pk, first.history_id])
    page = hr_admin.get(url)
    assert page.status_code == 200
    response = hr_admin.post(url, admin_posted(page))
    assert response.status_code == 403
    role = Role.objects.get(pk=director_role.pk)
    assert (role.summary, role.version) == ("Third.", 3)


def test_an_unchanged_admin_save_keeps_the_version_and_records_nothing(hr_admin, director_role):
    Role.objects.filter(pk=director_role.pk).update(responsibilities="Lead.\nHire.")
    url = reverse("admin:roles_role_change", args=[director_role.pk])
    data = admin_posted(hr_admin.get(url))
    # A textarea comes back with CRLF line endings: still no change.
    data["responsibilities"] = "Lead.\r\nHire."
    history_before = director_role.history.count()
    response = hr_admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    role = Role.objects.get(pk=director_role.pk)
    assert role.version == 1
    assert role.history.count() == history_before


def test_an_unchanged_competency_admin_save_keeps_the_version(hr_admin, db):
    competency = factories.CompetencyFactory(description="Line one.\nLine two.")
    url = reverse("admin:skills_competency_change", args=[competency.pk])
    data = admin_posted(hr_admin.get(url))
    data["description"] = "Line one.\r\nLine two."
    response = hr_admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    competency.refresh_from_db()
    assert competency.version == 1
    assert competency.history.count() == 1


def test_only_a_roles_requirements_changed_in_its_admin_raise_its_version_once(
    hr_admin, director_role
):
    url = reverse("admin:roles_role_change", args=[director_role.pk])
    data = admin_posted(hr_admin.get(url))
    data["requirements-0-weight"] = 7
    response = hr_admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    role = Role.objects.get(pk=director_role.pk)
    assert role.version == 2
    assert role.requirements.filter(weight=7).count() == 1


def test_only_a_competencys_indicators_changed_in_its_admin_raise_its_version(hr_admin, db):
    competency = factories.CompetencyFactory()
    indicator = competency.indicators.create(level=2, description="Before.")
    url = reverse("admin:skills_competency_change", args=[competency.pk])
    data = admin_posted(hr_admin.get(url))
    assert data["indicators-0-id"] == indicator.pk
    data["indicators-0-description"] = "After."
    response = hr_admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    competency.refresh_from_db()
    indicator.refresh_from_db()
    assert (indicator.description, competency.version) == ("After.", 2)


def test_a_requirement_changed_in_its_own_admin_raises_its_roles_version(hr_admin, director_role):
    requirement = director_role.requirements.first()
    url = reverse("admin:roles_rolerequirement_change", args=[requirement.pk])
    data = admin_posted(hr_admin.get(url))
    data["weight"] = 7
    response = hr_admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Role.objects.get(pk=director_role.pk).version == 2


def test_a_path_changed_in_its_roles_inline_gets_a_new_version(hr_admin, director_role):
    chief = factories.RoleFactory(level="cco")
    path = factories.PromotionPathFactory(from_role=director_role, to_role=chief)
    url = reverse("admin:roles_role_change", args=[director_role.pk])
    data = admin_posted(hr_admin.get(url))
    assert data["paths_out-0-id"] == path.pk
    data["paths_out-0-typical_years"] = 9
    response = hr_admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    path.refresh_from_db()
    assert (path.typical_years, path.version) == (9, 2)

"""Fixtures for the page tests: signed-in Django test clients for the cast, a small framework
(three roles on a path, requirements, a resource), and a query counter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories


def post_data(*form_list: forms.BaseForm) -> dict[str, Any]:
    """What a browser posts back from these forms as they were rendered: each field's value
    (a ticked box as "on", an unticked one left out)."""
    data: dict[str, Any] = {}
    for form in form_list:
        for field in form:
            value = field.value()
            if isinstance(field.field, forms.BooleanField):
                if value:
                    data[field.html_name] = "on"
                continue
            data[field.html_name] = "" if value is None else value
    return data


@pytest.fixture
def count_queries() -> Callable:
    """``count_queries(client, url)`` → (number of queries, response) for one GET."""

    def run(client: Client, url: str) -> tuple[int, object]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(captured), response

    return run


@pytest.fixture
def ladder(db, director_role):
    """Manager → Test Director → Chief, with requirements, a path each way up, a resource."""
    manager = factories.RoleFactory(
        slug="test-manager", title="Test Manager", level="manager", min_years_experience=3
    )
    chief = factories.RoleFactory(slug="test-chief", title="Test Chief", level="cco")
    director_requirements = list(director_role.requirements.select_related("competency"))
    for req in director_requirements[:2]:
        factories.RequirementFactory(
            role=manager, competency=req.competency, required_level=req.required_level - 1
        )
    factories.RequirementFactory(role=chief, competency=director_requirements[0].competency)
    factories.PromotionPathFactory(from_role=manager, to_role=director_role, typical_years=3)
    factories.PromotionPathFactory(from_role=director_role, to_role=chief, typical_years=4)
    factories.LearningResourceFactory(
        slug="test-course",
        title="Test leadership course",
        duration_weeks=6,
        competencies=[director_requirements[0].competency],
    )
    return {"manager": manager, "director": director_role, "chief": chief}

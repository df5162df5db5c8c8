"""The competency library and competency pages."""

from __future__ import annotations

import pytest

from skills.models import CompetencyLevelIndicator
from tests import factories

pytestmark = pytest.mark.django_db


def test_library_groups_competencies_by_category(client_as, viewer, ladder):
    body = client_as(viewer).get("/skills/").content.decode()
    for req in ladder["director"].requirements.select_related("competency__category"):
        assert req.competency.name in body
        assert f'id="{req.competency.category.slug}"' in body
    assert "Required by 2 roles" in body


def test_library_search(client_as, viewer, ladder):
    target = ladder["director"].requirements.first().competency
    body = client_as(viewer).get("/skills/", {"q": target.name}).content.decode()
    assert target.name in body and "1 competency match" in body
    body = client_as(viewer).get("/skills/", {"q": "zzz-nothing"}).content.decode()
    assert "Nothing matches" in body


def test_library_query_count_does_not_grow(client_as, viewer, count_queries, ladder):
    client = client_as(viewer)
    few, _ = count_queries(client, "/skills/")
    for _ in range(12):
        factories.RequirementFactory(role=ladder["chief"])
    many, _ = count_queries(client, "/skills/")
    assert few == many


def test_competency_page_shows_levels_roles_and_resources(client_as, viewer, ladder):
    competency = ladder["director"].requirements.order_by("id").first().competency
    CompetencyLevelIndicator.objects.create(competency=competency, level=4, description="Leads it.")
    body = client_as(viewer).get(f"/skills/{competency.slug}/").content.decode()
    assert "Leads it." in body and "Not described yet." in body
    assert "Test Director" in body and "Test Manager" in body and "Test Chief" in body
    assert "Test leadership course" in body


def test_competency_page_query_count_does_not_grow(client_as, viewer, count_queries, ladder):
    competency = ladder["director"].requirements.order_by("id").first().competency
    client = client_as(viewer)
    url = f"/skills/{competency.slug}/"
    few, _ = count_queries(client, url)
    for _ in range(6):
        factories.RequirementFactory(competency=competency)
        factories.LearningResourceFactory(competencies=[competency])
    many, _ = count_queries(client, url)
    assert few == many


def test_unknown_competency_is_404(client_as, viewer):
    assert client_as(viewer).get("/skills/nope/").status_code == 404

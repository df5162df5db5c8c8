"""Side-by-side comparison of candidates: from an opening or a role plus chosen candidates;
matrix, radar chart, ranking, CSV."""

from __future__ import annotations

import csv
import io

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed_opening(opening):
    first, second = opening.candidates.order_by("id")
    first.name = "=HYPERLINK(evil)"  # a spreadsheet formula must arrive as text
    first.save()
    for req in opening.role.requirements.all():
        factories.AssessmentFactory(candidate=first, competency=req.competency, level=5)
        factories.AssessmentFactory(candidate=second, competency=req.competency, level=1)
    return opening


def test_opening_comparison_shows_ranking_matrix_and_radar_chart(
    client_as, recruiter, assessed_opening
):
    response = client_as(recruiter).get(f"/openings/{assessed_opening.pk}/compare/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Requirements × candidates" in body
    assert body.count('class="num cell met') == 3  # the first candidate meets all three
    assert 'class="num cell gap-2 essential-gap"' in body  # level 1 of 4 on the essential
    # One server-drawn radar chart: the dashed requirement and both candidates overlaid, with
    # the key table (the chart's accessible alternative) and no script.
    assert body.count('class="radar-svg"') == 1 and "<canvas" not in body
    assert "chart.umd.js" not in body and "radar.js" not in body
    chart = response.context["radar"]
    assert [axis.required for axis in chart.axes] == [
        row.requirement.required_level for row in response.context["comparison"].matrix
    ]
    assert [s.levels for s in chart.series] == [[5, 5, 5], [1, 1, 1]]
    assert body.count('<g class="series series-') == 2
    required = f'<polygon points="{chart.required_points}" class="series-required"/>'
    assert body.count(required) == 1
    assert body.count('class="num axis-number"') == 3
    assert "Showing the top" not in body


def test_comparison_csv(client_as, recruiter, assessed_opening):
    response = client_as(recruiter).get(f"/openings/{assessed_opening.pk}/compare.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, first, second = rows
    assert header[:8] == [
        "Rank",
        "Candidate",
        "Source",
        "Eligible",
        "Fit %",
        "Shortfall",
        "Years of experience",
        "Blocking reasons",
    ]
    assert header[8:10] == ["Status", "Requirements assessed"]
    assert len(header) == 10 + 3 and "(requires 4, essential)" in header[10]
    assert first[:6] == ["1", "'=HYPERLINK(evil)", "External", "yes", "100.0", "0"]
    assert first[8:10] == ["Eligible", "3 of 3 assessed"]
    assert second[0] == "2" and second[3] == "no" and "needs 4" in second[7]
    assert second[8:10] == ["Blocked", "3 of 3 assessed"]
    assert second[10:] == ["1", "1", "1"]


def test_comparison_access(client_as, outside_recruiter, viewer, assessed_opening):
    for suffix in ("compare/", "compare.csv"):
        url = f"/openings/{assessed_opening.pk}/{suffix}"
        assert client_as(outside_recruiter).get(url).status_code == 404
        assert client_as(viewer).get(url).status_code == 403


def test_compare_a_role_with_chosen_candidates(client_as, recruiter, assessed_opening):
    _first, second = assessed_opening.candidates.order_by("id")
    response = client_as(recruiter).get(
        "/compare/", {"role": assessed_opening.role.slug, "candidates": [second.pk]}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        second.name in body
        and "HYPERLINK" not in body.split("Requirements × candidates")[1].split("</table>")[0]
    )
    assert f"/compare.csv?role={assessed_opening.role.slug}&amp;candidates={second.pk}" in body
    csv_rows = list(
        csv.reader(
            io.StringIO(
                client_as(recruiter)
                .get(
                    "/compare.csv", {"role": assessed_opening.role.slug, "candidates": [second.pk]}
                )
                .content.decode("utf-8-sig")
            )
        )
    )
    assert len(csv_rows) == 2 and csv_rows[1][1] == second.name


def test_compare_refuses_candidates_the_user_cannot_see(
    client_as, outside_recruiter, assessed_opening
):
    hidden = assessed_opening.candidates.first()
    response = client_as(outside_recruiter).get(
        "/compare/", {"role": assessed_opening.role.slug, "candidates": [hidden.pk]}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert (
        client_as(outside_recruiter)
        .get("/compare.csv", {"role": assessed_opening.role.slug, "candidates": [hidden.pk]})
        .status_code
        == 400
    )


def test_compare_against_a_role_without_requirements(client_as, hr_user):
    role = factories.RoleFactory(slug="blank-role", title="Blank Role")
    candidate = factories.CandidateFactory()
    response = client_as(hr_user).get(
        "/compare/", {"role": role.slug, "candidates": [candidate.pk]}
    )
    assert response.status_code == 200
    assert "has no competency requirements" in response.content.decode()
    csv_response = client_as(hr_user).get(
        "/compare.csv", {"role": role.slug, "candidates": [candidate.pk]}
    )
    assert csv_response.status_code == 409


def test_opening_without_candidates_compares_to_an_empty_state(client_as, hr_user, director_role):
    opening = factories.OpeningFactory(role=director_role)
    body = client_as(hr_user).get(f"/openings/{opening.pk}/compare/").content.decode()
    assert "No candidates yet" in body


def test_comparison_query_count_does_not_grow(
    client_as, recruiter, count_queries, assessed_opening
):
    client = client_as(recruiter)
    url = f"/openings/{assessed_opening.pk}/compare/"
    few, _ = count_queries(client, url)
    competencies = [req.competency for req in assessed_opening.role.requirements.all()]
    for candidate in factories.CandidateFactory.create_batch(8):
        assessed_opening.candidates.add(candidate)
        for competency in competencies:
            factories.AssessmentFactory(candidate=candidate, competency=competency, level=3)
    many, _ = count_queries(client, url)
    assert few == many


def test_the_radar_chart_draws_the_top_five_and_says_so(client_as, recruiter, director_role):
    """Seven candidates compared: the chart overlays the first five of the ranking (the tables
    keep all seven) and says that it leaves two out."""
    opening = factories.OpeningFactory(
        role=director_role,
        hiring_team=[recruiter],
        candidates=factories.CandidateFactory.create_batch(7),
    )
    response = client_as(recruiter).get(f"/openings/{opening.pk}/compare/")
    body = response.content.decode()
    assert response.status_code == 200
    ranking = response.context["comparison"].ranking
    assert len(ranking) == 7
    chart = response.context["radar"]
    assert [s.name for s in chart.series] == [entry.candidate.name for entry in ranking[:5]]
    assert body.count('<g class="series series-') == 5
    assert "Showing the top 5 of 7 compared candidates" in body
    assert body.count('class="num cell') == 7 * 3  # the matrix still has everyone

"""The ranking endpoint reads stored scores a page at a time; comparisons take a shortlist."""

from __future__ import annotations

from candidates import selectors
from candidates.models import CandidateRoleScore
from tests import factories
from tests.api.conftest import BASE, assert_error


def _grow(opening, count: int) -> None:
    requirements = list(opening.role.requirements.all())
    for index in range(count):
        candidate = factories.CandidateFactory(years_experience=index % 8)
        opening.candidates.add(candidate)
        for level_offset, requirement in enumerate(requirements):
            factories.AssessmentFactory(
                candidate=candidate,
                competency=requirement.competency,
                level=(index + level_offset) % 6,
            )


def test_ranking_pages_continue_the_ranks_and_link_onwards(client_as, opening, director_role):
    _grow(opening, 7)
    url = f"{BASE}/roles/{director_role.slug}/ranking/?opening={opening.pk}&page_size=4"
    client = client_as("recruiter")

    first = client.get(url).json()
    second = client.get(first["next"]).json()

    assert first["count"] == second["count"] == 9
    assert [row["rank"] for row in first["results"]] == [1, 2, 3, 4]
    assert [row["rank"] for row in second["results"]] == [5, 6, 7, 8]
    assert first["previous"] is None and second["previous"]
    ranked = [row["candidate"] for row in first["results"] + second["results"]]
    everyone = selectors.rank_candidates_for_role(director_role, opening.candidates.all())
    assert ranked == [entry.candidate.pk for entry in everyone][:8]


def test_a_page_past_the_end_is_a_404_and_a_bad_page_size_a_400(client_as, opening, director_role):
    url = f"{BASE}/roles/{director_role.slug}/ranking/?opening={opening.pk}"
    client = client_as("recruiter")
    assert client.get(url + "&page=9").status_code == 404
    assert_error(client.get(url + "&page_size=0"), 400, "validation_error", field="page_size")


def test_a_score_whose_inputs_changed_reads_stale(client_as, opening, director_role):
    candidate = opening.candidates.first()
    CandidateRoleScore.objects.filter(candidate=candidate).update(input_version=5)

    rows = (
        client_as("recruiter")
        .get(f"{BASE}/roles/{director_role.slug}/ranking/?opening={opening.pk}")
        .json()["results"]
    )

    stale = {row["candidate"]: row["stale"] for row in rows}
    assert stale[candidate.pk] is True
    assert list(stale.values()).count(True) == 1


def test_ranking_an_opening_against_another_role_names_the_right_address(client_as, opening):
    other = factories.RoleFactory()
    factories.RequirementFactory(role=other)
    response = client_as("recruiter").get(
        f"{BASE}/roles/{other.slug}/ranking/?opening={opening.pk}"
    )
    assert_error(response, 400, "validation_error", field="opening", contains="/ranking/")


def test_comparing_an_opening_takes_its_top_candidates_and_says_so(client_as, opening):
    _grow(opening, 12)
    client = client_as("recruiter")

    default = client.post(f"{BASE}/comparisons/", {"opening": opening.pk}, format="json").json()
    three = client.post(
        f"{BASE}/comparisons/", {"opening": opening.pk, "top": 3}, format="json"
    ).json()

    assert (default["total"], default["truncated"], len(default["ranking"])) == (14, True, 10)
    everyone = selectors.rank_candidates_for_role(opening.role, opening.candidates.all())
    top_three = [entry.candidate.pk for entry in everyone[:3]]
    assert [row["candidate"] for row in three["ranking"]] == top_three
    assert all(len(row["cells"]) == 3 for row in three["matrix"])


def test_top_is_bounded_and_only_for_an_opening(client_as, opening, director_role):
    client = client_as("recruiter")
    too_many = client.post(
        f"{BASE}/comparisons/", {"opening": opening.pk, "top": 51}, format="json"
    )
    assert_error(too_many, 400, "validation_error", field="top")
    candidate = opening.candidates.first()
    stray = client.post(
        f"{BASE}/comparisons/",
        {"role": director_role.slug, "candidates": [candidate.pk], "top": 2},
        format="json",
    )
    assert_error(stray, 400, "validation_error", field="top")

"""The opening page ranks from stored scores a page at a time, says when scores are updating,
and its comparison is a shortlist."""

from __future__ import annotations

from django.urls import reverse

from candidates.models import CandidateRoleScore
from tests import factories


def _grow(opening, count: int) -> None:
    requirement = opening.role.requirements.first()
    for index in range(count):
        candidate = factories.CandidateFactory()
        opening.candidates.add(candidate)
        factories.AssessmentFactory(
            candidate=candidate, competency=requirement.competency, level=index % 6
        )


def test_the_opening_page_pages_its_ranking(client_as, recruiter, opening):
    _grow(opening, 28)  # 30 candidates: 25 on page one
    url = reverse("candidates:opening-detail", args=[opening.pk])
    client = client_as(recruiter)

    first = client.get(url)
    second = client.get(url + "?page=2")

    assert [entry.rank for entry in first.context["ranking"]] == list(range(1, 26))
    assert [entry.rank for entry in second.context["ranking"]] == list(range(26, 31))
    assert first.context["member_count"] == 30
    assert 'aria-label="Ranking pages"' in first.content.decode()


def test_the_opening_page_costs_the_same_queries_at_any_size(
    client_as, recruiter, opening, count_queries
):
    url = reverse("candidates:opening-detail", args=[opening.pk])
    client = client_as(recruiter)
    _grow(opening, 3)
    small, _ = count_queries(client, url)
    _grow(opening, 40)
    large, _ = count_queries(client, url)
    assert small == large


def test_updating_scores_are_marked_and_the_page_refreshes_itself(client_as, recruiter, opening):
    stale = opening.candidates.first()
    CandidateRoleScore.objects.filter(candidate=stale).update(input_version=7)

    page = client_as(recruiter).get(reverse("candidates:opening-detail", args=[opening.pk]))

    html = page.content.decode()
    assert "Scores are updating…" in html and "data-refresh-after" in html
    assert html.count("updating…</span>") == 1
    assert "0 of 3 assessed" in html


def test_current_scores_show_no_updating_notice(client_as, recruiter, opening):
    html = (
        client_as(recruiter)
        .get(reverse("candidates:opening-detail", args=[opening.pk]))
        .content.decode()
    )
    assert "Scores are updating" not in html and "data-refresh-after" not in html


def test_the_opening_comparison_is_its_top_ten_and_says_so(client_as, recruiter, opening):
    _grow(opening, 12)
    url = reverse("candidates:opening-compare", args=[opening.pk])

    page = client_as(recruiter).get(url)
    top_three = client_as(recruiter).get(url + "?top=3")

    assert len(page.context["comparison"].ranking) == 10
    assert "Showing the top 10 of 14 candidates" in page.content.decode()
    assert len(top_three.context["comparison"].ranking) == 3


def test_choosing_more_than_fifty_candidates_is_an_error_beside_the_field(
    client_as, hr_user, director_role
):
    people = factories.CandidateFactory.create_batch(51)
    query = "&".join(f"candidates={c.pk}" for c in people)
    page = client_as(hr_user).get(
        f"{reverse('candidates:compare')}?role={director_role.slug}&{query}"
    )
    assert page.status_code == 400
    assert "at most 50" in str(page.context["form"].errors["candidates"])


def test_the_summary_counts_the_whole_ranking_not_the_page(client_as, recruiter, opening):
    _grow(opening, 30)
    CandidateRoleScore.objects.filter(
        candidate__in=list(opening.candidates.order_by("pk")[:3])
    ).update(input_version=50)
    page = client_as(recruiter).get(reverse("candidates:opening-detail", args=[opening.pk]))

    scores = CandidateRoleScore.objects.filter(role=opening.role)
    summary = page.context["summary"]
    assert summary.eligible == scores.filter(eligible=True).count()
    assert summary.best_fit == max(score.fit for score in scores)
    assert summary.updating == page.context["updating"] == 3

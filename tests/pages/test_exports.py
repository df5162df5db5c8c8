"""Export pages: the comparison as CSV and Excel (opening and chosen candidates), the candidate
list as CSV and Excel with its filters, who may download what, and the links on the pages."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from candidates import services
from candidates.models import Candidate
from tests import factories

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = body_of(response)
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_rows(response, sheet: str) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment;")
    workbook = load_workbook(io.BytesIO(body_of(response)))
    return [list(row) for row in workbook[sheet].iter_rows(values_only=True)]


# --- Comparison ------------------------------------------------------------------------------


def test_opening_comparison_as_excel(client_as, recruiter, opening):
    response = client_as(recruiter).get(f"/openings/{opening.pk}/compare.xlsx")
    rows = xlsx_rows(response, "Ranking")
    assert f'filename="opening-{opening.pk}-comparison.xlsx"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    names = {c.name for c in opening.candidates.all()}
    assert rows[0][1] == "Candidate" and {row[1] for row in rows[1:]} == names


def test_chosen_candidates_comparison_as_excel(client_as, recruiter, opening):
    chosen = opening.candidates.order_by("id").last()
    response = client_as(recruiter).get(
        "/compare.xlsx", {"role": opening.role.slug, "candidates": [chosen.pk]}
    )
    rows = xlsx_rows(response, "Ranking")
    assert [row[1] for row in rows[1:]] == [chosen.name]


def test_chosen_comparison_files_refuse_a_bad_choice(client_as, outside_recruiter, opening):
    hidden = opening.candidates.first()
    for suffix in ("csv", "xlsx"):
        response = client_as(outside_recruiter).get(
            f"/compare.{suffix}", {"role": opening.role.slug, "candidates": [hidden.pk]}
        )
        assert response.status_code == 400
        assert client_as(outside_recruiter).get(f"/compare.{suffix}").status_code == 400


def test_comparison_excel_of_a_role_without_requirements_is_a_conflict(client_as, hr_user):
    role = factories.RoleFactory(slug="blank-role", title="Blank Role")
    candidate = factories.CandidateFactory()
    response = client_as(hr_user).get(
        "/compare.xlsx", {"role": role.slug, "candidates": [candidate.pk]}
    )
    assert response.status_code == 409
    assert "has no competency requirements" in response.content.decode()


def test_compare_page_links_every_export(client_as, recruiter, opening):
    body = client_as(recruiter).get(f"/openings/{opening.pk}/compare/").content.decode()
    assert f'href="/openings/{opening.pk}/compare.csv"' in body
    assert f'href="/openings/{opening.pk}/compare.xlsx"' in body
    assert f'action="/openings/{opening.pk}/report/"' in body and "PDF report" in body
    chosen = opening.candidates.first()
    body = (
        client_as(recruiter)
        .get("/compare/", {"role": opening.role.slug, "candidates": [chosen.pk]})
        .content.decode()
    )
    assert f"/compare.xlsx?role={opening.role.slug}&amp;candidates={chosen.pk}" in body
    assert "PDF report" not in body  # the report is an opening's


EXPORT_URLS = [
    "/openings/{pk}/compare.csv",
    "/openings/{pk}/compare.xlsx",
    "/candidates/export.csv",
    "/candidates/export.xlsx",
]


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_export_access(client_as, recruiter, outside_recruiter, viewer, opening, url):
    url = url.format(pk=opening.pk)
    assert client_as(recruiter).get(url).status_code == 200
    assert client_as(viewer).get(url).status_code == 403
    anonymous = client_as(None).get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    outsider = client_as(outside_recruiter).get(url)
    if "/openings/" in url:
        assert outsider.status_code == 404
    else:  # the outsider's own list: none of the opening's candidates
        assert outsider.status_code == 200
        content = body_of(outsider)
        for candidate in opening.candidates.all():
            assert candidate.name.encode() not in content


# --- The candidate list ----------------------------------------------------------------------


@pytest.fixture
def mixed_candidates(opening, recruiter):
    """The opening's two external candidates, an internal one on it, one the recruiter made,
    and one nobody shares with the recruiter."""
    internal = factories.CandidateFactory(
        name="Mai Internal", source=Candidate.Source.INTERNAL, current_role=opening.role
    )
    opening.candidates.add(internal)
    factories.AssessmentFactory.create_batch(2, candidate=internal)
    own = factories.CandidateFactory(name="Own Pick", created_by=recruiter)
    hidden = factories.CandidateFactory(name="Hidden Person")
    return {"internal": internal, "own": own, "hidden": hidden}


def test_candidate_csv_has_every_visible_candidate_and_the_columns(
    client_as, recruiter, opening, mixed_candidates
):
    response = client_as(recruiter).get("/candidates/export.csv")
    assert response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="candidates-')
    header, *rows = csv_rows(response)
    assert header == [
        "ID",
        "Name",
        "Email",
        "Source",
        "Current role",
        "Years of experience",
        "Assessments",
        "Notes",
        "Created at",
    ]
    visible = Candidate.objects.exclude(pk=mixed_candidates["hidden"].pk).order_by("name", "id")
    assert [row[1] for row in rows] == [c.name for c in visible]
    internal = next(row for row in rows if row[1] == "Mai Internal")
    assert internal[3:7] == ["Internal (employee)", opening.role.title, "5", "2"]


def test_candidate_exports_honour_the_filters(client_as, recruiter, mixed_candidates):
    client = client_as(recruiter)
    rows = csv_rows(client.get("/candidates/export.csv", {"source": "internal"}))
    assert [row[1] for row in rows[1:]] == ["Mai Internal"]
    rows = csv_rows(client.get("/candidates/export.csv", {"q": "own"}))
    assert [row[1] for row in rows[1:]] == ["Own Pick"]
    rows = xlsx_rows(
        client.get("/candidates/export.xlsx", {"q": "mai", "source": "internal"}), "Candidates"
    )
    assert [row[1] for row in rows[1:]] == ["Mai Internal"]
    assert rows[1][6] == 2 and isinstance(rows[1][0], int)
    assert csv_rows(client.get("/candidates/export.csv", {"q": "nobody"}))[1:] == []


def test_candidate_export_with_a_bad_filter_is_a_400(client_as, recruiter):
    response = client_as(recruiter).get("/candidates/export.csv", {"source": "martian"})
    assert response.status_code == 400
    assert "source" in response.content.decode()


def test_candidate_list_links_the_exports_with_its_filters(client_as, recruiter, mixed_candidates):
    body = (
        client_as(recruiter)
        .get("/candidates/", {"q": "mai", "source": "internal"})
        .content.decode()
    )
    assert 'href="/candidates/export.csv?q=mai&amp;source=internal"' in body
    assert 'href="/candidates/export.xlsx?q=mai&amp;source=internal"' in body
    body = client_as(recruiter).get("/candidates/").content.decode()
    assert 'href="/candidates/export.csv"' in body


def export_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        body_of(response)  # a streamed file reads the database while it is sent
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/candidates/export.csv", "/candidates/export.xlsx"])
def test_candidate_export_queries_do_not_grow_with_rows(client_as, hr_user, url):
    client = client_as(hr_user)
    for candidate in factories.CandidateFactory.create_batch(10):
        factories.AssessmentFactory(candidate=candidate)
    ten = export_queries(client, url)
    for candidate in factories.CandidateFactory.create_batch(30):
        factories.AssessmentFactory(candidate=candidate)
    forty = export_queries(client, url)
    assert ten == forty


# --- A large Excel export is a job -----------------------------------------------------------


@pytest.fixture
def small_inline_limit(monkeypatch):
    from candidates import services

    monkeypatch.setattr(services, "CANDIDATE_XLSX_INLINE_LIMIT", 1)


def test_over_the_limit_the_list_offers_a_background_excel_file(
    client_as, recruiter, mixed_candidates, small_inline_limit
):
    body = client_as(recruiter).get("/candidates/", {"source": "external"}).content.decode()
    assert 'action="/candidates/export.xlsx"' in body and "Prepare Excel file" in body
    assert 'name="source" value="external"' in body
    assert 'href="/candidates/export.xlsx' not in body


def test_over_the_limit_a_direct_excel_link_sends_back_to_the_list(
    client_as, recruiter, mixed_candidates, small_inline_limit
):
    response = client_as(recruiter).get("/candidates/export.xlsx", {"source": "external"})
    assert response.status_code == 302
    assert response["Location"] == "/candidates/?source=external"
    page = client_as(recruiter).get(response["Location"])
    assert "Prepare Excel file" in page.content.decode()


def test_the_background_excel_file_has_the_filtered_candidates(
    client_as,
    recruiter,
    mixed_candidates,
    small_inline_limit,
    django_capture_on_commit_callbacks,
):
    from jobs.models import Job

    client = client_as(recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/candidates/export.xlsx", {"q": "", "source": "external"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.state, job.created_by) == ("candidate_export", "succeeded", recruiter)
    visible_external = (
        Candidate.objects.filter(source="external")
        .exclude(pk=mixed_candidates["hidden"].pk)
        .order_by("name", "id")
    )
    assert job.progress_total == job.progress_done == visible_external.count()
    download = client.get(f"/jobs/{job.pk}/download/")
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    rows = list(workbook["Candidates"].iter_rows(values_only=True))
    assert [row[1] for row in rows[1:]] == [c.name for c in visible_external]


def test_the_background_export_rechecks_the_user(
    recruiter, mixed_candidates, django_capture_on_commit_callbacks
):
    from candidates import services

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.candidate_export_request(user=recruiter)
    recruiter.groups.clear()
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.state == "failed" and job.message == "You may no longer work with candidates."
    assert not job.file


def test_who_may_start_a_background_export(client_as, viewer, mixed_candidates):
    from jobs.models import Job

    assert client_as(viewer).post("/candidates/export.xlsx").status_code == 403
    assert client_as(None).post("/candidates/export.xlsx").status_code == 302
    assert not Job.objects.exists()


def test_csv_is_never_a_job(client_as, recruiter):
    assert client_as(recruiter).post("/candidates/export.csv").status_code == 405


def test_top_n_cuts_the_page_and_every_export_at_the_same_place(client_as, recruiter, opening):
    """``?top=N`` compares the first N of the ranking; the file links and the report keep it."""
    services.opening_update(
        opening=opening,
        candidates=[*opening.candidates.all(), *factories.CandidateFactory.create_batch(3)],
    )
    client = client_as(recruiter)
    page = client.get(f"/openings/{opening.pk}/compare/", {"top": 2})
    shown = [entry.candidate.name for entry in page.context["comparison"].ranking]
    assert len(shown) == 2
    body = page.content.decode()
    assert f'href="/openings/{opening.pk}/compare.csv?top=2"' in body
    assert f'href="/openings/{opening.pk}/compare.xlsx?top=2"' in body
    assert '<input type="hidden" name="top" value="2">' in body
    csv_names = [
        row[1] for row in csv_rows(client.get(f"/openings/{opening.pk}/compare.csv?top=2"))[1:]
    ]
    assert csv_names == shown
    sheet = xlsx_rows(client.get(f"/openings/{opening.pk}/compare.xlsx?top=2"), "Requirements")
    assert len(sheet[0]) == 5 + 2  # the requirement's columns, then the two candidates
    # Anything else is the default shortlist: here all five.
    everyone = client.get(f"/openings/{opening.pk}/compare.csv?top=nonsense")
    assert len(csv_rows(everyone)) == 1 + 5


def test_the_downloaded_comparison_csv_header_neutralises_a_formula_competency(
    client_as, recruiter, opening
):
    """Issue 9's check of the header row, end to end: a competency named like a formula
    arrives in the downloaded file as text (a leading apostrophe), in the header as in the
    body; nothing else in the header gains one."""
    evil = '=HYPERLINK("http://example.invalid","click")'
    requirement = opening.role.requirements.first()
    requirement.competency.name = evil
    requirement.competency.save()

    header, *rows = csv_rows(client_as(recruiter).get(f"/openings/{opening.pk}/compare.csv"))

    formula_cells = [cell for cell in header if cell.startswith(("=", "+", "-", "@"))]
    assert formula_cells == []
    assert any(cell.startswith("'" + evil) for cell in header), header
    assert header[:3] == ["Rank", "Candidate", "Source"]
    assert rows

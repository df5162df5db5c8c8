"""The export files themselves: CSV (BOM, header, every cell neutralised), XLSX (values typed,
no formula anywhere), the PDF report (a real PDF with the names, gaps and plans in it), and the
candidate list read in chunks at a constant number of queries per chunk."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from candidates import exports, selectors, services
from candidates.models import Candidate
from tests import factories

pytestmark = pytest.mark.django_db

EVIL_COMPETENCY = '=HYPERLINK("http://x")'
EVIL_NAME = "@SUM(1)"


@pytest.fixture
def evil_opening(opening):
    """The opening, with a competency and a candidate named like spreadsheet formulas."""
    requirement = opening.role.requirements.order_by("id").first()
    requirement.competency.name = EVIL_COMPETENCY
    requirement.competency.save()
    first, second = opening.candidates.order_by("id")
    first.name = EVIL_NAME
    first.save()
    for req in opening.role.requirements.all():
        factories.AssessmentFactory(candidate=first, competency=req.competency, level=5)
        factories.AssessmentFactory(candidate=second, competency=req.competency, level=1)
    return opening


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(1)", "\tx", "\rx", "\nx"])
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(value):
    assert exports.spreadsheet_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["a=b", "Linh Tran", "", 5, -3, 97.5, None])
def test_other_values_pass_unchanged(value):
    assert exports.spreadsheet_safe(value) == value


def test_comparison_csv_neutralises_header_and_body_cells(evil_opening):
    comparison = selectors.opening_comparison(evil_opening)
    header, first, second = csv_rows(exports.comparison_csv(comparison))
    assert header[:3] == ["Rank", "Candidate", "Source"]
    assert f"'{EVIL_COMPETENCY} (requires 4, essential)" in header
    assert first[:4] == ["1", f"'{EVIL_NAME}", "External", "yes"]
    assert second[0] == "2"
    for cell in [*header, *first, *second]:
        assert not cell.startswith(exports.FORMULA_PREFIXES), cell


def test_comparison_xlsx_holds_values_and_no_formula(evil_opening):
    comparison = selectors.opening_comparison(evil_opening)
    workbook = load_workbook(io.BytesIO(exports.comparison_xlsx(comparison)))
    assert workbook.sheetnames == ["Ranking", "Requirements"]
    ranking = [list(row) for row in workbook["Ranking"].iter_rows(values_only=True)]
    assert ranking[0][:5] == ["Rank", "Candidate", "Source", "Eligible", "Fit %"]
    assert f"'{EVIL_COMPETENCY} (requires 4, essential)" in ranking[0]
    assert ranking[1][:6] == [1, f"'{EVIL_NAME}", "External", "yes", 100.0, 0]
    assert ranking[2][-3:] == [1, 1, 1]  # the second candidate's levels, as numbers
    matrix = [list(row) for row in workbook["Requirements"].iter_rows(values_only=True)]
    assert matrix[0][5:] == [f"#1 {EVIL_NAME}", f"#2 {comparison.ranking[1].candidate.name}"]
    assert f"'{EVIL_COMPETENCY}" in [row[0] for row in matrix]
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


def test_an_xlsx_text_cell_is_a_string_even_if_the_rule_missed_it(monkeypatch):
    monkeypatch.setattr(exports, "spreadsheet_safe", lambda value: value)
    sheet = Workbook(write_only=True).create_sheet()
    cell = exports.xlsx_cell(sheet, "=1+1")
    assert cell.value == "=1+1" and cell.data_type == "s"


def internal_with_plan(opening):
    """Make the opening's first candidate internal, with a resource for their gap."""
    candidate = opening.candidates.order_by("id").first()
    candidate.source = Candidate.Source.INTERNAL
    candidate.save()
    gap = opening.role.requirements.order_by("id").first().competency
    factories.LearningResourceFactory(
        title="Negotiation for leaders", duration_weeks=7, competencies=[gap]
    )
    return candidate


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_report_has_the_ranking_matrix_gaps_and_plans(opening, hr_user):
    internal = internal_with_plan(opening)
    internal.name = "Tom <b>& Jerry</b>"  # markup must print as text, not break the layout
    internal.save()
    report = selectors.opening_report(opening, made_by=hr_user)
    text = pdf_text(exports.opening_report_pdf(report))
    for candidate in opening.candidates.all():
        assert candidate.name in text
    for heading in (
        "1. Ranking",
        "2. Requirements × candidates",
        "3. Gaps by candidate",
        "4. Development plans (internal candidates)",
    ):
        assert heading in text
    assert opening.title in text and opening.role.title in text
    assert "Negotiation for leaders" in text and "7 weeks in total" in text
    assert "Page 2 of" in text
    assert list(report.plans) == [internal.pk]  # external candidates get no plan


def test_the_pdf_report_of_an_opening_without_candidates(director_role, hr_user):
    opening = factories.OpeningFactory(role=director_role, title="Empty shortlist")
    text = pdf_text(exports.opening_report_pdf(selectors.opening_report(opening, made_by=hr_user)))
    assert "Empty shortlist" in text and "has no candidates" in text


def test_a_long_shortlist_splits_the_matrix_and_keeps_every_name(opening, hr_user):
    services.opening_update(
        opening=opening,
        candidates=[*opening.candidates.all(), *factories.CandidateFactory.create_batch(10)],
    )
    report = selectors.opening_report(opening, made_by=hr_user, top=12)
    content = exports.opening_report_pdf(report)
    text = pdf_text(content)
    assert "Candidates 9–12 (continued)" in text
    for candidate in opening.candidates.all():
        assert candidate.name in text


def candidate_file_rows(candidates, **kwargs) -> list[list]:
    return list(exports.candidate_rows(candidates, **kwargs))


def test_candidate_rows_have_the_columns_and_assessment_counts(opening):
    first, second = opening.candidates.order_by("id")
    factories.AssessmentFactory.create_batch(3, candidate=first)
    rows = candidate_file_rows(Candidate.objects.order_by("id"))
    assert [row[0] for row in rows] == [first.pk, second.pk]
    assert rows[0][1:4] == [first.name, first.email, "External"]
    assert rows[0][6] == 3 and rows[1][6] == 0
    assert rows[0][8].tzinfo is None  # local time, as a spreadsheet takes it


def test_candidate_rows_cost_one_query_plus_one_per_chunk(db):
    factories.CandidateFactory.create_batch(7)
    with CaptureQueriesContext(connection) as captured:
        rows = candidate_file_rows(Candidate.objects.order_by("id"), chunk_size=3)
    assert len(rows) == 7
    assert len(captured) == 1 + 3  # the candidates, and a grouped count per chunk of 3


def test_candidate_csv_is_bom_utf8_and_neutralised(db):
    factories.CandidateFactory(name="-Dash", notes="=cmd|' /C calc'!A0", email="a@example.com")
    content = b"".join(exports.candidate_csv_lines(Candidate.objects.all()))
    header, row = csv_rows(content)
    assert header == exports.CANDIDATE_HEADER
    assert row[1] == "'-Dash" and row[7] == "'=cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("Nguyễn Thị Phương Thảo", "Nguyen Thi Phuong Thao"),
        ("Đặng Văn Lâm", "Dang Van Lâm"),
        ("Zoë Müller — “quoted”", "Zoë Müller — “quoted”"),  # all in the built-in font
        ("3/5 (−2) ≥", "3/5 (−2) ≥"),  # ReportLab draws these from its Symbol font
        ("中", "?"),
    ],
)
def test_the_pdf_prints_letters_its_font_lacks_without_their_accents(text, printed):
    assert exports.printable(text) == printed


def test_a_vietnamese_name_reads_in_the_pdf(opening, hr_user):
    candidate = opening.candidates.first()
    candidate.name = "Nguyễn Thị Thảo"
    candidate.save()
    text = pdf_text(exports.opening_report_pdf(selectors.opening_report(opening, made_by=hr_user)))
    assert "Nguyen Thi Thao" in text

"""Files made from recruiting data: a comparison as CSV, Excel (XLSX) or a PDF report, and the
candidate list as CSV or Excel. Plain functions from selector results to bytes; views, API
endpoints and tasks decide who may ask and how the file is delivered.

Spreadsheets run what looks like a formula. A candidate named ``=HYPERLINK("http://x")`` or a
competency named ``@SUM(1)`` must arrive as text, in the header row as much as in the body, so
every cell of every CSV and XLSX goes through one rule, ``spreadsheet_safe``: text that starts
with a character a spreadsheet reads as the start of a formula (``= + - @``, tab, carriage
return, line feed) gets a leading apostrophe. XLSX text cells are also typed as strings, so the
workbook never holds a formula cell.

CSV files are UTF-8 with a byte-order mark, so Excel reads accented names correctly.

The PDF uses ReportLab's built-in Helvetica, which covers Western European text only
(Windows-1252): a Vietnamese name (ư, ơ, ạ …) needs a TrueType font with those glyphs embedded
(DejaVu Sans would do) shipped with the project. Until then ``printable`` strips the accents
such letters carry, so "Nguyễn" prints as "Nguyen" rather than as boxes.
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any
from xml.sax.saxutils import escape

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.rl_codecs import RL_Codecs
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from candidates.models import Candidate
from candidates.scoring import ELIGIBLE, FIT_STATUS_LABELS, NOT_ASSESSED, FitResult
from candidates.selectors import Comparison, DevelopmentPlan, OpeningReport, assessment_counts

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_CONTENT_TYPE = "application/pdf"
UTF8_BOM = "\ufeff"

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")

# Candidates are read from the database this many at a time, and their assessment counts are
# looked up in one grouped query per batch: memory and queries per row stay constant.
EXPORT_CHUNK_SIZE = 2000


# --- The one rule for spreadsheet cells ------------------------------------------------------


def spreadsheet_safe(value: Any) -> Any:
    """Text a spreadsheet would take for a formula gets a leading apostrophe, so it shows as
    text; numbers, dates and other text pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


# --- Comparison as rows ----------------------------------------------------------------------


def requirement_header(requirement: Any) -> str:
    essential = ", essential" if requirement.essential else ""
    return f"{requirement.competency_name} (requires {requirement.required_level}{essential})"


def comparison_header(comparison: Comparison) -> list[str]:
    return [
        "Rank",
        "Candidate",
        "Source",
        "Eligible",
        "Fit %",
        "Shortfall",
        "Years of experience",
        "Blocking reasons",
        "Status",
        "Requirements assessed",
        *[requirement_header(row.requirement) for row in comparison.matrix],
    ]


def comparison_rows(comparison: Comparison) -> Iterator[list[Any]]:
    """One row per candidate in ranking order: the ranking's columns, then the assessed level
    for each requirement (the header says which). Values keep their types (numbers stay
    numbers) for the spreadsheet; the CSV writes them as text."""
    for index, entry in enumerate(comparison.ranking):
        result = entry.result
        yield [
            entry.rank,
            entry.candidate.name,
            entry.candidate.get_source_display(),
            "yes" if result.eligible else "no",
            result.fit,
            result.shortfall,
            entry.candidate.years_experience,
            " ".join(reason.message for reason in result.reasons),
            FIT_STATUS_LABELS[result.status],
            str(result.coverage),
            *[row.cells[index].assessed_level for row in comparison.matrix],
        ]


# --- CSV -------------------------------------------------------------------------------------


class _Line:
    """A file-like target for ``csv.writer`` that hands back each line it is given."""

    def write(self, text: str) -> str:
        return text


def csv_lines(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """The CSV as UTF-8 lines, the first starting with the byte-order mark; every cell, header
    included, through ``spreadsheet_safe``. Lazy, so a response can stream it."""
    writer = csv.writer(_Line())
    yield (UTF8_BOM + writer.writerow([spreadsheet_safe(cell) for cell in header])).encode()
    for row in rows:
        yield writer.writerow([spreadsheet_safe(cell) for cell in row]).encode()


def comparison_csv(comparison: Comparison) -> bytes:
    return b"".join(csv_lines(comparison_header(comparison), comparison_rows(comparison)))


# --- XLSX ------------------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
_WRAP = Alignment(wrap_text=True, vertical="top")


def xlsx_value(value: Any) -> Any:
    """``value`` as a workbook takes it: text neutralised and without the characters XML cannot
    carry, a date-time in local time without its zone (Excel has none)."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", spreadsheet_safe(value))
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def xlsx_cell(sheet: WriteOnlyWorksheet, value: Any, *, header: bool = False) -> Any:
    """What to append for ``value``: the plain value where openpyxl stores it as data, and a
    cell typed as a string for text that still starts with ``=`` (openpyxl would store that as
    a formula: none is ever written, even if the neutralising rule missed one). Header cells
    are styled cells. Plain values keep a 100,000-row export several times faster."""
    value = xlsx_value(value)
    if not header and not (isinstance(value, str) and value.startswith("=")):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    if header:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP
    return cell


def _xlsx_sheet(
    workbook: Workbook,
    title: str,
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[int],
) -> None:
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([xlsx_cell(sheet, value, header=True) for value in header])
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])


def _workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def comparison_xlsx(comparison: Comparison) -> bytes:
    """Two sheets: "Ranking" (the CSV's columns) and "Requirements" (each requirement with its
    weight and required level, and every candidate's assessed level, in ranking order)."""
    workbook = Workbook(write_only=True)
    header = comparison_header(comparison)
    _xlsx_sheet(
        workbook,
        "Ranking",
        header,
        ([*row[:4], float(row[4]), *row[5:]] for row in comparison_rows(comparison)),
        [6, 28, 18, 9, 8, 10, 11, 48, 14, 20] + [16] * len(comparison.matrix),
    )
    names = [f"#{entry.rank} {entry.candidate.name}" for entry in comparison.ranking]
    _xlsx_sheet(
        workbook,
        "Requirements",
        ["Requirement", "Category", "Essential", "Weight", "Required level", *names],
        (
            [
                row.requirement.competency_name,
                row.requirement.category_name,
                "yes" if row.requirement.essential else "no",
                row.requirement.weight,
                row.requirement.required_level,
                *[cell.assessed_level for cell in row.cells],
            ]
            for row in comparison.matrix
        ),
        [36, 24, 10, 8, 10] + [18] * len(names),
    )
    return _workbook_bytes(workbook)


# --- The candidate list ----------------------------------------------------------------------

CANDIDATE_HEADER = [
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


def _batches(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


_CANDIDATE_COLUMNS = (
    "id",
    "name",
    "email",
    "source",
    "current_role__title",
    "years_experience",
    "notes",
    "created_at",
)


def candidate_rows(
    candidates: QuerySet[Candidate],
    *,
    chunk_size: int = EXPORT_CHUNK_SIZE,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[list[Any]]:
    """One row per candidate, in the queryset's order, read ``chunk_size`` at a time: one query
    for the candidates (a cursor, not a list in memory; plain tuples, no model instances) and
    one grouped count of assessments per chunk — never a join of assessments over the whole
    table. ``on_progress(rows so far)`` is called after each chunk."""
    sources = dict(Candidate.Source.choices)
    zone = timezone.get_current_timezone()
    rows = candidates.values_list(*_CANDIDATE_COLUMNS).iterator(chunk_size=chunk_size)
    done = 0
    for batch in _batches(rows, chunk_size):
        counts = assessment_counts(row[0] for row in batch)
        for pk, name, email, source, role, years, notes, created_at in batch:
            yield [
                pk,
                name,
                email,
                sources.get(source, source),
                role or "",
                years,
                counts.get(pk, 0),
                notes,
                created_at.astimezone(zone).replace(tzinfo=None, microsecond=0),
            ]
        done += len(batch)
        if on_progress is not None:
            on_progress(done)


def candidate_csv_lines(candidates: QuerySet[Candidate]) -> Iterator[bytes]:
    rows = ([*row[:-1], row[-1].isoformat(sep=" ")] for row in candidate_rows(candidates))
    return csv_lines(CANDIDATE_HEADER, rows)


def candidate_xlsx(
    candidates: QuerySet[Candidate], *, on_progress: Callable[[int], None] | None = None
) -> bytes:
    """The candidate list as a workbook, written in openpyxl's write-only mode (rows go
    straight to the file, so 100,000 candidates do not build a sheet in memory)."""
    workbook = Workbook(write_only=True)
    _xlsx_sheet(
        workbook,
        "Candidates",
        CANDIDATE_HEADER,
        candidate_rows(candidates, on_progress=on_progress),
        [8, 28, 32, 18, 28, 10, 12, 48, 20],
    )
    return _workbook_bytes(workbook)


# --- PDF report ------------------------------------------------------------------------------

INK = colors.HexColor("#1B2430")
PRIMARY = colors.HexColor("#1F3A5F")
MUTED = colors.HexColor("#5B6675")
RULE = colors.HexColor("#C9D2DE")
HEAD_FILL = colors.HexColor("#E8EEF5")
ZEBRA = colors.HexColor("#F6F8FB")
MET_FILL = colors.HexColor("#DCF2E3")
GAP1_FILL = colors.HexColor("#FDF0CF")
GAP2_FILL = colors.HexColor("#F9D9D6")
GOOD = colors.HexColor("#1E7A3F")
BAD = colors.HexColor("#B3261E")

PAGE = landscape(A4)
MARGIN = 16 * mm
MATRIX_CANDIDATES_PER_TABLE = 8
GLANCE_ROWS = 5  # candidates listed on the title page

_BASE = ParagraphStyle("base", fontName="Helvetica", fontSize=9, leading=11.5, textColor=INK)
STYLES = {
    "base": _BASE,
    "small": ParagraphStyle("small", parent=_BASE, fontSize=8, leading=10),
    "muted": ParagraphStyle("muted", parent=_BASE, fontSize=8, leading=10, textColor=MUTED),
    "cell": ParagraphStyle("cell", parent=_BASE, fontSize=8.5, leading=10.5),
    "cell_bold": ParagraphStyle("cell_bold", parent=_BASE, fontName="Helvetica-Bold"),
    "cell_num": ParagraphStyle("cell_num", parent=_BASE, fontSize=8.5, alignment=TA_RIGHT),
    "head": ParagraphStyle(
        "head", parent=_BASE, fontName="Helvetica-Bold", fontSize=8, leading=10, textColor=INK
    ),
    "head_num": ParagraphStyle(
        "head_num", parent=_BASE, fontName="Helvetica-Bold", fontSize=8, alignment=TA_RIGHT
    ),
    "kicker": ParagraphStyle(
        "kicker", parent=_BASE, fontName="Helvetica-Bold", fontSize=10, textColor=MUTED
    ),
    "title": ParagraphStyle(
        "title",
        parent=_BASE,
        fontName="Helvetica-Bold",
        fontSize=26,
        leading=31,
        textColor=PRIMARY,
        spaceAfter=4 * mm,
    ),
    "subtitle": ParagraphStyle(
        "subtitle", parent=_BASE, fontSize=14, leading=18, textColor=INK, spaceAfter=8 * mm
    ),
    "h1": ParagraphStyle(
        "h1",
        parent=_BASE,
        fontName="Helvetica-Bold",
        fontSize=16,
        leading=20,
        textColor=PRIMARY,
        spaceAfter=3 * mm,
    ),
    "h2": ParagraphStyle(
        "h2",
        parent=_BASE,
        fontName="Helvetica-Bold",
        fontSize=11,
        leading=14,
        spaceBefore=4 * mm,
        spaceAfter=1.5 * mm,
        keepWithNext=1,  # a heading never ends a page without its table
    ),
    "fact": ParagraphStyle("fact", parent=_BASE, fontSize=10, leading=13),
    "level": ParagraphStyle("level", parent=_BASE, fontSize=8.5, alignment=TA_CENTER),
    "level_bold": ParagraphStyle(
        "level_bold", parent=_BASE, fontName="Helvetica-Bold", fontSize=8.5, alignment=TA_CENTER
    ),
    "head_center": ParagraphStyle(
        "head_center", parent=_BASE, fontName="Helvetica-Bold", fontSize=8, alignment=TA_CENTER
    ),
}


RL_Codecs.register()  # ReportLab's own codecs for its built-in fonts
_FONT_ENCODINGS = ("winansi", "symbol", "zapfdingbats")


def printable(text: str) -> str:
    """``text`` in the letters the built-in fonts have (Windows-1252 and ReportLab's symbol
    fallbacks): a letter outside them loses its accents ("Nguyễn Thị Thảo" → "Nguyen Thi
    Thao") rather than print as a box."""
    if all(_in_font(char) for char in text):
        return text
    out = []
    for char in text:
        if _in_font(char):
            out.append(char)
            continue
        char = _NO_DECOMPOSITION.get(char, char)
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if _in_font(c))
        out.append(unicodedata.normalize("NFC", base) or "?")
    return "".join(out)


# Letters with a stroke have no decomposition to strip: Vietnamese Đ/đ.
_NO_DECOMPOSITION = {"Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Ħ": "H", "ħ": "h"}


def _in_font(char: str) -> bool:
    """Whether Helvetica, or the Symbol and ZapfDingbats fonts ReportLab falls back to for it,
    has a glyph for ``char``."""
    if unicodedata.combining(char):
        return False
    for encoding in _FONT_ENCODINGS:
        try:
            char.encode(encoding)
        except UnicodeEncodeError:
            continue
        return True
    return False


def _text(value: Any) -> str:
    """Untrusted text for a paragraph: printable, and escaped (paragraphs read markup)."""
    return escape(printable(str(value)))


def _p(text: Any, style: str = "cell") -> Paragraph:
    """A paragraph of untrusted text."""
    return Paragraph(_text(text), STYLES[style])


def _markup(markup: str, style: str = "base") -> Paragraph:
    """A paragraph whose markup is ours (every value inside already escaped)."""
    return Paragraph(markup, STYLES[style])


def _table(
    rows: list[list[Any]], widths: Sequence[float], extra: Sequence[tuple[Any, ...]] = ()
) -> Table:
    """A data table: a shaded header row repeated on every page, light rules, zebra rows."""
    table = Table(rows, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, PRIMARY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    style += [("BACKGROUND", (0, r), (-1, r), ZEBRA) for r in range(2, len(rows), 2)]
    table.setStyle(TableStyle([*style, *extra]))
    return table


def _verdict(result: FitResult) -> Paragraph:
    """The status in colour, and the coverage ("3 of 20 assessed") beneath it."""
    colours = {ELIGIBLE: GOOD, NOT_ASSESSED: MUTED}
    colour = colours.get(result.status, BAD)
    return _markup(
        f'<font color="{colour.hexval()}"><b>{FIT_STATUS_LABELS[result.status]}</b></font>'
        f"<br/>{result.coverage}",
        "cell",
    )


def _title_page(report: OpeningReport) -> list[Any]:
    opening, comparison = report.opening, report.comparison
    ranking = comparison.ranking
    eligible = [entry for entry in ranking if entry.result.eligible]
    made_at = timezone.localtime(report.made_at)
    facts = [
        ("Opening", opening.title),
        ("Role", f"{comparison.role.title} ({comparison.role.get_level_display()})"),
        ("Status", opening.get_status_display()),
        ("Candidates compared", str(len(ranking))),
        ("Eligible", f"{len(eligible)} of {len(ranking)}"),
        ("Requirements", str(len(comparison.matrix))),
        ("Prepared by", report.made_by),
        ("Prepared on", f"{made_at:%d %B %Y, %H:%M} ({made_at.tzname()})"),
    ]
    fact_rows = [[_p(label, "kicker"), _p(value, "fact")] for label, value in facts]
    facts_table = Table(fact_rows, colWidths=[44 * mm, 80 * mm], hAlign="LEFT")
    facts_table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    if ranking:
        top = ranking[0]
        summary = (
            f"Ranked first: <b>{_text(top.candidate.name)}</b>, fit {top.result.fit}%, "
            f"{'eligible' if top.result.eligible else 'not yet eligible'}, "
            f"{top.result.coverage}."
        )
    else:
        summary = "This opening has no candidates yet."
    glance: Any = Spacer(1, 1)
    if ranking:
        top_rows: list[list[Any]] = [
            [_p("#", "head"), _p("Candidate", "head"), _p("Fit %", "head_num"), _p("", "head")]
        ]
        top_rows += [
            [
                _p(entry.rank, "cell_bold"),
                _p(entry.candidate.name, "cell_bold"),
                _p(entry.result.fit, "cell_num"),
                _verdict(entry.result),
            ]
            for entry in ranking[:GLANCE_ROWS]
        ]
        shown = min(len(ranking), GLANCE_ROWS)
        glance = [
            _p(f"Top {shown} of {len(ranking)}" if len(ranking) > shown else "Ranking", "kicker"),
            Spacer(1, 2 * mm),
            _table(top_rows, [10 * mm, 66 * mm, 18 * mm, 30 * mm]),
        ]
    layout = Table([[facts_table, glance]], colWidths=[134 * mm, 130 * mm], hAlign="LEFT")
    layout.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [
        Spacer(1, 14 * mm),
        _p("CareerPath · candidate comparison report", "kicker"),
        Spacer(1, 3 * mm),
        _p(opening.title, "title"),
        _p(f"Candidates for {comparison.role.title}", "subtitle"),
        layout,
        Spacer(1, 8 * mm),
        _markup(summary),
        Spacer(1, 3 * mm),
        _markup(
            "Fit is the weighted share of each requirement's level a candidate reaches (levels "
            "above a requirement do not add). A candidate is eligible when every essential "
            "requirement is met and they have the role's minimum years of experience. "
            "The ranking puts eligible candidates first, then higher fit, then smaller "
            "shortfall (the total of levels missing).",
            "muted",
        ),
        PageBreak(),
    ]


def _ranking_section(comparison: Comparison) -> list[Any]:
    header = [
        _p("#", "head"),
        _p("Candidate", "head"),
        _p("Source", "head"),
        _p("Status", "head"),
        _p("Fit %", "head_num"),
        _p("Shortfall", "head_num"),
        _p("Blocking reasons", "head"),
    ]
    rows: list[list[Any]] = [header]
    for entry in comparison.ranking:
        result = entry.result
        reasons = "<br/>".join(_text(reason.message) for reason in result.reasons)
        rows.append(
            [
                _p(entry.rank, "cell_bold"),
                _p(entry.candidate.name, "cell_bold"),
                _p("Internal" if entry.candidate.is_internal else "External"),
                _verdict(result),
                _p(result.fit, "cell_num"),
                _p(result.shortfall, "cell_num"),
                _markup(reasons or "—", "cell"),
            ]
        )
    widths = [10 * mm, 54 * mm, 20 * mm, 30 * mm, 16 * mm, 18 * mm]
    widths.append(PAGE[0] - 2 * MARGIN - sum(widths))
    return [_p("1. Ranking", "h1"), _table(rows, widths)]


def _matrix_tables(comparison: Comparison) -> list[Any]:
    flowables: list[Any] = [
        PageBreak(),
        _p("2. Requirements × candidates", "h1"),
        _markup(
            "Each cell: the candidate's assessed level / the required level. "
            '<font backColor="#DCF2E3">&nbsp;meets&nbsp;</font> '
            '<font backColor="#FDF0CF">&nbsp;1 level short&nbsp;</font> '
            '<font backColor="#F9D9D6">&nbsp;2 or more short&nbsp;</font> · '
            "<b>bold</b>: an essential requirement not met.",
            "muted",
        ),
        Spacer(1, 3 * mm),
    ]
    ranking = comparison.ranking
    usable = PAGE[0] - 2 * MARGIN
    for start in range(0, len(ranking), MATRIX_CANDIDATES_PER_TABLE):
        group = list(range(start, min(start + MATRIX_CANDIDATES_PER_TABLE, len(ranking))))
        if start:
            flowables.append(CondPageBreak(60 * mm))
            flowables.append(_p(f"Candidates {start + 1}–{group[-1] + 1} (continued)", "h2"))
        header = [_p("Requirement", "head"), _p("Required", "head_center")] + [
            _markup(
                f"#{ranking[i].rank} {_text(ranking[i].candidate.name)}"
                f'<br/><font color="{MUTED.hexval()}">{ranking[i].result.fit}%</font>',
                "head_center",
            )
            for i in group
        ]
        rows: list[list[Any]] = [header]
        extra: list[tuple[Any, ...]] = []
        for r, row in enumerate(comparison.matrix, start=1):
            requirement = row.requirement
            label = _text(requirement.competency_name)
            if requirement.essential:
                label += f' <font color="{BAD.hexval()}" size="7"><b>ESSENTIAL</b></font>'
            label += (
                f'<br/><font color="{MUTED.hexval()}" size="7">'
                f"{_text(requirement.category_name)} · weight {requirement.weight}</font>"
            )
            cells: list[Any] = [_markup(label, "cell"), _p(requirement.required_level, "level")]
            for c, index in enumerate(group, start=2):
                cell = row.cells[index]
                style = "level"
                if cell.met:
                    fill = MET_FILL
                else:
                    fill = GAP1_FILL if cell.gap == 1 else GAP2_FILL
                    if requirement.essential:
                        style = "level_bold"
                extra.append(("BACKGROUND", (c, r), (c, r), fill))
                note = f" (−{cell.gap})" if cell.gap else ""
                cells.append(_p(f"{cell.assessed_level}/{cell.required_level}{note}", style))
            rows.append(cells)
        name_width = 70 * mm
        required_width = 18 * mm
        per_candidate = (usable - name_width - required_width) / MATRIX_CANDIDATES_PER_TABLE
        widths = [name_width, required_width] + [per_candidate] * len(group)
        table = _table(rows, widths, extra)
        flowables.append(table)
    return flowables


def _gaps_section(comparison: Comparison) -> list[Any]:
    flowables: list[Any] = [PageBreak(), _p("3. Gaps by candidate", "h1")]
    for entry in comparison.ranking:
        result = entry.result
        heading = _p(
            f"#{entry.rank} {entry.candidate.name} — fit {result.fit}%, "
            f"shortfall {result.shortfall}",
            "h2",
        )
        if not result.gaps:
            flowables.append(
                KeepTogether([heading, _p("Meets every requirement of the role.", "muted")])
            )
            continue
        rows: list[list[Any]] = [
            [
                _p("Competency", "head"),
                _p("Category", "head"),
                _p("Essential", "head"),
                _p("Required", "head_num"),
                _p("Assessed", "head_num"),
                _p("Short by", "head_num"),
            ]
        ]
        for gap in result.gaps:
            requirement = gap.requirement
            assessed = str(gap.assessed_level) if gap.assessed else "0 (not assessed)"
            rows.append(
                [
                    _p(requirement.competency_name, "cell_bold"),
                    _p(requirement.category_name),
                    _p("yes" if requirement.essential else "no"),
                    _p(requirement.required_level, "cell_num"),
                    _p(assessed, "cell_num"),
                    _p(gap.gap, "cell_num"),
                ]
            )
        widths = [80 * mm, 60 * mm, 22 * mm, 22 * mm, 30 * mm, 22 * mm]
        flowables += [heading, _table(rows, widths)]
    return flowables


def _plan_block(entry_rank: int, plan: DevelopmentPlan) -> list[Any]:
    candidate = plan.candidate
    heading = _p(f"#{entry_rank} {candidate.name}", "h2")
    if not plan.gaps:
        return [KeepTogether([heading, _p("No gaps: no development needed.", "muted")])]
    names = {row.requirement.competency_slug: row.requirement.competency_name for row in plan.gaps}
    weeks = f"{plan.total_weeks} week{'s' if plan.total_weeks != 1 else ''}"
    count = len(plan.resources)
    summary = (
        f"{count} learning resource{'s' if count != 1 else ''}, {weeks} in total: the "
        "shortest set that develops every gap a resource covers."
        if plan.resources
        else "No learning resource develops these gaps."
    )
    block: list[Any] = [heading, _p(summary, "base"), Spacer(1, 1.5 * mm)]
    if plan.resources:
        rows: list[list[Any]] = [
            [
                _p("Resource", "head"),
                _p("Kind", "head"),
                _p("Provider", "head"),
                _p("Weeks", "head_num"),
                _p("Develops", "head"),
            ]
        ]
        for resource in plan.resources:
            develops = ", ".join(names.get(s, s) for s in plan.covered.get(resource.slug, []))
            rows.append(
                [
                    _p(resource.title, "cell_bold"),
                    _p(resource.get_kind_display()),
                    _p(resource.provider or "—"),
                    _p(resource.duration_weeks, "cell_num"),
                    _p(develops),
                ]
            )
        widths = [72 * mm, 26 * mm, 46 * mm, 16 * mm]
        widths.append(PAGE[0] - 2 * MARGIN - sum(widths))
        block.append(_table(rows, widths))
    if plan.uncovered:
        uncovered = ", ".join(_text(row.requirement.competency_name) for row in plan.uncovered)
        block += [
            Spacer(1, 1.5 * mm),
            _markup(f"<b>Not covered by any resource:</b> {uncovered}.", "small"),
        ]
    return block


def _plans_section(report: OpeningReport) -> list[Any]:
    flowables: list[Any] = [PageBreak(), _p("4. Development plans (internal candidates)", "h1")]
    internal = [entry for entry in report.comparison.ranking if entry.candidate.pk in report.plans]
    if not internal:
        flowables.append(_p("No internal candidate is on this opening.", "muted"))
    for entry in internal:
        flowables += _plan_block(entry.rank, report.plans[entry.candidate.pk])
    return flowables


def _page_decorations(title: str) -> type[Canvas]:
    """A canvas that writes a running header and "page N of M" on every page but the first
    (M is known only once every page is laid out, so pages are kept until the end)."""

    class ReportCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                if number > 1:
                    self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            width, height = PAGE
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, height - MARGIN + 4 * mm, width - MARGIN, height - MARGIN + 4 * mm)
            self.line(MARGIN, MARGIN - 5 * mm, width - MARGIN, MARGIN - 5 * mm)
            self.setFillColor(MUTED)
            self.setFont("Helvetica", 7.5)
            self.drawString(MARGIN, height - MARGIN + 6 * mm, printable(title)[:120])
            self.drawRightString(
                width - MARGIN, height - MARGIN + 6 * mm, "Confidential: for the hiring decision"
            )
            self.drawString(MARGIN, MARGIN - 9 * mm, "CareerPath")
            self.drawRightString(width - MARGIN, MARGIN - 9 * mm, f"Page {number} of {total}")
            self.restoreState()

    return ReportCanvas


def opening_report_pdf(report: OpeningReport) -> bytes:
    """The report a recruiter hands to the CCO: facts, ranking, the requirement × candidate
    matrix, each candidate's gaps, and internal candidates' development plans."""
    buffer = io.BytesIO()
    title = f"{report.opening.title} · {report.comparison.role.title} · comparison report"
    document = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 2 * mm,
        bottomMargin=MARGIN,
        title=title,
        author=report.made_by,
        subject="Candidate comparison",
        creator="CareerPath",
    )
    story = _title_page(report)
    if report.comparison.ranking:
        story += _ranking_section(report.comparison)
        story += _matrix_tables(report.comparison)
        story += _gaps_section(report.comparison)
        story += _plans_section(report)
    else:
        story.append(_p("There is nothing to compare: the opening has no candidates.", "base"))
    document.build(story, canvasmaker=_page_decorations(title))
    return buffer.getvalue()

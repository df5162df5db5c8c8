"""Bulk import of candidates and their assessments from a CSV or XLSX file: reading the file,
checking every row, and the per-role templates.

The layout (also on the import page and in the README): one header row, then one row per
candidate.

* ``name``, ``email``, ``source`` (``internal``/``external``), ``years_experience`` — required;
* ``current_role`` (a role slug), ``notes`` — optional columns; a blank cell leaves an existing
  candidate's value as it is;
* ``assessed_at`` — optional, ``YYYY-MM-DD``, the date of that row's assessments (default today);
* any other column is a competency **slug** holding a level 0..5, or blank (not assessed in this
  file).

Nothing is written here. ``read_table`` turns the file into text cells; ``validate_table``
checks every row against the models' own rules (``full_clean`` and the fields' validators, not
restated here) and the caller's access, and returns either the rows ready to write or every
problem with its row number and column. ``candidates.services.candidate_import_run`` writes.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils import timezone

from candidates.models import Assessment, Candidate
from candidates.selectors import candidates_visible_to
from careerpath.access import UserLike
from careerpath.text_checks import normalized_text, text_problem
from roles.models import Role
from roles.selectors import requirements_queryset
from skills.models import Competency

REQUIRED_COLUMNS = ("name", "email", "source", "years_experience")
OPTIONAL_COLUMNS = ("current_role", "notes")
DATE_COLUMN = "assessed_at"
BASE_COLUMNS = (*REQUIRED_COLUMNS[:3], "current_role", "years_experience", "notes")
MULTILINE_COLUMNS = frozenset({"notes"})
DATE_FORMAT = "%Y-%m-%d"

# The columns a row's Candidate is checked on; the role (a foreign key) is looked up here
# instead, so full_clean() does not query the database once per row.
_CANDIDATE_CHECK_EXCLUDE = ["current_role", "created_by"]
LOOKUP_CHUNK = 1000  # ids or emails per IN (...) query, well under every database's limit
PROGRESS_EVERY = 500
MAX_COLUMNS = 500
MAX_ERRORS_SHOWN = 200

FORMAT_CSV = "csv"
FORMAT_XLSX = "xlsx"
FORMATS = (FORMAT_CSV, FORMAT_XLSX)
_XLSX_MAGIC = b"PK\x03\x04"

NOT_UTF8 = (
    "The file is not UTF-8 text: in your spreadsheet choose “CSV UTF-8” when saving "
    "(or upload the .xlsx workbook itself)."
)
FORMULA_REFUSED = "Formulas are not accepted: type the value itself."
NOT_VISIBLE = "A candidate with this email exists and is not visible to you."


@dataclass(frozen=True)
class RowError:
    """One problem: the row number as a spreadsheet shows it (the header is row 1; None for the
    whole file), the column's header name ("" when not about one column) and what is wrong."""

    row: int | None
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


class ImportFileError(Exception):
    """The file as a whole cannot be imported (empty, not UTF-8, not a workbook, too many
    rows); ``message`` says why in words for the person who uploaded it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """A file's cells as text. ``formula_cells`` holds the (row, column index) of each cell
    that was a formula (its text is blanked)."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    formula_cells: set[tuple[int, int]] = field(default_factory=set)


@dataclass
class ImportRow:
    """One checked row, ready to write."""

    row: int
    email_key: str  # the email in lowercase: candidates are matched on it
    fields: dict[str, Any]  # Candidate fields to set (blank optional cells left out)
    levels: dict[int, int]  # competency id → level
    assessed_at: datetime.date
    existing_id: int | None


@dataclass
class ValidatedImport:
    rows: list[ImportRow]
    errors: list[RowError]
    competency_columns: dict[str, int]  # slug → competency id


# --- The upload -----------------------------------------------------------------------------


def upload_format(file_name: str, content: bytes) -> str:
    """``"csv"`` or ``"xlsx"`` for an acceptable upload; ``ValidationError`` (for the ``file``
    field) for an empty, oversized, unknown or mislabelled one, or a CSV that is not UTF-8."""
    if not content:
        raise ValidationError({"file": "The file is empty."})
    limit = settings.IMPORT_MAX_BYTES
    if len(content) > limit:
        raise ValidationError({"file": f"The file is over the limit of {_megabytes(limit)}."})
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if extension not in FORMATS:
        raise ValidationError({"file": "Upload a .csv or .xlsx file."})
    looks_zipped = content.startswith(_XLSX_MAGIC)
    if extension == FORMAT_XLSX and not looks_zipped:
        raise ValidationError({"file": "This is not an XLSX workbook (check the file type)."})
    if extension == FORMAT_CSV:
        if looks_zipped or b"\x00" in content[:4096]:
            raise ValidationError({"file": "This is a binary file, not CSV text."})
        try:
            content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError({"file": NOT_UTF8}) from None
    return extension


def read_upload(upload: Any) -> bytes:
    """An uploaded file's bytes — or, past the import limit, just enough to say it is too
    large (a huge file is never read into memory)."""
    limit = settings.IMPORT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        return bytes(upload.read(limit + 1))
    return bytes(upload.read())


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"


# --- Reading --------------------------------------------------------------------------------


def read_table(file_name: str, content: bytes) -> Table:
    """The file's cells as text. Raises ``ImportFileError`` for a file that cannot be read."""
    try:
        kind = upload_format(file_name, content)
    except ValidationError as error:
        raise ImportFileError(error.message_dict["file"][0]) from None
    rows = _csv_rows(content) if kind == FORMAT_CSV else _xlsx_rows(content)
    table: Table | None = None
    max_rows = settings.IMPORT_MAX_ROWS
    for number, cells, formulas in rows:
        if table is None:
            table = Table(header=[cell.strip() for cell in cells], rows=[])
            table.formula_cells.update((number, index) for index in formulas)
            if len(table.header) > MAX_COLUMNS:
                raise ImportFileError(f"The file has more than {MAX_COLUMNS} columns.")
            continue
        if not any(cell.strip() for cell in cells) and not formulas:
            continue  # blank lines between rows are not rows
        if len(table.rows) >= max_rows:
            raise ImportFileError(
                f"The file has more than {max_rows:,} rows; split it into several files."
            )
        table.rows.append((number, cells))
        table.formula_cells.update((number, index) for index in formulas)
    if table is None or not any(table.header):
        raise ImportFileError("The file is empty: it needs a header row and one row a candidate.")
    return table


RowStream = Iterator[tuple[int, list[str], list[int]]]


def _csv_rows(content: bytes) -> RowStream:
    try:
        text = content.decode("utf-8-sig")  # with or without the byte order mark
    except UnicodeDecodeError:
        raise ImportFileError(NOT_UTF8) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        # Numbered by record, as a spreadsheet numbers rows (a quoted line break stays in its
        # cell), so the numbers in errors match what the person sees.
        for number, cells in enumerate(reader, start=1):
            formulas = [i for i, cell in enumerate(cells) if cell.lstrip().startswith("=")]
            texts = [("" if i in formulas else cell) for i, cell in enumerate(cells)]
            yield number, texts, formulas
    except csv.Error as error:
        raise ImportFileError(f"The CSV cannot be read: {error}.") from None


def _xlsx_rows(content: bytes) -> RowStream:
    import openpyxl  # a large import, needed only here

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise ImportFileError(f"The workbook cannot be read ({type(error).__name__}).") from None
    except Exception:  # openpyxl raises its own classes for many kinds of damage
        raise ImportFileError("The workbook cannot be read; is it a real .xlsx file?") from None
    try:
        if not workbook.worksheets:
            raise ImportFileError("The workbook has no sheet.")
        sheet = workbook.worksheets[0]  # the first sheet holds the rows (the template's does)
        for number, row in enumerate(sheet.iter_rows(), start=1):
            cells: list[str] = []
            formulas: list[int] = []
            for index, cell in enumerate(row):
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f" or (
                    isinstance(value, str) and value.lstrip().startswith("=")
                ):
                    formulas.append(index)
                    cells.append("")
                else:
                    cells.append(_cell_text(value))
            yield number, cells, formulas
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    """A workbook cell as the text a person would type in the CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


# --- Checking -------------------------------------------------------------------------------


def _chunks(values: list[Any], size: int = LOOKUP_CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _header_problems(table: Table) -> tuple[list[RowError], dict[str, int], dict[str, int]]:
    """Errors in the header row; the column index of each name; competency slug → id."""
    errors: list[RowError] = []
    names = [name.lower() for name in table.header]
    index: dict[str, int] = {}
    for position, name in enumerate(names):
        if (1, position) in table.formula_cells:
            errors.append(RowError(1, f"column {position + 1}", FORMULA_REFUSED))
        elif not name:
            if any(position < len(cells) and cells[position].strip() for _, cells in table.rows):
                errors.append(
                    RowError(1, f"column {position + 1}", "This column has values but no name.")
                )
        elif name in index:
            errors.append(RowError(1, name, "This column appears more than once."))
        else:
            index[name] = position
    for name in REQUIRED_COLUMNS:
        if name not in index:
            errors.append(RowError(1, name, "This required column is missing."))
    known = set(BASE_COLUMNS) | {DATE_COLUMN}
    slugs = [name for name in index if name not in known]
    competencies = dict(
        Competency.objects.filter(slug__in=slugs).values_list("slug", "id") if slugs else []
    )
    for name in slugs:
        if name not in competencies:
            errors.append(
                RowError(
                    1,
                    name,
                    "Unknown column: neither one of the documented columns nor a competency slug.",
                )
            )
    return errors, index, competencies


def validate_table(
    table: Table,
    *,
    user: UserLike,
    today: datetime.date | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> ValidatedImport:
    """Check every row; the rows are ready to write only when ``errors`` is empty."""
    header_errors, index, competencies = _header_problems(table)
    if header_errors:
        return ValidatedImport([], header_errors, competencies)
    if not table.rows:
        return ValidatedImport(
            [], [RowError(None, "", "The file has a header but no candidate rows.")], competencies
        )
    checker = _RowChecker(table, index, competencies, user=user, today=today)
    rows: list[ImportRow] = []
    for done, (number, cells) in enumerate(table.rows, start=1):
        checked = checker.check(number, cells)
        if checked is not None:
            rows.append(checked)
        if on_progress is not None and done % PROGRESS_EVERY == 0:
            on_progress(done)
    return ValidatedImport(rows, checker.errors, competencies)


class _RowChecker:
    """Per-row checks, with every database lookup done once, up front, for the whole file."""

    def __init__(
        self,
        table: Table,
        index: dict[str, int],
        competencies: dict[str, int],
        *,
        user: UserLike,
        today: datetime.date | None,
    ) -> None:
        self.table = table
        self.index = index
        self.columns = {position: name for name, position in index.items()}
        self.competencies = competencies
        self.today = today or timezone.localdate()
        self.errors: list[RowError] = []
        self.first_row_of_email: dict[str, int] = {}
        self._dates: dict[str, datetime.date | str] = {}
        self._levels: dict[str, int | str] = {}
        self._level_field = Assessment._meta.get_field("level")
        self.roles = self._roles_named()
        self.existing, self.visible = self._existing_candidates(user)

    def _cell(self, cells: list[str], name: str) -> str:
        position = self.index.get(name)
        if position is None or position >= len(cells):
            return ""
        return cells[position].strip()

    def _roles_named(self) -> dict[str, Role]:
        slugs = {self._cell(cells, "current_role") for _, cells in self.table.rows} - {""}
        return {role.slug: role for role in Role.objects.filter(slug__in=slugs)} if slugs else {}

    def _existing_candidates(self, user: UserLike) -> tuple[dict[str, int], set[int]]:
        """email (lowercase) → id of the candidates the file names, and those the user sees."""
        emails = sorted({self._cell(cells, "email").lower() for _, cells in self.table.rows} - {""})
        existing: dict[str, int] = {}
        for chunk in _chunks(emails):
            existing.update(
                Candidate.objects.annotate(email_key=Lower("email"))
                .filter(email_key__in=chunk)
                .values_list("email_key", "id")
            )
        visible: set[int] = set()
        for chunk in _chunks(sorted(existing.values())):
            visible.update(
                candidates_visible_to(user).filter(pk__in=chunk).values_list("id", flat=True)
            )
        return existing, visible

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message))

    def check(self, number: int, cells: list[str]) -> ImportRow | None:
        before = len(self.errors)
        for position, cell in enumerate(cells):
            name = self.columns.get(position)
            if (number, position) in self.table.formula_cells:
                self.error(number, name or f"column {position + 1}", FORMULA_REFUSED)
                continue
            if name is None:
                if cell.strip():
                    self.error(number, f"column {position + 1}", "A value under no column name.")
                continue
            problem = text_problem(cell, multiline=name in MULTILINE_COLUMNS)
            if problem:
                self.error(number, name, problem)
        if len(self.errors) > before:
            return None  # the other checks would only repeat these problems

        fields = self._candidate_fields(number, cells)
        assessed_at = self._assessed_at(number, cells)
        levels = self._levels_of(number, cells)
        if len(self.errors) > before or fields is None or assessed_at is None:
            return None
        email_key = fields["email"].lower()
        return ImportRow(
            row=number,
            email_key=email_key,
            fields=fields,
            levels=levels,
            assessed_at=assessed_at,
            existing_id=self.existing.get(email_key),
        )

    def _candidate_fields(self, number: int, cells: list[str]) -> dict[str, Any] | None:
        values = {name: self._cell(cells, name) for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)}
        ok = True
        for name in REQUIRED_COLUMNS:
            if not values[name]:
                self.error(number, name, "This field is required.")
                ok = False
        years: int | None = None
        if values["years_experience"]:
            try:
                years = int(values["years_experience"])
            except ValueError:
                self.error(number, "years_experience", "Enter a whole number of years.")
                ok = False
        role: Role | None = None
        if values["current_role"]:
            role = self.roles.get(values["current_role"])
            if role is None:
                self.error(number, "current_role", "No role has this slug.")
                ok = False
        if not ok:
            return None
        fields: dict[str, Any] = {
            "name": normalized_text(values["name"]),
            "email": values["email"],
            "source": values["source"].lower(),
            "years_experience": years,
        }
        if role is not None:
            fields["current_role"] = role
        if values["notes"]:
            fields["notes"] = normalized_text(values["notes"], multiline=True)
        # The model's own field rules (lengths, email format, source choices, years range).
        candidate = Candidate(**{k: v for k, v in fields.items() if k != "current_role"})
        try:
            candidate.full_clean(
                exclude=_CANDIDATE_CHECK_EXCLUDE, validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.error(number, name, message)
            return None

        email_key = fields["email"].lower()
        first = self.first_row_of_email.setdefault(email_key, number)
        if first != number:
            self.error(number, "email", f"This email is already on row {first} of the file.")
            return None
        existing = self.existing.get(email_key)
        if existing is not None and existing not in self.visible:
            self.error(number, "email", NOT_VISIBLE)
            return None
        return fields

    def _assessed_at(self, number: int, cells: list[str]) -> datetime.date | None:
        text = self._cell(cells, DATE_COLUMN)
        if not text:
            return self.today
        if text not in self._dates:
            self._dates[text] = _checked_date(text)
        value = self._dates[text]
        if isinstance(value, str):
            self.error(number, DATE_COLUMN, value)
            return None
        return value

    def _levels_of(self, number: int, cells: list[str]) -> dict[int, int]:
        levels: dict[int, int] = {}
        for slug, competency_id in self.competencies.items():
            text = self._cell(cells, slug)
            if not text:
                continue  # not assessed in this file
            if text not in self._levels:
                self._levels[text] = self._checked_level(text)
            value = self._levels[text]
            if isinstance(value, str):
                self.error(number, slug, value)
            else:
                levels[competency_id] = value
        return levels

    def _checked_level(self, text: str) -> int | str:
        """The level, or the message saying why it is not one (the model field's validators)."""
        try:
            level = int(text)
        except ValueError:
            return "Enter a level as a whole number from 0 to 5 (or leave it blank)."
        try:
            self._level_field.run_validators(level)
        except ValidationError as error:
            return " ".join(error.messages)
        return level


def _checked_date(text: str) -> datetime.date | str:
    """The date, or why it is not acceptable (the format, then the Assessment model's rule)."""
    try:
        value = datetime.datetime.strptime(text, DATE_FORMAT).date()
    except ValueError:
        return "Enter a date as YYYY-MM-DD, e.g. 2026-03-31."
    try:
        Assessment(assessed_at=value).clean()
    except ValidationError as error:
        return " ".join(error.message_dict.get("assessed_at", error.messages))
    return value


def capped_errors(errors: Iterable[RowError]) -> dict[str, Any]:
    """The errors for a job's result: at most ``MAX_ERRORS_SHOWN``, and how many more."""
    listed = list(errors)
    return {
        "errors": [error.as_dict() for error in listed[:MAX_ERRORS_SHOWN]],
        "errors_not_shown": max(0, len(listed) - MAX_ERRORS_SHOWN),
    }


# --- Templates ------------------------------------------------------------------------------


def template_columns(role: Role) -> tuple[list[str], list[tuple[str, str, str, int, bool]]]:
    """The header for ``role``'s template and, per requirement, (slug, name, category, level,
    essential)."""
    requirements = [
        (
            req.competency.slug,
            req.competency.name,
            req.competency.category.name,
            req.required_level,
            req.essential,
        )
        for req in requirements_queryset().filter(role=role)
    ]
    header = [*BASE_COLUMNS, DATE_COLUMN, *(slug for slug, *_ in requirements)]
    return header, requirements


def template_csv(role: Role) -> bytes:
    """A header-only CSV for ``role`` (with a byte order mark, so spreadsheets read UTF-8)."""
    header, _ = template_columns(role)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(header)
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(role: Role) -> bytes:
    """A workbook for ``role``: the "Candidates" sheet with the header, and a "Columns" sheet
    saying what each column holds (each competency's name and the role's required level)."""
    import openpyxl
    from openpyxl.styles import Font

    header, requirements = template_columns(role)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Candidates"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"

    about = workbook.create_sheet("Columns")
    about.append(["column", "what it holds", "category", f"required for {role.title}", "essential"])
    for cell in about[1]:
        cell.font = Font(bold=True)
    for name, meaning in COLUMN_DOCUMENTATION:
        about.append([name, meaning, "", "", ""])
    for slug, name, category, level, essential in requirements:
        about.append(
            [slug, f"{name}: level 0..5, blank = not assessed", category, level, essential]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


COLUMN_DOCUMENTATION: list[tuple[str, str]] = [
    ("name", "Required. The candidate's full name."),
    ("email", "Required. Matches an existing candidate in any letter case: they are updated."),
    ("source", "Required. internal (an employee) or external."),
    ("current_role", "Optional. The slug of their current role, e.g. ecommerce-manager."),
    ("years_experience", "Required. Whole years of relevant experience, 0 to 60."),
    ("notes", "Optional. Free text; line breaks allowed."),
    ("assessed_at", "Optional. YYYY-MM-DD, the date of the row's assessments; today if blank."),
]

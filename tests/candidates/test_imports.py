"""Bulk import of candidates and assessments: the file formats, every kind of row error, all or
nothing, re-imports that change nothing, access, batching, the job's result, the templates."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from candidates import imports, services
from candidates.models import Assessment, Candidate
from jobs.models import Job
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "name,email,source,current_role,years_experience,notes,seo,analytics"


@pytest.fixture
def skills(db):
    return {
        slug: factories.CompetencyFactory(slug=slug, name=slug.title())
        for slug in ("seo", "analytics", "leadership")
    }


def csv_bytes(*lines: str, bom: bool = False) -> bytes:
    text = "\r\n".join(lines) + "\r\n"
    return text.encode("utf-8-sig" if bom else "utf-8")


def run_import(capture, user, content: bytes, *, name: str = "people.csv", opening=None) -> Job:
    """Start an import as ``user`` and run its task (eagerly, after commit)."""
    with capture(execute=True):
        job = services.candidate_import_start(
            user=user, file_name=name, content=content, opening=opening
        )
    job.refresh_from_db()
    return job


@pytest.fixture
def do_import(django_capture_on_commit_callbacks):
    return lambda user, content, **kw: run_import(
        django_capture_on_commit_callbacks, user, content, **kw
    )


def errors_of(job: Job) -> list[tuple[int | None, str]]:
    return [(e["row"], e["column"]) for e in job.result["errors"]]


def database_counts() -> tuple[int, int, int, int]:
    return (
        Candidate.objects.count(),
        Assessment.objects.count(),
        Candidate.history.count(),
        Assessment.history.count(),
    )


# --- A good file ----------------------------------------------------------------------------


def test_a_good_csv_creates_candidates_and_assessments(do_import, hr_user, skills, director_role):
    content = csv_bytes(
        HEADER,
        f"Ana Lima,ana@example.com,internal,{director_role.slug},7,Strong on data,4,3",
        "Ben Ode,ben@example.com,External,,2,,,5",
    )
    job = do_import(hr_user, content)

    assert job.state == Job.State.SUCCEEDED, job.result
    assert (job.progress_done, job.progress_total) == (4, 4)  # each row checked, then written
    ana = Candidate.objects.get(email="ana@example.com")
    ben = Candidate.objects.get(email="ben@example.com")
    assert (ana.source, ana.current_role, ana.years_experience, ana.notes) == (
        "internal",
        director_role,
        7,
        "Strong on data",
    )
    assert (ben.source, ben.current_role, ben.created_by) == ("external", None, hr_user)
    levels = {
        (a.candidate.email, a.competency.slug): (a.level, a.assessor, a.assessed_at)
        for a in Assessment.objects.select_related("candidate", "competency")
    }
    today = timezone.localdate()
    assert levels == {
        ("ana@example.com", "seo"): (4, hr_user, today),
        ("ana@example.com", "analytics"): (3, hr_user, today),
        ("ben@example.com", "analytics"): (5, hr_user, today),
    }
    # The audit history records who imported.
    assert set(Candidate.history.values_list("history_user", flat=True)) == {hr_user.pk}
    assert set(Assessment.history.values_list("history_user", flat=True)) == {hr_user.pk}


def test_the_result_shape(do_import, hr_user, skills):
    existing = factories.CandidateFactory(email="old@example.com", name="Old Name")
    job = do_import(
        hr_user,
        csv_bytes(
            HEADER,
            "New Person,new@example.com,external,,1,,2,",
            "Old Name,OLD@example.com,external,,9,,,",
        ),
    )
    result = job.result
    new = Candidate.objects.get(email="new@example.com")
    assert result["rows"] == 2
    assert (result["created"], result["updated"], result["unchanged"]) == (1, 1, 0)
    assert result["assessments_added"] == 1
    assert result["created_ids"] == [new.pk] and result["updated_ids"] == [existing.pk]
    assert result["unchanged_ids"] == [] and result["opening"] is None
    assert {"label": "Candidates added", "value": 1} in result["summary"]
    urls = [link["url"] for link in result["links"]]
    assert "/candidates/" in urls
    assert f"/candidates/{new.pk}/" in urls and f"/candidates/{existing.pk}/" in urls
    assert "errors" not in result


def test_bom_and_no_bom_read_the_same(do_import, hr_user, skills):
    line = "Zoë Ĺ,zoe@example.com,external,,3,,1,2"
    with_bom = imports.read_table("a.csv", csv_bytes(HEADER, line, bom=True))
    without = imports.read_table("a.csv", csv_bytes(HEADER, line))
    assert with_bom.header == without.header == HEADER.split(",")
    assert with_bom.rows == without.rows
    job = do_import(hr_user, csv_bytes(HEADER, line, bom=True))
    assert job.state == Job.State.SUCCEEDED
    assert Candidate.objects.get().name == "Zoë Ĺ"


def test_header_names_ignore_case_and_spaces_and_blank_lines_are_skipped(
    do_import, hr_user, skills
):
    content = csv_bytes(
        " Name ,EMAIL,Source,years_experience,SEO", "", "A,a@example.com,internal,1,2", ",,,,"
    )
    job = do_import(hr_user, content)
    assert job.state == Job.State.SUCCEEDED, job.result
    assert job.result["rows"] == 1


def test_an_assessed_at_column_dates_the_rows_assessments(do_import, hr_user, skills):
    content = csv_bytes(
        "name,email,source,years_experience,assessed_at,seo",
        "A,a@example.com,internal,1,2025-01-31,2",
        "B,b@example.com,internal,1,,3",
    )
    assert do_import(hr_user, content).state == Job.State.SUCCEEDED
    dates = dict(Assessment.objects.values_list("candidate__email", "assessed_at"))
    assert dates == {
        "a@example.com": datetime.date(2025, 1, 31),
        "b@example.com": timezone.localdate(),
    }


def test_candidates_go_onto_the_chosen_opening(do_import, recruiter, opening, skills):
    job = do_import(recruiter, csv_bytes(HEADER, "A,a@example.com,internal,,1,,,"), opening=opening)
    assert job.state == Job.State.SUCCEEDED
    assert opening.candidates.filter(email="a@example.com").exists()
    assert job.result["opening"] == opening.pk
    assert job.result["links"][0]["url"] == f"/openings/{opening.pk}/"


# --- Errors: nothing is written, every problem is listed ------------------------------------

ROW_ERRORS = [
    # (a data row, the column named, words in the message)
    (",a@example.com,internal,,1,,,", "name", "required"),
    ("A,,internal,,1,,,", "email", "required"),
    ("A,not-an-email,internal,,1,,,", "email", "valid email"),
    ("A,a@example.com,partner,,1,,,", "source", "not a valid choice"),
    ("A,a@example.com,internal,no-such-role,1,,,", "current_role", "No role"),
    ("A,a@example.com,internal,,,,,", "years_experience", "required"),
    ("A,a@example.com,internal,,five,,,", "years_experience", "whole number"),
    ("A,a@example.com,internal,,2.5,,,", "years_experience", "whole number"),
    ("A,a@example.com,internal,,61,,,", "years_experience", "less than or equal to 60"),
    ("A,a@example.com,internal,,1,,6,", "seo", "less than or equal to 5"),
    ("A,a@example.com,internal,,1,,-1,", "seo", "greater than or equal to 0"),
    ("A,a@example.com,internal,,1,,high,", "seo", "whole number from 0 to 5"),
    ("A,a@example.com,internal,,1,,4.5,", "seo", "whole number from 0 to 5"),
    ("A,a@example.com,internal,,1,,=1+2,", "seo", "Formulas are not accepted"),
    ("=HYPERLINK(1),a@example.com,internal,,1,,,", "name", "Formulas are not accepted"),
    ("A\u202eB,a@example.com,internal,,1,,,", "name", "U+202E"),
    ("A\x07,a@example.com,internal,,1,,,", "name", "U+0007"),
    ("A,a@example.com,internal,,1,,,,surplus", "column 9", "no column name"),
    ("A" * 201 + ",a@example.com,internal,,1,,,", "name", "at most 200"),
]


@pytest.mark.parametrize(("line", "column", "words"), ROW_ERRORS)
def test_each_row_error_is_reported_and_nothing_is_written(
    do_import, hr_user, skills, line, column, words
):
    before = database_counts()
    good = "Good,good@example.com,internal,,1,,3,3"
    job = do_import(hr_user, csv_bytes(HEADER, good, line))

    assert job.state == Job.State.FAILED
    assert "nothing was imported" in job.message
    [error] = job.result["errors"]
    assert (error["row"], error["column"]) == (3, column)
    assert words.lower() in error["message"].lower(), error
    assert database_counts() == before  # the good row was not written either


DATED = "name,email,source,years_experience,assessed_at,seo"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("31/01/2025", "YYYY-MM-DD"),
        ("2025-02-30", "YYYY-MM-DD"),
        ("20250101", "YYYY-MM-DD"),
        ((timezone.localdate() + datetime.timedelta(days=1)).isoformat(), "future"),
        ("1969-12-31", "1970"),
    ],
)
def test_bad_dates(do_import, hr_user, skills, value, words):
    job = do_import(hr_user, csv_bytes(DATED, f"A,a@example.com,internal,1,{value},2"))
    assert job.state == Job.State.FAILED
    [error] = job.result["errors"]
    assert (error["row"], error["column"]) == (2, "assessed_at") and words in error["message"]
    assert not Candidate.objects.exists()


def test_duplicate_emails_in_the_file_in_any_case(do_import, hr_user, skills):
    job = do_import(
        hr_user,
        csv_bytes(HEADER, "A,a@example.com,internal,,1,,,", "B,A@Example.com,internal,,1,,,"),
    )
    assert job.result["errors"] == [
        {"row": 3, "column": "email", "message": "This email is already on row 2 of the file."}
    ]


@pytest.mark.parametrize(
    ("header", "column", "words"),
    [
        ("name,email,source,seo", "years_experience", "required column is missing"),
        ("name,email,source,years_experience,nope", "nope", "Unknown column"),
        ("name,email,source,years_experience,seo,SEO", "seo", "more than once"),
        ("name,email,source,years_experience,=A1", "column 5", "Formulas"),
    ],
)
def test_header_errors(do_import, hr_user, skills, header, column, words):
    job = do_import(hr_user, csv_bytes(header, "A,a@example.com,internal,1,2,2"))
    assert job.state == Job.State.FAILED
    assert any(
        e["row"] == 1 and e["column"] == column and words in e["message"]
        for e in job.result["errors"]
    ), job.result["errors"]
    assert not Candidate.objects.exists()


def test_a_header_only_file_imports_nothing(do_import, hr_user, skills):
    job = do_import(hr_user, csv_bytes(HEADER))
    assert job.state == Job.State.FAILED
    assert job.result["errors"][0]["message"] == "The file has a header but no candidate rows."


def test_many_errors_are_capped(do_import, hr_user, skills):
    rows = [f"P{i},p{i}@example.com,internal,,1,,9,9" for i in range(150)]  # 2 errors each
    job = do_import(hr_user, csv_bytes(HEADER, *rows))
    assert job.state == Job.State.FAILED
    assert len(job.result["errors"]) == imports.MAX_ERRORS_SHOWN == 200
    assert job.result["errors_not_shown"] == 100
    assert job.message == "The file has 300 problems; nothing was imported."


def test_too_many_rows(do_import, hr_user, skills, settings):
    settings.IMPORT_MAX_ROWS = 2
    rows = [f"P{i},p{i}@example.com,internal,,1,,," for i in range(3)]
    job = do_import(hr_user, csv_bytes(HEADER, *rows))
    assert job.state == Job.State.FAILED
    assert "more than 2 rows" in job.message
    assert not Candidate.objects.exists()


# --- The upload itself ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("people.csv", b"", "empty"),
        ("people.txt", b"name\n", ".csv or .xlsx"),
        ("people", b"name\n", ".csv or .xlsx"),
        ("people.xlsx", b"name,email\n", "not an XLSX"),
        ("people.csv", b"PK\x03\x04rest", "binary"),
        ("people.csv", "name\nJosé\n".encode("latin-1"), "not UTF-8"),
        ("people.csv", "name\n".encode("utf-16"), "binary"),
    ],
)
def test_unacceptable_uploads_are_refused_at_once(hr_user, name, content, words):
    with pytest.raises(ValidationError) as caught:
        services.candidate_import_start(user=hr_user, file_name=name, content=content)
    assert words in caught.value.message_dict["file"][0]
    assert not Job.objects.exists()


def test_an_oversized_upload_is_refused(hr_user, settings):
    settings.IMPORT_MAX_BYTES = 2048
    with pytest.raises(ValidationError) as caught:
        services.candidate_import_start(
            user=hr_user, file_name="big.csv", content=b"name\n" + b"x" * 3000
        )
    assert "over the limit of" in caught.value.message_dict["file"][0]


def test_a_damaged_workbook_fails_the_job_without_a_500(do_import, hr_user):
    job = do_import(hr_user, b"PK\x03\x04 not really a zip", name="people.xlsx")
    assert job.state == Job.State.FAILED
    assert "workbook cannot be read" in job.message


# --- XLSX -----------------------------------------------------------------------------------


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_numbers_and_date_cells(do_import, hr_user, skills):
    content = xlsx_bytes(
        [
            ["name", "email", "source", "years_experience", "assessed_at", "seo"],
            ["Ana", "ana@example.com", "internal", 7.0, datetime.datetime(2025, 3, 1), 4],
            [None, None, None, None, None, None],
            ["Ben", "ben@example.com", "external", 3, "2025-03-02", None],
        ]
    )
    job = do_import(hr_user, content, name="people.XLSX")
    assert job.state == Job.State.SUCCEEDED, job.result
    ana = Candidate.objects.get(email="ana@example.com")
    assert ana.years_experience == 7
    assert list(ana.assessments.values_list("level", "assessed_at")) == [
        (4, datetime.date(2025, 3, 1))
    ]
    assert not Assessment.objects.filter(candidate__email="ben@example.com").exists()


def test_xlsx_formula_cells_are_refused(do_import, hr_user, skills):
    content = xlsx_bytes(
        [
            ["name", "email", "source", "years_experience", "seo"],
            ["Ana", "ana@example.com", "internal", 7, "=2+2"],
        ]
    )
    job = do_import(hr_user, content, name="people.xlsx")
    assert job.state == Job.State.FAILED
    assert job.result["errors"] == [{"row": 2, "column": "seo", "message": imports.FORMULA_REFUSED}]
    assert not Candidate.objects.exists()


# --- Re-importing ---------------------------------------------------------------------------


def test_reimporting_the_same_file_changes_nothing(do_import, hr_user, skills, director_role):
    content = csv_bytes(
        HEADER,
        f"Ana,ana@example.com,internal,{director_role.slug},7,Notes,4,3",
        "Ben,ben@example.com,external,,2,,0,5",
    )
    first = do_import(hr_user, content)
    after_first = database_counts()
    second = do_import(hr_user, content)

    assert first.result["created"] == 2 and first.result["assessments_added"] == 4
    assert second.state == Job.State.SUCCEEDED
    assert (second.result["created"], second.result["updated"], second.result["unchanged"]) == (
        0,
        0,
        2,
    )
    assert second.result["assessments_added"] == 0
    assert database_counts() == after_first  # no candidate, assessment or history row added


def test_reimport_updates_by_email_in_any_case_and_adds_only_changed_levels(
    do_import, hr_user, skills
):
    do_import(hr_user, csv_bytes(HEADER, "Ana,ana@example.com,internal,,7,Keep me,4,3"))
    ana = Candidate.objects.get()
    job = do_import(hr_user, csv_bytes(HEADER, "Ana Lima,ANA@EXAMPLE.COM,internal,,8,,4,5"))

    assert (job.result["created"], job.result["updated"], job.result["assessments_added"]) == (
        0,
        1,
        1,
    )
    ana.refresh_from_db()
    assert (ana.name, ana.email, ana.years_experience) == ("Ana Lima", "ANA@EXAMPLE.COM", 8)
    assert ana.notes == "Keep me"  # a blank optional cell leaves the value as it was
    assert Candidate.objects.count() == 1
    assert ana.version == 2  # an edit page opened before the import is now stale
    levels = sorted(ana.assessments.values_list("competency__slug", "level"))
    assert levels == [("analytics", 3), ("analytics", 5), ("seo", 4)]


def test_reimporting_a_back_dated_row_adds_nothing_the_second_time(do_import, hr_user, skills):
    candidate = factories.CandidateFactory(email="ana@example.com", name="Ana", years_experience=1)
    factories.AssessmentFactory(
        candidate=candidate, competency=skills["seo"], level=5, assessed_at=timezone.localdate()
    )
    content = csv_bytes(DATED, "Ana,ana@example.com,external,1,2024-06-01,2")
    assert do_import(hr_user, content).result["assessments_added"] == 1
    assert do_import(hr_user, content).result["assessments_added"] == 0
    # History kept, and the newer assessment still counts.
    assert list(candidate.assessments.values_list("level", flat=True)) == [5, 2]


# --- Access ---------------------------------------------------------------------------------


def test_a_recruiter_may_not_update_a_candidate_they_cannot_see(
    do_import, outside_recruiter, opening, skills
):
    hidden = opening.candidates.first()
    before = database_counts()
    job = do_import(
        outside_recruiter,
        csv_bytes(
            HEADER,
            "Mine,mine@example.com,internal,,1,,,",
            f"X,{hidden.email.upper()},internal,,1,,,",
        ),
    )
    assert job.state == Job.State.FAILED
    assert job.result["errors"] == [{"row": 3, "column": "email", "message": imports.NOT_VISIBLE}]
    assert database_counts() == before


def test_a_recruiter_updates_the_candidates_they_see(do_import, recruiter, opening, skills):
    mine = opening.candidates.first()
    job = do_import(recruiter, csv_bytes(HEADER, f"Renamed,{mine.email},internal,,1,,2,"))
    assert job.state == Job.State.SUCCEEDED
    mine.refresh_from_db()
    assert mine.name == "Renamed"
    assert job.result["updated_ids"] == [mine.pk]


def test_the_task_refuses_an_account_that_may_no_longer_import(
    django_capture_on_commit_callbacks, recruiter, skills
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.candidate_import_start(
            user=recruiter,
            file_name="a.csv",
            content=csv_bytes(HEADER, "A,a@example.com,internal,,1,,,"),
        )
    recruiter.groups.clear()
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and "may not import" in job.message
    assert not Candidate.objects.exists()


def test_the_task_does_nothing_for_a_finished_job(do_import, hr_user, skills):
    from candidates.tasks import import_candidates

    job = do_import(hr_user, csv_bytes(HEADER, "A,a@example.com,internal,,1,,2,"))
    counts = database_counts()
    import_candidates(str(job.pk))
    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED and database_counts() == counts


# --- Batching -------------------------------------------------------------------------------


def write_queries(user, count: int, skills) -> int:
    lines = [f"P{i},p{i}@example.com,internal,,1,,3,4" for i in range(count)]
    table = imports.read_table("a.csv", csv_bytes(HEADER, *lines))
    checked = imports.validate_table(table, user=user)
    assert not checked.errors
    with CaptureQueriesContext(connection) as captured:
        services.candidate_import_write(user=user, rows=checked.rows)
    return len(captured)


def test_the_write_is_batched_not_a_query_per_row(hr_user, skills):
    """Inserts go in batches: on PostgreSQL 500 rows a statement; SQLite caps a statement at
    999 parameters, so there a batch holds ~100 candidates. Either way, far from one a row.
    (The count includes the one refresh of stored scores, done in-process in tests.)"""
    small = write_queries(hr_user, 10, skills)
    Candidate.objects.all().delete()
    large = write_queries(hr_user, 120, skills)  # 120 candidates, 240 assessments, history
    assert small <= 15, small
    assert large <= small + 6, (small, large)


def test_checking_costs_the_same_queries_for_10_or_120_rows(hr_user, skills):
    factories.RoleFactory(slug="staff")

    def check(count: int) -> int:
        lines = [f"P{i},p{i}@example.com,internal,staff,1,,3,4" for i in range(count)]
        table = imports.read_table("a.csv", csv_bytes(HEADER, *lines))
        with CaptureQueriesContext(connection) as captured:
            assert not imports.validate_table(table, user=hr_user).errors
        return len(captured)

    assert check(10) == check(120)


# --- Templates ------------------------------------------------------------------------------


def test_csv_template_is_the_header_for_the_role(director_role):
    content = imports.template_csv(director_role)
    assert content.startswith(b"\xef\xbb\xbf")
    header = content.decode("utf-8-sig").strip().split(",")
    slugs = [r.competency.slug for r in director_role.requirements.order_by("-essential")]
    assert header[:7] == [*imports.BASE_COLUMNS, "assessed_at"]
    assert sorted(header[7:]) == sorted(slugs) and header[7] == slugs[0]  # essential first


def test_xlsx_template_names_each_competency_and_level(director_role):
    workbook = openpyxl.load_workbook(io.BytesIO(imports.template_xlsx(director_role)))
    assert workbook.sheetnames == ["Candidates", "Columns"]
    header = [cell.value for cell in workbook["Candidates"][1]]
    assert header[:7] == [*imports.BASE_COLUMNS, "assessed_at"]
    assert workbook["Candidates"].max_row == 1  # a header, no example row
    about = {row[0]: row for row in workbook["Columns"].iter_rows(min_row=2, values_only=True)}
    for req in director_role.requirements.select_related("competency"):
        assert about[req.competency.slug][3] == req.required_level
        assert req.competency.name in about[req.competency.slug][1]


def test_a_filled_in_template_imports(do_import, hr_user, director_role):
    header = imports.template_csv(director_role).decode("utf-8-sig").strip()
    levels = ",".join("3" for _ in header.split(",")[7:])
    job = do_import(hr_user, csv_bytes(header, f"Ana,ana@example.com,internal,,5,,,{levels}"))
    assert job.state == Job.State.SUCCEEDED, job.result
    assert job.result["assessments_added"] == director_role.requirements.count()


# --- Stored scores --------------------------------------------------------------------------


def test_scores_are_refreshed_once_for_everyone_touched(do_import, hr_user, skills, monkeypatch):
    calls = []
    real = services.scores_inputs_changed
    monkeypatch.setattr(
        services,
        "scores_inputs_changed",
        lambda **kwargs: (calls.append(kwargs), real(**kwargs)),
    )
    existing = factories.CandidateFactory(email="old@example.com", name="Old", years_experience=1)
    rows = [f"P{i},p{i}@example.com,internal,,1,,3,4" for i in range(5)]
    do_import(hr_user, csv_bytes(HEADER, *rows, "Old,old@example.com,external,,1,,2,"))

    assert len(calls) == 1
    touched = set(Candidate.objects.values_list("id", flat=True))
    assert set(calls[0]["candidate_ids"]) == touched and existing.pk in touched


def test_an_import_onto_an_opening_leaves_current_scores(do_import, hr_user, opening):
    from candidates.models import CandidateRoleScore

    slugs = [r.competency.slug for r in opening.role.requirements.select_related("competency")]
    header = "name,email,source,years_experience," + ",".join(slugs)
    job = do_import(
        hr_user,
        csv_bytes(header, "Ana,ana@example.com,internal,9," + ",".join("5" for _ in slugs)),
        opening=opening,
    )
    assert job.state == Job.State.SUCCEEDED
    score = CandidateRoleScore.objects.get(candidate__email="ana@example.com", role=opening.role)
    assert score.fit == 100 and score.eligible and not score.stale


def test_an_unexpected_error_fails_the_job_and_writes_nothing(
    do_import, hr_user, skills, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services.import_queries, "insert_assessments", broken)
    job = do_import(hr_user, csv_bytes(HEADER, "A,a@example.com,internal,,1,,2,"))
    assert job.state == Job.State.FAILED and "unexpected error" in job.message
    assert not Candidate.objects.exists()
    assert "boom" in caplog.text

"""The candidate export endpoint: ``GET /api/v1/candidates/export/?format=csv|xlsx`` with the
list's filters, the caller's access, and errors in the API's one shape."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from candidates.models import Candidate
from tests import factories
from tests.api.conftest import BASE, assert_error

pytestmark = pytest.mark.django_db

URL = f"{BASE}/candidates/export/"


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_names(response) -> list[str]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = body_of(response)
    assert content.startswith(b"\xef\xbb\xbf")
    header, *rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    assert header[:2] == ["ID", "Name"]
    return [row[1] for row in rows]


@pytest.fixture
def people(opening, recruiter):
    internal = factories.CandidateFactory(name="=Inside Job", source=Candidate.Source.INTERNAL)
    opening.candidates.add(internal)
    other = factories.OpeningFactory(role=opening.role)
    elsewhere = factories.CandidateFactory(name="Elsewhere")
    other.candidates.add(elsewhere)
    return {"internal": internal, "elsewhere": elsewhere, "other_opening": other}


def test_csv_by_default_with_what_the_caller_may_see(client_as, opening, people):
    names = csv_names(client_as("recruiter").get(URL))
    expected = sorted([c.name for c in opening.candidates.all()])
    assert sorted(names) == sorted(
        "'" + name if name.startswith("=") else name for name in expected
    )
    assert "Elsewhere" not in names
    assert "Elsewhere" in csv_names(client_as("hr").get(URL))
    assert csv_names(client_as("outsider").get(URL)) == []


def test_filters_and_search_as_on_the_list(client_as, opening, people):
    client = client_as("hr")
    assert csv_names(client.get(URL, {"source": "internal"})) == ["'=Inside Job"]
    assert csv_names(client.get(URL, {"search": "elsew"})) == ["Elsewhere"]
    assert csv_names(client.get(URL, {"opening": people["other_opening"].pk})) == ["Elsewhere"]


def test_xlsx(client_as, opening, people):
    response = client_as("hr").get(URL, {"format": "xlsx", "source": "internal"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(body_of(response)))["Candidates"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[1][:2] == [people["internal"].pk, "'=Inside Job"]


def test_an_unknown_format_is_a_field_error(client_as, opening):
    response = client_as("hr").get(URL, {"format": "pdf"})
    assert_error(response, 400, "validation_error", field="format")


def test_an_unknown_parameter_is_refused(client_as, opening):
    response = client_as("hr").get(URL, {"sorce": "internal"})
    assert_error(response, 400, "validation_error", field="sorce")


def test_an_opening_the_caller_cannot_see_is_a_field_error(client_as, people):
    response = client_as("outsider").get(URL, {"opening": people["other_opening"].pk})
    assert_error(response, 400, "validation_error", field="opening")


def test_viewer_403_and_anonymous_401(client_as, opening):
    assert_error(client_as("viewer").get(URL), 403, "permission_denied")
    assert_error(client_as("anonymous").get(URL), 401, "not_authenticated")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_queries_do_not_grow_with_rows(client_as, db, kind):
    client = client_as("hr")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, {"format": kind})
            body_of(response)  # the CSV streams: its queries run while it is read
        assert response.status_code == 200
        return len(captured)

    queries()  # the first request also looks up the caller's groups (then cached on the user)
    for candidate in factories.CandidateFactory.create_batch(10):
        factories.AssessmentFactory(candidate=candidate)
    ten = queries()
    for candidate in factories.CandidateFactory.create_batch(30):
        factories.AssessmentFactory(candidate=candidate)
    assert queries() == ten


def test_xlsx_over_the_inline_limit_points_to_csv(client_as, opening, people, monkeypatch):
    from candidates import services

    monkeypatch.setattr(services, "CANDIDATE_XLSX_INLINE_LIMIT", 1)
    body = assert_error(
        client_as("hr").get(URL, {"format": "xlsx"}), 400, "validation_error", field="format"
    )
    assert "ask for csv" in body["errors"]["format"][0]
    assert len(csv_names(client_as("hr").get(URL))) == 4  # CSV has no such limit

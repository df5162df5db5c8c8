"""The import page (/candidates/import/), the per-role templates, and the job page showing an
import's outcome or its errors."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates.models import Candidate
from jobs.models import Job
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/candidates/import/"
GOOD = b"name,email,source,years_experience,seo\r\nAna,ana@example.com,internal,4,3\r\n"


@pytest.fixture(autouse=True)
def seo(db):
    return factories.CompetencyFactory(slug="seo")


def upload(content: bytes = GOOD, name: str = "people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.mark.parametrize(
    ("who", "status"),
    [("hr_user", 200), ("recruiter", 200), ("outside_recruiter", 200), ("viewer", 403)],
)
def test_who_may_open_the_import_page(request, client_as, who, status, director_role):
    response = client_as(request.getfixturevalue(who)).get(URL)
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert 'enctype="multipart/form-data"' in html
        assert f"/candidates/import/template/{director_role.slug}.csv" in html
        assert f"/candidates/import/template/{director_role.slug}.xlsx" in html
        assert "<code>years_experience</code>" in html  # the layout is documented


def test_anonymous_is_sent_to_sign_in(client_as):
    response = client_as(None).get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_viewer_cannot_post_an_import(client_as, viewer):
    assert client_as(viewer).post(URL, {"file": upload()}).status_code == 403
    assert not Job.objects.exists()


def test_an_upload_redirects_to_the_job_page_which_links_the_candidates(
    client_as, recruiter, django_capture_on_commit_callbacks
):
    client = client_as(recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": upload(), "opening": ""})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"

    html = client.get(response["Location"]).content.decode()
    ana = Candidate.objects.get()
    assert "Finished" in html and "Candidates added" in html
    assert f'href="/candidates/{ana.pk}/">Ana (added)</a>' in html
    assert "Download people.csv" in html


def test_row_errors_show_as_a_table_on_the_job_page(
    client_as, hr_user, django_capture_on_commit_callbacks
):
    bad = b"name,email,source,years_experience,seo\r\nAna,ana@example.com,internal,4,9\r\n"
    client = client_as(hr_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": upload(bad)})
    html = client.get(response["Location"]).content.decode()
    assert "Problems found" in html and "Nothing was written" in html
    assert '<td class="num">2</td><td>seo</td>' in html
    assert not Candidate.objects.exists()


@pytest.mark.parametrize(
    ("file", "words"),
    [
        (None, "This field is required"),
        (upload(b""), "The submitted file is empty"),
        (upload(name="people.txt"), ".csv or .xlsx"),
        (upload("name\nJosé\n".encode("latin-1")), "not UTF-8"),
    ],
)
def test_upload_errors_show_beside_the_file_field(client_as, recruiter, file, words):
    response = client_as(recruiter).post(URL, {"file": file} if file else {})
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not Job.objects.exists()


def test_the_opening_choices_are_those_the_user_may_see(client_as, outside_recruiter, opening):
    client = client_as(outside_recruiter)
    assert opening.title not in client.get(URL).content.decode()
    response = client.post(URL, {"file": upload(), "opening": str(opening.pk)})
    assert response.status_code == 400 and not Job.objects.exists()


def test_templates_download(client_as, recruiter, director_role):
    client = client_as(recruiter)
    csv_response = client.get(f"/candidates/import/template/{director_role.slug}.csv")
    assert csv_response.status_code == 200
    assert csv_response["Content-Disposition"] == (
        f'attachment; filename="candidates-{director_role.slug}.csv"'
    )
    assert csv_response.content.decode("utf-8-sig").startswith("name,email,source,")

    xlsx = client.get(f"/candidates/import/template/{director_role.slug}.xlsx")
    assert xlsx.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["Candidates", "Columns"]

    assert client.get("/candidates/import/template/no-such-role.csv").status_code == 404
    assert client.get(f"/candidates/import/template/{director_role.slug}.pdf").status_code == 404


def test_a_viewer_gets_no_template(client_as, viewer, director_role):
    response = client_as(viewer).get(f"/candidates/import/template/{director_role.slug}.csv")
    assert response.status_code == 403


def test_the_candidate_list_links_to_the_import(client_as, recruiter):
    assert f'href="{URL}"' in client_as(recruiter).get("/candidates/").content.decode()

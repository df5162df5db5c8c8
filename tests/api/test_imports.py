"""POST /api/v1/imports/: a multipart upload that starts an import job (202 + Location), upload
errors as 400 field errors at once, row errors in the job's result, and access."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates.models import Candidate
from jobs.models import Job
from tests import factories
from tests.api.conftest import BASE, assert_error

pytestmark = pytest.mark.django_db

URL = f"{BASE}/imports/"
GOOD = b"name,email,source,years_experience,seo\r\nAna,ana@example.com,internal,4,3\r\n"


@pytest.fixture(autouse=True)
def seo(db):
    return factories.CompetencyFactory(slug="seo")


def upload(content: bytes = GOOD, name: str = "people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def post(client, django_capture_on_commit_callbacks, data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, data, format="multipart")


def test_an_import_answers_202_with_the_job_and_its_location(
    client_for, recruiter, django_capture_on_commit_callbacks
):
    response = post(client_for(recruiter), django_capture_on_commit_callbacks, {"file": upload()})

    assert response.status_code == 202, response.content
    body = response.json()
    job = Job.objects.get()
    assert body["id"] == str(job.pk) and body["kind"] == "candidate_import"
    assert response["Location"] == f"http://testserver{BASE}/tasks/{job.pk}/"
    # The task ran (eagerly, after commit): follow it at the Location.
    followed = client_for(recruiter).get(response["Location"]).json()
    assert followed["state"] == "succeeded"
    assert followed["result"]["created"] == 1 and followed["result"]["assessments_added"] == 1
    assert Candidate.objects.get().created_by == recruiter
    # The uploaded file is the job's download.
    assert followed["download"].endswith(f"/tasks/{job.pk}/download/")


def test_row_errors_are_in_the_failed_jobs_result(
    client_for, hr_user, django_capture_on_commit_callbacks
):
    bad = b"name,email,source,years_experience,seo\r\nAna,nope,internal,4,7\r\n"
    response = post(client_for(hr_user), django_capture_on_commit_callbacks, {"file": upload(bad)})
    assert response.status_code == 202
    job = client_for(hr_user).get(response["Location"]).json()
    assert job["state"] == "failed"
    assert {(e["row"], e["column"]) for e in job["result"]["errors"]} == {(2, "email"), (2, "seo")}
    assert not Candidate.objects.exists()


def test_with_an_opening(client_for, recruiter, opening, django_capture_on_commit_callbacks):
    response = post(
        client_for(recruiter),
        django_capture_on_commit_callbacks,
        {"file": upload(), "opening": str(opening.pk)},
    )
    assert response.status_code == 202
    assert opening.candidates.filter(email="ana@example.com").exists()


def test_an_empty_opening_field_means_none(
    client_for, recruiter, opening, django_capture_on_commit_callbacks
):
    # A form has no null: a browser sends an empty choice as "". The schema says integer from 1.
    response = post(
        client_for(recruiter), django_capture_on_commit_callbacks, {"file": upload(), "opening": ""}
    )
    assert response.status_code == 202, response.content
    assert Candidate.objects.filter(email="ana@example.com").exists()
    assert not opening.candidates.filter(email="ana@example.com").exists()


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({}, "file", "No file"),
        ({"file": upload(b"")}, "file", "empty"),
        ({"file": upload(name="people.pdf")}, "file", ".csv or .xlsx"),
        ({"file": upload("name\nJosé\n".encode("latin-1"))}, "file", "not UTF-8"),
        ({"file": upload(), "opening": "abc"}, "opening", "Must be an id"),
        ({"file": upload(), "opening": "999999"}, "opening", "No opening with id"),
        ({"file": upload(), "surprise": "1"}, "surprise", "Unknown field"),
    ],
)
def test_upload_errors_are_400_field_errors_at_once(client_for, recruiter, data, field, words):
    response = client_for(recruiter).post(URL, data, format="multipart")
    assert_error(response, 400, "validation_error", field=field, contains=words)
    assert not Job.objects.exists()


def test_an_opening_the_recruiter_cannot_see_reads_as_missing(
    client_for, outside_recruiter, opening
):
    response = client_for(outside_recruiter).post(
        URL, {"file": upload(), "opening": str(opening.pk)}, format="multipart"
    )
    assert_error(response, 400, "validation_error", field="opening", contains="No opening")


def test_an_oversized_file_is_a_400(client_for, recruiter, settings):
    settings.IMPORT_MAX_BYTES = 2048
    response = client_for(recruiter).post(
        URL, {"file": upload(GOOD + b"x" * 4096)}, format="multipart"
    )
    assert_error(response, 400, "validation_error", field="file", contains="over the limit")


def test_viewers_get_403_and_anonymous_401(client_for, viewer):
    assert_error(
        client_for(viewer).post(URL, {"file": upload()}, format="multipart"),
        403,
        "permission_denied",
    )
    assert_error(
        client_for(None).post(URL, {"file": upload()}, format="multipart"),
        401,
        "not_authenticated",
    )
    assert not Job.objects.exists()


def test_a_json_body_is_415(client_for, recruiter):
    response = client_for(recruiter).post(URL, {"file": "x"}, format="json")
    assert_error(response, 415, "unsupported_media_type")


def test_a_file_over_the_json_body_limit_is_still_accepted(
    client_for, recruiter, settings, django_capture_on_commit_callbacks
):
    """MAX_REQUEST_BYTES (1 MiB) bounds JSON bodies; an import file has its own limit."""
    settings.IMPORT_MAX_ROWS = 10  # the job then stops early: this test is about the upload
    rows = b"".join(b"P%d,p%d@example.com,internal,1,3\r\n" % (i, i) for i in range(60_000))
    content = b"name,email,source,years_experience,seo\r\n" + rows
    assert len(content) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = post(
        client_for(recruiter), django_capture_on_commit_callbacks, {"file": upload(content)}
    )
    assert response.status_code == 202, response.content[:300]
    job = Job.objects.get()
    assert job.state == Job.State.FAILED and "more than 10 rows" in job.message

"""Background jobs: the services' state changes, who may follow a job (page and API), the
progress shape, and downloads of a job's file."""

from __future__ import annotations

import uuid

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from jobs import services
from jobs.models import Job
from tests.api.conftest import assert_error

pytestmark = pytest.mark.django_db


def page_client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def job(recruiter) -> Job:
    return services.job_create(kind="candidate_import", created_by=recruiter, total=10)


# --- Services -------------------------------------------------------------------------------


def test_a_new_job_is_pending_with_no_progress(job):
    assert job.state == Job.State.PENDING
    assert (job.progress_done, job.progress_total, job.percent) == (0, 10, 0)
    assert job.started_at is None and job.finished_at is None


def test_start_progress_succeed(job):
    assert services.job_start(job_id=job.pk) is True
    services.job_progress(job_id=job.pk, done=4)
    job.refresh_from_db()
    assert job.state == Job.State.RUNNING and job.started_at is not None
    assert (job.progress_done, job.percent) == (4, 40)

    services.job_succeed(
        job_id=job.pk,
        result={"summary": [{"label": "Created", "value": 3}]},
        file_name="out.csv",
        content=b"a,b\n1,2\n",
    )
    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED and job.finished_at is not None
    assert (job.progress_done, job.percent) == (10, 100)
    assert job.file_name == "out.csv"
    with job.file.open("rb") as handle:
        assert handle.read() == b"a,b\n1,2\n"
    # A finished job is not started again by a retried task.
    assert services.job_start(job_id=job.pk) is False


def test_progress_is_one_update_and_stays_within_the_total(job, django_assert_num_queries):
    with django_assert_num_queries(1):
        services.job_progress(job_id=job.pk, done=25)
    job.refresh_from_db()
    assert job.progress_done == 10  # clamped to the total
    services.job_progress(job_id=job.pk, done=7, total=50)
    job.refresh_from_db()
    assert (job.progress_done, job.progress_total, job.percent) == (7, 50, 14)


def test_progress_can_say_what_is_being_done(job, django_assert_num_queries):
    with django_assert_num_queries(1):
        services.job_progress(job_id=job.pk, done=5, message="Writing…")
    job.refresh_from_db()
    assert (job.progress_done, job.message) == (5, "Writing…")
    services.job_succeed(job_id=job.pk, result={})
    job.refresh_from_db()
    assert job.message == ""  # a finished job no longer says what it is doing


def test_progress_without_a_known_total(recruiter):
    job = services.job_create(kind="x", created_by=recruiter)
    services.job_progress(job_id=job.pk, done=123)
    job.refresh_from_db()
    assert (job.progress_done, job.progress_total, job.percent) == (123, 0, 0)


def test_fail_keeps_the_message_and_result(job):
    services.job_fail(job_id=job.pk, message="Bad file.", result={"errors": [{"row": 2}]})
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.message == "Bad file."
    assert job.result == {"errors": [{"row": 2}]} and job.finished_at is not None


def test_the_database_refuses_done_beyond_a_known_total(job):
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.filter(pk=job.pk).update(progress_done=11)


def test_the_database_refuses_an_unknown_state(job):
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.filter(pk=job.pk).update(state="lost")


def test_an_input_file_is_stored_privately_under_the_job(recruiter, settings):
    job = services.job_create(
        kind="candidate_import",
        created_by=recruiter,
        file_name="..\\\\x/../../etc/pass wd.csv",
        content=b"name\n",
    )
    assert job.file.name == f"jobs/{job.pk}/pass_wd.csv"
    assert (settings.MEDIA_ROOT / job.file.name).read_bytes() == b"name\n"


# --- Who may follow a job -------------------------------------------------------------------

ACCESS = [
    ("creator", 200),
    ("hr", 200),
    ("other_recruiter", 404),
    ("viewer", 404),
]


@pytest.fixture
def people(recruiter, hr_user, outside_recruiter, viewer):
    return {
        "creator": recruiter,
        "hr": hr_user,
        "other_recruiter": outside_recruiter,
        "viewer": viewer,
    }


@pytest.mark.parametrize(("who", "status"), ACCESS)
def test_page_access(people, job, who, status):
    response = page_client(people[who]).get(f"/jobs/{job.pk}/")
    assert response.status_code == status
    if status == 200:
        assert b"Candidate import" in response.content
        assert b'<progress id="job-progress"' in response.content


def test_page_sends_anonymous_to_sign_in(job):
    response = page_client(None).get(f"/jobs/{job.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("who", "status"), ACCESS)
def test_api_access(people, job, client_for, who, status):
    response = client_for(people[who]).get(f"/api/v1/tasks/{job.pk}/")
    if status == 200:
        assert response.status_code == 200
        assert response.json()["id"] == str(job.pk)
    else:
        assert_error(response, 404, "not_found")


def test_api_anonymous_gets_401(job, client_for):
    assert_error(client_for(None).get(f"/api/v1/tasks/{job.pk}/"), 401, "not_authenticated")


def test_unknown_and_malformed_ids_are_404(recruiter, client_for):
    assert_error(client_for(recruiter).get(f"/api/v1/tasks/{uuid.uuid4()}/"), 404, "not_found")
    assert page_client(recruiter).get(f"/jobs/{uuid.uuid4()}/").status_code == 404
    # Not a UUID: no route matches (the page 404 and the API's JSON 404).
    assert page_client(recruiter).get("/jobs/12/").status_code == 404
    assert_error(client_for(recruiter).get("/api/v1/tasks/12/"), 404, "not_found")


def test_a_job_whose_creator_was_deleted_is_hrs_alone(job, hr_user, recruiter, client_for):
    recruiter.delete()
    job.refresh_from_db()
    assert job.created_by is None
    assert client_for(hr_user).get(f"/api/v1/tasks/{job.pk}/").status_code == 200


# --- Representation -------------------------------------------------------------------------


def test_api_shape_while_running(job, recruiter, client_for):
    services.job_start(job_id=job.pk)
    services.job_progress(job_id=job.pk, done=3)
    body = client_for(recruiter).get(f"/api/v1/tasks/{job.pk}/").json()
    assert set(body) == {
        "id",
        "kind",
        "state",
        "progress",
        "message",
        "result",
        "download",
        "created_at",
        "started_at",
        "finished_at",
    }
    assert body["kind"] == "candidate_import" and body["state"] == "running"
    assert body["progress"] == {"done": 3, "total": 10, "percent": 30}
    assert body["download"] is None and body["result"] == {} and body["finished_at"] is None
    assert body["started_at"] is not None


def test_api_shape_when_finished_with_a_file(job, recruiter, client_for):
    services.job_succeed(job_id=job.pk, result={"created": 2}, file_name="r.csv", content=b"x")
    body = client_for(recruiter).get(f"/api/v1/tasks/{job.pk}/").json()
    assert body["state"] == "succeeded"
    assert body["progress"] == {"done": 10, "total": 10, "percent": 100}
    assert body["result"] == {"created": 2}
    assert body["download"] == f"http://testserver/api/v1/tasks/{job.pk}/download/"


def test_page_shows_result_links_summary_and_errors(job, recruiter):
    services.job_fail(
        job_id=job.pk,
        message="The file has 3 problems.",
        result={
            "summary": [{"label": "Rows read", "value": 12}],
            "links": [{"label": "Candidates", "url": "/candidates/"}],
            "errors": [{"row": 4, "column": "email", "message": "Enter a valid email address."}],
            "errors_not_shown": 2,
        },
    )
    html = page_client(recruiter).get(f"/jobs/{job.pk}/").content.decode()
    assert "Failed" in html and "The file has 3 problems." in html
    assert "Rows read" in html and '<a href="/candidates/">Candidates</a>' in html
    assert "Enter a valid email address." in html and "2 more not shown" in html
    assert "Refresh" not in html  # finished: nothing left to follow


def test_page_works_without_javascript_while_running(job, recruiter):
    html = page_client(recruiter).get(f"/jobs/{job.pk}/").content.decode()
    assert f'href="/jobs/{job.pk}/">Refresh</a>' in html
    assert f'data-job-status-url="/api/v1/tasks/{job.pk}/"' in html
    assert 'aria-live="polite"' in html
    assert "<script>" not in html and "style=" not in html


# --- Downloads ------------------------------------------------------------------------------


@pytest.fixture
def job_with_file(job) -> Job:
    return services.job_succeed(
        job_id=job.pk, result={}, file_name="comparison.csv", content=b"name,fit\nA,90\n"
    )


@pytest.mark.parametrize(("who", "status"), ACCESS)
def test_page_download_access(people, job_with_file, who, status):
    response = page_client(people[who]).get(f"/jobs/{job_with_file.pk}/download/")
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == b"name,fit\nA,90\n"
        assert response["Content-Disposition"] == 'attachment; filename="comparison.csv"'
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(("who", "status"), ACCESS)
def test_api_download_access(people, job_with_file, client_for, who, status):
    response = client_for(people[who]).get(
        f"/api/v1/tasks/{job_with_file.pk}/download/", HTTP_ACCEPT="text/csv"
    )
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == b"name,fit\nA,90\n"
        assert response["Content-Disposition"].startswith("attachment;")
    else:
        assert response.json()["type"] == "not_found"


def test_download_of_a_job_without_a_file_is_404(job, recruiter, client_for):
    assert page_client(recruiter).get(f"/jobs/{job.pk}/download/").status_code == 404
    assert_error(client_for(recruiter).get(f"/api/v1/tasks/{job.pk}/download/"), 404, "not_found")


def test_download_of_a_vanished_file_is_404_not_500(job_with_file, recruiter):
    job_with_file.file.storage.delete(job_with_file.file.name)
    assert page_client(recruiter).get(f"/jobs/{job_with_file.pk}/download/").status_code == 404


def test_no_public_url_serves_job_files(job_with_file, recruiter):
    response = page_client(recruiter).get(f"/media/{job_with_file.file.name}")
    assert response.status_code == 404


def test_jobs_app_does_not_import_recruiting_code():
    """The jobs app is generic machinery: it imports no app, only the project package."""
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2] / "jobs"
    for path in root.rglob("*.py"):
        for line in path.read_text().splitlines():
            if line.startswith(("import ", "from ")):
                assert not any(app in line for app in ("candidates", "roles", "skills")), (
                    path,
                    line,
                )

"""The opening's PDF report: the compare page's button starts a job, the Celery task makes the
PDF (checking access again when it runs) and stores it on the job, and the job page downloads
it."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from candidates import services, tasks
from jobs.models import Job
from tests import factories

pytestmark = pytest.mark.django_db


def start_report(client, opening, capture):
    with capture(execute=True):
        response = client.post(f"/openings/{opening.pk}/report/")
    return response


def test_the_button_makes_the_pdf_and_the_job_page_downloads_it(
    client_as, recruiter, opening, django_capture_on_commit_callbacks
):
    client = client_as(recruiter)
    response = start_report(client, opening, django_capture_on_commit_callbacks)

    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.created_by, job.state) == ("opening_report", recruiter, "succeeded")
    assert job.params == {"opening": opening.pk, "top": None}
    assert job.file_name.endswith(".pdf") and job.file_name.startswith("opening-")
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f'href="/jobs/{job.pk}/download/"' in page and job.file_name in page
    assert "Candidates compared" in page and f"/openings/{opening.pk}/compare/" in page

    download = client.get(f"/jobs/{job.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF-")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    for candidate in opening.candidates.all():
        assert candidate.name in text
    assert recruiter.get_username() in text  # "Prepared by"


def test_the_report_is_started_by_post_only(client_as, recruiter, opening):
    assert client_as(recruiter).get(f"/openings/{opening.pk}/report/").status_code == 405
    assert not Job.objects.exists()


def test_who_may_start_a_report(client_as, outside_recruiter, viewer, opening):
    url = f"/openings/{opening.pk}/report/"
    assert client_as(outside_recruiter).post(url).status_code == 404
    assert client_as(viewer).post(url).status_code == 403
    anonymous = client_as(None).post(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert not Job.objects.exists()


def test_the_task_checks_access_again_when_it_runs(
    recruiter, opening, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.opening_report_request(opening=opening, user=recruiter)
    opening.hiring_team.remove(recruiter)  # left the team before the worker got to it
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.state == "failed"
    assert job.message == "You can no longer see this opening."
    assert not job.file


def test_a_role_without_requirements_fails_the_job_saying_why(
    hr_user, django_capture_on_commit_callbacks
):
    role = factories.RoleFactory(slug="blank-role", title="Blank Role")
    opening = factories.OpeningFactory(role=role, candidates=[factories.CandidateFactory()])
    with django_capture_on_commit_callbacks(execute=True):
        job = services.opening_report_request(opening=opening, user=hr_user)
    job.refresh_from_db()
    assert job.state == "failed" and "has no competency requirements" in job.message


def test_running_the_task_again_changes_nothing(
    hr_user, opening, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.opening_report_request(opening=opening, user=hr_user)
    job.refresh_from_db()
    before = (job.state, job.file.name, job.finished_at)
    assert tasks.export_opening_report(str(job.pk), opening.pk, hr_user.pk) == "succeeded"
    job.refresh_from_db()
    assert (job.state, job.file.name, job.finished_at) == before


def test_an_unexpected_error_fails_the_job_and_is_logged(
    client_as, recruiter, opening, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from candidates import exports

    def broken(report):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(exports, "opening_report_pdf", broken)
    response = start_report(client_as(recruiter), opening, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.state == "failed" and job.message.startswith("The report could not be made.")
    assert "layout exploded" in caplog.text and not job.file


def test_the_report_covers_the_compare_pages_top_n(
    client_as, recruiter, opening, django_capture_on_commit_callbacks
):
    opening.candidates.add(*factories.CandidateFactory.create_batch(3, name="Later Person"))
    with django_capture_on_commit_callbacks(execute=True):
        client_as(recruiter).post(f"/openings/{opening.pk}/report/", {"top": "2"})
    job = Job.objects.get()
    assert job.params == {"opening": opening.pk, "top": 2}
    assert job.result["summary"][1] == {"label": "Candidates compared", "value": 2}

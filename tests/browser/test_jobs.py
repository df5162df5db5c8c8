"""Following a background job in a real browser: the progress bar updates from the API without
a reload, the finished page shows the outcome; and the import journey from the upload form."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from candidates.models import Candidate
from jobs import services as jobs
from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser]


def test_the_job_page_follows_progress_then_shows_the_outcome(demo, page):
    recruiter = User.objects.get(username="recruiter")
    job = jobs.job_create(kind="candidate_import", created_by=recruiter, total=200)
    sign_in(page, "recruiter")
    page.goto(f"/jobs/{job.pk}/")
    bar = page.locator("progress#job-progress")
    expect(bar).to_have_attribute("value", "0")
    expect(page.get_by_role("link", name="Refresh")).to_be_hidden()  # the script follows it

    # While the page is open, the task runs and reports progress.
    jobs.job_start(job_id=job.pk)
    jobs.job_progress(job_id=job.pk, done=50)
    expect(page.locator("#job-status")).to_contain_text("Running 50 of 200", timeout=10_000)
    assert page.eval_on_selector("progress#job-progress", "bar => bar.value") == 25

    jobs.job_succeed(
        job_id=job.pk,
        result={"summary": [{"label": "Candidates added", "value": 7}]},
    )
    # The page reloads itself once the job has finished, and shows the result.
    expect(page.get_by_role("heading", name="Outcome")).to_be_visible(timeout=10_000)
    expect(page.locator("#job-status")).to_contain_text("Finished")
    expect(page.locator(".job-summary")).to_contain_text("Candidates added")


def test_recruiter_imports_a_file_and_lands_on_its_job(demo, page, tmp_path):
    sign_in(page, "recruiter")
    page.goto("/candidates/")
    page.get_by_role("link", name="Import from a file").click()
    path = tmp_path / "people.csv"
    path.write_text(
        "name,email,source,years_experience,ecommerce-strategy\n"
        "New Person,new.person@example.com,external,4,3\n"
    )
    page.get_by_label("File", exact=True).set_input_files(str(path))
    page.get_by_role("button", name="Import").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Candidate import")
    expect(page.locator("#job-status")).to_contain_text("Finished")
    page.get_by_role("link", name="New Person (added)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("New Person")
    assert Candidate.objects.filter(email="new.person@example.com").exists()
    screenshot(page, "import-candidate")

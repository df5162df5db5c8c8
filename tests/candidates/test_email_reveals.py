"""The email-taken answer (one candidate per email, everywhere) tells a recruiter that someone
they cannot see exists. It stays, throttled per user: after the allowance, every candidate save
by that user is refused alike (429 in the API, a form error with status 429 on the page) until
the window moves on, so the refusal reveals nothing about the email it named."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from candidates.models import EMAIL_TAKEN, Candidate
from tests import factories
from tests.api.conftest import BASE, assert_error

pytestmark = pytest.mark.django_db

ALLOWED = 3


@pytest.fixture(autouse=True)
def small_allowance(monkeypatch):
    cache.clear()
    monkeypatch.setattr(
        SimpleRateThrottle,
        "THROTTLE_RATES",
        {"candidate-email": f"{ALLOWED}/hour", "user": "1000/minute", "anon": "100/minute"},
    )
    yield
    cache.clear()


@pytest.fixture
def hidden():
    """Someone the recruiters cannot see (on no opening of theirs, created by HR)."""
    return factories.CandidateFactory(email="hidden@example.com")


def api_create(client: APIClient, email: str):
    return client.post(
        f"{BASE}/candidates/",
        {"name": "Probe", "email": email, "source": "external"},
        format="json",
    )


def test_the_api_answers_the_conflict_then_throttles_every_create(recruiter, hidden):
    client = APIClient()
    client.force_authenticate(recruiter)
    for _ in range(ALLOWED):
        assert_error(
            api_create(client, "HIDDEN@example.com"),
            400,
            "validation_error",
            field="email",
            contains=EMAIL_TAKEN,
        )

    # The next conflicting attempt gets 429, and says nothing about the email
    refused = api_create(client, "hidden@example.com")
    body = assert_error(refused, 429, "throttled")
    assert "email" not in body["errors"] and "email" not in body["detail"].lower()
    assert int(refused["Retry-After"]) > 0
    # A fresh email is refused the same way: the 429 does not tell taken from free
    assert_error(api_create(client, "fresh@example.com"), 429, "throttled")
    assert not Candidate.objects.filter(email="fresh@example.com").exists()


def test_successful_creates_spend_nothing(recruiter):
    client = APIClient()
    client.force_authenticate(recruiter)
    for number in range(ALLOWED + 2):
        assert api_create(client, f"new{number}@example.com").status_code == 201


def test_the_allowance_is_per_user(recruiter, outside_recruiter, hidden):
    client = APIClient()
    client.force_authenticate(recruiter)
    for _ in range(ALLOWED):
        api_create(client, "hidden@example.com")
    other = APIClient()
    other.force_authenticate(outside_recruiter)
    assert api_create(other, "hidden@example.com").status_code == 400


def test_hr_sees_every_candidate_anyway_and_is_not_throttled(hr_user, hidden):
    client = APIClient()
    client.force_authenticate(hr_user)
    for _ in range(ALLOWED + 2):
        assert api_create(client, "hidden@example.com").status_code == 400


def test_the_page_form_shares_the_allowance_and_refuses_alike(recruiter, hidden):
    client = Client()
    client.force_login(recruiter)
    url = reverse("candidates:candidate-create")

    def post(email: str):
        return client.post(
            url, {"name": "Probe", "email": email, "source": "external", "years_experience": "1"}
        )

    # Two conflicts on the page and one in the API spend the one allowance
    for _ in range(ALLOWED - 1):
        response = post("hidden@example.com")
        assert response.status_code == 400
        assert EMAIL_TAKEN in response.content.decode()
    api = APIClient()
    api.force_authenticate(recruiter)
    assert api_create(api, "hidden@example.com").status_code == 400

    for email in ("hidden@example.com", "fresh@example.com"):
        response = post(email)
        text = response.content.decode()
        assert response.status_code == 429
        assert "Too many of your recent candidates" in text
        assert EMAIL_TAKEN not in text
        assert int(response["Retry-After"]) > 0
    assert not Candidate.objects.filter(email="fresh@example.com").exists()


def _import(user, *emails: str):
    from candidates import services
    from jobs.models import Job
    from jobs.services import job_create

    lines = ["name,email,source,years_experience"]
    lines += [f"Person {n},{email},external,1" for n, email in enumerate(emails)]
    job = job_create(
        kind=services.IMPORT_JOB_KIND,
        created_by=user,
        file_name="people.csv",
        content=("\r\n".join(lines) + "\r\n").encode(),
    )
    services.candidate_import_run(job_id=str(job.pk))
    return Job.objects.get(pk=job.pk)


def test_an_import_spends_the_same_allowance(recruiter, hidden):
    from candidates.imports import NOT_VISIBLE

    others = [factories.CandidateFactory(email=f"other{n}@example.com") for n in range(2)]
    job = _import(recruiter, "hidden@example.com", others[0].email)
    assert [e["message"] for e in job.result["errors"]] == [NOT_VISIBLE, NOT_VISIBLE]
    # one answer left: the API gives it, then refuses
    client = APIClient()
    client.force_authenticate(recruiter)
    assert api_create(client, others[1].email).status_code == 400
    assert_error(api_create(client, "hidden@example.com"), 429, "throttled")


def test_a_file_of_guesses_beyond_the_allowance_learns_nothing_row_by_row(recruiter, hidden):
    from candidates.email_reveals import TOO_MANY_IN_FILE
    from candidates.imports import NOT_VISIBLE

    guesses = [factories.CandidateFactory(email=f"guess{n}@example.com").email for n in range(3)]
    job = _import(recruiter, "hidden@example.com", *guesses, "nobody@example.com")
    messages = [(e["row"], e["message"]) for e in job.result["errors"]]
    assert messages == [(None, TOO_MANY_IN_FILE)]
    assert NOT_VISIBLE not in str(job.result)
    assert not Candidate.objects.filter(email="nobody@example.com").exists()

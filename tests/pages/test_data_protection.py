"""Data protection on the pages and in the admin: HR downloads a candidate's personal data,
erases a candidate with a reason, and reads the erasure records; after an erasure every page
of the candidate, the admin's history page included, is a 404."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from candidates import erasure
from candidates.models import Candidate, ErasureRecord
from tests import factories

pytestmark = pytest.mark.django_db

EXPECTED = {"hr": 200, "recruiter": 403, "outsider": 404, "viewer": 403}


@pytest.fixture
def candidate(opening):
    return opening.candidates.order_by("id").first()


@pytest.mark.parametrize("who", [*EXPECTED, "anonymous"])
def test_personal_data_download_is_hrs_and_outsiders_get_404(who, client_as, candidate):
    response = client_as(who).get(
        reverse("candidates:candidate-personal-data", args=[candidate.pk])
    )

    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        return
    assert response.status_code == EXPECTED[who]
    if who == "hr":
        assert response["Content-Type"] == "application/json"
        assert response["Content-Disposition"].startswith(
            f'attachment; filename="candidate-{candidate.pk}-personal-data-'
        )
        assert response["Cache-Control"] == "private, no-store"
        document = json.loads(response.content)
        assert document["candidate"]["email"] == candidate.email


def test_the_download_is_the_apis_document(client_as, client_for, hr_user, candidate):
    page = json.loads(
        client_as("hr")
        .get(reverse("candidates:candidate-personal-data", args=[candidate.pk]))
        .content
    )
    api = client_for(hr_user).get(f"/api/v1/candidates/{candidate.pk}/personal-data/").json()
    page.pop("exported_at")
    api.pop("exported_at")
    assert page == api


def test_only_hr_is_offered_the_download_and_the_erasure(client_as, candidate):
    download = reverse("candidates:candidate-personal-data", args=[candidate.pk])
    erase = reverse("candidates:candidate-erase", args=[candidate.pk])
    url = reverse("candidates:candidate-detail", args=[candidate.pk])

    hr_page = client_as("hr").get(url).content.decode()
    recruiter_page = client_as("recruiter").get(url).content.decode()

    assert download in hr_page and erase in hr_page
    assert download not in recruiter_page and erase not in recruiter_page


@pytest.mark.parametrize("who", [*EXPECTED, "anonymous"])
def test_only_hr_may_open_the_erase_page(who, client_as, candidate):
    response = client_as(who).get(reverse("candidates:candidate-erase", args=[candidate.pk]))

    expected = {"hr": 200, "recruiter": 403, "outsider": 403, "viewer": 403, "anonymous": 302}
    assert response.status_code == expected[who]
    if who == "hr":
        assert "Erase the candidate" in response.content.decode()


@pytest.mark.parametrize(
    ("reason", "message"),
    [("", "This field is required."), ("{name} asked", "without naming the candidate")],
)
def test_a_bad_reason_is_a_field_error_and_nothing_is_erased(client_as, candidate, reason, message):
    response = client_as("hr").post(
        reverse("candidates:candidate-erase", args=[candidate.pk]),
        {"reason": reason.format(name=candidate.name)},
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Nothing was saved." in response.content.decode()
    assert Candidate.objects.filter(pk=candidate.pk).exists()
    assert not ErasureRecord.objects.exists()


def test_hr_erases_a_candidate_and_every_page_of_theirs_is_gone(client_as, hr_user, candidate):
    client = client_as("hr")
    client.get(reverse("admin:candidates_candidate_history", args=[candidate.pk]))

    response = client.post(
        reverse("candidates:candidate-erase", args=[candidate.pk]),
        {"reason": "Erasure request received by email"},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("candidates:erasure-list"), 302)]
    page = response.content.decode()
    assert f"Candidate #{candidate.pk} and their history were erased." in page
    assert "Erasure request received by email" in page
    assert candidate.name not in page
    record = ErasureRecord.objects.get()
    assert (record.candidate_id, record.erased_by) == (candidate.pk, hr_user)
    for url in (
        reverse("candidates:candidate-detail", args=[candidate.pk]),
        reverse("candidates:candidate-edit", args=[candidate.pk]),
        reverse("candidates:candidate-personal-data", args=[candidate.pk]),
        reverse("candidates:candidate-erase", args=[candidate.pk]),
        reverse("admin:candidates_candidate_history", args=[candidate.pk]),
        f"/api/v1/candidates/{candidate.pk}/",
        f"/api/v1/candidates/{candidate.pk}/personal-data/",
    ):
        assert client.get(url).status_code == 404, url
    # The admin's change page answers as for an id that never existed (Django's redirect)
    gone = client.get(reverse("admin:candidates_candidate_change", args=[candidate.pk]))
    never = client.get(reverse("admin:candidates_candidate_change", args=[987_654]))
    assert (gone.status_code, gone["Location"]) == (never.status_code, never["Location"])


@pytest.mark.parametrize("who", [*EXPECTED, "anonymous"])
def test_only_hr_reads_the_erasure_records(who, client_as, hr_user):
    erasure.candidate_erase(
        candidate=factories.CandidateFactory(), erased_by=hr_user, reason="Duplicate record"
    )

    response = client_as(who).get(reverse("candidates:erasure-list"))

    expected = {"hr": 200, "recruiter": 403, "outsider": 403, "viewer": 403, "anonymous": 302}
    assert response.status_code == expected[who]
    if who == "hr":
        assert "Duplicate record" in response.content.decode()


def test_the_erasure_list_costs_the_same_queries_for_more_records(
    client_as, hr_user, count_queries
):
    client = client_as("hr")
    url = reverse("candidates:erasure-list")

    def erase(count: int) -> None:
        for _ in range(count):
            erasure.candidate_erase(
                candidate=factories.CandidateFactory(), erased_by=hr_user, reason="Request"
            )
        erasure.candidate_erase(
            candidate=factories.CandidateFactory(), erased_by=None, reason="retention"
        )

    erase(1)
    few, _ = count_queries(client, url)
    erase(10)
    many, response = count_queries(client, url)
    assert many == few
    assert "Retention rule" in response.content.decode()


# --- The admin ------------------------------------------------------------------------------


def test_the_admins_delete_hands_over_to_the_erase_page(client_as, candidate):
    client = client_as("hr")

    response = client.get(reverse("admin:candidates_candidate_delete", args=[candidate.pk]))
    posted = client.post(
        reverse("admin:candidates_candidate_delete", args=[candidate.pk]), {"post": "yes"}
    )
    listing = client.get(reverse("admin:candidates_candidate_changelist"))

    erase = reverse("candidates:candidate-erase", args=[candidate.pk])
    assert (response.status_code, response["Location"]) == (302, erase)
    assert (posted.status_code, posted["Location"]) == (302, erase)
    assert Candidate.objects.filter(pk=candidate.pk).exists()
    assert "delete_selected" not in listing.content.decode()


def test_a_recruiter_may_not_delete_a_candidate_in_the_admin(client_as, candidate):
    response = client_as("recruiter").get(
        reverse("admin:candidates_candidate_delete", args=[candidate.pk])
    )

    assert response.status_code == 403
    assert Candidate.objects.filter(pk=candidate.pk).exists()


def test_the_admin_deletes_through_the_erasure_service(rf, hr_user, candidate):
    from django.contrib.admin.sites import site

    request = rf.post("/")
    request.user = hr_user
    site._registry[Candidate].delete_queryset(request, Candidate.objects.filter(pk=candidate.pk))

    assert not Candidate.history.filter(id=candidate.pk).exists()
    assert ErasureRecord.objects.get().erased_by == hr_user


def test_erasure_records_are_read_only_in_the_admin_and_hrs_alone(client_as, hr_user):
    record = erasure.candidate_erase(
        candidate=factories.CandidateFactory(), erased_by=hr_user, reason="Request"
    )
    hr = client_as("hr")
    change = reverse("admin:candidates_erasurerecord_change", args=[record.pk])

    assert hr.get(reverse("admin:candidates_erasurerecord_changelist")).status_code == 200
    page = hr.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert hr.post(change, {"reason": "Changed"}).status_code == 403
    assert hr.get(reverse("admin:candidates_erasurerecord_add")).status_code == 403
    assert (
        hr.get(reverse("admin:candidates_erasurerecord_delete", args=[record.pk])).status_code
        == 403
    )
    record.refresh_from_db()
    assert record.reason == "Request"
    recruiter = client_as("recruiter")
    assert recruiter.get(reverse("admin:candidates_erasurerecord_changelist")).status_code == 403

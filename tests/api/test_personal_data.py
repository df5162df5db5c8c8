"""``GET /api/v1/candidates/<id>/personal-data/``: HR's export of one candidate, in the shape
the schema documents; refusals in the error shape."""

from __future__ import annotations

import pytest

from candidates import erasure
from candidates.personal_data import candidate_personal_data
from tests import factories
from tests.api.conftest import BASE, assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidate(opening, hr_user):
    candidate = opening.candidates.order_by("id").first()
    factories.AssessmentFactory(candidate=candidate, evidence="Shipped the checkout", level=2)
    return candidate


def test_hr_gets_the_document_the_selector_builds(client_as, candidate):
    response = client_as("hr").get(f"{BASE}/candidates/{candidate.pk}/personal-data/")

    assert response.status_code == 200
    body = response.json()
    expected = candidate_personal_data(candidate)
    body.pop("exported_at")
    expected.pop("exported_at")
    assert body == expected
    assert body["assessments"][0]["evidence"] == "Shipped the checkout"
    assert response["Cache-Control"] == "private, no-store"


def test_the_schema_documents_every_key_of_the_document(client_as, api_client, candidate):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"][f"{BASE}/candidates/{{id}}/personal-data/"]["get"]
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    components = schema["components"]["schemas"]

    def keys(ref: str) -> set[str]:
        return set(components[ref.rsplit("/", 1)[-1]]["properties"])

    body = client_as("hr").get(f"{BASE}/candidates/{candidate.pk}/personal-data/").json()
    assert keys(ref) == set(body)
    history = components[ref.rsplit("/", 1)[-1]]["properties"]["history"]
    assert keys(history.get("$ref") or history["allOf"][0]["$ref"]) == set(body["history"])


def test_a_recruiter_who_sees_the_candidate_gets_403_and_an_outsider_404(client_as, candidate):
    url = f"{BASE}/candidates/{candidate.pk}/personal-data/"

    assert_error(client_as("recruiter").get(url), 403, "permission_denied", contains="Only HR")
    assert_error(client_as("outsider").get(url), 404, "not_found")
    assert_error(client_as("viewer").get(url), 404, "not_found")


def test_an_erased_candidate_is_a_404(client_as, candidate, hr_user):
    erasure.candidate_erase(candidate=candidate, erased_by=hr_user, reason="Request")

    response = client_as("hr").get(f"{BASE}/candidates/{candidate.pk}/personal-data/")

    assert_error(response, 404, "not_found")

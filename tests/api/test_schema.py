"""The OpenAPI document: valid, complete (every contract path, parameter and error response),
and generated without a single warning."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from openapi_spec_validator import validate

from tests.api.conftest import BASE

CONTRACT = {
    "/competency-categories/": {"get", "post"},
    "/competency-categories/{slug}/": {"get", "put", "patch", "delete"},
    "/competencies/": {"get", "post"},
    "/competencies/{slug}/": {"get", "put", "patch", "delete"},
    "/learning-resources/": {"get", "post"},
    "/learning-resources/{slug}/": {"get", "put", "patch", "delete"},
    "/roles/": {"get", "post"},
    "/roles/{slug}/": {"get", "put", "patch", "delete"},
    "/roles/{slug}/ranking/": {"get"},
    "/roles/{slug}/succession/": {"get"},
    "/promotion-paths/": {"get", "post"},
    "/promotion-paths/{id}/": {"get", "put", "patch", "delete"},
    "/career-route/": {"get"},
    "/candidates/": {"get", "post"},
    "/candidates/{id}/": {"get", "put", "patch"},
    "/candidates/export/": {"get"},
    "/candidates/{id}/fit/": {"get"},
    "/candidates/{id}/scorecard/": {"get", "post"},
    "/candidates/{id}/development-plan/": {"get"},
    "/candidates/{id}/personal-data/": {"get"},
    "/assessments/": {"get", "post"},
    "/assessments/{id}/": {"get"},
    "/openings/": {"get", "post"},
    "/openings/{id}/": {"get", "put", "patch"},
    "/comparisons/": {"post"},
    "/imports/": {"post"},
    "/tasks/{id}/": {"get"},
    "/tasks/{id}/download/": {"get"},
    "/audit/": {"get"},
    "/auth/token/": {"post", "delete"},
    "/auth/token/rotate/": {"post"},
}

# Codes an operation cannot give, so does not declare: obtaining a token reads no credentials
# but the body's (no 401/403); rotating reads no body (no 413/415).
NOT_GIVEN = {
    ("/auth/token/", "post"): {"401", "403"},
    ("/auth/token/rotate/", "post"): {"413", "415"},
}

PARAMETERS = {
    ("/competencies/", "get"): {"category", "search", "page", "page_size"},
    ("/roles/", "get"): {"level", "search", "page", "page_size"},
    ("/candidates/", "get"): {
        *("source", "opening", "current_role", "skill", "search", "page", "page_size"),
    },
    ("/candidates/export/", "get"): {
        *("format", "source", "opening", "current_role", "skill", "search"),
    },
    ("/assessments/", "get"): {"candidate", "competency", "page", "page_size"},
    ("/roles/{slug}/ranking/", "get"): {"slug", "opening", "candidates", "page", "page_size"},
    ("/roles/{slug}/succession/", "get"): {"slug"},
    ("/candidates/{id}/fit/", "get"): {"id", "role"},
    ("/candidates/{id}/scorecard/", "get"): {"id", "role"},
    ("/candidates/{id}/scorecard/", "post"): {"id", "role"},
    ("/candidates/{id}/development-plan/", "get"): {"id", "role"},
    ("/career-route/", "get"): {"from", "to", "candidate"},
}


@pytest.fixture
def schema(api_client, db) -> dict:
    response = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_a_valid_openapi_document(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")


def test_every_contract_operation_is_in_the_schema_and_nothing_else(schema):
    documented = {
        path.removeprefix(BASE): {m for m in ops if m != "parameters"}
        for path, ops in schema["paths"].items()
    }
    assert documented == CONTRACT


@pytest.mark.parametrize(("path", "method"), list(PARAMETERS), ids=str)
def test_filters_and_query_parameters_are_declared(schema, path, method):
    operation = schema["paths"][BASE + path][method]
    assert {p["name"] for p in operation.get("parameters", [])} == PARAMETERS[(path, method)]


def test_every_operation_declares_its_error_responses_in_the_one_shape(schema):
    error = {"$ref": "#/components/schemas/Error"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            expected = {"400", "401", "403", "429"}
            if method in {"post", "put", "patch"}:
                expected |= {"413", "415"}
            if "{" in path:
                expected.add("404")
            expected -= NOT_GIVEN.get((path.removeprefix(BASE), method), set())
            assert expected <= codes, (path, method, codes)
            for code in codes - {"200", "201", "202", "204"}:
                content = operation["responses"][code]["content"]["application/json"]
                assert content["schema"] == error, (path, method, code)
    error_schema = schema["components"]["schemas"]["Error"]
    assert set(error_schema["properties"]) == {"type", "status", "detail", "errors"}


def test_the_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn turns any warning (an unresolvable field, a guessed type) into an error
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
    assert (tmp_path / "schema.yaml").read_text().startswith("openapi: 3")

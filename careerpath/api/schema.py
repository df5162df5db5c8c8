"""The OpenAPI schema's view of errors: every operation declares the error responses it can
give, all with the one body of ``careerpath.api.errors.ErrorSerializer``.

Which codes an operation can give follows from how the API works, so it is derived here rather
than repeated on every view: 400 (bad input — every endpoint rejects unknown query parameters),
401, 403 and 429 everywhere; 404 where the path names an object and on lists (a page past the
end); 413 and 415 where a body is read; 409 where a write can collide with other data.

Versioned objects (a ``version`` in the representation, see ``careerpath.api.preconditions``)
also document the ``ETag`` response header on reads and writes of one object, the ``If-Match``
request header on PUT, PATCH and DELETE, and its 412.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from careerpath.api.errors import ErrorSerializer
from careerpath.api.fields import ReferenceListField, StrictCharField
from careerpath.text_checks import not_only_space_pattern, refused_text_pattern

ERROR_DESCRIPTIONS: dict[int, str] = {
    400: "Invalid input (`validation_error`) or an unacceptable body (`parse_error`); "
    "`errors` names each field.",
    401: "Not authenticated: send `Authorization: Token <key>` (or a session cookie).",
    403: "Authenticated, but your group may not do this.",
    404: "No such object, or one you may not see (the two are not told apart).",
    409: "Conflicts with other data (an object still in use, a duplicate, a stale `version` "
    "in the body: someone saved the object since you read it); nothing was saved.",
    412: "The `If-Match` header does not name the object's current version (someone saved it "
    "since you read it); nothing was saved. Read it again for the new ETag.",
    413: "The body is over the size limit (MAX_REQUEST_BYTES, 1 MiB by default).",
    415: "The body must be `application/json` in UTF-8.",
    429: "Too many requests; wait the number of seconds in `Retry-After`.",
}

BODY_METHODS = {"POST", "PUT", "PATCH"}
CONDITIONAL_METHODS = {"PUT", "PATCH", "DELETE"}

IF_MATCH = OpenApiParameter(
    "If-Match",
    {"type": "string", "pattern": r'^(\*|(W/)?"[0-9]{1,10}")$'},
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        'The ETag you read (`"3"`): the write happens only if the object is still at that '
        "version, else 412 and nothing changes. `*` only asks that the object exists. Without "
        "it the write is unconditional (and changes only the fields it sends that differ)."
    ),
)
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    response=[200, 201],
    description='The object\'s version as a strong entity tag (`"3"`); send it as If-Match.',
)


class CareerPathAutoSchema(AutoSchema):
    def _is_versioned_object(self) -> bool:
        """One object (not a list) whose representation has a ``version``."""
        if "{" not in self.path or self._is_list_view():
            return False
        get_serializer_class = getattr(self.view, "get_serializer_class", None)
        if get_serializer_class is None:
            return False
        try:
            serializer_class = get_serializer_class()
        except AssertionError:  # a view without a serializer
            return False
        return "version" in getattr(serializer_class, "_declared_fields", {})

    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        if self._is_versioned_object():
            parameters.append(ETAG)
            if self.method in CONDITIONAL_METHODS:
                parameters.append(IF_MATCH)
        return parameters

    def error_codes(self) -> set[int]:
        codes = {400, 401, 403, 429}
        if self.method in BODY_METHODS:
            codes |= {409, 413, 415}
        if self.method == "DELETE":
            codes.add(409)
        if "{" in self.path or self._is_list_view():
            codes.add(404)
        if self.method in CONDITIONAL_METHODS and self._is_versioned_object():
            codes |= {409, 412}
        codes |= set(getattr(self.view, "extra_error_codes", ()))
        return codes - set(getattr(self.view, "excluded_error_codes", ()))

    def _map_serializer(self, serializer, direction, bypass_extensions=False):
        # A rule across fields ("either this or that") that a serializer states in JSON Schema
        # as ``request_schema_rules`` joins its request component.
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        if direction == "request":
            schema.update(getattr(serializer, "request_schema_rules", {}))
        return schema

    def _get_request_for_media_type(self, serializer, direction="request"):
        # A body whose rules span fields (``request_schema_rules``) cannot be left out either.
        schema, required = super()._get_request_for_media_type(serializer, direction)
        return schema, required or bool(getattr(serializer, "request_schema_rules", None))

    def _get_filter_parameters(self):
        # A filter given empty is refused (``ApiViewMixin.check_query_parameters``), so a filter
        # on text has at least one character; a number or a choice says so already.
        parameters = super()._get_filter_parameters()
        filterset_class = getattr(self.view, "filterset_class", None)
        filters = set(filterset_class.base_filters) if filterset_class is not None else set()
        for parameter in parameters:
            schema = parameter.get("schema", {})
            if parameter["name"] in filters and schema.get("type") == "string":
                schema.setdefault("minLength", 1)
        return parameters

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if direction == "request":
            if isinstance(field, StrictCharField) and _is_free_text(schema):
                schema["not"] = {"pattern": refused_text_pattern(multiline=field.multiline)}
                if field.trim_whitespace and not field.allow_blank:
                    schema["pattern"] = not_only_space_pattern()
            if isinstance(field, ReferenceListField):
                schema["uniqueItems"] = True
        return schema

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in sorted(self.error_codes()):
            responses.setdefault(
                str(code),
                self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code]),
                    str(code),
                    direction=direction,
                ),
            )
        return responses


def _is_free_text(schema: dict[str, Any]) -> bool:
    """A string schema that says nothing yet about its characters."""
    return schema.get("type") == "string" and not {"enum", "pattern", "format", "not"} & set(schema)


def tighten_schema(result: dict[str, Any], generator: Any, request: Any, public: bool) -> Any:
    """Say in the schema what the API machinery enforces on every endpoint, so that the schema
    stays true as endpoints are added (Schemathesis holds it to that:
    tests/api/test_schemathesis.py):

    * a request body with a key that names no field is a 400 (``StrictFieldsMixin``):
      ``additionalProperties: false`` on every request component;
    * a query or path value with a control, bidirectional or line-break character is a 400
      (``ApiViewMixin.check_query_parameters``): free-text parameters say which characters.
    """
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component.setdefault("additionalProperties", False)
    single_line = {"pattern": refused_text_pattern(multiline=False)}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") in {"query", "path"} and _is_free_text(schema):
                    schema["not"] = dict(single_line)
    return result

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
    OpenApiTypes.STR,
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

"""The OpenAPI schema's view of errors: every operation declares the error responses it can
give, all with the one body of ``careerpath.api.errors.ErrorSerializer``.

Which codes an operation can give follows from how the API works, so it is derived here rather
than repeated on every view: 400 (bad input — every endpoint rejects unknown query parameters),
401, 403 and 429 everywhere; 404 where the path names an object and on lists (a page past the
end); 413 and 415 where a body is read; 409 where a write can collide with other data.
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from careerpath.api.errors import ErrorSerializer

ERROR_DESCRIPTIONS: dict[int, str] = {
    400: "Invalid input (`validation_error`) or an unacceptable body (`parse_error`); "
    "`errors` names each field.",
    401: "Not authenticated: send `Authorization: Token <key>` (or a session cookie).",
    403: "Authenticated, but your group may not do this.",
    404: "No such object, or one you may not see (the two are not told apart).",
    409: "Conflicts with other data (an object still in use, a duplicate); nothing was saved.",
    413: "The body is over the size limit (MAX_REQUEST_BYTES, 1 MiB by default).",
    415: "The body must be `application/json` in UTF-8.",
    429: "Too many requests; wait the number of seconds in `Retry-After`.",
}

BODY_METHODS = {"POST", "PUT", "PATCH"}


class CareerPathAutoSchema(AutoSchema):
    def error_codes(self) -> set[int]:
        codes = {400, 401, 403, 429}
        if self.method in BODY_METHODS:
            codes |= {409, 413, 415}
        if self.method == "DELETE":
            codes.add(409)
        if "{" in self.path or self._is_list_view():
            codes.add(404)
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

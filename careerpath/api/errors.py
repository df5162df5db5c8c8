"""One JSON shape for every API error, and the handler that produces it.

Every 4xx answer of the API has this body::

    {
      "type": "validation_error",        # machine-readable kind, see ERROR_TYPES
      "status": 400,                      # the HTTP status, repeated for logs and clients
      "detail": "Invalid input: see errors for each field.",
      "errors": {"requirements.1.weight": ["Ensure this value is greater than or equal to 1."]}
    }

``errors`` maps a field path (nested fields joined with dots, list items by index;
``non_field_errors`` for the object as a whole) to its messages; it is ``{}`` when the error is not
about particular fields (401, 403, 404, ...).

The handler also translates what the service layer and Django raise — a ``ValidationError`` from a
service (with its ``message_dict``; one naming a ``field``, such as ``RoleNotScorable``, under
that field), ``Http404``, ``RequestDataTooBig``, an ``IntegrityError`` from a race the validation
could not see — so none of them becomes a 500 or an HTML page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers, status
from rest_framework.settings import api_settings

NON_FIELD = "non_field_errors"

ERROR_TYPES: dict[str, str] = {
    "validation_error": "400: the input is invalid; `errors` says where and why.",
    "parse_error": "400: the body is not acceptable JSON (malformed, NaN, too deep, NUL, ...).",
    "bad_request": "400: the request itself cannot be read (e.g. over 1000 query fields).",
    "not_authenticated": "401: no credentials were sent (see the WWW-Authenticate header).",
    "authentication_failed": "401: the credentials are wrong (e.g. an unknown token).",
    "permission_denied": "403: your group may not do this.",
    "not_found": "404: no such object, or one you may not see (the API does not tell apart).",
    "method_not_allowed": "405: the endpoint does not support this HTTP method.",
    "not_acceptable": "406: the API only answers application/json.",
    "conflict": "409: the change conflicts with other data (e.g. deleting a role in use, or "
    "a stale `version` in the body: someone saved the object since you read it).",
    "precondition_failed": "412: the object's version is no longer the one your If-Match "
    "header names (someone saved it since you read it); nothing was saved.",
    "request_too_large": "413: the body is over the documented size limit.",
    "unsupported_media_type": "415: send the body as application/json (UTF-8).",
    "throttled": "429: too many requests; retry after the Retry-After header's seconds.",
    "locked_out": "429: too many wrong passwords for this username from your address; retry "
    "after the Retry-After header's seconds (each further try restarts the wait).",
}


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "request_too_large"

    def __init__(self, limit: int | None = None) -> None:
        if limit is None:
            super().__init__()
        else:
            super().__init__(f"The request body is over the limit of {limit} bytes.")


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The change conflicts with existing data; nothing was saved."
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The object changed since you read it; nothing was saved."
    default_code = "precondition_failed"


class BodyParseError(exceptions.ParseError):
    """A body that is not acceptable JSON; ``errors`` locates the offending values if it can."""

    def __init__(self, detail: str, code: str, errors: dict[str, list[str]] | None = None):
        super().__init__(detail, code)
        self.errors = errors or {}


class ErrorSerializer(serializers.Serializer):
    """The body of every error response (documents the shape in the OpenAPI schema)."""

    type = serializers.CharField(
        help_text="Kind of error: " + "; ".join(f"`{k}` ({v})" for k, v in ERROR_TYPES.items())
    )
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(help_text="A sentence for humans.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=(
            "Field path (nested fields joined with dots, list items by index; "
            f"`{NON_FIELD}` for the whole object) → messages. Empty when not about fields."
        ),
    )


def error_body(
    type_: str, status_code: int, detail: str, errors: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    return {"type": type_, "status": status_code, "detail": detail, "errors": errors or {}}


def flatten_errors(detail: Any, path: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as ``{"a.0.b": [messages]}``.

    Errors about a nested object as a whole sit at that object's path; about the whole body,
    under ``non_field_errors``.
    """
    flat: dict[str, list[str]] = {}

    def merge(nested: dict[str, list[str]]) -> None:
        for key, messages in nested.items():
            flat.setdefault(key, []).extend(messages)

    if isinstance(detail, Mapping):
        for key, value in detail.items():
            if key in ("__all__", api_settings.NON_FIELD_ERRORS_KEY):
                merge(flatten_errors(value, path))
            else:
                merge(flatten_errors(value, f"{path}.{key}" if path else str(key)))
    elif isinstance(detail, list | tuple):
        for index, item in enumerate(detail):
            if isinstance(item, Mapping | list | tuple):
                merge(flatten_errors(item, f"{path}.{index}" if path else str(index)))
            else:
                flat.setdefault(path or NON_FIELD, []).append(str(item))
    else:
        flat.setdefault(path or NON_FIELD, []).append(str(detail))
    return flat


def _translate(exc: Exception) -> exceptions.APIException | None:
    """Django's and the service layer's exceptions as the matching API exception."""
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, Http404):
        return exceptions.NotFound(str(exc) or None)
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, RequestDataTooBig):
        return RequestTooLarge(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    field = getattr(exc, "field", None)
    if isinstance(exc, DjangoValidationError) and isinstance(field, str):
        # A service error about one input (RoleNotScorable: the role), reported under its name.
        return exceptions.ValidationError({field: exc.messages}, code=exc.code)
    if isinstance(exc, DjangoValidationError):
        if getattr(exc, "code", None) in ("protected", "conflict", "stale"):
            return Conflict(" ".join(exc.messages))
        return exceptions.ValidationError(serializers.as_serializer_error(exc))
    if isinstance(exc, IntegrityError):
        return Conflict()
    return None


def _summary(exc: exceptions.APIException, errors: dict[str, list[str]]) -> str:
    if not isinstance(exc, exceptions.ValidationError):
        return str(exc.detail)
    if set(errors) == {NON_FIELD} and len(errors[NON_FIELD]) == 1:
        return errors[NON_FIELD][0]
    if len(errors) == 1 and len(next(iter(errors.values()))) == 1:
        return next(iter(errors.values()))[0]
    return "Invalid input: see errors for each field."


def api_exception_handler(exc: Exception, context: dict[str, Any]):
    """DRF's ``EXCEPTION_HANDLER``: every handled error gets the one shape."""
    # Imported here: rest_framework.views reads the renderer setting, which imports
    # careerpath.api.parser, which imports this module — a cycle if it ran at import time.
    from rest_framework.views import exception_handler as drf_exception_handler

    translated = _translate(exc)
    if translated is None:
        return None  # a real bug: let it be a 500 and be logged
    response = drf_exception_handler(translated, context)
    if response is None:
        return None
    if isinstance(translated, exceptions.ValidationError):
        errors = flatten_errors(translated.detail)
        type_ = "validation_error"
    else:
        errors = getattr(translated, "errors", {})
        type_ = translated.default_code
    response.data = error_body(type_, response.status_code, _summary(translated, errors), errors)
    return response


@csrf_exempt
def api_not_found(request: HttpRequest, unmatched: str = "") -> JsonResponse:
    """Any path under /api/ that names no endpoint: a JSON 404, not Django's HTML page.

    Without this, a POST to a path missing its trailing slash would even be a 500 in DEBUG
    (``APPEND_SLASH`` cannot redirect a POST).
    """
    detail = "No API endpoint at this address."
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not api_not_found:
            detail = f"No API endpoint at this address; did you mean {request.path}/ ?"
    return JsonResponse(
        error_body("not_found", 404, detail),
        status=404,
        json_dumps_params={"separators": (",", ":")},
    )

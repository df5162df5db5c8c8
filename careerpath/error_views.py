"""The error views Django falls back on: JSON in the API's error shape under /api/, the HTML page
elsewhere.

An integration must be able to parse every answer, even those Django gives outside DRF's own
handling (more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` query or form fields, a body over the size
limit, a ``PermissionDenied`` from middleware) and the one for a bug; a browser user gets the
friendly page.
The exception itself is logged by Django before these views run.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.views.defaults import permission_denied as html_permission_denied
from django.views.defaults import server_error as html_server_error

from careerpath.api.errors import error_body

logger = logging.getLogger(__name__)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _json(type_: str, status: int, detail: str) -> JsonResponse:
    return JsonResponse(
        error_body(type_, status, detail),
        status=status,
        json_dumps_params={"separators": (",", ":")},
    )


def bad_request_detail(exception: Exception | None) -> str:
    """What was wrong with the request, in words (Django's 400s carry no message for people)."""
    if isinstance(exception, TooManyFieldsSent):
        return (
            "The request has too many query or form fields "
            f"(at most {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS})."
        )
    if isinstance(exception, TooManyFilesSent):
        return "The request has too many files."
    return "The request is malformed and cannot be read."


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        if isinstance(exception, RequestDataTooBig):
            return _json(
                "request_too_large",
                413,
                f"The request body is over the limit of {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} "
                "bytes.",
            )
        return _json("bad_request", 400, bad_request_detail(exception))
    # Rendered with the request (Django's own 400 view renders without it) so the page has its
    # navigation. The template must not read request.GET/POST: they raise again here.
    try:
        return render(request, "400.html", {"detail": bad_request_detail(exception)}, status=400)
    except Exception:  # the plain answer beats a 500 on top of the 400
        logger.exception("The 400 page could not be rendered")
        return HttpResponseBadRequest(b"<h1>Bad Request (400)</h1>", content_type="text/html")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        detail = str(exception) if exception is not None and str(exception) else ""
        return _json("permission_denied", 403, detail or "You may not do this.")
    return html_permission_denied(request, exception or PermissionDenied())


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return _json(
            "server_error",
            500,
            "Something went wrong on our side; the error has been logged. Please retry later.",
        )
    return html_server_error(request)

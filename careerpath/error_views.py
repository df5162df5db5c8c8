"""The server-error view: JSON in the API's error shape under /api/, the HTML page elsewhere.

An integration must be able to parse every answer, even the one for a bug; a browser user
gets the friendly page. The exception itself is logged by Django before this view runs.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import server_error as html_server_error

from careerpath.api_errors import error_body


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            error_body(
                "server_error",
                500,
                "Something went wrong on our side; the error has been logged. Please retry later.",
            ),
            status=500,
        )
    return html_server_error(request)

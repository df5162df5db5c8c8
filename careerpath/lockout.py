"""What a locked-out sign-in gets (django-axes' ``AXES_LOCKOUT_CALLABLE``).

Axes refuses a username from an address after ``AXES_FAILURE_LIMIT`` wrong passwords, and every
further try — right or wrong — restarts the cool-off. So the lock ends ``AXES_COOLOFF_TIME``
after this very request, which is what both answers say: the sign-in page (and the admin's) a
page in the site's style naming the time, the API its JSON error shape with ``Retry-After``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from careerpath.api.errors import error_body

LOCKED_OUT_STATUS = 429


def client_address(request: HttpRequest) -> str | None:
    """The caller's address for the lockout (``AXES_CLIENT_IP_CALLABLE``).

    Behind ``TRUSTED_PROXY_COUNT`` reverse proxies, each appending to ``X-Forwarded-For``, the
    client is the entry that many places from the right (entries further left are whatever the
    client sent, so they are never trusted). Without a proxy it is ``REMOTE_ADDR``. Were the
    proxy's own address used, every user would share it, and anyone could lock anyone out.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            address.strip()
            for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if address.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    cool_off = settings.AXES_COOLOFF_TIME
    seconds = int(cool_off.total_seconds())
    minutes = max(1, round(seconds / 60))
    until = timezone.localtime(timezone.now() + cool_off)
    if request.path.startswith("/api/"):
        detail = (
            f"Too many failed sign-ins for this username from your address: try again in "
            f"{minutes} minutes ({until:%H:%M} {until.tzname()}); each further try restarts "
            "the wait."
        )
        response: HttpResponse = JsonResponse(
            error_body("locked_out", LOCKED_OUT_STATUS, detail),
            status=LOCKED_OUT_STATUS,
            json_dumps_params={"separators": (",", ":")},
        )
    else:
        response = render(
            request,
            "registration/locked_out.html",
            {
                "minutes": minutes,
                "until": until,
                "failure_limit": settings.AXES_FAILURE_LIMIT,
                "is_admin": request.path.startswith("/admin/"),
            },
            status=LOCKED_OUT_STATUS,
        )
    response["Retry-After"] = str(seconds)
    return response

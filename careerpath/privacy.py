"""Personal data stays out of shared caches: every page and API answer is ``private, no-store``.

Everything the app serves past the sign-in page is about people or shown to one signed-in person
(candidates, openings, assessments, rankings, comparisons, and the header naming the user), so
the rule is stated once, here, for every dynamic response rather than view by view: a new page
cannot forget it. Static files never reach this middleware (WhiteNoise answers them first, and
they are public and cacheable). A view that sets its own ``Cache-Control`` keeps it; Django's
``never_cache`` pages (sign-in, admin) already say ``private, no-store``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

PRIVATE_NO_STORE = "private, no-store"


class PrivateCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = PRIVATE_NO_STORE
        return response

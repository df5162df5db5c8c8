"""The app's own 404 page while ``DEBUG`` is on (``OWN_ERROR_PAGES``; ``make run`` sets it).

With ``DEBUG`` Django answers a 404 with its technical page (URL patterns, settings hints),
which people trying the app through ``make run`` should not meet; a 403 already goes through
``handler403`` in every mode. This middleware gives them what production gives: Django's
``page_not_found`` view with the project's ``404.html`` — for an ``Http404`` a view raises
(``process_exception``) and for an address no URL pattern matches (the request then has no
``resolver_match``). Without DEBUG, or with the setting off, it steps aside.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.defaults import page_not_found


class OwnErrorPagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @staticmethod
    def active() -> bool:
        return bool(settings.DEBUG and getattr(settings, "OWN_ERROR_PAGES", False))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            self.active()
            and response.status_code == 404
            and getattr(request, "resolver_match", None) is None
        ):
            return page_not_found(request, Http404("No page at this address."))
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if self.active() and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None

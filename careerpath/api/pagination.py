"""Page-number pagination: ``count``, ``next``, ``previous``, ``results``.

DRF's own pagination falls back to the default page size when ``page_size`` is not a positive
number (``0``, ``-1``, ``abc``), and keeps the bad value in the ``next`` link; a ``page`` that is
not a number is a 404 as if it were past the end. For an integration both are mistakes it should
hear about, so either is a 400 naming the parameter. A page past the end stays a 404.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination

from careerpath.text_checks import positive_number


class ApiPagination(PageNumberPagination):
    """``?page=N`` (from 1) and ``?page_size=N`` (from 1; above ``API_MAX_PAGE_SIZE`` counts as
    the maximum)."""

    page_size_query_param = "page_size"
    page_query_description = (
        "The page: a whole number from 1 (default 1). Anything else is a 400; a page past the "
        "last is a 404."
    )
    page_size_query_description = (
        "Results per page: a whole number from 1 (default API_PAGE_SIZE, 50); above "
        "API_MAX_PAGE_SIZE (200) counts as the maximum. Anything else is a 400."
    )
    invalid_page_message = "There is no page {page_number}."

    @property
    def max_page_size(self) -> int:  # read per request so tests and settings can change it
        return settings.API_MAX_PAGE_SIZE

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        errors: dict[str, list[str]] = {}
        page = request.query_params.get(self.page_query_param)
        if page is not None and positive_number(page) is None:
            errors[self.page_query_param] = ["Must be a page number: a whole number from 1."]
        size = request.query_params.get(self.page_size_query_param)
        if size is not None and positive_number(size) is None:
            errors[self.page_size_query_param] = [
                f"Must be a whole number from 1 (at most {self.max_page_size} are returned)."
            ]
        if errors:
            raise exceptions.ValidationError(errors)
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request: Any) -> int:
        size = positive_number(request.query_params.get(self.page_size_query_param, ""))
        return min(size, self.max_page_size) if size is not None else self.page_size

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        # Both are whole numbers from 1: say so, so that clients (and Schemathesis) do not read
        # 0 as valid input.
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"] = {**parameter["schema"], "minimum": 1}
        return parameters

    def get_page_number(self, request: Any, paginator: Any) -> Any:
        # Checked in paginate_queryset; one past the last page is Django's "no such page".
        return positive_number(request.query_params.get(self.page_query_param, "1")) or 1

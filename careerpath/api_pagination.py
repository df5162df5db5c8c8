"""Page-number pagination: ``count``, ``next``, ``previous``, ``results``."""

from __future__ import annotations

from django.conf import settings
from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    """``?page=N`` (from 1) and ``?page_size=N`` (up to ``API_MAX_PAGE_SIZE``)."""

    page_size_query_param = "page_size"

    @property
    def max_page_size(self) -> int:  # read per request so tests and settings can change it
        return settings.API_MAX_PAGE_SIZE

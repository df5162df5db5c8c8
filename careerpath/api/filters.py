"""The search filter every API list uses, with limits a free-text box needs.

DRF's ``SearchFilter`` splits ``?search=`` into words and makes one ``OR`` over the search
fields per word, joined by ``AND``: a few thousand words are an SQL expression SQLite refuses to
build ("Expression tree is too large", a 500) and a slow query everywhere else. A search is
refused with a field error past ``MAX_SEARCH_LENGTH`` characters (the pages' search boxes take
the same) or ``MAX_SEARCH_TERMS`` words.
"""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions
from rest_framework.filters import SearchFilter

MAX_SEARCH_LENGTH = 200
MAX_SEARCH_TERMS = 10


class BoundedSearchFilter(SearchFilter):
    def get_search_terms(self, request: Any) -> list[str]:
        value = request.query_params.get(self.search_param, "")
        if len(value) > MAX_SEARCH_LENGTH:
            raise exceptions.ValidationError(
                {self.search_param: [f"At most {MAX_SEARCH_LENGTH} characters."]}
            )
        terms = super().get_search_terms(request)
        if len(terms) > MAX_SEARCH_TERMS:
            raise exceptions.ValidationError(
                {self.search_param: [f"At most {MAX_SEARCH_TERMS} words."]}
            )
        return terms

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["maxLength"] = MAX_SEARCH_LENGTH
            parameter["description"] = (
                f"{parameter['description']} At most {MAX_SEARCH_LENGTH} characters and "
                f"{MAX_SEARCH_TERMS} words."
            )
        return parameters

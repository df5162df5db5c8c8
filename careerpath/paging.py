"""Rows to paginate whose total is already known.

Django's and DRF's paginators call ``count()`` on what they page through, then slice it. For a
ranking of 100,000 stored scores that COUNT is most of the page's cost, while the total is
already known more cheaply (an opening's member count). ``CountedRows`` hands the paginator
that number and passes slices through to the queryset.
"""

from __future__ import annotations

from typing import Any


class CountedRows:
    ordered = True  # the wrapped queryset is ordered; Django's paginator asks

    def __init__(self, rows: Any, count: int) -> None:
        self.rows = rows
        self.total = count

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, key: Any) -> Any:
        return self.rows[key]

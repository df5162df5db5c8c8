"""A plain Django JSON view of the same rows as ``GET /api/v1/candidates/``, to price DRF.

Same caller (a token in ``Authorization``), same selector (``candidate_list``: what this user
may see, its role joined), same order, same page size, same fields and the same body shape
(``count``, ``results``) — without DRF's request wrapping, throttles, permission classes,
query-parameter checks, serializer and renderer. Bench-only: mounted by ``bench/load/urls.py``.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, JsonResponse
from rest_framework.authtoken.models import Token

from candidates import selectors

PAGE_SIZE = 50


def plain_candidate_list(request: HttpRequest) -> JsonResponse:
    header = request.headers.get("Authorization", "")
    key = header.removeprefix("Token ").strip()
    token = Token.objects.select_related("user").filter(key=key).first() if key else None
    if token is None or not token.user.is_active:
        return JsonResponse({"detail": "Not authenticated."}, status=401)
    rows = selectors.candidate_list(token.user).values(
        "id", "name", "email", "source", "current_role__slug", "years_experience", "notes"
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page", "1"))
    results = [
        {
            "id": row["id"],
            "name": row["name"],
            "email": row["email"],
            "source": row["source"],
            "current_role": row["current_role__slug"],
            "years_experience": row["years_experience"],
            "notes": row["notes"],
        }
        for row in page.object_list
    ]
    return JsonResponse({"count": page.paginator.count, "results": results})

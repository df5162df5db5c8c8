"""Template context shared by every page: what the signed-in user may use."""

from __future__ import annotations

from django.http import HttpRequest

from careerpath import access


def navigation(request: HttpRequest) -> dict[str, bool]:
    user = request.user
    return {
        "can_maintain_framework": access.can_maintain_framework(user),
        "can_work_with_candidates": access.can_work_with_candidates(user),
        "can_read_audit": access.can_read_audit(user),
    }

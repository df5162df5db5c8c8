"""A throttle on the answers that reveal something, not on every request.

Some refusals tell the caller a fact they may not otherwise learn (an email is taken by a
candidate they cannot see). Those answers are counted per user in Django's cache (the same cache
as DRF's throttles, ``CACHE_URL``); once ``rate`` of them have been given in the window, every
further request *of that kind* is refused — whatever its input — until the window moves on, so
the refusal itself reveals nothing. The API refuses with 429 (DRF's ``Throttled``, with
``Retry-After``); a page shows a form error with status 429.
"""

from __future__ import annotations

from typing import Any

from rest_framework.throttling import SimpleRateThrottle


class RevealThrottle(SimpleRateThrottle):
    """Subclasses name the ``scope`` (its rate is ``DEFAULT_THROTTLE_RATES[scope]``) and may
    exempt users who may see everything anyway."""

    def exempt(self, user: Any) -> bool:
        return False

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or self.exempt(user):
            return None
        return self.cache_format % {"scope": self.scope, "ident": user.pk}

    def _load(self, request: Any) -> bool:
        """Read this user's recent revealing answers; False when nothing is counted."""
        if self.rate is None:
            return False
        self.key = self.get_cache_key(request, None)
        if self.key is None:
            return False
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        return True

    def allow_request(self, request: Any, view: Any) -> bool:
        """Checking costs nothing from the allowance: only ``record`` spends it."""
        if not self._load(request):
            return True
        return len(self.history) < self.num_requests

    def remaining(self, request: Any) -> int | None:
        """How many more revealing answers this user may get now (None: not counted)."""
        if not self._load(request):
            return None
        return max(0, self.num_requests - len(self.history))

    def record(self, request: Any, count: int = 1) -> None:
        """``count`` revealing answers were given to this user."""
        if self._load(request):
            self.history[:0] = [self.now] * count
            self.cache.set(self.key, self.history, self.duration)

    def retry_after(self) -> int:
        """Whole seconds until the next attempt may be answered (after ``allow_request``)."""
        return max(1, int(self.wait() or 1))

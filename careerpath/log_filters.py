"""Logging filters (see ``LOGGING`` in settings)."""

from __future__ import annotations

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """A 4xx that ``django.request`` logs with its exception (a ``PermissionDenied`` is logged
    as "Forbidden (Permission denied): /path" plus the whole traceback) becomes that one line:
    a refused request is expected, not a bug. 5xx records keep their traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True

"""Exported files as HTTP downloads, for the pages and the API alike (after their access check
and their own input checks)."""

from __future__ import annotations

from collections.abc import Iterator

from django.http import HttpResponse, HttpResponseBase, StreamingHttpResponse


def file_download(
    content: bytes | Iterator[bytes], content_type: str, filename: str
) -> HttpResponseBase:
    """A file to save: bytes in one response, or an iterator of bytes streamed as it is made
    (the rows of a large CSV are never all in memory)."""
    response: HttpResponseBase
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=content_type)
    else:
        response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Personal data: no shared cache may keep it, and no browser may guess another type.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response

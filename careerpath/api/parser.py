"""JSON in and out of the API, guarded so that no request body can produce a 500.

The parser reads at most ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes (Django only enforces that limit
when ``request.body`` is used, and DRF parses from the stream), refuses non-UTF-8 charsets, and
checks the parsed document before any serializer sees it:

* nesting deeper than ``MAX_JSON_DEPTH`` — Python's decoder recurses, so a body of a few thousand
  ``[`` would otherwise end in ``RecursionError``;
* ``NaN``/``Infinity`` and numbers too large for a float (``1e999``), which JSON does not allow,
  and integers of absurd length (Python refuses to convert more than 4300 digits);
* NUL characters (PostgreSQL cannot store them) and lone surrogates (not Unicode text at all);
* an object repeating a key (``{"level": 1, "level": 5}`` — which one was meant?).

Each problem is reported with the path of the value in the document (``requirements.2.weight``)
so the client sees a field-level error.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from django.conf import settings
from rest_framework.exceptions import UnsupportedMediaType
from rest_framework.parsers import BaseParser
from rest_framework.renderers import JSONRenderer

from careerpath.api.errors import BodyParseError, RequestTooLarge

MAX_JSON_DEPTH = 32
MAX_REPORTED_PROBLEMS = 20
MAX_INTEGER_DIGITS = 30
_FORBIDDEN_CHARACTERS = re.compile("[\x00\ud800-\udfff]")


class _BadNumber:
    """Stands in for NaN, Infinity, an overflowing float or an absurdly long integer until the
    walk knows its path."""

    def __init__(self, text: str, problem: str) -> None:
        self.text = text
        self.problem = problem

    def message(self) -> str:
        shown = self.text if len(self.text) <= 24 else f"{self.text[:20]}…"
        return f"{shown} is {self.problem}."


class _DuplicateKeys(dict):
    """An object that repeated a key; the walk reports it with its path."""

    duplicates: list[str]


def _object_from_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    repeated: list[str] = []
    for key, value in pairs:
        if key in result:
            repeated.append(key)
        result[key] = value
    if not repeated:
        return result
    marked = _DuplicateKeys(result)
    marked.duplicates = repeated
    return marked


def _parse_float(text: str) -> float | _BadNumber:
    value = float(text)
    return value if math.isfinite(value) else _BadNumber(text, "not a finite number")


def _parse_constant(text: str) -> _BadNumber:
    return _BadNumber(text, "not a number JSON allows (NaN and Infinity are not JSON)")


def _parse_int(text: str) -> int | _BadNumber:
    # Python refuses to convert integers of more than 4300 digits (a ValueError mid-parse);
    # no field of the API takes more than 19.
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        return _BadNumber(text, f"longer than {MAX_INTEGER_DIGITS} digits")
    return int(text)


def _describe_character(text: str) -> str:
    match = _FORBIDDEN_CHARACTERS.search(text)
    assert match is not None
    char = match.group()
    if char == "\x00":
        return "Null characters are not allowed."
    return f"Contains a lone surrogate (U+{ord(char):04X}): not valid Unicode text."


def _join(path: str, key: str | int) -> str:
    return f"{path}.{key}" if path else str(key)


def document_problems(document: Any, *, max_depth: int = MAX_JSON_DEPTH) -> dict[str, list[str]]:
    """Path → messages for everything the API refuses in a parsed document (empty: all good).

    Iterative, so that checking a deep document cannot itself exhaust the stack.
    """
    problems: dict[str, list[str]] = {}
    stack: list[tuple[str, Any, int]] = [("", document, 0)]
    while stack and len(problems) < MAX_REPORTED_PROBLEMS:
        path, value, depth = stack.pop()
        where = path or "non_field_errors"
        if isinstance(value, dict | list) and depth >= max_depth:
            problems.setdefault(where, []).append(
                f"Nested deeper than {max_depth} levels; the API never needs that."
            )
            continue
        if isinstance(value, _BadNumber):
            problems.setdefault(where, []).append(value.message())
        elif isinstance(value, str) and _FORBIDDEN_CHARACTERS.search(value):
            problems.setdefault(where, []).append(_describe_character(value))
        elif isinstance(value, dict):
            for key in getattr(value, "duplicates", []):
                problems.setdefault(_join(path, key), []).append(
                    "This key appears more than once in the object."
                )
            for key, item in value.items():
                if _FORBIDDEN_CHARACTERS.search(key):
                    problems.setdefault(where, []).append(
                        "A key contains a null character or a lone surrogate."
                    )
                    continue
                stack.append((_join(path, key), item, depth + 1))
        elif isinstance(value, list):
            stack.extend((_join(path, index), item, depth + 1) for index, item in enumerate(value))
    return problems


def body_limit() -> int:
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class SafeJSONParser(BaseParser):
    media_type = "application/json"
    renderer_class = JSONRenderer

    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        parser_context = parser_context or {}
        request = parser_context.get("request")
        limit = body_limit()
        if request is not None:
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
            if declared > limit:
                raise RequestTooLarge(limit)
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge(limit)

        charset = _charset(media_type)
        if charset not in ("utf-8", "utf8"):
            raise UnsupportedMediaType(
                media_type, detail=f"JSON must be UTF-8 encoded, not {charset!r}."
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BodyParseError(
                f"The body is not valid UTF-8 (byte {error.start}).", code="invalid_encoding"
            ) from None
        try:
            document = json.loads(
                text,
                object_pairs_hook=_object_from_pairs,
                parse_float=_parse_float,
                parse_int=_parse_int,
                parse_constant=_parse_constant,
            )
        except RecursionError:
            raise BodyParseError(
                f"The JSON is nested too deeply (the limit is {MAX_JSON_DEPTH} levels).",
                code="too_deep",
            ) from None
        except json.JSONDecodeError as error:
            raise BodyParseError(
                f"Malformed JSON: {error.msg} (line {error.lineno}, column {error.colno}).",
                code="malformed_json",
            ) from None
        except ValueError as error:  # anything else the decoder refuses
            raise BodyParseError(f"Malformed JSON: {error}", code="malformed_json") from None
        problems = document_problems(document)
        if problems:
            raise BodyParseError(
                "The JSON contains values the API does not accept.",
                code="invalid_json_value",
                errors=problems,
            )
        # A clean document holds no markers: each one is reported as a problem above.
        return document


def _charset(media_type: str | None) -> str:
    for part in (media_type or "").split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return "utf-8"


class SafeJSONRenderer(JSONRenderer):
    """DRF's renderer, falling back to ASCII escapes for text that cannot be UTF-8 encoded.

    Error messages may quote what the client sent; a lone surrogate in it must not turn an
    error response into a 500.
    """

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        try:
            return super().render(data, accepted_media_type, renderer_context)
        except UnicodeEncodeError:
            text = json.dumps(data, cls=self.encoder_class, ensure_ascii=True)
            return text.encode("ascii")

"""What text CareerPath accepts from people and integrations, checked the same way everywhere.

Pure functions over strings, shared by the API's fields (``careerpath.api.fields``) and the page
forms (``careerpath.pages.PageForm``): text no person types — control characters, lone surrogates,
Unicode non-characters, bidirectional embeddings and overrides (the spoofing kind, which make a
name render reversed) — is refused, and accepted text is stored NFC-normalised so that visually
equal names are equal.
"""

from __future__ import annotations

import re
import unicodedata

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_ALWAYS_REFUSED = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0/C1 controls, except tab, newline, return
    "\ud800-\udfff"  # lone surrogates
    "\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides and isolates
    + _NONCHARACTERS
)
_REFUSED_MULTILINE = re.compile(f"[{_ALWAYS_REFUSED}]")
_REFUSED_SINGLE_LINE = re.compile(f"[{_ALWAYS_REFUSED}\t\n\r\u2028\u2029]")


def refused_text_pattern(*, multiline: bool) -> str:
    """The characters ``text_problem`` refuses, as one character class for the OpenAPI schema
    (``"not": {"pattern": ...}``), so that clients and Schemathesis know the rule. Written with
    ``\\uXXXX`` escapes, which ECMA-262 and Python read alike; lone surrogates and the astral
    non-characters are left out, as an ECMA pattern without the ``u`` flag cannot name them."""
    refused = (
        "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff"
    )
    if not multiline:
        refused += "\t\n\r\u2028\u2029"
    return "[" + "".join(char if char == "-" else f"\\u{ord(char):04x}" for char in refused) + "]"


def not_only_space_pattern() -> str:
    """A pattern a value matches when something is left after trimming (DRF trims with
    ``str.strip``, so the class is every character Python calls whitespace): the schema's way
    to say that a required text of spaces alone, no-break spaces included, is blank."""
    spaces = "".join(chr(code) for code in range(0x3001) if chr(code).isspace())
    return "[^" + "".join(f"\\u{ord(char):04x}" for char in spaces) + "]"


def text_problem(value: str, *, multiline: bool) -> str | None:
    """Why ``value`` is not acceptable text (None: it is). Only ``multiline`` text (notes,
    descriptions) may hold tabs and line breaks."""
    pattern = _REFUSED_MULTILINE if multiline else _REFUSED_SINGLE_LINE
    match = pattern.search(value)
    if match is None:
        return None
    char = match.group()
    if char == "\x00":
        return "Null characters are not allowed."
    if char in "\t\n\r\u2028\u2029":
        return "Must be a single line (no tabs or line breaks)."
    return (
        f"Contains a character that is not accepted in text (U+{ord(char):04X}, "
        f"{unicodedata.category(char)}) at position {match.start()}."
    )


_LINE_BREAK = re.compile(r"\r\n?")


def normalized_text(value: str, *, multiline: bool = False) -> str:
    """``value`` in the form text is stored in: Unicode normal form C and, for ``multiline``
    text, ``\n`` line endings with no trailing whitespace on a line or at the end.

    A browser sends a textarea back with ``\r\n`` line endings and an editor may leave
    trailing spaces: stored as typed, an edit that changed nothing would compare unequal and
    the history would record changes nobody made. Pages, API, imports and services all store
    text through here, so equal text is stored equal and "did it change" is a plain ``==``.
    """
    text = unicodedata.normalize("NFC", value)
    if not multiline:
        return text
    lines = _LINE_BREAK.sub("\n", text).split("\n")
    return "\n".join(line.rstrip() for line in lines).rstrip()


def split_lines(text: str) -> list[str]:
    """The non-blank lines of a one-item-per-line text field, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# Digits enough for any 64-bit id; a longer string of digits is read as this (over every limit)
# rather than converted (int() of thousands of digits is slow, and refused past 4300).
_LONGEST_NUMBER = 19
HUGE_NUMBER = 10**_LONGEST_NUMBER


def positive_number(text: str) -> int | None:
    """``text`` as a whole number from 1, or None: ASCII digits only (no sign, space, or digits
    of other scripts, which ``int()`` would accept), and not zero ("007" is 7, "000" is None).
    The one reading of a number typed into an address or a form, for pages and API alike."""
    if not (text.isascii() and text.isdigit() and text.strip("0")):
        return None
    return int(text) if len(text) <= _LONGEST_NUMBER else HUGE_NUMBER

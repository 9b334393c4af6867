"""A source's text as the briefing sees it: spans of it, where a quote occurs in it, and its header."""

from __future__ import annotations

from typing import NamedTuple

Span = tuple[int, int]
"""[start, end) character offsets in a source's text."""


class QuoteMatch(NamedTuple):
    """One place a whole quote occurs: a span of the original text per fragment."""

    spans: tuple[Span, ...]


def header_bounds(text: str, header: str | None) -> tuple[int, int] | None:
    """[start, end) of the header in a seed's text, when the text begins (after blanks) with it."""
    if header is None:
        return None
    start = len(text) - len(text.lstrip())
    return (start, start + len(header)) if text.startswith(header, start) else None


def without_header(text: str, header: str | None) -> str:
    """The seed's text with its header blanked out: the document's own words, at the same offsets as the file."""
    bounds = header_bounds(text, header)
    return text if bounds is None else " " * bounds[1] + text[bounds[1] :]

"""Finding a maintainer's quote in a source's text.

Matching forgives differences in whitespace and line breaks, folds curly and
straight quotes and dash variants, keeps letter case, and lets '...' join
fragments that must appear in order. Fuzzy matching is only used to suggest
the closest passage when a quote is not found; it never accepts a quote.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

Span = tuple[int, int]

_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026)\s*")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The form both quotes and sources are compared in."""
    return _SPACE.sub(" ", text.translate(_FOLD)).strip()


def fragments(quote: str) -> list[str]:
    """The normalised parts of a quote that '...' separates."""
    return [part for part in (normalise(piece) for piece in _ELLIPSIS.split(quote)) if part]


@dataclass(frozen=True)
class QuoteMatch:
    """One place a whole quote occurs: a span of the original text per fragment."""

    spans: tuple[Span, ...]


class SourceText:
    """A source's text, normalised once, with a map back to original offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        chars: list[str] = []
        offsets: list[int] = []
        pending_space = False
        for index, char in enumerate(text.translate(_FOLD)):
            if char.isspace():
                pending_space = bool(chars)
                continue
            if pending_space:
                chars.append(" ")
                offsets.append(index - 1)
                pending_space = False
            chars.append(char)
            offsets.append(index)
        self.normalised = "".join(chars)
        self._offsets = offsets

    def find(self, quote: str) -> list[QuoteMatch]:
        """Every occurrence of the quote, each with one original span per fragment."""
        parts = fragments(quote)
        if not parts:
            return []
        matches = []
        for first in self._occurrences(parts[0], 0):
            spans = [first]
            for part in parts[1:]:
                following = next(self._occurrences(part, spans[-1][1]), None)
                if following is None:
                    break
                spans.append(following)
            else:
                matches.append(QuoteMatch(tuple(self._original(span) for span in spans)))
        return matches

    def _occurrences(self, fragment: str, start: int) -> Iterator[Span]:
        """Where the fragment stands from `start` on, never beginning or ending inside a word.

        Plain substring search: a regular expression per quote would be compiled
        once per quote, which dominates checking a large briefing.
        """
        text = self.normalised
        at = text.find(fragment, start)
        while at != -1:
            end = at + len(fragment)
            if not (_cuts_word(text, at, fragment[0]) or _cuts_word(text, end - 1, fragment[-1], after=True)):
                yield at, end
            at = text.find(fragment, at + 1)

    def closest_passage(self, quote: str) -> str:
        """The passage of the source that reads most like the quote, for a suggestion."""
        target = " ".join(fragments(quote))
        if not target or not self.normalised:
            return ""
        best, best_ratio = "", -1.0
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(target)
        for window in self._windows(len(target)):
            matcher.set_seq1(window)
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = window, ratio
        return best

    def _windows(self, width: int) -> Iterator[str]:
        """Passages of about `width` characters that start and end at word boundaries."""
        text = self.normalised
        for start in self._word_starts:
            cut = start + width
            before = text.rfind(" ", start, cut + 1)
            after = text.find(" ", cut)
            yield text[start : before if before > start else cut]
            yield text[start : after if after != -1 else len(text)]

    @cached_property
    def _word_starts(self) -> list[int]:
        return [match.start() for match in re.finditer(r"(?<!\S)\S", self.normalised)]

    def _original(self, span: Span) -> Span:
        start, end = span
        return self._offsets[start], self._offsets[end - 1] + 1


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _cuts_word(text: str, index: int, edge: str, after: bool = False) -> bool:
    """Whether a match whose edge character is `text[index]` starts (or ends) inside a word."""
    if not edge.isalnum():
        return False
    neighbour = index + 1 if after else index - 1
    return 0 <= neighbour < len(text) and _is_word(text[neighbour])

"""Finding a maintainer's quote in a source's text.

Matching forgives differences in whitespace and line breaks, folds curly and
straight quotes and dash variants, keeps letter case, and lets '...' join
fragments that must appear in order. Fuzzy matching is only used to suggest
the closest passage when a quote is not found; it never accepts a quote.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterator
from functools import cached_property

from ..content.texts import QuoteMatch, Span

_FOLDED = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
}
# A regex finds the few characters to fold: str.translate looks up every character
# of a non-ASCII text in the table, ten times slower on a source's megabytes.
_FOLDABLE = re.compile(f"[{''.join(_FOLDED)}]")
_ELLIPSES = ("...", "\u2026")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026)\s*")
_WORD = re.compile(r"\S+")
_LONG_SPACE = re.compile(r"\s\s+")  # as \s{2,}, which the regex engine scans for half as fast


def fold(text: str) -> str:
    """Curly quotes and dash variants as their plain forms, one character for one."""
    return _FOLDABLE.sub(_plain_form, text)


def _plain_form(match: re.Match[str]) -> str:
    return _FOLDED[match.group()]


def normalise(text: str) -> str:
    """The form both quotes and sources are compared in: folded, whitespace runs as one space, trimmed."""
    return " ".join(fold(text).split())  # str.split() and the regex \s agree on what whitespace is


def fragments(quote: str) -> list[str]:
    """The normalised parts of a quote that '...' separates."""
    pieces = _ELLIPSIS.split(quote) if _ELLIPSES[0] in quote or _ELLIPSES[1] in quote else (quote,)
    return [part for part in map(normalise, pieces) if part]


class SourceText:
    """A source's text, normalised once, with a map back to original offsets."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def normalised(self) -> str:
        return self._index[0]

    @cached_property
    def _index(self) -> tuple[str, list[int], list[int]]:
        """The normalised text, and where and by how much its offsets shift from the original's.

        Normalising shortens the text only where whitespace runs longer than one
        character; the shift after each such run maps offsets back. Sources run
        to megabytes, so this is done by the regex engine, not per character.
        Built on first use: a run whose quotes are all cached never needs it.
        """
        folded = fold(self.text)  # one character for one: offsets stay the original's
        leading = len(folded) - len(folded.lstrip())
        shifted_from: list[int] = []
        shifts = [leading]
        for run in _LONG_SPACE.finditer(folded, leading):
            shifts.append(shifts[-1] + run.end() - run.start() - 1)
            shifted_from.append(run.end() - shifts[-1])
        return " ".join(folded.split()), shifted_from, shifts

    def find(self, quote: str) -> list[QuoteMatch]:
        """Every occurrence of the quote, each with one original span per fragment."""
        parts = fragments(quote)
        if not parts:
            return []
        first, *rest = parts
        matches: list[QuoteMatch] = []
        span = self._next(first, 0)
        while span is not None:
            spans = [span]
            for part in rest:
                following = self._next(part, spans[-1][1])
                if following is None:
                    return matches  # nor after any later occurrence of the first fragment
                spans.append(following)
            matches.append(QuoteMatch(tuple(map(self._original, spans))))
            span = self._next(first, span[0] + 1)
        return matches

    def _next(self, fragment: str, start: int) -> Span | None:
        """The first place from `start` on where the fragment stands, not beginning or ending inside a word.

        Plain substring search: a regular expression per quote would be compiled
        once per quote, which dominates checking a large briefing.
        """
        text = self.normalised
        # Only a fragment that begins (or ends) with a letter or digit can cut a word there.
        check_start, check_end = fragment[0].isalnum(), fragment[-1].isalnum()
        at = text.find(fragment, start)
        while at != -1:
            end = at + len(fragment)
            if not (
                (check_start and at and _is_word(text[at - 1]))
                or (check_end and end < len(text) and _is_word(text[end]))
            ):
                return at, end
            at = text.find(fragment, at + 1)
        return None

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

    def _original(self, span: Span) -> Span:
        start, end = span
        return self._original_offset(start), self._original_offset(end - 1) + 1

    def _original_offset(self, index: int) -> int:
        """Where the character at `index` of the normalised text (never a space) stands in the original."""
        _, shifted_from, shifts = self._index
        return index + shifts[bisect.bisect_right(shifted_from, index)]

    @cached_property
    def _word_starts(self) -> list[int]:
        return [match.start() for match in _WORD.finditer(self.normalised)]


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"

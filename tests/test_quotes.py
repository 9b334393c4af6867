"""Finding quotes in source text: forgiving in form, strict in words."""

from __future__ import annotations

import pytest

from generator.quotes import SourceText

TEXT = (
    "The talks\nlasted \u201cfour hours\u201d \u2014 officials said.  The talks were constructive.\n\nThe talks ended."
)


def spans_of(quote: str, text: str = TEXT) -> list[tuple[tuple[int, int], ...]]:
    return [match.spans for match in SourceText(text).find(quote)]


def words(quote: str) -> list[str]:
    return [TEXT[start:end] for match in SourceText(TEXT).find(quote) for start, end in match.spans]


@pytest.mark.parametrize(
    "quote",
    [
        "talks lasted",  # a line break is whitespace
        'lasted "four hours" - officials',  # straight quotes and a hyphen for curly quotes and a dash
        "officials said. The talks were",  # two spaces in the source
        '  lasted   "four hours"  ',
    ],
)
def test_forgives_whitespace_quotes_and_dashes(quote: str) -> None:
    assert len(spans_of(quote)) == 1


def test_keeps_letter_case() -> None:
    assert spans_of("the talks were constructive") == []


def test_returns_original_offsets() -> None:
    assert words("talks lasted") == ["talks\nlasted"]
    assert words('"four hours" - officials') == ["\u201cfour hours\u201d \u2014 officials"]


def test_ellipsis_joins_fragments_in_order() -> None:
    assert words("lasted ... were constructive") == ["lasted", "were constructive"]
    assert words("lasted \u2026 were constructive") == ["lasted", "were constructive"]
    assert spans_of("were constructive ... lasted") == []


def test_counts_every_occurrence() -> None:
    assert len(spans_of("The talks")) == 3


def test_a_quote_does_not_start_or_end_inside_a_word() -> None:
    assert spans_of("alks lasted") == []
    assert spans_of("The talk") == []


def test_closest_passage_is_a_suggestion_from_the_text() -> None:
    assert SourceText(TEXT).closest_passage("The talks were constructiv and") == "The talks were constructive."

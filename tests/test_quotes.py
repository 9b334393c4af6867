"""Finding quotes in source text: forgiving in form, strict in words."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.check.quotes import SourceText, fold, normalise

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


def test_offsets_survive_leading_and_long_whitespace() -> None:
    text = "\n\n  First   words.\n\n\n\tSecond \u2014 words  here.  \n"
    assert [text[start:end] for start, end in SourceText(text).find("words. Second - words")[0].spans] == [
        "words.\n\n\n\tSecond \u2014 words"
    ]
    assert [text[start:end] for start, end in SourceText(text).find("First")[0].spans] == ["First"]
    assert [text[start:end] for start, end in SourceText(text).find("here.")[0].spans] == ["here."]


WORDS = st.sampled_from(["a", "bb", "\u201cc\u201d", "d\u2014e"])
SPACES = st.text(" \n\t\u00a0", min_size=1)


@given(st.text(" \n", max_size=3), st.lists(st.tuples(WORDS, SPACES), min_size=1, max_size=12))
def test_every_span_reads_as_the_quote(leading: str, pieces: list[tuple[str, str]]) -> None:
    """Wherever whitespace stands, a match's original span normalises to the quote."""
    text = leading + "".join(word + space for word, space in pieces)
    source = SourceText(text)
    for size in (1, 2, 3):
        quote = " ".join(word for word, _ in pieces[:size])
        for match in source.find(quote):
            (span,) = match.spans
            assert normalise(text[span[0] : span[1]]) == normalise(quote)


FOLDABLE = "\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
PLAIN = "'" * 5 + '"' * 5 + "-" * 7
SOME_TEXT = st.text(st.sampled_from(FOLDABLE + " \n\t\u00a0\u2028\u3000\x1fab.\u2026\u00e9"), max_size=40) | st.text(
    max_size=40
)


@given(SOME_TEXT)
def test_normalising_folds_one_for_one_and_collapses_every_whitespace_run(text: str) -> None:
    """The fast forms agree with the plain definition: a translation table, then the regex \\s."""
    folded = text.translate(str.maketrans(FOLDABLE, PLAIN))
    assert fold(text) == folded
    assert normalise(text) == re.sub(r"\s+", " ", folded).strip()


def every_match(source: SourceText, quote: str) -> list[tuple[tuple[int, int], ...]]:
    """The plain definition: for every whole-word occurrence of the first fragment, each later
    fragment's first whole-word occurrence after the one before; a match only when all are found."""
    from generator.check.quotes import fragments

    text = source.normalised

    def occurrences(fragment: str, start: int) -> list[tuple[int, int]]:
        found = []
        for at in range(start, len(text) - len(fragment) + 1):
            end = at + len(fragment)
            starts_word = at == 0 or not (fragment[0].isalnum() and (text[at - 1].isalnum() or text[at - 1] == "_"))
            ends_word = end == len(text) or not (fragment[-1].isalnum() and (text[end].isalnum() or text[end] == "_"))
            if text.startswith(fragment, at) and starts_word and ends_word:
                found.append((at, end))
        return found

    parts = fragments(quote)
    matches = []
    for first in occurrences(parts[0], 0) if parts else []:
        spans = [first]
        for part in parts[1:]:
            following = occurrences(part, spans[-1][1])
            if not following:
                break
            spans.append(following[0])
        else:
            matches.append(tuple(source._original(span) for span in spans))
    return matches


PIECES = st.sampled_from(["ab", "a", "b", "ab.", " ", "  ", "\n", "...", "\u201cab\u201d", "-", "a_b"])


@given(st.lists(PIECES, max_size=14).map("".join), st.lists(PIECES, min_size=1, max_size=5).map("".join))
@example("a b a", "a...b")  # the later "a" has no "b" after it: the earlier match stands
@example("a a a", "a a")  # occurrences overlap
@settings(max_examples=300)
def test_find_returns_every_match_the_plain_definition_gives(text: str, quote: str) -> None:
    source = SourceText(text)
    assert [match.spans for match in source.find(quote)] == every_match(source, quote)

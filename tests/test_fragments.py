"""Links to the quoted words in the original: URL text fragments built from the source's own text."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from generator.render.fragments import text_fragment_url

URL = "https://example.org/news/talks"


def directives(url: str) -> list[list[str]]:
    """Each text directive of a link, as its (start[, end]) texts decoded, checking the syntax on the way."""
    page, _, fragment = url.partition("#:~:")
    assert page == URL
    parts = fragment.split("&")
    assert all(part.startswith("text=") for part in parts), parts
    encoded = [part.removeprefix("text=") for part in parts]
    # Unreserved characters but the hyphen, escapes and the directive's own comma; nothing else.
    assert all(re.fullmatch(r"(?:[A-Za-z0-9._~]|%[0-9A-F]{2}|,)+", part) for part in encoded), encoded
    return [[unquote(value) for value in part.split(",")] for part in encoded]


def test_a_short_passage_is_one_text_of_the_source_s_words() -> None:
    text = "Rubio said: \u201cWe agreed, in principle.\u201d"
    assert directives(text_fragment_url(URL, text, [(12, len(text))])) == [["\u201cWe agreed, in principle.\u201d"]]


@pytest.mark.parametrize(
    "words",
    [
        "peace, and then more talks",  # a comma, the directive's own separator
        "a 4.5-hour meeting",  # a hyphen-minus, the prefix and suffix mark
        "U.S. officials\u2014including Mike Waltz",  # an em dash
        "\u201cconstructive,\u201d he said; 'quietly' & \"firmly\"",  # curly and straight quotes, an ampersand
        "Sergey Lavrov (\u0421\u0435\u0440\u0433\u0435\u0439 \u041b\u0430\u0432\u0440\u043e\u0432) in M\u00fcnchen",
    ],
    ids=["comma", "hyphen", "dash", "quotes", "non-ascii"],
)
def test_every_character_reaches_the_browser_as_the_text_s_own(words: str) -> None:
    assert directives(text_fragment_url(URL, f"Before. {words} After.", [(8, 8 + len(words))])) == [[words]]


def test_the_fragment_follows_the_source_s_text_at_the_offsets_with_its_whitespace_as_the_browser_reads_it() -> None:
    text = "They met  in\nRiyadh on Tuesday."
    assert directives(text_fragment_url(URL, text, [(5, 19)])) == [["met in Riyadh"]]


def test_a_long_passage_is_linked_by_its_first_and_last_words() -> None:
    text = "one two three four five six seven eight nine ten eleven twelve"
    assert directives(text_fragment_url(URL, text, [(0, len(text))])) == [
        ["one two three four", "nine ten eleven twelve"]
    ]
    ten = "one two three four five six seven eight nine ten"
    assert directives(text_fragment_url(URL, ten, [(0, len(ten))])) == [[ten]]


def test_each_part_of_a_quote_with_an_ellipsis_is_a_directive_of_its_own() -> None:
    text = "The sides met. Nothing was agreed. They will meet again."
    assert directives(text_fragment_url(URL, text, [(0, 14), (35, 56)])) == [
        ["The sides met."],
        ["They will meet again."],
    ]


def test_an_address_with_a_fragment_of_its_own_keeps_it() -> None:
    assert text_fragment_url(f"{URL}#section", "Words here", [(0, 5)]) == f"{URL}#section:~:text=Words"

"""Links to the quoted words in the original document: URL text fragments (`#:~:text=`).

A browser that supports them scrolls to the words and highlights them. They are built from the source's verbatim
text at the quote's offsets, not from the quote as typed: a maintainer's straight quotes or spaces would not match
the original's curly ones or line breaks.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

#: A passage longer than this many words is linked by its first and last words (`text=start,end`): long
#: fragments make long URLs, and a word the original renders differently anywhere in between would break the match.
LONG_PASSAGE = 10
EDGE_WORDS = 4


def text_fragment_url(url: str, text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`url` with a text directive for each part of a quote (its [start, end) in `text`), in the order given."""
    directives = "&".join(f"text={_directive(text[start:end].split())}" for start, end in spans)
    return f"{url}{':~:' if '#' in url else '#:~:'}{directives}"


def _directive(words: list[str]) -> str:
    if len(words) > LONG_PASSAGE:
        return f"{_encoded(words[:EDGE_WORDS])},{_encoded(words[-EDGE_WORDS:])}"
    return _encoded(words)


def _encoded(words: list[str]) -> str:
    # The directive's own syntax uses ',', '-' and '&'; percent-encoding all but letters and digits (UTF-8 for
    # the rest) keeps each a literal character of the text. quote() leaves '-', '.', '_' and '~' alone.
    return quote(" ".join(words), safe="").replace("-", "%2D")

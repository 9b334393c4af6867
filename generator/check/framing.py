"""The source's reading attributed, not adopted: a fact that rests on a source's framing says whose it is.

An article gives some statements as its own reading ("in response to", "the first time", "only") or as
someone's account ("Rubio said"). A fact in the briefing's own voice that uses such words, or cites a passage
that does outside the source's quotation marks, states that reading as fact; it is attributed instead, to its
speaker (`said_by`) or to its source ("The article says ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..content.model import CitedFact, Passage
from ..content.schema import Fact
from ..errors import Problem
from ..read.records import RawRecord
from .attribution import QUOTED, quoted_regions
from .citations import Source
from .vocabulary import PhraseFinder

#: Words by which a fact's own text says whose account it gives: "The article says", "According to Reuters".
ATTRIBUTING = PhraseFinder(
    (
        "according to", "said", "says", "say", "told", "tells", "described", "describes", "called", "reported",
        "reports", "wrote", "writes", "claimed", "claims", "stated", "announced", "insisted", "argued",
        "suggested", "accused", "denied", "confirmed", "acknowledged", "warned", "praised", "noted",
    )
)  # fmt: skip


def check_framing(
    record: RawRecord, facts: tuple[CitedFact[Fact], ...], sources: dict[str, Source], framing: PhraseFinder
) -> list[Problem]:
    """Warn of a fact in the briefing's own voice that adopts its source's framing, naming the words."""
    problems = []
    for cited in facts:
        if cited.fact.said_by is not None:
            continue
        own_words = unquoted_part(cited.fact.text)
        if ATTRIBUTING.search(own_words):
            continue
        own = [match.group() for match in framing.find_all(own_words)]
        cited_words = [words for passage in cited.passages for words in framing_in_passage(passage, sources, framing)]
        if own or cited_words:
            line, col = record.position((*cited.location, "text"))
            problems.append(
                Problem(record.path, line, col, "source-reading", _message(own, cited_words), severity="warning")
            )
    return problems


def unquoted_part(text: str) -> str:
    """The text with what it puts in quotation marks blanked out: the words the briefing says itself."""
    return QUOTED.sub(lambda match: " " * len(match.group()), text)


def framing_in_passage(passage: Passage, sources: dict[str, Source], framing: PhraseFinder) -> Iterator[str]:
    """The framing words of a cited passage that stand outside the source's own quotation marks."""
    source = sources.get(passage.source)
    if source is None:
        return
    text = source.text.text
    for start, end in passage.spans:
        for match in framing.find_all(text[start:end]):
            at = start + match.start()
            if not any(left <= at < right for left, right in quoted_regions(text, at, at + 1)):
                yield re.sub(r"\s+", " ", match.group())


def _message(own: list[str], cited: list[str]) -> str:
    def listed(words: list[str]) -> str:
        return ", ".join(f"'{word}'" for word in dict.fromkeys(words))

    found = []
    if own:
        found.append(f"its text uses {listed(own)}")
    if cited:
        found.append(f"its cited passage frames the statement with {listed(cited)}")
    return (
        f"{' and '.join(found)}, which give a reading (a motive, a cause, a rank) or someone's account, here in the "
        "briefing's own voice; attribute the statement, to its speaker with 'said_by' and reported speech or to "
        'its source ("The article says ...", "According to ..."), or cite only the words that state the fact'
    )

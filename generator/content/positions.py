"""Where each party stands on a question, and how that moved: its statements, latest first, by edition.

A question's statements are the `said_by` facts its file holds: one place for a maintainer to write a party's
words on an issue. A party is the participant a statement is attributed to. Whether parties disagree is the
maintainer's call, marked with `contests`: the claims linked by it, however many and however chained, are one
disagreement.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .editions import fact_dates, previous_edition
from .model import Briefing, CitedFact, Entity
from .schema import Fact, QuestionFile


@dataclass(frozen=True)
class Statement:
    """One party's statement on a question, with the date it is of."""

    cited: CitedFact[Fact]
    date: datetime.date
    new: bool
    """First in this edition: dated after the edition before it."""


@dataclass(frozen=True)
class Position:
    """A party's statements on one question, latest first."""

    party: str
    """The participant id the statements are attributed to."""
    statements: tuple[Statement, ...]

    @property
    def latest(self) -> Statement:
        return self.statements[0]

    @property
    def anchor(self) -> str:
        """The party's row on the question's page."""
        return f"position-{self.party}"


def statements_of(question: Entity[QuestionFile]) -> list[CitedFact[Fact]]:
    """The question's statements: its facts attributed to a party, in the file's order."""
    return [cited for cited in question.facts if cited.field == "facts" and cited.fact.said_by]


def positions_of(briefing: Briefing, question: Entity[QuestionFile]) -> list[Position]:
    """Each party's position on the question, in the order each first spoke; statements latest first (the
    file's order among those of one date)."""
    date_of, since = fact_dates(briefing), previous_edition(briefing)
    by_party: dict[str, list[Statement]] = {}
    for cited in statements_of(question):
        day = date_of(cited)
        by_party.setdefault(str(cited.fact.said_by), []).append(
            Statement(cited, day, since is not None and day > since)
        )
    return [
        Position(party, tuple(sorted(found, key=lambda statement: statement.date, reverse=True)))
        for party, found in by_party.items()
    ]


def disagreements(facts: list[CitedFact[Fact]]) -> list[list[CitedFact[Fact]]]:
    """The claims of a list that `contests` links, each disagreement in the list's order; any number of voices,
    and a claim may contest a claim that contests another: they are one disagreement."""
    by_id = {cited.fact.id: index for index, cited in enumerate(facts) if cited.fact.id}
    group = list(range(len(facts)))

    def root(index: int) -> int:
        while group[index] != index:
            index = group[index]
        return index

    linked: set[int] = set()
    for index, cited in enumerate(facts):
        other = by_id.get(cited.fact.contests or "")
        if other is not None:
            group[root(index)] = root(other)
            linked.update((index, other))
    found: dict[int, list[CitedFact[Fact]]] = {}
    for index in sorted(linked):
        found.setdefault(root(index), []).append(facts[index])
    return sorted(found.values(), key=lambda claims: facts.index(claims[0]))

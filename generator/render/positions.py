"""Where the parties stand, as pages show it: a question's positions grouped by side, and the home page's grid of
open questions against the sides."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.kinds import PARTICIPANTS
from ..content.model import Briefing, CitedFact, Entity
from ..content.positions import Position, disagreements, positions_of, statements_of
from ..content.schema import Fact, ParticipantFile, QuestionFile
from .display import title_of
from .meetings import side_of

#: Words of a statement the home page's grid shows, the rest a click away.
SHORT_WORDS = 14


@dataclass(frozen=True)
class SideOfPositions:
    """The positions of one side's parties on a question; `country` None for those of no single country."""

    country: Entity[ParticipantFile] | None
    positions: list[Position]


@dataclass(frozen=True)
class QuestionPositions:
    """A question's positions by side, its disagreements, and those it involves who have said nothing on it."""

    sides: list[SideOfPositions]
    disagreements: list[list[CitedFact[Fact]]]
    silent: list[str]
    """Ids of the participants the question names who have no statement on it, nor anyone on their side."""


def question_positions(briefing: Briefing, question: Entity[QuestionFile]) -> QuestionPositions:
    positions = positions_of(briefing, question)
    by_side: dict[str | None, list[Position]] = {}
    for position in positions:
        by_side.setdefault(side_of(briefing, position.party), []).append(position)
    countries = sorted((side for side in by_side if side), key=lambda side: title_of(_participant(briefing, side)))
    sides = [SideOfPositions(_participant(briefing, side), by_side[side]) for side in countries]
    if None in by_side:
        sides.append(SideOfPositions(None, by_side[None]))
    # A country speaks through its people: it is silent only if no one on its side spoke.
    spoken = {position.party for position in positions}
    spoken |= {country for party in spoken for country in briefing.sides.get(party, ())}
    silent = [party for party in question.data.participants if party not in spoken]
    return QuestionPositions(sides, disagreements(statements_of(question)), silent)


def grid_sides(briefing: Briefing, questions: list[QuestionPositions]) -> list[Entity[ParticipantFile] | None]:
    """The columns of the home page's grid: every side with a statement on a shown question, None (others) last."""
    found = {side.country.id if side.country else None for positions in questions for side in positions.sides}
    countries = sorted((_participant(briefing, side) for side in found if side), key=title_of)
    return [*countries, *([None] if None in found else [])]


def short_form(cited: CitedFact[Fact]) -> str:
    """The statement's own first words, cut at a word: the grid shows nothing the maintainer did not write."""
    words = cited.fact.text.split()
    return " ".join(words) if len(words) <= SHORT_WORDS else " ".join(words[:SHORT_WORDS]) + " …"


def _participant(briefing: Briefing, participant_id: str) -> Entity[ParticipantFile]:
    return briefing.get(PARTICIPANTS, participant_id)

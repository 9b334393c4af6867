"""The content kinds, one row each: every stage reads this table and no other list of them.

Plain data at the bottom of the layers, beside the schema whose models it names.
Per-kind behaviour that belongs to one stage (a CSV column worked out, a JSON-LD
builder) lives in that stage, keyed by these names, and a test holds each such
table to exactly these kinds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from .schema import EntityFile, EventFile, GoalFile, ParticipantFile, QuestionFile, SourceFile

M = TypeVar("M", bound=EntityFile, covariant=True)


@dataclass(frozen=True)
class Kind(Generic[M]):
    """One kind of content file and how the site presents it."""

    name: str
    """Its folder under content/, and its name in page paths, the export and messages."""
    model: type[M]
    """The declared shape of one file of the kind (schema.py)."""
    singular: str
    """One entity of the kind, as `briefing new` takes it."""
    label: str
    """The title of its section of the site."""
    template: str
    """The template of one entity's page; `<name>_index.md.j2` is the section's index."""
    title_field: str
    """The field an entity is shown and linked by."""
    order: int
    """Its place in the site: the nav, the home page, the export."""


SOURCES = Kind("sources", SourceFile, "source", "Sources", "source.md.j2", "title", 5)
PARTICIPANTS = Kind("participants", ParticipantFile, "participant", "Participants", "participant.md.j2", "name", 1)
GOALS = Kind("goals", GoalFile, "goal", "Goals", "goal.md.j2", "title", 2)
QUESTIONS = Kind("questions", QuestionFile, "question", "Open questions", "question.md.j2", "question", 3)
EVENTS = Kind("events", EventFile, "event", "Timeline", "event.md.j2", "title", 4)

#: In the order content is declared and checked: sources first, since every other kind quotes them.
KINDS: tuple[Kind[EntityFile], ...] = (SOURCES, PARTICIPANTS, GOALS, QUESTIONS, EVENTS)
#: In the order the site presents them.
SITE_ORDER: tuple[Kind[EntityFile], ...] = tuple(sorted(KINDS, key=lambda kind: kind.order))
BY_NAME: dict[str, Kind[EntityFile]] = {kind.name: kind for kind in KINDS}

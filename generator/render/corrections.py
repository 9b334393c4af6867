"""Corrections on the record: each correction's note, where it sits on its page, and every one of them newest first."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import Briefing, CitedFact, Entity
from ..content.schema import Correction, EntityFile, Fact

HOME_PAGE = "index.md"
CORRECTIONS_PAGE = "corrections.md"


@dataclass(frozen=True)
class Note:
    """A correction as its page shows it."""

    entity: Entity[EntityFile] | None
    """The entry it corrects; None for the home page's summary."""
    correction: Correction
    anchor: str
    """Its id on the page: a removed fact's own anchor, so that old links to the fact land on the note."""
    removed: bool
    """Whether the fact it names is gone from the page."""
    number: int
    """Its place among its entry's corrections, from 1."""

    @property
    def page(self) -> str:
        return self.entity.page if self.entity is not None else HOME_PAGE


def notes_of(
    entity: Entity[EntityFile] | None, corrections: list[Correction], facts: tuple[CitedFact[Fact], ...]
) -> list[Note]:
    """The notes of one entry's corrections, in their order; `facts` are those its page shows."""
    present = {cited.anchor for cited in facts}
    notes, taken = [], set()
    for number, correction in enumerate(corrections, start=1):
        removed = correction.fact is not None and correction.fact not in present
        anchor = correction.fact if removed and correction.fact not in taken else f"correction-{number}"
        taken.add(anchor)
        notes.append(Note(entity, correction, str(anchor), removed, number))
    return notes


def entity_notes(entity: Entity[EntityFile]) -> list[Note]:
    return notes_of(entity, entity.data.corrections, entity.facts)


def summary_notes(briefing: Briefing) -> list[Note]:
    return notes_of(None, briefing.meta.corrections, briefing.summary)


def every_note(briefing: Briefing) -> list[Note]:
    """Every correction in the briefing, the newest first."""
    notes = summary_notes(briefing)
    for of_kind in briefing.entities.values():
        for entity in of_kind.values():
            notes.extend(entity_notes(entity))
    return sorted(notes, key=lambda note: (note.correction.date, note.page, note.number), reverse=True)


def marks(notes: list[Note]) -> dict[str, Note]:
    """Fact anchor -> the latest note correcting that fact, for the facts still on the page."""
    return {note.correction.fact: note for note in notes if note.correction.fact and not note.removed}

"""The validated briefing: entities, resolved citations and backlinks.

Plain frozen data, built only by `validate`; everything downstream reads it.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Concatenate, Generic, NamedTuple, ParamSpec, TypeGuard, TypeVar

from .kinds import EVENTS, PARTICIPANTS, SITE_ORDER, Kind
from .schema import Attendance, BriefingFile, EntityFile, EventFile, Fact, ParticipantFile
from .texts import Span

M = TypeVar("M", bound=EntityFile, covariant=True)
"""An entity's kind, by its model: `Entity[QuestionFile]` is an `Entity[EntityFile]` too."""
K = TypeVar("K", bound=EntityFile)
R = TypeVar("R")
A = TypeVar("A")
P = ParamSpec("P")


class Passage(NamedTuple):
    """Where a citation's quote sits in its source."""

    source: str
    """Id of the source."""
    spans: tuple[Span, ...]
    """Character offsets [start, end) of each quoted fragment in the source text."""

    @property
    def anchor(self) -> str:
        """Id of the highlighted passage on the source page (its first fragment)."""
        return span_anchor(self.spans[0])


def span_anchor(span: Span) -> str:
    """Id of a cited span on its source's page."""
    return f"q-{span[0]}-{span[1]}"


C = TypeVar("C", bound=Fact | Attendance)


class CitedFact(NamedTuple, Generic[C]):
    """A fact (or a meeting's attendance entry) with its citations resolved."""

    anchor: str
    """Its id on its entity's page: it stays put when other facts come and go (see validate.fact_anchor)."""
    location: tuple[str | int, ...]
    """Where in its entity's file the fact is given, e.g. ('history', 0)."""
    fact: C
    passages: tuple[Passage, ...]
    alias: str | None = None
    """The id facts had before anchors were stable, 'fact-N' by place in the file; kept so old links land."""

    @property
    def field(self) -> str:
        """The field of its entity the fact is given in, e.g. 'facts' or 'history'."""
        return str(self.location[0])


AnyCited = CitedFact[Fact] | CitedFact[Attendance]


def anchor_of_id(fact_id: str) -> str:
    """The anchor of a fact given an explicit `id`: what links to it, and what a claim that `contests` it names."""
    return f"f-{fact_id}"


@dataclass(frozen=True)
class Entity(Generic[M]):
    """One content file of a kind, validated, with its facts resolved; typed by its kind's model."""

    kind: str
    """The kind's name (kinds.Kind.name)."""
    id: str
    data: M
    path: PurePosixPath
    """The YAML file it came from, relative to the project root."""
    facts: tuple[CitedFact[Fact], ...] = ()
    attendance: tuple[CitedFact[Attendance], ...] = ()
    """A meeting's attendance entries, each cited."""

    @functools.cached_property
    def page(self) -> str:
        """Path of the entity's generated page (kept: pages link to it thousands of times)."""
        return f"{self.kind}/{self.id}.md"


def is_kind(entity: Entity[EntityFile], kind: Kind[K]) -> TypeGuard[Entity[K]]:
    """Whether the entity is one of `kind`'s: then its data has the kind's model."""
    return isinstance(entity.data, kind.model)


def for_kind(
    kind: Kind[K], function: Callable[Concatenate[A, Entity[K], P], R]
) -> Callable[Concatenate[A, Entity[EntityFile], P], R]:
    """A row of a per-kind table: `function`, for the entities of `kind`, taking any entity the table is given
    (its second argument) and refusing one of another kind."""

    def narrowed(first: A, entity: Entity[EntityFile], /, *args: P.args, **kwargs: P.kwargs) -> R:
        if not is_kind(entity, kind):
            raise TypeError(f"{entity.page} is not one of the {kind.name}")
        return function(first, entity, *args, **kwargs)

    return narrowed


@dataclass(frozen=True)
class Citing:
    """One fact citing a passage: the entity page it sits on, and the fact."""

    entity: Entity[EntityFile] | None
    """None for a fact of the home page's summary."""
    fact: AnyCited


@dataclass(frozen=True)
class Briefing:
    """The whole validated briefing."""

    meta: BriefingFile
    as_of: datetime.date
    """The edition's date: what `meta.as_of` says, or worked out from the content (see validate)."""
    summary: tuple[CitedFact[Fact], ...]
    entities: dict[str, dict[str, Entity[EntityFile]]]
    """kind name -> id -> entity, kinds in the site's order, ids in sorted order."""
    source_texts: dict[str, str]
    """Source id -> full text of its seed."""
    backlinks: dict[str, tuple[Entity[EntityFile], ...]] = field(default_factory=dict)
    """Participant id -> the goals, questions and events that name it."""
    citings: dict[str, tuple[tuple[Passage, Citing], ...]] = field(default_factory=dict)
    """Source id -> every (passage, citing fact) pair on that source, in page order."""
    members: dict[str, tuple[Entity[ParticipantFile], ...]] = field(default_factory=dict)
    """Participant id -> the participants whose member_of names it."""
    said: dict[str, tuple[tuple[Entity[EntityFile], CitedFact[Fact]], ...]] = field(default_factory=dict)
    """Participant id -> facts of other entries attributed to it with said_by."""
    sides: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Participant id -> ids of the countries it belongs to, following member_of; a country is its own side."""
    attended: dict[str, tuple[tuple[Entity[EventFile], CitedFact[Attendance]], ...]] = field(default_factory=dict)
    """Participant id -> each meeting whose attendance lists it, with that entry."""
    first_seen: dict[tuple[str, str], datetime.date] = field(default_factory=dict, compare=False, repr=False)
    """(kind, id) -> the date each entity first appears in an edition: worked out on first use (editions.py)."""

    def of_kind(self, kind: Kind[K]) -> list[Entity[K]]:
        return [entity for entity in self.entities[kind.name].values() if is_kind(entity, kind)]

    def get(self, kind: Kind[K], entity_id: str) -> Entity[K]:
        entity = self.entities[kind.name][entity_id]
        if not is_kind(entity, kind):
            raise TypeError(f"{entity.page} is not one of the {kind.name}")
        return entity

    def quoted_words(self, passage: Passage) -> tuple[str, ...]:
        """The source's own words at each span of the passage, whitespace collapsed.

        Worked out when a page shows them, not kept in every passage: a check shows none.
        """
        text = self.source_texts[passage.source]
        return tuple(" ".join(text[start:end].split()) for start, end in passage.spans)


@dataclass(frozen=True)
class Tally:
    """What a briefing holds, counted: what `briefing check` reports of one without problems."""

    entities: dict[str, int]
    """Kind -> how many entities of it, for every kind."""
    facts: int
    """Facts in the summary and in every entity."""
    as_of: datetime.date
    """The edition's date."""
    to_review: int = 0
    """Open questions a source newer than their status may answer (`briefing review`)."""

    @classmethod
    def of(cls, briefing: Briefing, to_review: int = 0) -> Tally:
        facts = len(briefing.summary) + sum(len(e.facts) for kind in briefing.entities.values() for e in kind.values())
        return cls(
            {kind: len(entities) for kind, entities in briefing.entities.items()}, facts, briefing.as_of, to_review
        )


def build_briefing(
    meta: BriefingFile,
    as_of: datetime.date,
    summary: tuple[CitedFact[Fact], ...],
    entities: dict[str, dict[str, Entity[EntityFile]]],
    source_texts: dict[str, str],
    references: dict[tuple[str, str], set[str]],
) -> Briefing:
    """Assemble the briefing and derive its backlinks and per-source citations.

    `references` maps (kind, id) of an entity to the participant ids it names.
    """
    ordered = {kind.name: dict(sorted(entities.get(kind.name, {}).items())) for kind in SITE_ORDER}
    backlinks: dict[str, list[Entity[EntityFile]]] = {}
    for kind, of_kind in ordered.items():
        if kind == PARTICIPANTS.name:
            continue
        for entity in of_kind.values():
            for participant in sorted(references.get((kind, entity.id), ())):
                backlinks.setdefault(participant, []).append(entity)
    participants = {pid: entity for pid, entity in ordered[PARTICIPANTS.name].items() if is_kind(entity, PARTICIPANTS)}
    citings: dict[str, list[tuple[Passage, Citing]]] = {}
    for citing in _all_citings(summary, ordered):
        for passage in citing.fact.passages:
            citings.setdefault(passage.source, []).append((passage, citing))
    return Briefing(
        meta=meta,
        as_of=as_of,
        summary=summary,
        entities=ordered,
        source_texts=source_texts,
        backlinks={key: tuple(value) for key, value in backlinks.items()},
        citings={key: tuple(value) for key, value in citings.items()},
        members=_members(participants),
        said=_said(ordered),
        sides=_sides(participants),
        attended=_attended(ordered[EVENTS.name]),
    )


def _attended(
    events: dict[str, Entity[EntityFile]],
) -> dict[str, tuple[tuple[Entity[EventFile], CitedFact[Attendance]], ...]]:
    found: dict[str, list[tuple[Entity[EventFile], CitedFact[Attendance]]]] = {}
    for event in events.values():
        if is_kind(event, EVENTS):
            for entry in event.attendance:
                found.setdefault(entry.fact.participant, []).append((event, entry))
    return {key: tuple(value) for key, value in found.items()}


def _members(participants: dict[str, Entity[ParticipantFile]]) -> dict[str, tuple[Entity[ParticipantFile], ...]]:
    found: dict[str, list[Entity[ParticipantFile]]] = {}
    for entity in participants.values():
        for parent in entity.data.member_of:
            found.setdefault(parent, []).append(entity)
    return {key: tuple(value) for key, value in found.items()}


def _said(
    entities: dict[str, dict[str, Entity[EntityFile]]],
) -> dict[str, tuple[tuple[Entity[EntityFile], CitedFact[Fact]], ...]]:
    found: dict[str, list[tuple[Entity[EntityFile], CitedFact[Fact]]]] = {}
    for kind, of_kind in entities.items():
        for entity in of_kind.values():
            for fact in entity.facts:
                speaker = fact.fact.said_by
                if speaker and not (kind == PARTICIPANTS.name and entity.id == speaker):
                    found.setdefault(speaker, []).append((entity, fact))
    return {key: tuple(value) for key, value in found.items()}


def _sides(participants: dict[str, Entity[ParticipantFile]]) -> dict[str, tuple[str, ...]]:
    def countries(participant_id: str, seen: frozenset[str]) -> set[str]:
        entity = participants[participant_id]
        if entity.data.kind == "country":
            return {participant_id}
        parents = [parent for parent in entity.data.member_of if parent not in seen]
        return set().union(*(countries(parent, seen | {parent}) for parent in parents))

    return {pid: tuple(sorted(countries(pid, frozenset({pid})))) for pid in participants}


def _all_citings(
    summary: tuple[CitedFact[Fact], ...], entities: dict[str, dict[str, Entity[EntityFile]]]
) -> Iterator[Citing]:
    for fact in summary:
        yield Citing(None, fact)
    for of_kind in entities.values():
        for entity in of_kind.values():
            for fact in entity.facts:
                yield Citing(entity, fact)
            for entry in entity.attendance:
                yield Citing(entity, entry)


@dataclass(frozen=True)
class Change:
    """An existing entry edited: a maintainer's `updated` date, which the feed announces."""

    date: datetime.date
    entity: Entity[EntityFile]
    what: str
    """A short plain-text description, e.g. 'Updated'."""


def recent_changes(briefing: Briefing) -> list[Change]:
    """Every `updated` date, newest first; what each edition added is editions.editions_added's."""
    found = [
        Change(entity.data.updated, entity, "Updated")
        for of_kind in briefing.entities.values()
        for entity in of_kind.values()
        if entity.data.updated is not None
    ]
    return sorted(found, key=lambda change: (change.date, change.entity.page, change.what), reverse=True)

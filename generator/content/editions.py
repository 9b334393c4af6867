"""Editions: the briefing as a reader had it on a given date, and what each edition added.

Every source's publication date is an edition. A fact is as new as its newest
citation (a status change, as its own date too), so the edition of a date holds
only facts whose every source was published by then: never a fact cut down to
its earlier citations, since its words may rest on the later one. An entity
appears when one of its cited items does, or when something that appears names
it; its uncited fields (name, role, membership) show as they are written today.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from ..errors import BriefingError
from .fields import targets_of
from .kinds import PARTICIPANTS, QUESTIONS, SOURCES
from .model import AnyCited, Briefing, CitedFact, Entity, build_briefing
from .schema import Attendance, EntityFile, Fact, QuestionFile, Record, SourceFile, StatusChange

Key = tuple[str, str]
"""(kind, id) of an entity."""


def edition(briefing: Briefing, day: datetime.date) -> Briefing:
    """The briefing as it stood on `day`; raises BriefingError for a date before every source."""
    dates = publication_dates(briefing)
    if day < dates[0]:
        first = dates[0].isoformat()
        message = (
            f"there is no edition of {day.isoformat()}: it is before every source; the first was published {first}"
        )
        raise BriefingError(message, 2)
    day = min(day, briefing.as_of)
    # Edits dated after the edition are left out of a past one; the current one shows every edit.
    edits_by = day if day < briefing.as_of else datetime.date.max
    found = _Dating(briefing)
    shown = {key for key, first in found.first_seen().items() if first <= day}
    if day == briefing.as_of and len(shown) == sum(map(len, briefing.entities.values())):
        return briefing  # the current edition of a briefing every entry of which some edition shows: all of it
    entities: dict[str, dict[str, Entity[EntityFile]]] = {}
    for kind, of_kind in briefing.entities.items():
        entities[kind] = {}
        for entity_id, entity in of_kind.items():
            if (kind, entity_id) in shown:
                entities[kind][entity_id] = _as_of(entity, day, found, edits_by)
    summary = tuple(fact for fact in briefing.summary if found.date_of(fact) <= day)
    corrections = [correction for correction in briefing.meta.corrections if correction.date <= edits_by]
    meta = briefing.meta.model_copy(update={"summary": [fact.fact for fact in summary], "corrections": corrections})
    texts = {source: text for source, text in briefing.source_texts.items() if (SOURCES.name, source) in shown}
    references = {
        (kind, entity.id): {target for target_kind, target in targets_of(entity.data) if target_kind == "participants"}
        for kind, of_kind in entities.items()
        for entity in of_kind.values()
    }
    return build_briefing(meta, day, _renumbered(summary), entities, texts, references)


def publication_dates(briefing: Briefing) -> list[datetime.date]:
    """Each edition's date, oldest first: every date a source was published on."""
    return sorted({source.data.published for source in briefing.of_kind(SOURCES)})


def fact_dates(briefing: Briefing) -> Callable[[AnyCited], datetime.date]:
    """The date each cited item is of: its newest source's publication, and a status change's own date."""
    return _Dating(briefing).date_of


def previous_edition(briefing: Briefing) -> datetime.date | None:
    """The date of the edition before this one: what this one's new items are new since; None for the first."""
    earlier = [day for day in publication_dates(briefing) if day < briefing.as_of]
    return earlier[-1] if earlier else None


class _Dating:
    """When each cited item and each entity first appears."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.published = {source.id: source.data.published for source in briefing.of_kind(SOURCES)}

    def date_of(self, cited: AnyCited) -> datetime.date:
        """The item's date: its newest source's publication, and a status change's own date."""
        newest = max(self.published[passage.source] for passage in cited.passages)
        return max(newest, cited.fact.as_of) if isinstance(cited.fact, StatusChange) else newest

    def first_seen(self) -> dict[Key, datetime.date]:
        """Each entity that appears in some edition -> the date it first does.

        Worked out once a briefing, which keeps it: checking, the pages and the feed all ask.
        """
        if not self.briefing.first_seen:
            self.briefing.first_seen.update(self._first_seen())
        return self.briefing.first_seen

    def _first_seen(self) -> dict[Key, datetime.date]:
        first: dict[Key, datetime.date] = {(SOURCES.name, sid): day for sid, day in self.published.items()}
        names: dict[Key, list[tuple[datetime.date | None, Key]]] = {}
        for kind, of_kind in self.briefing.entities.items():
            for entity in of_kind.values():
                own = self._own_date(entity)
                if own:
                    first[(kind, entity.id)] = own
                names[(kind, entity.id)] = self._names(entity)
        # The summary names whom its facts are attributed to, from each fact's date.
        summary: Key = ("briefing", "")
        first[summary] = min(self.published.values())
        names[summary] = [
            (self.date_of(fact), target) for fact in self.briefing.summary for target in targets_of(fact.fact)
        ]
        # What appears brings in what it names, from the later of its own date and the naming item's.
        pending = list(first)
        while pending:
            key = pending.pop()
            for since, named in names.get(key, ()):
                day = max(first[key], since) if since else first[key]
                if named in names and (named not in first or first[named] > day):
                    first[named] = day
                    pending.append(named)
        del first[summary]
        return first

    def _own_date(self, entity: Entity[EntityFile]) -> datetime.date | None:
        """When the entity's own cited items first show it; a question needs its reason and a status."""
        if entity.kind != QUESTIONS.name:
            return min((self.date_of(item) for item in _cited(entity)), default=None)
        reason = [self.date_of(item) for item in entity.facts if item.field == "why_it_matters"]
        statuses = [self.date_of(item) for item in entity.facts if item.field == "history"]
        return max(*reason, min(statuses)) if reason and statuses else None

    def _names(self, entity: Entity[EntityFile]) -> list[tuple[datetime.date | None, Key]]:
        """What the entity names: in its own fields (dated None) or in a cited item, dated by that item.

        A cited item names its sources too, but a source is shown from its own date, never earlier.
        """
        named: list[tuple[datetime.date | None, Key]] = [
            (None, target) for target in targets_of(entity.data, outside_facts=True)
        ]
        for cited in _cited(entity):
            who = cited.fact.said_by if isinstance(cited.fact, Fact) else cited.fact.participant
            if who:
                named.append((self.date_of(cited), (PARTICIPANTS.name, who)))
        return named


def _cited(entity: Entity[EntityFile]) -> tuple[AnyCited, ...]:
    return (*entity.facts, *entity.attendance)


def _as_of(
    entity: Entity[EntityFile], day: datetime.date, found: _Dating, edits_by: datetime.date
) -> Entity[EntityFile]:
    """The entity with only the cited items of `day`'s edition, and no `updated`, `reviewed` or correction after
    `edits_by`."""
    facts = [item for item in entity.facts if found.date_of(item) <= day]
    attendance = [item for item in entity.attendance if found.date_of(item) <= day]
    later: dict[str, Any] = {"updated": None} if _after(entity.data.updated, edits_by) else {}
    if isinstance(entity.data, QuestionFile) and _after(entity.data.reviewed, edits_by):
        later["reviewed"] = None
    corrections = entity.data.corrections
    if any(_after(correction.date, edits_by) for correction in corrections):
        later["corrections"] = [correction for correction in corrections if not _after(correction.date, edits_by)]
    if len(facts) == len(entity.facts) and len(attendance) == len(entity.attendance) and not later:
        return entity
    kept = {item.location for item in facts} | {item.location for item in attendance}
    data = _without(entity.data, kept, _cited(entity)).model_copy(update=later)
    return Entity(entity.kind, entity.id, data, entity.path, _renumbered(facts), _renumbered(attendance))


def _after(value: datetime.date | None, day: datetime.date) -> bool:
    return value is not None and value > day


def _without(data: D, kept: set[tuple[str | int, ...]], cited: Iterable[AnyCited]) -> D:
    """The record with the cited items not in `kept` left out of their fields."""
    dropped: dict[str, set[int | None]] = {}
    for item in cited:
        if item.location not in kept:
            dropped.setdefault(str(item.location[0]), set()).add(_index(item.location))
    updates: dict[str, Any] = {}
    for name, indexes in dropped.items():
        value = getattr(data, name)
        updates[name] = [v for i, v in enumerate(value) if i not in indexes] if isinstance(value, list) else None
    return data.model_copy(update=updates)


def _index(location: tuple[str | int, ...]) -> int | None:
    return location[1] if len(location) > 1 and isinstance(location[1], int) else None


C = TypeVar("C", bound=Fact | Attendance)
D = TypeVar("D", bound=Record)


def _renumbered(items: Iterable[CitedFact[C]]) -> tuple[CitedFact[C], ...]:
    """The items with their places in the shortened lists; their anchors, which never move, stay as they were."""
    counters: dict[str, int] = {}
    renumbered: list[CitedFact[C]] = []
    for item in items:
        if _index(item.location) is None:
            renumbered.append(item)
            continue
        name = str(item.location[0])
        counters[name] = counters.get(name, -1) + 1
        renumbered.append(item._replace(location=(name, counters[name], *item.location[2:])))
    return tuple(renumbered)


# --- what each edition added ----------------------------------------------------------------


@dataclass(frozen=True)
class Added:
    """What one edition holds that the one before did not."""

    day: datetime.date
    previous: datetime.date | None
    """The edition before, None for the first."""
    entities: dict[str, list[Entity[EntityFile]]]
    """Kind -> the entities first seen in this edition."""
    facts: list[tuple[Entity[EntityFile] | None, CitedFact[Fact]]]
    """New facts, with the entity they belong to (None for the summary)."""
    statuses: list[tuple[Entity[EntityFile], CitedFact[Any]]]
    """Questions' status changes of this edition (their facts are StatusChange)."""
    attendance: list[tuple[Entity[EntityFile], CitedFact[Attendance]]]
    """New attendance entries, with their meetings."""

    @property
    def is_empty(self) -> bool:
        return not (any(self.entities.values()) or self.facts or self.statuses or self.attendance)


def editions_added(briefing: Briefing) -> list[Added]:
    """Each edition up to the briefing's own date, oldest first, with what it added.

    One pass: each item and entity goes to the first edition whose date is not before its own.
    """
    found = _Dating(briefing)
    days = [day for day in publication_dates(briefing) if day <= briefing.as_of]
    if briefing.as_of > days[-1]:
        days.append(briefing.as_of)  # what was recorded after the newest source, such as a later status change
    bounds = zip([None, *days[:-1]], days, strict=True)
    added = [Added(day, previous, {kind: [] for kind in briefing.entities}, [], [], []) for previous, day in bounds]

    def of(day: datetime.date) -> Added:
        return added[bisect.bisect_left(days, day)]

    first = found.first_seen()
    for fact in briefing.summary:
        of(found.date_of(fact)).facts.append((None, fact))
    for kind, of_kind in briefing.entities.items():
        for entity in of_kind.values():
            if (kind, entity.id) in first:
                of(first[(kind, entity.id)]).entities[kind].append(entity)
            for fact in entity.facts:
                edition_of = of(found.date_of(fact))
                (edition_of.statuses if fact.field == "history" else edition_of.facts).append((entity, fact))
            for entry in entity.attendance:
                of(found.date_of(entry)).attendance.append((entity, entry))
    if len(added) > 1 and added[-1].is_empty:
        added.pop()  # the briefing's own date added nothing to the newest source's edition
    return added


def unseen(briefing: Briefing) -> list[Entity[EntityFile]]:
    """Entities no edition shows: nothing of theirs is cited, and nothing that is names them."""
    first = _Dating(briefing).first_seen()
    return [
        entity
        for kind, of_kind in briefing.entities.items()
        for entity in of_kind.values()
        if (kind, entity.id) not in first
    ]


# --- questions a newer source may answer --------------------------------------------------


@dataclass(frozen=True)
class ToReview:
    """An open question whose status is older than some source: that source may answer it."""

    question: Entity[QuestionFile]
    since: datetime.date
    """The later of its latest status's date and its `reviewed` date."""
    sources: list[Entity[SourceFile]]
    """The sources published after `since`, oldest first."""


def to_review(briefing: Briefing) -> list[ToReview]:
    """Each open or partly answered question with sources newer than its status and its last review."""
    found = []
    sources = sorted(briefing.of_kind(SOURCES), key=lambda source: (source.data.published, source.id))
    for question in briefing.of_kind(QUESTIONS):
        current = question.data.history[-1]
        if current.status == "answered":
            continue
        since = max(current.as_of, question.data.reviewed or current.as_of)
        newer = [source for source in sources if source.data.published > since]
        if newer:
            found.append(ToReview(question, since, newer))
    return found

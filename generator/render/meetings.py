"""Meetings: events with an attendance list, and who sat at the table at each, side by side.

A participant's side is the one country it belongs to (model.Briefing.sides); hosts and mediators sit between the
sides. Only what a source says is shown: an entry marked absent is a claim, not being listed is none.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass

from ..content.kinds import EVENTS, PARTICIPANTS
from ..content.model import Briefing, CitedFact, Entity
from ..content.schema import Attendance, Capacity, EntityFile, EventFile
from .display import event_sort_key, title_of

#: Capacities of those who sit between the sides rather than on one.
BETWEEN = frozenset({"host", "mediator"})
#: A side's entries are listed in the order the schema declares the capacities: its lead first.
CAPACITY_ORDER: tuple[str, ...] = typing.get_args(Capacity)

Entry = CitedFact[Attendance]


@dataclass(frozen=True)
class Delegation:
    """The entries of one side at a meeting; `side` is its country, None for those of no single country."""

    side: Entity[EntityFile] | None
    entries: tuple[Entry, ...]
    between: bool
    """Everyone in it hosts or mediates: it sits between the other sides."""


@dataclass(frozen=True)
class Meeting:
    event: Entity[EntityFile]
    at_table: tuple[Delegation, ...]
    """The sides in the order they are shown: the first, those between, then the others."""
    absent: tuple[Entry, ...]
    """Entries a source marks absent."""


def meetings_of(briefing: Briefing) -> list[Entity[EventFile]]:
    """Every meeting held by the briefing's date, oldest first; one scheduled later is not yet a meeting held."""
    today = (briefing.as_of.year, briefing.as_of.month, briefing.as_of.day)
    found = [
        event for event in briefing.of_kind(EVENTS) if event.attendance and event_sort_key(event.data.date)[:3] <= today
    ]
    return sorted(found, key=lambda event: (event_sort_key(event.data.date), event.id))


def meeting(briefing: Briefing, event: Entity[EventFile]) -> Meeting:
    """Who was at the table at `event`, grouped by side, and who a source says was absent."""
    by_side: dict[str | None, list[Entry]] = {}
    for entry in event.attendance:
        if not entry.fact.absent:
            by_side.setdefault(side_of(briefing, entry.fact.participant), []).append(entry)
    for entries in by_side.values():
        entries.sort(key=lambda entry: CAPACITY_ORDER.index(entry.fact.standing))
    delegations = [
        Delegation(
            briefing.get(PARTICIPANTS, side) if side else None,
            tuple(entries),
            all(entry.fact.capacity in BETWEEN for entry in entries),
        )
        for side, entries in by_side.items()
    ]
    delegations.sort(key=lambda delegation: (delegation.side is None, _side_title(delegation)))
    parties = [delegation for delegation in delegations if not delegation.between]
    between = [delegation for delegation in delegations if delegation.between]
    absent = tuple(entry for entry in event.attendance if entry.fact.absent)
    return Meeting(event, (*parties[:1], *between, *parties[1:]), absent)


def attendance_of(briefing: Briefing, participant_id: str) -> list[tuple[Entity[EventFile], Entry]]:
    """Each meeting that lists the participant, oldest first, with its entry."""
    found = briefing.attended.get(participant_id, ())
    return sorted(found, key=lambda item: (event_sort_key(item[0].data.date), item[0].id))


@dataclass(frozen=True)
class Since:
    """Someone at an earlier meeting who is not at the table at the latest one."""

    participant: Entity[EntityFile]
    last_attended: Entity[EntityFile]
    """The latest meeting they were at the table at."""
    absent: Entry | None
    """The latest meeting's entry marking them absent, if a source says so."""


def not_at_latest(briefing: Briefing, latest: Meeting, earlier: list[Entity[EventFile]]) -> list[Since]:
    """Those at the table at an earlier meeting but not at the latest: absent there, or just not listed."""
    at_latest = {entry.fact.participant for delegation in latest.at_table for entry in delegation.entries}
    absent = {entry.fact.participant: entry for entry in latest.absent}
    last: dict[str, Entity[EntityFile]] = {}
    for event in earlier:
        for entry in event.attendance:
            if not entry.fact.absent:
                last[entry.fact.participant] = event
    return [
        Since(briefing.get(PARTICIPANTS, who), event, absent.get(who))
        for who, event in sorted(last.items())
        if who not in at_latest
    ]


def side_of(briefing: Briefing, participant_id: str) -> str | None:
    """The id of the one country the participant is on the side of; None for none or several."""
    countries = briefing.sides.get(participant_id, ())
    return countries[0] if len(countries) == 1 else None


def _side_title(delegation: Delegation) -> str:
    return title_of(delegation.side) if delegation.side else ""

"""How a long section index and the home page group entities: events by month, participants by side.

A participant belongs with the country whose side they are on, and the home page and the participants' index must
agree on those sides and on which index page each side begins; both read them from here.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from ..content.kinds import EVENTS, PARTICIPANTS
from ..content.model import Briefing, Entity, for_kind
from ..content.schema import EntityFile, EventFile, ParticipantFile
from .display import MONTHS, event_sort_key, title_of
from .lists import PAGE_SIZE, Capped, capped, entity_recency, page_paths
from .meetings import side_of

Group = tuple[str | None, list[Entity[EntityFile]]]
"""A heading (None for none) and the entities under it."""


def groups_of(briefing: Briefing, kind: str, entities: list[Entity[EntityFile]], previous: str | None) -> list[Group]:
    """Runs of entities under one heading; a run that began on the page before says it continues."""
    groups: list[Group] = []
    for heading, run in itertools.groupby(entities, lambda entity: group_heading(briefing, kind, entity)):
        if heading is not None and not groups and heading == previous:
            heading += " (continued)"
        groups.append((heading, list(run)))
    return groups


def group_heading(briefing: Briefing, kind: str, entity: Entity[EntityFile]) -> str | None:
    heading_of = SECTION_GROUPS.get(kind)
    return heading_of(briefing, entity) if heading_of else None


def _event_group(briefing: Briefing, event: Entity[EventFile]) -> str:
    year, month, _, _ = event_sort_key(event.data.date)
    return f"{MONTHS[month - 1]} {year}" if month else str(year)


def _participant_group(briefing: Briefing, participant: Entity[EntityFile]) -> str:
    # A country's side is the country itself.
    key = side_of(briefing, participant.id)
    return title_of(briefing.get(PARTICIPANTS, key)) if key else "Others"


def _by_side(briefing: Briefing, participants: list[Entity[EntityFile]]) -> list[Entity[EntityFile]]:
    """Participants side by side, as the home page groups them: each country, then its people and bodies."""
    return [member for side in sides_of(briefing) for member in side.everyone]


SECTION_GROUPS: dict[str, Callable[[Briefing, Entity[EntityFile]], str]] = {
    EVENTS.name: for_kind(EVENTS, _event_group),
    "participants": _participant_group,
}
SECTION_ORDERS: dict[str, Callable[[Briefing, list[Entity[EntityFile]]], list[Entity[EntityFile]]]] = {
    "participants": _by_side,
}


@dataclass(frozen=True)
class Side:
    """A country and the participants on its side, as the home page groups them."""

    country: Entity[ParticipantFile] | None
    members: list[Entity[ParticipantFile]]

    @property
    def everyone(self) -> list[Entity[ParticipantFile]]:
        return [*([self.country] if self.country else []), *self.members]


def sides_of(briefing: Briefing) -> list[Side]:
    """Each country by name, with its people and bodies; then those of no single country."""
    participants = briefing.of_kind(PARTICIPANTS)
    countries = [p for p in participants if p.data.kind == "country"]
    countries.sort(key=title_of)
    members: dict[str | None, list[Entity[ParticipantFile]]] = {}
    for participant in participants:
        if participant.data.kind != "country":
            members.setdefault(side_of(briefing, participant.id), []).append(participant)
    sides = []
    for country in [*countries, None]:
        found = members.get(country.id if country else None, [])
        if country or found:
            sides.append(Side(country, found))
    return sides


def pages_by_side(sides: list[Side]) -> dict[str | None, str]:
    """Country id (None for the others) -> the page of the participants' index where its side begins."""
    count = sum(len(side.everyone) for side in sides)
    if count <= PAGE_SIZE:
        return {}
    paths = page_paths("participants/index.md", -(-count // PAGE_SIZE))
    pages, offset = {}, 0
    for side in sides:
        pages[side.country.id if side.country else None] = paths[offset // PAGE_SIZE]
        offset += len(side.everyone)
    return pages


@dataclass(frozen=True)
class HomeSide:
    """A side as the home page shows it: at most `CAP` names a line, the rest one click away."""

    country: Entity[EntityFile] | None
    members: Capped


def home_side(side: Side, side_pages: dict[str | None, str]) -> HomeSide:
    listing = side_pages.get(side.country.id if side.country else None, "participants/index.md")
    return HomeSide(side.country, capped(side.members, entity_recency, listing))

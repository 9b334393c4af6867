"""schema.org JSON-LD for each entity page, for search engines and web archives.

Built from the model like the pages are. `script_tag` escapes <, > and & inside
the JSON, so no text can close the script element or open another.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..content.kinds import EVENTS, PARTICIPANTS, QUESTIONS, SOURCES
from ..content.model import Briefing, Entity, for_kind
from ..content.schema import EntityFile, EventFile, ParticipantFile, QuestionFile, SourceFile
from ..render.display import format_event_date, title_of
from ..render.urls import UrlOf

_PARTICIPANT_TYPES = {
    "person": "Person",
    "organisation": "Organization",
    "delegation": "Organization",
    "country": "Country",
}
_STATUS = {"open": 0, "partly-answered": 0, "answered": 1}


def page_jsonld(briefing: Briefing, page: str, url_of: UrlOf | None) -> dict[str, Any] | None:
    """The JSON-LD object for a generated page, or None for pages without one (section indexes).

    `url_of` gives absolute URLs; without it (no `site_url` configured) no URL is stated.
    """
    kind, _, name = page.removesuffix(".md").partition("/")
    entity = briefing.entities.get(kind, {}).get(name)
    if entity is None:
        return None
    described = _BUILDERS.get(kind, _thing)(briefing, entity, url_of)
    url = {"url": url_of(page)} if url_of else {}
    return {"@context": "https://schema.org", "name": title_of(entity), **url, **described}


def script_tag(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/ld+json">{text}</script>'


def _first_fact(entity: Entity[EntityFile]) -> dict[str, str]:
    return {"description": entity.facts[0].fact.text} if entity.facts else {}


def _participant(briefing: Briefing, entity: Entity[ParticipantFile], url_of: UrlOf | None) -> dict[str, Any]:
    data = entity.data
    kind = _PARTICIPANT_TYPES[data.kind]
    described: dict[str, Any] = {"@type": kind, **_first_fact(entity)}
    if data.role:
        described["jobTitle" if kind == "Person" else "description"] = data.role
    if data.member_of:
        parents = [briefing.get(PARTICIPANTS, parent) for parent in data.member_of]
        described["memberOf"] = [_reference(parent, url_of) for parent in parents]
    if data.url:
        described["sameAs"] = data.url
    return described


def _reference(participant: Entity[ParticipantFile], url_of: UrlOf | None) -> dict[str, Any]:
    kind = _PARTICIPANT_TYPES[participant.data.kind]
    url = {"url": url_of(participant.page)} if url_of else {}
    return {"@type": kind, "name": title_of(participant), **url}


def _event(briefing: Briefing, entity: Entity[EventFile], url_of: UrlOf | None) -> dict[str, Any]:
    data = entity.data
    date = data.date
    described: dict[str, Any] = {"@type": "Event", "temporalCoverage": format_event_date(date), **_first_fact(entity)}
    if date.qualifier is None:
        described["startDate"] = date.day.isoformat() if date.day else date.month or str(date.year)
    if data.location:
        described["location"] = {"@type": "Place", "name": data.location}
    return described


def _question(briefing: Briefing, entity: Entity[QuestionFile], url_of: UrlOf | None) -> dict[str, Any]:
    data = entity.data
    current = data.history[-1]
    described: dict[str, Any] = {
        "@type": "Question",
        "text": data.question,
        "answerCount": _STATUS[current.status],
        "dateModified": current.as_of.isoformat(),
    }
    if current.status == "answered":
        described["acceptedAnswer"] = {"@type": "Answer", "text": current.text}
    return described


def _thing(briefing: Briefing, entity: Entity[EntityFile], url_of: UrlOf | None) -> dict[str, Any]:
    """A kind schema.org has no better type for, such as a goal: described by its first fact."""
    return {"@type": "Thing", **_first_fact(entity)}


def _source(briefing: Briefing, entity: Entity[SourceFile], url_of: UrlOf | None) -> dict[str, Any]:
    data = entity.data
    original: dict[str, Any] = {
        "@type": "CreativeWork",
        "name": data.title,
        "datePublished": data.published.isoformat(),
    }
    if data.publisher:
        original["publisher"] = {"@type": "Organization", "name": data.publisher}
    if data.author:
        original["author"] = {"@type": "Person", "name": data.author}
    if data.url:
        original["url"] = data.url
    if data.archive:
        original["archivedAt"] = data.archive.url
    return {"@type": "CreativeWork", "datePublished": data.published.isoformat(), "citation": original}


_BUILDERS: dict[str, Callable[[Briefing, Entity[EntityFile], UrlOf | None], dict[str, Any]]] = {
    PARTICIPANTS.name: for_kind(PARTICIPANTS, _participant),
    EVENTS.name: for_kind(EVENTS, _event),
    QUESTIONS.name: for_kind(QUESTIONS, _question),
    SOURCES.name: for_kind(SOURCES, _source),
}

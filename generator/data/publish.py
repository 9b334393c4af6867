"""The site's files beyond its pages: open data, the updates feed, and redirects from former ids.

Pure functions from the briefing to {path: text}; the MkDocs adapter hands them
to MkDocs as static files and `briefing export` prints the JSON.
"""

from __future__ import annotations

import datetime
import posixpath
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from ..content.editions import Added, editions_added
from ..content.kinds import SITE_ORDER
from ..content.model import Briefing, Change, recent_changes
from ..render.corrections import Note, every_note
from ..render.display import format_day, title_of
from ..render.urls import UrlOf
from .export import JSON_FILE, SCHEMA_FILE, csv_files, export_briefing, export_schema
from .schemas import dump_json

FEED_FILE = "feed.xml"
FEED_ENTRIES = 50
#: Names of new entries of one kind an edition's feed entry gives at most.
FEED_NAMES = 10
_ATOM = "http://www.w3.org/2005/Atom"


def site_files(briefing: Briefing, url_of: UrlOf, site_url: str | None) -> dict[str, str]:
    """Every file besides the pages: data/, the feed, and redirect pages for former ids."""
    return {
        JSON_FILE: dump_json(export_briefing(briefing)),
        SCHEMA_FILE: dump_json(export_schema()),
        **csv_files(briefing),
        FEED_FILE: atom_feed(briefing, url_of, site_url),
        **redirects(briefing, url_of),
    }


def atom_feed(briefing: Briefing, url_of: UrlOf, site_url: str | None) -> str:
    """An Atom feed with an entry per edition, per edited entry and per correction, newest first.

    Links are absolute when the site's URL is configured.
    """
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    home = base + (url_of("index.md") or "./")
    entries = [
        *map(_edition_entry, editions_added(briefing)),
        *(_change_entry(c, base, url_of) for c in recent_changes(briefing)),
        *(_correction_entry(note, base, url_of) for note in every_note(briefing)),
    ]
    entries = sorted(entries, key=lambda entry: (entry.day, entry.id), reverse=True)[:FEED_ENTRIES]
    ElementTree.register_namespace("", _ATOM)
    feed = ElementTree.Element(f"{{{_ATOM}}}feed")
    _text(feed, "title", briefing.meta.title)
    _text(feed, "id", f"urn:briefing:{_slug(briefing.meta.title)}")
    _text(feed, "updated", _timestamp(max([briefing.as_of, *(entry.day for entry in entries)])))
    _link(feed, base + FEED_FILE, "self")
    _link(feed, home, "alternate")
    author = ElementTree.SubElement(feed, f"{{{_ATOM}}}author")
    _text(author, "name", briefing.meta.title)
    for item in entries:
        entry = ElementTree.SubElement(feed, f"{{{_ATOM}}}entry")
        _text(entry, "title", item.title)
        _text(entry, "id", f"urn:briefing:{_slug(briefing.meta.title)}:{item.id}")
        _text(entry, "updated", _timestamp(item.day))
        _link(entry, item.link or home, "alternate")
        _text(entry, "summary", item.summary)
    return ElementTree.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


@dataclass(frozen=True)
class _Entry:
    day: datetime.date
    id: str
    title: str
    summary: str
    link: str | None = None
    """None for the home page."""


def _edition_entry(added: Added) -> _Entry:
    day = added.day.isoformat()
    title = f"Edition of {format_day(added.day)}"
    return _Entry(added.day, f"edition:{day}", title, f"{title}: {_added_summary(added)}")


def _added_summary(added: Added) -> str:
    """What an edition added, in words: the new entries by kind, status changes and new facts."""
    if added.previous is None:
        counts = [_counted(len(added.entities.get(kind.name, [])), kind.singular, kind.name) for kind in SITE_ORDER]
        return f"the first edition: {', '.join(counts)}; {len(added.facts) + len(added.statuses):,} facts."
    parts = []
    for kind in SITE_ORDER:
        entities = added.entities.get(kind.name, [])
        if entities:
            shown = ", ".join(title_of(entity) for entity in entities[:FEED_NAMES])
            more = f" and {len(entities) - FEED_NAMES:,} more" if len(entities) > FEED_NAMES else ""
            parts.append(f"{kind.label}: {shown}{more}")
    parts += [f"{title_of(question)} is {cited.fact.status.replace('-', ' ')}" for question, cited in added.statuses]
    if added.facts:
        parts.append(f"{len(added.facts):,} new {'fact' if len(added.facts) == 1 else 'facts'}")
    return f"since the edition of {format_day(added.previous)}: " + ("; ".join(parts) if parts else "nothing new") + "."


def _counted(count: int, singular: str, plural: str) -> str:
    return f"{count:,} {singular if count == 1 else plural}"


def _change_entry(change: Change, base: str, url_of: UrlOf) -> _Entry:
    entity = change.entity
    day = change.date.isoformat()
    return _Entry(
        change.date,
        f"{entity.kind}:{entity.id}:{day}:{_slug(change.what)}",
        f"{title_of(entity)} ({change.what.lower()})",
        f"{change.what} ({day}): {title_of(entity)}",
        base + url_of(entity.page),
    )


def _correction_entry(note: Note, base: str, url_of: UrlOf) -> _Entry:
    correction = note.correction
    where = title_of(note.entity) if note.entity else "Summary"
    kind, entity_id = (note.entity.kind, note.entity.id) if note.entity else ("briefing", "")
    return _Entry(
        correction.date,
        f"correction:{kind}:{entity_id}:{note.number}",
        f"Correction: {where}",
        f"Correction ({correction.date.isoformat()}): {correction.change} Why: {correction.reason}",
        f"{base}{url_of(note.page)}#{note.anchor}",
    )


def _text(parent: ElementTree.Element, tag: str, text: str) -> None:
    ElementTree.SubElement(parent, f"{{{_ATOM}}}{tag}").text = text


def _link(parent: ElementTree.Element, href: str, rel: str) -> None:
    ElementTree.SubElement(parent, f"{{{_ATOM}}}link", {"href": href, "rel": rel})


def _timestamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def redirects(briefing: Briefing, url_of: UrlOf) -> dict[str, str]:
    """A small HTML page at each former id's URL that sends readers on to the current page."""
    pages = {}
    for of_kind in briefing.entities.values():
        for entity in of_kind.values():
            for former in entity.data.formerly:
                old_url = url_of(f"{entity.kind}/{former}.md")
                path = old_url + "index.html" if old_url.endswith("/") else old_url
                target = posixpath.relpath(url_of(entity.page), posixpath.dirname(path))
                target += "/" if url_of(entity.page).endswith("/") else ""
                pages[path] = _REDIRECT.format(target=target)
    return pages


# Ids are lowercase letters, digits and hyphens, so `target` needs no escaping here.
_REDIRECT = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved</title>
<link rel="canonical" href="{target}">
<meta http-equiv="refresh" content="0; url={target}">
<meta name="robots" content="noindex">
</head>
<body><p>This page has moved to <a href="{target}">{target}</a>.</p></body>
</html>
"""

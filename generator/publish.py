"""The site's files beyond its pages: open data, the updates feed, and redirects from former ids.

Pure functions from the briefing to {path: text}; the MkDocs adapter hands them
to MkDocs as static files and `briefing export` prints the JSON.
"""

from __future__ import annotations

import datetime
import posixpath
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable

from .display import title_of
from .export import JSON_FILE, SCHEMA_FILE, csv_files, export_briefing, export_schema
from .model import Briefing, recent_changes
from .schemas import dump_json

FEED_FILE = "feed.xml"
FEED_ENTRIES = 50
_ATOM = "http://www.w3.org/2005/Atom"

#: Page path ('participants/x.md') -> its URL relative to the site root.
UrlOf = Callable[[str], str]


def page_url(directory_urls: bool) -> UrlOf:
    """How MkDocs turns a page path into a URL, relative to the site root."""

    def url_of(page: str) -> str:
        stem = page.removesuffix(".md")
        if not directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    return url_of


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
    """An Atom feed of the newest changes; links are absolute when the site's URL is configured."""
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    changes = recent_changes(briefing)[:FEED_ENTRIES]
    updated = max([briefing.meta.as_of, *(change.date for change in changes)])
    ElementTree.register_namespace("", _ATOM)
    feed = ElementTree.Element(f"{{{_ATOM}}}feed")
    _text(feed, "title", briefing.meta.title)
    _text(feed, "id", f"urn:briefing:{_slug(briefing.meta.title)}")
    _text(feed, "updated", _timestamp(updated))
    _link(feed, base + FEED_FILE, "self")
    _link(feed, base + (url_of("index.md") or "./"), "alternate")
    author = ElementTree.SubElement(feed, f"{{{_ATOM}}}author")
    _text(author, "name", briefing.meta.title)
    for change in changes:
        entry = ElementTree.SubElement(feed, f"{{{_ATOM}}}entry")
        entity = change.entity
        _text(entry, "title", f"{title_of(entity)} ({change.what.lower()})")
        _text(entry, "id", f"urn:briefing:{entity.kind}:{entity.id}:{change.date.isoformat()}:{_slug(change.what)}")
        _text(entry, "updated", _timestamp(change.date))
        _link(entry, base + url_of(entity.page), "alternate")
        _text(entry, "summary", f"{change.what} ({change.date.isoformat()}): {title_of(entity)}")
    return ElementTree.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


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

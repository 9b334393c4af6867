"""Briefing -> Markdown pages, as a pure function: {page path: markdown}.

Templates print every value through `finalize`, which turns it into inert
text: HTML and Markdown syntax become character references, so nothing a
maintainer writes can become markup, a link, a footnote or an include. Only
values the generator builds itself (`Md`, see inert.py) pass through as Markdown.
"""

from __future__ import annotations

import datetime
import functools
import html
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2
import yaml

from .corrections import CORRECTIONS_PAGE, entity_notes, every_note, marks, summary_notes
from .display import STATUS_LABELS, event_sort_key, format_day, format_event_date, title_of
from .editions import editions_added
from .errors import Problem
from .grouping import SECTION_ORDERS, Group, group_heading, groups_of, home_side, pages_by_side, sides_of
from .inert import Md, inert
from .kinds import EVENTS, GOALS, PARTICIPANTS, QUESTIONS, SITE_ORDER, SOURCES, Kind
from .lists import (
    CAP,
    HOME_SIDES,
    LISTINGS,
    PAGE_SIZE,
    Capped,
    Pager,
    capped,
    citing_listing,
    entity_recency,
    listing_path,
    most_recent_first,
    paginate,
    quote_recency,
)
from .meetings import Since, attendance_of, meeting, meetings_of, not_at_latest
from .model import Briefing, Entity, recent_changes, span_anchor
from .page_context import PageContext
from .pictures import meeting_picture, status_strip, timeline_picture, trend_mark
from .publish import page_url
from .source_page import citing_by_span, source_paragraphs

KIND_LABELS = {"person": "Person", "organisation": "Organisation", "country": "Country", "delegation": "Delegation"}


def _finalize(value: Any) -> Any:
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return format_day(value)
    return inert(value)


# --- pages ----------------------------------------------------------------------------------


def render_pages(briefing: Briefing, template_dirs: tuple[Path, ...] = ()) -> dict[str, str]:
    """Every page of the site, keyed by its path relative to the docs root."""
    templates = _TemplateCache(environment_for(template_dirs))
    pages = {}
    for context, template, values in _page_specs(briefing):
        body = templates[template].render(page=context, briefing=briefing, **values)
        pages[context.path] = _front_matter(values["title"]) + body.strip() + "\n"
    return pages


class _TemplateCache(dict[str, jinja2.Template]):
    """Templates fetched once per render: Jinja checks each file's modification time on every fetch."""

    def __init__(self, env: jinja2.Environment) -> None:
        super().__init__()
        self.env = env

    def __missing__(self, name: str) -> jinja2.Template:
        template = self[name] = self.env.get_template(name)
        return template


def problems_pages(problems: list[Problem], pages: Iterable[str]) -> dict[str, str]:
    """While previewing: the page listing the problems, in place of each of `pages` and of every section index."""
    page = render_problems_page(problems)
    return dict.fromkeys({*pages, *SECTION_INDEXES}, page)


def render_problems_page(problems: list[Problem]) -> str:
    """The page a live preview shows in place of every page while the content has errors."""
    items = "\n".join(f"- {inert(problem)}" for problem in problems)
    return (
        _front_matter("Content problems")
        + "# The briefing's content has problems\n\n"
        + "Fix these and save: the preview reloads by itself.\n\n"
        + f"{items}\n"
    )


PathSpec = tuple[str, str, dict[str, Any]]
"""A page to render: its path, its template's name and the template's values."""
PageSpec = tuple[PageContext, str, dict[str, Any]]
"""A page to render with its context built."""


def _page_specs(briefing: Briefing) -> Iterator[PageSpec]:
    """Every page in the site's order: the home page, then each section's index and its entities' pages."""
    labels: dict[str, Md] = {}
    page = functools.partial(PageContext, briefing=briefing, labels=labels)
    home, notes = page("index.md"), summary_notes(briefing)
    home.corrected = marks(notes)
    yield home, "home.md.j2", {"title": briefing.meta.title, "notes": notes, **_home_values(briefing)}
    for kind in SITE_ORDER:
        entities = _section_entities(briefing, kind)
        for path, template_name, values in _section_specs(briefing, kind.name, kind.label, entities):
            yield page(path), template_name, values
        for entity in entities:
            context, notes = page(entity.page), entity_notes(entity)
            context.corrected = marks(notes)
            values = ENTITY_VALUES.get(kind.name, _no_values)(context, entity)
            yield context, kind.template, {"title": title_of(entity), "entity": entity, "notes": notes, **values}
            for path, template_name, list_values in EXTRA_PAGES.get(kind.name, _no_pages)(briefing, entity, values):
                yield page(path), template_name, list_values
    yield page(CORRECTIONS_PAGE), "corrections.md.j2", {"title": "Corrections", "notes": every_note(briefing)}
    yield page(BRIEF_PAGE), "brief.md.j2", {"title": f"{briefing.meta.title}: the brief", **_brief_values(briefing)}


def _brief_values(briefing: Briefing) -> dict[str, Any]:
    """What the printable brief holds: a small briefing whole; of a large one, what the home page shows."""
    still_open = [q for q in briefing.of_kind(QUESTIONS) if q.data.history[-1].status != "answered"]
    sides = sides_of(briefing)
    side_pages = pages_by_side(sides)
    shown_sides = [side for side in sides if side.country][:HOME_SIDES] + [side for side in sides if not side.country]
    return {
        "sides": [home_side(side, side_pages) for side in shown_sides],
        "more_sides": len(sides) - len(shown_sides),
        "goals": capped(briefing.of_kind(GOALS), entity_recency, "goals/index.md"),
        "questions": capped(still_open, entity_recency, "questions/index.md"),
        "events": capped(_section_entities(briefing, EVENTS), _event_recency, "events/index.md"),
    }


def _event_recency(event: Entity[Any]) -> tuple[int, ...]:
    return event_sort_key(event.data.date)


def _section_entities(briefing: Briefing, kind: Kind[Any]) -> list[Entity[Any]]:
    """A section's entities in the order its index lists them: by id, or events by date."""
    if kind is not EVENTS:
        return briefing.of_kind(kind)
    return sorted(briefing.of_kind(EVENTS), key=lambda event: (event_sort_key(event.data.date), event.id))


def _no_values(page: PageContext, entity: Entity[Any]) -> dict[str, Any]:
    return {}


def _no_pages(briefing: Briefing, entity: Entity[Any], values: dict[str, Any]) -> Iterator[PathSpec]:
    return iter(())


# --- long lists: capped on a page, complete on pages of their own (see lists.py) ----------


def _section_specs(briefing: Briefing, kind: str, label: str, entities: list[Entity[Any]]) -> Iterator[PathSpec]:
    """The section's index, split into pages when long; a long list also gets a heading per group."""
    order = SECTION_ORDERS.get(kind)
    if order and len(entities) > PAGE_SIZE:
        entities = order(briefing, entities)
    previous: str | None = None
    for path, chunk, pager in paginate(entities, f"{kind}/index.md"):
        groups: list[Group] = [(None, chunk)]
        if pager:
            groups = groups_of(briefing, kind, chunk, previous)
            previous = group_heading(briefing, kind, chunk[-1])
        title = label + (_page_of(pager) if pager else "")
        values = {"title": title, "entities": chunk, "groups": groups, "pager": pager}
        yield path, f"{kind}_index.md.j2", {**values, **SECTION_VALUES.get(kind, _no_section_values)(path, chunk)}


def _timeline_values(path: str, events: list[Entity[Any]]) -> dict[str, Any]:
    return {"timeline": timeline_picture(events, lambda event: directory_url(event.page, path)) if events else None}


def _no_section_values(path: str, entities: list[Entity[Any]]) -> dict[str, Any]:
    return {}


def directory_url(target: str, from_page: str) -> str:
    """The URL of page `target` relative to page `from_page`, as MkDocs' directory URLs place them.

    Links in raw HTML (the pictures) are not rewritten by MkDocs, so they are built final; the plugin refuses
    `use_directory_urls: false`, under which they would not hold.
    """
    here = page_url(from_page).rstrip("/") or "."
    there = page_url(target)
    relative = posixpath.relpath(there.rstrip("/") or ".", here)
    return relative + "/" if not there or there.endswith("/") else relative


def _listing_specs(briefing: Briefing, participant: Entity[Any], values: dict[str, Any]) -> Iterator[PathSpec]:
    """The complete listing of each list too long for the participant's page, most recent first."""
    for field_name, listing in LISTINGS.items():
        shown: Capped = values[field_name]
        if shown.listing is not None:
            every: dict[str, tuple[Any, ...]] = getattr(briefing, field_name)
            items = most_recent_first(every[participant.id], listing.recency)
            style = "quote" if field_name == "said" else "link"
            title = f"{title_of(participant)}: {listing.title}"
            yield from _list_specs(shown.listing, title, (participant, ""), listing.intro, items, style)


def _citing_specs(briefing: Briefing, source: Entity[Any], values: dict[str, Any]) -> Iterator[PathSpec]:
    """For a passage cited by more facts than its page lists, every one of them."""
    for span, citings in values["long_citings"].items():
        anchor = span_anchor(span)
        title = f"{title_of(source)}: facts citing one passage"
        intro = "every fact that cites this passage, in the order of the site's pages."
        yield from _list_specs(citing_listing(source, anchor), title, (source, anchor), intro, citings, "citing")


def _list_specs(
    first: str, title: str, subject: tuple[Entity[Any], str], intro: str, items: list[Any], style: str
) -> Iterator[PathSpec]:
    """A complete listing over as many pages as it takes; `subject` is the entity (and anchor) it lists for."""
    for path, chunk, pager in paginate(items, first):
        values = {"title": title + (_page_of(pager) if pager else ""), "subject": subject[0], "anchor": subject[1]}
        yield path, "list.md.j2", {**values, "intro": intro, "items": chunk, "style": style, "pager": pager}


def _page_of(pager: Pager) -> str:
    return f", page {pager.number} of {len(pager.paths)}"


def _home_values(briefing: Briefing) -> dict[str, Any]:
    questions = briefing.of_kind(QUESTIONS)
    answered = [q for q in questions if q.data.history[-1].status == "answered"]
    meetings = meetings_of(briefing)
    latest = meeting(briefing, meetings[-1]) if meetings else None
    since = not_at_latest(briefing, latest, meetings[:-1]) if latest else []
    return {
        **_what_changed(briefing),
        "latest": latest,
        "latest_picture": meeting_picture(briefing, latest) if latest and latest.at_table else None,
        "earlier": capped(reversed(meetings[:-1]), entity_recency, "events/index.md"),
        "since": _by_last_meeting(since, meetings),
        "data_files": DATA_LINKS,
        **_brief_values(briefing),
        "answered": capped(answered, entity_recency, "questions/index.md"),
    }


def _by_last_meeting(since: list[Since], meetings: list[Entity[Any]]) -> list[tuple[Entity[Any], Capped]]:
    """Those not at the latest meeting, under the meeting they were last at the table at, the newest first."""
    groups: dict[str, list[Since]] = {}
    for item in since:
        groups.setdefault(item.last_attended.id, []).append(item)
    return [
        (event, capped(groups[event.id], lambda item: entity_recency(item.participant), event.page))
        for event in reversed(meetings)
        if event.id in groups
    ]


def _what_changed(briefing: Briefing) -> dict[str, Any]:
    """What the briefing's newest edition added since the one before, for the home page."""
    editions = editions_added(briefing)
    added = editions[-1]
    new = {(entity.kind, entity.id) for entities in added.entities.values() for entity in entities}
    events = added.entities.get(EVENTS.name, [])
    groups = [
        ("New sources", added.entities.get(SOURCES.name, [])),
        ("New meetings", [event for event in events if event.attendance]),
        ("New events", [event for event in events if not event.attendance]),
        ("New participants", added.entities.get(PARTICIPANTS.name, [])),
        ("New goals", added.entities.get(GOALS.name, [])),
        ("New questions", added.entities.get(QUESTIONS.name, [])),
    ]
    # A new entry's facts come with it; only those added to entries already there are listed one by one.
    cited = [*added.facts, *added.attendance]
    facts = [(entity, item) for entity, item in cited if entity is None or (entity.kind, entity.id) not in new]
    return {
        "editions": len(editions),
        "edition_day": added.day,
        "added": added,
        "new_entities": [(label, capped(items, entity_recency)) for label, items in groups if items],
        "new_facts": capped(facts, _no_recency),
        "status_changes": capped(added.statuses, _no_recency),
        "updates": capped(
            [c for c in recent_changes(briefing) if not added.previous or c.date > added.previous], _no_recency
        ),
    }


def _no_recency(item: Any) -> tuple[int, ...]:
    return ()


def _participant_values(page: PageContext, entity: Entity[Any]) -> dict[str, Any]:
    briefing = page.briefing
    members = briefing.members.get(entity.id, ())
    said = briefing.said.get(entity.id, ())
    backlinks = briefing.backlinks.get(entity.id, ())
    return {
        "meetings": attendance_of(briefing, entity.id),
        "members": capped(members, entity_recency, listing_path("members", entity)),
        "said": capped(said, quote_recency, listing_path("said", entity)),
        "backlinks": capped(backlinks, entity_recency, listing_path("backlinks", entity)),
    }


def _event_values(page: PageContext, entity: Entity[Any]) -> dict[str, Any]:
    if not entity.attendance:
        return {"meeting": None}
    listed = {entry.fact.participant for entry in entity.attendance}
    also = [participant for participant in entity.data.participants if participant not in listed]
    at_table = meeting(page.briefing, entity)
    picture = meeting_picture(page.briefing, at_table) if at_table.at_table else None
    return {"meeting": at_table, "picture": picture, "also_involved": also}


def _question_values(page: PageContext, entity: Entity[Any]) -> dict[str, Any]:
    return {"strip": status_strip(entity.data.history, page.briefing.as_of)}


def _source_values(page: PageContext, entity: Entity[Any]) -> dict[str, Any]:
    citing = citing_by_span(page.briefing.citings.get(entity.id, ()))
    return {
        "paragraphs": list(source_paragraphs(page, entity, citing)),
        "long_citings": {span: facts for span, facts in citing.facts.items() if len(facts) > CAP},
    }


#: The open data the home page links to: (label, path under the site); see export.py and publish.py.
DATA_LINKS = (
    ("The whole briefing as JSON", "data/briefing.json"),
    ("The JSON Schema of that file", "data/briefing.schema.json"),
    *(
        (f"{kind.capitalize()} as CSV", f"data/{kind}.csv")
        for kind in (*(kind.name for kind in SITE_ORDER), "citations")
    ),
    ("Atom feed of updates and corrections", "feed.xml"),
)
#: The printable brief, linked from the home page.
BRIEF_PAGE = "brief.md"
#: Pages that exist whatever the content: the home page, one index per section, the corrections and the brief.
SECTION_INDEXES = ("index.md", *(f"{kind.name}/index.md" for kind in SITE_ORDER), CORRECTIONS_PAGE, BRIEF_PAGE)
ENTITY_VALUES: dict[str, Callable[[PageContext, Entity[Any]], dict[str, Any]]] = {
    "participants": _participant_values,
    "sources": _source_values,
    "events": _event_values,
    "questions": _question_values,
}
#: Values a section's index pages get beyond their entities: (page path, the page's entities) -> values.
SECTION_VALUES: dict[str, Callable[[str, list[Entity[Any]]], dict[str, Any]]] = {"events": _timeline_values}
#: Pages an entity's page links to for lists too long for it: (entity, its page's values) -> page specs.
EXTRA_PAGES: dict[str, Callable[[Briefing, Entity[Any], dict[str, Any]], Iterator[PathSpec]]] = {
    "participants": _listing_specs,
    "sources": _citing_specs,
}


def _front_matter(title: str) -> str:
    # The theme prints meta titles into <title> unescaped, so the title is escaped
    # here once; the YAML dumper quotes whatever else YAML would misread.
    escaped = html.escape(" ".join(title.split()))
    if _is_plain_yaml(escaped):
        return f"---\ntitle: {escaped}\n---\n\n"
    meta = yaml.safe_dump({"title": escaped}, allow_unicode=True, width=1_000_000)
    return f"---\n{meta}---\n\n"


#: Words, spaces and a few punctuation marks that YAML never reads as syntax inside a
#: plain scalar that starts with a word character (no ': ', ' #' or leading indicator).
_PLAIN_YAML = re.compile(r"\w[\w .,?()/-]*")
_YAML_RESOLVER = yaml.resolver.Resolver()


def _is_plain_yaml(text: str) -> bool:
    """Whether yaml.safe_dump would print `text` unquoted, decided without the dumper's cost.

    Most titles are; the rest (and any doubt: dates, numbers, booleans, very long
    text the dumper might fold) go through the dumper itself.
    """
    return (
        len(text) < 1_000
        and _PLAIN_YAML.fullmatch(text) is not None
        and _YAML_RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"  # type: ignore[no-untyped-call]
    )


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number:,}{suffix}"


@functools.cache
def environment_for(template_dirs: tuple[Path, ...]) -> jinja2.Environment:
    """One environment per set of template folders: compiling templates is most of rendering's cost.

    Jinja checks a template file's modification time before reusing it, so a
    maintainer's edited override still shows in a live preview.
    """
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader([str(d) for d in template_dirs])]
    loaders.append(jinja2.PackageLoader("generator", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        finalize=_finalize,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["event_date"] = lambda date: Md(inert(format_event_date(date)))
    env.filters["upper_first"] = lambda text: Md(text[:1].upper() + text[1:])
    env.filters["status"] = lambda status: STATUS_LABELS[status]
    env.filters["trend"] = trend_mark
    env.filters["kind_label"] = lambda kind: KIND_LABELS[kind]
    env.filters["title_of"] = title_of
    env.filters["thousands"] = lambda number: f"{number:,}"
    env.filters["ordinal"] = _ordinal
    return env

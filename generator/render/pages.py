"""Briefing -> Markdown pages, as a pure function: {page path: markdown}.

Every kind's entities get a page each and a section index; what a kind's pages add beyond the fields every
entity has comes from the per-kind tables at the bottom, keyed by the kinds' names (content/kinds.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jinja2

from ..content.editions import editions_added, previous_edition
from ..content.kinds import EVENTS, GOALS, KINDS, PARTICIPANTS, QUESTIONS, SITE_ORDER, SOURCES, Kind
from ..content.model import Briefing, Entity, for_kind, is_kind, recent_changes, span_anchor
from ..content.schema import EntityFile, EventFile, ParticipantFile, QuestionFile, SourceFile
from ..errors import Problem
from .corrections import CORRECTIONS_PAGE, entity_notes, every_note, marks, summary_notes
from .display import event_sort_key, title_of
from .grouping import SECTION_ORDERS, Group, group_heading, groups_of, home_side, pages_by_side, sides_of
from .inert import Md, inert
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
)
from .meetings import Since, attendance_of, meeting, meetings_of, not_at_latest
from .page_context import PageContext
from .pictures import meeting_picture, status_strip, timeline_picture
from .positions import grid_sides, question_positions
from .source_page import citing_by_span, source_paragraphs
from .templating import environment_for, front_matter
from .urls import directory_url

# --- pages ----------------------------------------------------------------------------------


def render_pages(briefing: Briefing, environment: jinja2.Environment | None = None) -> dict[str, str]:
    """Every page of the site, keyed by its path relative to the docs root.

    `environment` holds the templates (templating.environment_for); by default, the generator's own.
    """
    templates = environment or environment_for(())
    pages = {}
    for context, template, values in _page_specs(briefing):
        body = templates.get_template(template).render(page=context, briefing=briefing, **values)
        pages[context.path] = front_matter(values["title"]) + body.strip() + "\n"
    return pages


def problems_pages(problems: list[Problem], pages: Iterable[str]) -> dict[str, str]:
    """While previewing: the page listing the problems, in place of each of `pages` and of every section index."""
    page = render_problems_page(problems)
    return dict.fromkeys({*pages, *SECTION_INDEXES}, page)


def render_problems_page(problems: list[Problem]) -> str:
    """The page a live preview shows in place of every page while the content has errors."""
    items = "\n".join(f"- {inert(problem)}" for problem in problems)
    return (
        front_matter("Content problems")
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
    questions = capped(still_open, entity_recency, "questions/index.md")
    stances = [(question, question_positions(briefing, question)) for question in questions]
    stances = [(question, positions) for question, positions in stances if positions.sides]
    return {
        "sides": [home_side(side, side_pages) for side in shown_sides],
        "more_sides": len(sides) - len(shown_sides),
        "goals": capped(briefing.of_kind(GOALS), entity_recency, "goals/index.md"),
        "questions": questions,
        "stances": stances,
        "stance_sides": grid_sides(briefing, [positions for _, positions in stances]),
        "events": capped(_timeline(briefing), _event_recency, "events/index.md"),
    }


def _event_recency(event: Entity[EventFile]) -> tuple[int, ...]:
    return event_sort_key(event.data.date)


def _section_entities(briefing: Briefing, kind: Kind[EntityFile]) -> list[Entity[EntityFile]]:
    """A section's entities in the order its index lists them: by id, or events by date."""
    return list(_timeline(briefing)) if kind is EVENTS else briefing.of_kind(kind)


def _timeline(briefing: Briefing) -> list[Entity[EventFile]]:
    return sorted(briefing.of_kind(EVENTS), key=lambda event: (event_sort_key(event.data.date), event.id))


def _no_values(page: PageContext, entity: Entity[EntityFile]) -> dict[str, Any]:
    return {}


def _no_pages(briefing: Briefing, entity: Entity[EntityFile], values: dict[str, Any]) -> Iterator[PathSpec]:
    return iter(())


# --- long lists: capped on a page, complete on pages of their own (see lists.py) ----------


def _section_specs(briefing: Briefing, kind: str, label: str, entities: list[Entity[EntityFile]]) -> Iterator[PathSpec]:
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


def _timeline_values(path: str, entities: list[Entity[EntityFile]]) -> dict[str, Any]:
    events = [entity for entity in entities if is_kind(entity, EVENTS)]
    return {"timeline": timeline_picture(events, lambda event: directory_url(event.page, path)) if events else None}


def _no_section_values(path: str, entities: list[Entity[EntityFile]]) -> dict[str, Any]:
    return {}


def _listing_specs(
    briefing: Briefing, participant: Entity[ParticipantFile], values: dict[str, Any]
) -> Iterator[PathSpec]:
    """The complete listing of each list too long for the participant's page, most recent first."""
    for field_name, listing in LISTINGS.items():
        shown: Capped = values[field_name]
        if shown.listing is not None:
            items = most_recent_first(listing.items(briefing, participant.id), listing.recency)
            title = f"{title_of(participant)}: {listing.title}"
            yield from _list_specs(shown.listing, title, (participant, ""), listing.intro, items, listing.style)


def _citing_specs(briefing: Briefing, source: Entity[SourceFile], values: dict[str, Any]) -> Iterator[PathSpec]:
    """For a passage cited by more facts than its page lists, every one of them."""
    for span, citings in values["long_citings"].items():
        anchor = span_anchor(span)
        title = f"{title_of(source)}: facts citing one passage"
        intro = "every fact that cites this passage, in the order of the site's pages."
        yield from _list_specs(citing_listing(source, anchor), title, (source, anchor), intro, citings, "citing")


def _list_specs(
    first: str, title: str, subject: tuple[Entity[EntityFile], str], intro: str, items: list[Any], style: str
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


def _by_last_meeting(since: list[Since], meetings: list[Entity[EventFile]]) -> list[tuple[Entity[EventFile], Capped]]:
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
    groups = [
        group
        for kind in KINDS
        for group in NEWS_GROUPS.get(kind.name, _news_of_kind(kind))(added.entities.get(kind.name, []))
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


def _news_of_kind(kind: Kind[EntityFile]) -> NewsGroups:
    return lambda entities: [(f"New {kind.name}", entities)]


def _new_events(events: list[Entity[EntityFile]]) -> list[tuple[str, list[Entity[EntityFile]]]]:
    """New meetings, which have attendance, apart from the timeline's other new events."""
    return [
        ("New meetings", [event for event in events if event.attendance]),
        ("New events", [event for event in events if not event.attendance]),
    ]


def _no_recency(item: Any) -> tuple[int, ...]:
    return ()


def _participant_values(page: PageContext, entity: Entity[ParticipantFile]) -> dict[str, Any]:
    lists = {
        name: capped(listing.items(page.briefing, entity.id), listing.recency, listing_path(name, entity))
        for name, listing in LISTINGS.items()
    }
    return {"meetings": attendance_of(page.briefing, entity.id), **lists}


def _event_values(page: PageContext, entity: Entity[EventFile]) -> dict[str, Any]:
    if not entity.attendance:
        return {"meeting": None}
    listed = {entry.fact.participant for entry in entity.attendance}
    also = [participant for participant in entity.data.participants if participant not in listed]
    at_table = meeting(page.briefing, entity)
    picture = meeting_picture(page.briefing, at_table) if at_table.at_table else None
    return {"meeting": at_table, "picture": picture, "also_involved": also}


def _question_values(page: PageContext, entity: Entity[QuestionFile]) -> dict[str, Any]:
    return {
        "strip": status_strip(entity.data.history, page.briefing.as_of),
        "positions": question_positions(page.briefing, entity),
        "since": previous_edition(page.briefing),
    }


def _source_values(page: PageContext, entity: Entity[SourceFile]) -> dict[str, Any]:
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
        for kind in (*(kind.name for kind in SITE_ORDER), "citations", "positions")
    ),
    ("Atom feed of updates and corrections", "feed.xml"),
)
#: The printable brief, linked from the home page.
BRIEF_PAGE = "brief.md"
#: Pages that exist whatever the content: the home page, one index per section, the corrections and the brief.
SECTION_INDEXES = ("index.md", *(f"{kind.name}/index.md" for kind in SITE_ORDER), CORRECTIONS_PAGE, BRIEF_PAGE)
#: Values an entity's page gets beyond the entity and its corrections: (page, entity) -> values.
ENTITY_VALUES: dict[str, Callable[[PageContext, Entity[EntityFile]], dict[str, Any]]] = {
    PARTICIPANTS.name: for_kind(PARTICIPANTS, _participant_values),
    SOURCES.name: for_kind(SOURCES, _source_values),
    EVENTS.name: for_kind(EVENTS, _event_values),
    QUESTIONS.name: for_kind(QUESTIONS, _question_values),
}
#: Values a section's index pages get beyond their entities: (page path, the page's entities) -> values.
SECTION_VALUES: dict[str, Callable[[str, list[Entity[EntityFile]]], dict[str, Any]]] = {EVENTS.name: _timeline_values}
#: Pages an entity's page links to for lists too long for it: (entity, its page's values) -> page specs.
EXTRA_PAGES: dict[str, Callable[[Briefing, Entity[EntityFile], dict[str, Any]], Iterator[PathSpec]]] = {
    PARTICIPANTS.name: for_kind(PARTICIPANTS, _listing_specs),
    SOURCES.name: for_kind(SOURCES, _citing_specs),
}
NewsGroups = Callable[[list[Entity[EntityFile]]], list[tuple[str, list[Entity[EntityFile]]]]]
#: How the home page's "What changed" lists an edition's new entities of a kind; by default, "New <kind>".
NEWS_GROUPS: dict[str, NewsGroups] = {EVENTS.name: _new_events}

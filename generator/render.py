"""Briefing -> Markdown pages, as a pure function: {page path: markdown}.

Templates print every value through `finalize`, which turns it into inert
text: HTML and Markdown syntax become character references, so nothing a
maintainer writes can become markup, a link, a footnote or an include. Only
values this module builds itself (`Md`) pass through as Markdown.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import html
import itertools
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml

from .batch import without_cycle_collection
from .errors import Problem
from .model import Briefing, CitedFact, Citing, Entity, Passage, recent_changes
from .quotes import Span
from .schema import EventDate

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
STATUS_LABELS = {"open": "Open", "partly-answered": "Partly answered", "answered": "Answered"}
KIND_LABELS = {"person": "Person", "organisation": "Organisation", "country": "Country", "delegation": "Delegation"}
#: Characters that could start Markdown or HTML syntax; printed as numeric character references.
_SYNTAX = "\\`*_{}[]()#+-.!|~^=<>&$:"
_BLANK_LINES = re.compile(r"\n\s*\n")
# One regular expression pass with a table lookup beats str.translate with a dict three to one here.
_SYNTAX_CHAR = re.compile(f"[{re.escape(_SYNTAX)}]")
_REFERENCE = {char: f"&#{ord(char)};" for char in _SYNTAX}


class Md(str):
    """Markdown this module built itself; printed as is."""


def inert(value: Any, strip: bool = True) -> Md:
    """Plain text as Markdown that displays exactly that text and nothing else.

    Runs of whitespace, line breaks included, become one space: a text field is
    one paragraph, and no line of it can start a Markdown block.
    """
    text = " ".join(str(value).split()) if strip else _collapse(str(value))
    return Md(_SYNTAX_CHAR.sub(_reference, text))


def _collapse(text: str) -> str:
    """Each run of whitespace as one space, at either end too (str.split is three times faster than re.sub)."""
    inner = " ".join(text.split())
    if not inner:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + inner + (" " if text[-1].isspace() else "")


def _reference(match: re.Match[str]) -> str:
    return _REFERENCE[match.group()]


def _finalize(value: Any) -> Any:
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return format_day(value)
    return inert(value)


def format_day(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_event_date(date: EventDate) -> str:
    """The date only as precise as given: '18 February 2025', 'February 2022', 'before 2025'."""
    if date.day is not None:
        text = format_day(date.day)
    elif date.month is not None:
        year, month = date.month.split("-")
        text = f"{MONTHS[int(month) - 1]} {year}"
    else:
        text = str(date.year)
    return f"{date.qualifier} {text}" if date.qualifier else text


def event_sort_key(date: EventDate) -> tuple[int, int, int, int]:
    if date.day is not None:
        year, month, day = date.day.year, date.day.month, date.day.day
    elif date.month is not None:
        year, month, day = int(date.month[:4]), int(date.month[5:]), 0
    else:
        year, month, day = date.year or 0, 0, 0
    return year, month, day, {"before": 0, None: 1, "after": 2}[date.qualifier]


def title_of(entity: Entity) -> str:
    """The name an entity is shown and linked by."""
    return str(getattr(entity.data, _NAME_FIELDS.get(entity.kind, "title")))


_NAME_FIELDS = {"participants": "name", "questions": "question"}


@dataclass
class PageContext:
    """What a template needs to build one page: links relative to it, and its footnotes."""

    path: str
    briefing: Briefing
    notes: list[tuple[str, Passage]] = field(default_factory=list)
    labels: dict[Any, Md] = field(default_factory=dict)
    """Entity page -> its inert title, (folder, entity page) -> a link to it from that folder;
    one dict is shared by every page of a render."""

    def __post_init__(self) -> None:
        self._directory = posixpath.dirname(self.path)

    def url(self, target: str, anchor: str = "") -> Md:
        """Relative link target; page paths and anchors are built from validated ids only."""
        return Md(_relative_path(target, self._directory) + (f"#{anchor}" if anchor else ""))

    def link(self, entity: Entity, anchor: str = "", label: str | None = None) -> Md:
        if label:
            return Md(f"[{inert(label)}]({self.url(entity.page, anchor)})")
        # Pages of one folder link the same entities over and over: build each such link once.
        key = (self._directory, entity.page)
        link = self.labels.get(key)
        if link is None:
            link = self.labels[key] = Md(f"[{self._label(entity)}]({self.url(entity.page)})")
        return Md(f"{link[:-1]}#{anchor})") if anchor else link

    def _label(self, entity: Entity) -> Md:
        # An entity is linked from many pages; its title is made inert once per render.
        label = self.labels.get(entity.page)
        if label is None:
            label = self.labels[entity.page] = inert(title_of(entity))
        return label

    def ref(self, kind: str, entity_id: str) -> Md:
        return self.link(self.briefing.get(kind, entity_id))

    def external(self, url: str) -> Md:
        # The schema admits only http(s) URLs free of spaces, quotes and brackets.
        return Md(f"[{inert(url)}]({url})")

    def refs(self, kind: str, ids: list[str]) -> Md:
        return Md(", ".join(self.ref(kind, entity_id) for entity_id in ids))

    def fact(self, cited: CitedFact) -> Md:
        """A fact's text with its footnotes; attributed words as a quotation."""
        text = inert(cited.fact.text)
        if cited.fact.said_by:
            text = Md(f"{self.ref('participants', cited.fact.said_by)}: &#8220;{text}&#8221;")
        return Md(text + "".join(self._note(passage) for passage in cited.passages))

    def fact_list(self, facts: Iterable[CitedFact]) -> Md:
        """Facts as a list, each item anchored so a source page can link back to it."""
        return Md("\n".join(f"- {self.fact(cited)}\n{self.fact_attrs(cited)}" for cited in facts))

    def quote(self, owner: Entity, cited: CitedFact) -> Md:
        """Words attributed to a participant, linked to the fact on its page, where its footnotes are."""
        return Md(f"&#8220;{inert(cited.fact.text)}&#8221; (on {self.link(owner, cited.anchor)})")

    def citing(self, citing: Citing) -> Md:
        """A link to a fact citing a passage, on its entity's page or the home page's summary."""
        if citing.entity is None:
            return Md(f"[Summary]({self.url('index.md', citing.fact.anchor)})")
        return self.link(citing.entity, citing.fact.anchor)

    def list_item(self, style: str, item: Any) -> Md:
        """One item of a complete listing: an entity's link, a quotation, or a citing fact."""
        if style == "quote":
            return self.quote(*item)
        return self.citing(item) if style == "citing" else self.link(item)

    def more(self, shown: Capped) -> Md:
        """A link to the whole of a capped list, or nothing when it is shown whole."""
        if shown.listing is None:
            return Md("")
        return Md(f"[and {shown.more:,} more]({self.url(shown.listing)})")

    def pager(self, pager: Pager | None) -> Md:
        """Links to the first, last, previous, next and nearby pages of a list split over pages."""
        if pager is None:
            return Md("")
        links = [self._page_link(pager, number) for number in _nearby(pager.number, len(pager.paths))]
        if pager.number > 1:
            links.insert(0, f"[Previous]({self.url(pager.paths[pager.number - 2])})")
        if pager.number < len(pager.paths):
            links.append(f"[Next]({self.url(pager.paths[pager.number])})")
        return Md(" &#183; ".join(links) + "\n{: .pager }")

    def _page_link(self, pager: Pager, number: int | None) -> str:
        if number is None:
            return "&#8230;"
        return f"**{number}**" if number == pager.number else f"[{number}]({self.url(pager.paths[number - 1])})"

    def fact_attrs(self, cited: CitedFact) -> Md:
        quotation = " .quotation" if cited.fact.said_by else ""
        return Md(f"{{ #{cited.anchor}{quotation} }}")

    def _note(self, passage: Passage) -> str:
        self.notes.append((f"{len(self.notes) + 1}", passage))
        return f"[^{len(self.notes)}]"

    def footnotes(self) -> Md:
        lines = []
        for label, passage in self.notes:
            source = self.briefing.get("sources", passage.source)
            words = " &#8230; ".join(inert(part) for part in passage.words)
            lines.append(f"[^{label}]: &#8220;{words}&#8221; &#8212; {self.link(source, passage.anchor)}")
        return Md("\n".join(lines))


def _nearby(current: int, last: int) -> list[int | None]:
    """Page numbers a pager shows: the first, the last, two either side of the current; None for a gap."""
    shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


def _relative_path(target: str, from_dir: str) -> str:
    """`target` relative to `from_dir`, both relative to the docs root (posixpath.relpath, without its cost)."""
    if not from_dir:
        return target
    if "/" not in from_dir:
        # Nearly every page sits one folder deep: the link is the target within that
        # folder, or the target from the root.
        inside = target.startswith(from_dir) and target[len(from_dir) : len(from_dir) + 1] == "/"
        return target[len(from_dir) + 1 :] if inside else "../" + target
    here = from_dir.split("/") if from_dir else []
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


# --- pages ----------------------------------------------------------------------------------


@without_cycle_collection
def render_pages(briefing: Briefing, template_dirs: tuple[Path, ...] = ()) -> dict[str, str]:
    """Every page of the site, keyed by its path relative to the docs root."""
    env = _environment(template_dirs)
    templates = _TemplateCache(env)
    pages: dict[str, str] = {}
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
    labels: dict[str, Md] = {}
    page = functools.partial(PageContext, briefing=briefing, labels=labels)
    yield page("index.md"), "home.md.j2", {"title": briefing.meta.title, **_home_values(briefing)}
    for kind, (label, template) in SECTIONS.items():
        entities = briefing.of_kind(kind)
        if kind == "events":
            entities.sort(key=lambda event: (event_sort_key(event.data.date), event.id))  # type: ignore[attr-defined]
        for path, template_name, values in _section_specs(briefing, kind, label, entities):
            yield page(path), template_name, values
        for entity in entities:
            context = page(entity.page)
            values = ENTITY_VALUES.get(kind, _no_values)(context, entity)
            yield context, template, {"title": title_of(entity), "entity": entity, **values}
            for path, template_name, list_values in EXTRA_PAGES.get(kind, _no_pages)(briefing, entity, values):
                yield page(path), template_name, list_values


def _no_values(page: PageContext, entity: Entity) -> dict[str, Any]:
    return {}


def _no_pages(briefing: Briefing, entity: Entity, values: dict[str, Any]) -> Iterator[PathSpec]:
    return iter(())


# --- long lists: capped on a page, complete on pages of their own --------------------------

#: Items a page of a section index or of a complete listing shows at most.
PAGE_SIZE = 100
#: Items of a list that grows with the briefing (members, quotes, backlinks, the home
#: page's lists) that an entity page or the home page shows at most.
CAP = 10
#: Countries the home page shows at most under "Who is at the table".
HOME_SIDES = 10


@dataclass(frozen=True)
class Capped:
    """The items of a list a page shows, and where the whole list is when it is longer.

    Iterates, counts and tests true like the items shown, so templates written
    for a plain list keep working.
    """

    shown: tuple[Any, ...]
    total: int
    listing: str | None = None
    """Path of the page listing every item, or None when every item is shown."""

    def __iter__(self) -> Iterator[Any]:
        return iter(self.shown)

    def __len__(self) -> int:
        return len(self.shown)

    @property
    def more(self) -> int:
        return self.total - len(self.shown)


def capped(items: Iterable[Any], recency: Callable[[Any], tuple[int, ...]], listing: str | None = None) -> Capped:
    """A short list whole and in its own order; a long one as its `CAP` most recent items.

    Caps only bite when a list is long, so a small briefing's pages read as they
    always did.
    """
    items = tuple(items)
    if len(items) <= CAP:
        return Capped(items, len(items))
    return Capped(tuple(most_recent_first(items, recency)[:CAP]), len(items), listing)


def most_recent_first(items: Iterable[Any], recency: Callable[[Any], tuple[int, ...]]) -> list[Any]:
    # sorted() is stable in reverse too: equally recent items keep their given order.
    return sorted(items, key=recency, reverse=True)


def entity_recency(entity: Entity) -> tuple[int, int, int]:
    """When an entity last changed or happened, as (year, month, day); (0, 0, 0) when undated."""
    data: Any = entity.data
    dates = [(day.year, day.month, day.day) for day in _entity_days(data)]
    if entity.kind == "events":
        dates.append(event_sort_key(data.date)[:3])
    return max(dates, default=(0, 0, 0))


def _entity_days(data: Any) -> Iterator[datetime.date]:
    for name in ("updated", "published"):
        day = getattr(data, name, None)
        if day is not None:
            yield day
    history = getattr(data, "history", None)
    if history:
        yield history[-1].as_of


def quote_recency(item: tuple[Entity, CitedFact]) -> tuple[int, int, int]:
    return entity_recency(item[0])


@dataclass(frozen=True)
class Pager:
    """Where one page of a list split over several pages sits among them."""

    paths: tuple[str, ...]
    number: int
    """1 for the first page."""
    total: int
    """Items on all the pages together."""


def page_paths(first: str, count: int) -> tuple[str, ...]:
    """Paths of a list's pages: the first as given, the others beside it.

    Page names hold an underscore, which no id can, so they never meet an
    entity's page or a folder a former id's redirect could claim:
    `events/index.md`, `events/page_2.md`; `participants/named_in/x.md`,
    `participants/named_in/x_page_2.md`.
    """
    folder, _, name = first.rpartition("/")
    stem = name.removesuffix(".md")
    prefix = f"{folder}/" if folder else ""
    pattern = f"{prefix}page_{{}}.md" if stem == "index" else f"{prefix}{stem}_page_{{}}.md"
    return (first, *(pattern.format(number) for number in range(2, count + 1)))


def paginate(items: list[Any], first: str) -> list[tuple[str, list[Any], Pager | None]]:
    """A list split into pages of at most `PAGE_SIZE`; the pager is None when one page holds it all."""
    chunks = [items[start : start + PAGE_SIZE] for start in range(0, len(items), PAGE_SIZE)] or [[]]
    if len(chunks) == 1:
        return [(first, chunks[0], None)]
    paths = page_paths(first, len(chunks))
    return [
        (path, chunk, Pager(paths, number, len(items)))
        for number, (path, chunk) in enumerate(zip(paths, chunks, strict=True), 1)
    ]


Group = tuple[str | None, list[Entity]]
"""A heading (None for none) and the entities under it."""


def _section_specs(briefing: Briefing, kind: str, label: str, entities: list[Entity]) -> Iterator[PathSpec]:
    """The section's index, split into pages when long; a long list also gets a heading per group."""
    order = SECTION_ORDERS.get(kind)
    if order and len(entities) > PAGE_SIZE:
        entities = order(briefing, entities)
    previous: str | None = None
    for path, chunk, pager in paginate(entities, f"{kind}/index.md"):
        groups: list[Group] = [(None, chunk)]
        if pager:
            groups = _groups(briefing, kind, chunk, previous)
            previous = _group_heading(briefing, kind, chunk[-1])
        title = label + (_page_of(pager) if pager else "")
        yield path, f"{kind}_index.md.j2", {"title": title, "entities": chunk, "groups": groups, "pager": pager}


def _groups(briefing: Briefing, kind: str, entities: list[Entity], previous: str | None) -> list[Group]:
    """Runs of entities under one heading; a run that began on the page before says it continues."""
    groups: list[Group] = []
    for heading, run in itertools.groupby(entities, lambda entity: _group_heading(briefing, kind, entity)):
        if heading is not None and not groups and heading == previous:
            heading += " (continued)"
        groups.append((heading, list(run)))
    return groups


def _group_heading(briefing: Briefing, kind: str, entity: Entity) -> str | None:
    heading_of = SECTION_GROUPS.get(kind)
    return heading_of(briefing, entity) if heading_of else None


def _event_group(briefing: Briefing, event: Entity) -> str:
    year, month, _, _ = event_sort_key(event.data.date)  # type: ignore[attr-defined]
    return f"{MONTHS[month - 1]} {year}" if month else str(year)


def _participant_group(briefing: Briefing, participant: Entity) -> str:
    # A country's side is the country itself.
    key = _side_key(briefing, participant)
    return title_of(briefing.get("participants", key)) if key else "Others"


def _by_side(briefing: Briefing, participants: list[Entity]) -> list[Entity]:
    """Participants side by side, as the home page groups them: each country, then its people and bodies."""
    return [member for side in _sides(briefing) for member in side.everyone]


SECTION_GROUPS: dict[str, Callable[[Briefing, Entity], str]] = {
    "events": _event_group,
    "participants": _participant_group,
}
SECTION_ORDERS: dict[str, Callable[[Briefing, list[Entity]], list[Entity]]] = {
    "participants": _by_side,
}


@dataclass(frozen=True)
class Listing:
    """A list on a participant's page that is too long to show whole: where its pages go."""

    folder: str
    """Folder under participants/; an underscore keeps it apart from every id."""
    title: str
    """How the page names the list, after the participant's name."""
    intro: str
    """The sentence above the list, after the participant's linked name."""
    recency: Callable[[Any], tuple[int, ...]]


#: The participant's lists that grow with the briefing, by their field in `Briefing` and in the template.
LISTINGS: dict[str, Listing] = {
    "members": Listing("members_of", "members", "every member, the most recently updated first.", entity_recency),
    "said": Listing(
        "words_of",
        "in their words",
        "every fact attributed to them, the most recent entry first; each links to the fact and its sources.",
        quote_recency,
    ),
    "backlinks": Listing(
        "named_in", "named in", "every goal, question and event that names them, the most recent first.", entity_recency
    ),
}


def listing_path(field_name: str, participant: Entity) -> str:
    return f"participants/{LISTINGS[field_name].folder}/{participant.id}.md"


def _listing_specs(briefing: Briefing, participant: Entity, values: dict[str, Any]) -> Iterator[PathSpec]:
    """The complete listing of each list too long for the participant's page, most recent first."""
    for field_name, listing in LISTINGS.items():
        shown: Capped = values[field_name]
        if shown.listing is not None:
            every: dict[str, tuple[Any, ...]] = getattr(briefing, field_name)
            items = most_recent_first(every[participant.id], listing.recency)
            style = "quote" if field_name == "said" else "link"
            title = f"{title_of(participant)}: {listing.title}"
            yield from _list_specs(shown.listing, title, (participant, ""), listing.intro, items, style)


def _citing_specs(briefing: Briefing, source: Entity, values: dict[str, Any]) -> Iterator[PathSpec]:
    """For a passage cited by more facts than its page lists, every one of them."""
    for (start, end), citings in values["long_citings"].items():
        anchor = f"q-{start}-{end}"
        title = f"{title_of(source)}: facts citing one passage"
        intro = "every fact that cites this passage, in the order of the site's pages."
        yield from _list_specs(citing_listing(source, anchor), title, (source, anchor), intro, citings, "citing")


def citing_listing(source: Entity, anchor: str) -> str:
    return f"sources/cited_by/{source.id}/{anchor}.md"


def _list_specs(
    first: str, title: str, subject: tuple[Entity, str], intro: str, items: list[Any], style: str
) -> Iterator[PathSpec]:
    """A complete listing over as many pages as it takes; `subject` is the entity (and anchor) it lists for."""
    for path, chunk, pager in paginate(items, first):
        values = {"title": title + (_page_of(pager) if pager else ""), "subject": subject[0], "anchor": subject[1]}
        yield path, "list.md.j2", {**values, "intro": intro, "items": chunk, "style": style, "pager": pager}


def _page_of(pager: Pager) -> str:
    return f", page {pager.number} of {len(pager.paths)}"


@dataclass(frozen=True)
class Side:
    """A country and the participants on its side, as the home page groups them."""

    country: Entity | None
    present: list[Entity]
    absent: list[Entity]

    @property
    def everyone(self) -> list[Entity]:
        return [*([self.country] if self.country else []), *self.present, *self.absent]


def _sides(briefing: Briefing) -> list[Side]:
    """Countries at the table first, then those that were not; each with its people and bodies."""
    participants = briefing.of_kind("participants")
    countries = [p for p in participants if getattr(p.data, "kind", None) == "country"]
    countries.sort(key=lambda country: (not getattr(country.data, "present", False), title_of(country)))
    members: dict[str | None, list[Entity]] = {}
    for participant in participants:
        if getattr(participant.data, "kind", None) != "country":
            members.setdefault(_side_key(briefing, participant), []).append(participant)
    sides = []
    for country in [*countries, None]:
        found = members.get(country.id if country else None, [])
        if country or found:
            present = [p for p in found if getattr(p.data, "present", False)]
            sides.append(Side(country, present, [p for p in found if not getattr(p.data, "present", False)]))
    return sides


def _side_key(briefing: Briefing, participant: Entity) -> str | None:
    countries = briefing.sides.get(participant.id, ())
    return countries[0] if len(countries) == 1 else None


def _home_values(briefing: Briefing) -> dict[str, Any]:
    questions = briefing.of_kind("questions")
    answered = [q for q in questions if q.data.history[-1].status == "answered"]  # type: ignore[attr-defined]
    still_open = [q for q in questions if q.data.history[-1].status != "answered"]  # type: ignore[attr-defined]
    sides = _sides(briefing)
    shown_sides = [side for side in sides if side.country][:HOME_SIDES] + [side for side in sides if not side.country]
    side_pages = _side_pages(sides)
    return {
        "changes": recent_changes(briefing)[:RECENT_CHANGES],
        "data_files": DATA_LINKS,
        "sides": [_home_side(side, side_pages) for side in shown_sides],
        "more_sides": len(sides) - len(shown_sides),
        "goals": capped(briefing.of_kind("goals"), entity_recency, "goals/index.md"),
        "questions": capped(still_open, entity_recency, "questions/index.md"),
        "answered": capped(answered, entity_recency, "questions/index.md"),
    }


def _side_pages(sides: list[Side]) -> dict[str | None, str]:
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

    country: Entity | None
    present: Capped
    absent: Capped


def _home_side(side: Side, side_pages: dict[str | None, str]) -> HomeSide:
    listing = side_pages.get(side.country.id if side.country else None, "participants/index.md")
    return HomeSide(
        side.country, capped(side.present, entity_recency, listing), capped(side.absent, entity_recency, listing)
    )


def _participant_values(page: PageContext, entity: Entity) -> dict[str, Any]:
    briefing = page.briefing
    members = briefing.members.get(entity.id, ())
    said = briefing.said.get(entity.id, ())
    backlinks = briefing.backlinks.get(entity.id, ())
    return {
        "members": capped(members, entity_recency, listing_path("members", entity)),
        "said": capped(said, quote_recency, listing_path("said", entity)),
        "backlinks": capped(backlinks, entity_recency, listing_path("backlinks", entity)),
    }


def _source_values(page: PageContext, entity: Entity) -> dict[str, Any]:
    citing = _citing_by_span(page.briefing.citings.get(entity.id, ()))
    return {
        "paragraphs": list(_source_paragraphs(page, entity, citing)),
        "long_citings": {span: facts for span, facts in citing.items() if len(facts) > CAP},
    }


SECTIONS: dict[str, tuple[str, str]] = {
    "participants": ("Participants", "participant.md.j2"),
    "goals": ("Goals", "goal.md.j2"),
    "questions": ("Open questions", "question.md.j2"),
    "events": ("Timeline", "event.md.j2"),
    "sources": ("Sources", "source.md.j2"),
}
RECENT_CHANGES = 5
#: The open data the home page links to: (label, path under the site); see export.py and publish.py.
DATA_LINKS = (
    ("The whole briefing as JSON", "data/briefing.json"),
    ("The JSON Schema of that file", "data/briefing.schema.json"),
    *((f"{kind.capitalize()} as CSV", f"data/{kind}.csv") for kind in (*SECTIONS, "citations")),
    ("Atom feed of updates", "feed.xml"),
)
#: Pages that exist whatever the content: the home page and one index per section.
SECTION_INDEXES = ("index.md", *(f"{kind}/index.md" for kind in SECTIONS))
ENTITY_VALUES: dict[str, Callable[[PageContext, Entity], dict[str, Any]]] = {
    "participants": _participant_values,
    "sources": _source_values,
}
#: Pages an entity's page links to for lists too long for it: (entity, its page's values) -> page specs.
EXTRA_PAGES: dict[str, Callable[[Briefing, Entity, dict[str, Any]], Iterator[PathSpec]]] = {
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


class _Context(jinja2.runtime.Context):
    """Jinja's template context, calling the page's own methods directly.

    Jinja checks every call for callables that want its context injected; the
    page's methods never do, and they are most of the calls a page makes. This
    leans on Jinja 3.1's internal call protocol, hence the pin in pyproject.toml.
    """

    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if type(getattr(__obj, "__self__", None)) is PageContext:
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
            return __obj(*args, **kwargs)
        return super().call(__obj, *args, **kwargs)


@functools.cache
def _environment(template_dirs: tuple[Path, ...]) -> jinja2.Environment:
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
    env.context_class = _Context
    env.filters["event_date"] = lambda date: Md(inert(format_event_date(date)))
    env.filters["upper_first"] = lambda text: Md(text[:1].upper() + text[1:])
    env.filters["status"] = lambda status: STATUS_LABELS[status]
    env.filters["kind_label"] = lambda kind: KIND_LABELS[kind]
    env.filters["title_of"] = title_of
    env.filters["thousands"] = lambda number: f"{number:,}"
    return env


# --- the source page's text with highlighted passages -------------------------------------


def _source_paragraphs(context: PageContext, source: Entity, citing: dict[Span, list[Citing]]) -> Iterator[Md]:
    """The source's paragraphs, its cited spans marked, anchored and followed by links to the facts citing them."""
    text = context.briefing.source_texts[source.id]
    marks = _Marks(context, source, citing)
    blocks = [marks.cuts(begin, end) for begin, end in _block_bounds(text)]
    # Making the text inert piece by piece costs two regular expression passes a piece; all at once, two in all.
    pieces = iter(_inert_pieces([text[left:right] for cuts in blocks for left, right in itertools.pairwise(cuts)]))
    for cuts in blocks:
        out: list[str] = []
        for left, right in itertools.pairwise(cuts):
            out.extend(marks.starts.get(left, ()))
            piece = next(pieces)
            out.append(f'<mark class="cited">{piece}</mark>' if marks.covered(left) else piece)
            out.extend(marks.ends.get(right, ()))
        yield Md("".join(out).strip())


class _Marks:
    """Where a source's cited spans start and end, and what the page prints there."""

    def __init__(self, context: PageContext, source: Entity, citing: dict[Span, list[Citing]]) -> None:
        self.starts: dict[int, list[str]] = {}
        self.ends: dict[int, list[str]] = {}
        delta: dict[int, int] = {}
        for start, end in sorted(citing):
            self.starts.setdefault(start, []).append(f'<span class="passage-anchor" id="q-{start}-{end}"></span>')
            self.ends.setdefault(end, []).append(_cited_by(context, source, (start, end), citing[(start, end)]))
            delta[start] = delta.get(start, 0) + 1
            delta[end] = delta.get(end, 0) - 1
        self.points = sorted(delta)
        self.depth = list(itertools.accumulate(delta[point] for point in self.points))

    def cuts(self, begin: int, end: int) -> list[int]:
        """A block's bounds and every span boundary inside it: each piece between two lies wholly in or out of a span."""
        return [
            begin,
            *self.points[bisect.bisect_right(self.points, begin) : bisect.bisect_left(self.points, end)],
            end,
        ]

    def covered(self, offset: int) -> bool:
        """Whether a cited span covers the piece starting at `offset`."""
        index = bisect.bisect_right(self.points, offset) - 1
        return index >= 0 and self.depth[index] > 0


def _block_bounds(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph of the text: runs of lines between blank lines."""
    start = 0
    for block in _BLANK_LINES.split(text):
        if block.strip():
            begin = text.index(block, start)
            start = begin + len(block)
            yield begin, start


Citings = tuple[tuple[Passage, Citing], ...]


_SEPARATOR = "\x00"


def _inert_pieces(pieces: list[str]) -> list[str]:
    """inert(piece, strip=False) of each piece, in one pass over them all, which is much the cheaper."""
    joined = _SEPARATOR.join(pieces)
    if joined.count(_SEPARATOR) != len(pieces) - 1:
        return [inert(piece, strip=False) for piece in pieces]
    return inert(joined, strip=False).split(_SEPARATOR)


def _citing_by_span(citings: Citings) -> dict[Span, list[Citing]]:
    """Each cited span of a source -> the facts citing it, in page order, each once."""
    found: dict[Span, dict[tuple[str, str], Citing]] = {}
    for passage, citing in citings:
        key = (citing.entity.page if citing.entity else "index.md", citing.fact.anchor)
        for span in passage.spans:
            found.setdefault(span, {}).setdefault(key, citing)
    return {span: list(unique.values()) for span, unique in found.items()}


def _cited_by(context: PageContext, source: Entity, span: Span, citings: list[Citing]) -> str:
    """Links to the facts citing a passage; when there are many, the first few and a link to them all."""
    links: list[str] = [context.citing(citing) for citing in citings[:CAP]]
    if len(citings) > CAP:
        listing = citing_listing(source, f"q-{span[0]}-{span[1]}")
        links.append(f"[and {len(citings) - CAP:,} more]({context.url(listing)})")
    return f'<sup class="cited-by">{" &#183; ".join(links)}</sup>'

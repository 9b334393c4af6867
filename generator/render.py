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
import itertools
import operator
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml

from .batch import without_cycle_collection
from .display import event_sort_key, format_day, format_event_date, title_of
from .errors import Problem
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
    quote_recency,
)
from .model import Briefing, CitedFact, Citing, Entity, Passage, recent_changes
from .parallel import in_shares, workers_for
from .precompiled import PrecompiledTemplates
from .source_page import citing_by_span, source_paragraphs

STATUS_LABELS = {"open": "Open", "partly-answered": "Partly answered", "answered": "Answered"}
KIND_LABELS = {"person": "Person", "organisation": "Organisation", "country": "Country", "delegation": "Delegation"}


def _finalize(value: Any) -> Any:
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return format_day(value)
    return inert(value)


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
            words = " &#8230; ".join(inert(part) for part in self.briefing.quoted_words(passage))
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
def render_pages(briefing: Briefing, template_dirs: tuple[Path, ...] = (), jobs: int | None = None) -> dict[str, str]:
    """Every page of the site, keyed by its path relative to the docs root.

    A large briefing is rendered on every core (see parallel.py); `jobs` sets how
    many processes render it, 1 for this one alone. The pages come in the same
    order either way.
    """
    entities = sum(map(len, briefing.entities.values()))
    shares = in_shares(functools.partial(_render_share, briefing, template_dirs), workers_for(entities, jobs))
    # Each unit of pages was rendered whole in one share: in unit order, they are in one process's order.
    merged = sorted(itertools.chain.from_iterable(shares), key=operator.itemgetter(0))
    return {path: markdown for _, path, markdown in merged}


def _render_share(
    briefing: Briefing, template_dirs: tuple[Path, ...], share: int, shares: int
) -> list[tuple[int, str, str]]:
    """(unit, path, Markdown) of the pages of every `shares`-th unit of pages, from the `share`-th on."""
    templates = _TemplateCache(environment_for(template_dirs))
    pages = []
    for unit, (context, template, values) in _page_specs(briefing, share, shares):
        body = templates[template].render(page=context, briefing=briefing, **values)
        pages.append((unit, context.path, _front_matter(values["title"]) + body.strip() + "\n"))
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


def _page_specs(briefing: Briefing, share: int = 0, shares: int = 1) -> Iterator[tuple[int, PageSpec]]:
    """The pages of every `shares`-th unit, from the `share`-th on, each with its unit's number.

    A unit is the home page, a page of a section's index, or an entity's page
    with the pages of its long lists; units are numbered in the site's order.
    """
    labels: dict[str, Md] = {}
    page = functools.partial(PageContext, briefing=briefing, labels=labels)
    units = itertools.count()
    if next(units) % shares == share:
        yield 0, (page("index.md"), "home.md.j2", {"title": briefing.meta.title, **_home_values(briefing)})
    for kind, (label, template) in SECTIONS.items():
        entities = briefing.of_kind(kind)
        if kind == "events":
            entities.sort(key=lambda event: (event_sort_key(event.data.date), event.id))  # type: ignore[attr-defined]
        for path, template_name, values in _section_specs(briefing, kind, label, entities):
            if (unit := next(units)) % shares == share:
                yield unit, (page(path), template_name, values)
        for entity in entities:
            if (unit := next(units)) % shares != share:
                continue
            context = page(entity.page)
            values = ENTITY_VALUES.get(kind, _no_values)(context, entity)
            yield unit, (context, template, {"title": title_of(entity), "entity": entity, **values})
            for path, template_name, list_values in EXTRA_PAGES.get(kind, _no_pages)(briefing, entity, values):
                yield unit, (page(path), template_name, list_values)


def _no_values(page: PageContext, entity: Entity) -> dict[str, Any]:
    return {}


def _no_pages(briefing: Briefing, entity: Entity, values: dict[str, Any]) -> Iterator[PathSpec]:
    return iter(())


# --- long lists: capped on a page, complete on pages of their own (see lists.py) ----------


def _section_specs(briefing: Briefing, kind: str, label: str, entities: list[Entity]) -> Iterator[PathSpec]:
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
        yield path, f"{kind}_index.md.j2", {"title": title, "entities": chunk, "groups": groups, "pager": pager}


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


def _list_specs(
    first: str, title: str, subject: tuple[Entity, str], intro: str, items: list[Any], style: str
) -> Iterator[PathSpec]:
    """A complete listing over as many pages as it takes; `subject` is the entity (and anchor) it lists for."""
    for path, chunk, pager in paginate(items, first):
        values = {"title": title + (_page_of(pager) if pager else ""), "subject": subject[0], "anchor": subject[1]}
        yield path, "list.md.j2", {**values, "intro": intro, "items": chunk, "style": style, "pager": pager}


def _page_of(pager: Pager) -> str:
    return f", page {pager.number} of {len(pager.paths)}"


def _home_values(briefing: Briefing) -> dict[str, Any]:
    questions = briefing.of_kind("questions")
    answered = [q for q in questions if q.data.history[-1].status == "answered"]  # type: ignore[attr-defined]
    still_open = [q for q in questions if q.data.history[-1].status != "answered"]  # type: ignore[attr-defined]
    sides = sides_of(briefing)
    shown_sides = [side for side in sides if side.country][:HOME_SIDES] + [side for side in sides if not side.country]
    side_pages = pages_by_side(sides)
    return {
        "changes": recent_changes(briefing)[:RECENT_CHANGES],
        "data_files": DATA_LINKS,
        "sides": [home_side(side, side_pages) for side in shown_sides],
        "more_sides": len(sides) - len(shown_sides),
        "goals": capped(briefing.of_kind("goals"), entity_recency, "goals/index.md"),
        "questions": capped(still_open, entity_recency, "questions/index.md"),
        "answered": capped(answered, entity_recency, "questions/index.md"),
    }


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
    citing = citing_by_span(page.briefing.citings.get(entity.id, ()))
    return {
        "paragraphs": list(source_paragraphs(page, entity, citing)),
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
def environment_for(template_dirs: tuple[Path, ...]) -> jinja2.Environment:
    """One environment per set of template folders: compiling templates is most of rendering's cost.

    Jinja checks a template file's modification time before reusing it, so a
    maintainer's edited override still shows in a live preview. The built-in
    templates come precompiled (see precompiled.py).
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
        bytecode_cache=PrecompiledTemplates(),
    )
    env.context_class = _Context
    env.filters["event_date"] = lambda date: Md(inert(format_event_date(date)))
    env.filters["upper_first"] = lambda text: Md(text[:1].upper() + text[1:])
    env.filters["status"] = lambda status: STATUS_LABELS[status]
    env.filters["kind_label"] = lambda kind: KIND_LABELS[kind]
    env.filters["title_of"] = title_of
    env.filters["thousands"] = lambda number: f"{number:,}"
    return env

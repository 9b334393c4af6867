"""Briefing -> Markdown pages, as a pure function: {page path: markdown}.

Templates print every value through `finalize`, which turns it into inert
text: HTML and Markdown syntax become character references, so nothing a
maintainer writes can become markup, a link, a footnote or an include. Only
values this module builds itself (`Md`) pass through as Markdown.
"""

from __future__ import annotations

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
_WHITESPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n\s*\n")
_INERT = str.maketrans({char: f"&#{ord(char)};" for char in "\\`*_{}[]()#+-.!|~^=<>&$:"})


class Md(str):
    """Markdown this module built itself; printed as is."""


def inert(value: Any, strip: bool = True) -> Md:
    """Plain text as Markdown that displays exactly that text and nothing else.

    Runs of whitespace, line breaks included, become one space: a text field is
    one paragraph, and no line of it can start a Markdown block.
    """
    text = _WHITESPACE.sub(" ", str(value))
    return Md((text.strip() if strip else text).translate(_INERT))


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

    def url(self, target: str, anchor: str = "") -> Md:
        """Relative link target; page paths and anchors are built from validated ids only."""
        return Md(_relative_path(target, posixpath.dirname(self.path)) + (f"#{anchor}" if anchor else ""))

    def link(self, entity: Entity, anchor: str = "", label: str | None = None) -> Md:
        return Md(f"[{inert(label or title_of(entity))}]({self.url(entity.page, anchor)})")

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


def _relative_path(target: str, from_dir: str) -> str:
    """`target` relative to `from_dir`, both relative to the docs root (posixpath.relpath, without its cost)."""
    here = from_dir.split("/") if from_dir else []
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


# --- pages ----------------------------------------------------------------------------------


def render_pages(briefing: Briefing, template_dirs: tuple[Path, ...] = ()) -> dict[str, str]:
    """Every page of the site, keyed by its path relative to the docs root."""
    env = _environment(template_dirs)
    pages: dict[str, str] = {}
    for path, template, values in _page_specs(briefing):
        context = PageContext(path, briefing)
        body = env.get_template(template).render(page=context, briefing=briefing, **values)
        pages[path] = _front_matter(values["title"]) + body.strip() + "\n"
    return pages


def render_problems_page(problems: list[Problem]) -> str:
    """The page a live preview shows in place of every page while the content has errors."""
    items = "\n".join(f"- {inert(problem)}" for problem in problems)
    return (
        _front_matter("Content problems")
        + "# The briefing's content has problems\n\n"
        + "Fix these and save: the preview reloads by itself.\n\n"
        + f"{items}\n"
    )


def _page_specs(briefing: Briefing) -> Iterator[tuple[str, str, dict[str, Any]]]:
    yield "index.md", "home.md.j2", {"title": briefing.meta.title, **_home_values(briefing)}
    for kind, (label, template) in SECTIONS.items():
        entities = briefing.of_kind(kind)
        if kind == "events":
            entities.sort(key=lambda event: (event_sort_key(event.data.date), event.id))  # type: ignore[attr-defined]
        yield f"{kind}/index.md", f"{kind}_index.md.j2", {"title": label, "entities": entities}
        for entity in entities:
            values = ENTITY_VALUES.get(kind, _no_values)(briefing, entity)
            yield entity.page, template, {"title": title_of(entity), "entity": entity, **values}


def _no_values(briefing: Briefing, entity: Entity) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Side:
    """A country and the participants on its side, as the home page groups them."""

    country: Entity | None
    present: list[Entity]
    absent: list[Entity]


def _sides(briefing: Briefing) -> list[Side]:
    """Countries at the table first, then those that were not; each with its people and bodies."""
    participants = briefing.of_kind("participants")
    countries = [p for p in participants if getattr(p.data, "kind", None) == "country"]
    countries.sort(key=lambda country: (not getattr(country.data, "present", False), title_of(country)))
    sides = []
    for country in [*countries, None]:
        key = country.id if country else None
        members = [p for p in participants if p is not country and _side_key(briefing, p) == key]
        if country or members:
            present = [p for p in members if getattr(p.data, "present", False)]
            sides.append(Side(country, present, [p for p in members if p not in present]))
    return sides


def _side_key(briefing: Briefing, participant: Entity) -> str | None:
    countries = briefing.sides.get(participant.id, ())
    return countries[0] if len(countries) == 1 else None


def _home_values(briefing: Briefing) -> dict[str, Any]:
    questions = briefing.of_kind("questions")
    return {
        "changes": recent_changes(briefing)[:RECENT_CHANGES],
        "data_files": DATA_LINKS,
        "sides": _sides(briefing),
        "goals": briefing.of_kind("goals"),
        "questions": [q for q in questions if q.data.history[-1].status != "answered"],  # type: ignore[attr-defined]
        "answered": [q for q in questions if q.data.history[-1].status == "answered"],  # type: ignore[attr-defined]
    }


def _participant_values(briefing: Briefing, entity: Entity) -> dict[str, Any]:
    return {
        "members": briefing.members.get(entity.id, ()),
        "backlinks": briefing.backlinks.get(entity.id, ()),
        "said": briefing.said.get(entity.id, ()),
    }


def _source_values(briefing: Briefing, entity: Entity) -> dict[str, Any]:
    return {"paragraphs": list(_source_paragraphs(briefing, entity))}


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
ENTITY_VALUES: dict[str, Callable[[Briefing, Entity], dict[str, Any]]] = {
    "participants": _participant_values,
    "sources": _source_values,
}


def _front_matter(title: str) -> str:
    # The theme prints meta titles into <title> unescaped, so the title is escaped
    # here once; the YAML dumper quotes whatever else YAML would misread.
    meta = yaml.safe_dump({"title": html.escape(" ".join(title.split()))}, allow_unicode=True, width=1_000_000)
    return f"---\n{meta}---\n\n"


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
    env.filters["event_date"] = lambda date: Md(inert(format_event_date(date)))
    env.filters["upper_first"] = lambda text: Md(text[:1].upper() + text[1:])
    env.filters["status"] = lambda status: STATUS_LABELS[status]
    env.filters["kind_label"] = lambda kind: KIND_LABELS[kind]
    env.filters["title_of"] = title_of
    return env


# --- the source page's text with highlighted passages -------------------------------------


def _source_paragraphs(briefing: Briefing, source: Entity) -> Iterator[Md]:
    text = briefing.source_texts[source.id]
    citings = briefing.citings.get(source.id, ())
    spans = sorted({span for passage, _ in citings for span in passage.spans})
    context = PageContext(source.page, briefing)
    start = 0
    for block in _blocks(text):
        block_start = text.index(block, start)
        start = block_start + len(block)
        yield _highlighted(text, block_start, start, spans, citings, context)


def _blocks(text: str) -> list[str]:
    return [block for block in _BLANK_LINES.split(text) if block.strip()]


Citings = tuple[tuple[Passage, Citing], ...]


def _highlighted(text: str, begin: int, end: int, spans: list[Span], citings: Citings, context: PageContext) -> Md:
    inside = [(s, e) for s, e in spans if s < end and e > begin]
    cuts = sorted({begin, end, *(max(begin, s) for s, _ in inside), *(min(end, e) for _, e in inside)})
    out: list[str] = []
    for left, right in itertools.pairwise(cuts):
        out.extend(f'<span class="passage-anchor" id="q-{s}-{e}"></span>' for s, e in inside if s == left)
        covered = any(s <= left and right <= e for s, e in inside)
        piece = inert(text[left:right], strip=False)
        out.append(f'<mark class="cited">{piece}</mark>' if covered else piece)
        out.extend(_cited_by(context, citings, (s, e)) for s, e in inside if e == right)
    return Md("".join(out).strip())


def _cited_by(context: PageContext, citings: Citings, span: Span) -> str:
    links = []
    for passage, citing in citings:
        if span in passage.spans:
            target = citing.entity
            if target is None:
                links.append(f"[Summary]({context.url('index.md', citing.fact.anchor)})")
            else:
                links.append(context.link(target, citing.fact.anchor))
    unique = list(dict.fromkeys(links))
    return f'<sup class="cited-by">{" &#183; ".join(unique)}</sup>'

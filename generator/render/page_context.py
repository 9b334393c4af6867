"""What a template needs to build one page: links relative to it, facts with their footnotes."""

from __future__ import annotations

import datetime
import itertools
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..content.kinds import PARTICIPANTS, SOURCES
from ..content.model import AnyCited, Briefing, CitedFact, Citing, Entity, Passage
from ..content.positions import Position, Statement, disagreements
from ..content.schema import Archive, Attendance, Correction, EntityFile, Fact, SourceFile, StatusChange
from .corrections import Note
from .display import format_day, title_of
from .fragments import text_fragment_url
from .inert import Md, inert
from .lists import Capped, Pager
from .meetings import Meeting
from .positions import short_form
from .urls import relative_path


@dataclass
class PageContext:
    """What a template needs to build one page: links relative to it, and its footnotes."""

    path: str
    briefing: Briefing
    notes: list[tuple[str, Passage]] = field(default_factory=list)
    labels: dict[Any, Md] = field(default_factory=dict)
    """Entity[EntityFile] page -> its inert title, (folder, entity page) -> a link to it from that folder;
    one dict is shared by every page of a render."""
    corrected: dict[str, Note] = field(default_factory=dict)
    """Anchor of a fact on this page -> the latest correction of it."""

    def __post_init__(self) -> None:
        self._directory = posixpath.dirname(self.path)

    def url(self, target: str, anchor: str = "") -> Md:
        """Relative link target; page paths and anchors are built from validated ids only."""
        return Md(relative_path(target, self._directory) + (f"#{anchor}" if anchor else ""))

    def link(self, entity: Entity[EntityFile], anchor: str = "", label: str | None = None) -> Md:
        if label:
            return Md(f"[{inert(label)}]({self.url(entity.page, anchor)})")
        # Pages of one folder link the same entities over and over: build each such link once.
        key = (self._directory, entity.page)
        link = self.labels.get(key)
        if link is None:
            link = self.labels[key] = Md(f"[{self._label(entity)}]({self.url(entity.page)})")
        return Md(f"{link[:-1]}#{anchor})") if anchor else link

    def _label(self, entity: Entity[EntityFile]) -> Md:
        # An entity is linked from many pages; its title is made inert once per render.
        label = self.labels.get(entity.page)
        if label is None:
            label = self.labels[entity.page] = inert(title_of(entity))
        return label

    def ref(self, kind: str, entity_id: str) -> Md:
        return self.link(self.briefing.entities[kind][entity_id])

    def external(self, url: str, label: str | None = None, archive: Archive | None = None) -> Md:
        """A link out of the site; with the archived copy of the original it links to, the Robust Links
        attributes that let a reader's browser or a web archive find that copy when the original is gone."""
        # The schema admits only http(s) URLs free of spaces, quotes and brackets: safe in the link and its
        # attributes alike.
        robust = f'{{ data-versionurl="{archive.url}" data-versiondate="{archive.date}" }}' if archive else ""
        return Md(f"[{inert(label or url)}]({url}){robust}")

    def archived(self, source: SourceFile) -> Md:
        """The link to a source's archived copy, with the Robust Links attributes naming its original."""
        archive = source.archive
        if archive is None:
            return Md("")
        original = f' data-originalurl="{source.url}"' if source.url else ""
        return Md(f'[{inert(archive.url)}]({archive.url}){{{original} data-versiondate="{archive.date}" }}')

    def refs(self, kind: str, ids: list[str]) -> Md:
        return Md(", ".join(self.ref(kind, entity_id) for entity_id in ids))

    def fact(self, cited: CitedFact[Fact], when: str = "") -> Md:
        """A fact's text with its footnotes and a link to its correction, if any.

        The text is shown as written: a participant's claim names its speaker in its own words, and quotation
        marks appear only where the text has them, around words the check found inside the source's own.
        """
        return Md(inert(cited.fact.text) + when + self.note_refs(cited) + self._corrected_mark(cited))

    def _corrected_mark(self, cited: CitedFact[Fact]) -> str:
        note = self.corrected.get(cited.anchor)
        return f" ([corrected {format_day(note.correction.date)}](#{note.anchor}))" if note else ""

    def fact_list(self, facts: Iterable[CitedFact[Fact]]) -> Md:
        """Facts as a list, each item anchored so a source page can link back to it.

        Claims that dispute one another leave the list for a table of their own, at the first one's place.
        Where the list holds facts of more than one edition, each says the date it is of.
        """
        facts = list(facts)
        days = [self.day_of(cited) for cited in facts]
        dated = len(set(days)) > 1
        disputes = _disputes(facts)
        in_tables = {claim.anchor for claims in disputes.values() for claim in claims[1:]}
        blocks: list[str] = []
        items: list[str] = []
        for cited, day in zip(facts, days, strict=True):
            if cited.anchor in disputes:
                blocks.extend(["\n".join(items), self.claims(disputes[cited.anchor])])
                items = []
            elif cited.anchor not in in_tables:
                when = f" (as of {format_day(day)})" if dated else ""
                items.append(f"- {self.alias(cited)}{self.fact(cited, when)}\n{self.fact_attrs(cited)}")
        blocks.append("\n".join(items))
        return Md("\n\n".join(block for block in blocks if block))

    def day_of(self, cited: CitedFact[Fact]) -> datetime.date:
        """The date a fact is of: a status change's own, or its newest source's publication."""
        if isinstance(cited.fact, StatusChange):
            return cited.fact.as_of
        sources = {passage.source for passage in cited.passages}
        return max(self.briefing.get(SOURCES, source).data.published for source in sources)

    def statement(self, statement: Statement, since: datetime.date | None) -> Md:
        """A party's statement on a question, as an item of its row: its date, a mark when it is new in this
        edition, its words and footnotes."""
        cited = statement.cited
        new = f' <span class="statement-new">new since {format_day(since)}</span>' if since and statement.new else ""
        head = f"- {self.alias(cited)}**{format_day(statement.date)}**{new}: "
        return Md(f"{head}{self.fact(cited)}\n{self.fact_attrs(cited)}")

    def voices(self, question: Entity[EntityFile], claims: list[CitedFact[Fact]]) -> Md:
        """The statements of one disagreement, each a link to it: its speaker and its date."""
        links = [
            self.link(question, cited.anchor, f"{title_of(self.participant(cited))}, {format_day(self.day_of(cited))}")
            for cited in claims
        ]
        return Md(f"**Parties disagree ({len(claims)} voices):** " + "; ".join(links))

    def grid_cell(self, question: Entity[EntityFile], positions: list[Position]) -> Md:
        """Each party's latest statement on a question, cut short, linked to its row, with its date."""
        return Md(
            "<br>".join(
                f"[{inert(short_form(position.latest.cited))}]({self.url(question.page, position.anchor)}) "
                f"({format_day(position.latest.date)})"
                for position in positions
            )
        )

    def position_attrs(self, position: Position) -> Md:
        return Md(f"{{ #{position.anchor} .position }}")

    def participant(self, cited: CitedFact[Fact]) -> Entity[EntityFile]:
        return self.briefing.entities[PARTICIPANTS.name][str(cited.fact.said_by)]

    def claims(self, claims: list[CitedFact[Fact]]) -> Md:
        """Claims that disagree side by side, a column each: whose claim it is, the claim, its sources and dates."""
        heads = [f"According to {self.ref('participants', str(cited.fact.said_by))}" for cited in claims]
        words = [
            f'{self.alias(cited)}<span class="fact-anchor" id="{cited.anchor}"></span>{self.fact(cited)}'
            for cited in claims
        ]
        sources = ["; ".join(self._source_dated(source) for source in _sources_of(cited)) for cited in claims]
        intro = "**Claims that disagree.** Each is its speaker's, with its source; the briefing does not say which is right."
        rows = [heads, ["---"] * len(claims), words, sources]
        return Md(intro + "\n\n" + "\n".join("| " + " | ".join(row) + " |" for row in rows))

    def _source_dated(self, source_id: str) -> str:
        source = self.briefing.get(SOURCES, source_id)
        return f"{self.link(source)}, {format_day(source.data.published)}"

    def corrections(self, notes: list[Note]) -> Md:
        """The page's corrections, each anchored: a removed fact's old links land on its note."""
        if not notes:
            return Md("")
        lines = ["## Corrections", ""]
        for note in notes:
            what = "A fact removed" if note.removed else "Corrected"
            text = f"**{what}, {format_day(note.correction.date)}.** {inert(note.correction.change)} "
            text += self.earlier(note.correction)
            lines += [f"- {text}**Why:** {inert(note.correction.reason)}", f"{{ #{note.anchor} .correction }}"]
        return Md("\n".join(lines))

    def earlier(self, correction: Correction) -> Md:
        """The fact's earlier words a correction quotes, labelled as the briefing's own: the one place the site
        puts words in quotation marks that are not a source's."""
        if correction.earlier is None:
            return Md("")
        quoted = f'<span class="earlier-wording">&#8220;{inert(correction.earlier)}&#8221;</span>'
        return Md(f"**The briefing's earlier words:** {quoted} ")

    def note_link(self, note: Note) -> Md:
        """A link to a correction's note on its page."""
        label = self._label(note.entity) if note.entity else Md("Summary")
        return Md(f"[{label}]({self.url(note.page, note.anchor)})")

    def alias(self, cited: AnyCited) -> Md:
        """An empty element with the fact's id from before anchors were stable, where old links land."""
        return Md(f'<span class="fact-alias" id="{cited.alias}"></span>' if cited.alias else "")

    def quote(self, owner: Entity[EntityFile], cited: CitedFact[Fact]) -> Md:
        """A claim attributed to a participant, as written, linked to the fact on its page, where its footnotes are."""
        return Md(f"{inert(cited.fact.text)} (on {self.link(owner, cited.anchor)})")

    def citing(self, citing: Citing) -> Md:
        """A link to a fact citing a passage, on its entity's page or the home page's summary."""
        if citing.entity is None:
            return Md(f"[Summary]({self.url('index.md', citing.fact.anchor)})")
        return self.link(citing.entity, citing.fact.anchor)

    def citing_link(self, entity: Entity[EntityFile] | None, cited: AnyCited) -> Md:
        return self.citing(Citing(entity, cited))

    def cited_text(self, cited: AnyCited) -> Md:
        """A fact's words, or who an attendance entry places at its meeting, without footnotes."""
        item = cited.fact
        if isinstance(item, Fact):
            return inert(item.text)
        return Md(f"{self.ref('participants', item.participant)} ({item.standing})")

    def list_item(self, style: str, item: Any) -> Md:
        """One item of a complete listing: an entity's link, an attributed claim, or a citing fact."""
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

    def attendee(self, entry: CitedFact[Attendance], capacity: bool = True) -> Md:
        """A participant at a meeting, anchored so a source page can link to the entry, with its footnotes."""
        who = self.ref("participants", entry.fact.participant)
        shown = f" ({entry.fact.capacity})" if capacity and entry.fact.capacity else ""
        return Md(f'<span class="attendance-anchor" id="{entry.anchor}"></span>{who}{shown}{self.note_refs(entry)}')

    def note_refs(self, cited: AnyCited) -> Md:
        """Footnote references to each of its passages."""
        return Md("".join(self._note(passage) for passage in cited.passages))

    def delegations(self, meeting: Meeting) -> Md:
        """The sides at a meeting's table as the columns of one table, those between them in the middle."""
        columns = meeting.at_table
        heads = [
            (self.link(column.side) if column.side else Md("Others"))
            + (" (between the sides)" if column.between else "")
            for column in columns
        ]
        rows = [
            "| " + " | ".join(self.attendee(entry) if entry else "" for entry in row) + " |"
            for row in itertools.zip_longest(*(column.entries for column in columns))
        ]
        lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(columns), *rows]
        return Md("\n".join(lines))

    def fact_attrs(self, cited: CitedFact[Fact]) -> Md:
        attributed = " .attributed" if cited.fact.said_by else ""
        return Md(f"{{ #{cited.anchor}{attributed} }}")

    def _note(self, passage: Passage) -> str:
        self.notes.append((f"{len(self.notes) + 1}", passage))
        return f"[^{len(self.notes)}]"

    def footnotes(self) -> Md:
        lines = []
        for label, passage in self.notes:
            source = self.briefing.get(SOURCES, passage.source)
            words = " &#8230; ".join(inert(part) for part in self.briefing.quoted_words(passage))
            dated = f"{self.link(source, passage.anchor)}{provenance(source.data)}, {format_day(source.data.published)}"
            line = f"[^{label}]: &#8220;{words}&#8221; &#8212; {dated}"
            lines.append(line + self._in_the_original(source, passage))
        return Md("\n".join(lines))

    def _in_the_original(self, source: Entity[SourceFile], passage: Passage) -> str:
        """A link to the quoted words in the published original, when the source says where that is."""
        if not source.data.url:
            return ""
        url = text_fragment_url(source.data.url, self.briefing.source_texts[source.id], passage.spans)
        return f" ({self.external(url, 'in the original', source.data.archive)})"


def _disputes(facts: list[CitedFact[Fact]]) -> dict[str, list[CitedFact[Fact]]]:
    """Anchor of the first claim of each disagreement on the list -> its claims, in the list's order."""
    return {claims[0].anchor: claims for claims in disagreements(facts)}


def _sources_of(cited: CitedFact[Fact]) -> list[str]:
    return list(dict.fromkeys(passage.source for passage in cited.passages))


def _nearby(current: int, last: int) -> list[int | None]:
    """Page numbers a pager shows: the first, the last, two either side of the current; None for a gap."""
    shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


def provenance(source: SourceFile) -> str:
    """Who published a source and who wrote it, as a footnote gives them after its title: ", AP, by A. Smith"."""
    parts: list[str] = [inert(source.publisher)] if source.publisher else []
    if source.author:
        parts.append(f"by {inert(source.author)}")
    return "".join(f", {part}" for part in parts)

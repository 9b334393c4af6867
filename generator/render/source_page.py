"""The source page's text with highlighted passages.

A source page prints the source's whole text cut at every cited span, so each span can be marked, anchored and
followed by links back to the facts citing it. That cutting is a concern of its own, apart from the page specs; a long
source has thousands of pieces, so they are made inert in one pass.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from typing import NamedTuple

from ..content.model import Citing, Entity, Passage, span_anchor
from ..content.schema import EntityFile, SourceFile
from ..content.texts import Span, without_header
from .inert import Md, inert
from .lists import CAP, citing_listing
from .page_context import PageContext

_BLANK_LINES = re.compile(r"\n\s*\n")


def source_paragraphs(context: PageContext, source: Entity[SourceFile], citing: CitingBySpan) -> Iterator[Md]:
    """The source's paragraphs, its cited spans marked and anchored, each followed by a button listing its facts."""
    text = without_header(context.briefing.source_texts[source.id], source.data.header)
    marks = _Marks(context, source, citing)
    blocks = [marks.cuts(begin, end) for begin, end in _block_bounds(text)]
    # Making the text inert piece by piece costs two regular expression passes a piece; all at once, two in all.
    pieces = iter([inert(text[left:right], strip=False) for cuts in blocks for left, right in itertools.pairwise(cuts)])
    for cuts in blocks:
        out: list[str] = []
        for left, right in itertools.pairwise(cuts):
            out.extend(marks.starts.get(left, ()))
            piece = next(pieces)
            passages = marks.covering(left)
            out.append(f'<mark class="cited {passages}">{piece}</mark>' if passages else piece)
            out.extend(marks.ends.get(right, ()))
        yield Md("".join(out).strip())


class _Marks:
    """Where a source's cited spans start and end, and what the page prints there.

    Every piece of a passage's mark carries the passage's id as a class, so the page's script can outline the
    whole passage a link lands on; CSS alone would reach only the mark right after the anchor.
    """

    def __init__(self, context: PageContext, source: Entity[EntityFile], citing: CitingBySpan) -> None:
        self.starts: dict[int, list[str]] = {}
        ending: dict[int, list[Span]] = {}
        changes: dict[int, list[tuple[int, Span]]] = {}
        for start, end in sorted(citing.facts):
            self.starts.setdefault(start, []).append(
                f'<span class="passage-anchor" id="{span_anchor((start, end))}"></span>'
            )
            ending.setdefault(end, []).append((start, end))
            changes.setdefault(start, []).append((1, (start, end)))
            changes.setdefault(end, []).append((-1, (start, end)))
        self.ends = {end: [_cited_by(context, source, end, spans, citing.facts)] for end, spans in ending.items()}
        self.points = sorted(changes)
        self.classes = list(_classes_between(self.points, changes, citing.passages))

    def cuts(self, begin: int, end: int) -> list[int]:
        """A block's bounds and every span boundary inside it: each piece between two lies wholly in or out of a span."""
        return [
            begin,
            *self.points[bisect.bisect_right(self.points, begin) : bisect.bisect_left(self.points, end)],
            end,
        ]

    def covering(self, offset: int) -> str:
        """The ids of the passages covering the piece starting at `offset`, as classes; empty when none does."""
        index = bisect.bisect_right(self.points, offset) - 1
        return self.classes[index] if index >= 0 else ""


def _classes_between(
    points: list[int], changes: dict[int, list[tuple[int, Span]]], passages: dict[Span, set[str]]
) -> Iterator[str]:
    """For each point, the ids of the passages covering the text from it to the next point."""
    active: dict[Span, None] = {}
    for point in points:
        for change, span in changes[point]:
            if change > 0:
                active[span] = None
            else:
                active.pop(span, None)
        yield " ".join(sorted({anchor for span in active for anchor in passages[span]}))


def _block_bounds(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph of the text: runs of lines between blank lines."""
    start = 0
    for block in _BLANK_LINES.split(text):
        if block.strip():
            begin = text.index(block, start)
            start = begin + len(block)
            yield begin, start


Citings = tuple[tuple[Passage, Citing], ...]


class CitingBySpan(NamedTuple):
    """What a source page marks at each cited span."""

    facts: dict[Span, list[Citing]]
    """Each cited span -> the facts citing it, in page order, each once."""
    passages: dict[Span, set[str]]
    """Each cited span -> the ids of the passages it is part of: its own, and a `...` quote's first span's."""


def citing_by_span(citings: Citings) -> CitingBySpan:
    """The facts citing each span of a source, and the passages each span belongs to."""
    found: dict[Span, dict[tuple[str, str], Citing]] = {}
    passages: dict[Span, set[str]] = {}
    for passage, citing in citings:
        key = (citing.entity.page if citing.entity else "index.md", citing.fact.anchor)
        for span in passage.spans:
            found.setdefault(span, {}).setdefault(key, citing)
            passages.setdefault(span, {span_anchor(span)}).add(passage.anchor)
    return CitingBySpan({span: list(unique.values()) for span, unique in found.items()}, passages)


def _cited_by(
    context: PageContext, source: Entity[EntityFile], end: int, spans: list[Span], facts: dict[Span, list[Citing]]
) -> str:
    """A button after the passages ending at `end`, opening the list of the facts citing them.

    The list is a popover: HTML alone opens and closes it, by click, tap or keyboard. A browser without popovers
    shows it inline after the passage instead, as a plain list.
    """
    lines = [_citing_links(context, source, span, facts[span]) for span in spans]
    count = len(
        {(citing.entity and citing.entity.page, citing.fact.anchor) for span in spans for citing in facts[span]}
    )
    label = f"The {count} facts citing this passage" if count > 1 else "The fact citing this passage"
    return (
        f'<button type="button" class="cited-by" popovertarget="cited-by-{end}" aria-label="{label}"></button>'
        f'<span class="cited-by-list" id="cited-by-{end}" popover>Cited by {" &#183; ".join(lines)}</span>'
    )


def _citing_links(context: PageContext, source: Entity[EntityFile], span: Span, citings: list[Citing]) -> str:
    """Links to the facts citing a passage; when there are many, the first few and a link to them all."""
    links: list[str] = [context.citing(citing) for citing in citings[:CAP]]
    if len(citings) > CAP:
        listing = citing_listing(source, span_anchor(span))
        links.append(f"[and {len(citings) - CAP:,} more]({context.url(listing)})")
    return " &#183; ".join(links)

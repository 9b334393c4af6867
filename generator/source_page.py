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
from typing import Any

from .inert import Md, inert_pieces
from .lists import CAP, citing_listing
from .model import Citing, Entity, Passage
from .page_context import PageContext
from .quotes import Span, without_header

_BLANK_LINES = re.compile(r"\n\s*\n")


def source_paragraphs(context: PageContext, source: Entity[Any], citing: dict[Span, list[Citing]]) -> Iterator[Md]:
    """The source's paragraphs, its cited spans marked, anchored and followed by links to the facts citing them."""
    text = without_header(context.briefing.source_texts[source.id], source.data.header)
    marks = _Marks(context, source, citing)
    blocks = [marks.cuts(begin, end) for begin, end in _block_bounds(text)]
    # Making the text inert piece by piece costs two regular expression passes a piece; all at once, two in all.
    pieces = iter(inert_pieces([text[left:right] for cuts in blocks for left, right in itertools.pairwise(cuts)]))
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

    def __init__(self, context: PageContext, source: Entity[Any], citing: dict[Span, list[Citing]]) -> None:
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


def citing_by_span(citings: Citings) -> dict[Span, list[Citing]]:
    """Each cited span of a source -> the facts citing it, in page order, each once."""
    found: dict[Span, dict[tuple[str, str], Citing]] = {}
    for passage, citing in citings:
        key = (citing.entity.page if citing.entity else "index.md", citing.fact.anchor)
        for span in passage.spans:
            found.setdefault(span, {}).setdefault(key, citing)
    return {span: list(unique.values()) for span, unique in found.items()}


def _cited_by(context: PageContext, source: Entity[Any], span: Span, citings: list[Citing]) -> str:
    """Links to the facts citing a passage; when there are many, the first few and a link to them all."""
    links: list[str] = [context.citing(citing) for citing in citings[:CAP]]
    if len(citings) > CAP:
        listing = citing_listing(source, f"q-{span[0]}-{span[1]}")
        links.append(f"[and {len(citings) - CAP:,} more]({context.url(listing)})")
    return f'<sup class="cited-by">{" &#183; ".join(links)}</sup>'

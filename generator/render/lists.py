"""Long lists: capped on a page, complete on pages of their own.

No page may grow with the briefing, so every list that does is cut here, one way for all: an entity page or the home
page shows the `CAP` most recent items and links to the rest, and a list too long for one page is split over numbered
pages whose paths no id can claim. These are pure helpers on entities and paths; the page specs that use them stay in
render.py.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..content.model import Briefing, CitedFact, Entity
from ..content.schema import EntityFile, EventFile, QuestionFile, SourceFile
from .display import event_sort_key

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


def entity_recency(entity: Entity[EntityFile]) -> tuple[int, int, int]:
    """When an entity last changed or happened, as (year, month, day); (0, 0, 0) when undated."""
    data = entity.data
    dates = [(day.year, day.month, day.day) for day in _entity_days(data)]
    if isinstance(data, EventFile):
        dates.append(event_sort_key(data.date)[:3])
    return max(dates, default=(0, 0, 0))


def _entity_days(data: EntityFile) -> Iterator[datetime.date]:
    if data.updated is not None:
        yield data.updated
    if isinstance(data, SourceFile):
        yield data.published
    if isinstance(data, QuestionFile):
        yield data.history[-1].as_of


def quote_recency(item: tuple[Entity[EntityFile], CitedFact[Any]]) -> tuple[int, int, int]:
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
    items: Callable[[Briefing, str], Sequence[object]]
    """The whole list, for a participant's id."""
    style: str = "link"
    """How its complete listing shows each item (list.md.j2): "link" or "quote"."""


#: The participant's lists that grow with the briefing, by their field in `Briefing` and in the template.
LISTINGS: dict[str, Listing] = {
    "members": Listing(
        "members_of",
        "members",
        "every member, the most recently updated first.",
        entity_recency,
        lambda briefing, participant: briefing.members.get(participant, ()),
    ),
    "said": Listing(
        "words_of",
        "claims attributed to them",
        "every fact attributed to them, the most recent entry first; each links to the fact and its sources.",
        quote_recency,
        lambda briefing, participant: briefing.said.get(participant, ()),
        "quote",
    ),
    "backlinks": Listing(
        "named_in",
        "named in",
        "every goal, question and event that names them, the most recent first.",
        entity_recency,
        lambda briefing, participant: briefing.backlinks.get(participant, ()),
    ),
}


def listing_path(field_name: str, participant: Entity[EntityFile]) -> str:
    return f"participants/{LISTINGS[field_name].folder}/{participant.id}.md"


def citing_listing(source: Entity[EntityFile], anchor: str) -> str:
    return f"sources/cited_by/{source.id}/{anchor}.md"

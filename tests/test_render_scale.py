"""No page grows with the briefing: long lists are capped on entity pages and split over pages in indexes.

A briefing built in memory from the sample project plus a few hundred generated
entries: people on one side, events and goals that all name and quote one
participant. Rendered at two sizes, every page stays bounded, every entity is
reachable from the section indexes, and the extra pages never take a path an
entity or a former id could claim.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import deque
from pathlib import Path

import pytest
import yaml
from conftest import SAMPLE, assert_matches_golden, raw_content
from hypothesis import given
from hypothesis import strategies as st

from generator.check.validate import validate
from generator.content.kinds import BY_NAME
from generator.content.model import Briefing
from generator.render.lists import CAP, PAGE_SIZE, page_paths
from generator.render.pages import SECTION_INDEXES, render_pages
from generator.render.templating import front_matter

CONTENT = {
    str(path.relative_to(SAMPLE / "content")): path.read_text(encoding="utf-8")
    for path in sorted((SAMPLE / "content").rglob("*.yml"))
}
SEEDS = {path.name: path.read_text(encoding="utf-8") for path in (SAMPLE / "seeds").iterdir()}
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LINK = re.compile(r"\]\(([^)\s]+)\)")
QUOTE = """facts:
  - text: 'Lind said: "We agreed to keep talking."'
    said_by: ana-lind
    cite:
      - source: geneva-statement
        quote: "Ana Lind said: \\"We agreed to keep talking.\\""
"""
GOAL_FACT = """facts:
  - text: The two sides agreed to work toward a ceasefire.
    cite:
      - source: geneva-statement
        quote: The two sides agreed to work toward a ceasefire.
"""


def scaled_content(size: int) -> dict[str, str]:
    """The sample plus `size` events and people and half as many goals, all on Northland's side or naming Ana Lind."""
    files = dict(CONTENT)
    for i in range(size):
        files[f"participants/person-{i}.yml"] = f"name: Person {i}\nkind: person\nmember_of: [northland]\n"
        day = f"2029-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
        files[f"events/event-{i}.yml"] = f"title: Event {i}\ndate:\n  day: {day}\nparticipants: [ana-lind]\n{QUOTE}"
    for i in range(size // 2):
        files[f"goals/goal-{i}.yml"] = f"title: Goal {i}\nparties: [ana-lind]\n{GOAL_FACT}"
    return files


def briefing_of(size: int) -> Briefing:
    briefing, problems = validate(raw_content(scaled_content(size), SEEDS))
    assert briefing is not None and not problems, problems
    return briefing


@pytest.fixture(scope="module", params=[300, 600], ids=["300", "600"])
def pages(request: pytest.FixtureRequest) -> dict[str, str]:
    return render_pages(briefing_of(request.param))


@pytest.fixture(scope="module")
def small_and_large() -> tuple[dict[str, str], dict[str, str]]:
    return render_pages(briefing_of(300)), render_pages(briefing_of(600))


def items(markdown: str) -> int:
    """List items and table rows of a page."""
    return sum(1 for line in markdown.splitlines() if line.startswith(("- ", "| ")))


def entity_pages(pages: dict[str, str]) -> list[str]:
    return [path for path in pages if re.fullmatch(r"[a-z]+/[a-z0-9-]+\.md", path) and path not in SECTION_INDEXES]


def test_no_page_lists_more_than_a_page_of_items(pages: dict[str, str]) -> None:
    # A table's header and separator rows count too, hence the slack.
    assert max(items(text) for text in pages.values()) <= PAGE_SIZE + 3


def test_the_largest_page_does_not_grow_with_the_briefing(small_and_large: tuple[dict[str, str], ...]) -> None:
    small, large = small_and_large
    assert len(large) > len(small) + 500
    largest = max(map(len, large.values()))
    assert largest <= max(map(len, small.values())) * 1.05
    assert max(len(large[path]) for path in entity_pages(large)) < 10_000


def test_every_page_is_reachable_from_the_section_indexes(pages: dict[str, str]) -> None:
    seen = set(SECTION_INDEXES)
    queue = deque(SECTION_INDEXES)
    while queue:
        path = queue.popleft()
        for target in LINK.findall(pages[path]):
            linked = posixpath.normpath(posixpath.join(posixpath.dirname(path), target.partition("#")[0]))
            if linked in pages and linked not in seen:
                seen.add(linked)
                queue.append(linked)
    assert set(pages) - seen == set()


def test_extra_pages_never_take_a_path_an_id_could_claim(pages: dict[str, str]) -> None:
    extra = [path for path in pages if path not in SECTION_INDEXES and path not in entity_pages(pages)]
    assert extra, "a briefing this long has paginated indexes and complete listings"
    for path in extra:
        kind, name = path.split("/", 1)
        first = name.split("/")[0].removesuffix(".md")
        assert kind in BY_NAME
        assert not ID.fullmatch(first), path


def test_a_participant_page_caps_each_long_list_and_links_to_the_whole(pages: dict[str, str]) -> None:
    page = pages["participants/ana-lind.md"]
    said = section(page, "Claims attributed to them")
    assert len(said) == CAP + 1 and said[-1].startswith("- [and ")
    assert "[^" not in "\n".join(said), "quotes link to the fact, which carries the footnotes"
    named = section(page, "Named in")
    assert len(named) == CAP + 1 and "named_in/ana-lind.md" in named[-1]
    members = next(line for line in pages["participants/northland.md"].splitlines() if "**Members:**" in line)
    assert members.count("](") == CAP + 1 and "members_of/northland.md" in members


def test_a_capped_list_shows_the_most_recent_first(pages: dict[str, str]) -> None:
    named = section(pages["participants/ana-lind.md"], "Named in")
    assert "(../events/geneva-talks.md)" in named[0], "the sample's event, in 2030, is the latest"
    events = [pages[LINK.findall(line)[0].removeprefix("../")] for line in named[1:CAP]]
    assert all("December 2029" in page.split("**When:**")[1].split("\n")[0] for page in events)


def test_the_complete_listing_holds_every_item_over_its_pages(pages: dict[str, str]) -> None:
    first = "participants/words_of/ana-lind.md"
    quoted = sum(1 for path in pages if path.startswith("events/event-"))
    listing = [path for path in pages if path.startswith("participants/words_of/ana-lind")]
    assert set(listing) == set(page_paths(first, len(listing)))
    assert sum(items(pages[path]) for path in listing) == quoted


def test_a_paginated_index_has_a_pager_and_a_heading_per_group(pages: dict[str, str]) -> None:
    events = _pages_of(pages, "events")
    index, last = pages[events[0]], pages[events[-1]]
    assert "title: Timeline, page 1 of " in index and "## January 2029" in index
    assert "[Next](page_2.md)" in index and "[Previous]" not in index
    assert "[Next]" not in last and "[Previous](" in last
    assert all("\n## " in pages[path] and "{: .pager }" in pages[path] for path in events)


def test_a_short_index_stays_one_page_without_a_pager() -> None:
    pages = render_pages(briefing_of(CAP // 2 - 1))
    assert "{: .pager }" not in "".join(pages.values())
    assert not [path for path in pages if "_" in path]


def _pages_of(pages: dict[str, str], kind: str) -> list[str]:
    paths = page_paths(f"{kind}/index.md", len(pages))
    return [path for path in paths if path in pages]


def section(page: str, heading: str) -> list[str]:
    """The list items under a level-2 heading."""
    body = page.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in body.splitlines() if line.startswith("- ")]


def dumped(title: str) -> str:
    meta = yaml.safe_dump({"title": html.escape(" ".join(title.split()))}, allow_unicode=True, width=1_000_000)
    return f"---\n{meta}---\n\n"


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=40))
def test_front_matter_is_the_yaml_dumper_s_own(title: str) -> None:
    """The fast path for plain titles prints exactly what yaml.safe_dump would."""
    assert front_matter(title) == dumped(title)


@pytest.mark.parametrize("title", ["yes", "No", "null", "2025-01-01", "1.5", "0x1F", "12", "1_000", "Talks: day 1",
                                   "a #b", "Marco Rubio", "Sergey V. Lavrov", "Will talks resume?", "_x", "Émile (ed.)"])  # fmt: skip
def test_front_matter_of_titles_yaml_would_misread(title: str) -> None:
    assert front_matter(title) == dumped(title)


GOLDEN = Path(__file__).parent / "golden" / "long"
#: Pages of a briefing long enough for every cap and pager to show, kept as golden files to read.
GOLDEN_PAGES = [
    "index.md",
    "participants/ana-lind.md",
    "participants/northland.md",
    "participants/page_2.md",
    "participants/named_in/ana-lind_page_2.md",
    "events/page_2.md",
    "sources/cited_by/geneva-statement/q-108-151_page_2.md",
]


@pytest.fixture(scope="module")
def long_pages() -> dict[str, str]:
    return render_pages(briefing_of(130))


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_long_page_matches_golden_file(long_pages: dict[str, str], page: str) -> None:
    """Regenerate with `python -m tests.regenerate`, as tests/test_render.py's golden files."""
    assert_matches_golden(long_pages[page], GOLDEN / page)

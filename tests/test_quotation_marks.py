"""Quotation marks on the built site mean a speaker's exact words, as the source itself quotes them.

Every page of the real content, as each engine builds it, is read as a reader would: each span inside
quotation marks in the page's content (the footnotes, which quote the article itself, a correction's
earlier words, labelled as the briefing's own, and the sources' own text aside) must be among the words the seeds put inside quotation marks. This reads the built HTML and the
seeds with its own small rules, not the generator's check, so it would catch a page that adds marks too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO

from generator.engines.build import ENGINES

pytestmark = pytest.mark.slow

#: A span in quotation marks, curly or straight, within one paragraph.
QUOTED = re.compile(r"\u201c([^\u201c\u201d]+)\u201d|\"([^\"]+)\"")
TRAILING = ",.;: "


def normalised(text: str) -> str:
    return " ".join(text.split()).strip(TRAILING)


def quotations(text: str) -> Iterator[str]:
    for match in QUOTED.finditer(text):
        yield normalised(match.group(1) or match.group(2))


def seeds_own_quotations() -> list[str]:
    """What the seeds put in quotation marks, paragraph by paragraph."""
    return [
        words
        for seed in (REPO / "seeds").glob("*.txt")
        for paragraph in re.split(r"\n\s*\n", seed.read_text(encoding="utf-8"))
        for words in quotations(paragraph)
    ]


def quoted_on_the_site(site: Path) -> Iterator[tuple[str, str]]:
    """(page, words) of each span in quotation marks in a page's content, but its footnotes and the sources' text."""
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        if relative.startswith(("sources/", "search/", "404")):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        content = soup.select_one("article")
        if content is None:
            continue
        # Footnotes quote the article; a correction's earlier words, labelled so, quote the briefing itself.
        for quoting_no_speaker in content.select(".footnote, .earlier-wording"):
            quoting_no_speaker.decompose()
        for block in content.find_all(["li", "p", "td", "th", "h1", "h2", "h3"]):
            for words in quotations(block.get_text(" ")):
                yield relative, words


@pytest.mark.parametrize("engine", ENGINES)
def test_every_quotation_on_the_site_is_a_speaker_s_own_words(real_sites: Callable[[str], Path], engine: str) -> None:
    own = seeds_own_quotations()
    found = list(quoted_on_the_site(real_sites(engine)))
    misquoted = sorted({(page, words) for page, words in found if not any(words in region for region in own)})
    assert misquoted == []
    # The real content quotes Dmitriev, Rubio and Bruce in their own words: the walk sees them, on their pages.
    assert {("participants/kirill-dmitriev/index.html", "constructive")} <= set(found)
    assert {"constructive", "only leader", "wants to get things done"} <= {words for _, words in found}

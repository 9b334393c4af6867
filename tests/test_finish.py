"""The last step on every engine (finish.py), on in-memory pages: what it cleans, what it leaves, when it refuses.

Python-Markdown with the extensions of mkdocs.yml stands in for the engines, which both use it. The Markdown
here is deliberately not inert, as if the render stage had let markup through: the step must still catch it.
"""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.engines.finish import CONTENT_END, CONTENT_START, FOOTNOTES_PLACE, finished, marked
from generator.errors import BriefingError

THEME = '<html><head><title>T</title></head><body><nav onclick="theme()">nav</nav><article>{}</article></body></html>'
HOSTILE = "<img src=x onerror=alert(1)>"


def built(page: str) -> str:
    """The page as an engine builds it: Markdown to HTML (front matter off), inside the theme's markup."""
    body = marked(page).split("---\n", 2)[-1]
    return THEME.format(markdown.markdown(body, extensions=["attr_list", "footnotes", "tables", "toc"]))


def test_the_content_is_cleaned_footnotes_included_and_the_theme_left_alone() -> None:
    page = f"---\ntitle: T\n---\n\n# T\n\nA fact {HOSTILE}.[^1]\n\n[^1]: A quote {HOSTILE}\n"
    html = built(page)
    assert html.count("onerror") == 2  # in the text and in the footnote, both inside the region
    soup = BeautifulSoup(finished(html, None, "participants/t.md"), "html.parser")
    assert not soup.select("img, [onerror]")
    assert soup.select_one("div.footnote li") is not None  # the footnotes are kept, cleaned
    assert soup.select_one("nav")["onclick"] == "theme()"  # the theme's markup is not touched
    assert CONTENT_START not in str(soup) and CONTENT_END not in str(soup)


def test_a_page_without_footnotes_gets_no_footnotes_place() -> None:
    assert FOOTNOTES_PLACE not in marked("# T\n\nNo notes here.\n")
    assert FOOTNOTES_PLACE not in finished(built("# T\n\nNo notes here.\n"), None, "index.md")
    assert FOOTNOTES_PLACE in marked("# T\n\nA note.[^1]\n\n[^1]: The note.\n")


def test_the_json_ld_goes_into_the_head_once() -> None:
    head = '<script type="application/ld+json">{}</script>'
    html = finished(built("# T\n"), head, "index.md")
    assert html.count(head) == 1
    assert html.index(head) < html.index("</head>")


@pytest.mark.parametrize("kept", [CONTENT_START, CONTENT_END, ""], ids=["start-only", "end-only", "neither"])
def test_a_page_that_lost_a_comment_is_refused(kept: str) -> None:
    html = THEME.format(f"{kept}<p>{HOSTILE}</p>")
    with pytest.raises(BriefingError, match=r"^participants/t\.md: the built page lost the comments around its"):
        finished(html, None, "participants/t.md")


def test_markers_inside_the_content_cannot_shrink_the_region() -> None:
    """The region runs from the first start to the last end: more comments inside only widen it."""
    html = THEME.format(f"{CONTENT_START}<p>a</p>{CONTENT_END}<p>{HOSTILE}</p>{CONTENT_START}<p>b</p>{CONTENT_END}")
    assert "onerror" not in finished(html, None, "index.md")

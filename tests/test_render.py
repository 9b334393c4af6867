"""Rendering: text stays inert, dates stay honest, and each page kind matches its golden file.

Regenerate the golden files after an intended change, then read their diff:
    python -m tests.regenerate
"""

from __future__ import annotations

import datetime
import posixpath
from pathlib import Path

import markdown
import pytest
from conftest import SAMPLE, assert_matches_golden

from generator.content.kinds import KINDS
from generator.content.schema import EventDate
from generator.pipeline import Project, generate
from generator.render.display import format_event_date
from generator.render.inert import inert
from generator.render.navigation import NAV_PAGES, missing_from_nav
from generator.render.urls import relative_path

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_PAGES = [
    "index.md",
    "participants/index.md",
    "participants/ana-lind.md",
    "goals/ceasefire.md",
    "questions/second-round.md",
    "events/index.md",
    "events/geneva-talks.md",
    "sources/geneva-statement.md",
    "brief.md",
]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return generate(Project(SAMPLE))


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_page_matches_golden_file(pages: dict[str, str], page: str) -> None:
    assert_matches_golden(pages[page], GOLDEN / page)


def test_every_entity_and_section_has_a_page(pages: dict[str, str]) -> None:
    expected = {"index.md", "corrections.md", "brief.md"} | {f"{kind.name}/index.md" for kind in KINDS}
    expected |= {f"{path.parent.name}/{path.stem}.md" for path in (SAMPLE / "content").glob("*/*.yml")}
    assert set(pages) == expected


PAYLOADS = [
    "<script>alert(1)</script>",
    "*em* _em_ **strong** `code`",
    "[link](https://example.org) ![image](x.png) <https://example.org>",
    "text[^1] {: onclick=alert(1) } {#id}",
    '--8<-- "/etc/passwd"',
    "{{ 7 * 7 }} {% if true %}x{% endif %}",
    "&lt;b&gt; &amp; &#60;",
    "# not a heading\n---\n1. not a list",
    "///Footnotes Go Here///",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_inert_text_renders_as_exactly_that_text(payload: str) -> None:
    html = markdown.markdown(f"- {inert(payload)}", extensions=["attr_list", "footnotes", "tables", "toc"])
    assert html == f"<ul>\n<li>{_html_text(' '.join(payload.split()))}</li>\n</ul>"


def _html_text(text: str) -> str:
    return "".join(f"&#{ord(c)};" if c in "\\`*_{}[]()#+-.!|~^=<>&$:/" else c for c in text)


@pytest.mark.parametrize(
    ("date", "shown"),
    [
        (EventDate(day=datetime.date(2025, 2, 18)), "18 February 2025"),
        (EventDate(month="2022-02"), "February 2022"),
        (EventDate(year=2022), "2022"),
        (EventDate(day=datetime.date(2025, 2, 18), qualifier="before"), "before 18 February 2025"),
    ],
)
def test_event_dates_are_only_as_precise_as_given(date: EventDate, shown: str) -> None:
    assert format_event_date(date) == shown


def test_a_template_in_site_config_overrides_the_generator_s_own(sample_project: Path) -> None:
    override = sample_project / "site_config/templates/goal.md.j2"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("# {{ entity.data.title }}\n\nOverridden for {{ entity.id }}.\n")
    pages = generate(Project(sample_project))
    assert pages["goals/ceasefire.md"].endswith("# A ceasefire\n\nOverridden for ceasefire.\n")
    assert "Overridden" not in pages["participants/ana-lind.md"]


@pytest.mark.parametrize(
    ("target", "from_dir"),
    [("participants/x.md", "participants"), ("participants/x.md", ""), ("index.md", "participants"),
     ("sources/s.md", "goals"), ("data/briefing.json", ""), ("a/b/c.md", "a/d")],
)  # fmt: skip
def test_relative_links_match_posixpath(target: str, from_dir: str) -> None:
    assert relative_path(target, from_dir) == posixpath.relpath(target, from_dir or ".")


def test_a_nav_must_reach_every_section_however_it_nests() -> None:
    nested = [{"Home": "index.md"}, {"The talks": [{title: page} for title, page in NAV_PAGES]}]
    assert missing_from_nav(nested) == ""
    assert missing_from_nav(None) == ""  # no nav: the engine lists every page itself
    without_corrections = [{title: page} for title, page in NAV_PAGES if page != "corrections.md"]
    assert missing_from_nav(without_corrections).endswith("add under 'nav:'\n  - Corrections: corrections.md")

"""Provenance a reader can judge, in real builds of the sample on both engines: a source's publisher and author
on its page, in its footnotes and in its JSON-LD, and the Robust Links attributes of its archived copy."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SAMPLE, made_once, run_briefing

ORIGINAL = "https://example.org/news/geneva-statement"
ARCHIVED = "https://archive.example.org/2030-03-06/https://example.org/news/geneva-statement"


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    def build(folder: Path) -> None:
        out = folder / "site"
        result = run_briefing("build", "--engine", request.param, "--allow-outside", "-d", str(out), cwd=SAMPLE)
        assert result.returncode == 0, result.stdout + result.stderr

    return made_once(tmp_path_factory, f"sample-{request.param}", build) / "site"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_source_page_names_publisher_author_and_the_day_the_original_was_read(site: Path) -> None:
    text = " ".join(page(site, "sources/geneva-statement").get_text().split())
    assert "Published: 5 March 2030 by Northland Press Service" in text
    assert "Author: Mira Holm" in text
    assert f"Original: {ORIGINAL}, read 6 March 2030" in text


def test_a_footnote_names_the_source_s_publisher_and_author(site: Path) -> None:
    footnotes = page(site, "goals/ceasefire").select(".footnote li")
    assert footnotes, "no footnotes"
    line = " ".join(footnotes[0].get_text().split())
    assert "Statement on the Geneva talks, Northland Press Service, by Mira Holm, 5 March 2030" in line


def test_the_json_ld_names_publisher_and_author(site: Path) -> None:
    script = page(site, "sources/geneva-statement").find("script", type="application/ld+json")
    assert script is not None
    original = json.loads(script.get_text())["citation"]
    assert original["publisher"] == {"@type": "Organization", "name": "Northland Press Service"}
    assert original["author"] == {"@type": "Person", "name": "Mira Holm"}


def test_links_to_the_original_and_its_archived_copy_carry_the_robust_links_attributes(site: Path) -> None:
    source = page(site, "sources/geneva-statement")
    (original,) = source.find_all("a", href=ORIGINAL)
    assert (original["data-versionurl"], original["data-versiondate"]) == (ARCHIVED, "2030-03-06")
    (archived,) = source.find_all("a", href=ARCHIVED)
    assert (archived["data-originalurl"], archived["data-versiondate"]) == (ORIGINAL, "2030-03-06")
    in_the_original = page(site, "goals/ceasefire").find("a", href=re.compile(re.escape(ORIGINAL) + "#:~:text="))
    assert in_the_original is not None and in_the_original["data-versionurl"] == ARCHIVED

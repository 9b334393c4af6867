"""End to end: real builds, with each engine, of the real content and of the sample project."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, run_briefing, snapshot, write_tree

from generator.content.kinds import KINDS, SOURCES
from generator.engines.build import ENGINES
from generator.render.urls import DIRECTORY_URLS_NEEDED

pytestmark = pytest.mark.slow
each_engine = pytest.mark.parametrize("engine", list(ENGINES))

SEED = (REPO / "seeds/2025-02-19-us-russia-talks-riyadh.txt").read_text(encoding="utf-8")
NAMED_PARTICIPANTS = [
    "Marco Rubio", "Mike Waltz", "Steve Witkoff", "Sergey Lavrov", "Yuri Ushakov", "Kirill Dmitriev",
    "Prince Faisal bin Farhan al-Saud", "Mosaad bin Mohammad al-Aiban", "Donald Trump", "Vladimir Putin",
    "Volodymyr Zelensky", "Tammy Bruce", "State Department", "Russian Direct Investment Fund",
    "United States", "Russia", "Ukraine", "Saudi Arabia",
]  # fmt: skip


def squash(text: str) -> str:
    return " ".join(text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2014", "-").split())


def page_of(site: Path, url_path: str) -> BeautifulSoup:
    path = site / url_path.strip("/")
    if path.is_dir() or not path.suffix:
        path = path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def entity_ids(kind: str) -> list[str]:
    return sorted(path.stem for path in (REPO / "content" / kind).glob("*.yml"))


def test_check_prints_one_summary_line_and_exits_0() -> None:
    result = run_briefing("check", cwd=REPO)
    assert result.returncode == 0, result.stdout
    assert len(result.stdout.splitlines()) == 1
    assert result.stdout.startswith("OK (edition of 2025-02-19): 20 participants, 3 goals")


def test_every_entity_has_a_page(real_site: Path) -> None:
    for kind in (kind.name for kind in KINDS):
        assert entity_ids(kind)
        for entity_id in entity_ids(kind):
            assert (real_site / kind / entity_id / "index.html").is_file(), f"{kind}/{entity_id}"
    names = {page_of(real_site, f"participants/{p}").h1.get_text(strip=True) for p in entity_ids("participants")}
    assert {f"{name}¶" for name in NAMED_PARTICIPANTS} <= names


def test_every_fact_has_a_footnote_that_quotes_the_seed_and_links_to_its_highlight(real_site: Path) -> None:
    checked = 0
    for kind in (kind.name for kind in KINDS if kind is not SOURCES):
        for entity_id in entity_ids(kind):
            url = f"/{kind}/{entity_id}/"
            soup = page_of(real_site, url)
            facts = soup.select("li[id^=f-]")
            assert facts, url
            for fact in facts:
                refs = fact.select("sup a.footnote-ref")
                assert refs, f"{url}#{fact['id']} has no footnote"
                for ref in refs:
                    note = soup.find(id=ref["href"][1:])
                    _check_note(real_site, url, note)
                    checked += 1
    assert checked >= 60


def _check_note(site: Path, page_url: str, note: object) -> None:
    text = note.get_text(" ")  # type: ignore[attr-defined]
    quoted = re.search(r"\u201c(.*)\u201d \u2014", text, re.S)
    assert quoted, text
    for fragment in quoted.group(1).split(" \u2026 "):
        assert squash(fragment) in squash(SEED), fragment
    link = note.select_one('a[href*="sources/"]')  # type: ignore[attr-defined]
    # Every fact says when: its footnote dates the source beside its title.
    assert f"{link.get_text()}, 19 February 2025" in note.get_text(), text  # type: ignore[attr-defined]
    target = urlparse(urljoin(page_url, link["href"]))
    source_page = page_of(site, unquote(target.path))
    anchor = source_page.find(id=target.fragment)
    assert anchor is not None, link["href"]
    highlight = anchor.find_next_sibling("mark")
    assert highlight is not None and "cited" in highlight["class"]


def test_source_page_shows_the_whole_text(real_site: Path) -> None:
    soup = page_of(real_site, "/sources/us-russia-talks-riyadh-2025-02-19/")
    for label in soup.select("button.cited-by, .cited-by-list"):
        label.decompose()
    header = soup.select_one(".source-header")
    assert header is not None and header.get_text() == "date 2025-02-19"
    header.parent.decompose()
    article = squash(soup.select_one("article").get_text(""))
    body = SEED.strip().removeprefix("date 2025-02-19")
    assert body.lstrip().startswith("The United States and Russia agreed on Tuesday")
    for paragraph in body.split("\n\n"):
        assert squash(paragraph) in article
    # The text begins with the article's first sentence: the header is shown only apart.
    text = article[article.index("the facts that cite it.") + len("the facts that cite it.") :]
    assert text.strip().startswith("The United States and Russia agreed on Tuesday")


@each_engine
def test_failed_build_leaves_the_previous_site_byte_identical(sample_project: Path, engine: str) -> None:
    assert run_briefing("build", "--engine", engine, cwd=sample_project).returncode == 0
    before = snapshot(sample_project / "site")
    assert before
    goal = sample_project / "content/goals/ceasefire.yml"
    goal.write_text(goal.read_text().replace("work toward a ceasefire.", "work towards peace."))
    content_failure = run_briefing("build", "--engine", engine, cwd=sample_project)
    goal.write_text(goal.read_text().replace("work towards peace.", "work toward a ceasefire."))
    write_tree(sample_project, {"site_config/docs/about.md": "# About\n\n[missing](nowhere.md)\n"})
    engine_failure = run_briefing("build", "--engine", engine, cwd=sample_project)
    assert content_failure.returncode == 1, content_failure.stderr
    assert "quote not found" in content_failure.stderr
    assert engine_failure.returncode == 1, engine_failure.stderr
    # Zensical prints what it found in colour, whatever the terminal, and fails with a summary.
    assert "nowhere.md" in re.sub(r"\x1b\[[0-9;]*m", "", engine_failure.stdout + engine_failure.stderr)
    assert "build failed, site/ left as it was" in engine_failure.stderr
    assert "Traceback" not in content_failure.stderr + engine_failure.stderr
    assert snapshot(sample_project / "site") == before
    assert not [path for path in sample_project.glob(".site-build-*") if path.is_dir()]


@each_engine
def test_build_refuses_file_urls_the_pictures_links_would_miss(sample_project: Path, engine: str) -> None:
    config = sample_project / "mkdocs.yml"
    config.write_text(config.read_text() + "use_directory_urls: false\n")
    result = run_briefing("build", "--engine", engine, cwd=sample_project)
    assert result.returncode == 1, result.stderr
    assert f"mkdocs.yml: {DIRECTORY_URLS_NEEDED}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (sample_project / "site").exists()


@each_engine
def test_build_names_the_section_a_configured_nav_lacks(sample_project: Path, engine: str) -> None:
    config = sample_project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - Open questions: questions/index.md\n", ""))
    result = run_briefing("build", "--engine", engine, cwd=sample_project)
    assert result.returncode == 1, result.stderr
    assert "mkdocs.yml: the nav lacks a section of the briefing; add under 'nav:'" in result.stderr
    assert "  - Open questions: questions/index.md" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (sample_project / "site").exists()


@each_engine
def test_build_refuses_to_replace_the_project_s_own_folders(sample_project: Path, engine: str) -> None:
    for folder in (".", "content", "seeds", "site_config/docs"):
        result = run_briefing("build", "--engine", engine, "-d", folder, cwd=sample_project)
        assert result.returncode == 2
        assert "refusing to build into" in result.stderr
    assert (sample_project / "content/briefing.yml").is_file()


@each_engine
def test_build_outside_the_project_only_when_told(sample_project: Path, tmp_path: Path, engine: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    refused = run_briefing("build", "--engine", engine, "-d", str(elsewhere), cwd=sample_project)
    assert refused.returncode == 2
    assert "outside the project; add --allow-outside if that is meant" in refused.stderr
    assert not elsewhere.exists()
    allowed = run_briefing("build", "--engine", engine, "--allow-outside", "-d", str(elsewhere), cwd=sample_project)
    assert allowed.returncode == 0, allowed.stderr
    assert (elsewhere / "index.html").is_file()


def test_commands_write_nothing_but_what_they_are_asked_to(sample_project: Path, tmp_path: Path) -> None:
    """check, coverage, export, build (on each engine) and generate leave every project file as it was."""
    before = snapshot(sample_project)
    for command in (["check"], ["check", "--format", "json"], ["coverage"], ["export"], ["build"],
                    ["build", "--engine", "zensical"], ["generate", "--out", str(tmp_path / "out")]):  # fmt: skip
        assert run_briefing(*command, cwd=sample_project).returncode == 0, command
    after = snapshot(sample_project)
    added = sorted(set(after) - set(before))
    assert all(path.startswith("site/") for path in added), added
    assert {path: after[path] for path in before} == before


HOSTILE = "<script>alert(1)</script> *em* [link](https://attacker.invalid) {: onclick=alert(1) } [^1] </title>"


def test_html_and_markdown_in_yaml_text_show_literally(sample_project: Path) -> None:
    participant = sample_project / "content/participants/southland.yml"
    quoted = HOSTILE.replace("'", "''")
    participant.write_text(
        f"name: '{quoted}'\nkind: country\nrole: '{quoted}'\nfacts:\n"
        f"  - text: '{quoted}'\n    cite:\n      - source: geneva-statement\n        quote: The two sides agreed\n"
    )
    result = run_briefing("build", cwd=sample_project)
    assert result.returncode == 0, result.stderr
    for url in ("/participants/southland/", "/participants/", "/goals/ceasefire/"):
        soup = page_of(sample_project / "site", url)
        article = soup.select_one("article")
        assert not article.select("script, em, [onclick]"), url
        assert not article.select('a[href^="https://attacker.invalid"]'), url
        assert squash(HOSTILE) in squash(article.get_text("")), url
        code = [script for script in soup.find_all("script") if script.get("type") != "application/ld+json"]
        assert not [script for script in code if "alert" in script.get_text()], url
        assert not soup.select("[onclick]"), url
    assert HOSTILE in page_of(sample_project / "site", "/participants/southland/").title.get_text()


def test_plain_mkdocs_build_works_in_the_repo_root(tmp_path: Path) -> None:
    if shutil.which("mkdocs") is None and not (Path(sys.executable).parent / "mkdocs").exists():
        pytest.fail("mkdocs is not installed")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/participants/marco-rubio/index.html").is_file()

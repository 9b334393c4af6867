"""The same briefing on every engine: MkDocs with the plugin, Zensical from generated pages, and ProperDocs.

Each engine's own features (its search, its theme's markup) differ; what the
briefing writes must not: the same pages, the same open data, feed and
redirects, the same JSON-LD, and content cleaned the same way (finish.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, copy_project, run_briefing, snapshot

from generator.engines.build import ENGINES
from generator.engines.finish import CONTENT_END, CONTENT_START
from generator.engines.zensical_engine import INSTALL_HINT, build_with_zensical
from generator.errors import BriefingError
from generator.pipeline import Project, Session

pytestmark = pytest.mark.slow


def pages(site: Path) -> set[str]:
    return {str(path.relative_to(site)) for path in site.rglob("*.html")}


def jsonld(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [script.get_text() for script in soup.find_all("script", type="application/ld+json")]


def briefing_files(site: Path) -> dict[str, bytes]:
    """What the briefing writes besides the pages: open data, the feed, and redirect pages (which say 'Moved')."""
    every = snapshot(site)
    redirects = {path for path, data in every.items() if path.endswith(".html") and b"<title>Moved</title>" in data}
    return {
        path: data
        for path, data in every.items()
        if path.startswith("data/") or path == "feed.xml" or path in redirects
    }


def test_zensical_builds_the_same_pages_data_feed_and_json_ld(real_sites: Callable[[str], Path]) -> None:
    mkdocs, zensical = real_sites("mkdocs"), real_sites("zensical")
    assert len(pages(mkdocs)) >= 40
    assert pages(zensical) == pages(mkdocs)
    assert briefing_files(zensical) == briefing_files(mkdocs)
    assert len(briefing_files(mkdocs)) >= 9
    for page in sorted(pages(mkdocs)):
        assert jsonld(zensical / page) == jsonld(mkdocs / page), page
        text = (zensical / page).read_text(encoding="utf-8")
        assert CONTENT_START not in text and CONTENT_END not in text, page
    assert jsonld(mkdocs / "participants/marco-rubio/index.html")


def test_both_engines_build_the_same_earlier_edition_with_its_redirects(tmp_path: Path) -> None:
    """The real briefing with two later rounds, one participant renamed: its edition of the second round."""
    root = copy_project(tmp_path / "project")
    rubio = root / "content/participants/marco-rubio.yml"
    rubio.write_text(rubio.read_text().replace("kind: person\n", "kind: person\nformerly:\n  - rubio\n"))
    sites = {}
    for engine in ENGINES:
        sites[engine] = root / f"site-{engine}"
        result = run_briefing("build", "--engine", engine, "--as-of", "2025-02-28", "-d", str(sites[engine]), cwd=root)
        assert result.returncode == 0, result.stderr
    assert briefing_files(sites["zensical"]) == briefing_files(sites["mkdocs"])
    assert "participants/rubio/index.html" in briefing_files(sites["mkdocs"])  # the redirect
    export = json.loads(briefing_files(sites["zensical"])["data/briefing.json"])
    sources = {source["id"] for source in export["sources"]}
    assert sources == {"us-russia-talks-riyadh-2025-02-19", "istanbul-round-2025-02-28"}  # not the third round's


def test_a_page_that_lost_its_content_markers_is_refused_not_published(sample_project: Path) -> None:
    """The cleaning step fails closed: a template that drops the page's content cannot publish it uncleaned."""
    main = sample_project / "site_config/overrides/main.html"
    main.parent.mkdir(parents=True, exist_ok=True)
    main.write_text('{% extends "base.html" %}\n{% block content %}{{ page.content | striptags }}{% endblock %}\n')
    for engine in ("mkdocs", "zensical"):
        result = run_briefing("build", "--engine", engine, cwd=sample_project)
        assert result.returncode == 1, (engine, result.stderr)
        assert "the built page lost the comments around its content, so it was not published; " in result.stderr
        assert not (sample_project / "site").exists()


def test_properdocs_builds_the_real_content_with_the_plugin(tmp_path: Path, real_site: Path) -> None:
    """ProperDocs, the fork of MkDocs 1.6, loads the plugin as it is: `mkdocs.*` imports resolve to its own."""
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-d", str(site)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs 1.' in home
    assert pages(site) == pages(real_site)
    assert briefing_files(site) == briefing_files(real_site)
    for page in sorted(pages(real_site)):
        assert jsonld(site / page) == jsonld(real_site / page), page
        assert CONTENT_START not in (site / page).read_text(encoding="utf-8"), page
    assert jsonld(site / "participants/marco-rubio/index.html")


def test_without_zensical_installed_the_engine_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, sample_project: Path, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "zensical", None)  # `import zensical` now raises ImportError
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(BriefingError) as raised:
        build_with_zensical(sample_project / "mkdocs.yml", work, None, Session(Project(sample_project)))
    assert str(raised.value) == f"the zensical engine needs Zensical: {INSTALL_HINT}"
    assert raised.value.exit_code == 2
    assert list(work.iterdir()) == []


def test_a_hand_written_page_named_like_a_generated_one_stops_the_zensical_build(sample_project: Path) -> None:
    (sample_project / "site_config/docs/index.md").write_text("# Mine\n")
    result = run_briefing("build", "--engine", "zensical", cwd=sample_project)
    assert result.returncode == 1, result.stderr
    assert "site_config/docs/index.md: the briefing generates a file of that name; rename or remove yours" in (
        result.stderr
    )
    assert not (sample_project / "site").exists()

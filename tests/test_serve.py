"""The live preview survives mistakes: a real `briefing serve`, edited while it runs."""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import run_briefing, snapshot

from generator.engines.build import ENGINES

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serving(project: Path, *options: str, temporary: Path | None = None) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """A real `briefing serve` on a free port, stopped at the end as a user stops it; with `temporary`, that is its
    system's temporary folder (TMPDIR), so that a test can see what it leaves there and no other test's files."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", *options, "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "TMPDIR": str(temporary)} if temporary else None,
    )
    try:
        yield f"http://127.0.0.1:{port}", process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture
def server(sample_project: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    with serving(sample_project) as running:
        yield running


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError):
        return ""


def article(html: str) -> str:
    """The page's own content, without the live-reload script whose numbers change on every build."""
    return html[html.index("<article") : html.index("</article>")]


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


@pytest.mark.parametrize("engine", list(ENGINES))
def test_edits_reload_and_errors_show_without_stopping_the_server(
    sample_project: Path, tmp_path: Path, engine: str
) -> None:
    before = snapshot(sample_project)
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    person = sample_project / "content/participants/ana-lind.yml"
    original = person.read_text()
    with serving(sample_project, "--engine", engine, temporary=temporary) as (base, process):
        page, unrelated = f"{base}/participants/ana-lind/", f"{base}/sources/"
        wait_for(lambda: "Ana Lind" in fetch(page), "the first build")
        unrelated_before = fetch(unrelated)
        person.write_text(original.replace("name: Ana Lind", "name: Ana Maria Lind"))
        wait_for(lambda: "Ana Maria Lind" in fetch(page), "the edited name")
        if engine == "mkdocs":  # its Markdown did not change: its HTML was reused, whole
            assert article(fetch(unrelated)) == article(unrelated_before)

        person.write_text(original.replace('We agreed to keep talking.\\"', 'We agreed to stop.\\"'))
        wait_for(lambda: "content has problems" in fetch(page), "the error page")
        shown = html.unescape(fetch(page))  # as a reader sees it: the Zensical preview keeps character references
        assert "content/participants/ana-lind.yml:" in shown
        assert "quote not found in source" in shown
        # Zensical rewrites the pages one after another: another page may show the problems a moment later.
        wait_for(lambda: "content has problems" in fetch(unrelated), "the error page on every page")

        person.write_text(original)
        wait_for(lambda: "Foreign Minister" in fetch(page), "the fixed page")
        assert process.poll() is None
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert "content/participants/ana-lind.yml:" in output
    assert "Traceback" not in output
    assert snapshot(sample_project) == before  # the preview wrote nothing into the project
    assert list(temporary.iterdir()) == []  # and left nothing behind
    if engine == "mkdocs":
        rebuilds = re.findall(r"briefing: rebuilt (\d+) changed pages, kept (\d+) unchanged", output)
        assert len(rebuilds) >= 4, output  # the first build, then one per edit
        assert rebuilds[0] == (rebuilds[0][0], "0")  # the first build keeps nothing
        rebuilt, kept = map(int, rebuilds[1])
        assert 0 < rebuilt < kept  # the edit of a name rebuilds only the pages that show it


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def search_index(base: str) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads(fetch(f"{base}/search/search_index.json"))["docs"]
    return docs


def sitemap_paths(text: str) -> list[str]:
    return [urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", text)]


def test_rebuilding_only_changed_pages_keeps_the_index_and_sitemap_whole_and_drops_removed_pages(
    sample_project: Path, server: tuple[str, subprocess.Popen[str]]
) -> None:
    base, process = server
    wait_for(lambda: "Ana Lind" in fetch(f"{base}/participants/ana-lind/"), "the first build")
    first_index, first_sitemap = search_index(base), sitemap_paths(fetch(f"{base}/sitemap.xml"))

    newcomer = sample_project / "content/participants/bo-berg.yml"
    # Cited, so that an edition shows him: an entry nothing cites or names is in none.
    fact = "{text: The ministers met in Geneva., cite: [{source: geneva-statement, quote: met in Geneva}]}"
    newcomer.write_text(f"name: Bo Berg\nkind: person\nfacts:\n  - {fact}\n")
    wait_for(lambda: "Bo Berg" in fetch(f"{base}/participants/bo-berg/"), "the new page")
    assert "/participants/bo-berg/" in sitemap_paths(fetch(f"{base}/sitemap.xml"))
    assert "participants/bo-berg/" in {doc["location"] for doc in search_index(base)}
    assert "bo-berg" in {row["id"] for row in json.loads(fetch(f"{base}/data/briefing.json"))["participants"]}

    person = sample_project / "content/participants/ana-lind.yml"
    person.write_text(person.read_text().replace("name: Ana Lind", "name: Ana Maria Lind"))
    wait_for(lambda: "Ana Maria Lind" in fetch(f"{base}/participants/ana-lind/"), "the edited name")
    newcomer.unlink()
    wait_for(lambda: status(f"{base}/participants/bo-berg/") == 404, "the removed page to go")

    # What the preview serves after rebuilding parts of it is what a clean build of the same content makes.
    built = sample_project.parent / "built"
    assert run_briefing("build", "--allow-outside", "-d", str(built), cwd=sample_project).returncode == 0
    served_index = search_index(base)
    assert served_index == json.loads((built / "search/search_index.json").read_text())["docs"]
    assert len(served_index) == len(first_index) and served_index != first_index
    served_sitemap = sitemap_paths(fetch(f"{base}/sitemap.xml"))
    assert served_sitemap == first_sitemap  # without a site_url, a clean build writes an empty sitemap
    assert set(served_sitemap) == {"/" + doc["location"].partition("#")[0] for doc in served_index}
    data = json.loads(fetch(f"{base}/data/briefing.json"))
    assert data == json.loads((built / "data/briefing.json").read_text())
    assert "Bo Berg" not in fetch(f"{base}/participants/")

    # A setting every page shows is shown on every page, whether or not its Markdown changed.
    config = sample_project / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name: ", "site_name: Renamed ", 1))
    pages = [f"{base}/{doc['location']}" for doc in served_index if "#" not in doc["location"]]
    wait_for(lambda: all("<title>" in (html := fetch(page)) and "Renamed " in html for page in pages), "new site name")
    assert process.poll() is None


def test_pages_written_by_hand_show_in_the_nav_of_pages_rebuilt_after_an_edit(
    sample_project: Path, server: tuple[str, subprocess.Popen[str]]
) -> None:
    """A dirty build skips a docs_dir page its file has not changed; the preview rebuilds it every time."""
    base, _ = server
    wait_for(lambda: "Ana Lind" in fetch(f"{base}/participants/ana-lind/"), "the first build")
    (sample_project / "site_config/docs/about.md").write_text("# About these pages\n\nWritten by hand.\n")
    config = sample_project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - Sources: sources/index.md\n", "  - Sources: sources/index.md\n  - about.md\n")
    )
    wait_for(lambda: "About these pages" in fetch(f"{base}/participants/ana-lind/"), "the nav entry")

    person = sample_project / "content/participants/ana-lind.yml"
    person.write_text(person.read_text().replace("name: Ana Lind", "name: Ana Maria Lind"))
    wait_for(lambda: "Ana Maria Lind" in fetch(f"{base}/participants/ana-lind/"), "the edited name")
    assert "About these pages" in fetch(f"{base}/participants/ana-lind/")  # not "None": the page was read again

    notes = sample_project / "site_config/docs/notes.md"  # outside the nav: deleting it changes no setting
    notes.write_text("# Notes\n")
    wait_for(lambda: status(f"{base}/notes/") == 200, "the new page")
    notes.unlink()
    wait_for(lambda: status(f"{base}/notes/") == 404, "the deleted page to go")


def test_an_edit_to_what_every_page_shows_rebuilds_every_page(
    sample_project: Path, server: tuple[str, subprocess.Popen[str]]
) -> None:
    """The theme's overrides and a file mkdocs.yml inherits are settings too, not only mkdocs.yml."""
    base, _ = server
    pages = [f"{base}/", f"{base}/participants/ana-lind/", f"{base}/sources/geneva-statement/"]
    wait_for(lambda: "Ana Lind" in fetch(pages[1]), "the first build")

    overrides = sample_project / "site_config/overrides"
    overrides.mkdir(exist_ok=True)
    marker = '<meta name="briefing-test" content="from the override">'
    (overrides / "main.html").write_text(
        f'{{% extends "base.html" %}}\n{{% block extrahead %}}{marker}{{% endblock %}}\n'
    )
    wait_for(lambda: all(marker in fetch(page) for page in pages), "the override on every page")

    inherited = sample_project / "site_config/base.yml"  # under a watched folder
    inherited.write_text("copyright: First inherited notice\n")
    config = sample_project / "mkdocs.yml"
    config.write_text("INHERIT: site_config/base.yml\n" + config.read_text())
    wait_for(lambda: all("First inherited notice" in fetch(page) for page in pages), "the inherited setting")
    inherited.write_text("copyright: Second inherited notice\n")
    wait_for(lambda: all("Second inherited notice" in fetch(page) for page in pages), "the edited inherited setting")

"""The live preview survives mistakes: a real `briefing serve`, edited while it runs."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(sample_project: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=sample_project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=10)


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


def test_edits_reload_and_errors_show_without_stopping_the_server(
    sample_project: Path, server: tuple[str, subprocess.Popen[str]]
) -> None:
    base, process = server
    page = f"{base}/participants/ana-lind/"
    wait_for(lambda: "Ana Lind" in fetch(page), "the first build")

    person = sample_project / "content/participants/ana-lind.yml"
    original = person.read_text()
    unrelated = f"{base}/sources/"
    before = fetch(unrelated)
    person.write_text(original.replace("name: Ana Lind", "name: Ana Lindqvist"))
    wait_for(lambda: "Ana Lindqvist" in fetch(page), "the edited name")
    assert article(fetch(unrelated)) == article(before)  # its Markdown did not change: its HTML was reused, whole

    person.write_text(original.replace('We agreed to keep talking.\\"', 'We agreed to stop.\\"'))
    wait_for(lambda: "content has problems" in fetch(page), "the error page")
    shown = fetch(page)
    assert "content/participants/ana-lind.yml:" in shown
    assert "quote not found in source" in shown

    person.write_text(original)
    wait_for(lambda: "Foreign Minister" in fetch(page), "the fixed page")
    assert process.poll() is None

    process.terminate()
    output = process.communicate(timeout=10)[0]
    assert "content/participants/ana-lind.yml:" in output
    assert "Traceback" not in output
    reuses = re.findall(r"briefing: converted (\d+) changed pages, reused (\d+) unchanged pages", output)
    assert reuses, output  # the first rebuild after an edit reconverts only the pages that show the edit
    converted, reused = map(int, reuses[0])
    assert 0 < converted < reused

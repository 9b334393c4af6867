"""The live-preview edit loop: save a YAML change under `briefing serve`, time until the page shows it.

The project is copied to a temporary folder first, so the edits never touch
the real content. Each edit renames one participant to a new, unique marker
and polls that participant's served page every 20 ms until the marker appears.
MkDocs' own log line for each rebuild separates the build from the wait for
the file watcher to notice the change.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .measure import python, run
from .snapshot import Snapshot

POLL_SECONDS = 0.02
TIMEOUT_SECONDS = 900.0
PROJECT_PARTS = ("mkdocs.yml", "content", "seeds", "site_config")
_BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
_NAME = re.compile(r"^name: *(.+)$", re.MULTILINE)


@dataclass
class PreviewResult:
    project: str
    page: str
    first_build_seconds: float
    edits: list[float] = field(default_factory=list)
    """Seconds from saving the YAML file to the served page showing the change."""
    builds: list[float] = field(default_factory=list)
    """MkDocs' own 'Documentation built in' figure for each rebuild."""

    @property
    def median(self) -> float:
        return statistics.median(self.edits)

    def summary(self) -> str:
        edits = ", ".join(f"{seconds:.2f}" for seconds in self.edits)
        builds = ", ".join(f"{seconds:.2f}" for seconds in self.builds) or "n/a"
        return (
            f"Live preview on {self.project} ({self.page}): save -> page shows the change, "
            f"median {self.median:.2f} s over {len(self.edits)} edits (each: {edits}); "
            f"MkDocs rebuild per edit: {builds} s; first build after start: {self.first_build_seconds:.1f} s"
        )


def copy_project(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        path = source / part
        if path.is_dir():
            shutil.copytree(path, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, target / part)
    return target


def measure_preview(
    project: Path, workdir: Path, edits: int, label: str, code: Snapshot, launcher: Sequence[str] = ("-m", "generator")
) -> PreviewResult:
    """Start `briefing serve` (`python LAUNCHER serve`) on a copy of `project` and time `edits` edits."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", label).strip("-")
    root = copy_project(project, workdir / f"preview-{slug}")
    run(
        python("-m", "generator", "check"), cwd=root, env=code.env()
    )  # a broken copy would only ever show the problems page
    person = sorted((root / "content" / "participants").glob("*.yml"))[0]
    port = _free_port()
    log = workdir / f"preview-{slug}.log"
    with log.open("w") as output:
        started = time.perf_counter()
        server = subprocess.Popen(
            python(*launcher, "serve", "-a", f"127.0.0.1:{port}"),
            cwd=root,
            env=code.env(),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            page = f"http://127.0.0.1:{port}/participants/{person.stem}/"
            original = person.read_text(encoding="utf-8")
            _wait_for(page, "</html>")
            result = PreviewResult(label, f"/participants/{person.stem}/", time.perf_counter() - started)
            for number in range(edits):
                result.edits.append(_edit(person, original, page, f"Benchmarkedit{number}"))
                time.sleep(1.0)  # let the server settle, so one edit's rebuild never overlaps the next
        finally:
            server.terminate()
            server.wait(timeout=30)
    result.builds = [float(seconds) for seconds in _BUILT.findall(log.read_text(encoding="utf-8"))][1:]
    return result


def _edit(person: Path, original: str, page: str, marker: str) -> float:
    """Rename the participant to `marker` (letters and digits only, so the page shows it verbatim)."""
    changed, count = _NAME.subn(f"name: {json.dumps(marker)}", original, count=1)
    if not count:
        raise ValueError(f"{person} has no 'name:' line to edit")
    saved = time.perf_counter()
    person.write_text(changed, encoding="utf-8")
    _wait_for(page, marker)
    return time.perf_counter() - saved


def _wait_for(url: str, text: str) -> None:
    deadline = time.perf_counter() + TIMEOUT_SECONDS
    while time.perf_counter() < deadline:
        if text in _fetch(url):
            return
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"{url} did not show {text!r} within {TIMEOUT_SECONDS:.0f} s")


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])

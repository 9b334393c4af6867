"""Builds that are reproducible, and that a kill at any moment cannot leave half-written."""

from __future__ import annotations

import random
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from conftest import run_briefing, snapshot

from generator.engines.build import ENGINES, _exclusive, _lock_digest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("engine", list(ENGINES))
def test_two_builds_of_the_same_input_are_byte_identical(sample_project: Path, tmp_path: Path, engine: str) -> None:
    for name in ("first", "second"):
        site = str(tmp_path / name)
        result = run_briefing("build", "--engine", engine, "--allow-outside", "-d", site, cwd=sample_project)
        assert result.returncode == 0, result.stderr
    first, second = snapshot(tmp_path / "first"), snapshot(tmp_path / "second")
    assert first == second
    if engine == "mkdocs":  # Zensical writes no gzipped sitemap
        # The sitemap's gzip header carries the briefing's as-of date (2030-03-05), not the build time.
        (mtime,) = struct.unpack("<I", first["sitemap.xml.gz"][4:8])
        assert mtime == 1898899200


def staging_dirs(site: Path) -> set[Path]:
    """The staging folders of builds of this site, beside it."""
    return {path for path in site.parent.glob(f".{site.name}-build-*") if path.is_dir()}


def wait_until_staging_exists(site: Path, build: subprocess.Popen[bytes], leftovers: set[Path]) -> None:
    """Wait until this build's MkDocs run is under way: its staging folder exists."""
    deadline = time.monotonic() + 30
    while not (staging_dirs(site) - leftovers) and build.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)


def build_process(project: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "generator", "build", *args], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


def test_a_build_killed_at_any_point_leaves_the_old_or_the_new_site(sample_project: Path, tmp_path: Path) -> None:
    site = sample_project / "site"
    assert run_briefing("build", cwd=sample_project).returncode == 0
    old = snapshot(site)
    person = sample_project / "content/participants/ana-lind.yml"
    person.write_text(person.read_text().replace("Foreign Minister", "Minister for Foreign Affairs"))
    # The new site, built elsewhere; and how long a build runs once under way, to kill within that time.
    reference = tmp_path / "reference"
    build = build_process(sample_project, "--allow-outside", "-d", str(reference))
    wait_until_staging_exists(reference, build, set())
    under_way = time.monotonic()
    assert build.wait() == 0
    running = time.monotonic() - under_way
    new = snapshot(reference)
    assert new != old

    rng = random.Random(20250219)
    killed = 0
    for _ in range(10):
        leftovers = staging_dirs(site)
        build = build_process(sample_project)
        wait_until_staging_exists(site, build, leftovers)
        time.sleep(rng.uniform(0.0, running))
        build.send_signal(signal.SIGKILL)
        killed += build.wait() == -signal.SIGKILL
        assert snapshot(site) in (old, new)
    # A build can run faster than the one timed; most kills must still land during one.
    assert killed >= 5, f"only {killed} of 10 kills landed during a build (a build runs {running:.2f} s)"

    result = run_briefing("build", cwd=sample_project)
    assert result.returncode == 0, result.stderr
    assert snapshot(site) == new
    assert not staging_dirs(site)


def test_builds_of_one_site_take_turns_and_leave_no_lock_file_behind(tmp_path: Path) -> None:
    """Builds of the same site wait for each other; the lock file goes once the last one is done."""
    site = tmp_path / "site"
    inside, most_inside, entries = 0, 0, 0
    counting = threading.Lock()

    def build_in_turn() -> None:
        nonlocal inside, most_inside, entries
        for _ in range(20):
            with _exclusive(site):
                with counting:
                    inside += 1
                    entries += 1
                    most_inside = max(most_inside, inside)
                time.sleep(0.002)
                with counting:
                    inside -= 1

    threads = [threading.Thread(target=build_in_turn) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (entries, most_inside) == (80, 1)
    assert not list(Path(tempfile.gettempdir()).glob(f"briefing-build-{_lock_digest(site)}.lock"))

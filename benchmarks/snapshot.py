"""A frozen copy of the code under test, so that edits made to the repo during a long run change nothing.

The generator package, this package, mkdocs.yml and site_config/ are copied
from the working tree once. Every measured process then imports the copy (it
runs with PYTHONPATH set to it and never from the repo folder), and every
synthetic project takes its mkdocs.yml and site_config/ from it. A copy taken
in the middle of someone's edit is caught by generating a tiny project's pages
with it; the copy is then taken again a little later.
"""

from __future__ import annotations

import compileall
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARTS = ("generator", "benchmarks", "mkdocs.yml", "site_config")
ATTEMPTS = 5
WAIT_SECONDS = 20.0


@dataclass(frozen=True)
class Snapshot:
    root: Path
    """Holds generator/, benchmarks/, mkdocs.yml and site_config/."""
    commit: str
    """The repo's HEAD when the copy was taken (the copy includes uncommitted changes)."""

    def env(self, **extra: str) -> dict[str, str]:
        """Environment for a measured process: the copy comes first on the import path.

        The generator's cache is off unless `extra` says otherwise, so a figure never
        depends on what an earlier run left in the user's cache folder.
        """
        return {**os.environ, "BRIEFING_CACHE": "off", "PYTHONPATH": str(self.root), **extra}


def take_snapshot(workdir: Path) -> Snapshot:
    """Copy the code under test and check it generates pages; retry while the repo is mid-edit."""
    from .synthetic import make_project  # a cycle otherwise: synthetic takes its template from a snapshot

    error = ""
    for attempt in range(ATTEMPTS):
        root = workdir / f"snapshot-{attempt}"
        _copy(root)
        snapshot = Snapshot(root, _head())
        probe = workdir / f"probe-{attempt}"
        make_project(probe, 20, template=root)
        check = subprocess.run(
            [sys.executable, "-m", "benchmarks.stages", str(probe)],
            cwd=root,
            env=snapshot.env(),
            capture_output=True,
            text=True,
        )
        if check.returncode == 0:
            return snapshot
        error = check.stdout[-2000:] + check.stderr[-2000:]
        print(f"[benchmarks] the repo looks mid-edit; copying it again in {WAIT_SECONDS:.0f} s", file=sys.stderr)
        time.sleep(WAIT_SECONDS)
    raise RuntimeError(f"could not take a working copy of the generator in {ATTEMPTS} attempts:\n{error}")


def _copy(root: Path) -> None:
    """Copy the code and compile its modules, as pip does on installing a package.

    Then every measured process finds them compiled, whichever runs first: a
    process that compiled what an earlier one did not would be charged for it.
    """
    root.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=ignore)
        else:
            shutil.copy2(source, root / part)
    compileall.compile_dir(root, quiet=1)


def _head() -> str:
    """The commit the working tree is on (a read-only git command)."""
    found = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    return found.stdout.strip() or "unknown"

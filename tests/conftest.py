"""Shared fixtures: a small sample project, in-memory content, and the CLI as a user runs it."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import pytest
from filelock import FileLock
from regenerate import regenerating

from generator.errors import Problem
from generator.read.load import parse_record
from generator.read.records import RawContent, RawRecord

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "sample"
REPO = Path(__file__).parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """Every command the tests run keeps its cache in a folder of this run, not the user's ~/.cache."""
    if "BRIEFING_CACHE_DIR" not in os.environ:
        os.environ["BRIEFING_CACHE_DIR"] = tempfile.mkdtemp(prefix="briefing-test-cache-")
        config.add_cleanup(lambda: shutil.rmtree(os.environ.pop("BRIEFING_CACHE_DIR"), ignore_errors=True))


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/sample that a test may change freely."""
    root = tmp_path / "project"
    shutil.copytree(SAMPLE, root)
    return root


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder that `make` fills once per test run, whichever of pytest-xdist's workers asks first.

    pytest-xdist's own recipe: the workers share the parent of their temporary folders, and a file lock there
    lets one of them make it while the others wait.
    """
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / name
    done = folder.with_name(f"{name}.done")
    with FileLock(f"{folder}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a worker that failed to make it left
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def real_sites(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The repository's own briefing built by an engine, once per engine and test run; tests only read it."""

    def build(folder: Path, engine: str) -> None:
        site = folder / "site"
        result = run_briefing("build", "--engine", engine, "--allow-outside", "-d", str(site), cwd=REPO)
        assert result.returncode == 0, result.stdout + result.stderr

    def site_on(engine: str) -> Path:
        return made_once(tmp_path_factory, f"real-{engine}", functools.partial(build, engine=engine)) / "site"

    return site_on


@pytest.fixture(scope="session")
def real_site(real_sites: Callable[[str], Path]) -> Path:
    """The repository's own briefing as MkDocs builds it."""
    return real_sites("mkdocs")


def copy_project(root: Path, rounds: bool = True) -> Path:
    """The repository's briefing, with the fictional later rounds of tests/fixtures/rounds added."""
    root.mkdir()
    for name in ("content", "seeds", "site_config"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root)
    if rounds:
        shutil.copytree(FIXTURES / "rounds", root, dirs_exist_ok=True)
    return root


def positions_project(root: Path) -> Path:
    """The sample, with two later rounds in which three parties speak on one question (tests/fixtures/positions)."""
    shutil.copytree(SAMPLE, root)
    shutil.copytree(FIXTURES / "positions", root, dirs_exist_ok=True)
    return root


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    """Write {relative path: text or bytes} under root, creating folders."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def raw_content(files: dict[str, str], seeds: dict[str, str]) -> RawContent:
    """RawContent parsed from in-memory YAML texts keyed like 'participants/x.yml'."""
    problems: list[Problem] = []
    records = []
    for relative, text in files.items():
        path = PurePosixPath("content") / relative
        kind = path.parent.name if path.parent.name != "content" else "briefing"
        record = RawRecord(kind=kind, id=path.stem, path=path, data=None)
        parse_record(record, text, problems)
        records.append(record)
    return RawContent(records=records, seeds=seeds, problems=problems, content_dir=PurePosixPath("content"))


def run_briefing(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The `briefing` command, run as a maintainer would, in the project root."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes, to compare before and after."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_matches_golden(text: str, golden: Path) -> None:
    """The generated text equals its reviewed golden file; `python -m tests.regenerate` rewrites the file."""
    if regenerating():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")

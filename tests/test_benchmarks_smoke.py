"""The benchmark harness works end to end at a small size; it proves the harness, it times nothing."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, made_once, run_briefing

pytestmark = pytest.mark.slow

N = 200


def run_module(*argv: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`python -m ...` in the repo, which must succeed."""
    result = subprocess.run([sys.executable, "-m", *argv], cwd=REPO, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def benchmark(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """One run at N=200, once per test run: generator stages, check, one full and one plain build, one live-preview
    edit on each project. What it printed, and its folder."""

    def run_benchmark(work: Path) -> None:
        options = ["--sizes", str(N), "--repeat", "1", "--build-repeat", "1", "--preview-edits", "1"]
        folders = ["--workdir", str(work / "projects"), "--keep", "--out", str(work / "out")]
        printed = run_module("benchmarks", *options, "--preview-sizes", str(N), *folders).stdout
        (work / "printed.txt").write_text(printed, encoding="utf-8")

    work = made_once(tmp_path_factory, "benchmarks", run_benchmark)
    return (work / "printed.txt").read_text(encoding="utf-8"), work


def test_prints_the_table_and_the_targets(benchmark: tuple[str, Path]) -> None:
    stdout = benchmark[0]
    assert "| N | pages | load s | validate s | render s | generator s | check s (no cache / 1 edit) |" in stdout
    assert f"| {N} | " in stdout
    assert f"HTML per entity page < 25 KB at N={N}" in stdout
    assert "PASS  live preview on N=1,000" not in stdout and "SKIP  live preview on N=1,000" in stdout
    assert f"Live preview on N={N}" in stdout and "Live preview on the real content" in stdout
    assert "full `briefing build` <= 1.08x plain `mkdocs build` of the same pages at N=1,000: N=1,000 not run" in stdout


def test_writes_every_figure(benchmark: tuple[str, Path]) -> None:
    results = json.loads((benchmark[1] / "out" / "results.json").read_text(encoding="utf-8"))
    (size,) = results["sizes"]
    for figure in ("load", "validate", "render", "check", "floor", "startup", "check_edited", "build", "plain"):
        assert len(size[figure]) == 1, figure
    assert 0 < size["floor"][0]["wall"] < size["check"][0]["wall"]
    assert size["html"]["entity_pages"] == N
    assert [preview["project"] for preview in results["previews"]] == [f"N={N}", "the real content"]
    assert all(len(preview["edits"]) == 1 for preview in results["previews"])


def test_the_synthetic_project_checks_clean(benchmark: tuple[str, Path]) -> None:
    project = benchmark[1] / "projects" / f"n{N}"
    result = run_briefing("check", "--strict", cwd=project)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith(
        "OK (edition of 2030-12-30): 80 participants, 30 goals, 30 questions, 60 events, 20 sources;"
    )


def test_what_an_optimisation_buys_is_measured_with_it_and_without_it() -> None:
    result = run_module("benchmarks.optimisations", "--sizes", "20", "--pairs", "1", "--only", "read.files._file_bytes")
    (row,) = [line for line in result.stdout.splitlines() if "`read.files._file_bytes`" in line]
    assert row.startswith("| each file read in one system call | `read.files._file_bytes` | check | ")
    assert "(with/without: " in row, result.stdout


def test_instructions_are_counted_for_the_stages() -> None:
    """The instruction counter runs end to end under valgrind (the builds are left out: 20 minutes at N=1,000)."""
    result = run_module("benchmarks.instructions", "--size", "20", "--only", "stages", "--jobs", "2", timeout=600)
    (row,) = [line for line in result.stdout.splitlines() if line.startswith("| generator stages")]
    billions = float(row.split("|")[2])
    # Imports alone are about a billion; the stages of 20 entities a tenth of that. Zero or a
    # negative count would mean the two processes were not the same but for the stages.
    assert 0.01 < billions < 1.0, result.stdout


def test_the_profile_of_check_is_written_although_check_ends_with_os_exit() -> None:
    """Before the profiler wrote its profile on os._exit, `benchmarks.profile check` found none to read."""
    result = run_module("benchmarks.profile", "check", "--size", "20", "--top", "5")
    assert "under cProfile; self time by package:" in result.stdout


def test_the_zensical_engine_is_timed_against_plain_zensical_and_mkdocs() -> None:
    printed = run_module("benchmarks.zensical", "--sizes", "20", "--pairs", "1").stdout
    assert printed.startswith("N=20 (1 interleaved runs each, medians)\n"), printed
    for name in ("zensical engine", "plain zensical", "mkdocs engine"):
        assert re.search(rf"^  {name}: wall \d+\.\d\d s, CPU \d+\.\d\d s$", printed, re.MULTILINE), printed
    for ratio in ("zensical engine / plain zensical", "zensical engine / mkdocs engine"):
        assert re.search(rf"^  {ratio}: wall \d+\.\d{{3}}x, CPU \d+\.\d{{3}}x$", printed, re.MULTILINE), printed


def test_the_synthetic_project_holds_every_kind() -> None:
    """A kind the synthetic project does not write would be missing from every figure the benchmarks print."""
    import random

    from benchmarks.synthetic import synthesise
    from generator.content.kinds import KINDS

    files, _ = synthesise(30, 3, random.Random(0))
    assert {relative.split("/")[0] for relative in files} == {kind.name for kind in KINDS} | {"briefing"}


def test_every_optimisation_can_still_be_undone() -> None:
    """Each row's undo applies to today's code (a source patch asserts its words are there), so no row of the
    ledger measures an optimisation that is gone."""
    from benchmarks.optimisations import OPTIMISATIONS

    for optimisation in OPTIMISATIONS:
        result = subprocess.run([sys.executable, "-c", optimisation.undo], cwd=REPO, capture_output=True, text=True)
        assert result.returncode == 0, f"{optimisation.where}: {result.stderr}"

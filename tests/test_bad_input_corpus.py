"""The bad-input corpus: every file in tests/corpus/bad_input/ is one case, run through the real CLI.

A case changes the sample project (files to write, delete, link or generate),
then `briefing check` must exit as the case says and print exactly the lines it
lists, without a traceback, within a time and memory bound. Cases marked
`build: true` also run `briefing build` over an earlier built site, which must
stay byte-identical when the content is rejected (and when it is accepted: those
cases only change how the same content is encoded). The cases run once more with
libyaml hidden, as on a machine without it, where PyYAML parses in pure Python.

When messages change on purpose, `python -m tests.regenerate` writes what
`check` printed into each case's `expect`; review the diff.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SAMPLE, run_briefing, snapshot, write_tree
from regenerate import regenerating

CORPUS = Path(__file__).parent / "corpus" / "bad_input"
CASES = sorted(path.stem for path in CORPUS.glob("*.yml"))
CASE_KEYS = {"delete", "write", "encoding", "generate", "symlinks", "folders", "fifos", "exit", "expect", "build"}
#: The bounds every run must stay within. CPU time, not wall-clock time, is what a case costs: other
#: work on the machine stretches the wall clock, so it gets a generous limit that only catches hangs.
CPU_LIMIT = 20
WALL_LIMIT = 90.0
MEMORY_LIMIT = 1024 * 1024 * 1024
UPDATE = regenerating()
#: CPU seconds, wall seconds and peak RSS of every run, summarised at the end (pytest -s).
MEASURED: dict[str, Run] = {}


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float
    wall_seconds: float
    max_rss: int
    """Peak resident set size of the command, in bytes."""


# Sets the limits, then becomes the command: the same process, so wait4 measures the command itself.
# (A launcher rather than preexec_fn, which is unsafe when runs start from several threads.)
_LIMITS = (
    "import os, resource, runpy, sys; "
    f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT})); "
    f"resource.setrlimit(resource.RLIMIT_CPU, ({CPU_LIMIT}, {CPU_LIMIT + 1})); "
)
LAUNCHER = _LIMITS + "os.execv(sys.executable, [sys.executable, '-m', 'generator', *sys.argv[1:]])"
#: The same on a machine without libyaml: PyYAML cannot import its C extension, and parses in pure Python.
LAUNCHER_WITHOUT_LIBYAML = (
    _LIMITS + "sys.modules['yaml._yaml'] = None; runpy.run_module('generator', run_name='__main__', alter_sys=True)"
)


def run_bounded(*args: str, cwd: Path, launcher: str = LAUNCHER) -> Run:
    """The `briefing` command under the limits, with its own CPU time and peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        process = subprocess.Popen([sys.executable, "-c", launcher, *args], cwd=cwd, stdout=out, stderr=err)
        timer = threading.Timer(WALL_LIMIT, process.kill)
        timer.start()
        try:
            # wait4 reports this child's own resource use, not the sum over all children.
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_utime + usage.ru_stime,
            time.monotonic() - start,
            usage.ru_maxrss * 1024,
        )


# --- generated inputs: too large to commit ----------------------------------------------------

FACT = (
    "  - text: The two sides agreed to work toward a ceasefire.\n"
    "    cite:\n"
    "      - source: geneva-statement\n"
    "        quote: The two sides agreed to work toward a ceasefire.\n"
)


def _write_repeated(path: Path, head: str, unit: str, size: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(head)
        block = unit * (1024 * 1024 // len(unit))
        for _ in range(size // len(block) + 1):
            handle.write(block)


def _yaml_50mb(path: Path) -> None:
    _write_repeated(path, "title: A ceasefire\nparties: [northland, southland]\nfacts:\n", FACT, 50 * 1024 * 1024)


def _seed_50mb(path: Path) -> None:
    head = (SAMPLE / "seeds/geneva-statement.txt").read_text(encoding="utf-8")
    _write_repeated(path, head, "\nA sentence that fills the document and says nothing more.\n", 50 * 1024 * 1024)


def _goal_100000_parties(path: Path) -> None:
    parties = "".join(f"  - p{number}\n" for number in range(100_000))
    path.write_text(f"title: A ceasefire\nparties:\n{parties}facts:\n{FACT}", encoding="utf-8")


GENERATORS: dict[str, Callable[[Path], None]] = {
    "yaml-50mb": _yaml_50mb,
    "seed-50mb": _seed_50mb,
    "goal-100000-parties": _goal_100000_parties,
}


# --- applying a case ----------------------------------------------------------------------------


def read_case(name: str) -> dict[str, Any]:
    case: dict[str, Any] = yaml.safe_load((CORPUS / f"{name}.yml").read_text(encoding="utf-8"))
    return case


def load_case(name: str) -> dict[str, Any]:
    case = read_case(name)
    assert set(case) <= CASE_KEYS, f"{name}: unknown keys {set(case) - CASE_KEYS}"
    assert case["exit"] in (0, 1) and case["expect"], f"{name}: give the exit code and the expected lines"
    return case


def rewrite_expected(name: str, lines: list[str]) -> None:
    """Replace the case's `expect` block, and nothing else, with the lines given."""
    path = CORPUS / f"{name}.yml"
    block = re.compile(r"^expect:\n(?:[- ] .*\n)*", re.MULTILINE)
    listed = "expect:\n" + yaml.safe_dump(lines, allow_unicode=True, width=1000)
    path.write_text(block.sub(lambda _: listed, path.read_text(encoding="utf-8"), count=1), encoding="utf-8")


def apply_case(root: Path, case: dict[str, Any]) -> None:
    for relative in case.get("delete", []):
        (root / relative).unlink()
    encoding = case.get("encoding", "utf-8")
    # Bytes, not text: CRLF, a BOM or another encoding reach the file exactly as the case gives them.
    write_tree(root, {path: text.encode(encoding) for path, text in case.get("write", {}).items()})
    for relative, generator in case.get("generate", {}).items():
        GENERATORS[generator](root / relative)
    for relative, target in case.get("symlinks", {}).items():
        link = root / relative
        if link.exists() or link.is_symlink():
            link.unlink()
        link.symlink_to(target)
    for relative in case.get("folders", []):
        (root / relative).mkdir(parents=True)
    for relative in case.get("fifos", []):
        os.mkfifo(root / relative)


def remove_generated(root: Path, case: dict[str, Any]) -> None:
    """The 50 MB files go as soon as they have served: pytest keeps the temporary folders of recent runs."""
    for relative in case.get("generate", {}):
        (root / relative).unlink()


def assert_bounded(run: Run, label: str) -> None:
    MEASURED[label] = run
    assert run.returncode not in (-signal.SIGKILL, -signal.SIGXCPU), f"stopped at a limit: {run}"
    assert run.cpu_seconds < CPU_LIMIT and run.wall_seconds < WALL_LIMIT and run.max_rss < MEMORY_LIMIT
    assert "Traceback" not in run.stdout + run.stderr, run.stderr
    assert "root:x:0:0" not in run.stdout + run.stderr, "printed a file from outside the project"


@pytest.fixture(scope="module")
def earlier_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project's site, built once, that build cases start from."""
    root = tmp_path_factory.mktemp("earlier") / "project"
    shutil.copytree(SAMPLE, root)
    built = run_bounded("build", cwd=root)
    assert built.returncode == 0, built.stderr
    return root / "site"


@pytest.fixture(scope="module", autouse=True)
def _print_bounds() -> Any:
    yield
    if MEASURED:
        print(f"\n{len(MEASURED)} bounded runs, the most costly of each measure:")
        for measure in ("cpu_seconds", "wall_seconds", "max_rss"):
            label, run = max(MEASURED.items(), key=lambda item: getattr(item[1], measure))
            value = getattr(run, measure)
            print(
                f"  {measure}: {value / 2**20:.0f} MiB" if measure == "max_rss" else f"  {measure}: {value:.2f} s",
                label,
            )
        print(f"  limits: {CPU_LIMIT} s CPU, {WALL_LIMIT:.0f} s wall clock, {MEMORY_LIMIT // 2**20} MiB address space")


# --- the tests ------------------------------------------------------------------------------------


def test_the_corpus_has_at_least_forty_cases() -> None:
    assert len(CASES) >= 40
    assert all(load_case(name) for name in CASES)


def check_case(name: str, tmp_path: Path, launcher: str = LAUNCHER, options: tuple[str, ...] = ()) -> Run:
    """`briefing check` on a copy of the sample project with the case applied.

    One run per test: pytest-xdist runs the tests, and so the runs, on every core.
    """
    root = tmp_path / "project"
    shutil.copytree(SAMPLE, root)
    apply_case(root, load_case(name))
    try:
        return run_bounded("check", *options, cwd=root, launcher=launcher)
    finally:
        remove_generated(root, load_case(name))


@pytest.mark.parametrize("name", CASES)
def test_check_reports_exactly_the_expected_lines(tmp_path: Path, name: str) -> None:
    run = check_case(name, tmp_path)
    if UPDATE:
        rewrite_expected(name, run.stdout.splitlines())
    case = load_case(name)
    assert_bounded(run, f"check {name}")
    assert (run.returncode, run.stdout.splitlines()) == (case["exit"], case["expect"]), run.stderr
    assert run.stderr == ""


# --- without libyaml ------------------------------------------------------------------------------

#: Every case but the generated ones: parsing those in pure Python takes long and tells nothing the others do not.
CASES_WITHOUT_LIBYAML = [name for name in CASES if "generate" not in read_case(name)]
#: The cases the two parsers read differently, and what the pure-Python one must print (a pattern per line).
READ_OTHERWISE_WITHOUT_LIBYAML = {
    # PyYAML's own scanner refuses a tab after a colon, which libyaml, like YAML 1.2, allows.
    "yaml-tab-after-colon": [
        r"content/goals/ceasefire\.yml:1:7: a tab on line 1: YAML indents with spaces only; replace the tab with spaces",
        r"1 problem found\.",
    ],
    # libyaml stops at a nesting limit of its own; the pure-Python parser stops where Python's recursion
    # does, at a column that depends on the interpreter, and the message is the generator's own.
    "yaml-deeper-than-the-parser-allows": [
        r"content/goals/ceasefire\.yml:8:\d+: nesting deeper than 64 levels",
        r"1 problem found\.",
    ],
}


def _located(lines: list[str]) -> list[str]:
    """The lines, with the wording of the YAML library's own messages left out: the two parsers word them apart."""
    return [re.sub(r"^(\S+: invalid YAML): .*", r"\1", line) for line in lines]


@pytest.mark.parametrize("name", CASES_WITHOUT_LIBYAML)
def test_without_libyaml_the_same_problems_are_reported_at_the_same_places(tmp_path: Path, name: str) -> None:
    run = check_case(name, tmp_path, LAUNCHER_WITHOUT_LIBYAML)
    assert_bounded(run, f"check without libyaml {name}")
    assert run.stderr == ""
    lines = run.stdout.splitlines()
    if name in READ_OTHERWISE_WITHOUT_LIBYAML:
        patterns = READ_OTHERWISE_WITHOUT_LIBYAML[name]
        assert run.returncode == 1 and len(lines) == len(patterns), lines
        assert all(re.fullmatch(pattern, line) for pattern, line in zip(patterns, lines, strict=True)), lines
        return
    case = load_case(name)
    assert (run.returncode, _located(lines)) == (case["exit"], _located(case["expect"]))


BUILD_CASES = [name for name in CASES if read_case(name).get("build")]


@pytest.mark.slow
@pytest.mark.parametrize("name", BUILD_CASES)
def test_build_over_an_earlier_site_leaves_it_byte_identical(
    sample_project: Path, earlier_site: Path, name: str
) -> None:
    shutil.copytree(earlier_site, sample_project / "site")
    before = snapshot(sample_project / "site")
    case = load_case(name)
    apply_case(sample_project, case)
    run = run_bounded("build", cwd=sample_project)
    remove_generated(sample_project, case)
    assert_bounded(run, f"build {name}")
    assert run.returncode == case["exit"], run.stderr
    if case["exit"]:
        assert run.stderr.splitlines() == ["Error: " + case["expect"][0], *case["expect"][1:]]
    assert snapshot(sample_project / "site") == before
    assert not [path for path in sample_project.glob(".site-build-*") if path.is_dir()]


#: What a parser, a validation library or a regular expression would say, and a maintainer should never read.
LIBRARY_WORDING = re.compile(
    r"\^|\\d|\[0-9|Input should|pydantic|while (parsing|scanning)|did not find expected|mapping values"
    r"|cannot start any token|block (end|mapping|collection)|end of stream|Traceback"
)


def test_no_message_shows_regex_syntax_or_a_librarys_phrasing() -> None:
    """Over the whole corpus's pinned messages, which test_check_reports_exactly_the_expected_lines holds to the output."""
    found = {name: line for name in CASES for line in load_case(name)["expect"] if LIBRARY_WORDING.search(line)}
    assert found == {}


@pytest.mark.parametrize("name", ["quote-not-in-source", "quote-one-word-wrong", "quote-wrong-case"])
def test_the_closest_passage_verifies_when_pasted_after_quote(sample_project: Path, name: str) -> None:
    case = load_case(name)
    write_tree(sample_project, case["write"])
    ((path, text),) = case["write"].items()
    hint = re.search(r'the closest passage is ("(?:[^"\\]|\\.)*")', case["expect"][0])
    assert hint is not None
    quote = re.search(r"^( *)quote: .*$", text, re.M)
    assert quote is not None
    pasted = text[: quote.start()] + f"{quote.group(1)}quote: {hint.group(1)}" + text[quote.end() :]
    write_tree(sample_project, {path: pasted})
    result = run_briefing("check", cwd=sample_project)
    assert result.returncode == 0, result.stdout

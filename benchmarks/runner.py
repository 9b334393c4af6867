"""Measure one size: generate the project, then time each stage and command in fresh processes."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .htmlsize import HtmlSizes, measure_html
from .measure import CommandFailed, Run, Timing, python, run
from .snapshot import Snapshot, take_snapshot
from .synthetic import ProjectShape, default_sources, make_project

STARTUP = "import generator.cli, generator.pipeline, generator.check.validate"
"""What `briefing check` imports before it reads a file."""
PLAIN_CONFIG = "mkdocs-plain.yml"
PLAIN_DOCS = "plain-docs"
BUILD_TIMEOUT = 3 * 3600.0
#: The measured commands on a project root, as arguments to `python -m`, for tools that look inside one
#: (a profiler, an instruction counter).
COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "check": lambda root: ["generator", "check", "-f", str(root / "mkdocs.yml")],
    # The site goes to the project's own site/ folder, which every version of `briefing build` accepts.
    "build": lambda root: ["generator", "build", "-f", str(root / "mkdocs.yml")],
    "plain": lambda root: ["mkdocs", "build", "-q", "-f", str(root / PLAIN_CONFIG), "-d", str(root / "site-plain")],
}


@dataclass(frozen=True)
class Options:
    repeat: int = 3
    """Runs of the generator stages and of `briefing check`, per size."""
    build_repeat: int = 3
    """Runs of the full build and of the plain-Markdown build, per size (interleaved)."""
    full_build_max: int = 10_000
    """Largest N whose site is built; above it only the generator stages and check run."""
    repeat_budget: float = 300.0
    """A measurement whose first run took longer than this many seconds (wall) is not repeated."""


@dataclass
class SizeResult:
    """Every sample taken at one size; the report aggregates them."""

    shape: ProjectShape
    pages: int = 0
    markdown_bytes: int = 0
    load: list[Timing] = field(default_factory=list)
    validate: list[Timing] = field(default_factory=list)
    render: list[Timing] = field(default_factory=list)
    stages_rss_kib: list[int] = field(default_factory=list)
    check: list[Timing] = field(default_factory=list)
    """`briefing check` with no cache: the first run on a machine, or a CI run."""
    check_rss_kib: list[int] = field(default_factory=list)
    floor: list[Timing] = field(default_factory=list)
    """CSafeLoader composing the content files in one process, run right after each `check`."""
    startup: list[Timing] = field(default_factory=list)
    """Starting the interpreter and importing what `briefing check` imports, run with each `check`."""
    check_output: str = ""
    check_edited: list[Timing] = field(default_factory=list)
    """`briefing check` after editing one file, with the cache the previous run left."""
    build: list[Timing] = field(default_factory=list)
    build_rss_kib: list[int] = field(default_factory=list)
    plain: list[Timing] = field(default_factory=list)
    plain_rss_kib: list[int] = field(default_factory=list)
    html: HtmlSizes | None = None
    skipped: str | None = None
    """Why the site was not built at this size, if it was not."""

    @property
    def entities(self) -> int:
        return self.shape.entities


def measure_size(workdir: Path, entities: int, sources: int | None, options: Options, code: Snapshot) -> SizeResult:
    """Every figure at one size; `code` is the frozen copy of the generator every process runs."""
    root = workdir / f"n{entities}"
    _progress(f"N={entities}: generating the synthetic project in {root}")
    shape = make_project(root, entities, sources or default_sources(entities), template=code.root)
    result = SizeResult(shape)
    prepare_plain_build(root)
    budget = options.repeat_budget
    _repeated(options.repeat, budget, lambda number: _stages(root, result, code, write_docs=number == 0))
    _repeated(options.repeat, budget, lambda number: _check(root, result, code))
    cache = workdir / f"cache-n{entities}"
    _check_after_edit(root, result, code, cache, number=-1)  # fills the cache, as a previous run would
    _repeated(options.repeat, budget, lambda number: _check_after_edit(root, result, code, cache, number))
    if entities > options.full_build_max:
        result.skipped = f"N={entities:,} is above --full-build-max {options.full_build_max:,}"
        return result
    _repeated(options.build_repeat, budget, lambda number: _builds(root, result, code, number == 0))
    return result


def _repeated(times: int, budget: float, action: Callable[[int], float]) -> None:
    """Run `action` up to `times` times; once only if its first run took longer than `budget` seconds."""
    for number in range(times):
        if action(number) > budget and number == 0:
            return


def _stages(root: Path, result: SizeResult, code: Snapshot, write_docs: bool) -> float:
    _progress(f"N={result.entities}: generator stages")
    extra = ["--write-docs", str(root / PLAIN_DOCS)] if write_docs else []
    finished = run(python("-m", "benchmarks.stages", str(root), *extra), cwd=code.root, env=code.env())
    figures: dict[str, Any] = json.loads(finished.stdout)
    result.load.append(Timing(**figures["load"]))
    result.validate.append(Timing(**figures["validate"]))
    result.render.append(Timing(**figures["render"]))
    result.stages_rss_kib.append(finished.peak_rss_kib)
    result.pages, result.markdown_bytes = figures["pages"], figures["markdown_bytes"]
    return finished.timing.wall


def _check(root: Path, result: SizeResult, code: Snapshot) -> float:
    _progress(f"N={result.entities}: briefing check, no cache")
    finished = _checked(root, code.env(BRIEFING_CACHE="off"))
    result.check.append(finished.timing)
    result.check_rss_kib.append(finished.peak_rss_kib)
    result.check_output = finished.stdout.strip()
    floor = run(python("-m", "benchmarks.floor", str(root)), cwd=code.root, env=code.env())
    figures = json.loads(floor.stdout)
    result.floor.append(Timing(figures["wall"], figures["cpu"]))
    result.startup.append(run(python("-c", STARTUP), cwd=root, env=code.env()).timing)
    return finished.timing.wall


def _check_after_edit(root: Path, result: SizeResult, code: Snapshot, cache: Path, number: int) -> float:
    """Edit one fact's text (a maintainer's typical change), then check with the cache of the run before."""
    _progress(f"N={result.entities}: briefing check after editing one file")
    goal = min((root / "content" / "goals").glob("*.yml"))
    text = goal.read_text(encoding="utf-8")
    # A different file each run, with the same facts: a number or word added would be a detail its quotes lack.
    edited = text.replace("\n- text: ", "\n- text:" + " " * (number + 3), 1)
    if edited == text:
        raise ValueError(f"{goal}: no fact to edit")
    goal.write_text(edited, encoding="utf-8")
    try:
        finished = _checked(root, code.env(BRIEFING_CACHE="on", BRIEFING_CACHE_DIR=str(cache)))
    finally:
        goal.write_text(text, encoding="utf-8")
    if number >= 0:
        result.check_edited.append(finished.timing)
        result.check_rss_kib.append(finished.peak_rss_kib)
    return finished.timing.wall


def _checked(root: Path, env: dict[str, str]) -> Run:
    finished = run(python("-m", "generator", "check"), cwd=root, env=env)
    if not finished.stdout.startswith("OK ("):
        raise CommandFailed(["briefing", "check"], finished)
    return finished


def _builds(root: Path, result: SizeResult, code: Snapshot, keep_html: bool) -> float:
    """One full build and one plain-Markdown build, back to back so both see the same machine load.

    Both build inside the project: `briefing build` into its default site/ folder, which every
    version accepts (building outside the project may need a flag, depending on the version).
    """
    _progress(f"N={result.entities}: briefing build")
    site = root / "site"
    # No cache: the figure of a first build, or of any build in CI.
    env = code.env(BRIEFING_CACHE="off")
    full = run(python("-m", "generator", "build"), cwd=root, env=env, timeout=BUILD_TIMEOUT)
    _record(full, result.build, result.build_rss_kib)
    if keep_html:
        result.html = measure_html(site, root / "content")
    shutil.rmtree(site)
    _progress(f"N={result.entities}: plain mkdocs build")
    plain_site = root / "site-plain"
    argv = python("-m", "mkdocs", "build", "-q", "-f", PLAIN_CONFIG, "-d", str(plain_site))
    _record(run(argv, cwd=root, env=code.env(), timeout=BUILD_TIMEOUT), result.plain, result.plain_rss_kib)
    shutil.rmtree(plain_site)
    return full.timing.wall


def _record(finished: Run, timings: list[Timing], rss: list[int]) -> None:
    timings.append(finished.timing)
    rss.append(finished.peak_rss_kib)


def prepare_plain_build(root: Path) -> None:
    """A docs folder for the pre-written pages, and the project's config without the briefing plugin."""
    config: dict[str, Any] = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    shutil.copytree(root / config.get("docs_dir", "docs"), root / PLAIN_DOCS)
    config["docs_dir"] = PLAIN_DOCS
    config["plugins"] = [plugin for plugin in config.get("plugins", []) if _plugin_name(plugin) != "briefing"]
    (root / PLAIN_CONFIG).write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def project_to_measure(
    workdir: Path, project: Path | None, size: int, sources: int | None, plain: bool
) -> tuple[Snapshot, Path]:
    """A snapshot of the code in `workdir`, and the project given or a synthetic one of `size` entities in it.

    With `plain`, the project also gets the pages as Markdown for the plain-Markdown build.
    """
    code = take_snapshot(workdir)
    root = project.resolve() if project else workdir / "project"
    if not project:
        make_project(root, size, sources, template=code.root)
    if plain and not (root / PLAIN_CONFIG).exists():
        write_plain_docs(root, code)
    return code, root


def write_plain_docs(root: Path, code: Snapshot) -> None:
    """The pages as Markdown files and a config without the briefing plugin, for a plain build of its own."""
    prepare_plain_build(root)
    argv = python("-m", "benchmarks.stages", str(root), "--write-docs", str(root / PLAIN_DOCS))
    run(argv, cwd=code.root, env=code.env())


def _plugin_name(plugin: str | dict[str, Any]) -> str:
    return plugin if isinstance(plugin, str) else next(iter(plugin))


def _progress(message: str) -> None:
    print(f"[benchmarks] {message}", file=sys.stderr, flush=True)

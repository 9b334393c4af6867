"""Time the generator's stages in this process: `python -m benchmarks.stages PROJECT_ROOT`.

Run once per measurement in a fresh interpreter, so that each figure is a cold
run and the peak RSS is this process's alone. Imports happen before the clock
starts; each stage is timed on its own, in the order the pipeline runs them
(load -> validate, which builds the model -> render), and the process's peak
RSS is read after each. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from generator.check.validate import validate
from generator.pipeline import Project
from generator.read.load import load_content
from generator.render.pages import render_pages
from generator.render.templating import environment_for

T = TypeVar("T")


def peak_rss_kib() -> int:
    """This process's peak resident set size so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def cpu_seconds() -> float:
    """CPU time of this process and of the worker processes it has waited for: a stage may share its work out."""
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + workers.ru_utime + workers.ru_stime


def timed(action: Callable[[], T], figures: dict[str, Any], name: str) -> T:
    """Run one stage; record its wall and CPU seconds and the peak RSS after it."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = action()
    figures[name] = {"wall": time.perf_counter() - wall, "cpu": cpu_seconds() - cpu}
    figures[f"{name}_peak_rss_kib"] = peak_rss_kib()
    return result


def run_stages(project: Project) -> tuple[dict[str, Any], dict[str, str]]:
    """Figures for load, validate and render, and the rendered pages."""
    figures: dict[str, Any] = {"imports_peak_rss_kib": peak_rss_kib()}
    paths = (project.root, project.content_dir, project.seeds_dir, project.site_config_dir)
    raw = timed(lambda: load_content(*paths), figures, "load")
    briefing, problems = timed(lambda: validate(raw), figures, "validate")
    figures["problems"] = [str(problem) for problem in problems]
    if briefing is None:
        return figures, {}
    pages = timed(lambda: render_pages(briefing, environment_for((project.templates_dir,))), figures, "render")
    figures["pages"] = len(pages)
    figures["markdown_bytes"] = sum(len(page.encode()) for page in pages.values())
    return figures, pages


def write_pages(pages: dict[str, str], docs_dir: Path) -> None:
    """The rendered Markdown as files, for a plain MkDocs build without the generator."""
    for relative, markdown in pages.items():
        path = docs_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stages", description=__doc__.split("\n")[0])
    parser.add_argument("root", type=Path, help="the project folder (holding mkdocs.yml)")
    parser.add_argument("--write-docs", type=Path, metavar="DIR", help="after timing, write the pages into DIR")
    args = parser.parse_args(argv)
    figures, pages = run_stages(Project(args.root.resolve()))
    if args.write_docs and pages:
        write_pages(pages, args.write_docs)
    print(json.dumps(figures))
    return 0 if pages else 1


if __name__ == "__main__":
    sys.exit(main())

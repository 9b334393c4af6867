"""`python -m benchmarks`: synthetic projects of each size, measured; then the live-preview edit loop."""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import statistics
import tempfile
from collections.abc import Sequence
from pathlib import Path

from . import machine, report
from .preview import PreviewResult, measure_preview
from .runner import Options, SizeResult, measure_size
from .snapshot import REPO, Snapshot, take_snapshot


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", default="100,1000,10000", help="entity counts N, comma-separated")
    parser.add_argument("--sources", type=int, default=None, metavar="M", help="sources per project (default N/10)")
    parser.add_argument(
        "--full-build-max", type=int, default=10_000, metavar="N", help="build the site only up to this N"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of the generator stages and of check per size")
    parser.add_argument("--build-repeat", type=int, default=2, help="runs of the full and plain builds per size")
    parser.add_argument(
        "--repeat-budget",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="run a measurement once only when its first run took longer than this",
    )
    parser.add_argument("--preview-edits", type=int, default=5, help="edits timed under `briefing serve` (0: skip)")
    parser.add_argument("--preview-project", type=Path, default=REPO, help="project for the live-preview loop")
    parser.add_argument("--out", type=Path, help="also write report.md and results.json into this folder")
    parser.add_argument("--workdir", type=Path, help="where to generate the projects (default: a new temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    options = Options(args.repeat, args.build_repeat, args.full_build_max, args.repeat_budget)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    described = machine.describe()
    try:
        code = take_snapshot(workdir)
        described += f"; generator: the working tree on {code.commit}, copied at the start of the run"
        results = [measure_size(workdir, size, args.sources, options, code) for size in sizes]
        preview = _preview(args, workdir, code)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    text = format_report(described, options, results, preview)
    print(text)
    if args.out:
        write_outputs(args.out, text, described, options, results, preview)
    return 0


def _preview(args: argparse.Namespace, workdir: Path, code: Snapshot) -> PreviewResult | None:
    if not args.preview_edits:
        return None
    return measure_preview(args.preview_project, workdir, args.preview_edits, "repo", code)


def format_report(described: str, options: Options, results: list[SizeResult], preview: PreviewResult | None) -> str:
    parts = [
        f"Machine: {described}",
        "",
        f"Wall-clock seconds, median of up to {options.repeat} runs (generator stages, check) and of up to "
        f"{options.build_repeat} runs (full and plain-Markdown builds, interleaved); a measurement whose first run "
        f"took over {options.repeat_budget:.0f} s ran once (see 'runs' under Details). Every run is a fresh process:",
        "",
        report.table(results),
        "",
        "Wall-clock, minimum of the same runs:",
        "",
        report.table(results, "wall", min),
        "",
        "CPU seconds (user + system of the process), median of the same runs; other tenants of the machine "
        "inflate wall-clock time far more than CPU time:",
        "",
        report.table(results, "cpu"),
        "",
        "Details:",
        "",
        report.details(results),
        "",
        *(f"N={result.entities:,}: site not built ({result.skipped})." for result in results if result.skipped),
        *(f"N={result.entities:,}: {result.check_output}" for result in results),
        "",
        "Targets:",
        "",
        report.format_targets(report.targets(results)),
        "",
        preview.summary() if preview else "Live preview: not measured (--preview-edits 0).",
    ]
    return "\n".join(parts)


def write_outputs(
    out: Path,
    text: str,
    described: str,
    options: Options,
    results: list[SizeResult],
    preview: PreviewResult | None,
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.md").write_text(text + "\n", encoding="utf-8")
    data = {
        "machine": described,
        "options": dataclasses.asdict(options),
        "sizes": [dataclasses.asdict(result) for result in results],
        "preview": dataclasses.asdict(preview) if preview else None,
        "preview_median": statistics.median(preview.edits) if preview and preview.edits else None,
    }
    (out / "results.json").write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")

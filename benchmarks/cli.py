"""`python -m benchmarks`: synthetic projects of each size, measured; then the live-preview edit loop."""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
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
    parser.add_argument("--build-repeat", type=int, default=3, help="runs of the full and plain builds per size")
    parser.add_argument(
        "--repeat-budget",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="run a measurement once only when its first run took longer than this",
    )
    parser.add_argument("--preview-edits", type=int, default=5, help="edits timed under `briefing serve` (0: skip)")
    parser.add_argument(
        "--preview-sizes", default="1000,10000", help="synthetic sizes (of --sizes) whose live preview is timed too"
    )
    parser.add_argument("--out", type=Path, help="also write report.md and results.json into this folder")
    parser.add_argument("--workdir", type=Path, help="where to generate the projects (default: a new temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    return parser.parse_args(argv)


def parse_sizes(text: str) -> list[int]:
    """Entity counts from "300,1000,10_000"."""
    return [int(size.replace("_", "")) for size in text.split(",") if size.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = parse_sizes(args.sizes)
    options = Options(args.repeat, args.build_repeat, args.full_build_max, args.repeat_budget)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    described = machine.describe()
    try:
        code = take_snapshot(workdir)
        described += f"; generator: the working tree on {code.commit}, copied at the start of the run"
        results = [measure_size(workdir, size, args.sources, options, code) for size in sizes]
        previews = _previews(args, workdir, code, sizes)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    text = format_report(described, options, results, previews)
    print(text)
    if args.out:
        write_outputs(args.out, text, described, options, results, previews)
    return 0


def _previews(args: argparse.Namespace, workdir: Path, code: Snapshot, sizes: list[int]) -> list[PreviewResult]:
    """The edit loop on the synthetic projects of the sizes asked for (already generated), then on the real content."""
    if not args.preview_edits:
        return []
    wanted = set(parse_sizes(args.preview_sizes))
    projects = {f"N={size:,}": workdir / f"n{size}" for size in sizes if size in wanted}
    projects["the real content"] = REPO
    return [measure_preview(root, workdir, args.preview_edits, label, code) for label, root in projects.items()]


def format_report(described: str, options: Options, results: list[SizeResult], previews: list[PreviewResult]) -> str:
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
        report.format_targets(report.targets(results, previews)),
        "",
        "Live preview (`briefing serve`):" if previews else "Live preview: not measured (--preview-edits 0).",
        "",
        *(f"- {preview.summary()}" for preview in previews),
    ]
    return "\n".join(parts)


def write_outputs(
    out: Path,
    text: str,
    described: str,
    options: Options,
    results: list[SizeResult],
    previews: list[PreviewResult],
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.md").write_text(text + "\n", encoding="utf-8")
    data = {
        "machine": described,
        "options": dataclasses.asdict(options),
        "sizes": [dataclasses.asdict(result) for result in results],
        "previews": [{**dataclasses.asdict(preview), "median": preview.median} for preview in previews],
    }
    (out / "results.json").write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")

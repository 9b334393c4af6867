"""The measured table, the details behind it, and the targets with PASS/FAIL."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .measure import Timing
from .preview import PreviewResult
from .runner import SizeResult

MIB = 1024
"""ru_maxrss is in KiB."""
GIB_KIB = 1024 * 1024
CLOCKS = ("wall", "cpu")
Aggregate = Callable[[Sequence[float]], float]


@dataclass(frozen=True)
class Target:
    name: str
    measured: str
    passed: bool | None
    """None: not measured in this run. For time targets, the verdict on wall-clock time."""
    cpu_passed: bool | None = None
    """For time targets, the verdict on CPU time (user + system), which other tenants of the machine distort less."""
    timed: bool = False

    def line(self) -> str:
        verdict = _verdict(self.passed)
        if self.timed and self.passed is not None:
            verdict = f"{verdict} (wall) / {_verdict(self.cpu_passed)} (CPU)"
        return f"{verdict}  {self.name}: {self.measured}"


def _verdict(passed: bool | None) -> str:
    return {True: "PASS", False: "FAIL", None: "SKIP"}[passed]


def seconds(timings: Sequence[Timing], clock: str = "wall", aggregate: Aggregate = statistics.median) -> float | None:
    values = [getattr(timing, clock) for timing in timings]
    return aggregate(values) if values else None


def generator_runs(result: SizeResult) -> list[Timing]:
    """load + validate + render of each run (the three stages run in one process per run)."""
    runs = zip(result.load, result.validate, result.render, strict=True)
    return [Timing(sum(t.wall for t in stages), sum(t.cpu for t in stages)) for stages in runs]


def share(result: SizeResult, clock: str = "wall", aggregate: Aggregate = statistics.median) -> float | None:
    generator, build = seconds(generator_runs(result), clock, aggregate), seconds(result.build, clock, aggregate)
    return 100 * generator / build if generator is not None and build else None


def per_page_ms(result: SizeResult, clock: str = "wall", aggregate: Aggregate = statistics.median) -> float | None:
    build = seconds(result.build, clock, aggregate)
    return 1000 * build / result.pages if build is not None and result.pages else None


def peak_rss_kib(result: SizeResult) -> int:
    """The largest peak RSS of any process measured at this size."""
    return max([*result.stages_rss_kib, *result.check_rss_kib, *result.build_rss_kib, *result.plain_rss_kib])


def _s(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 100 else f"{value:.0f}"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


TABLE_HEADER = (
    "N", "pages", "load s", "validate s", "render s", "generator s", "check s (no cache / 1 edit)", "full build s",
    "plain-MD build s", "generator share", "build ms/page", "entity HTML KB avg / max", "peak RSS MiB",
)  # fmt: skip


def table(results: Sequence[SizeResult], clock: str = "wall", aggregate: Aggregate = statistics.median) -> str:
    lines = [_row(TABLE_HEADER), _row(["---:"] * len(TABLE_HEADER))]
    for result in results:
        html = result.html
        page = per_page_ms(result, clock, aggregate)
        cells = [
            f"{result.entities:,}",
            f"{result.pages:,}",
            *(_s(seconds(timings, clock, aggregate)) for timings in (result.load, result.validate, result.render)),
            _s(seconds(generator_runs(result), clock, aggregate)),
            f"{_s(seconds(result.check, clock, aggregate))} / {_s(seconds(result.check_edited, clock, aggregate))}",
            _s(seconds(result.build, clock, aggregate)) if result.build else "not run",
            _s(seconds(result.plain, clock, aggregate)) if result.plain else "not run",
            _pct(share(result, clock, aggregate)),
            "n/a" if page is None else f"{page:.1f}",
            f"{html.entity_avg_kb:.1f} / {html.entity_max_kb:.1f}" if html else "n/a",
            f"{peak_rss_kib(result) / MIB:.0f}",
        ]
        lines.append(_row(cells))
    return "\n".join(lines)


DETAILS_HEADER = (
    "N", "sources", "facts", "citations", "Markdown MB", "RSS MiB stages / check / build / plain",
    "full - plain, % of full (wall / CPU)", "source page KB avg / max", "largest page", "runs (stages, check, builds)",
)  # fmt: skip


def details(results: Sequence[SizeResult]) -> str:
    lines = [_row(DETAILS_HEADER), _row(["---:"] * len(DETAILS_HEADER))]
    for result in results:
        html = result.html
        rss = [result.stages_rss_kib, result.check_rss_kib, result.build_rss_kib, result.plain_rss_kib]
        cells = [
            f"{result.entities:,}",
            f"{result.shape.sources:,}",
            f"{result.shape.facts:,}",
            f"{result.shape.citations:,}",
            f"{result.markdown_bytes / 1e6:.1f}",
            " / ".join(f"{max(values) / MIB:.0f}" if values else "-" for values in rss),
            f"{_pct(_overhead(result, 'wall'))} / {_pct(_overhead(result, 'cpu'))}",
            f"{html.source_avg_kb:.1f} / {html.source_max_kb:.1f}" if html else "n/a",
            f"{html.largest_page} ({html.largest_kb:.0f} KB)" if html else "n/a",
            f"{len(result.load)}, {len(result.check)}, {len(result.build)}",
        ]
        lines.append(_row(cells))
    return "\n".join(lines)


def _overhead(result: SizeResult, clock: str) -> float | None:
    """How much longer the full build takes than MkDocs alone on the same pages, as a share of it."""
    full, plain = seconds(result.build, clock), seconds(result.plain, clock)
    return 100 * (full - plain) / full if full and plain is not None else None


def targets(results: Sequence[SizeResult], previews: Sequence[PreviewResult]) -> list[Target]:
    """Issue 17's targets; each time target is a ratio of two figures of this run where it can be."""
    by_n = {result.entities: result for result in results}
    found = [_build_ratio_target(by_n.get(n), n) for n in (1_000, 10_000)]
    found.append(_scaling_target(by_n.get(1_000), by_n.get(10_000)))
    found.extend(_html_target(result) for result in results)
    found.append(_memory_target(by_n.get(10_000)))
    found.append(_check_floor_target(by_n.get(10_000)))
    by_project = {preview.project: preview for preview in previews}
    found.extend(_preview_target(by_project.get(project), project, limit) for project, limit in PREVIEW_LIMITS.items())
    return found


BUILD_RATIO_LIMIT = 1.08
CHECK_FLOOR_LIMIT = 4.0
PREVIEW_LIMITS = {"N=1,000": 1.0, "N=10,000": 4.0, "the real content": 1.0}
"""Seconds from saving a YAML file to the served page showing it, median of the edits."""


def pair_ratios(numerators: Sequence[Timing], denominators: Sequence[Timing], clock: str = "wall") -> list[float]:
    """The ratio within each pair of runs made back to back, so that both saw the same machine."""
    return [getattr(top, clock) / getattr(bottom, clock) for top, bottom in zip(numerators, denominators, strict=True)]


def _build_ratio_target(result: SizeResult | None, n: int) -> Target:
    name = f"full `briefing build` <= {BUILD_RATIO_LIMIT}x plain `mkdocs build` of the same pages at N={n:,}"
    if result is None or not result.build:
        return Target(name, _not_measured(result, n), None)
    figures = f"{_s(seconds(result.build))} s against {_s(seconds(result.plain))} s"
    return _ratio_target(name, result.build, result.plain, BUILD_RATIO_LIMIT, "interleaved pairs", figures)


def _check_floor_target(result: SizeResult | None) -> Target:
    name = (
        f"`briefing check` at N=10,000 (no cache, the whole command) <= {CHECK_FLOOR_LIMIT:.0f}x "
        "CSafeLoader composing the same files in one process"
    )
    if result is None or not result.floor:
        return Target(name, "N=10,000 not run", None)
    figures = (
        f"check {_s(seconds(result.check))} s (of it about {_s(seconds(result.startup))} s starting the "
        f"interpreter and importing), floor {_s(seconds(result.floor))} s"
    )
    return _ratio_target(name, result.check, result.floor, CHECK_FLOOR_LIMIT, "pairs", figures)


def _ratio_target(
    name: str, tops: Sequence[Timing], bottoms: Sequence[Timing], limit: float, pairs: str, figures: str
) -> Target:
    """Judged on the median of the ratios within each pair, by wall-clock and by CPU time."""
    ratios = {clock: pair_ratios(tops, bottoms, clock) for clock in CLOCKS}
    medians = {clock: statistics.median(values) for clock, values in ratios.items()}
    each = ", ".join(f"{ratio:.3f}" for ratio in ratios["wall"])
    measured = (
        f"median of {len(ratios['wall'])} {pairs}: wall {medians['wall']:.3f}x (each: {each}), "
        f"CPU {medians['cpu']:.3f}x; {figures}"
    )
    return Target(name, measured, medians["wall"] <= limit, medians["cpu"] <= limit, timed=True)


def _preview_target(preview: PreviewResult | None, project: str, limit: float) -> Target:
    name = f"live preview on {project}: save -> the page shows the edit <= {limit:.1f} s (median)"
    if preview is None or not preview.edits:
        return Target(name, f"not measured on {project}", None)
    return Target(name, preview.summary(), preview.median <= limit)


def _scaling_target(small: SizeResult | None, large: SizeResult | None) -> Target:
    name = "full build time per page at N=10,000 within 1.3x of N=1,000"
    missing = [
        _not_measured(result, n) for result, n in ((small, 1_000), (large, 10_000)) if not (result and result.build)
    ]
    if small is None or large is None or missing:
        return Target(name, "; ".join(missing), None)
    ratios: dict[str, float] = {}
    parts = []
    for clock in CLOCKS:
        low, high = per_page_ms(small, clock) or 0.0, per_page_ms(large, clock) or 0.0
        ratios[clock] = high / low
        parts.append(f"{clock} {ratios[clock]:.2f}x ({high:.1f} ms vs {low:.1f} ms per page)")
    return Target(name, "; ".join(parts), ratios["wall"] <= 1.3, ratios["cpu"] <= 1.3, timed=True)


def _html_target(result: SizeResult) -> Target:
    name = f"HTML per entity page < 25 KB at N={result.entities:,} (largest entity page)"
    html = result.html
    if html is None:
        return Target(name, _not_measured(result, result.entities), None)
    measured = f"max {html.entity_max_kb:.1f} KB ({html.entity_max_page}), average {html.entity_avg_kb:.1f} KB"
    return Target(name, measured, html.entity_max_kb < 25)


def _memory_target(result: SizeResult | None) -> Target:
    name = "peak memory at N=10,000 < 1 GiB (largest peak RSS of any measured process)"
    if result is None:
        return Target(name, "N=10,000 not run", None)
    peak = peak_rss_kib(result)
    if result.build_rss_kib:
        return Target(name, f"{peak / MIB:.0f} MiB", peak < GIB_KIB)
    partial = f"{peak / MIB:.0f} MiB in the generator and check alone; the site was not built at this size"
    return Target(name, partial, False if peak >= GIB_KIB else None)


def _not_measured(result: SizeResult | None, n: int) -> str:
    if result is None:
        return f"N={n:,} not run"
    return f"not measured at N={n:,}: {result.skipped}" if result.skipped else f"not measured at N={n:,}"


def format_targets(found: Sequence[Target]) -> str:
    return "\n".join(target.line() for target in found)

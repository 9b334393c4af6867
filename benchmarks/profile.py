"""Where the time goes: `python -m benchmarks.profile {stages,check,build,plain} --size N`.

Runs one measured command under cProfile in a fresh process (`plain` is
MkDocs alone on the pre-written pages), with a copy of the generator taken
now (see snapshot.py), on a synthetic project (generated unless --project
names one), and prints the self time per package and the functions with the
most self and cumulative time. cProfile slows pure-Python code down by a
factor of about two, so compare shares, not seconds, with the benchmark.
"""

from __future__ import annotations

import argparse
import pstats
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from .measure import python, run
from .runner import COMMANDS as MEASURED_COMMANDS
from .runner import project_to_measure

COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "stages": lambda root: ["benchmarks.stages", str(root)],
    **MEASURED_COMMANDS,
}
PACKAGES = (
    "generator", "benchmarks", "mkdocs", "material", "markdown", "pymdownx", "jinja2", "yaml", "pydantic",
    "nh3", "babel", "pygments", "watchdog", "click",
)  # fmt: skip


def package_of(filename: str) -> str:
    """The package a profiled function belongs to, from its file path."""
    parts = Path(filename).parts
    for name in PACKAGES:
        if name in parts:
            return name
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (C)"
    return "re (stdlib)" if parts[-2:-1] == ("re",) else "stdlib/other"


def by_package(stats: pstats.Stats) -> list[tuple[str, float]]:
    totals: dict[str, float] = defaultdict(float)
    entries: dict[tuple[str, int, str], tuple[int, int, float, float, object]] = stats.stats  # type: ignore[attr-defined]
    for (filename, _line, _name), (_cc, _nc, tottime, _cumtime, _callers) in entries.items():
        totals[package_of(filename)] += tottime
    return sorted(totals.items(), key=lambda item: item[1], reverse=True)


def summarise(profile: Path, top: int) -> str:
    stats = pstats.Stats(str(profile))
    total: float = stats.total_tt  # type: ignore[attr-defined]
    lines = [f"total {total:.2f} s under cProfile; self time by package:"]
    lines += [f"  {name:<14} {seconds:8.2f} s  {100 * seconds / total:5.1f}%" for name, seconds in by_package(stats)]
    for key in ("tottime", "cumulative"):
        lines.append(f"\ntop {top} functions by {key}:")
        lines.append(_listing(stats, key, top))
    return "\n".join(lines)


def _listing(stats: pstats.Stats, key: str, top: int) -> str:
    entries: dict[tuple[str, int, str], tuple[int, int, float, float, object]] = stats.stats  # type: ignore[attr-defined]
    ranked = sorted(entries.items(), key=lambda item: item[1][2] if key == "tottime" else item[1][3], reverse=True)
    ranked = ranked[:top]
    rows = []
    for (filename, line, name), (_cc, calls, tottime, cumtime, _callers) in ranked:
        where = f"{_short(filename)}:{line}({name})"
        rows.append(f"  {tottime:8.2f} self {cumtime:8.2f} cum {calls:>9} calls  {where}")
    return "\n".join(rows)


def _short(filename: str) -> str:
    parts = Path(filename).parts
    for name in PACKAGES:
        if name in parts:
            return "/".join(parts[parts.index(name) :])
    return filename


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=sorted(COMMANDS))
    parser.add_argument("--size", type=int, default=1000, help="entities N of the synthetic project")
    parser.add_argument("--sources", type=int, default=None, metavar="M")
    parser.add_argument("--project", type=Path, help="profile this project instead of a synthetic one")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--save", type=Path, help="also keep the raw profile here (for snakeviz or pstats)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="briefing-profile-") as temp:
        workdir = Path(temp)
        code, root = project_to_measure(workdir, args.project, args.size, args.sources, args.command == "plain")
        profile = args.save or workdir / "profile.out"
        command = COMMANDS[args.command](root)
        run(python("-m", "benchmarks.profiled", str(profile), *command), cwd=code.root, env=code.env())
        print(summarise(profile, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())

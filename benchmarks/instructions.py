"""Instructions, not seconds: `python -m benchmarks.instructions --size N`.

CPU time on a shared machine moves by some 10% from run to run, as much as
the room under the generator's 5% share; a change worth 2% cannot be seen in
it. The number of machine instructions a process executes hardly moves at all
(by one in three million between two runs here), so this counts them with
valgrind's callgrind tool, for the same measurements as the timed benchmark:
the generator stages, `briefing check`, the full build and MkDocs alone on the
pre-written pages, each in a fresh process with the cache off and a fixed hash
seed. An instruction is not a fixed amount of time, so the figures rank and
compare code; the time targets are judged on the timed benchmark.

The stages are counted as the difference between two processes that import
the same modules and then end at once, without the interpreter's tear-down:
one after running the stages, one without. The three commands are counted
whole, start-up included, as a user waits for them. Under callgrind a process
runs some 50 times slower: at N = 1,000 the full build takes 20 minutes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NoReturn

from .measure import python, run
from .runner import COMMANDS as MEASURED_COMMANDS
from .runner import project_to_measure
from .snapshot import Snapshot

#: What can be counted, in the order it is printed.
LABELS = {
    "stages": "generator stages (load + validate + render)",
    "check": "`briefing check`, whole process",
    "build": "full build (`briefing build`), whole process",
    "plain": "plain-Markdown build (`mkdocs build`), whole process",
}
COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "stages": lambda root: ["benchmarks.instructions", "--child", str(root)],
    **MEASURED_COMMANDS,
}
_COLLECTED = re.compile(r"^==\d+== Collected : (\d+)$", re.MULTILINE)


def counted(argv: list[str], cwd: Path, env: dict[str, str]) -> int:
    """Instructions the command executes, counted by callgrind (the command must succeed)."""
    tool = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={os.devnull}"]
    finished = run([*tool, *argv], cwd=cwd, env=env)
    return collected(finished.stderr)


def collected(stderr: str) -> int:
    """The instruction count in callgrind's report."""
    found = _COLLECTED.findall(stderr)
    if len(found) != 1:
        raise ValueError(f"no single instruction count in callgrind's report:\n{stderr[-2000:]}")
    return int(found[0])


def count_all(root: Path, code: Snapshot, names: Sequence[str], jobs: int) -> dict[str, int]:
    """Instructions per measurement; `jobs` processes at a time (a count does not depend on the load)."""
    # With a fixed hash seed, set and dict order, and so the work done, are the same in every run. In one
    # process: callgrind follows a fork, but a forked worker's count starts from its parent's.
    env = code.env(PYTHONHASHSEED="0")
    argvs = {name: python("-m", *COMMANDS[name](root)) for name in names}
    if "stages" in names:
        argvs["imports"] = [*argvs["stages"], "--imports-only"]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {name: pool.submit(counted, argv, code.root, env) for name, argv in argvs.items()}
        counts = {name: future.result() for name, future in futures.items()}
    if "stages" in counts:
        counts["stages"] -= counts.pop("imports")
    return counts


def report(counts: dict[str, int], project: str) -> str:
    """The table of counts and the shares that can be taken from them."""
    lines = [
        f"Instructions executed on {project} (callgrind; cache off, PYTHONHASHSEED=0):",
        "",
        "| measurement | instructions (billions) |",
        "| --- | ---: |",
    ]
    lines += [f"| {label} | {counts[name] / 1e9:.3f} |" for name, label in LABELS.items() if name in counts]
    if "stages" in counts and "build" in counts:
        share = 100 * counts["stages"] / counts["build"]
        lines.append(f"\ngenerator stages / full build: {share:.2f}% (the timed target: at most 5%)")
    if "build" in counts and "plain" in counts:
        extra = 100 * (counts["build"] - counts["plain"]) / counts["build"]
        lines.append(f"full build - plain-Markdown build, % of the full build: {extra:.1f}%")
    return "\n".join(lines)


def child(root: Path, imports_only: bool) -> NoReturn:
    """Import what the stages need, run them unless told not to, and end at once: no tear-down is counted."""
    from generator.pipeline import Project

    from .stages import run_stages

    if not imports_only:
        figures, pages = run_stages(Project(root))
        if not pages:
            print(figures.get("problems"), file=sys.stderr, flush=True)
            os._exit(1)
    sys.stdout.flush()
    os._exit(0)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.instructions", description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="entities N of the synthetic project")
    parser.add_argument("--sources", type=int, default=None, metavar="M")
    parser.add_argument("--project", type=Path, help="count on this project instead of a synthetic one")
    parser.add_argument(
        "--only", default=",".join(LABELS), help=f"comma-separated, of: {', '.join(LABELS)} (default: all)"
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes counted at once")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--imports-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.imports_only)
    names = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(names) - set(LABELS))
    if unknown or not names:
        parser.error(f"--only takes {', '.join(LABELS)}; not {', '.join(unknown) or 'nothing'}")
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed; on Debian: apt-get install valgrind")
    with tempfile.TemporaryDirectory(prefix="briefing-instructions-") as temp:
        code, root = project_to_measure(Path(temp), args.project, args.size, args.sources, "plain" in names)
        counts = count_all(root, code, names, args.jobs)
    print(report(counts, str(root) if args.project else f"a synthetic project of N={args.size:,}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python -m benchmarks.zensical`: the Zensical engine against a plain Zensical build of the same pages.

At each N, a synthetic project; its pages and data files as `briefing generate
--out` writes them, with site_config/docs, under a configuration that inherits
the project's: the plain build. Then, interleaved so that all three see the
same machine load: `briefing build --engine zensical` (check, generate, build,
clean each page), `zensical build --clean` of the written pages, and `briefing
build` on MkDocs for comparison. Prints the medians and the ratios.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .measure import Timing, python, run
from .runner import project_to_measure

PLAIN_CONFIG = "zensical-plain.yml"
PLAIN_DOCS = "zensical-docs"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.zensical", description=__doc__)
    parser.add_argument("--sizes", default="300,1000", help="entity counts, comma-separated")
    parser.add_argument("--pairs", type=int, default=3, help="interleaved runs of each build per size")
    args = parser.parse_args(argv)
    for size in (int(text) for text in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as temp:
            print(measure(Path(temp), size, args.pairs), flush=True)
    return 0


def measure(workdir: Path, size: int, pairs: int) -> str:
    code, root = project_to_measure(workdir, None, size, None, plain=False)
    config = str(root / "mkdocs.yml")
    run(python("-m", "generator", "generate", "-f", config, "--out", str(root / PLAIN_DOCS)), cwd=root, env=code.env())
    shutil.copytree(root / "site_config/docs", root / PLAIN_DOCS, dirs_exist_ok=True)
    (root / PLAIN_CONFIG).write_text(f"INHERIT: mkdocs.yml\ndocs_dir: {PLAIN_DOCS}\nsite_dir: site-plain\n")
    commands = {
        "zensical engine": python("-m", "generator", "build", "--engine", "zensical", "-f", config),
        "plain zensical": python("-m", "zensical", "build", "--clean", "--strict", "-f", str(root / PLAIN_CONFIG)),
        "mkdocs engine": python("-m", "generator", "build", "-f", config),
    }
    timings: dict[str, list[Timing]] = {name: [] for name in commands}
    for _ in range(pairs):
        for name, argv in commands.items():
            timings[name].append(run(argv, cwd=root, env=code.env()).timing)
        shutil.rmtree(root / "site-plain")
    wall = {name: statistics.median(t.wall for t in runs) for name, runs in timings.items()}
    cpu = {name: statistics.median(t.cpu for t in runs) for name, runs in timings.items()}
    lines = [f"N={size:,} ({pairs} interleaved runs each, medians)"]
    lines += [f"  {name}: wall {wall[name]:.2f} s, CPU {cpu[name]:.2f} s" for name in commands]
    for over, under in (("zensical engine", "plain zensical"), ("zensical engine", "mkdocs engine")):
        lines.append(f"  {over} / {under}: wall {wall[over] / wall[under]:.3f}x, CPU {cpu[over] / cpu[under]:.3f}x")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

"""What each remaining optimisation buys: `python -m benchmarks.optimisations`.

Each optimisation is measured by running the command it speeds up twice, back
to back, in fresh processes: once as the code is, and once with the
optimisation undone by a patch applied before the command starts (the patches
are in the table below, so the generator carries no switch for them). The
difference within each pair, as a median over the pairs, is what it buys.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .cli import parse_sizes
from .measure import python, run
from .preview import measure_preview
from .snapshot import Snapshot, take_snapshot
from .synthetic import make_project

#: `briefing check` with no cache, the first run on a machine or in CI.
CHECK = "check"
#: `briefing check` after editing one file, with the cache the run before left.
CHECK_EDITED = "check-edited"
#: The published data files (JSON, CSV, feed), timed inside one process.
DATA_FILES = "data-files"
#: Rendering every page's Markdown from a checked briefing, timed inside one process.
RENDER = "render"
#: Saving a YAML file under `briefing serve` until the served page shows it.
PREVIEW = "preview"
PREVIEW_EDITS = 3


def source_patch(module: str, qualname: str, *replacements: tuple[str, str], importers: tuple[str, ...] = ()) -> str:
    """Python that redefines a function or method from its own source with `replacements` made: the plain way
    back for a fast path inside a function. It fails if a replacement no longer applies, so the row cannot
    silently measure nothing; `importers` are modules that hold the function under its own name."""
    return f"""
import importlib, inspect, textwrap
_owner = importlib.import_module({module!r})
_module, (*_path, _name) = _owner, {qualname!r}.split(".")
for _part in _path:
    _owner = getattr(_owner, _part)
_source = textwrap.dedent(inspect.getsource(getattr(_owner, _name)))
for _old, _new in {list(replacements)!r}:
    assert _old in _source, ({qualname!r}, _old)
    _source = _source.replace(_old, _new)
_defined = {{}}
exec(_source, _module.__dict__, _defined)
for _holder in [_owner, *map(importlib.import_module, {list(importers)!r})]:
    setattr(_holder, _name, _defined[_name])
"""


@dataclass(frozen=True)
class Optimisation:
    name: str
    where: str
    command: str
    undo: str
    """Python run before the command, putting the plain way back."""


OPTIMISATIONS = (
    Optimisation(
        "cycle collector paused while loading and validating",
        "pipeline._cycle_collection_paused",
        CHECK,
        "import contextlib, generator.pipeline as m; m._cycle_collection_paused = contextlib.nullcontext",
    ),
    Optimisation(
        "content cache between runs",
        "read/cache.py",
        CHECK_EDITED,
        "import os; os.environ['BRIEFING_CACHE'] = 'off'",
    ),
    Optimisation(
        "YAML loader without constructor state and with a cut-down resolver",
        "read.yaml_nodes._Loader",
        CHECK,
        "import yaml, generator.read.yaml_nodes as m; m._Loader = yaml.CSafeLoader",
    ),
    Optimisation(
        "each file read in one system call",
        "read.files._file_bytes",
        CHECK,
        "import generator.read.files as m; m._file_bytes = lambda path, size: open(path, 'rb').read()",
    ),
    Optimisation(
        "each folder resolved once, not each file",
        "read.files.InsideProject",
        CHECK,
        "import pathlib, generator.read.files as m\n"
        "def real_file(self, path):\n"
        "    resolved = pathlib.Path(path).resolve(strict=True)\n"
        "    return (resolved if resolved.is_relative_to(self.root) else None), resolved.stat()\n"
        "m.InsideProject.real_file = real_file",
    ),
    Optimisation(
        "exit without the interpreter's teardown",
        "cli._exit_at_once",
        CHECK,
        "import sys, generator.cli as m; m._exit_at_once = sys.exit",
    ),
    Optimisation(
        "published JSON written by orjson",
        "data.schemas.dump_json",
        DATA_FILES,
        "import json, generator.data.publish as m\n"
        "m.dump_json = lambda data: json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + '\\n'",
    ),
    Optimisation(
        "compiled theme templates kept between preview builds",
        "engines.preview.IncrementalBuilds.on_env",
        PREVIEW,
        "import generator.engines.preview as m; m.IncrementalBuilds.on_env = lambda self, env, **kwargs: env",
    ),
    Optimisation(
        "file events instead of MkDocs' polling every 0.5 s",
        "engines.preview._EditObserver",
        PREVIEW,
        "import watchdog.observers.polling, generator.engines.preview as m\n"
        "m._EditObserver = lambda: watchdog.observers.polling.PollingObserver(timeout=0.5)",
    ),
    Optimisation(
        "the preview's builds with the cycle collector paused, collected when idle",
        "engines.preview._IdleCollection",
        PREVIEW,
        "import contextlib, generator.engines.preview as m; m._IdleCollection.paused = lambda self: contextlib.nullcontext()",
    ),
    Optimisation(
        "plain text taken from the YAML tree without a call",
        "read.yaml_nodes._NodeConverter",
        CHECK,
        source_patch(
            "generator.read.yaml_nodes",
            "_NodeConverter.convert",
            (
                "if node.tag == _STR:  # by far the commonest: a shortcut\n            return node.value\n        return",
                "return",
            ),
        )
        + source_patch(
            "generator.read.yaml_nodes",
            "_NodeConverter._mapping",
            ("shortcut = self.seen is None and depth < MAX_DEPTH", "shortcut = False"),
        ),
    ),
    Optimisation(
        "content file paths kept as text, not Path objects",
        "read.load.content_files",
        CHECK,
        source_patch(
            "generator.read.load",
            "content_files",
            ("(os.path.join(folder, name), path.name)", "(path / name, path.name)"),
        ),
    ),
    Optimisation(
        "words compared by a translation and a split for ASCII text",
        "check.details.words_all_held",
        CHECK,
        source_patch(
            "generator.check.details", "words_all_held", ("if text.isascii() and joined.isascii():", "if False:")
        ),
    ),
    Optimisation(
        "loaded words looked for only in texts holding one's first word",
        "check.vocabulary.PhraseFinder",
        CHECK,
        source_patch(
            "generator.check.vocabulary", "PhraseFinder._surely_absent", ("self.first_runs is not None", "False")
        ),
    ),
    Optimisation(
        "links made relative by string slicing, not posixpath.relpath",
        "render.urls.relative_path",
        RENDER,
        "import posixpath, generator.render.urls as u, generator.render.page_context as p\n"
        "u.relative_path = p.relative_path = lambda target, here: posixpath.relpath(target, here or '.')",
    ),
    Optimisation(
        "page titles written without the YAML dumper when plain",
        "render.templating._is_plain_yaml",
        RENDER,
        "import generator.render.templating as m; m._is_plain_yaml = lambda text: False",
    ),
)

_DATA_FILES_TIMER = """
import json, sys, time
from pathlib import Path
from generator.pipeline import Project, check
from generator.data.publish import site_files
from generator.render.urls import page_url
briefing, _ = check(Project(Path(sys.argv[1]).resolve()))
start = time.perf_counter()
site_files(briefing, page_url, "https://example.org/")
print(json.dumps({"wall": time.perf_counter() - start}))
"""

_RENDER_TIMER = """
import json, sys, time
from pathlib import Path
from generator.pipeline import Project, check
from generator.render.pages import render_pages
briefing, _ = check(Project(Path(sys.argv[1]).resolve()))
start = time.perf_counter()
render_pages(briefing)
print(json.dumps({"wall": time.perf_counter() - start}))
"""


def measure(
    optimisation: Optimisation, root: Path, code: Snapshot, pairs: int, workdir: Path
) -> list[tuple[float, float]]:
    """Seconds with the optimisation and without it, in each pair of runs."""
    timer = _timer(optimisation.command, root, code, workdir)
    pairs = 1 if optimisation.command == PREVIEW else pairs  # each preview figure is already a median of edits
    return [_pair(timer, optimisation.undo, number) for number in range(pairs)]


def _pair(timer: Callable[[str, int], float], undo: str, number: int) -> tuple[float, float]:
    """With and without, in turns first, so that neither always finds the file cache warmed by the other."""
    if number % 2:
        without = timer(undo, number)
        return timer("", number), without
    with_it = timer("", number)
    return with_it, timer(undo, number)


def _timer(command: str, root: Path, code: Snapshot, workdir: Path) -> Callable[[str, int], float]:
    def cli(undo: str, argv: list[str], env: dict[str, str]) -> float:
        launcher = f"{undo}\nimport sys\nfrom generator.cli import main\nsys.argv[0] = 'briefing'\nmain()"
        return run(python("-c", launcher, *argv), cwd=root, env=env).timing.wall

    cache = workdir / f"cache-{root.name}"
    if command == CHECK:
        return lambda undo, _: cli(undo, ["check"], code.env())
    if command == CHECK_EDITED:
        cached = code.env(BRIEFING_CACHE="on", BRIEFING_CACHE_DIR=str(cache))
        cli("", ["check"], cached)  # fills the cache, as a previous run would
        return lambda undo, number: _edited(root, number, lambda: cli(undo, ["check"], cached))
    if command in (DATA_FILES, RENDER):
        timer = _DATA_FILES_TIMER if command == DATA_FILES else _RENDER_TIMER
        return lambda undo, _: _in_process(undo, timer, root, code)
    return lambda undo, _: _preview(undo, root, code, Path(tempfile.mkdtemp(dir=workdir)))


def _edited(root: Path, number: int, action: Callable[[], float]) -> float:
    goal = min((root / "content" / "goals").glob("*.yml"))
    text = goal.read_text(encoding="utf-8")
    goal.write_text(text.replace("\n- text: ", f"\n- text: ({number + 2}) ", 1), encoding="utf-8")
    try:
        return action()
    finally:
        goal.write_text(text, encoding="utf-8")


def _in_process(undo: str, timer: str, root: Path, code: Snapshot) -> float:
    finished = run(python("-c", f"{undo}\n{timer}", str(root)), cwd=root, env=code.env())
    return float(json.loads(finished.stdout)["wall"])


def _preview(undo: str, root: Path, code: Snapshot, workdir: Path) -> float:
    launcher = ["-c", f"{undo}\nfrom generator.cli import main\nmain()"]
    return measure_preview(root, workdir, PREVIEW_EDITS, root.name, code, launcher).median


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.optimisations", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="300,10000", help="entity counts N, comma-separated")
    parser.add_argument("--pairs", type=int, default=3, help="pairs of runs per optimisation and size")
    parser.add_argument(
        "--only", help="measure only the optimisations whose `where` contains one of these, comma-separated"
    )
    args = parser.parse_args(argv)
    sizes = parse_sizes(args.sizes)
    wanted = args.only.split(",") if args.only else [""]
    chosen = [item for item in OPTIMISATIONS if any(part in item.where for part in wanted)]
    workdir = Path(tempfile.mkdtemp(prefix="briefing-optimisations-"))
    try:
        code = take_snapshot(workdir)
        roots = {size: workdir / f"n{size}" for size in sizes}
        for size, root in roots.items():
            make_project(root, size, template=code.root)
        rows = [_row(item, roots, code, args.pairs, workdir) for item in chosen]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    header = ["optimisation", "where", "measured on", *(f"buys at N={size:,}" for size in sizes)]
    print(f"| {' | '.join(header)} |\n|{'---|' * len(header)}")
    print("\n".join(rows))
    return 0


def _row(item: Optimisation, roots: dict[int, Path], code: Snapshot, pairs: int, workdir: Path) -> str:
    cells = [item.name, f"`{item.where}`", item.command]
    for size, root in roots.items():
        print(f"[benchmarks] {item.where} at N={size:,}", file=sys.stderr, flush=True)
        measured = measure(item, root, code, pairs, workdir)
        saved = [without - with_it for with_it, without in measured]
        share = statistics.median(saved) / statistics.median(without for _, without in measured)
        each = ", ".join(f"{with_it:.2f}/{without:.2f}" for with_it, without in measured)
        cells.append(f"{statistics.median(saved):+.3f} s, {share:+.0%} (with/without: {each})")
    return f"| {' | '.join(cells)} |"


if __name__ == "__main__":
    sys.exit(main())

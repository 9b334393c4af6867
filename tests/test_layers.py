"""The stages' layers hold, every module has its layer, and no import cycle exists of any kind."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
from conftest import REPO

PACKAGE = "generator"
#: Entry points that sit above every layer: the package's public face and `python -m generator`.
ENTRY_POINTS = {"generator", "generator.__main__"}


def declared_layers() -> list[set[str]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    return [{name.strip() for name in layer.replace(":", "|").split("|")} for layer in contract["layers"]]


def test_the_layers_contract_is_kept() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_every_module_is_in_a_layer_and_every_layer_is_a_stage() -> None:
    graph = grimp.build_graph(PACKAGE, cache_dir=None)
    layered = set().union(*declared_layers())
    assert {_layer_of(module) for module in graph.modules - ENTRY_POINTS} == layered
    packages = {path.parent.name for path in (REPO / PACKAGE).glob("*/__init__.py")}
    assert {f"{PACKAGE}.{name}" for name in packages} <= layered


def _layer_of(module: str) -> str:
    """A module's layer: its stage package, or the module itself at the package's top."""
    return ".".join(module.split(".")[:2])


#: Lines a module may hold at most: past it, a module holds more than one job.
MAX_MODULE_LINES = 450


def test_no_module_holds_more_than_one_job_s_worth_of_lines() -> None:
    sizes = {
        str(path.relative_to(REPO)): len(path.read_text(encoding="utf-8").splitlines())
        for path in (REPO / PACKAGE).rglob("*.py")
    }
    assert {path: lines for path, lines in sizes.items() if lines > MAX_MODULE_LINES} == {}


def test_each_stage_says_what_it_owns_and_what_it_may_import() -> None:
    for init in (REPO / PACKAGE).glob("*/__init__.py"):
        text = init.read_text(encoding="utf-8")
        assert text.startswith('"""') and "Imports " in text, f"{init.relative_to(REPO)} has no docstring saying so"


def test_no_import_cycle() -> None:
    """Counting imports inside functions and under TYPE_CHECKING, as grimp reads them."""
    graph = grimp.build_graph(PACKAGE, cache_dir=None)
    cycles = [cycle for module in sorted(graph.modules) if (cycle := _cycle_through(graph, module))]
    assert cycles == []


def _cycle_through(graph: grimp.ImportGraph, start: str) -> list[str] | None:
    """A chain of imports from `start` back to itself, if there is one."""
    pending = [(start, [start])]
    seen: set[str] = set()
    while pending:
        module, chain = pending.pop()
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported == start:
                return [*chain, start]
            if imported not in seen:
                seen.add(imported)
                pending.append((imported, [*chain, imported]))
    return None

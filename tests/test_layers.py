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


def test_every_module_has_a_layer() -> None:
    graph = grimp.build_graph(PACKAGE, cache_dir=None)
    layered = set().union(*declared_layers())
    assert graph.modules - ENTRY_POINTS == layered


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

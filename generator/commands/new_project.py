"""`briefing init`: a new, minimal briefing project that builds as it is.

The project is a folder of ordinary files shipped as package data
(generator/commands/project_template/), copied verbatim: what a new maintainer starts
from can be read, diffed and tested like any other file in the repository.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from ..data.schemas import write_generated
from ..errors import BriefingError

TEMPLATE = "project_template"


def init_project(target: Path) -> list[Path]:
    """Copy the project template into `target` (new or empty); returns the files written.

    The JSON Schemas the content files point their editors at are generated from
    the models, as `briefing schemas` does, rather than shipped: copies would age.
    """
    _refuse_occupied(target)
    target.mkdir(parents=True, exist_ok=True)
    copied = list(_copy_tree(files(__package__) / TEMPLATE, target))
    return copied + [target / path for path in write_generated(target)]


def _refuse_occupied(target: Path) -> None:
    """Never mix a new project into existing files: a folder that holds anything is refused."""
    if target.exists() and not target.is_dir():
        raise BriefingError(f"{target} is a file; give a new or empty folder")
    if target.is_dir() and any(target.iterdir()):
        raise BriefingError(f"{target} is not empty; give a new or empty folder")


def _copy_tree(source: Traversable, target: Path) -> Iterator[Path]:
    """Copy byte for byte; Traversable rather than paths, so a zipped install works too."""
    for item in sorted(source.iterdir(), key=lambda entry: entry.name):
        destination = target / item.name
        if item.is_dir():
            destination.mkdir(exist_ok=True)
            yield from _copy_tree(item, destination)
        else:
            destination.write_bytes(item.read_bytes())
            yield destination

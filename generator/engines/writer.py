"""`briefing generate --out DIR`: the generated pages as plain files for any Markdown site tool."""

from __future__ import annotations

import datetime
from pathlib import Path

from ..data.publish import site_files
from ..errors import BriefingError
from ..pipeline import Project, Session
from ..render.theme import theme_files
from ..render.urls import page_url


def write_generated(project: Project, out_dir: Path, as_of: datetime.date | None = None) -> list[Path]:
    """Write every page, data file and theme file into a new or empty `out_dir`; returns the files written."""
    out_dir = out_dir.resolve()
    _refuse(project, out_dir)
    briefing, pages = Session(project).generate(as_of)
    return write_files({**pages, **site_files(briefing, page_url, site_url=None), **theme_files()}, out_dir)


def write_files(files: dict[str, str], out_dir: Path) -> list[Path]:
    """Write {relative path: text} under `out_dir`, never outside it and never over a file; returns the paths."""
    written = []
    for relative, text in sorted(files.items()):
        path = (out_dir / relative).resolve()
        if not path.is_relative_to(out_dir):
            raise BriefingError(f"refusing to write {relative} outside {out_dir}")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8") as file:  # "x": never overwrite
                file.write(text)
        except OSError as error:  # a failed write names no file: name the one it was
            raise OSError(error.errno, error.strerror, str(path)) from None
        written.append(path)
    return written


def _refuse(project: Project, out_dir: Path) -> None:
    if project.root.is_relative_to(out_dir) or any(out_dir.is_relative_to(d) for d in project.watched_dirs):
        raise BriefingError(f"refusing to write into {out_dir}: it holds the project's own files", exit_code=2)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise BriefingError(f"{out_dir} is not an empty folder; give a new or empty one", exit_code=1)

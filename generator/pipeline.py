"""The one module that knows the order of the stages: load -> validate -> render."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem
from .load import load_content
from .model import Briefing
from .render import render_pages
from .validate import validate


@dataclass(frozen=True)
class Project:
    """A briefing project: the folder holding mkdocs.yml, laid out as the design fixes."""

    root: Path

    @classmethod
    def from_config_file(cls, config_file: str | Path) -> Project:
        return cls(Path(config_file).resolve().parent)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def site_config_dir(self) -> Path:
        return self.root / "site_config"

    @property
    def templates_dir(self) -> Path:
        """Templates here override the generator's own, file name for file name."""
        return self.site_config_dir / "templates"

    @property
    def loaded_words_file(self) -> Path:
        """Words the briefing's own voice must not use unattributed; maintainers extend it."""
        return self.site_config_dir / "loaded-words.txt"

    @property
    def watched_dirs(self) -> tuple[Path, ...]:
        """What a live preview watches for changes."""
        return (self.content_dir, self.seeds_dir, self.site_config_dir)


Checked = tuple[Briefing | None, list[Problem]]
_last_check: dict[tuple[object, ...], Checked] = {}


def check(project: Project) -> Checked:
    """Load and validate the project's content; the briefing is None when there are problems.

    The result is kept for as long as no file it was made from changes (path, size,
    modification time): `briefing build` checks before MkDocs runs the plugin,
    which then need not load and validate everything again.
    """
    key = _fingerprint(project)
    if key not in _last_check:
        raw = load_content(project.root, project.content_dir, project.seeds_dir, project.loaded_words_file)
        _last_check.clear()
        _last_check[key] = validate(raw)
    briefing, problems = _last_check[key]
    return briefing, list(problems)


def _fingerprint(project: Project) -> tuple[object, ...]:
    files = [project.loaded_words_file]
    for folder in (project.content_dir, project.seeds_dir):
        files.extend(sorted(folder.rglob("*")) if folder.is_dir() else [])
    return (project.root, *((str(path), _stat(path)) for path in files))


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


def generate(project: Project) -> dict[str, str]:
    """The site's Markdown pages; raises ContentError listing every problem."""
    return generate_briefing(project)[1]


def generate_briefing(project: Project) -> tuple[Briefing, dict[str, str]]:
    """The validated briefing and its Markdown pages; raises ContentError listing every problem."""
    briefing, problems = check(project)
    if briefing is None:
        raise ContentError(problems)
    return briefing, render_pages(briefing, (project.templates_dir,))

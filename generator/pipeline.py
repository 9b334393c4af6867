"""The one module that knows the order of the stages: load -> validate -> render."""

from __future__ import annotations

import contextlib
import datetime
import gc
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import ContentCache
from .editions import edition, to_review, unseen
from .errors import ContentError, Problem
from .kinds import BY_NAME
from .load import RawContent, load_content
from .model import Briefing, Entity, Tally
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
    def aliases_file(self) -> Path:
        """Names that mean the same ("U.S. = United States"), for the check of facts' details; maintainers extend it."""
        return self.site_config_dir / "aliases.txt"

    @property
    def watched_dirs(self) -> tuple[Path, ...]:
        """What a live preview watches for changes."""
        return (self.content_dir, self.seeds_dir, self.site_config_dir)


Checked = tuple[Briefing | None, list[Problem]]
_caches: dict[Path, ContentCache] = {}
_last_check: dict[str, Checked] = {}
_editions: dict[tuple[str, datetime.date], Briefing] = {}


@contextlib.contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Run loading, validation and the edition with the cyclic garbage collector paused, as it was before afterwards.

    They build millions of small objects and free almost none until they
    return; the collector, triggered by allocations, would walk them again and
    again: 43% of checking 10,000 entities (see benchmarks/README.md). Working
    out an edition walks them all once more: 1.76 s with the collector, 0.25 s
    without, at 10,000 entities.
    Rendering gains nothing measurable from it, so it runs as usual.
    Reference counting still frees whatever is not in a cycle.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check(project: Project, as_of: datetime.date | None = None) -> Checked:
    """Load and validate the project's content; the briefing is None when there are problems.

    The briefing is its edition of `as_of` (editions.py), by default of its own as-of date;
    a date before every source raises BriefingError.

    Files are read only where their stamp changed, and parsed and quotes searched
    for only where their text changed, since the last run (see cache.py). The
    whole result is kept while nothing read changes: `briefing build` checks
    before MkDocs runs the plugin, which then need not validate everything again.
    """
    cache = _cache_for(project)
    paths = (project.root, project.content_dir, project.seeds_dir, project.loaded_words_file, project.aliases_file)
    with _cycle_collection_paused():
        raw = load_content(*paths, cache)
        key = _content_key(raw)
        if key not in _last_check:
            _last_check.clear()
            _last_check[key] = _validated(raw, cache)
            cache.save()
        briefing, problems = _last_check[key]
        if briefing is None:
            return None, list(problems)
        day = as_of or briefing.as_of
        if (key, day) not in _editions:
            _editions.clear()
            _editions[(key, day)] = edition(briefing, day)
    return _editions[(key, day)], list(problems)


def _validated(raw: RawContent, cache: ContentCache) -> Checked:
    briefing, problems = validate(raw, cache)
    if briefing is not None:
        problems += [_unseen_warning(entity) for entity in unseen(briefing)]
    return briefing, problems


def _unseen_warning(entity: Entity[Any]) -> Problem:
    what = BY_NAME[entity.kind].singular
    message = (
        f"no edition shows this {what}: none of its facts is cited yet, and nothing cited names it; "
        f"cite a fact about it, or name it from a fact, goal, question or meeting"
    )
    return Problem(entity.path, 1, 1, "in-no-edition", message, severity="warning")


def check_tally(project: Project, as_of: datetime.date | None = None) -> tuple[Tally | None, list[Problem]]:
    """What `briefing check` reports: every problem, and what the briefing holds when there are none."""
    briefing, problems = check(project, as_of)
    return (None if briefing is None else Tally.of(briefing, len(to_review(briefing)))), problems


def _cache_for(project: Project) -> ContentCache:
    if project.root not in _caches:  # read from disk once per process; a preview session keeps it in memory
        _caches[project.root] = ContentCache.for_project(project.root)
    return _caches[project.root]


def _content_key(raw: RawContent) -> str:
    """A digest of everything validation reads: every text (by its digest), and every problem met reading them."""
    digest = hashlib.blake2b(digest_size=16)
    parts = [
        *(f"{record.path}\0{record.digest}" for record in raw.records),
        *(f"{name}\0{text}" for name, text in raw.seeds.items()),
        *raw.loaded_words,
        *(" = ".join(group) for group in raw.aliases),
        *map(repr, raw.problems),
    ]
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0\1")
    return digest.hexdigest()


def generate(project: Project, as_of: datetime.date | None = None) -> dict[str, str]:
    """The site's Markdown pages; raises ContentError listing every problem."""
    return generate_briefing(project, as_of)[1]


def generate_briefing(project: Project, as_of: datetime.date | None = None) -> tuple[Briefing, dict[str, str]]:
    """The validated briefing and its Markdown pages; raises ContentError listing every problem."""
    # Imported here, not above: `briefing check` never renders, and Jinja takes a while to import.
    from .render import render_pages

    briefing, problems = check(project, as_of)
    if briefing is None:
        raise ContentError(problems)
    return briefing, render_pages(briefing, (project.templates_dir,))

"""The one module that knows the order of the stages: load -> validate -> render."""

from __future__ import annotations

import contextlib
import datetime
import gc
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .check.validate import validate
from .content.editions import edition, to_review, unseen
from .content.kinds import BY_NAME
from .content.model import Briefing, Entity, Tally
from .content.schema import EntityFile
from .errors import ContentError, Problem
from .read.cache import ContentCache
from .read.load import load_content
from .read.records import RawContent

if TYPE_CHECKING:
    import jinja2


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
    def watched_dirs(self) -> tuple[Path, ...]:
        """What a live preview watches for changes."""
        return (self.content_dir, self.seeds_dir, self.site_config_dir)


Checked = tuple[Briefing | None, list[Problem]]


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


class Session:
    """One run of the generator over a project, and what it keeps from one check to the next.

    A command makes one. `briefing build` hands its session to the engine, so the build reuses the check's
    result; a live preview keeps one for as long as it serves, so a rebuild after an edit reads, parses and
    searches for quotes only where the edit changed something.
    """

    def __init__(self, project: Project) -> None:
        self.project = project
        self.cache = ContentCache.for_project(project.root)
        """What a run learnt, read from disk once per session and kept in memory while it lasts (see cache.py)."""
        self._validated: tuple[str, Checked] | None = None
        """The last validation, by a digest of everything it read."""
        self._edition: tuple[tuple[str, datetime.date], Briefing] | None = None
        self._environment: jinja2.Environment | None = None
        """The templates, compiled once a session: compiling them is most of rendering's cost."""

    def check(self, as_of: datetime.date | None = None) -> Checked:
        """Load and validate the project's content; the briefing is None when there are problems.

        The briefing is its edition of `as_of` (editions.py), by default of its own as-of date; a date before
        every source raises BriefingError. Files are read only where their stamp changed, and parsed and quotes
        searched for only where their text changed, since the last run (see cache.py); the whole result is kept
        while nothing read changes.
        """
        project = self.project
        paths = (project.root, project.content_dir, project.seeds_dir, project.site_config_dir)
        with _cycle_collection_paused():
            raw = load_content(*paths, self.cache)
            key = _content_key(raw)
            if self._validated is None or self._validated[0] != key:
                self._validated = key, _validated(raw, self.cache)
                self.cache.save()
            briefing, problems = self._validated[1]
            if briefing is None:
                return None, list(problems)
            day = as_of or briefing.as_of
            if self._edition is None or self._edition[0] != (key, day):
                self._edition = (key, day), edition(briefing, day)
        return self._edition[1], list(problems)

    def generate(self, as_of: datetime.date | None = None) -> tuple[Briefing, dict[str, str]]:
        """The validated briefing and its Markdown pages; raises ContentError listing every problem."""
        # Imported here, not above: `briefing check` never renders, and Jinja takes a while to import.
        from .render.pages import render_pages
        from .render.templating import environment_for

        briefing, problems = self.check(as_of)
        if briefing is None:
            raise ContentError(problems)
        if self._environment is None:
            self._environment = environment_for((self.project.templates_dir,))
        return briefing, render_pages(briefing, self._environment)


def check(project: Project, as_of: datetime.date | None = None) -> Checked:
    """`Session.check` of a session of its own."""
    return Session(project).check(as_of)


def _validated(raw: RawContent, cache: ContentCache) -> Checked:
    briefing, problems = validate(raw, cache)
    if briefing is not None:
        problems += [_unseen_warning(entity) for entity in unseen(briefing)]
    return briefing, problems


def _unseen_warning(entity: Entity[EntityFile]) -> Problem:
    what = BY_NAME[entity.kind].singular
    message = (
        f"no edition shows this {what}: none of its facts is cited yet, and nothing cited names it; "
        f"cite a fact about it, or name it from a fact, goal, question or meeting"
    )
    return Problem(entity.path, 1, 1, "in-no-edition", message, severity="warning")


def check_tally(session: Session, as_of: datetime.date | None = None) -> tuple[Tally | None, list[Problem]]:
    """What `briefing check` reports: every problem, and what the briefing holds when there are none."""
    briefing, problems = session.check(as_of)
    return (None if briefing is None else Tally.of(briefing, len(to_review(briefing)))), problems


def _content_key(raw: RawContent) -> str:
    """A digest of everything validation reads: every text (by its digest), and every problem met reading them."""
    digest = hashlib.blake2b(digest_size=16)
    parts = [
        *(f"{record.path}\0{record.digest}" for record in raw.records),
        *(f"{name}\0{text}" for name, text in raw.seeds.items()),
        *(f"{name}\0{entry}" for name, listed in raw.word_lists.items() for entry in listed),
        *(" = ".join(group) for group in raw.aliases),
        *map(repr, raw.problems),
    ]
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0\1")
    return digest.hexdigest()


def generate(project: Project, as_of: datetime.date | None = None) -> dict[str, str]:
    """The site's Markdown pages, by a session of its own; raises ContentError listing every problem."""
    return Session(project).generate(as_of)[1]

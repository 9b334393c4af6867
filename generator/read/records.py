"""A content file as plain data before any schema applies, with positions looked up only when a message needs one."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..content.fields import Location
from ..errors import Problem
from .cache import text_digest
from .files import read_again
from .yaml_nodes import positions_of

#: What `briefing new` fills required fields with; validation reports any left in place.
PLACEHOLDER_TEXT = "REPLACE WITH"
PLACEHOLDER_DATE = "0001-01-01"


@dataclass
class RawRecord:
    """One content file as plain data, before any schema is applied."""

    kind: str
    """'briefing' or the folder name under content/ ('participants', ...)."""
    id: str
    """The file stem, which is the entity's id."""
    path: PurePosixPath
    """Path relative to the project root, for messages."""
    data: Any
    """Parsed value, or None when the file could not be read or parsed."""
    digest: str = field(default="", repr=False)
    """Digest of the YAML text (cache.text_digest): runs compare these to tell whether it changed."""
    file: str | Path | None = field(default=None, repr=False)
    """Where the text is, when the cache vouched for the data and the file was not read."""
    _text: str | None = field(default=None, init=False, repr=False)
    _positions: dict[Location, tuple[int, int]] | None = field(default=None, init=False, repr=False)

    @property
    def text(self) -> str:
        """The YAML text, parsed again for positions when a problem needs one."""
        if self._text is None:
            self._text = read_again(self.file)
        return self._text

    @text.setter
    def text(self, text: str) -> None:
        self._text, self.digest = text, text_digest(text)

    @property
    def positions(self) -> dict[Location, tuple[int, int]]:
        """(line, column) of each mapping key and sequence item, keyed by its location."""
        if self._positions is None:
            self._positions = positions_of(self.text)
        return self._positions

    def position(self, location: Location) -> tuple[int, int]:
        """Position of the nearest enclosing value that has one."""
        positions = self.positions
        while location not in positions and location:
            location = location[:-1]
        return positions.get(location, (1, 1))


@dataclass
class RawContent:
    """Everything read from disk, and every problem met reading it."""

    records: list[RawRecord]
    seeds: dict[str, str]
    """Seed file name -> text, for every readable seed."""
    problems: list[Problem]
    content_dir: PurePosixPath
    """The content folder, relative to the project root."""
    word_lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """A word list's file name -> the project's entries, which extend the built-in list (content/word_lists.py)."""
    aliases: tuple[tuple[str, ...], ...] = ()
    """The project's groups of names that mean the same, which extend the built-in groups."""

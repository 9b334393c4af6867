"""What `check` learnt on its last run, kept so that the next one redoes only what changed.

Two things are kept: the plain data each content file parsed to, and where each
quote was found in its source. Both are keyed by a digest of the text they came
from (the file, or the seed and the quote). A file whose stamp (inode, size,
modification and change times) is as it was is not even read again, as git and
mypy do; a stamp is kept only for a file left alone for a while, since one
written twice within a tick of the file system's clock can keep its stamp while
its text changes. Everything else, schema and references included, is checked
again on every run, and data taken from the cache goes through the same
validation as freshly parsed data.

The cache lives outside the project, in the user's cache folder
($BRIEFING_CACHE_DIR, else $XDG_CACHE_HOME/briefing, else ~/.cache/briefing),
one JSON file per project; BRIEFING_CACHE=off turns it off. JSON, not pickle:
reading a cache must never run code. A cache that is missing, unreadable, of
another generator version or malformed is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content.texts import QuoteMatch

_FORMAT = 3
#: The modules whose results the cache keeps, relative to the package: a change to any of them makes it stale.
_CODE = ("read/load.py", "read/yaml_nodes.py", "read/records.py", "check/quotes.py", "read/cache.py")
SAVE_EVERY = 100
"""The cache file is rewritten when at least one entry in this many changed."""
SETTLED_NS = 2_000_000_000
"""A file unchanged for this long has a stamp its next change is sure to alter (coarse clocks tick in 2 s)."""
Stamp = tuple[int, int, int, int]


def stamp_of(info: os.stat_result) -> Stamp | None:
    """What tells that a file is unchanged without reading it; None while it was changed too recently to tell."""
    if max(info.st_mtime_ns, info.st_ctime_ns) > time.time_ns() - SETTLED_NS:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


@dataclass(frozen=True)
class Parsed:
    """What a file's text parsed to, and what load noted about the text."""

    digest: str
    data: Any


@dataclass
class CacheUse:
    """What a run learnt and used: what a save keeps."""

    used_files: set[str] = field(default_factory=set)
    used_quotes: set[tuple[str, str]] = field(default_factory=set)


@functools.cache
def _version() -> str:
    """Changes whenever the code whose results are kept does, so a stale cache is never used."""
    digest = hashlib.sha256(f"{_FORMAT} {yaml.__version__} {getattr(yaml, '__with_libyaml__', False)}".encode())
    for name in _CODE:
        digest.update((Path(__file__).parent.parent / name).read_bytes())
    return digest.hexdigest()[:16]


def text_digest(text: str) -> str:
    """A short digest of a text, for telling whether it changed."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class ContentCache:
    """Parsed files and found quotes, in memory and, when given a file, on disk between runs."""

    def __init__(self, file: Path | None = None) -> None:
        self.file = file
        self._files: dict[str, tuple[Parsed, Stamp | None]] = {}
        # Spans as JSON gives them back, [[[start, end], ...], ...] per quote: turned into
        # matches only when looked up, as most of a large cache is never needed by one run.
        self._quotes: dict[str, dict[str, list[list[list[int]]]]] = {}
        self._learnt = 0
        self._run = CacheUse()
        """What this run learnt and used: what a save keeps."""
        if file is not None:
            self._read(file)

    @classmethod
    def for_project(cls, root: Path) -> ContentCache:
        """The project's cache in the user's cache folder, or one in memory only if caching is off."""
        folder = cache_dir()
        name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
        return cls(folder / f"{name}.json" if folder else None)

    def unchanged(self, path: str, stamp: Stamp | None) -> Parsed | None:
        """What the file at `path` parsed to, if its stamp shows it unchanged since."""
        kept = self._files.get(path)
        if stamp is None or kept is None or kept[1] != stamp:
            return None
        self._run.used_files.add(path)
        return kept[0]

    def parsed(self, path: str, digest: str, stamp: Stamp | None) -> Parsed | None:
        """What the text with this digest parsed to when last read at `path`; its new stamp is kept."""
        kept = self._files.get(path)
        if kept is None or kept[0].digest != digest:
            return None
        if stamp != kept[1]:
            self._files[path] = (kept[0], stamp)
            self._learnt += 1
        self._run.used_files.add(path)
        return kept[0]

    def keep_parsed(self, path: str, parsed: Parsed, stamp: Stamp | None) -> None:
        self._files[path] = (parsed, stamp)
        self._run.used_files.add(path)
        self._learnt += 1

    def quote(self, seed_digest: str, quote: str) -> list[QuoteMatch] | None:
        """Where the quote was found in the seed with this digest, or None if not known."""
        kept = self._quotes.get(seed_digest, {}).get(quote)
        if kept is None:
            return None
        try:
            found = [QuoteMatch(_spans(match)) for match in kept]
        except (TypeError, ValueError):
            return None  # a malformed entry: find the quote again, and keep what is found instead
        self._run.used_quotes.add((seed_digest, quote))
        return found

    def keep_quote(self, seed_digest: str, quote: str, matches: list[QuoteMatch]) -> None:
        spans = [[list(span) for span in match.spans] for match in matches]
        self._quotes.setdefault(seed_digest, {})[quote] = spans
        self._run.used_quotes.add((seed_digest, quote))
        self._learnt += 1

    def save(self) -> None:
        """Write what this run used (and nothing it did not), when that differs enough from the file.

        The file is rewritten whole, which at 10,000 entries costs more than parsing
        a hundred files again; so a run that learnt or dropped less than one entry
        in a hundred leaves it as it is, and the next run redoes those few.
        """
        run, self._run = self._run, CacheUse()
        if self.file is None:
            return
        entries = len(self._files) + sum(map(len, self._quotes.values()))
        changed = self._learnt + entries - len(run.used_files) - len(run.used_quotes)
        if not changed or changed * SAVE_EVERY < entries:
            return
        self._files = {path: kept for path, kept in self._files.items() if path in run.used_files}
        self._quotes = {
            seed: kept
            for seed, quotes in self._quotes.items()
            if (kept := {quote: found for quote, found in quotes.items() if (seed, quote) in run.used_quotes})
        }
        files = {path: [parsed.digest, parsed.data, stamp] for path, (parsed, stamp) in self._files.items()}
        document = {"version": _version(), "files": files, "quotes": self._quotes}
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            _write_atomically(self.file, json.dumps(document, ensure_ascii=False, separators=(",", ":")))
        self._learnt = 0

    def _read(self, file: Path) -> None:
        try:
            document = json.loads(file.read_text(encoding="utf-8"))
            if document.get("version") != _version():
                return
            files = {
                path: (Parsed(digest, data), _stamp(stamp))
                for path, (digest, data, stamp) in document["files"].items()
                if isinstance(digest, str)
            }
            quotes = {seed: kept for seed, kept in document["quotes"].items() if isinstance(kept, dict)}
        except (OSError, ValueError, TypeError, AttributeError, KeyError):
            return  # missing, unreadable or malformed: start afresh
        self._files, self._quotes = files, quotes


def _stamp(kept: Any) -> Stamp | None:
    if kept is None:
        return None
    if len(kept) != 4 or not all(type(number) is int for number in kept):
        raise ValueError("malformed stamp")
    return (kept[0], kept[1], kept[2], kept[3])


def _spans(match: Sequence[Sequence[int]]) -> tuple[tuple[int, int], ...]:
    spans = tuple((start, end) for start, end in match)
    if not spans or not all(type(start) is int and type(end) is int and 0 <= start < end for start, end in spans):
        raise ValueError("malformed span")
    return spans


def cache_dir() -> Path | None:
    """Where caches are kept; None when BRIEFING_CACHE=off."""
    if os.environ.get("BRIEFING_CACHE", "").lower() == "off":
        return None
    if explicit := os.environ.get("BRIEFING_CACHE_DIR"):
        return Path(explicit)
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(home) / "briefing"


def _write_atomically(file: Path, text: str) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=file.parent, suffix=".tmp", delete=False) as out:
        out.write(text)
    try:
        os.replace(out.name, file)
    except OSError:
        os.unlink(out.name)
        raise

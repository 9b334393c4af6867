"""Read content/ and seeds/: every content file becomes a raw record, parsed only where its text changed.

This stage knows the folder layout but nothing of the schema.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..content.kinds import BY_NAME, KINDS
from ..content.word_lists import ALIASES, PHRASE_LISTS
from ..errors import Problem
from .cache import ContentCache, Parsed, stamp_of
from .files import (
    FILE_TOO_LARGE_FIX,
    MAX_FILE_BYTES,
    InsideProject,
    decoded,
    file_problem,
    project_path,
    read_alias_groups,
    read_seeds,
    read_word_list,
    regular_file,
)
from .records import RawContent, RawRecord
from .yaml_nodes import parse_yaml

YAML_SUFFIXES = (".yml", ".yaml")
BRIEFING_STEM = "briefing"
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def load_content(
    root: Path,
    content_dir: Path,
    seeds_dir: Path,
    site_config_dir: Path | None = None,
    cache: ContentCache | None = None,
) -> RawContent:
    """Read every content file, every seed and the project's editorial word lists under the project root.

    With a cache, a file whose text is unchanged since it was last parsed is not parsed again.
    """
    problems: list[Problem] = []
    files = list(content_files(root, content_dir, problems))
    inside = InsideProject(root)
    records = [read_record(root, path, kind, problems, inside, cache) for path, kind in files]
    seeds = read_seeds(root, seeds_dir, problems, inside)
    raw = RawContent(records, seeds, problems, project_path(root, content_dir))
    if site_config_dir is not None:
        raw.word_lists = {
            word_list.file_name: read_word_list(root, site_config_dir / word_list.file_name, problems, inside)
            for word_list in PHRASE_LISTS
        }
        raw.aliases = read_alias_groups(root, site_config_dir / ALIASES.file_name, problems, inside)
    return raw


def content_files(root: Path, content_dir: Path, problems: list[Problem]) -> Iterator[tuple[str | Path, str]]:
    """(path, kind) of every content file, in the order they are checked; a misplaced file is a problem."""
    if not content_dir.is_dir():
        problems.append(file_problem(root, content_dir, "missing-folder", "content folder not found"))
        return
    for path in sorted(content_dir.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir() and path.name in BY_NAME:
            # Paths as text, not Path objects: a large briefing has thousands, and pathlib's parsing
            # of each would cost more than reading it.
            folder = str(path)
            yield from (
                (os.path.join(folder, name), path.name) for name in sorted(os.listdir(folder)) if _is_yaml_name(name)
            )
        elif path.is_file() and path.stem == BRIEFING_STEM and _is_yaml(path):
            yield path, BRIEFING_STEM
        elif _is_yaml(path) or path.is_dir():
            expected = ", ".join(f"{kind.name}/" for kind in KINDS)
            message = f"unexpected {'folder' if path.is_dir() else 'file'}: content holds briefing.yml and {expected}"
            problems.append(file_problem(root, path, "unexpected-file", message))


def _is_yaml(path: Path) -> bool:
    return _is_yaml_name(path.name)


def _is_yaml_name(name: str) -> bool:
    return name.endswith(YAML_SUFFIXES) and not name.startswith(".")


def read_record(
    root: Path,
    path: str | Path,
    kind: str,
    problems: list[Problem],
    inside: InsideProject | None = None,
    cache: ContentCache | None = None,
) -> RawRecord:
    """Parse one YAML file; problems are appended, and data is None if it could not be read.

    With a cache, a file whose stamp shows it unchanged is not read, and one whose
    text is unchanged is not parsed.
    """
    record = unread_record(root, path, kind)
    relative = record.path
    found = regular_file(path, relative, MAX_FILE_BYTES, FILE_TOO_LARGE_FIX, problems, inside or InsideProject(root))
    if found is None:
        return record
    resolved, info = found
    stamp = stamp_of(info) if cache else None
    kept = cache.unchanged(str(relative), stamp) if cache else None
    if kept is not None:
        record.file = resolved  # read only if a message needs a position in it
        record.digest, record.data = kept.digest, kept.data
        return record
    text = decoded(resolved, relative, problems, info.st_size)
    if text is None:
        return record
    record.text = text
    kept = cache.parsed(str(relative), record.digest, stamp) if cache else None
    if kept is not None:
        record.data = kept.data
        return record
    met: list[Problem] = []
    parse_record(record, text, met)
    if cache and not met:
        cache.keep_parsed(str(relative), Parsed(record.digest, record.data), stamp)
    problems.extend(met)
    return record


def parse_record(record: RawRecord, text: str, problems: list[Problem]) -> None:
    """Fill in `record.data` from YAML text; problems are appended."""
    if record._text is not text:  # read_record has noted this text's digest already
        record.text = text
    record.data, found = parse_yaml(record.path, text)
    problems.extend(found)


def unread_record(root: Path, path: str | Path, kind: str) -> RawRecord:
    """The record of a content file, before it is read: its kind, id and path."""
    relative = project_path(root, path)
    return RawRecord(kind=kind, id=relative.stem, path=relative, data=None)

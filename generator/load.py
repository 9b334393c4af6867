"""Read content/ and seeds/ from disk: YAML files become raw records with positions.

This stage knows the folder layout but nothing of the schema. YAML is parsed
to a node tree (libyaml's C parser where available) and converted to plain
values by hand, so that every value keeps its line and column, duplicate keys
are caught, and no tag beyond plain data can construct anything.
"""

from __future__ import annotations

import errno
import os
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .errors import Problem

YAML_SUFFIXES = (".yml", ".yaml")
BRIEFING_STEM = "briefing"
KIND_FOLDERS = ("sources", "participants", "goals", "questions", "events")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_FILE_BYTES = 2 * 1024 * 1024
#: A source's whole text is indexed for quotes and shown on one page: past this, time and memory grow too large.
MAX_SEED_BYTES = 2 * 1024 * 1024
SEED_TOO_LARGE_FIX = "a source's whole text is shown on one page, so file the part of the document the briefing cites"
MAX_DEPTH = 64

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = yaml.constructor.SafeConstructor()
_TAG = "tag:yaml.org,2002:"
_SCALAR_BUILDERS = {
    _TAG + "str": lambda node: node.value,
    # Dates stay text: the schema parses them, so an impossible date is reported
    # like any other bad value instead of failing inside the YAML library.
    _TAG + "timestamp": lambda node: node.value,
    _TAG + "null": _SCALARS.construct_yaml_null,
    _TAG + "bool": _SCALARS.construct_yaml_bool,
    _TAG + "int": _SCALARS.construct_yaml_int,
    _TAG + "float": _SCALARS.construct_yaml_float,
}

Location = tuple[str | int, ...]


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
    positions: dict[Location, tuple[int, int]] = field(default_factory=dict)
    """(line, column) of each mapping key and sequence item, keyed by its location."""

    def position(self, location: Location) -> tuple[int, int]:
        """Position of the nearest enclosing value that has one."""
        while location not in self.positions and location:
            location = location[:-1]
        return self.positions.get(location, (1, 1))


@dataclass
class RawContent:
    """Everything read from disk, and every problem met reading it."""

    records: list[RawRecord]
    seeds: dict[str, str]
    """Seed file name -> text, for every readable seed."""
    problems: list[Problem]
    content_dir: PurePosixPath
    """The content folder, relative to the project root."""
    loaded_words: tuple[str, ...] = ()
    """Words and phrases the briefing's own voice must not use unattributed."""


def load_content(root: Path, content_dir: Path, seeds_dir: Path, loaded_words_file: Path | None = None) -> RawContent:
    """Read every content file, every seed and the editorial word list under the project root."""
    problems: list[Problem] = []
    records = [read_record(root, path, kind, problems) for path, kind in _content_files(root, content_dir, problems)]
    seeds = read_seeds(root, seeds_dir, problems)
    words = read_word_list(root, loaded_words_file, problems) if loaded_words_file else ()
    return RawContent(records, seeds, problems, _relative(root, content_dir), words)


def read_word_list(root: Path, path: Path, problems: list[Problem]) -> tuple[str, ...]:
    """One word or phrase per line; blank lines and '#' comments are skipped. A missing file is an empty list."""
    if not path.is_file():
        return ()
    text = _read_text(root, path, MAX_FILE_BYTES, problems) or ""
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(line for line in lines if line)


def _content_files(root: Path, content_dir: Path, problems: list[Problem]) -> Iterator[tuple[Path, str]]:
    if not content_dir.is_dir():
        problems.append(_file_problem(root, content_dir, "missing-folder", "content folder not found"))
        return
    for path in sorted(content_dir.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir() and path.name in KIND_FOLDERS:
            yield from ((child, path.name) for child in sorted(path.iterdir()) if _is_yaml(child))
        elif path.is_file() and path.stem == BRIEFING_STEM and _is_yaml(path):
            yield path, BRIEFING_STEM
        elif _is_yaml(path) or path.is_dir():
            expected = ", ".join(f"{name}/" for name in KIND_FOLDERS)
            message = f"unexpected {'folder' if path.is_dir() else 'file'}: content holds briefing.yml and {expected}"
            problems.append(_file_problem(root, path, "unexpected-file", message))


def _is_yaml(path: Path) -> bool:
    return path.suffix in YAML_SUFFIXES and not path.name.startswith(".")


def read_record(root: Path, path: Path, kind: str, problems: list[Problem]) -> RawRecord:
    """Parse one YAML file; problems are appended, and data is None if it could not be read."""
    record = RawRecord(kind=kind, id=path.stem, path=_relative(root, path), data=None)
    text = _read_text(root, path, MAX_FILE_BYTES, problems)
    if text is not None:
        parse_record(record, text, problems)
    return record


def parse_record(record: RawRecord, text: str, problems: list[Problem]) -> None:
    """Fill in `record.data` from YAML text, keeping positions; problems are appended."""
    found: list[Problem] = []
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        found.append(_yaml_problem(record.path, text, error))
    except yaml.reader.ReaderError as error:
        found.append(_reader_problem(record.path, text, error))
    except yaml.YAMLError as error:
        found.append(Problem(record.path, 0, 0, "yaml-syntax", f"invalid YAML: {error}"))
    else:
        data = _NodeConverter(record, found).convert(node) if node is not None else None
        if not found:
            record.data = data
    problems.extend(found)


def read_seeds(root: Path, seeds_dir: Path, problems: list[Problem]) -> dict[str, str]:
    """Text of every seed file, keyed by file name."""
    if not seeds_dir.is_dir():
        return {}
    seeds: dict[str, str] = {}
    for path in sorted(seeds_dir.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        text = _read_text(root, path, MAX_SEED_BYTES, problems, SEED_TOO_LARGE_FIX)
        if text is not None:
            seeds[path.name] = text
    return seeds


def _read_text(
    root: Path,
    path: Path,
    max_bytes: int | None,
    problems: list[Problem],
    too_large_fix: str = "split it into one file per entity",
) -> str | None:
    relative = _relative(root, path)
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError) as error:  # Python 3.11 raises RuntimeError for a symlink loop
        reason = error.strerror if isinstance(error, OSError) else os.strerror(errno.ELOOP)
        problems.append(Problem(relative, 0, 0, "unreadable", f"cannot read file: {reason}"))
        return None
    if not resolved.is_relative_to(root.resolve()):
        problems.append(
            Problem(relative, 0, 0, "outside-project", "links to a file outside the project; copy the file in instead")
        )
        return None
    if not resolved.is_file():
        # A folder named like a file, a pipe or a device: reading it fails or never ends.
        problems.append(Problem(relative, 0, 0, "unreadable", "cannot read file: not a regular file; remove it"))
        return None
    if max_bytes is not None and resolved.stat().st_size > max_bytes:
        size = f"{max_bytes // (1024 * 1024)} MiB"
        problems.append(Problem(relative, 0, 0, "too-large", f"file is larger than {size}; {too_large_fix}"))
        return None
    try:
        data = resolved.read_bytes()
    except OSError as error:
        problems.append(Problem(relative, 0, 0, "unreadable", f"cannot read file: {error.strerror}"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problems.append(Problem(relative, line, col, "not-utf8", "file is not UTF-8 text; save it with UTF-8 encoding"))
        return None


def _relative(root: Path, path: Path) -> PurePosixPath:
    try:
        return PurePosixPath(path.relative_to(root).as_posix())
    except ValueError:
        return PurePosixPath(path.as_posix())


def _file_problem(root: Path, path: Path, code: str, message: str) -> Problem:
    return Problem(_relative(root, path), 0, 0, code, message)


def _reader_problem(path: PurePosixPath, text: str, error: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow, such as a control character, at its line and column."""
    before = text[: error.position]
    if _Loader is not yaml.SafeLoader:  # libyaml counts bytes of the UTF-8 text, PyYAML's reader characters
        before = text.encode()[: error.position].decode(errors="ignore")
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return Problem(path, line, col, "yaml-syntax", f"invalid YAML: {error.reason} (U+{code:04X}); remove it")


def _yaml_problem(path: PurePosixPath, text: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    if mark and error.context_mark and mark.line > text.rstrip().count("\n"):
        mark = error.context_mark  # past the last line: point at the quote or bracket left open instead
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    what = " ".join(part for part in (error.context, error.problem) if part)
    if "tab" in what or "'\\t'" in what:
        what += " (YAML does not allow tabs for indentation; use spaces)"
    return Problem(path, line, col, "yaml-syntax", f"invalid YAML: {what}")


class _NodeConverter:
    """Turns a composed YAML node tree into dicts, lists and scalars, recording positions."""

    def __init__(self, record: RawRecord, problems: list[Problem]) -> None:
        self.record = record
        self.problems = problems
        self.seen: set[int] = set()

    def convert(self, node: yaml.Node, location: Location = (), depth: int = 0) -> Any:
        if id(node) in self.seen:
            # The composer resolves aliases to shared nodes; refusing to visit a node
            # twice rules out alias bombs and keeps every value at one position.
            self._fail(node, "yaml-alias", "anchors and aliases (&, *) are not supported; write the value out")
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self._fail(node, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, location, depth)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, location, depth)
        return self._scalar(typing.cast(yaml.ScalarNode, node))

    def _mapping(self, node: yaml.MappingNode, location: Location, depth: int) -> dict[str, Any] | None:
        if node.tag != _TAG + "map":
            self._fail(node, "yaml-tag", f"unsupported YAML tag {node.tag!r}; remove it")
            return None
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _TAG + "str":
                self._fail(key_node, "yaml-key", "field names must be plain text")
                continue
            key = key_node.value
            if key in result:
                line, _ = self.record.positions[(*location, key)]
                self._fail(key_node, "duplicate-key", f"duplicate field '{key}' (first given on line {line}); keep one")
                continue
            self.record.positions[(*location, key)] = _mark(key_node)
            result[key] = self.convert(value_node, (*location, key), depth + 1)
        return result

    def _sequence(self, node: yaml.SequenceNode, location: Location, depth: int) -> list[Any] | None:
        if node.tag != _TAG + "seq":
            self._fail(node, "yaml-tag", f"unsupported YAML tag {node.tag!r}; remove it")
            return None
        items = []
        for index, item in enumerate(node.value):
            self.record.positions[(*location, index)] = _mark(item)
            items.append(self.convert(item, (*location, index), depth + 1))
        return items

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        build = _SCALAR_BUILDERS.get(node.tag)
        if build is None:
            self._fail(
                node,
                "yaml-tag",
                f"unsupported YAML tag {node.tag!r}; only plain text, numbers, true/false and dates are allowed",
            )
            return None
        return build(node)

    def _fail(self, node: yaml.Node, code: str, message: str) -> None:
        """Record a problem; the value in its place becomes None (the file is rejected anyway)."""
        line, col = _mark(node)
        self.problems.append(Problem(self.record.path, line, col, code, message))


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1

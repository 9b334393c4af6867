"""Read content/ and seeds/ from disk: YAML files become raw records with positions.

This stage knows the folder layout but nothing of the schema. YAML is parsed
to a node tree (libyaml's C parser where available) and converted to plain
values by hand, so that duplicate keys are caught and no tag beyond plain data
can construct anything. Lines and columns are looked up only when a problem is
reported: recording one for every key of every file would cost more than the
parse in a large briefing.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .cache import ContentCache, Parsed, stamp_of, text_digest
from .errors import Problem, fault_fix
from .kinds import BY_NAME, KINDS

YAML_SUFFIXES = (".yml", ".yaml")
BRIEFING_STEM = "briefing"
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_FILE_BYTES = 2 * 1024 * 1024
#: A source's whole text is indexed for quotes and shown on one page: past this, time and memory grow too large.
MAX_SEED_BYTES = 2 * 1024 * 1024
SEED_TOO_LARGE_FIX = "a source's whole text is shown on one page, so file the part of the document the briefing cites"
FILE_TOO_LARGE_FIX = "split it into one file per entity"
MAX_DEPTH = 64
READ_CHUNK = 64 * 1024
TOO_DEEP_MESSAGE = f"nesting deeper than {MAX_DEPTH} levels"
#: What `briefing new` fills required fields with; validation reports any left in place.
PLACEHOLDER_TEXT = "REPLACE WITH"
PLACEHOLDER_DATE = "0001-01-01"

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader with its resolver cut down to what plain data uses.

    The parser calls these three methods once per node, from C; the library's
    general versions cost more than the parse itself in a large briefing.
    """

    _implicit: typing.ClassVar[dict[str, tuple[tuple[str, re.Pattern[str]], ...]]] = {
        first: tuple(resolvers) + tuple(_BaseLoader.yaml_implicit_resolvers.get(None, ()))
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
        if first is not None
    }
    _default: typing.ClassVar[dict[type, str]] = {
        yaml.ScalarNode: _BaseLoader.DEFAULT_SCALAR_TAG,
        yaml.SequenceNode: _BaseLoader.DEFAULT_SEQUENCE_TAG,
        yaml.MappingNode: _BaseLoader.DEFAULT_MAPPING_TAG,
    }

    if _BaseLoader is not yaml.SafeLoader:  # libyaml's

        def __init__(self, stream: str) -> None:
            # Only the parser: this loader composes nodes and never constructs objects, so the
            # constructor's and resolver's state would go unused, and a briefing makes one per file.
            yaml._yaml.CParser.__init__(self, stream)

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path resolvers are registered: nothing to track."""

    def ascend_resolver(self) -> None:
        """No path resolvers are registered: nothing to track."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is _ScalarNode and implicit[0]:
            resolvers = _IMPLICIT.get(value[:1])  # '' too: an empty plain scalar is null
            if resolvers:
                for tag, regexp in resolvers:
                    if regexp.match(value):
                        return str(tag)
        return _DEFAULT_TAGS[kind]


assert not _BaseLoader.yaml_path_resolvers, "the cut-down resolver assumes no path resolvers"
# Module globals, not class attributes: `resolve` runs once per node and every lookup counts.
_ScalarNode = yaml.ScalarNode
_IMPLICIT = _Loader._implicit
_DEFAULT_TAGS = _Loader._default
_SCALARS = yaml.constructor.SafeConstructor()
_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
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
    digest: str = field(default="", repr=False)
    """Digest of the YAML text (cache.text_digest): runs compare these to tell whether it changed."""
    placeholder_sign: bool = field(default=True, repr=False)
    """Whether the text shows a sign of a placeholder (see may_hold_placeholders); True until known."""
    file: str | Path | None = field(default=None, repr=False)
    """Where the text is, when the cache vouched for the data and the file was not read."""
    _text: str | None = field(default=None, init=False, repr=False)
    _positions: dict[Location, tuple[int, int]] | None = field(default=None, init=False, repr=False)

    @property
    def text(self) -> str:
        """The YAML text, parsed again for positions when a problem needs one."""
        if self._text is None:
            self._text = _read_again(self.file)
        return self._text

    @text.setter
    def text(self, text: str) -> None:
        self._text, self.digest, self.placeholder_sign = text, text_digest(text), may_hold_placeholders(text)

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
    loaded_words: tuple[str, ...] = ()
    """Words and phrases the briefing's own voice must not use unattributed."""
    aliases: tuple[tuple[str, ...], ...] = ()
    """Groups of names that mean the same, for the check of a fact's details."""


def load_content(
    root: Path,
    content_dir: Path,
    seeds_dir: Path,
    loaded_words_file: Path | None = None,
    aliases_file: Path | None = None,
    cache: ContentCache | None = None,
) -> RawContent:
    """Read every content file, every seed and the editorial word list under the project root.

    With a cache, a file whose text is unchanged since it was last parsed is not parsed again.
    """
    problems: list[Problem] = []
    files = list(content_files(root, content_dir, problems))
    inside = InsideProject(root)
    records = [read_record(root, path, kind, problems, inside, cache) for path, kind in files]
    seeds = read_seeds(root, seeds_dir, problems, inside)
    words = read_word_list(root, loaded_words_file, problems, inside) if loaded_words_file else ()
    aliases = read_alias_groups(root, aliases_file, problems, inside) if aliases_file else ()
    return RawContent(records, seeds, problems, _relative(root, content_dir), words, aliases)


def read_word_list(
    root: Path, path: Path, problems: list[Problem], inside: InsideProject | None = None
) -> tuple[str, ...]:
    """One word or phrase per line; blank lines and '#' comments are skipped. A missing file is an empty list."""
    return tuple(line for _, line in _listed_lines(root, path, problems, inside))


def _listed_lines(
    root: Path, path: Path, problems: list[Problem], inside: InsideProject | None
) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line of a list in site_config/, its '#' comment and blank lines left out."""
    if not path.is_file():
        return
    text = _read_text(root, path, MAX_FILE_BYTES, problems, inside) or ""
    for number, line in enumerate(text.splitlines(), start=1):
        if stripped := line.split("#", 1)[0].strip():
            yield number, stripped


def read_alias_groups(
    root: Path, path: Path, problems: list[Problem], inside: InsideProject | None = None
) -> tuple[tuple[str, ...], ...]:
    """One group of names that mean the same per line, separated by ' = '; '#' starts a comment."""
    groups = []
    for number, line in _listed_lines(root, path, problems, inside):
        names = tuple(name.strip() for name in line.split("="))
        if len(names) < 2 or not all(names):
            message = (
                "each line lists two or more names that mean the same, separated by ' = ', e.g. 'U.S. = United States'"
            )
            problems.append(Problem(_relative(root, path), number, 1, "invalid-alias", message))
            continue
        groups.append(names)
    return tuple(groups)


def content_files(root: Path, content_dir: Path, problems: list[Problem]) -> Iterator[tuple[str | Path, str]]:
    """(path, kind) of every content file, in the order they are checked; a misplaced file is a problem."""
    if not content_dir.is_dir():
        problems.append(_file_problem(root, content_dir, "missing-folder", "content folder not found"))
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
            problems.append(_file_problem(root, path, "unexpected-file", message))


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
    found = _regular_file(path, relative, MAX_FILE_BYTES, FILE_TOO_LARGE_FIX, problems, inside or InsideProject(root))
    if found is None:
        return record
    resolved, info = found
    stamp = stamp_of(info) if cache else None
    kept = cache.unchanged(str(relative), stamp) if cache else None
    if kept is not None:
        record.file = resolved  # read only if a message needs a position in it
        record.digest, record.data, record.placeholder_sign = kept.digest, kept.data, kept.placeholder_sign
        return record
    text = _decoded(resolved, relative, problems, info.st_size)
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
        cache.keep_parsed(str(relative), Parsed(record.digest, record.data, record.placeholder_sign), stamp)
    problems.extend(met)
    return record


def unread_record(root: Path, path: str | Path, kind: str) -> RawRecord:
    """The record of a content file, before it is read: its kind, id and path."""
    relative = _relative(root, path)
    return RawRecord(kind=kind, id=relative.stem, path=relative, data=None)


def may_hold_placeholders(text: str) -> bool:
    """False when no value parsed from the text can be a placeholder `briefing new` left.

    A value holds a placeholder's words in its YAML text unless written with
    escapes; a scan of the text costs far less than a walk of the values.
    """
    return not text or any(sign in text for sign in (PLACEHOLDER_TEXT.split()[0], PLACEHOLDER_DATE, "\\"))


def parse_record(record: RawRecord, text: str, problems: list[Problem]) -> None:
    """Fill in `record.data` from YAML text; problems are appended."""
    if record._text is not text:  # read_record has noted this text's digest already
        record.text = text
    node, found = _compose(record.path, text)
    if node is not None:
        data = _NodeConverter(record.path, found, anchored="&" in text).convert(node)
        if not found:
            record.data = data
    problems.extend(found)


def positions_of(text: str) -> dict[Location, tuple[int, int]]:
    """(line, column) of every mapping key and sequence item in a YAML text that parses."""
    node, _ = _compose(PurePosixPath(), text)
    positions: dict[Location, tuple[int, int]] = {}
    if node is not None:
        _record_positions(node, (), positions, set())
    return positions


def _compose(path: PurePosixPath, text: str) -> tuple[yaml.Node | None, list[Problem]]:
    loader = None
    try:
        loader = _Loader(text)  # PyYAML's pure-Python reader checks the characters here already
        return loader.get_single_node(), []
    except yaml.MarkedYAMLError as error:
        return None, [_yaml_problem(path, text, error)]
    except yaml.reader.ReaderError as error:
        return None, [_reader_problem(path, text, error)]
    except yaml.YAMLError:
        return None, [
            Problem(path, 0, 0, "yaml-syntax", "this file is not valid YAML; check its indentation and quotes")
        ]
    except RecursionError:
        # Only PyYAML's pure-Python parser gets here: it recurses once per level of nesting, where
        # libyaml stops at a limit of its own. Its reader stopped inside the nesting.
        mark = typing.cast(Any, loader).get_mark()
        return None, [Problem(path, mark.line + 1, mark.column + 1, "too-deep", TOO_DEEP_MESSAGE)]
    finally:
        if loader is not None:
            loader.dispose()


def _record_positions(
    node: yaml.Node, location: Location, positions: dict[Location, tuple[int, int]], seen: set[int]
) -> None:
    if id(node) in seen or len(location) > MAX_DEPTH + 1:
        return  # an alias or a nesting the converter refuses; the problem is reported already
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            here = (*location, key_node.value)
            if isinstance(key_node, yaml.ScalarNode) and here not in positions:
                positions[here] = _mark(key_node)
                _record_positions(value_node, here, positions, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            positions[(*location, index)] = _mark(item)
            _record_positions(item, (*location, index), positions, seen)


def read_seeds(
    root: Path, seeds_dir: Path, problems: list[Problem], inside: InsideProject | None = None
) -> dict[str, str]:
    """Text of every seed file, keyed by file name."""
    if not seeds_dir.is_dir():
        return {}
    seeds: dict[str, str] = {}
    for path in sorted(seeds_dir.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        text = _read_text(root, path, MAX_SEED_BYTES, problems, inside, SEED_TOO_LARGE_FIX)
        if text is not None:
            seeds[path.name] = text
    return seeds


def _read_text(
    root: Path,
    path: str | Path,
    max_bytes: int,
    problems: list[Problem],
    inside: InsideProject | None = None,
    too_large_fix: str = FILE_TOO_LARGE_FIX,
) -> str | None:
    relative = _relative(root, path)
    found = _regular_file(path, relative, max_bytes, too_large_fix, problems, inside or InsideProject(root))
    return None if found is None else _decoded(found[0], relative, problems, found[1].st_size)


def _regular_file(
    path: str | Path,
    relative: PurePosixPath,
    max_bytes: int,
    too_large_fix: str,
    problems: list[Problem],
    inside: InsideProject,
) -> tuple[str | Path, os.stat_result] | None:
    """The file's real path and stat, if it is a regular file inside the project and not too large to read."""
    try:
        resolved, info = inside.real_file(path)
    except (OSError, RuntimeError) as error:  # Python 3.11 raises RuntimeError for a symlink loop
        fault = error if isinstance(error, OSError) else OSError(errno.ELOOP, os.strerror(errno.ELOOP))
        problems.append(_unreadable(relative, fault))
        return None
    if resolved is None:
        problems.append(
            Problem(relative, 0, 0, "outside-project", "links to a file outside the project; copy the file in instead")
        )
        return None
    if not stat.S_ISREG(info.st_mode):
        # A folder named like a file, a pipe or a device: reading it fails or never ends.
        problems.append(Problem(relative, 0, 0, "unreadable", "cannot read file: not a regular file; remove it"))
        return None
    if info.st_size > max_bytes:
        size = f"{max_bytes // (1024 * 1024)} MiB"
        problems.append(Problem(relative, 0, 0, "too-large", f"file is larger than {size}; {too_large_fix}"))
        return None
    return resolved, info


def _decoded(resolved: str | Path, relative: PurePosixPath, problems: list[Problem], size: int) -> str | None:
    try:
        data = _file_bytes(resolved, size)
    except OSError as error:
        problems.append(_unreadable(relative, error))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problems.append(Problem(relative, line, col, "not-utf8", "file is not UTF-8 text; save it with UTF-8 encoding"))
        return None


def _unreadable(relative: PurePosixPath, error: OSError) -> Problem:
    return Problem(relative, 0, 0, "unreadable", f"cannot read file: {error.strerror}; {fault_fix(error)}")


def _file_bytes(path: str | Path, size: int) -> bytes:
    """The whole file, asked for in one read of its size when last seen, then read to its end.

    A briefing's files are small and many: `open()` builds a buffered file
    object and asks for the size again, twice the system calls.
    """
    # Non-blocking: a file swapped for a pipe since its stat reads as empty, where it would hang.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        chunks = [os.read(descriptor, size + 1)]  # one byte more, so that the next read is the end
        while chunks[-1]:
            chunks.append(os.read(descriptor, READ_CHUNK))
    finally:
        os.close(descriptor)
    return b"".join(chunks)


class InsideProject:
    """Finds a file's real path and whether it lies inside the project, for one reading of it.

    A file that is not a link lies where its folder does, so only links and
    folders are resolved, each folder once: resolving every file of a large
    briefing costs a system call per path component. Make a new one for every
    reading, so that a folder replaced by a link in between is seen.
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.folders: dict[str, bool] = {}

    def real_file(self, path: str | Path) -> tuple[str | Path | None, os.stat_result]:
        """The file's real path (None if it lies outside the project) and its stat, following links."""
        info = os.lstat(path)
        if not stat.S_ISLNK(info.st_mode) and self._folder_inside(os.path.dirname(path)):
            return path, info
        resolved = Path(path).resolve(strict=True)
        return (resolved if resolved.is_relative_to(self.root) else None), resolved.stat()

    def _folder_inside(self, folder: str) -> bool:
        if folder not in self.folders:
            self.folders[folder] = Path(folder).resolve().is_relative_to(self.root)
        return self.folders[folder]


def _read_again(file: str | Path | None) -> str:
    """A file's text once more, for positions in a message; empty (positions unknown) if it is gone."""
    if file is None:
        return ""
    try:
        with open(file, "rb") as handle:
            return handle.read().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


def _relative(root: Path, path: str | Path) -> PurePosixPath:
    prefix, text = f"{root}{os.sep}", os.fspath(path)
    if text.startswith(prefix) and os.sep == "/":  # the common case, without pathlib's parsing
        return PurePosixPath(text[len(prefix) :])
    try:
        return PurePosixPath(Path(path).relative_to(root).as_posix())
    except ValueError:
        return PurePosixPath(Path(path).as_posix())


def _file_problem(root: Path, path: Path, code: str, message: str) -> Problem:
    return Problem(_relative(root, path), 0, 0, code, message)


def _reader_problem(path: PurePosixPath, text: str, error: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow, such as a control character, at its line and column."""
    before = text[: error.position]
    if _BaseLoader is not yaml.SafeLoader:  # libyaml counts bytes of the UTF-8 text, PyYAML's reader characters
        before = text.encode()[: error.position].decode(errors="ignore")
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return Problem(path, line, col, "yaml-syntax", f"invalid YAML: {error.reason} (U+{code:04X}); remove it")


def _yaml_problem(path: PurePosixPath, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """The parser's complaint, said as what to change: indentation, a tab, a quote or a bracket left open."""
    mark = error.problem_mark or error.context_mark
    if mark and error.context_mark and mark.line > text.rstrip().count("\n"):
        mark = error.context_mark  # past the last line: point at the quote or bracket left open instead
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    what = " ".join(part for part in (error.context, error.problem) if part)
    lines = text.split("\n")
    opened = error.context_mark
    at = (opened.line + 1, opened.column + 1) if opened else (line, col)
    message = next(
        (explain(lines, line, col, at) for words, explain in _YAML_EXPLAINED if words in what),
        "this line is not valid YAML; check its indentation against the lines above, and its quotes and brackets",
    )
    return Problem(path, line, col, "yaml-syntax", message)


def _tab(lines: list[str], line: int, col: int, opened: tuple[int, int]) -> str:
    return f"a tab on line {line}: YAML indents with spaces only; replace the tab with spaces"


def _list_item(lines: list[str], line: int, col: int, opened: tuple[int, int]) -> str:
    start_line, start_col = opened
    return (
        f"indentation: line {line} does not line up with the list that starts on line {start_line}; "
        f"begin a new item with '- ' at column {start_col}, or line a field of the item above up with "
        f"its first field, at column {start_col + 2}"
    )


def _colon(lines: list[str], line: int, col: int, opened: tuple[int, int]) -> str:
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    first = here.find(": ")
    if 0 <= first < col - 1:
        key, value = here[:first].strip(), here[first + 2 :].strip()
        shown = value.replace("\\", "\\\\").replace('"', '\\"')
        return (
            f"line {line} holds a second ': ' inside the value of '{key.lstrip('- ')}'; put the whole value in "
            f'double quotes: {key}: "{shown}"'
        )
    above = _previous_field(lines, line)
    if above is None:
        return f"indentation: line {line} is indented more than the field it belongs with; line it up with it"
    number, indent = above
    return (
        f"indentation: line {line} is indented more than line {number}, so it reads as part of that line's value; "
        f"begin it at column {indent + 1}, as line {number} does"
    )


def _previous_field(lines: list[str], line: int) -> tuple[int, int] | None:
    """(number, indentation) of the nearest line above `line` that holds a field."""
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        if text.strip() and not text.lstrip().startswith("#"):
            return number, len(text) - len(text.lstrip(" -"))
    return None


def _block_end(lines: list[str], line: int, col: int, opened: tuple[int, int]) -> str:
    start_line, start_col = opened
    started = lines[start_line - 1] if 0 < start_line <= len(lines) else ""
    if started.lstrip().startswith("- "):  # the parser without libyaml says this of a list item's fields
        indent = len(started) - len(started.lstrip())
        return _list_item(lines, line, col, (start_line, indent + 1))
    return (
        f"indentation: line {line} does not line up with the fields that start on line {start_line}; "
        f"begin it at column {start_col}, as they do, or further in if it belongs to the field above it"
    )


def _closer(closing: str) -> Callable[[list[str], int, int, tuple[int, int]], str]:
    def explain(lines: list[str], line: int, col: int, opened: tuple[int, int]) -> str:
        return (
            f"the '{_OPENERS[closing]}' at line {opened[0]}, column {opened[1]} is not closed where expected: "
            f"end it with '{closing}', and put any value that holds ',', '[', ']', '{{' or '}}' in double quotes"
        )

    return explain


def _unclosed_quote(lines: list[str], line: int, col: int, opened: tuple[int, int]) -> str:
    return (
        f"the quoted value that starts at line {opened[0]}, column {opened[1]} never ends: close it with the "
        'same quote mark (inside double quotes, write a " as \\")'
    )


def _second_document(lines: list[str], line: int, col: int, opened: tuple[int, int]) -> str:
    return (
        f"a second document begins on line {line}: a content file describes one entry; "
        "remove the '---' line, or move what follows it into a file of its own"
    )


def _too_deep(lines: list[str], line: int, col: int, opened: tuple[int, int]) -> str:
    return TOO_DEEP_MESSAGE


_OPENERS = {"}": "{", "]": "["}
#: Words of the parser's complaint -> what to tell the maintainer; the first that applies wins.
_YAML_EXPLAINED: tuple[tuple[str, Callable[[list[str], int, int, tuple[int, int]], str]], ...] = (
    ("tab", _tab),
    ("'\\t'", _tab),  # the parser without libyaml names the character
    ("expected '-' indicator", _list_item),
    ("mapping values are not allowed", _colon),
    ("expected <block end>", _block_end),
    ("expected ',' or '}'", _closer("}")),
    ("expected ',' or ']'", _closer("]")),
    ("found unexpected end of stream", _unclosed_quote),
    ("expected a single document", _second_document),
    ("maximum nesting depth", _too_deep),
)


class _NodeConverter:
    """Turns a composed YAML node tree into dicts, lists and scalars, refusing anything else."""

    def __init__(self, path: PurePosixPath, problems: list[Problem], anchored: bool = True) -> None:
        self.path = path
        self.problems = problems
        # The composer resolves aliases to shared nodes; refusing to visit a node twice
        # rules out alias bombs. A text with no anchor ('&') has no alias to look out for.
        self.seen: set[int] | None = set() if anchored else None

    def convert(self, node: yaml.Node, depth: int = 0) -> Any:
        if self.seen is not None:
            if id(node) in self.seen:
                self._fail(node, "yaml-alias", "anchors and aliases (&, *) are not supported; write the value out")
                return None
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self._fail(node, "too-deep", TOO_DEEP_MESSAGE)
            return None
        if type(node) is _ScalarNode:
            if node.tag == _STR:  # by far the commonest: a shortcut
                return node.value
            return self._scalar(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, depth)
        return self._sequence(typing.cast(yaml.SequenceNode, node), depth)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any] | None:
        if node.tag != _TAG + "map":
            self._fail(node, "yaml-tag", f"unsupported YAML tag {node.tag!r}; remove it")
            return None
        result: dict[str, Any] = {}
        # Text is by far the commonest value: taken without a call where no check could apply to it.
        shortcut = self.seen is None and depth < MAX_DEPTH
        for key_node, value_node in node.value:
            if type(key_node) is not _ScalarNode or key_node.tag != _STR:
                self._fail(key_node, "yaml-key", "field names must be plain text")
                continue
            key = key_node.value
            if key in result:
                self._duplicate(node, key_node)
            elif shortcut and type(value_node) is _ScalarNode and value_node.tag == _STR:
                result[key] = value_node.value
            else:
                result[key] = self.convert(value_node, depth + 1)
        return result

    def _duplicate(self, node: yaml.MappingNode, key_node: yaml.ScalarNode) -> None:
        first = next(key for key, _ in node.value if key.value == key_node.value)
        line, _ = _mark(first)
        message = f"duplicate field '{key_node.value}' (first given on line {line}); keep one"
        self._fail(key_node, "duplicate-key", message)

    def _sequence(self, node: yaml.SequenceNode, depth: int) -> list[Any] | None:
        if node.tag != _TAG + "seq":
            self._fail(node, "yaml-tag", f"unsupported YAML tag {node.tag!r}; remove it")
            return None
        return [self.convert(item, depth + 1) for item in node.value]

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
        self.problems.append(Problem(self.path, line, col, code, message))


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1

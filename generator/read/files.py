"""Reading files safely: only regular files inside the project, of a bounded size, as UTF-8 text; a fault is a
problem named at its file, never an exception. Also the word lists of site_config/.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ..content.word_lists import entries
from ..errors import Problem, fault_fix

MAX_FILE_BYTES = 2 * 1024 * 1024
#: A source's whole text is indexed for quotes and shown on one page: past this, time and memory grow too large.
MAX_SEED_BYTES = 2 * 1024 * 1024
SEED_TOO_LARGE_FIX = "a source's whole text is shown on one page, so file the part of the document the briefing cites"
FILE_TOO_LARGE_FIX = "split it into one file per entity"
READ_CHUNK = 64 * 1024


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
    yield from entries(_read_text(root, path, MAX_FILE_BYTES, problems, inside) or "")


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
            problems.append(Problem(project_path(root, path), number, 1, "invalid-alias", message))
            continue
        groups.append(names)
    return tuple(groups)


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
    relative = project_path(root, path)
    found = regular_file(path, relative, max_bytes, too_large_fix, problems, inside or InsideProject(root))
    return None if found is None else decoded(found[0], relative, problems, found[1].st_size)


def regular_file(
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


def decoded(resolved: str | Path, relative: PurePosixPath, problems: list[Problem], size: int) -> str | None:
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


def read_again(file: str | Path | None) -> str:
    """A file's text once more, for positions in a message; empty (positions unknown) if it is gone."""
    if file is None:
        return ""
    try:
        with open(file, "rb") as handle:
            return handle.read().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


def project_path(root: Path, path: str | Path) -> PurePosixPath:
    prefix, text = f"{root}{os.sep}", os.fspath(path)
    if text.startswith(prefix) and os.sep == "/":  # the common case, without pathlib's parsing
        return PurePosixPath(text[len(prefix) :])
    try:
        return PurePosixPath(Path(path).relative_to(root).as_posix())
    except ValueError:
        return PurePosixPath(Path(path).as_posix())


def file_problem(root: Path, path: Path, code: str, message: str) -> Problem:
    return Problem(project_path(root, path), 0, 0, code, message)

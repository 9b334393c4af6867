"""Problems found in content, and the one exception a user ever sees."""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located like a compiler error."""

    path: PurePosixPath
    """File the problem is in, relative to the project root."""
    line: int
    """1-based line, or 0 when the problem concerns the whole file."""
    col: int
    """1-based column, or 0 when unknown."""
    code: str
    """Stable short name of the kind of problem, e.g. 'unknown-field'."""
    message: str
    """What is wrong and how to fix it, in one or two sentences."""
    severity: str = "error"
    """'error' blocks a build; 'warning' is reported, and blocks only under --strict."""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        where = str(self.path)
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        label = "" if self.is_error else f"{self.severity}: "
        return f"{where}: {label}{self.message}"


class BriefingError(Exception):
    """An error a user fixes, printed without a traceback; carries its exit code."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class ContentError(BriefingError):
    """The content has problems; carries all of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problem for problem in problems if problem.is_error)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    """All problems, one per line, then a count."""
    lines = [str(problem) for problem in problems]
    lines.append(count_problems(problems))
    return "\n".join(lines)


def count_problems(problems: list[Problem]) -> str:
    """'3 problems found.', or with warnings '1 error and 2 warnings found.'."""
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    if not warnings:
        return f"{_plural(errors, 'problem')} found."
    return f"{_plural(errors, 'error')} and {_plural(warnings, 'warning')} found."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


#: What to do about a fault the operating system reports, by its error number; the cause is the system's own words.
FAULT_FIXES: dict[int, str] = {
    errno.ENOSPC: "the disk is full: free some space on it, then run the command again",
    errno.EDQUOT: "the disk quota is used up: free some space, then run the command again",
    errno.EROFS: "that file system is read-only: use a folder on a writable one, or remount it writable",
    errno.EACCES: "this user may not use it: change its permissions (`ls -l` shows them), or run as a user who may",
    errno.EPERM: "this user may not use it: change its permissions (`ls -l` shows them), or run as a user who may",
    errno.ENOENT: "nothing is there: restore the file, or remove whatever names it",
    errno.ELOOP: "its symbolic links form a loop: replace one of them with the file it should point to",
    errno.EIO: "the disk reported an input/output error: check the disk, then run the command again",
    errno.EMFILE: "too many files are open: raise the limit (`ulimit -n`), then run the command again",
    errno.ENFILE: "too many files are open on this machine: close some programs, then run the command again",
    errno.ENAMETOOLONG: "the path is too long: use a folder with a shorter path",
}
DEFAULT_FAULT_FIX = "check that path, then run the command again"
#: Faults of writing: for a copy or a move, the path to name is where it was going.
_WRITE_FAULTS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


def fault_fix(error: OSError) -> str:
    """What to do about the fault."""
    return FAULT_FIXES.get(error.errno or 0, DEFAULT_FAULT_FIX)


def fault_path(error: OSError) -> str | None:
    """The path the fault concerns, as the system reported it."""
    if error.errno in _WRITE_FAULTS and error.filename2 is not None:
        return str(error.filename2)
    return None if error.filename is None else str(error.filename)


def fault_message(error: OSError, path: str | None = None) -> str:
    """A fault in one line: its cause, the path (`path` if given, else the system's), and what to do."""
    cause = error.strerror or str(error) or type(error).__name__
    where = path or fault_path(error)
    return f"{cause}: {where}; {fault_fix(error)}" if where else f"{cause}; {fault_fix(error)}"

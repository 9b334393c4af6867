"""Problems found in content, and the one exception a user ever sees."""

from __future__ import annotations

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

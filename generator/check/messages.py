"""What every check's messages share: where a problem is, and how a value or a list of choices reads in one."""

from __future__ import annotations

import difflib
import itertools
from typing import Any

from ..content.fields import Location
from ..errors import Problem
from ..read.records import RawRecord

#: Past this many problems in one file the rest are counted, not listed: they would bury every other file's.
MAX_PROBLEMS_PER_FILE = 20


def at(record: RawRecord, location: Location, code: str, message: str) -> Problem:
    line, col = record.position(location)
    return Problem(record.path, line, col, code, message)


def dotted(location: Location) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else f"{'.' if text else ''}{part}"
    return text


def type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {shown(value)}"
    if isinstance(value, dict):
        return "a mapping"
    return "a list" if isinstance(value, list) else type(value).__name__


def shown(value: Any) -> str:
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def did_you_mean(word: str, choices: list[str], listing: str = "") -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" ({listing}{', '.join(choices)})" if listing and choices else ""


def reported_problems(problems: list[Problem]) -> list[Problem]:
    """Each distinct problem once, in order; past MAX_PROBLEMS_PER_FILE in a file, one line counts the rest."""
    shown: list[Problem] = []
    for path, group in itertools.groupby(sorted(set(problems)), key=lambda problem: problem.path):
        found = list(group)
        if len(found) <= MAX_PROBLEMS_PER_FILE:
            shown.extend(found)
            continue
        # The count sits where the hidden problems begin, after every listed one, so it sorts last.
        first = found[MAX_PROBLEMS_PER_FILE]
        where = (first.line, first.col)
        listed = [problem for problem in found[:MAX_PROBLEMS_PER_FILE] if (problem.line, problem.col) < where]
        hidden = found[len(listed) :]
        severity = "error" if any(problem.is_error for problem in hidden) else "warning"
        noun = "problem" if len(hidden) == 1 else "problems"
        message = f"... and {len(hidden)} more {noun} in this file"
        shown += [*listed, Problem(path, first.line, first.col, "more-problems", message, severity)]
    return shown

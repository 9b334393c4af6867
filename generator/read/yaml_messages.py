"""The YAML parser's complaints, said as what to change: indentation, a tab, a quote or a bracket left open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

import yaml

from ..errors import Problem

#: Whether PyYAML has libyaml's C parser, which reads YAML much faster and reports positions in bytes.
LIBYAML = hasattr(yaml, "CSafeLoader")
MAX_DEPTH = 64
TOO_DEEP_MESSAGE = f"nesting deeper than {MAX_DEPTH} levels"


def reader_problem(path: PurePosixPath, text: str, error: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow, such as a control character, at its line and column."""
    before = text[: error.position]
    if LIBYAML:  # libyaml counts bytes of the UTF-8 text, PyYAML's reader characters
        before = text.encode()[: error.position].decode(errors="ignore")
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return Problem(path, line, col, "yaml-syntax", f"invalid YAML: {error.reason} (U+{code:04X}); remove it")


def yaml_problem(path: PurePosixPath, text: str, error: yaml.MarkedYAMLError) -> Problem:
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

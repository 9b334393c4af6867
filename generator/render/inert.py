"""Making text inert in Markdown: whatever a maintainer writes displays as written, and nothing more.

Every page prints a maintainer's text through here, so one module decides which characters could start Markdown or
HTML syntax and how they are neutralised; `Md` marks the few strings the generator built itself, which alone pass
through as Markdown.
"""

from __future__ import annotations

import re
from typing import Any

#: Characters that could start Markdown or HTML syntax; printed as numeric character references.
#: '/' because the footnotes extension puts the footnotes wherever a text says "///Footnotes Go Here///".
_SYNTAX = "\\`*_{}[]()#+-.!|~^=<>&$:/"
# One regular expression pass with a table lookup beats str.translate with a dict three to one here.
_SYNTAX_CHAR = re.compile(f"[{re.escape(_SYNTAX)}]")
_REFERENCE = {char: f"&#{ord(char)};" for char in _SYNTAX}


class Md(str):
    """Markdown the generator built itself; printed as is."""


def inert(value: Any, strip: bool = True) -> Md:
    """Plain text as Markdown that displays exactly that text and nothing else.

    Runs of whitespace, line breaks included, become one space: a text field is
    one paragraph, and no line of it can start a Markdown block.
    """
    text = " ".join(str(value).split()) if strip else _collapse(str(value))
    return Md(_SYNTAX_CHAR.sub(_reference, text))


def _collapse(text: str) -> str:
    """Each run of whitespace as one space, at either end too (str.split is three times faster than re.sub)."""
    inner = " ".join(text.split())
    if not inner:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + inner + (" " if text[-1].isspace() else "")


def _reference(match: re.Match[str]) -> str:
    return _REFERENCE[match.group()]

"""The editorial word lists the checks read: each is built into the generator, and a project extends it.

A list's built-in entries ship with the generator (generator/check/word_lists/), so a project made with
`briefing init` is checked as this one is; a file of the same name in a project's site_config/ adds entries,
and takes a built-in one out with a line `!entry`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

#: What starts a project's line that takes a built-in entry out.
REMOVE = "!"


@dataclass(frozen=True)
class WordList:
    """One list: its file's name, in the package and in site_config/, and what its entries are."""

    file_name: str
    holds: str


LOADED_WORDS = WordList("loaded-words.txt", "loaded or evaluative words the briefing's own voice does not use")
FRAMING_WORDS = WordList(
    "framing-words.txt", "words by which a source gives a statement as its own reading or as someone's account"
)
TIME_WORDS = WordList("time-words.txt", "words whose truth runs out (recent, still, now, a weekday)")
ALIASES = WordList("aliases.txt", "groups of names that mean the same, one group per line, separated by ' = '")
#: Every list; `ALIASES` is read as groups, the others as one word or phrase per line.
WORD_LISTS = (LOADED_WORDS, FRAMING_WORDS, TIME_WORDS, ALIASES)
PHRASE_LISTS = (LOADED_WORDS, FRAMING_WORDS, TIME_WORDS)


def entries(text: str) -> Iterator[tuple[int, str]]:
    """(line number, entry) of each line of a list, its '#' comment and blank lines left out."""
    for number, line in enumerate(text.splitlines(), start=1):
        if stripped := line.split("#", 1)[0].strip():
            yield number, stripped


def extended(built_in: Iterable[str], project: Iterable[str]) -> tuple[str, ...]:
    """The built-in entries with a project's added, and those it takes out (`!entry`, any letter case) left out."""
    project = tuple(project)
    removed = {entry[len(REMOVE) :].strip().lower() for entry in project if entry.startswith(REMOVE)}
    added = (entry for entry in project if not entry.startswith(REMOVE))
    return tuple(dict.fromkeys(entry for entry in (*built_in, *added) if entry.lower() not in removed))

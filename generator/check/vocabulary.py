"""The word lists the editorial checks read: each built-in list extended by the project's (content/word_lists.py)."""

from __future__ import annotations

import functools
import importlib.resources
import re
from dataclasses import dataclass

from ..content.word_lists import ALIASES, FRAMING_WORDS, LOADED_WORDS, TIME_WORDS, WordList, entries, extended
from ..read.records import RawContent
from .details import ASCII_RUNS, WORD_RUN, Aliases


class PhraseFinder:
    """Finds the words and phrases of a list in a text, as whole words and ignoring case."""

    def __init__(self, words: tuple[str, ...]) -> None:
        alternatives = sorted((r"\s+".join(map(re.escape, word.split())) for word in words), key=len, reverse=True)
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
        # A whole-word match holds its phrase's first run of word characters as a whole run of the
        # text, so a text none of whose runs is one needs no regex search, which costs ten times
        # more. Only for ASCII text and words: there, and only there, ignoring case is lowering.
        runs = [WORD_RUN.search(word) for word in words]
        prefilter = all(runs) and all(map(str.isascii, words))
        self.first_runs = frozenset(run.group().lower() for run in runs if run) if prefilter else None
        self.empty = not words

    def search(self, text: str) -> re.Match[str] | None:
        """The first of the list's words in the text."""
        return None if self._surely_absent(text) else self.pattern.search(text)

    def find_all(self, text: str) -> list[re.Match[str]]:
        """Each of the list's words in the text, in its order."""
        return [] if self._surely_absent(text) else list(self.pattern.finditer(text))

    def _surely_absent(self, text: str) -> bool:
        # The text's runs come of one translation, not of one scan of the text per word.
        return self.empty or (
            self.first_runs is not None
            and text.isascii()
            and self.first_runs.isdisjoint(text.translate(ASCII_RUNS).split())
        )


@dataclass(frozen=True)
class Vocabulary:
    """Every list the checks read, built in and extended by the project's site_config/."""

    loaded: PhraseFinder
    framing: PhraseFinder
    time: PhraseFinder
    aliases: Aliases

    @classmethod
    def of(cls, raw: RawContent) -> Vocabulary:
        def phrases(word_list: WordList) -> PhraseFinder:
            return PhraseFinder(extended(built_in(word_list), raw.word_lists.get(word_list.file_name, ())))

        groups = tuple(tuple(name.strip() for name in line.split("=")) for line in built_in(ALIASES))
        return cls(phrases(LOADED_WORDS), phrases(FRAMING_WORDS), phrases(TIME_WORDS), Aliases((*groups, *raw.aliases)))


@functools.cache
def built_in(word_list: WordList) -> tuple[str, ...]:
    """The entries of a list as the generator ships it: read once a process, as a preview checks again and again."""
    text = importlib.resources.files(__package__).joinpath("word_lists", word_list.file_name).read_text("utf-8")
    return tuple(entry for _, entry in entries(text))

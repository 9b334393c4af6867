"""Facts and citations drawn from synthetic sources: every quote is a real passage of its source.

A quote is a whole sentence, its opening words, or two fragments joined by
'...'; it is kept only when it occurs exactly once in its source, matched the
way the validator matches (whitespace and typographic quotes folded, whole
words). The boilerplate sentence a source repeats is cited with `occurrence`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from .sources import BOILERPLATE_COPIES, Source

_FOLD = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})

Ref = tuple[int, int]
"""(source index, sentence index)."""


def normalise(text: str) -> str:
    return " ".join(text.translate(_FOLD).split())


def occurrences(haystack: str, quote: str) -> int:
    """How often a normalised quote occurs in normalised text, not starting or ending inside a word.

    The same count as the validator's regular expression, found with str.find: compiling
    one pattern per quote would cost more than the whole search.
    """
    count, start = 0, haystack.find(quote)
    while start != -1:
        end = start + len(quote)
        inside = (quote[0].isalnum() and _is_word(haystack, start - 1)) or (
            quote[-1].isalnum() and _is_word(haystack, end)
        )
        count += not inside
        start = haystack.find(quote, start + 1 if inside else end)
    return count


def _is_word(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


@dataclass
class Citer:
    """Writes facts that cite the given sources, spreading citations over every sentence."""

    sources: list[Source]
    rng: random.Random
    normalised: list[str] = field(init=False)
    by_mention: dict[str, list[Ref]] = field(init=False)

    def __post_init__(self) -> None:
        self.normalised = [normalise(source.text) for source in self.sources]
        self.by_mention = {}
        for index, source in enumerate(self.sources):
            for number, sentence in enumerate(source.sentences):
                for participant in sentence.mentions:
                    self.by_mention.setdefault(participant, []).append((index, number))

    def any_ref(self) -> Ref:
        index = self.rng.randrange(len(self.sources))
        return index, self.rng.randrange(len(self.sources[index].sentences))

    def ref_naming(self, participant: str) -> Ref:
        refs = self.by_mention.get(participant)
        return self.rng.choice(refs) if refs else self.any_ref()

    def fact(self, ref: Ref | None = None, **extra: Any) -> dict[str, Any]:
        """A fact with one or two citations; direct speech is usually attributed with said_by."""
        ref = ref or self.any_ref()
        if self.rng.random() < 0.05:
            source = self.sources[ref[0]]
            return {"text": source.boilerplate, "cite": [self._boilerplate_citation(source)], **extra}
        sentence = self.sources[ref[0]].sentences[ref[1]]
        cite = [self.citation(ref)]
        if self.rng.random() < 0.3:
            cite.append(self.citation(self.any_ref()))
        quoted = cite[0]["quote"]
        if quoted != normalise(sentence.text):
            # Only part of the sentence is quoted: the fact says only that part, as `briefing check` asks, and
            # without quotation marks, as the parts no longer hold one speaker's words as they said them.
            text = quoted.replace(" ... ", ", ").replace('"', "").rstrip(".") + "."
            return {"text": text, "cite": cite, **extra}
        if sentence.speaker and sentence.speech and self.rng.random() < 0.7:
            text = f'{sentence.surname} said: "{sentence.speech}."'
            return {"text": text, "said_by": sentence.speaker, "cite": cite, **extra}
        return {"text": sentence.text.translate(_FOLD), "cite": cite, **extra}

    def citation(self, ref: Ref) -> dict[str, Any]:
        source, text = self.sources[ref[0]], self.normalised[ref[0]]
        sentence = normalise(source.sentences[ref[1]].text)
        return {"source": source.id, "quote": self._quote(sentence, text)}

    def _quote(self, sentence: str, text: str) -> str:
        words = sentence.split()
        roll = self.rng.random()
        if roll < 0.1 and len(words) >= 10:
            first, last = " ".join(words[:5]), " ".join(words[-4:])
            if occurrences(text, first) == 1:
                return f"{first} ... {last}"
        elif roll < 0.25 and len(words) >= 10:
            opening = " ".join(words[:8])
            if occurrences(text, opening) == 1:
                return opening
        if occurrences(text, sentence) != 1:
            raise AssertionError(f"synthetic sentence is not unique in its source: {sentence!r}")
        return sentence

    def _boilerplate_citation(self, source: Source) -> dict[str, Any]:
        occurrence = self.rng.randrange(1, BOILERPLATE_COPIES + 1)
        return {"source": source.id, "quote": source.boilerplate, "occurrence": occurrence}

"""The details a fact states (numbers, dates, proper names) that its quotes do not hold.

A quote proves that the source has its words; this proves a little more: that
the fact's own text adds no number, date or name its quotes lack. It reads
words, not meaning, so an inference in plain words still needs an editor's eye.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
#: A number written out: "three" is 3, as "3" is.
NUMBER_WORDS: dict[str, float] = {**{word: n for n, word in enumerate(_UNITS)}, **_TENS, **_SCALES}
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
WEEKDAYS = [name.lower() for name in calendar.day_name]
#: Capitalised words that name nothing: a title's "Mr" is no detail to look for.
COMMON_WORDS = frozenset({"i", "mr", "mrs", "ms", "dr"})
#: Built-in aliases: a month's usual abbreviations.
MONTH_ALIASES = tuple(
    (name, name[:3], name[:3] + ".", *(("Sept", "Sept.") if name == "September" else ()))
    for name in calendar.month_name
    if name and len(name) > 3
)

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)*")
#: What ends a sentence or opens a quotation: a capitalised word after it may be an ordinary word.
_SENTENCE_END = re.compile('[.!?:"\u201c\u2018]')
_MONTH = "|".join(name for name in MONTHS)
DATE = re.compile(
    rf"\b(?P<d1>\d{{1,2}}) (?P<m1>{_MONTH})(?:,? (?P<y1>\d{{4}}))?"
    rf"|\b(?P<m2>{_MONTH})\.? (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (?P<y2>\d{{4}}))?"
    rf"|\b(?P<m3>{_MONTH}) (?P<y3>\d{{4}})",
    re.IGNORECASE,
)


class Token(NamedTuple):
    """A word or number, where it is in its text, and whether it begins a sentence."""

    text: str
    start: int
    end: int
    starts_sentence: bool


def tokens(text: str) -> list[Token]:
    """The words and numbers of a text, each marked when it begins a sentence (or a quotation)."""
    text = _plain(text)
    found: list[Token] = []
    previous_end = 0
    for match in _TOKEN.finditer(text):
        gap = text[previous_end : match.start()]
        found.append(Token(match.group(), match.start(), match.end(), not found or bool(_SENTENCE_END.search(gap))))
        previous_end = match.end()
    return found


def _plain(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u00a0", " ")


def _word_key(word: str) -> str:
    lowered = word.lower()
    return lowered[:-2] if lowered.endswith("'s") else lowered


def _number(word: str) -> float | None:
    if word[0].isdecimal():
        try:
            return float(word.replace(",", ""))
        except ValueError:  # "1.2.3", a version or a section, is no one number
            return None
    return NUMBER_WORDS.get(word.lower())


def _numbers(found: list[Token]) -> Iterator[tuple[int, float]]:
    """(index of its first token, value) of each number; "twenty-five" is one number, 25."""
    skip = False
    for index, token in enumerate(found):
        if skip:
            skip = False
            continue
        value = _number(token.text)
        if value is None:
            continue
        following = found[index + 1] if index + 1 < len(found) else None
        if (
            token.text.lower() in _TENS
            and following is not None
            and following.start == token.end + 1
            and 0 < NUMBER_WORDS.get(following.text.lower(), 0) < 10
        ):
            value += NUMBER_WORDS[following.text.lower()]
            skip = True
        yield index, value


class Aliases:
    """Groups of names that mean the same: the months' abbreviations and the aliases lists (vocabulary.py).

    A group that shares a name with an earlier one joins it: a project's "Kyiv = Ukraine" adds to the built-in
    "Ukraine = Ukrainian".
    """

    def __init__(self, groups: Iterable[tuple[str, ...]]) -> None:
        self.phrases: dict[tuple[str, ...], int] = {}
        """A name's lowered words -> its group's number."""
        self.members: list[list[tuple[str, ...]]] = []
        for group in [*MONTH_ALIASES, *groups]:
            keys = [key for name in group if (key := tuple(_word_key(token.text) for token in tokens(name)))]
            number = next((self.phrases[key] for key in keys if key in self.phrases), len(self.members))
            if number == len(self.members):
                self.members.append([])
            for key in keys:
                if key not in self.phrases:
                    self.phrases[key] = number
                    self.members[number].append(key)
        self.longest = max((len(key) for key in self.phrases), default=1)


class PartialDate(NamedTuple):
    """A date only as precisely as it is known: a year, a year and month, or a day."""

    year: int
    month: int | None = None
    day: int | None = None
    by_weekday: bool = True
    """Whether a fact may name it by its weekday: not a source's publication day, which is rarely the
    day the fact is of."""

    @classmethod
    def of(cls, day: datetime.date, by_weekday: bool = True) -> PartialDate:
        return cls(day.year, day.month, day.day, by_weekday)


@dataclass(frozen=True)
class Reference:
    """What a fact may name without quoting it: the names of its entry and speaker, and the dates of its sources,
    of its event or status change, and of the meetings that name its entry."""

    names: tuple[str, ...] = ()
    dates: tuple[PartialDate, ...] = ()


class Haystack:
    """The words and numbers a fact's details may come from."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.words: set[str] = set()
        self.numbers: set[float] = set()
        sequence: list[str] = []
        for text in texts:
            found = tokens(text)
            keys = [_word_key(token.text) for token in found]
            self.words.update(keys)
            sequence.extend([*keys, ""])  # "" keeps texts apart: no phrase runs across two
            self.numbers.update(value for _, value in _numbers(found))
        self._joined = "\0" + "\0".join(sequence) + "\0"

    def has_phrase(self, key: tuple[str, ...]) -> bool:
        if len(key) == 1:
            return key[0] in self.words
        return "\0" + "\0".join(key) + "\0" in self._joined


def unquoted_details(text: str, quoted: Iterable[str], reference: Reference, aliases: Aliases) -> list[str]:
    """The numbers, dates and proper names in `text` that neither the quoted words nor `reference` hold.

    Each detail is given as it is written in the text, once, in the text's order.
    """
    quoted = tuple(quoted)
    if words_all_held(text, (*quoted, *reference.names)):
        return []
    return details_word_by_word(text, quoted, reference, aliases)


def details_word_by_word(text: str, quoted: Iterable[str], reference: Reference, aliases: Aliases) -> list[str]:
    """`unquoted_details` without its quick test: each word of the text looked at in turn."""
    found = tokens(text)
    haystack = Haystack([*quoted, *reference.names])
    covered = _naming_reference_date(text, found, reference)
    numbers = dict(_numbers(found))
    missing: list[str] = []
    index = 0
    while index < len(found):
        token = found[index]
        width, held = 1, True
        if index in covered:
            pass
        elif index in numbers:
            width = 2 if token.text.lower() in _TENS and numbers[index] % 10 else 1
            held = numbers[index] in haystack.numbers
        elif _is_name(token) and (group := _alias_at(found, index, aliases)):
            # A name the aliases list is a name even where it begins a sentence.
            width, number = group
            held = any(haystack.has_phrase(member) for member in aliases.members[number])
        elif _is_name(token) and not token.starts_sentence:
            held = haystack.has_phrase((_word_key(token.text),))
        if not held:
            missing.append(_plain(text)[token.start : found[index + width - 1].end])
        index += width
    return list(dict.fromkeys(missing))


WORD_RUN = re.compile(r"\w+")
#: ASCII text to its runs of word characters, lowered, with a space for every other character.
ASCII_RUNS = str.maketrans({chr(code): chr(code).lower() if WORD_RUN.match(chr(code)) else " " for code in range(128)})
#: The same with an apostrophe kept in its word: "Rubio's" is one run, not "rubio" and an "s" that any word may hold.
_ASCII_WORDS = str.maketrans({**ASCII_RUNS, ord("'"): "'"})
_WORD = re.compile(r"[\w'\u2019]+")
#: What runs of word characters do not tell: a decimal number ("4.5" is not "4" and "5"), on either side.
_DECIMAL = re.compile(r"\d[.,]\d")
#: ... nor an abbreviation ("U.S." is not "u" and "s").
_ABBREVIATION = re.compile(r"[A-Za-z]\.[A-Za-z]")


def words_all_held(text: str, others: tuple[str, ...]) -> bool:
    """Whether each word of `text` is one of `others`': then no detail of it can be missing.

    By far the commonest case, and ten times cheaper to tell than to look at each word. Both sides are lowered
    alike, so a word that lowering changes oddly is at worst looked at again, one by one.
    """
    joined = " ".join(others)
    if _DECIMAL.search(text) or _DECIMAL.search(joined) or _ABBREVIATION.search(text):
        return False
    if text.isascii() and joined.isascii():  # a translation and a split: three times faster than a regex
        words, held = set(text.translate(_ASCII_WORDS).split()), set(joined.translate(_ASCII_WORDS).split())
    else:
        words, held = set(_WORD.findall(text.lower())), set(_WORD.findall(joined.lower()))
    # "twenty-five" is one number, not "five"; a single letter may be part of an abbreviation in the quotes.
    if not (words.isdisjoint(_TENS) and held.isdisjoint(_TENS)):
        return False
    if any(len(word) == 1 for word in words) and _ABBREVIATION.search(joined):
        return False
    return words <= held


def _is_name(token: Token) -> bool:
    return token.text[0].isupper() and token.text.lower() not in COMMON_WORDS


def _alias_at(found: list[Token], index: int, aliases: Aliases) -> tuple[int, int] | None:
    """The longest alias name starting at the token: its width in tokens and its group."""
    for width in range(min(aliases.longest, len(found) - index), 0, -1):
        key = tuple(_word_key(token.text) for token in found[index : index + width])
        if key in aliases.phrases:
            return width, aliases.phrases[key]
    return None


def _naming_reference_date(text: str, found: list[Token], reference: Reference) -> set[int]:
    """Indexes of the tokens that name one of the reference dates: its day and month, its year, its weekday."""
    if not reference.dates:
        return set()
    spans = []
    for match in DATE.finditer(_plain(text)):
        month = MONTHS[(match["m1"] or match["m2"] or match["m3"]).lower()]
        day, year = match["d1"] or match["d2"], match["y1"] or match["y2"] or match["y3"]
        if any(
            month == date.month and (day is None or int(day) == date.day) and year in (None, str(date.year))
            for date in reference.dates
        ):
            spans.append(match.span())
    years = {str(date.year) for date in reference.dates}
    weekdays = {
        WEEKDAYS[datetime.date(date.year, date.month, date.day).weekday()]
        for date in reference.dates
        if date.day is not None and date.month is not None and date.by_weekday
    }
    return {
        index
        for index, token in enumerate(found)
        if any(start <= token.start < end for start, end in spans)
        or token.text in years
        or token.text.lower() in weekdays
    }


#: Words that make a number approximate or a bound; a fact keeps its quote's, as it keeps the number.
QUALIFIERS = frozenset({"more than", "over", "nearly", "almost", "about", "around", "at least", "up to", "some"})


def changed_qualifiers(text: str, quoted: Iterable[str]) -> list[tuple[str, str]]:
    """(as the text has it, as the quotes have it) of each number the quotes hold with another qualifier.

    "eight-hour talks" from "more than eight hours" is ("eight", "more than eight"): a number held without
    its bound says more than its source.
    """
    found = tokens(text)
    given = [(_qualifier_before(found, index), value, index) for index, value in _numbers(found)]
    sources: dict[float, dict[str | None, str]] = {}
    for quote in quoted:
        quote_tokens = tokens(quote)
        for index, value in _numbers(quote_tokens):
            qualifier = _qualifier_before(quote_tokens, index)
            written = quote_tokens[index].text
            sources.setdefault(value, {}).setdefault(qualifier, f"{qualifier} {written}" if qualifier else written)
    changed = []
    for qualifier, value, index in given:
        held = sources.get(value, {})
        if held and qualifier not in held:
            written = found[index].text
            changed.append((f"{qualifier} {written}" if qualifier else written, next(iter(held.values()))))
    return changed


def _qualifier_before(found: list[Token], index: int) -> str | None:
    for width in (2, 1):
        if index >= width:
            words = " ".join(token.text.lower() for token in found[index - width : index])
            if words in QUALIFIERS:
                return words
    return None


def is_number_or_date(detail: str) -> bool:
    """Whether a detail `unquoted_details` found is a number or a date (the rest are names)."""
    return any(
        token.text[0].isdigit() or token.text.lower() in (*NUMBER_WORDS, *MONTHS, *WEEKDAYS) for token in tokens(detail)
    )

"""The editorial checks: loaded words in the briefing's own voice, and details a fact's quotes do not hold."""

from __future__ import annotations

import re

from ..content import schema
from ..content.fields import Location
from ..content.kinds import BY_NAME
from ..content.model import CitedFact
from ..content.schema import Fact, Record
from ..errors import Problem
from ..read.records import RawRecord
from .citations import Source
from .details import ASCII_RUNS, WORD_RUN, Aliases, Reference, changed_qualifiers, is_number_or_date, unquoted_details


class LoadedWords:
    """Finds the first of a list of words and phrases in a text, as whole words and ignoring case."""

    def __init__(self, words: tuple[str, ...]) -> None:
        alternatives = sorted((r"\s+".join(map(re.escape, word.split())) for word in words), key=len, reverse=True)
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
        # A whole-word match holds its phrase's first run of word characters as a whole run of the
        # text, so a text none of whose runs is one needs no regex search, which costs ten times
        # more. Only for ASCII text and words: there, and only there, ignoring case is lowering.
        runs = [WORD_RUN.search(word) for word in words]
        prefilter = all(runs) and all(map(str.isascii, words))
        self.first_runs = frozenset(run.group().lower() for run in runs if run) if prefilter else None

    def search(self, text: str) -> re.Match[str] | None:
        # The text's runs come of one translation, not of one scan of the text per word.
        if (
            self.first_runs is not None
            and text.isascii()
            and self.first_runs.isdisjoint(text.translate(ASCII_RUNS).split())
        ):
            return None
        return self.pattern.search(text)


def check_own_voice(
    record: RawRecord, facts: tuple[CitedFact[Fact], ...], loaded: LoadedWords | None, problems: list[Problem]
) -> None:
    """Warn where the briefing itself, not a participant, uses a loaded or evaluative word."""
    if loaded is None:
        return
    for cited in facts:
        if cited.fact.said_by is None and (match := loaded.search(cited.fact.text)):
            line, col = record.position((*cited.location, "text"))
            message = (
                f"'{match.group(0)}' is a loaded word in the briefing's own voice; reword it neutrally, "
                "or attribute the claim to whoever made it with 'said_by'"
            )
            problems.append(Problem(record.path, line, col, "loaded-word", message, severity="warning"))


def check_details(
    record: RawRecord,
    data: Record,
    facts: tuple[CitedFact[Fact], ...],
    known: tuple[dict[str, Source], dict[str, str], Aliases],
    problems: list[Problem],
) -> None:
    """Refuse a number or date in a fact's text that its quotes, entry and event date lack, or a number whose
    qualifier its quotes do not give ("eight hours" for "more than eight hours"); warn of such a name.

    `known` holds the sources, each participant's name by id, and the aliases.
    """
    sources, speakers, aliases = known
    own_name = str(getattr(data, BY_NAME[record.kind].title_field if record.kind in BY_NAME else "title"))
    for cited in facts:
        fact = cited.fact
        speaker = speakers.get(fact.said_by) if fact.said_by else None
        names = tuple(name for name in (own_name, speaker) if isinstance(name, str))
        quoted = tuple(
            sources[passage.source].text.text[start:end] for passage in cited.passages for start, end in passage.spans
        )
        missing = unquoted_details(fact.text, quoted, _reference(data, cited.location, names), aliases)
        problems += _drift(record, cited, missing, changed_qualifiers(fact.text, quoted))


def _drift(
    record: RawRecord, cited: CitedFact[Fact], missing: list[str], changed: list[tuple[str, str]]
) -> list[Problem]:
    """The problems of the details a fact's quotes lack or qualify otherwise, but those it excepts."""
    excepted = cited.fact.unquoted.details if cited.fact.unquoted else []
    flagged = [detail for detail in missing if detail not in excepted]
    requalified = [(given, held) for given, held in changed if given not in excepted]
    found = []
    if flagged or requalified:  # a position costs a second parse of the file's text
        line, col = record.position((*cited.location, "text"))
        numbers: list[str] = []
        others: list[str] = []
        for detail in flagged:
            (numbers if is_number_or_date(detail) else others).append(detail)
        if numbers:
            found.append(Problem(record.path, line, col, "unquoted-number", _unquoted(numbers) + _BLOCKS))
        if others:
            found.append(Problem(record.path, line, col, "unquoted-detail", _unquoted(others), severity="warning"))
        found += [Problem(record.path, line, col, "qualifier-changed", _requalified(*pair)) for pair in requalified]
    lacking = {*missing, *(given for given, _ in changed)}
    for index, detail in enumerate(excepted):
        if detail not in lacking:
            line, col = record.position((*cited.location, "unquoted", "details", index))
            message = f"'{detail}' is not a detail this fact's quotes lack (any more); remove it from 'unquoted'"
            found.append(Problem(record.path, line, col, "needless-exception", message, severity="warning"))
    return found


_BLOCKS = "; a number or date the quotes lack stops the build, since a reader takes it for the source's"


def _requalified(given: str, held: str) -> str:
    return (
        f"'{given}' is in the text, but its quotes give it as '{held}'; a number keeps the words that bound it: "
        f"write '{held}', or, if the fact is right as it stands, add 'unquoted:' with '{given}' in 'details:' "
        "and a 'reason:'"
    )


def _unquoted(details: list[str]) -> str:
    quoted = [f"'{detail}'" for detail in details]
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"
    one = len(details) == 1
    return (
        f"{listed} {'is' if one else 'are'} in the text but not in its quotes (nor in the name of this entry or its "
        f"speaker); correct the text, cite the words that hold {'it' if one else 'them'}, or, if the fact is right "
        "as it stands, add 'unquoted:' with those 'details:' and a 'reason:'"
    )


def _reference(data: Record, location: Location, names: tuple[str, ...]) -> Reference:
    """What the fact at `location` may name unquoted: `names`, and the date of its event or status change."""
    if isinstance(data, schema.EventFile):
        date = data.date
        if date.day is not None:
            return Reference.dated(names, date.day)
        if date.month is not None:
            year, month = map(int, date.month.split("-"))
            return Reference(names, year, month)
        return Reference(names, date.year)
    if isinstance(data, schema.QuestionFile) and location[0] == "history":
        return Reference.dated(names, data.history[int(location[1])].as_of)
    return Reference(names)

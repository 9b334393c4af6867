"""The editorial checks: loaded words in the briefing's own voice, and details a fact's quotes do not hold."""

from __future__ import annotations

from typing import NamedTuple

from ..content import schema
from ..content.fields import Location
from ..content.kinds import BY_NAME
from ..content.model import CitedFact
from ..content.schema import Fact, Record
from ..errors import Problem
from ..read.records import RawRecord
from .citations import Source
from .details import Aliases, PartialDate, Reference, changed_qualifiers, is_number_or_date, unquoted_details
from .vocabulary import PhraseFinder


def check_own_voice(
    record: RawRecord, facts: tuple[CitedFact[Fact], ...], loaded: PhraseFinder, problems: list[Problem]
) -> None:
    """Warn where the briefing itself, not a participant, uses a loaded or evaluative word."""
    for cited in facts:
        if cited.fact.said_by is None and (match := loaded.search(cited.fact.text)):
            line, col = record.position((*cited.location, "text"))
            message = (
                f"'{match.group(0)}' is a loaded word in the briefing's own voice; reword it neutrally, "
                "or attribute the claim to whoever made it with 'said_by'"
            )
            problems.append(Problem(record.path, line, col, "loaded-word", message, severity="warning"))


class Meeting(NamedTuple):
    """An event that names a participant: its date, and its title and place, which the participant's facts
    may name unquoted ("at the Riyadh meeting on 18 February")."""

    date: PartialDate
    names: tuple[str, ...]


class Known(NamedTuple):
    """What checking a fact's details needs of the other files."""

    sources: dict[str, Source]
    speakers: dict[str, str]
    """Participant id -> name."""
    aliases: Aliases
    meetings: dict[str, tuple[Meeting, ...]]
    """Participant id -> the events that name it."""


def check_details(
    record: RawRecord, data: Record, facts: tuple[CitedFact[Fact], ...], known: Known, problems: list[Problem]
) -> None:
    """Refuse a number or date in a fact's text that its quotes and reference dates lack, or a number whose
    qualifier its quotes do not give ("eight hours" for "more than eight hours"); warn of such a name."""
    own_name = str(getattr(data, title_field(record.kind)))
    meetings = known.meetings.get(record.id, ()) if record.kind == "participants" else ()
    own_names = (own_name, *(name for meeting in meetings for name in meeting.names))
    own_dates = (event_date(data.date),) if isinstance(data, schema.EventFile) else tuple(m.date for m in meetings)
    for cited in facts:
        fact = cited.fact
        speaker = known.speakers.get(fact.said_by) if fact.said_by else None
        names = (*own_names, *((speaker,) if speaker else ()))
        sources = [known.sources[passage.source] for passage in cited.passages]
        quoted = tuple(
            source.text.text[start:end]
            for source, passage in zip(sources, cited.passages, strict=True)
            for start, end in passage.spans
        )
        published = (PartialDate.of(source.published, by_weekday=False) for source in sources)
        dates = (*own_dates, *_location_date(data, cited.location), *published)
        missing = unquoted_details(fact.text, quoted, Reference(names, dates), known.aliases)
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


def title_field(kind: str) -> str:
    """The field that names a record of the kind: a kind's title field, or the briefing's `title`."""
    return BY_NAME[kind].title_field if kind in BY_NAME else "title"


def _location_date(data: Record, location: Location) -> tuple[PartialDate, ...]:
    """The date of the status change a history entry records."""
    if isinstance(data, schema.QuestionFile) and location[0] == "history":
        return (PartialDate.of(data.history[int(location[1])].as_of),)
    return ()


def event_date(date: schema.EventDate) -> PartialDate:
    """An event's date as precisely as it is known."""
    if date.day is not None:
        return PartialDate.of(date.day)
    if date.month is not None:
        year, month = map(int, date.month.split("-"))
        return PartialDate(year, month)
    return PartialDate(int(date.year or 0))

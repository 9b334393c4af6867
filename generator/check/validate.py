"""Raw records -> a Briefing, or every problem found: the order the checks run in. Never raises on bad content.

Each file is checked on its own against what every file needs of the others (`FileContext`); only
`_check_across_files` looks at more than one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import pydantic

from ..content import schema
from ..content.fields import Location, field_names, references, targets_of
from ..content.kinds import BY_NAME
from ..content.model import Briefing, CitedFact, Entity, build_briefing
from ..content.schema import EntityFile, Fact, Record
from ..errors import Problem
from ..read.cache import ContentCache
from ..read.records import PLACEHOLDER_DATE, PLACEHOLDER_TEXT, RawContent, RawRecord
from .attribution import (
    check_correction_wording,
    check_quotation_marks,
    check_speaker_named,
    check_title_quotation_marks,
)
from .citations import Checked, Source, resolve_facts, source_texts
from .editorial import Known, Meeting, check_details, check_own_voice, event_date, title_field
from .framing import check_framing
from .messages import at, dotted, reported_problems, shown, type_name
from .references import check_former_ids, check_references, misnamed
from .rules import check_attendees_once, check_disputes, check_history_order, check_history_sources
from .schema_messages import schema_problem
from .time_words import check_time_words
from .vocabulary import Vocabulary


@dataclass
class FileContext:
    """What checking one file needs to know of the others, settled before any file is checked.

    Each file is then checked on its own (`_check_file`); only
    `_check_across_files` looks at more than one.
    """

    known: set[tuple[str, str]]
    """(kind, id) of every content file, read or not: a reference to any of them is not dangling."""
    skipped: set[PurePosixPath]
    """Files whose id is invalid or taken by another file: reported already, not checked."""
    sources: dict[str, Source]
    vocabulary: Vocabulary
    names: dict[str, str]
    """Participant id -> name, as its file gives it: a fact may name its speaker without quoting the name."""
    meetings: dict[str, tuple[Meeting, ...]]
    """Participant id -> the events that name it."""

    def takes(self, record: RawRecord, unreadable: bool) -> bool:
        """Whether to check the record; one that could not be read or parsed is reported already."""
        return record.path not in self.skipped and (record.data is not None or not unreadable)


@dataclass
class CheckedFile:
    """A file that passed its schema, with what the checks found in it."""

    record: RawRecord
    data: Record
    targets: list[tuple[str, str]]
    """(kind, id) of every entity it refers to."""
    facts: tuple[CitedFact[Fact], ...]
    attendance: tuple[CitedFact[schema.Attendance], ...] = ()


def validate(raw: RawContent, cache: ContentCache | None = None) -> tuple[Briefing | None, list[Problem]]:
    """Check everything and build the briefing; the briefing is None if any problem was found.

    With a cache, a quote already found in the same text of its seed is not searched for again.
    """
    problems = list(raw.problems)
    unreadable = {problem.path for problem in problems}
    context, checked_sources = _prepare(raw, unreadable, problems, cache)
    sources = {item.record.path: item for item in checked_sources}
    checked: list[CheckedFile] = []
    for record in raw.records:  # in their order, which decides who claimed a former id first
        if record.kind == "sources":
            item = sources.get(record.path)
        else:
            item = _check_file(record, context, problems) if context.takes(record, record.path in unreadable) else None
        if item is not None:
            checked.append(item)
    passed = {(item.record.kind, item.record.id) for item in checked}
    formerly = [(item.record, item.data.formerly) for item in checked if isinstance(item.data, EntityFile)]
    _check_across_files(raw.content_dir, raw.records, passed, formerly, problems)
    meta = [(item, item.data) for item in checked if isinstance(item.data, schema.BriefingFile)]
    as_of = _as_of(meta[0] if meta else None, checked, problems)
    if any(problem.is_error for problem in problems) or not meta or as_of is None:
        return None, reported_problems(problems)
    entities: dict[str, dict[str, Entity[EntityFile]]] = {}
    for item in checked:
        if isinstance(item.data, EntityFile):
            record = item.record
            entity = Entity(record.kind, record.id, item.data, record.path, item.facts, item.attendance)
            entities.setdefault(record.kind, {})[record.id] = entity
    references = {
        (item.record.kind, item.record.id): {target for kind, target in item.targets if kind == "participants"}
        for item in checked
    }
    texts = {source_id: source.text.text for source_id, source in context.sources.items()}
    briefing = build_briefing(meta[0][1], as_of, meta[0][0].facts, entities, texts, references)
    return briefing, reported_problems(problems)


def _as_of(
    meta: tuple[CheckedFile, schema.BriefingFile] | None, checked: list[CheckedFile], problems: list[Problem]
) -> datetime.date | None:
    """The briefing's as-of date: the newest source's publication or status change, or a later date it sets."""
    dated: list[tuple[datetime.date, PurePosixPath]] = []
    for item in checked:
        if isinstance(item.data, schema.SourceFile):
            dated.append((item.data.published, item.record.path))
        elif isinstance(item.data, schema.QuestionFile):
            dated.extend((change.as_of, item.record.path) for change in item.data.history)
    if not dated:
        return None  # no source passed its checks, and that is reported already
    newest, holder = max(dated)
    given = meta[1].as_of if meta is not None else None
    if meta is not None and given is not None and given < newest:
        message = (
            f"'as_of' is {given.isoformat()}, but {holder} holds {newest.isoformat()}, which is newer; "
            f"set 'as_of' to {newest.isoformat()} or later, or leave it out to have it worked out"
        )
        problems.append(at(meta[0].record, ("as_of",), "stale-as-of", message))
    return max(newest, given or newest)


def _prepare(
    raw: RawContent, unreadable: set[PurePosixPath], problems: list[Problem], cache: ContentCache | None
) -> tuple[FileContext, list[CheckedFile]]:
    """The context every file is checked in, and the source files, checked first since the others quote them."""
    records = raw.records
    skipped = misnamed(records, problems)
    known = {(record.kind, record.id) for record in records}
    names = {
        record.id: name
        for record in records
        if record.kind == "participants"
        and isinstance(record.data, dict)
        and isinstance(name := record.data.get("name"), str)
    }
    context = FileContext(known, skipped, {}, Vocabulary.of(raw), names, _meetings(records))
    source_files = [
        record for record in records if record.kind == "sources" and context.takes(record, record.path in unreadable)
    ]
    valid = [item for record in source_files if (item := _check_record(record, problems))]
    context.sources = source_texts(valid, raw.seeds, problems, cache)
    return context, [_check_valid(record, data, context, problems) for record, data in valid]


def _meetings(records: list[RawRecord]) -> dict[str, tuple[Meeting, ...]]:
    """Participant id -> the events that name it, from every event whose date is valid; an invalid one is
    reported where it is checked."""
    found: dict[str, list[Meeting]] = {}
    for record in records:
        if record.kind != "events" or not isinstance(record.data, dict):
            continue
        try:
            date = event_date(schema.EventDate.model_validate(record.data.get("date")))
        except pydantic.ValidationError:
            continue
        names = tuple(name for key in ("title", "location") if isinstance(name := record.data.get(key), str))
        attending = [entry.get("participant") for entry in _list(record.data, "attendance") if isinstance(entry, dict)]
        for participant in {*_list(record.data, "participants"), *attending}:
            if isinstance(participant, str):
                found.setdefault(participant, []).append(Meeting(date, names))
    return {participant: tuple(meetings) for participant, meetings in found.items()}


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _check_file(record: RawRecord, context: FileContext, problems: list[Problem]) -> CheckedFile | None:
    """Check one file against its schema, the ids it refers to, its quotes and its wording."""
    item = _check_record(record, problems)
    return None if item is None else _check_valid(*item, context, problems)


def _check_valid(record: RawRecord, data: Record, context: FileContext, problems: list[Problem]) -> CheckedFile:
    targets = targets_of(data)
    if not context.known.issuperset(targets):
        check_references(record, list(references(data)), context.known, problems)
    facts, attendance = resolve_facts(record, data, context.sources, problems)
    vocabulary = context.vocabulary
    check_own_voice(record, facts, vocabulary.loaded, problems)
    problems += check_speaker_named(record, facts, context.names, vocabulary.aliases)
    problems += check_quotation_marks(record, facts, context.sources)
    problems += check_framing(record, facts, context.sources, vocabulary.framing)
    problems += check_time_words(record, data, facts, vocabulary.time)
    if isinstance(data, schema.EntityFile | schema.BriefingFile):
        problems += check_correction_wording(record, data.corrections, context.sources)
    if record.kind != "sources":  # a source's title names a document, not what anyone said
        field = title_field(record.kind)
        problems += check_title_quotation_marks(record, field, str(getattr(data, field)), facts, context.sources)
    known = Known(context.sources, context.names, vocabulary.aliases, context.meetings)
    check_details(record, data, facts, known, problems)
    check_disputes(record, data, problems)
    if isinstance(data, schema.QuestionFile):
        check_history_order(record, data, problems)
        check_history_sources(record, data, context.sources, problems)
    if isinstance(data, schema.EventFile):
        check_attendees_once(record, data, problems)
    return CheckedFile(record, data, targets, facts, attendance)


def _check_across_files(
    content_dir: PurePosixPath,
    records: list[RawRecord],
    passed: set[tuple[str, str]],
    formerly: list[tuple[RawRecord, list[str]]],
    problems: list[Problem],
) -> None:
    """What no file shows alone: briefing.yml missing, and former ids claimed twice.

    `passed` holds (kind, id) of every file that passed its schema; `formerly`
    those of them that name former ids, in the order of `records`, with their former ids.
    """
    if not any(record.kind == "briefing" for record in records):
        problems.append(
            Problem(
                content_dir / "briefing.yml",
                0,
                0,
                "missing-file",
                "briefing.yml not found; create it with title, as_of and summary",
            )
        )
    check_former_ids(passed, formerly, problems)


def _check_record(record: RawRecord, problems: list[Problem]) -> Checked | None:
    shape = schema.BriefingFile if record.kind == "briefing" else BY_NAME[record.kind].model
    if not isinstance(record.data, dict):
        found = "an empty file" if record.data is None else type_name(record.data)
        problems.append(
            Problem(
                record.path,
                1,
                1,
                "not-a-mapping",
                f"expected a mapping of fields ({', '.join(field_names(shape))}), found {found}",
            )
        )
        return None
    problems.extend(_placeholders(record, record.data))
    try:
        return record, shape.model_validate(record.data)
    except pydantic.ValidationError as error:
        problems.extend(schema_problem(record, shape, detail) for detail in error.errors())
        return None


def _placeholders(record: RawRecord, value: Any, location: Location = ()) -> Iterator[Problem]:
    """Placeholders a scaffold left in place: each is an error until the maintainer replaces it."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(record, item, (*location, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _placeholders(record, item, (*location, index))
    elif isinstance(value, str) and (value.startswith(PLACEHOLDER_TEXT) or value == PLACEHOLDER_DATE):
        yield at(
            record,
            location,
            "placeholder",
            f"'{dotted(location)}' still holds the placeholder {shown(value)}; replace it",
        )

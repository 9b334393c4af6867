"""Raw records -> a Briefing, or every problem found. Never raises on bad content."""

from __future__ import annotations

import datetime
import difflib
import hashlib
import itertools
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePosixPath
from typing import Any

import pydantic

from . import schema
from .cache import ContentCache
from .details import ASCII_RUNS, WORD_RUN, Aliases, Reference, unquoted_details
from .errors import Problem
from .fields import FieldShape, fields_of
from .kinds import BY_NAME
from .load import ID_RE, PLACEHOLDER_DATE, PLACEHOLDER_TEXT, Location, RawContent, RawRecord
from .model import Briefing, CitedFact, Entity, Passage, anchor_of_id, build_briefing
from .quotes import QuoteMatch, SourceText, Span, header_bounds
from .schema import Fact, Record

Checked = tuple[RawRecord, Record]
#: Past this many problems in one file the rest are counted, not listed: they would bury every other file's.
MAX_PROBLEMS_PER_FILE = 20


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
    sources: dict[str, _Source]
    loaded: LoadedWords | None
    aliases: Aliases
    names: dict[str, str]
    """Participant id -> name, as its file gives it: a fact may name its speaker without quoting the name."""

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
    formerly = [(item.record, former) for item in checked if (former := getattr(item.data, "formerly", None))]
    _check_across_files(raw.content_dir, raw.records, passed, formerly, problems)
    meta = [item for item in checked if item.record.kind == "briefing"]
    as_of = _as_of(meta[0] if meta else None, checked, problems)
    if any(problem.is_error for problem in problems) or not meta or as_of is None:
        return None, _reported_problems(problems)
    entities: dict[str, dict[str, Entity[Any]]] = {}
    for item in checked:
        if item.record.kind != "briefing":
            record = item.record
            entity = Entity(record.kind, record.id, item.data, record.path, item.facts, item.attendance)
            entities.setdefault(record.kind, {})[record.id] = entity
    references = {
        (item.record.kind, item.record.id): {target for kind, target in item.targets if kind == "participants"}
        for item in checked
    }
    texts = {source_id: source.text.text for source_id, source in context.sources.items()}
    briefing = build_briefing(
        typing.cast(schema.BriefingFile, meta[0].data), as_of, meta[0].facts, entities, texts, references
    )
    return briefing, _reported_problems(problems)


def _as_of(meta: CheckedFile | None, checked: list[CheckedFile], problems: list[Problem]) -> datetime.date | None:
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
    given = meta.data.as_of if meta is not None and isinstance(meta.data, schema.BriefingFile) else None
    if meta is not None and given is not None and given < newest:
        message = (
            f"'as_of' is {given.isoformat()}, but {holder} holds {newest.isoformat()}, which is newer; "
            f"set 'as_of' to {newest.isoformat()} or later, or leave it out to have it worked out"
        )
        problems.append(_at(meta.record, ("as_of",), "stale-as-of", message))
    return max(newest, given or newest)


def _prepare(
    raw: RawContent, unreadable: set[PurePosixPath], problems: list[Problem], cache: ContentCache | None
) -> tuple[FileContext, list[CheckedFile]]:
    """The context every file is checked in, and the source files, checked first since the others quote them."""
    records = raw.records
    skipped = _misnamed(records, problems)
    known = {(record.kind, record.id) for record in records}
    loaded = LoadedWords(raw.loaded_words) if raw.loaded_words else None
    names = {
        record.id: name
        for record in records
        if record.kind == "participants"
        and isinstance(record.data, dict)
        and isinstance(name := record.data.get("name"), str)
    }
    context = FileContext(known, skipped, {}, loaded, Aliases(raw.aliases), names)
    source_files = [
        record for record in records if record.kind == "sources" and context.takes(record, record.path in unreadable)
    ]
    valid = [item for record in source_files if (item := _check_record(record, problems))]
    context.sources = _source_texts(valid, raw.seeds, problems, cache)
    return context, [_check_valid(record, data, context, problems) for record, data in valid]


def _check_file(record: RawRecord, context: FileContext, problems: list[Problem]) -> CheckedFile | None:
    """Check one file against its schema, the ids it refers to, its quotes and its wording."""
    item = _check_record(record, problems)
    return None if item is None else _check_valid(*item, context, problems)


def _check_valid(record: RawRecord, data: Record, context: FileContext, problems: list[Problem]) -> CheckedFile:
    targets = targets_of(data)
    if not context.known.issuperset(targets):
        _check_references(record, list(_references(data)), context.known, problems)
    facts, attendance = _resolve_facts(record, data, context.sources, problems)
    _check_own_voice(record, facts, context.loaded, problems)
    _check_details(record, data, facts, context, problems)
    _check_disputes(record, data, problems)
    if isinstance(data, schema.QuestionFile):
        _check_history_order(record, data, problems)
        _check_history_sources(record, data, context.sources, problems)
    if isinstance(data, schema.EventFile):
        _check_attendees_once(record, data, problems)
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
    _check_former_ids(passed, formerly, problems)


def _reported_problems(problems: list[Problem]) -> list[Problem]:
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


def _misnamed(records: list[RawRecord], problems: list[Problem]) -> set[PurePosixPath]:
    """Files whose id another file has taken, or which is not a valid id: reported here, and not checked."""
    seen: dict[tuple[str, str], RawRecord] = {}
    found = set()
    for record in records:
        key = (record.kind, record.id)
        if key in seen:
            message = f"id '{record.id}' is already used by {seen[key].path}; rename or remove one of them"
            problems.append(Problem(record.path, 0, 0, "duplicate-id", message))
            found.add(record.path)
            continue
        seen[key] = record
        if record.kind != "briefing" and not ID_RE.match(record.id):
            problems.append(Problem(record.path, 0, 0, "invalid-id", _invalid_id_message(record.id)))
            found.add(record.path)
    return found


def _invalid_id_message(stem: str) -> str:
    suggestion = "-".join(
        filter(None, "".join(c if c.isalnum() and c.isascii() else " " for c in stem.lower()).split())
    )
    hint = f", e.g. '{suggestion}.yml'" if suggestion else ""
    return f"file name '{stem}' is not a valid id: use lowercase letters, digits and hyphens{hint}"


def _check_record(record: RawRecord, problems: list[Problem]) -> Checked | None:
    shape = schema.BriefingFile if record.kind == "briefing" else BY_NAME[record.kind].model
    if not isinstance(record.data, dict):
        found = "an empty file" if record.data is None else _type_name(record.data)
        problems.append(
            Problem(
                record.path,
                1,
                1,
                "not-a-mapping",
                f"expected a mapping of fields ({', '.join(shape.model_fields)}), found {found}",
            )
        )
        return None
    if record.placeholder_sign:
        problems.extend(_placeholders(record, record.data))
    try:
        return record, shape.model_validate(record.data)
    except pydantic.ValidationError as error:
        problems.extend(_schema_problem(record, shape, detail) for detail in error.errors())
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
        yield _at(
            record,
            location,
            "placeholder",
            f"'{_dotted(location)}' still holds the placeholder {_shown(value)}; replace it",
        )


# --- schema errors -> maintainer's messages ----------------------------------------------

#: Fields earlier versions had, with what to write instead.
RETIRED_FIELDS = {
    "present": "who was at the table is told per meeting now; remove it, and list the participant under "
    "the meeting's 'attendance' with its capacity and a citation (MAINTAINING.md, 'Meetings and attendance')",
}
_PATTERN_HINTS = {
    schema.ID_PATTERN: "is not a valid id: use lowercase letters, digits and hyphens",
    schema.URL_PATTERN: "must be an http:// or https:// address with no spaces, quotes or brackets",
    schema.FILE_NAME_PATTERN: "must be a plain file name in seeds/, without folders",
    schema.TEXT_PATTERN: "must not be empty",
    schema.MONTH_PATTERN: "is not a month: write it YYYY-MM, e.g. 2022-02",
    schema.ANCHOR_PATTERN: "is not a fact's anchor: copy it from the page's address after '#', e.g. f-1a2b3c4d",
    schema.SHA256_PATTERN: "is not a SHA-256 (64 digits 0-9 and a-f); `briefing pin ID` writes it",
}
#: Required fields some command writes, with that command.
_WRITTEN_BY = {
    "sha256": "`briefing new source ID --file NAME` writes it for a new source, `briefing pin ID` for one already there",
}
_TYPE_NAMES = {
    "string_type": "text",
    "list_type": "a list",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "dict_type": "a mapping of fields",
}


def _schema_problem(record: RawRecord, shape: type[Record], detail: Any) -> Problem:
    location: Location = tuple(detail["loc"])
    kind = detail["type"]
    name = _dotted(location)
    value = detail.get("input")
    if kind == "extra_forbidden" and location[-1] in RETIRED_FIELDS:
        return _at(
            record, location, "retired-field", f"'{location[-1]}' is no longer a field: {RETIRED_FIELDS[location[-1]]}"
        )
    if kind == "extra_forbidden":
        fields = list(_model_at(shape, location[:-1]).model_fields)
        return _at(
            record,
            location,
            "unknown-field",
            f"unknown field '{location[-1]}'{_did_you_mean(str(location[-1]), fields, 'fields: ')}",
        )
    if kind == "missing":
        hint = _WRITTEN_BY.get(str(location[-1]))
        return _at(
            record, location[:-1], "missing-field", f"missing required field '{name}'" + (f"; {hint}" if hint else "")
        )
    if kind in _TYPE_NAMES:
        return _at(record, location, "wrong-type", f"'{name}' must be {_TYPE_NAMES[kind]}, found {_type_name(value)}")
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(detail["ctx"]["pattern"], "is not written as this field expects")
        return _at(record, location, "invalid-value", f"'{name}': {_shown(value)} {hint}")
    if kind.startswith("date_"):
        reason = detail.get("ctx", {}).get("error")
        why = f" ({reason})" if reason else ""
        return _at(
            record,
            location,
            "invalid-date",
            f"'{name}' must be a real date written YYYY-MM-DD, found {_shown(value)}{why}",
        )
    if kind == "literal_error":
        return _at(
            record, location, "invalid-value", f"'{name}' must be {detail['ctx']['expected']}, found {_shown(value)}"
        )
    if kind in ("too_short", "string_too_short"):
        return _at(record, location, "empty", f"'{name}' must not be empty")
    if kind == "value_error":
        return _at(record, location, "invalid-value", f"{name + ': ' if name else ''}{detail['ctx']['error']}")
    if kind in ("greater_than_equal", "less_than_equal"):
        bound, word = (
            (detail["ctx"]["ge"], "or more") if kind == "greater_than_equal" else (detail["ctx"]["le"], "or less")
        )
        return _at(record, location, "invalid-value", f"'{name}' must be {bound} {word}, found {value}")
    return _at(record, location, "invalid-value", f"'{name}': {_shown(value)} is not allowed here")


def _at(record: RawRecord, location: Location, code: str, message: str) -> Problem:
    line, col = record.position(location)
    return Problem(record.path, line, col, code, message)


def _dotted(location: Location) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else f"{'.' if text else ''}{part}"
    return text


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_shown(value)}"
    if isinstance(value, dict):
        return "a mapping"
    return "a list" if isinstance(value, list) else type(value).__name__


def _shown(value: Any) -> str:
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _did_you_mean(word: str, choices: list[str], listing: str = "") -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" ({listing}{', '.join(choices)})" if listing and choices else ""


def _model_at(shape: type[Record], location: Location) -> type[Record]:
    for part in location:
        if isinstance(part, str) and part in shape.model_fields:
            inner = _fields_by_name(shape)[part].record
            if inner is not None:
                shape = inner
    return shape


@cache
def _fields_by_name(shape: type[Record]) -> dict[str, FieldShape]:
    return {field.name: field for field in fields_of(shape)}


# --- references between entities --------------------------------------------------------


def _references(data: Record, location: Location = ()) -> Iterator[tuple[Location, str, str]]:
    """(location, target kind, id) of every id reference in a validated record."""
    for name, target, _ in _linking_fields(type(data)):
        for index, item in _items(getattr(data, name)):
            here = location + (name,) + ((index,) if index is not None else ())
            if target and isinstance(item, str):
                yield here, target, item
            elif isinstance(item, Record):
                yield from _references(item, here)


def targets_of(data: Record, outside_facts: bool = False) -> list[tuple[str, str]]:
    """(target kind, id) of every id reference in a validated record: `_references` without locations.

    Locations are needed only to report a reference to an unknown id; every
    record is walked for its references, and almost all of them are known.
    With `outside_facts`, the fields holding facts or attendance are left out.
    """
    found: list[tuple[str, str]] = []
    pending = [data]
    while pending:
        record = pending.pop()
        for name, target, holds_facts in _linking_fields(type(record)):
            if outside_facts and holds_facts:
                continue
            value = getattr(record, name)
            for item in value if isinstance(value, list) else (value,):
                if target and isinstance(item, str):
                    found.append((target, item))
                elif isinstance(item, Record):
                    pending.append(item)
    return found


def _items(value: Any) -> Iterator[tuple[int | None, Any]]:
    if isinstance(value, list):
        yield from enumerate(value)
    elif value is not None:
        yield None, value


@cache
def _linking_fields(shape: type[Record]) -> tuple[tuple[str, str | None, bool], ...]:
    """(name, kind it refers to, holds facts) of the fields that refer to entities or hold nested records.

    Walking only these skips the text and date fields, which make up most of a record.
    """
    return tuple((f.name, f.ref, f.holds_facts) for f in fields_of(shape) if f.ref or f.record is not None)


def _check_references(
    record: RawRecord, links: list[tuple[Location, str, str]], known: set[tuple[str, str]], problems: list[Problem]
) -> None:
    dangling = [(location, kind, target) for location, kind, target in links if (kind, target) not in known]
    for number, (location, kind, target) in enumerate(dangling):
        # A suggestion costs a fuzzy match each, and only the first problems of a file are shown.
        shown = number < MAX_PROBLEMS_PER_FILE
        ids = sorted(entity_id for entity_kind, entity_id in known if entity_kind == kind) if shown else []
        what = kind[:-1]
        problems.append(
            _at(
                record,
                location,
                "unknown-id",
                f"unknown {what} '{target}'{_did_you_mean(target, ids)}; {what} ids are the file names in content/{kind}/",
            )
        )


def _check_former_ids(
    current: set[tuple[str, str]], formerly: list[tuple[RawRecord, list[str]]], problems: list[Problem]
) -> None:
    """A former id keeps an old URL working, so it must not be any other entry's id, now or before."""
    claimed: dict[tuple[str, str], str] = {}
    for record, former_ids in formerly:
        for index, former in enumerate(former_ids):
            key = (record.kind, former)
            if key in current or key in claimed:
                owner = record.kind + "/" + (former if key in current else claimed[key])
                message = f"former id '{former}' is already used by {owner}; an old URL can lead to one page only"
                problems.append(_at(record, ("formerly", index), "duplicate-id", message))
            claimed.setdefault(key, record.id)


# --- sources and quotes -------------------------------------------------------------------


@dataclass
class _Source:
    text: SourceText
    sha256: str
    published: datetime.date
    cache: ContentCache | None = None
    changed: bool = False
    """The seed's text no longer has the SHA-256 its citations were checked against."""
    headlines: list[tuple[int, int, str]] = field(default_factory=list)
    """(start, end, headline) of each passage the source marks as a headline."""
    header_end: int = 0
    """Where the document's words begin: the end of the header the source declares, if any."""

    def find(self, quote: str) -> list[QuoteMatch]:
        """Every occurrence of the quote; from the cache when this seed's text held it before."""
        if self.cache is None:
            return self.text.find(quote)
        matches = self.cache.quote(self.sha256, quote)
        if matches is None:
            matches = self.text.find(quote)
            if matches:  # a quote not found is looked at again, for the closest passage
                self.cache.keep_quote(self.sha256, quote, matches)
        return matches


def seed_sha256(text: str) -> str:
    """SHA-256 of a seed's text as UTF-8: what a source records, and `briefing pin` writes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _source_texts(
    checked: list[Checked], seeds: dict[str, str], problems: list[Problem], cache: ContentCache | None
) -> dict[str, _Source]:
    sources = {}
    unreadable = {problem.path for problem in problems}
    for record, data in checked:
        if not isinstance(data, schema.SourceFile):
            continue
        if PurePosixPath("seeds", data.file) in unreadable:
            continue  # the seed is there but could not be read, and that is reported already
        if data.file not in seeds:
            message = f"seed file '{data.file}' not found in seeds/{_did_you_mean(data.file, sorted(seeds))}"
            problems.append(_at(record, ("file",), "missing-seed", message))
            continue
        text = seeds[data.file]
        digest = seed_sha256(text)
        source = _Source(SourceText(text), digest, data.published, cache, changed=digest != data.sha256)
        sources[record.id] = source
        if data.header is not None:
            source.header_end = _header_end(record, data, text, problems)
        if source.changed:
            message = (
                f"seeds/{data.file} has changed since its citations were checked (sha256 recorded "
                f"{data.sha256[:12]}..., now {digest[:12]}...); re-verify each citation of "
                f"'{record.id}' reported with this, then run `briefing pin {record.id}`"
            )
            problems.append(_at(record, ("sha256",), "seed-changed", message))
        for index, headline in enumerate(data.headlines):
            matches = source.find(headline)
            if not matches:
                problems.append(
                    _at(
                        record,
                        ("headlines", index),
                        "quote-not-found",
                        f"headline {_shown(headline)} not found in seeds/{data.file}",
                    )
                )
            source.headlines.extend((*match.spans[0], headline) for match in matches)
    return sources


def _header_end(record: RawRecord, data: schema.SourceFile, text: str, problems: list[Problem]) -> int:
    bounds = header_bounds(text, data.header)
    if bounds is None:
        begins = " ".join(text.split()[:6])
        message = f"'header' must be how seeds/{data.file} begins, word for word; it begins {_shown(begins)}"
        problems.append(_at(record, ("header",), "header-not-found", message))
        return 0
    return bounds[1]


def _facts(data: Record, location: Location = ()) -> Iterator[tuple[Location, Fact | schema.Attendance]]:
    """Every fact and attendance entry in a record, in declaration order: the order they appear on the page."""
    for name, _, holds_facts in _linking_fields(type(data)):
        if not holds_facts:
            continue
        for index, item in _items(getattr(data, name)):
            here = location + (name,) + ((index,) if index is not None else ())
            if isinstance(item, (Fact, schema.Attendance)):
                yield here, item
            elif isinstance(item, Record):
                yield from _facts(item, here)


def fact_anchor(fact: Fact, first: Passage, field_name: str) -> str:
    """A fact's id on its page, from what never moves: its explicit `id`, or its field and where its first quote begins.

    Seeds never change (their hash is pinned), so a fact keeps its anchor in
    every edition, whatever facts come before it. The field keeps apart, say, a
    question's reason and its status when both quote the same sentence.
    """
    if fact.id:
        return anchor_of_id(fact.id)
    where = f"{first.source}:{first.spans[0][0]}:{field_name}"
    digest = hashlib.blake2b(where.encode(), digest_size=4).hexdigest()
    return f"f-{digest}"


def _resolve_facts(
    record: RawRecord, data: Record, sources: dict[str, _Source], problems: list[Problem]
) -> tuple[tuple[CitedFact[Fact], ...], tuple[CitedFact[schema.Attendance], ...]]:
    """The record's facts and its attendance entries, each with its passages and anchor."""
    resolved: list[CitedFact[Fact]] = []
    attendance: list[CitedFact[schema.Attendance]] = []
    anchors: dict[str, Location] = {}
    number = 0
    for location, item in _facts(data):
        passages = []
        for index, citation in enumerate(item.cite):
            passage = _resolve_citation(record, (*location, "cite", index), citation, item, sources, problems)
            if passage:
                passages.append(passage)
        if len(passages) < len(item.cite):
            continue  # its unresolved quote is reported; without it, the fact has no anchor to check
        if isinstance(item, schema.Attendance):
            attendance.append(CitedFact(f"a-{item.participant}", location, item, tuple(passages)))
            continue
        number += 1
        anchor = fact_anchor(item, passages[0], str(location[0]))
        if anchor in anchors:
            _same_anchor(record, location, anchors[anchor], item, problems)
        anchors.setdefault(anchor, location)
        resolved.append(CitedFact(anchor, location, item, tuple(passages), f"fact-{number}"))
    return tuple(resolved), tuple(attendance)


def _same_anchor(record: RawRecord, location: Location, first: Location, fact: Fact, problems: list[Problem]) -> None:
    line, _ = record.position(first)
    if fact.id:
        message = f"id '{fact.id}' is already the id of the fact at line {line}; give each fact its own"
        problems.append(_at(record, (*location, "id"), "duplicate-id", message))
        return
    message = (
        f"this fact's first quote starts where the first quote of the fact at line {line} does, so both would "
        "have the same anchor; give one of them an 'id:' (lowercase letters, digits and hyphens)"
    )
    problems.append(_at(record, location, "duplicate-anchor", message))


def _resolve_citation(
    record: RawRecord,
    location: Location,
    citation: schema.Citation,
    fact: Fact | schema.Attendance,
    sources: dict[str, _Source],
    problems: list[Problem],
) -> Passage | None:
    found = sources.get(citation.source)
    if found is None:
        return None  # the unknown source or its missing seed is reported already
    source = found.text
    if found.changed:
        message = f"cites '{citation.source}', whose seed has changed: re-verify this quote against it"
        problems.append(_at(record, (*location, "quote"), "recheck-citation", message))
    matches = found.find(citation.quote)
    if len(matches) == 1 and citation.occurrence is None:  # by far the commonest case
        spans: tuple[Span, ...] | None = matches[0].spans
    else:
        spans = _chosen_occurrence(record, location, citation, matches, source, problems)
    if spans is None:
        return None
    if spans[0][0] < found.header_end:
        message = (
            f"quote is from the header of source '{citation.source}' (its own metadata, such as a date line), "
            "not the document's words; cite the text after it"
        )
        problems.append(_at(record, (*location, "quote"), "header-cited", message))
        return None
    said_by = fact.said_by if isinstance(fact, Fact) else None
    if said_by is None and found.headlines and (headline := _headline_at(spans, found.headlines)):
        problems.append(
            _at(
                record,
                (*location, "quote"),
                "headline-cited",
                f"quote is from the headline {_shown(headline)}, which cannot back a fact in the briefing's own voice; cite the article's text, or attribute the claim with 'said_by'",
            )
        )
        return None
    return Passage(citation.source, spans)


def _chosen_occurrence(
    record: RawRecord,
    location: Location,
    citation: schema.Citation,
    matches: list[QuoteMatch],
    source: SourceText,
    problems: list[Problem],
) -> tuple[Span, ...] | None:
    """The spans of the occurrence the citation picks, or None (with a problem) if it picks none."""
    where = (*location, "quote")
    if not matches:
        closest = source.closest_passage(citation.quote)
        hint = (
            f"; the closest passage is {_shown_passage(closest)}{_words_that_differ(citation.quote, closest)}"
            if closest
            else ""
        )
        problems.append(_at(record, where, "quote-not-found", f"quote not found in source '{citation.source}'{hint}"))
        return None
    if citation.occurrence is None and len(matches) > 1:
        problems.append(
            _at(
                record,
                where,
                "ambiguous-quote",
                f"quote occurs {len(matches)} times in source '{citation.source}'; quote more words or add 'occurrence: N' (1 to {len(matches)})",
            )
        )
        return None
    occurrence = citation.occurrence or 1
    if occurrence > len(matches):
        problems.append(
            _at(
                record,
                (*location, "occurrence"),
                "invalid-value",
                f"'occurrence' is {occurrence} but the quote occurs {len(matches)} time(s)",
            )
        )
        return None
    return matches[occurrence - 1].spans


def _shown_passage(text: str) -> str:
    """The passage as a YAML double-quoted string: pasted after `quote: `, it is found.

    A literal '...' in the source stays as it is: in a quote it joins fragments in order, so the quote still matches.
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _bare(words: list[str]) -> list[str]:
    return [word.strip(".,;:!?\"'()") for word in words]


def _words_that_differ(quote: str, passage: str) -> str:
    """Where the quote's words part from the passage's: "; the source has 'toward a' where the quote has 'towards'"."""
    said, found = quote.split(), passage.split()
    changes = []
    # Compared without the punctuation around words: a quote may end before the passage's full stop.
    matcher = difflib.SequenceMatcher(a=_bare(said), b=_bare(found), autojunk=False)
    for tag, start, end, other_start, other_end in matcher.get_opcodes():
        theirs, ours = repr(" ".join(found[other_start:other_end])), repr(" ".join(said[start:end]))
        if tag == "replace":
            changes.append(f"{theirs} where the quote has {ours}")
        elif tag == "insert":
            changes.append(f"{theirs} where the quote has nothing")
        elif tag == "delete" and other_start < len(found):  # past the passage's end, its words are not shown
            changes.append(f"nothing where the quote has {ours}")
    return f"; the source has {', and '.join(changes[:3])}" if changes else ""


def _headline_at(spans: tuple[tuple[int, int], ...], headlines: list[tuple[int, int, str]]) -> str | None:
    for start, end in spans:
        for head_start, head_end, headline in headlines:
            if start < head_end and head_start < end:
                return headline
    return None


def _check_history_order(record: RawRecord, question: schema.QuestionFile, problems: list[Problem]) -> None:
    """Status changes are listed oldest first: the last one is the current status."""
    for index, (before, change) in enumerate(itertools.pairwise(question.history), start=1):
        if change.as_of < before.as_of:
            line, _ = record.position(("history", index - 1, "as_of"))
            message = (
                f"this status is dated {change.as_of.isoformat()}, before the one above it ({before.as_of.isoformat()}, "
                f"line {line}); list status changes oldest first: move this entry up, or correct its date"
            )
            problems.append(_at(record, ("history", index, "as_of"), "history-order", message))


def _check_history_sources(
    record: RawRecord, question: schema.QuestionFile, sources: dict[str, _Source], problems: list[Problem]
) -> None:
    """A status holds from its own date, so it cannot rest on a source published after that date."""
    for index, change in enumerate(question.history):
        for number, citation in enumerate(change.cite):
            source = sources.get(citation.source)
            if source is not None and source.published > change.as_of:
                message = (
                    f"this status holds from {change.as_of.isoformat()} but cites '{citation.source}', published "
                    f"{source.published.isoformat()}; set its 'as_of' to {source.published.isoformat()} or later, "
                    "or cite a source published by then"
                )
                location = ("history", index, "cite", number, "source")
                problems.append(_at(record, location, "cites-later-source", message))


def _check_disputes(record: RawRecord, data: Record, problems: list[Problem]) -> None:
    """A fact that `contests` another names a fact of its own list by id; both are claims, and one disputed fact
    gathers all the claims against it."""
    facts = [(location, item) for location, item in _facts(data) if isinstance(item, Fact)]
    by_id = {(location[0], item.id): (location, item) for location, item in facts if item.id}
    for location, item in facts:
        if item.contests is None:
            continue
        found = by_id.get((location[0], item.contests))
        if found is None or found[1] is item:
            ids = sorted(
                str(other.id) for here, other in facts if other.id and here[0] == location[0] and other is not item
            )
            message = (
                f"'contests' names '{item.contests}', but no other fact in '{location[0]}' has that 'id'"
                f"{_did_you_mean(item.contests, ids)}; give the disputed fact 'id: {item.contests}', or correct the name"
            )
            problems.append(_at(record, (*location, "contests"), "unknown-claim", message))
            continue
        disputed_location, disputed = found
        if disputed.contests is not None:
            message = (
                f"'{item.contests}' itself contests '{disputed.contests}': contest '{disputed.contests}' instead, "
                "so that every claim against it stands in one table"
            )
            problems.append(_at(record, (*location, "contests"), "claim-chain", message))
        for where, claim in ((location, item), (disputed_location, disputed)):
            if claim.said_by is None:
                message = (
                    "claims that disagree are each someone's, never the briefing's own: attribute this one with "
                    "'said_by' (a participant id)"
                )
                problems.append(_at(record, (*where, "text"), "disputed-in-own-voice", message))


def _check_attendees_once(record: RawRecord, event: schema.EventFile, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for index, entry in enumerate(event.attendance):
        if entry.participant in seen:
            message = f"'{entry.participant}' is listed in attendance more than once; keep one entry and cite it twice"
            problems.append(_at(record, ("attendance", index, "participant"), "duplicate-attendee", message))
        seen.add(entry.participant)


# --- editorial checks ---------------------------------------------------------------------


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


def _check_own_voice(
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


def _check_details(
    record: RawRecord, data: Record, facts: tuple[CitedFact[Fact], ...], context: FileContext, problems: list[Problem]
) -> None:
    """Warn of a number, date or name in a fact's text that its quotes, entry, speaker and event date lack."""
    own_name = getattr(data, BY_NAME[record.kind].title_field if record.kind in BY_NAME else "title", None)
    for cited in facts:
        fact = cited.fact
        speaker = context.names.get(fact.said_by) if fact.said_by else None
        names = tuple(name for name in (own_name, speaker) if isinstance(name, str))
        quoted = tuple(
            context.sources[passage.source].text.text[start:end]
            for passage in cited.passages
            for start, end in passage.spans
        )
        missing = unquoted_details(fact.text, quoted, _reference(data, cited.location, names), context.aliases)
        excepted = fact.unquoted.details if fact.unquoted else []
        if flagged := [detail for detail in missing if detail not in excepted]:
            line, col = record.position((*cited.location, "text"))
            problems.append(Problem(record.path, line, col, "unquoted-detail", _unquoted(flagged), severity="warning"))
        for index, detail in enumerate(excepted):
            if detail not in missing:
                line, col = record.position((*cited.location, "unquoted", "details", index))
                message = f"'{detail}' is not a detail this fact's quotes lack (any more); remove it from 'unquoted'"
                problems.append(Problem(record.path, line, col, "needless-exception", message, severity="warning"))


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

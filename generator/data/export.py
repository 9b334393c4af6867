"""The briefing as open data: one JSON document, its JSON Schema, and a CSV per kind.

The export is the validated content as maintainers wrote it, plus what the
generator worked out: each fact's anchor on its page and, for every citation,
the exact character offsets of the quoted passages in the source text (which
the export includes, so a re-user can check every quote). Its schema is built
from the same content schemas editors use, so the two cannot drift apart;
`schema_version` changes its major number whenever a re-user's code could break.
"""

from __future__ import annotations

import copy
import csv
import datetime
import io
from collections.abc import Callable, Iterator
from typing import Any

from ..content.fields import fields_of
from ..content.kinds import EVENTS, PARTICIPANTS, QUESTIONS, SITE_ORDER, Kind
from ..content.model import AnyCited, Briefing, Entity, anchor_of_id, for_kind
from ..content.schema import Attendance, EntityFile, EventFile, Fact, QuestionFile
from ..render.corrections import Note, entity_notes, summary_notes
from ..render.display import format_event_date, title_of
from .positions import POSITION_SCHEMA, position_rows
from .schemas import SHAPES, json_schema

SCHEMA_VERSION = "2.4"
DATA_DIR = "data"
JSON_FILE = f"{DATA_DIR}/briefing.json"
SCHEMA_FILE = f"{DATA_DIR}/briefing.schema.json"


def export_briefing(briefing: Briefing) -> dict[str, Any]:
    """Everything in the briefing, with ids, pages, anchors and citation offsets."""
    meta = _with_facts(briefing.meta.model_dump(mode="json"), briefing.summary, briefing)
    _with_notes(meta, summary_notes(briefing))
    meta["as_of"] = briefing.as_of.isoformat()
    exported: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "briefing": {**meta, "page": "index.md"}}
    for kind in SITE_ORDER:
        exported[kind.name] = [_entity(entity, briefing) for entity in briefing.of_kind(kind)]
    exported["positions"] = list(position_rows(briefing))
    return exported


def _entity(entity: Entity[EntityFile], briefing: Briefing) -> dict[str, Any]:
    data = _with_facts(entity.data.model_dump(mode="json"), (*entity.facts, *entity.attendance), briefing)
    _with_notes(data, entity_notes(entity))
    extra = {"text": briefing.source_texts[entity.id]} if entity.kind == "sources" else {}
    return {"id": entity.id, "page": entity.page, **data, **extra}


def _with_facts(dumped: dict[str, Any], facts: tuple[AnyCited, ...], briefing: Briefing) -> dict[str, Any]:
    for cited in facts:
        node: Any = dumped
        for step in cited.location:
            node = node[step]
        node["anchor"] = cited.anchor
        for citation, passage in zip(node["cite"], cited.passages, strict=True):
            text = briefing.source_texts[passage.source]
            citation["passages"] = [_passage(text, start, end) for start, end in passage.spans]
    return dumped


#: Characters of the source's text a TextQuoteSelector gives on each side of its passage: the W3C model's "about 32".
SELECTOR_CONTEXT = 32


def _passage(text: str, start: int, end: int) -> dict[str, Any]:
    """One quoted fragment, with the W3C Web Annotation selectors that find it again in another copy of the text."""
    exact = text[start:end]
    quote = {
        "type": "TextQuoteSelector",
        "exact": exact,
        "prefix": text[max(0, start - SELECTOR_CONTEXT) : start],
        "suffix": text[end : end + SELECTOR_CONTEXT],
    }
    position = {"type": "TextPositionSelector", "start": start, "end": end}
    return {"start": start, "end": end, "text": exact, "selector": [quote, position]}


def _with_notes(dumped: dict[str, Any], notes: list[Note]) -> None:
    for exported, note in zip(dumped["corrections"], notes, strict=True):
        exported["anchor"] = note.anchor
        exported["removed"] = note.removed


# --- the export's JSON Schema ---------------------------------------------------------------


def _selector(kind: str, description: str, **properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": {"type": {"const": kind}, **properties},
        "required": ["type", *properties],
        "additionalProperties": False,
    }


_TEXT: dict[str, Any] = {"type": "string"}
_OFFSET: dict[str, Any] = {"type": "integer", "minimum": 0}
_PASSAGE = {
    "type": "object",
    "description": "One quoted fragment: its [start, end) character offsets in the source's text, and the text there.",
    "properties": {
        "start": _OFFSET,
        "end": _OFFSET,
        "text": _TEXT,
        "selector": {
            "type": "array",
            "description": "The W3C Web Annotation selectors of the fragment: a tool that finds the exact words "
            "between their prefix and suffix finds it in another copy of the text, whatever its offsets there.",
            "prefixItems": [
                _selector(
                    "TextQuoteSelector",
                    "The fragment's words, with up to 32 characters of the text before and after them.",
                    exact=_TEXT,
                    prefix=_TEXT,
                    suffix=_TEXT,
                ),
                _selector(
                    "TextPositionSelector",
                    "The fragment's [start, end) offsets, in code points, in the source's text in this export.",
                    start=_OFFSET,
                    end=_OFFSET,
                ),
            ],
            "items": False,
            "minItems": 2,
        },
    },
    "required": ["start", "end", "text", "selector"],
    "additionalProperties": False,
}


def export_schema() -> dict[str, Any]:
    """JSON Schema (Draft 2020-12) of `export_briefing`'s output, derived from the content schemas."""
    definitions: dict[str, Any] = {}
    properties: dict[str, Any] = {"schema_version": {"const": SCHEMA_VERSION}}
    for kind in SHAPES:
        generated = copy.deepcopy(json_schema(kind))
        definitions.update(generated.pop("$defs", {}))
        _add(generated, {"page": {"type": "string", "description": "The entry's page, as a Markdown path."}})
        if kind != "briefing":
            _add(generated, {"id": {"type": "string", "description": "The entry's id: its file name."}})
        if kind == "sources":
            _add(generated, {"text": {"type": "string", "description": "The seed's full text."}})
        definitions[kind] = generated
        ref = {"$ref": f"#/$defs/{kind}"}
        properties[kind] = ref if kind == "briefing" else {"type": "array", "items": ref}
    definitions["Position"] = POSITION_SCHEMA
    properties["positions"] = {"type": "array", "items": {"$ref": "#/$defs/Position"}}
    for shape in definitions.values():
        _facts_may_be_few(shape)
    for name in ("Fact", "StatusChange", "Attendance"):
        _add(definitions[name], {"anchor": {"type": "string", "description": "The fact's id on its page."}})
    _add(
        definitions["Correction"],
        {
            "anchor": {"type": "string", "description": "The correction's id on its page."},
            "removed": {"type": "boolean", "description": "Whether the fact it names is gone from the page."},
        },
    )
    _add(definitions["Citation"], {"passages": {"type": "array", "items": _PASSAGE, "minItems": 1}})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Briefing export",
        "description": f"data/briefing.json, schema_version {SCHEMA_VERSION}.",
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "$defs": definitions,
    }


def _facts_may_be_few(shape: dict[str, Any]) -> None:
    """An edition shows an entry from its first cited item, or when something shown names it, before all its facts
    are in: its lists of facts, and the summary, may be empty in the export as they may not be in the content."""
    for name in ("facts", "summary"):
        shape.get("properties", {}).get(name, {}).pop("minItems", None)


def _add(shape: dict[str, Any], fields: dict[str, Any]) -> None:
    """Add required properties to an object schema."""
    shape["properties"].update(fields)
    shape["required"] = [*shape.get("required", []), *fields]


# --- CSV ------------------------------------------------------------------------------------

Row = dict[str, object]


def csv_files(briefing: Briefing) -> dict[str, str]:
    """{path under the site: CSV text}: one table per kind, one row per citation, one per party's statement."""
    files = {
        f"{DATA_DIR}/{kind.name}.csv": _csv(_row(briefing, kind, entity) for entity in briefing.of_kind(kind))
        for kind in SITE_ORDER
    }
    files[f"{DATA_DIR}/citations.csv"] = _csv(_citation_rows(briefing))
    files[f"{DATA_DIR}/positions.csv"] = _csv(
        {name: _cell(value) for name, value in row.items()} for row in position_rows(briefing)
    )
    return files


def _csv(rows: Iterator[Row]) -> str:
    table = list(rows)
    if not table:
        return ""
    out = io.StringIO()
    # RFC 4180 line ends: the csv module then quotes every cell holding a line break, a lone CR included.
    writer = csv.DictWriter(out, fieldnames=list(table[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({name: _inert_cell(value) for name, value in row.items()} for row in table)
    return out.getvalue()


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert_cell(value: object) -> object:
    """A text a spreadsheet would run as a formula, with a leading apostrophe so that it shows as text.

    Only in the CSV: the JSON keeps every text exactly as written.
    """
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_STARTS) else value


def _cell(value: Any) -> object:
    """A plain field's value in one cell: a list joined with ';', a date in ISO form, nothing as empty."""
    if isinstance(value, list):
        return ";".join(map(str, value))
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else value


def _side(briefing: Briefing, entity: Entity[EntityFile]) -> object:
    return ";".join(briefing.sides.get(entity.id, ()))


def _status(briefing: Briefing, entity: Entity[QuestionFile]) -> object:
    return entity.data.history[-1].status


def _status_as_of(briefing: Briefing, entity: Entity[QuestionFile]) -> object:
    return entity.data.history[-1].as_of.isoformat()


def _event_date(briefing: Briefing, entity: Entity[EventFile]) -> object:
    return format_event_date(entity.data.date)


def _attendance(briefing: Briefing, entity: Entity[EventFile]) -> object:
    """A meeting's attendance as `participant:capacity`, or `participant:absent`, joined with ';'."""
    return ";".join(f"{entry.participant}:{entry.standing}" for entry in entity.data.attendance)


#: Columns worked out beside a kind's plain fields, which every CSV holds, each a column of its own.
DERIVED_COLUMNS: dict[str, dict[str, Callable[[Briefing, Entity[EntityFile]], object]]] = {
    PARTICIPANTS.name: {"side": _side},
    QUESTIONS.name: {"status": for_kind(QUESTIONS, _status), "as_of": for_kind(QUESTIONS, _status_as_of)},
    EVENTS.name: {"date": for_kind(EVENTS, _event_date), "attendance": for_kind(EVENTS, _attendance)},
}


def csv_columns(kind: Kind[EntityFile]) -> list[str]:
    """A kind's CSV header: its id, every plain field in declaration order, the derived columns, its page."""
    plain = [field.name for field in fields_of(kind.model) if field.plain]
    return ["id", *plain, *DERIVED_COLUMNS.get(kind.name, {}), "page"]


def _row(briefing: Briefing, kind: Kind[EntityFile], entity: Entity[EntityFile]) -> Row:
    plain = {field.name: _cell(getattr(entity.data, field.name)) for field in fields_of(kind.model) if field.plain}
    derived = {name: column(briefing, entity) for name, column in DERIVED_COLUMNS.get(kind.name, {}).items()}
    return {"id": entity.id, **plain, **derived, "page": entity.page}


def _citation_rows(briefing: Briefing) -> Iterator[Row]:
    for source_id, citings in briefing.citings.items():
        for passage, citing in citings:
            owner = citing.entity
            for start, end in passage.spans:
                yield {
                    "kind": owner.kind if owner else "briefing",
                    "id": owner.id if owner else "",
                    "title": title_of(owner) if owner else briefing.meta.title,
                    "anchor": citing.fact.anchor,
                    "fact": _cited_text(briefing, citing.fact.fact),
                    "said_by": citing.fact.fact.said_by or "" if isinstance(citing.fact.fact, Fact) else "",
                    "contests": _disputed_anchor(citing.fact.fact),
                    "source": source_id,
                    "start": start,
                    "end": end,
                    "quote": briefing.source_texts[source_id][start:end],
                }


def _cited_text(briefing: Briefing, item: Fact | Attendance) -> str:
    """A fact's text; for an attendance entry, who and in what capacity, as its meeting's page shows it."""
    if isinstance(item, Fact):
        return item.text
    who = title_of(briefing.get(PARTICIPANTS, item.participant))
    return f"{who}: {item.standing}"


def _disputed_anchor(item: Fact | Attendance) -> str:
    """The anchor of the fact a claim disputes, as the `anchor` column gives it; empty for any other fact."""
    return anchor_of_id(item.contests) if isinstance(item, Fact) and item.contests else ""

"""Pydantic's complaints about a file's fields, said as a maintainer's messages: what is wrong and how to fix it."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..content import schema
from ..content.fields import FieldShape, Location, field_names, fields_of
from ..content.schema import Record
from ..errors import Problem
from ..read.records import RawRecord
from .messages import at, did_you_mean, dotted, shown, type_name

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


def schema_problem(record: RawRecord, shape: type[Record], detail: Any) -> Problem:
    location: Location = tuple(detail["loc"])
    kind = detail["type"]
    name = dotted(location)
    value = detail.get("input")
    if kind == "extra_forbidden" and location[-1] in RETIRED_FIELDS:
        return at(
            record, location, "retired-field", f"'{location[-1]}' is no longer a field: {RETIRED_FIELDS[location[-1]]}"
        )
    if kind == "extra_forbidden":
        fields = field_names(_model_at(shape, location[:-1]))
        return at(
            record,
            location,
            "unknown-field",
            f"unknown field '{location[-1]}'{did_you_mean(str(location[-1]), fields, 'fields: ')}",
        )
    if kind == "missing":
        hint = _WRITTEN_BY.get(str(location[-1]))
        return at(
            record, location[:-1], "missing-field", f"missing required field '{name}'" + (f"; {hint}" if hint else "")
        )
    if kind in _TYPE_NAMES:
        return at(record, location, "wrong-type", f"'{name}' must be {_TYPE_NAMES[kind]}, found {type_name(value)}")
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(detail["ctx"]["pattern"], "is not written as this field expects")
        return at(record, location, "invalid-value", f"'{name}': {shown(value)} {hint}")
    if kind.startswith("date_"):
        reason = detail.get("ctx", {}).get("error")
        why = f" ({reason})" if reason else ""
        return at(
            record,
            location,
            "invalid-date",
            f"'{name}' must be a real date written YYYY-MM-DD, found {shown(value)}{why}",
        )
    if kind == "literal_error":
        return at(
            record, location, "invalid-value", f"'{name}' must be {detail['ctx']['expected']}, found {shown(value)}"
        )
    if kind in ("too_short", "string_too_short"):
        return at(record, location, "empty", f"'{name}' must not be empty")
    if kind == "value_error":
        return at(record, location, "invalid-value", f"{name + ': ' if name else ''}{detail['ctx']['error']}")
    if kind in ("greater_than_equal", "less_than_equal"):
        bound, word = (
            (detail["ctx"]["ge"], "or more") if kind == "greater_than_equal" else (detail["ctx"]["le"], "or less")
        )
        return at(record, location, "invalid-value", f"'{name}' must be {bound} {word}, found {value}")
    return at(record, location, "invalid-value", f"'{name}': {shown(value)} is not allowed here")


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

"""One walk over the models' annotations: what each declared field holds.

Validation (references, facts), the JSON Schemas and field reference, the
scaffolds and the CSV columns all read a field's shape from here, so a new
field declared in schema.py reaches each of them without another line.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic.fields import FieldInfo

from .schema import CITED, Attendance, EntityFile, Fact, Record, RefTo

Location = tuple[str | int, ...]
"""Where a value is in its file: field names and list indexes, e.g. ('facts', 0, 'cite', 1, 'source')."""


@dataclass(frozen=True)
class FieldShape:
    """A declared field, its annotation unwrapped."""

    name: str
    info: FieldInfo
    base: Any
    """The type without `| None`, `Annotated` and, for a list, `list[...]`: the type of one value."""
    metadata: tuple[Any, ...]
    """Every marker on the field: pydantic's constraints, RefTo."""
    is_list: bool
    ref: str | None
    """The kind an id field (or each id of a list) refers to, from its RefTo marker."""
    record: type[Record] | None
    """The nested model a field (or each item of a list) holds."""

    @property
    def required(self) -> bool:
        return self.info.is_required()

    @property
    def holds_facts(self) -> bool:
        """Whether the field holds a cited record (a fact, an attendance entry), or one that does, at any depth."""
        return self.record is not None and _holds_facts(self.record)

    @property
    def plain(self) -> bool:
        """A value or list of values with no fields of its own: one cell of a table."""
        return self.record is None


def fields_of(model: type[Record]) -> tuple[FieldShape, ...]:
    """The model's fields in the order every output lists them: as declared, and those every entity file shares
    (schema.EntityFile, which pydantic puts first) last."""
    found = _FIELDS.get(model)
    if found is None:
        shapes = [_shape(name, info) for name, info in model.model_fields.items()]
        shared = set(EntityFile.model_fields) if issubclass(model, EntityFile) else set()
        found = _FIELDS[model] = (
            *(shape for shape in shapes if shape.name not in shared),
            *(shape for shape in shapes if shape.name in shared),
        )
    return found


def field_names(model: type[Record]) -> list[str]:
    """The names of the model's fields, in the order of `fields_of`."""
    return [field.name for field in fields_of(model)]


# A dict, not functools.cache: mypy refuses a kind's `type[Any]` model as functools.cache's Hashable argument.
_FIELDS: dict[type[Record], tuple[FieldShape, ...]] = {}


def unwrap(annotation: Any, metadata: tuple[Any, ...] = ()) -> tuple[Any, tuple[Any, ...]]:
    """The type without `| None` and `Annotated`, with the metadata they carried."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            metadata = (*metadata, *annotation.__metadata__)
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(arg for arg in typing.get_args(annotation) if arg is not type(None))
        else:
            return annotation, metadata


def nested_records(models: typing.Iterable[type[Record]]) -> dict[str, type[Record]]:
    """Every model reachable from these, by class name (the name pydantic's $defs use)."""
    found: dict[str, type[Record]] = {}
    pending = list(models)
    while pending:
        for field in fields_of(pending.pop()):
            if field.record is not None and field.record.__name__ not in found:
                found[field.record.__name__] = field.record
                pending.append(field.record)
    return found


def _shape(name: str, info: FieldInfo) -> FieldShape:
    # Pydantic moves a required field's Annotated markers into its metadata; an
    # optional or list field keeps them inside its annotation.
    base, metadata = unwrap(info.annotation, tuple(info.metadata))
    is_list = typing.get_origin(base) is list
    if is_list:
        base, metadata = unwrap(typing.get_args(base)[0], metadata)
    ref = next((item.kind for item in metadata if isinstance(item, RefTo)), None)
    record = base if isinstance(base, type) and issubclass(base, Record) else None
    return FieldShape(name, info, base, metadata, is_list, ref, record)


@functools.cache
def _holds_facts(model: type[Record]) -> bool:
    return issubclass(model, CITED) or any(field.holds_facts for field in fields_of(model))


# --- the one walk over the fields that link: ids of other entities, and nested records ---------


def linked(
    data: Record, location: Location = (), into_facts: bool = True
) -> Iterator[tuple[Location, FieldShape, Any]]:
    """Every value of a field that refers to entities or holds nested records, at any depth, in declaration order:
    each id (its field's `ref` names the kind) and each nested record, with where it is.

    Only these fields are walked: the text and date fields, most of a record, are skipped. Without `into_facts`,
    the fields holding facts or attendance are left out.
    """
    for field in _linking_fields(type(data)):
        if not into_facts and field.holds_facts:
            continue
        value = getattr(data, field.name)
        if value is None:
            continue
        for index, item in enumerate(value) if field.is_list else ((None, value),):
            here = (*location, field.name) if index is None else (*location, field.name, index)
            yield here, field, item
            if isinstance(item, Record):
                yield from linked(item, here, into_facts)


def references(data: Record) -> Iterator[tuple[Location, str, str]]:
    """(location, kind, id) of every id a record gives of another entity."""
    return ((location, field.ref, item) for location, field, item in linked(data) if field.ref)


def targets_of(data: Record, outside_facts: bool = False) -> list[tuple[str, str]]:
    """(kind, id) of every entity a record names; with `outside_facts`, leaving out what its facts name."""
    return [(field.ref, item) for _, field, item in linked(data, into_facts=not outside_facts) if field.ref]


def cited_items(data: Record) -> Iterator[tuple[Location, Fact | Attendance]]:
    """Every fact and attendance entry of a record, in declaration order: the order its page shows them."""
    return ((location, item) for location, _, item in linked(data) if isinstance(item, (Fact, Attendance)))


@functools.cache
def _linking_fields(shape: type[Record]) -> tuple[FieldShape, ...]:
    return tuple(field for field in fields_of(shape) if field.ref or field.record is not None)

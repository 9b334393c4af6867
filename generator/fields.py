"""One walk over the models' annotations: what each declared field holds.

Validation (references, facts), the JSON Schemas and field reference, the
scaffolds and the CSV columns all read a field's shape from here, so a new
field declared in schema.py reaches each of them without another line.
"""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic.fields import FieldInfo

from .schema import CITED, Record, RefTo


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
    """The model's fields in declaration order."""
    found = _FIELDS.get(model)
    if found is None:
        found = _FIELDS[model] = tuple(_shape(name, info) for name, info in model.model_fields.items())
    return found


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

"""JSON Schemas for editors and the maintainer's field reference, both generated from schema.py.

Each content file names its kind's schema on its first line, so an editor with
a YAML language server completes fields and flags mistakes while typing;
MAINTAINING.md shows the same fields as tables. Neither is written by hand:
`briefing schemas` regenerates both, `briefing schemas --check` names what is
out of date.

The schemas carry no `$schema` key: pydantic writes Draft 2020-12, and the
keywords it uses here mean the same in draft-07, the newest dialect the Red Hat
YAML language server supports. The tests validate with both.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

import orjson

from ..content import schema
from ..content.fields import field_names, fields_of, nested_records
from ..content.kinds import KINDS
from ..content.schema import Record
from ..errors import BriefingError

SCHEMAS_DIR = PurePosixPath("site_config/schemas")
GUIDE = PurePosixPath("MAINTAINING.md")
FIELDS_START = "<!-- fields:start -->"
FIELDS_END = "<!-- fields:end -->"

#: Every content kind: 'briefing' (content/briefing.yml) and the folders under content/.
SHAPES: dict[str, type[Record]] = {"briefing": schema.BriefingFile, **{kind.name: kind.model for kind in KINDS}}

_TEXT_PATTERNS = {
    schema.ID_PATTERN: "id",
    schema.URL_PATTERN: "`http://` or `https://` address",
    schema.FILE_NAME_PATTERN: "file name",
    schema.TEXT_PATTERN: "text",
}


def schema_file_name(kind: str) -> str:
    """'participants' -> 'participants.schema.json'."""
    return f"{kind}.schema.json"


def schema_line(kind: str) -> str:
    """The first line of a content file of this kind: it points editors at the kind's schema."""
    up = "../" if kind == "briefing" else "../../"
    return f"# yaml-language-server: $schema={up}{SCHEMAS_DIR}/{schema_file_name(kind)}"


def json_schemas() -> dict[str, dict[str, Any]]:
    """{file name: JSON Schema} for briefing.yml and each content kind."""
    return {schema_file_name(kind): json_schema(kind) for kind in SHAPES}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one content kind, with a title and the model's docstring as description."""
    shape = SHAPES[kind]
    generated = shape.model_json_schema(mode="validation")
    if "required" in generated:  # in the order of fields_of, as every output lists the fields
        generated["required"] = [name for name in field_names(shape) if name in generated["required"]]
    return {**generated, "title": f"Briefing: {_content_path(kind)}"}


def _content_path(kind: str) -> str:
    return "content/briefing.yml" if kind == "briefing" else f"content/{kind}/ID.yml"


def dump_json(data: Any) -> str:
    """Stable, pretty JSON: sorted keys, 2-space indent, UTF-8 unescaped, trailing newline."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE).decode()


# --- the field reference in MAINTAINING.md ----------------------------------------------------


def field_reference() -> str:
    """Markdown: a table of fields for each content kind, then each nested shape once."""
    schemas = {kind: json_schema(kind) for kind in SHAPES}
    nested: dict[str, dict[str, Any]] = {}
    for generated in schemas.values():
        nested.update(generated.get("$defs", {}))
    sections = [_section(_heading(kind), SHAPES[kind], generated) for kind, generated in schemas.items()]
    shapes = nested_shapes()
    sections += [_section(name, shapes[name], nested[name]) for name in sorted(nested)]
    note = "<!-- Generated from generator/content/schema.py by `briefing schemas`; edit the models, not this. -->"
    return "\n".join([note, "", *sections])


def _heading(kind: str) -> str:
    return kind.removesuffix("s").capitalize()


def _section(heading: str, shape: type[Record], generated: dict[str, Any]) -> str:
    required = set(generated.get("required", []))
    rows = [
        f"| `{field.name}` | {_type_of(generated['properties'][field.name], field.ref)} "
        f"| {'yes' if field.name in required else 'no'} | {_cell(field.info.description or '')} |"
        for field in fields_of(shape)
    ]
    table = ["| field | type | required | description |", "|---|---|---|---|", *rows]
    return "\n".join([f"### {heading}", "", generated.get("description", ""), "", *table, ""])


def nested_shapes() -> dict[str, type[Record]]:
    """Every model reachable from a content kind, by class name (the name pydantic's $defs use)."""
    return nested_records(SHAPES.values())


def _type_of(prop: dict[str, Any], ref_kind: str | None) -> str:
    """A short human name for a property's type, e.g. 'list of participant ids'."""
    (option,) = [option for option in prop.get("anyOf", [prop]) if option.get("type") != "null"]
    if "examples" in prop:
        option = {**option, "examples": prop["examples"]}
    if "$ref" in option:
        name = option["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if option["type"] == "array":
        item = _type_of(option["items"], ref_kind)
        return f"list of {item}s" if item.endswith(" id") else f"list of {item}"
    if "enum" in option:
        return "one of " + ", ".join(f"`{value}`" for value in option["enum"])
    if option["type"] == "integer":
        return "whole number" + _bounds(option)
    if option["type"] == "boolean":
        return "`true` or `false`"
    return _string_type(option, ref_kind)


def _string_type(option: dict[str, Any], ref_kind: str | None) -> str:
    if option.get("format") == "date":
        return "date `YYYY-MM-DD`"
    pattern = option.get("pattern", schema.TEXT_PATTERN)
    if pattern == schema.ID_PATTERN and ref_kind:
        return f"{ref_kind.removesuffix('s')} id"
    if pattern in _TEXT_PATTERNS:
        return _TEXT_PATTERNS[pattern]
    if option.get("examples"):
        return f"text like `{option['examples'][0]}`"
    return f"text matching `{_cell(pattern)}`"


def _bounds(option: dict[str, Any]) -> str:
    low, high = option.get("minimum"), option.get("maximum")
    if low is not None and high is not None:
        return f", {low} to {high}"
    return f", at least {low}" if low is not None else ""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def with_field_reference(guide: str, reference: str) -> str:
    """The guide's text with the part between the field markers replaced by `reference`."""
    start, end = guide.find(FIELDS_START), guide.find(FIELDS_END)
    if start < 0 or end < start:
        raise BriefingError(
            f"{GUIDE} has no field reference markers; put a line '{FIELDS_START}' and, after it, "
            f"a line '{FIELDS_END}' where the field reference belongs"
        )
    return f"{guide[: start + len(FIELDS_START)]}\n{reference}{guide[end:]}"


# --- the generated files of a project ---------------------------------------------------------


def generated_files(root: Path) -> dict[PurePosixPath, str]:
    """Each generated file, relative to the project root -> the text it should hold.

    MAINTAINING.md is included only when the project has one.
    """
    files = {SCHEMAS_DIR / name: dump_json(data) for name, data in json_schemas().items()}
    guide = root / GUIDE
    if guide.is_file():
        files[GUIDE] = with_field_reference(guide.read_bytes().decode("utf-8"), field_reference())
    return files


def out_of_date(root: Path) -> list[PurePosixPath]:
    """The generated files that are missing or differ from what the models produce now."""
    return [path for path, text in generated_files(root).items() if _current(root / path) != text]


def write_generated(root: Path) -> list[PurePosixPath]:
    """Write the generated files that are out of date (and only those); returns them."""
    files = generated_files(root)
    stale = [path for path, text in files.items() if _current(root / path) != text]
    for path in stale:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[path].encode("utf-8"))
    return stale


def _current(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None

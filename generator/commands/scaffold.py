"""`briefing new`: a commented YAML file for one entity, generated from the schema.

The scaffold is written from the pydantic models' own fields and descriptions,
so the comments a maintainer reads are the declarations the validator enforces
and cannot drift from them. Required fields get placeholders that pass the
schema; placeholder quotes are never in any source, so `briefing check` keeps
reporting them until the maintainer has cited the source's real words.
"""

from __future__ import annotations

import datetime
import difflib
import json
import typing
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic.fields import FieldInfo

from ..check.citations import seed_sha256
from ..content import schema
from ..content.fields import FieldShape, fields_of
from ..content.kinds import BY_NAME, KINDS, SOURCES
from ..content.schema import Record, RefTo
from ..data.schemas import schema_line
from ..errors import BriefingError
from ..pipeline import Project
from ..read.load import ID_RE, YAML_SUFFIXES

QUOTE_PLACEHOLDER = "REPLACE WITH THE SOURCE'S EXACT WORDS"
DATE_PLACEHOLDER = datetime.date(1, 1, 1)
"""A valid date no source was published on: obviously a placeholder on any page."""
GUIDE = (
    "# Written by `briefing new`: replace every REPLACE placeholder. `briefing check` reports each",
    "# placeholder quote as not found until it holds the source's exact words.",
    "# Optional fields are commented out: remove one '# ' from each of their lines to use them.",
)
QUOTE_NOTE = "REPLACE: `briefing check` reports this quote as not found until it is the source's exact words."
DATE_NOTE = f"REPLACE the placeholder date {DATE_PLACEHOLDER.isoformat()}."

#: What a maintainer may type for KIND -> the folder under content/.
KIND_NAMES = {**{kind.singular: kind.name for kind in KINDS}, **{kind.name: kind.name for kind in KINDS}}
_EXAMPLES_BY_PATTERN = {schema.URL_PATTERN: "https://example.org/"}
_INDENT = "  "
_ITEM_INDENT = "    "  # a list item's fields sit under '- '


@dataclass(frozen=True)
class Placeholders:
    """Values from the project that make a scaffold's references point somewhere real."""

    source: str = "source-id"
    """Id cited by placeholder quotes: an existing source, so the quote itself is what check reports."""
    seed_file: str = "seed-file.txt"
    """A source's file in seeds/."""
    seed_sha256: str = "0" * 64
    """That file's SHA-256, which a new source records as checked."""

    def reference(self, kind: str) -> str:
        """Placeholder id for a reference to `kind`; only sources are real, so check flags the others."""
        return self.source if kind == SOURCES.name else f"{BY_NAME[kind].singular}-id"


# --- parsing what the maintainer typed ----------------------------------------------------


def parse_kind(text: str) -> str:
    """The content folder for a kind given singular or plural; ValueError lists the choices."""
    folder = KIND_NAMES.get(text.strip().lower())
    if folder is None:
        choices = ", ".join(kind.singular for kind in KINDS)
        raise ValueError(f"'{text}' is not a kind of content; choose one of: {choices}")
    return folder


def parse_id(text: str) -> str:
    """The id itself when valid; otherwise ValueError with a valid id to use instead."""
    if ID_RE.match(text):
        return text
    suggestion = suggest_id(text)
    hint = f", e.g. '{suggestion}'" if suggestion else ""
    raise ValueError(f"'{text}' is not a valid id: use lowercase letters, digits and hyphens{hint}")


def suggest_id(text: str) -> str:
    """A valid id close to `text`: accents dropped, lowercase, other characters become hyphens."""
    for suffix in YAML_SUFFIXES:
        text = text.removesuffix(suffix)
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())


# --- the scaffold text --------------------------------------------------------------------


def scaffold(folder: str, placeholders: Placeholders) -> str:
    """The commented YAML for a new file in content/<folder>/: every field, described, placeholders filled."""
    model = BY_NAME[folder].model
    header = [
        schema_line(folder),
        f"# {_one_line(model.__doc__ or folder)}",
        *GUIDE,
    ]
    blocks = [_field_lines(model, field, required, "", placeholders) for field, required in _fields(model)]
    return "\n\n".join("\n".join(block) for block in [header, *blocks]) + "\n"


def _fields(model: type[Record]) -> list[tuple[FieldShape, bool]]:
    """(field, filled in?) in declaration order.

    A record with no required field (an event's date) gets its first field filled
    in, because an empty mapping states nothing and its own checks would refuse it.
    """
    fields = fields_of(model)
    required = {field.name for field in fields if field.required} or {fields[0].name}
    return [(field, field.name in required) for field in fields]


def _record_lines(model: type[Record], indent: str, placeholders: Placeholders) -> list[str]:
    return [
        line
        for field, required in _fields(model)
        for line in _field_lines(model, field, required, indent, placeholders)
    ]


def _field_lines(
    model: type[Record], field: FieldShape, required: bool, indent: str, placeholders: Placeholders
) -> list[str]:
    """The field's description as a comment, then the field: live when required, commented out when optional."""
    name = field.name
    comment = f"{indent}# {_one_line(field.info.description or name)}{'' if required else ' (optional)'}"
    body = _value_lines(model, field, indent, placeholders)
    if not required:
        example = _schema_example(field.info)
        body = body if example is None else [f"{indent}{name}: {_scalar(example)}"]
        return [comment, *(f"{indent}# {line[len(indent) :]}" for line in body)]
    notes = [f"{indent}# {note}" for note in _notes(model, name, field.base)]
    return [comment, *notes, *body]


def _schema_example(info: FieldInfo) -> Any:
    """The field's first declared example; shown only where it is commented out, never as a live value."""
    extra = info.json_schema_extra
    examples = extra.get("examples") if isinstance(extra, dict) else None
    return examples[0] if isinstance(examples, list) and examples else None


def _notes(model: type[Record], name: str, base: Any) -> list[str]:
    if (model, name) == (schema.Citation, "quote"):
        return [QUOTE_NOTE]
    return [DATE_NOTE] if base is datetime.date else []


def _value_lines(model: type[Record], field: FieldShape, indent: str, placeholders: Placeholders) -> list[str]:
    name = field.name
    if field.record is not None:
        inner = indent + (_ITEM_INDENT if field.is_list else _INDENT)
        fields = _record_lines(field.record, inner, placeholders)
        return [f"{indent}{name}:", *(_as_list_item(fields, indent + _INDENT) if field.is_list else fields)]
    value = _scalar(_example(model, name, field.base, field.metadata, placeholders))
    return [f"{indent}{name}: [{value}]" if field.is_list else f"{indent}{name}: {value}"]


def _as_list_item(lines: list[str], indent: str) -> list[str]:
    """A record's lines as one '- ' item: the dash goes on its first field, its comments stay above."""
    deeper = indent + _INDENT
    first = next(index for index, line in enumerate(lines) if not line.lstrip().startswith("#"))
    above = [indent + line[len(deeper) :] for line in lines[:first]]
    return [*above, f"{indent}- {lines[first][len(deeper) :]}", *lines[first + 1 :]]


def _example(model: type[Record], name: str, base: Any, metadata: tuple[Any, ...], placeholders: Placeholders) -> Any:
    """A placeholder that passes the schema for a plain value; a table would drift, the type cannot."""
    ref = next((item.kind for item in metadata if isinstance(item, RefTo)), None)
    if ref is not None:
        return placeholders.reference(ref)
    if typing.get_origin(base) is typing.Literal:
        return typing.get_args(base)[0]
    if base is bool:
        return True
    if base is int:
        return 1
    if base is datetime.date:
        return DATE_PLACEHOLDER
    return _text_example(model, name, metadata, placeholders)


def _text_example(model: type[Record], name: str, metadata: tuple[Any, ...], placeholders: Placeholders) -> str:
    pattern = next((item.pattern for item in metadata if getattr(item, "pattern", None)), None)
    if pattern == schema.FILE_NAME_PATTERN:
        return placeholders.seed_file
    if pattern == schema.SHA256_PATTERN:
        return placeholders.seed_sha256
    if pattern in _EXAMPLES_BY_PATTERN:
        return _EXAMPLES_BY_PATTERN[pattern]
    if (model, name) == (schema.Citation, "quote"):
        return QUOTE_PLACEHOLDER
    return f"REPLACE WITH THE {name.replace('_', ' ').upper()}"


def _scalar(value: Any) -> str:
    """A YAML scalar that reads back as exactly `value`: plain where that is safe, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, datetime.date)):
        return str(value)
    text = str(value)
    if text.strip() == text and yaml.safe_load(f"key: {text}") == {"key": text}:
        return text
    return json.dumps(text, ensure_ascii=False)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- writing it ---------------------------------------------------------------------------


def new_entity(project: Project, folder: str, entity_id: str, seed_file: str | None) -> Path:
    """Write content/<folder>/<id>.yml; refuses to overwrite, and a source's seed file must exist."""
    seed_file = _checked_seed_file(project, folder, seed_file)
    target = project.content_dir / folder
    taken = [target / f"{entity_id}{suffix}" for suffix in YAML_SUFFIXES]
    for path in taken:
        if path.exists():
            raise BriefingError(f"{_shown(project, path)} already exists; edit it, or choose another id")
    placeholders = Placeholders(source=newest_source_id(project))
    if seed_file is not None:
        digest = seed_sha256((project.seeds_dir / seed_file).read_bytes().decode("utf-8-sig", errors="replace"))
        placeholders = replace(placeholders, seed_file=seed_file, seed_sha256=digest)
    target.mkdir(parents=True, exist_ok=True)
    with taken[0].open("x", encoding="utf-8") as file:
        file.write(scaffold(folder, placeholders))
    return taken[0]


def _checked_seed_file(project: Project, folder: str, seed_file: str | None) -> str | None:
    """--file is the seed of a new source, and only of a source; usage errors exit 2."""
    if folder != "sources":
        if seed_file is not None:
            raise BriefingError("--file is only for a new source", exit_code=2)
        return None
    if seed_file is None:
        raise BriefingError("a new source needs --file NAME, its document's file name in seeds/", exit_code=2)
    if Path(seed_file).name != seed_file or seed_file.startswith("."):
        raise BriefingError(
            f"--file takes a file name in seeds/, without folders, e.g. '{Path(seed_file).name}'", exit_code=2
        )
    if not (project.seeds_dir / seed_file).is_file():
        seeds = sorted(path.name for path in project.seeds_dir.glob("[!.]*") if path.is_file())
        close = difflib.get_close_matches(seed_file, seeds, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise BriefingError(f"no file '{seed_file}' in seeds/{hint}: copy the document there first", exit_code=2)
    return seed_file


def newest_source_id(project: Project) -> str:
    """The id placeholder quotes cite: the source added last, which a new entry most likely quotes.

    An existing source, so that check looks the quote up in it.
    """
    folder = project.content_dir / "sources"
    files = [path for path in folder.glob("*") if path.suffix in YAML_SUFFIXES and ID_RE.match(path.stem)]
    newest = max(files, key=lambda path: (path.stat().st_mtime_ns, path.stem), default=None)
    return newest.stem if newest else Placeholders.source


def _shown(project: Project, path: Path) -> str:
    return path.relative_to(project.root).as_posix()

"""The JSON Schemas and the field reference: generated from the models, current, and in agreement with them.

Regenerate the committed files after changing generator/content/schema.py, then read their diff:
    briefing schemas && briefing schemas -f tests/fixtures/sample/mkdocs.yml
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path, PurePosixPath
from typing import Any

import jsonschema
import pydantic
import pytest
from conftest import REPO, SAMPLE, run_briefing, snapshot
from hypothesis import given, settings
from hypothesis import strategies as st
from test_bad_input import CASES as BAD_INPUT

from generator.content.kinds import KINDS
from generator.data.schemas import (
    FIELDS_END,
    FIELDS_START,
    SHAPES,
    dump_json,
    json_schemas,
    nested_shapes,
    out_of_date,
    schema_file_name,
    schema_line,
    with_field_reference,
)
from generator.errors import BriefingError, Problem
from generator.read.load import parse_record, read_record
from generator.read.records import RawRecord

REGENERATE = "run `python -m tests.regenerate` to regenerate them"
SCHEMAS = json_schemas()
# The Red Hat YAML language server validates with draft-07, this project's tests with 2020-12:
# the schemas must mean the same in both.
VALIDATORS: tuple[type[jsonschema.protocols.Validator], ...] = (
    jsonschema.Draft202012Validator,
    jsonschema.Draft7Validator,
)


def kind_of(path: PurePosixPath) -> str:
    """'briefing' for content/briefing.yml, else the folder under content/."""
    return "briefing" if path.parent.name == "content" else path.parent.name


def content_files(root: Path) -> list[Path]:
    return sorted((root / "content").rglob("*.yml"))


def parsed(relative: str, text: str) -> tuple[str, Any]:
    """(kind, data) of a content file's text, as the loader produces it: dates stay text."""
    path = PurePosixPath("content") / relative
    record = RawRecord(kind=kind_of(path), id=path.stem, path=path, data=None)
    problems: list[Problem] = []
    parse_record(record, text, problems)
    assert problems == []
    return record.kind, record.data


def pydantic_accepts(kind: str, data: Any) -> bool:
    try:
        SHAPES[kind].model_validate(data)
    except pydantic.ValidationError:
        return False
    return True


def json_schema_accepts(kind: str, data: Any) -> bool:
    """Whether every validator accepts the data; they must also agree with each other."""
    verdicts = {
        validator(SCHEMAS[schema_file_name(kind)], format_checker=validator.FORMAT_CHECKER).is_valid(data)
        for validator in VALIDATORS
    }
    (verdict,) = verdicts
    return bool(verdict)


# --- the committed files are what the models produce -------------------------------------


@pytest.mark.parametrize("root", [REPO, SAMPLE], ids=["repo", "sample"])
def test_committed_schemas_and_field_reference_are_current(root: Path) -> None:
    assert out_of_date(root) == [], REGENERATE


def test_the_guide_holds_the_generated_field_reference() -> None:
    guide = (REPO / "MAINTAINING.md").read_text(encoding="utf-8")
    reference = guide[guide.index(FIELDS_START) : guide.index(FIELDS_END)]
    for kind, shape in SHAPES.items():
        for name in shape.model_fields:
            assert f"| `{name}` |" in reference, f"{kind}.{name} is missing; {REGENERATE}"
    for name in nested_shapes():
        assert f"### {name}\n" in reference


def test_there_is_one_schema_per_content_kind() -> None:
    assert sorted(path.name for path in (REPO / "site_config/schemas").iterdir()) == sorted(
        schema_file_name(kind) for kind in ("briefing", *(kind.name for kind in KINDS))
    )


def test_a_guide_without_markers_is_refused() -> None:
    with pytest.raises(BriefingError, match="no field reference markers"):
        with_field_reference("# Guide\n", "| field |\n")
    guide = f"# Guide\n\n{FIELDS_START}\nold\n{FIELDS_END}\nafter\n"
    assert with_field_reference(guide, "new\n") == f"# Guide\n\n{FIELDS_START}\nnew\n{FIELDS_END}\nafter\n"


# --- what the schemas declare ------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schemas_are_valid_for_both_dialects(name: str) -> None:
    for validator in VALIDATORS:
        validator.check_schema(SCHEMAS[name])


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_shape_is_closed_and_described(name: str) -> None:
    generated = SCHEMAS[name]
    assert generated["title"] and generated["description"]
    for shape in [generated, *generated.get("$defs", {}).values()]:
        assert shape["additionalProperties"] is False
        assert shape["description"]
        for field, declared in shape["properties"].items():
            assert declared.get("description"), f"{name}: {field}"


def test_ids_and_dates_are_declared_as_such() -> None:
    participants = SCHEMAS["participants.schema.json"]["properties"]
    assert participants["member_of"]["items"]["pattern"] == r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert SCHEMAS["sources.schema.json"]["properties"]["published"]["format"] == "date"
    fact = SCHEMAS["briefing.schema.json"]["$defs"]["Fact"]["properties"]
    assert {"pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$", "type": "string"} in fact["said_by"]["anyOf"]


def test_attendance_belongs_to_meetings_not_to_participants() -> None:
    assert "present" not in SCHEMAS["participants.schema.json"]["properties"]
    attendance = SCHEMAS["events.schema.json"]["properties"]["attendance"]
    assert attendance["items"] == {"$ref": "#/$defs/Attendance"}
    entry = SCHEMAS["events.schema.json"]["$defs"]["Attendance"]["properties"]
    assert entry["capacity"]["anyOf"][0]["enum"] == ["lead", "member", "host", "mediator", "observer"]


def test_every_model_and_field_has_a_description() -> None:
    shapes = {**{shape.__name__: shape for shape in SHAPES.values()}, **nested_shapes()}
    assert set(nested_shapes()) == {
        "Citation", "Fact", "StatusChange", "EventDate", "Attendance", "Correction", "Unquoted", "Archive",
    }  # fmt: skip
    for name, shape in shapes.items():
        assert (shape.__doc__ or "").strip(), f"{name} has no docstring"
        for field, info in shape.model_fields.items():
            assert (info.description or "").strip(), f"{name}.{field} has no description"


# --- every content file names its schema, and is valid against it -------------------------


@pytest.mark.parametrize("path", content_files(REPO) + content_files(SAMPLE), ids=str)
def test_every_content_file_starts_with_its_schema_line(path: Path) -> None:
    kind = kind_of(PurePosixPath(path.as_posix()))
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == schema_line(kind)
    assert (path.parent / first.split("$schema=", 1)[1]).is_file()


@pytest.mark.parametrize("path", content_files(REPO) + content_files(SAMPLE), ids=str)
def test_valid_content_is_valid_for_both(path: Path) -> None:
    root = REPO if path.is_relative_to(REPO / "content") else SAMPLE
    problems: list[Problem] = []
    record = read_record(root, path, kind_of(PurePosixPath(path.as_posix())), problems)
    assert problems == []
    assert pydantic_accepts(record.kind, record.data)
    assert json_schema_accepts(record.kind, record.data)


# --- the JSON Schema and pydantic agree on valid and invalid ------------------------------
#
# Only the shape of each file is compared. Whether an id names an existing file and
# whether a quote occurs in its source are checked by `briefing check` across files;
# JSON Schema, which sees one file at a time, cannot express them.

CITE = "cite: [{source: s, quote: q}]"
FACT = "{text: x, " + CITE + "}"
PERSON = "name: Ana\nkind: person\n"
SOURCE = f"title: S\npublished: 2030-03-05\nfile: s.txt\nsha256: '{'a' * 64}'\n"
GOAL = f"title: G\nparties: [ana]\nfacts:\n  - {FACT}\n"


def event(date: str) -> str:
    return f"title: E\ndate: {date}\nfacts:\n  - {FACT}\n"


def question(*history: str) -> str:
    changes = "".join(
        f"  - {{status: {status}, as_of: {as_of}, text: x, cite: [{{source: s, quote: q}}]}}\n"
        for status, as_of in (item.split() for item in history)
    )
    return f"question: Q?\nwhy_it_matters: {FACT}\nparticipants: [ana]\nhistory:\n{changes}"


# The other cases of test_bad_input.py concern YAML syntax (a duplicate key is refused by the
# loader before any schema applies), file names, references, quotes or seeds.
SCHEMA_LEVEL_BAD_INPUT = ("unknown-field", "missing-field", "wrong-type", "invalid-date")

#: name -> (file under content/, its text, whether it is valid)
AGREEMENT: dict[str, tuple[str, str, bool]] = {
    **{
        f"bad-input-{name}": (str(PurePosixPath(path).relative_to("content")), text, False)
        for name in SCHEMA_LEVEL_BAD_INPUT
        for path, text in BAD_INPUT[name][0].items()
    },
    "url-with-another-scheme": ("participants/ana.yml", PERSON + "url: javascript:alert(1)\n", False),
    "url-breaking-out-of-an-attribute": ("participants/ana.yml", PERSON + "url: 'https://x.org/\"a'\n", False),
    "url-https": ("participants/ana.yml", PERSON + "url: https://example.org/a?b=c\n", True),
    "empty-cite": ("participants/ana.yml", PERSON + "facts:\n  - {text: x, cite: []}\n", False),
    "blank-text": ("participants/ana.yml", PERSON + "facts:\n  - {text: '  ', cite: [{source: s, quote: q}]}\n", False),
    "said-by-not-an-id": ("participants/ana.yml", PERSON + f"facts:\n  - {FACT[:-1]}, said_by: Ana Lind}}\n", False),
    "occurrence-zero": ("goals/g.yml", GOAL.replace("quote: q", "quote: q, occurrence: 0"), False),
    "occurrence-two": ("goals/g.yml", GOAL.replace("quote: q", "quote: q, occurrence: 2"), True),
    # Left to `briefing check`, which reports it at the entry (test_validate.py).
    "history-not-oldest-first": ("questions/q.yml", question("answered 2030-03-06", "open 2030-03-05"), True),
    "citation-without-quote": ("goals/g.yml", GOAL.replace(", quote: q", ""), False),
    "citation-with-unknown-field": ("goals/g.yml", GOAL.replace("quote: q", "quote: q, page: 3"), False),
    "empty-parties": ("goals/g.yml", GOAL.replace("[ana]", "[]"), False),
    "null-required-field": ("goals/g.yml", GOAL.replace("title: G", "title:"), False),
    "null-optional-field": ("participants/ana.yml", PERSON + "role:\n", True),
    "participant-kind-not-listed": ("participants/ana.yml", PERSON.replace("person", "nation"), False),
    **{
        f"attendance-{name}": (
            "events/e.yml",
            event("{day: 2030-03-04}") + f"attendance:\n  - {{{entry}, {CITE}}}\n",
            valid,
        )
        for name, entry, valid in (
            ("member", "participant: ana, capacity: member", True),
            ("absent", "participant: ana, absent: true", True),
            ("absent-not-a-boolean", "participant: ana, absent: maybe", False),
            # Strict in both: a quoted 'true' is text, as the field reference says.
            ("absent-quoted", "participant: ana, absent: 'true'", False),
            ("capacity-not-listed", "participant: ana, capacity: chair", False),
            ("neither-capacity-nor-absent", "participant: ana", False),
            ("absent-with-capacity", "participant: ana, capacity: host, absent: true", False),
            ("not-absent-without-capacity", "participant: ana, absent: false", False),
        )
    },
    "file-in-a-folder": ("sources/s.yml", SOURCE.replace("s.txt", "../secret.txt"), False),
    "not-a-mapping": ("goals/g.yml", "- title\n- parties\n", False),
    "event-day": ("events/e.yml", event("{day: 2030-03-04}"), True),
    "event-month-before-with-basis": ("events/e.yml", event("{month: 2022-02, qualifier: before, basis: b}"), True),
    "event-day-and-null-year": ("events/e.yml", event("{day: 2030-03-04, year: null}"), True),
    "event-day-and-year": ("events/e.yml", event("{day: 2030-03-04, year: 2030}"), False),
    "event-no-precision": ("events/e.yml", event("{qualifier: before}"), False),
    "event-impossible-day": ("events/e.yml", event("{day: 2030-02-30}"), False),
    "event-month-13": ("events/e.yml", event("{month: 2022-13}"), False),
    "event-year-zero": ("events/e.yml", event("{year: 0}"), False),
    "question-status-not-listed": ("questions/q.yml", question("closed 2030-03-05"), False),
    "question-valid": ("questions/q.yml", question("open 2030-03-05", "answered 2030-03-06"), True),
}


@pytest.mark.parametrize("case", sorted(AGREEMENT))
def test_json_schema_and_pydantic_agree(case: str) -> None:
    relative, text, valid = AGREEMENT[case]
    kind, data = parsed(relative, text)
    assert (pydantic_accepts(kind, data), json_schema_accepts(kind, data)) == (valid, valid)


#: Where the two differ. The editor is stricter where pydantic's lax mode coerces a value;
#: a rule that relates several values (history oldest first) is `briefing check`'s alone, and both accept it.
STRICTER_IN_THE_EDITOR = {
    "quoted-number": ("goals/g.yml", GOAL.replace("quote: q", "quote: q, occurrence: '2'")),
    "date-with-midnight-time": ("sources/s.yml", SOURCE.replace("2030-03-05", "2030-03-05T00:00:00")),
}


@pytest.mark.parametrize("case", sorted(STRICTER_IN_THE_EDITOR))
def test_the_editor_is_stricter_where_pydantic_coerces(case: str) -> None:
    kind, data = parsed(*STRICTER_IN_THE_EDITOR[case])
    assert (pydantic_accepts(kind, data), json_schema_accepts(kind, data)) == (True, False)


# --- the command ----------------------------------------------------------------------------


def test_check_passes_on_the_repository() -> None:
    result = run_briefing("schemas", "--check", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Schemas and field reference are up to date.\n"


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """The repository's configuration, generated files and guide, in a folder a test may change."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "site_config", root / "site_config")
    for name in ("mkdocs.yml", "MAINTAINING.md"):
        shutil.copy(REPO / name, root / name)
    return root


def test_check_names_a_changed_schema_and_writes_nothing(project_copy: Path) -> None:
    schema = project_copy / "site_config/schemas/goals.schema.json"
    changed = json.loads(schema.read_text(encoding="utf-8"))
    changed["properties"]["title"]["description"] = "Edited by hand."
    schema.write_text(json.dumps(changed), encoding="utf-8")
    before = snapshot(project_copy)
    result = run_briefing("schemas", "--check", cwd=project_copy)
    assert result.returncode == 1
    assert result.stderr == (
        "out of date: site_config/schemas/goals.schema.json\nRun `briefing schemas` to regenerate them.\n"
    )
    assert snapshot(project_copy) == before


def test_the_command_rewrites_only_what_is_out_of_date(project_copy: Path) -> None:
    guide = project_copy / "MAINTAINING.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("| `title` |", "| `titel` |", 1), encoding="utf-8")
    (project_copy / "site_config/schemas/events.schema.json").unlink()
    result = run_briefing("schemas", "-f", str(project_copy / "mkdocs.yml"), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "wrote site_config/schemas/events.schema.json\nwrote MAINTAINING.md\n"
    assert snapshot(project_copy / "site_config") == snapshot(REPO / "site_config")
    assert guide.read_bytes() == (REPO / "MAINTAINING.md").read_bytes()
    assert run_briefing("schemas", "--check", cwd=project_copy).returncode == 0


def test_a_guide_without_markers_is_an_error(project_copy: Path) -> None:
    guide = project_copy / "MAINTAINING.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace(FIELDS_START, ""), encoding="utf-8")
    result = run_briefing("schemas", "--check", cwd=project_copy)
    assert result.returncode == 1
    assert "Error: MAINTAINING.md has no field reference markers" in result.stderr


#: What the export can carry: no surrogates (PyYAML refuses them) and no floats (no field of the schema
#: holds one; orjson would write 1e-08 as 1e-8).
_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.text(st.characters(exclude_categories=["Cs"])),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(st.characters(exclude_categories=["Cs"])), inner),
    max_leaves=30,
)


@given(_JSON_VALUES)
@settings(max_examples=300, deadline=None)
def test_published_json_has_the_bytes_of_the_standard_library(data: Any) -> None:
    """orjson writes it faster; readers and diffs see exactly what json.dumps(indent=2) would write."""
    assert dump_json(data) == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

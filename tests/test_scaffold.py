"""`briefing new` scaffolds and `briefing init` projects: valid from the start, never silently finished."""

from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPO, run_briefing, snapshot, write_tree

from generator.commands.scaffold import QUOTE_PLACEHOLDER, Placeholders, scaffold
from generator.content import schema
from generator.content.kinds import BY_NAME, SOURCES
from generator.content.kinds import KINDS as TABLE
from generator.data.schemas import json_schema, schema_line
from generator.errors import Problem
from generator.read.load import read_record
from generator.render.theme import THEME_FILES

TEMPLATE = REPO / "generator/commands/project_template"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
# kind as typed -> (folder, extra arguments)
KINDS = {kind.singular: (kind.name, ["--file", "geneva-statement.txt"] if kind is SOURCES else []) for kind in TABLE}
CITING = ["goal", "question", "event"]


def new(project: Path, kind: str, entity_id: str) -> Path:
    folder, extra = KINDS[kind]
    result = run_briefing("new", kind, entity_id, *extra, cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"created content/{folder}/{entity_id}.yml\n"
    return project / "content" / folder / f"{entity_id}.yml"


def schema_target(path: Path) -> Path:
    """Where the file's schema line points, resolved against the file's own folder."""
    match = SCHEMA_LINE.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{path} does not start with the schema line"
    return (path.parent / match.group(1)).resolve()


@pytest.mark.parametrize("kind", KINDS)
def test_new_writes_a_file_the_loader_and_schema_accept(sample_project: Path, kind: str) -> None:
    path = new(sample_project, kind, f"new-{kind}")
    folder = KINDS[kind][0]
    problems: list[Problem] = []
    record = read_record(sample_project, path, folder, problems)
    assert problems == []
    BY_NAME[folder].model.model_validate(record.data)
    jsonschema.Draft202012Validator(json_schema(folder)).validate(record.data)
    assert path.read_text(encoding="utf-8").splitlines()[0] == schema_line(folder)


@pytest.mark.parametrize("folder", BY_NAME)
def test_scaffold_describes_every_field_in_the_schema_s_own_words(folder: str) -> None:
    text = scaffold(folder, Placeholders())
    for model in _models(BY_NAME[folder].model):
        for name, info in model.model_fields.items():
            assert f"# {info.description}" in text, f"{model.__name__}.{name}"
            assert re.search(rf"^[ #-]*{name}:", text, re.M), f"{model.__name__}.{name}"


def _models(model: type[schema.Record]) -> list[type[schema.Record]]:
    """The model and every record type nested in it."""
    found = [model]
    for info in model.model_fields.values():
        for nested in _record_types(info.annotation):
            if nested not in found:
                found += _models(nested)
    return found


def _record_types(annotation: Any) -> list[type[schema.Record]]:
    if isinstance(annotation, type) and issubclass(annotation, schema.Record):
        return [annotation]
    return [found for arg in typing.get_args(annotation) for found in _record_types(arg)]


@pytest.mark.parametrize("kind", CITING)
def test_check_reports_every_placeholder_quote_with_its_line(sample_project: Path, kind: str) -> None:
    path = new(sample_project, kind, f"new-{kind}")
    relative = path.relative_to(sample_project).as_posix()
    lines = [n for n, line in enumerate(path.read_text().splitlines(), 1) if line.strip().startswith("quote:")]
    assert lines and all(QUOTE_PLACEHOLDER in path.read_text().splitlines()[n - 1] for n in lines)
    result = run_briefing("check", cwd=sample_project)
    assert result.returncode == 1
    for line in lines:
        assert re.search(rf"^{relative}:{line}:\d+: quote not found in source 'geneva-statement'", result.stdout, re.M)


@pytest.mark.parametrize("kind", ["participant", "source"])
def test_check_refuses_placeholders_that_no_quote_check_would_catch(sample_project: Path, kind: str) -> None:
    path = new(sample_project, kind, f"new-{kind}")
    relative = path.relative_to(sample_project).as_posix()
    result = run_briefing("check", cwd=sample_project)
    assert result.returncode == 1
    first = "name" if kind == "participant" else "title"
    assert re.search(rf"^{relative}:\d+:\d+: '{first}' still holds the placeholder 'REPLACE WITH", result.stdout, re.M)


def test_new_refuses_to_overwrite(sample_project: Path) -> None:
    write_tree(sample_project, {"content/participants/lind.yaml": "name: Lind\nkind: person\n"})
    before = snapshot(sample_project)
    for kind, entity_id, existing in [
        ("goal", "ceasefire", "goals/ceasefire.yml"),
        ("participant", "lind", "participants/lind.yaml"),
    ]:
        result = run_briefing("new", kind, entity_id, cwd=sample_project)
        assert result.returncode == 1
        assert result.stderr == f"Error: content/{existing} already exists; edit it, or choose another id\n"
    assert snapshot(sample_project) == before


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("Ana Lind", "ana-lind"), ("ana_lind", "ana-lind"), ("ana-lind.yml", "ana-lind"), ("Zoë", "zoe")],
)
def test_new_refuses_a_bad_id_and_suggests_one(sample_project: Path, typed: str, suggested: str) -> None:
    before = snapshot(sample_project)
    result = run_briefing("new", "participant", typed, cwd=sample_project)
    assert result.returncode == 2
    assert result.stderr.startswith("Usage: ")
    assert (
        f"'{typed}' is not a valid id: use lowercase letters, digits and hyphens, e.g. '{suggested}'" in result.stderr
    )
    assert snapshot(sample_project) == before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["source", "s"], "a new source needs --file NAME"),
        (
            ["source", "s", "--file", "geneva.txt"],
            "no file 'geneva.txt' in seeds/ (did you mean 'geneva-statement.txt'?)",
        ),
        (["goal", "g", "--file", "geneva-statement.txt"], "--file is only for a new source"),
        (["thing", "t"], "'thing' is not a kind of content; choose one of: source, participant, goal, question, event"),
    ],
)
def test_new_refuses_bad_usage(sample_project: Path, arguments: list[str], message: str) -> None:
    before = snapshot(sample_project)
    result = run_briefing("new", *arguments, cwd=sample_project)
    assert result.returncode == 2
    assert message in result.stderr
    assert snapshot(sample_project) == before


def test_new_accepts_plural_kinds_and_a_config_file_elsewhere(sample_project: Path) -> None:
    result = run_briefing("new", "goals", "truce", "-f", "project/mkdocs.yml", cwd=sample_project.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "created project/content/goals/truce.yml\n"


def test_init_copies_the_template_and_generates_the_schemas_its_files_name(tmp_path: Path) -> None:
    result = run_briefing("init", "briefing", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "created a briefing project in briefing; next: cd there and run `briefing build`\n"
    project = tmp_path / "briefing"
    written = snapshot(project)
    schemas = {f"site_config/schemas/{name}.schema.json" for name in ["briefing", *BY_NAME]}
    assert set(written) == set(snapshot(TEMPLATE)) | schemas
    assert {name: data for name, data in written.items() if name not in schemas} == snapshot(TEMPLATE)
    for path in project.glob("content/**/*.yml"):
        kind = "briefing" if path.parent.name == "content" else path.parent.name
        assert path.read_text(encoding="utf-8").splitlines()[0] == schema_line(kind)
        assert schema_target(path) == (project / f"site_config/schemas/{kind}.schema.json").resolve()


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    write_tree(tmp_path, {"notes.txt": "mine"})
    result = run_briefing("init", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "Error: . is not empty; give a new or empty folder\n"
    assert snapshot(tmp_path) == {"notes.txt": b"mine"}


def test_template_keeps_the_repository_s_site_settings() -> None:
    """The template is a copy; this keeps it one as the repository's configuration changes."""
    ours, theirs = (yaml.safe_load((root / "mkdocs.yml").read_text()) for root in (REPO, TEMPLATE))
    for key in ("site_name", "site_description"):
        ours.pop(key, None)
        theirs.pop(key, None)
    assert theirs == ours
    # The stylesheet and script are the package's (generator/render/theme.py): neither project keeps a copy.
    copies = [root / "site_config/docs" / path for root in (REPO, TEMPLATE) for path in THEME_FILES]
    assert [path for path in copies if path.exists()] == []


@pytest.mark.slow
def test_init_then_build_gives_a_site_with_the_participant_s_page(tmp_path: Path) -> None:
    assert run_briefing("init", "briefing", cwd=tmp_path).returncode == 0
    result = run_briefing("build", cwd=tmp_path / "briefing")
    assert result.returncode == 0, result.stderr
    page = tmp_path / "briefing/site/participants/example-council/index.html"
    assert "Example Council" in page.read_text(encoding="utf-8")

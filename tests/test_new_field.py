"""A new field costs its schema declaration, one template line and the regenerate command, nothing more.

In a temporary copy of the generator and the sample project, goals gain a field
listing participant ids. Every stage that reads the kinds table and the fields'
shapes must then take it up unaided: the check as a reference, the JSON export,
the CSV, the JSON Schema, the field reference and the page.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE

pytestmark = pytest.mark.slow

DECLARATION = (
    '    observers: list[ParticipantRef] = Field(default_factory=list, description="Ids of the participants '
    'who follow the goal without committing to it.")\n'
)
TEMPLATE_LINE = '**Observers:** {{ page.refs("participants", entity.data.observers) }}\n\n'


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generator and the sample project, copied, with the field declared and shown, and the schemas regenerated."""
    root = tmp_path_factory.mktemp("new-field")
    shutil.copytree(REPO / "generator", root / "code" / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(SAMPLE, root / "project")
    _insert_after(root / "code/generator/content/schema.py", "class GoalFile(", "    parties:", DECLARATION)
    _insert_after(
        root / "code/generator/render/templates/goal.md.j2", "# ", "**Parties:**", f"\n{TEMPLATE_LINE.rstrip()}\n"
    )
    result = briefing(root, "schemas")
    assert result.returncode == 0, result.stderr
    return root


def _insert_after(path: Path, block: str, start: str, text: str) -> None:
    """Insert `text` after the first line that begins with `start` in the block that begins with `block`: a
    class's field, say, that another class may declare too."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (opening,) = [number for number, line in enumerate(lines) if line.startswith(block)]
    index = next(number for number in range(opening, len(lines)) if lines[number].startswith(start))
    lines.insert(index + 1, text)
    path.write_text("".join(lines), encoding="utf-8")


def briefing(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The copied generator's `briefing` command, in the copied project."""
    env = {**os.environ, "PYTHONPATH": str(root / "code"), "BRIEFING_CACHE": "off"}
    command = [sys.executable, "-m", "generator", *args]
    return subprocess.run(command, cwd=root / "project", env=env, capture_output=True, text=True, timeout=300)


def set_observers(root: Path, ids: str) -> None:
    goal = root / "project/content/goals/ceasefire.yml"
    original = (SAMPLE / "content/goals/ceasefire.yml").read_text(encoding="utf-8")
    goal.write_text(original + f"observers: [{ids}]\n", encoding="utf-8")


def test_the_copy_runs_the_copied_generator(copy: Path) -> None:
    result = briefing(copy, "--help")
    assert result.returncode == 0
    code = subprocess.run(
        [sys.executable, "-c", "import generator; print(generator.__file__)"],
        cwd=copy / "project",
        env={**os.environ, "PYTHONPATH": str(copy / "code")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert code.stdout.startswith(str(copy / "code"))


def test_the_field_is_checked_as_a_reference(copy: Path) -> None:
    set_observers(copy, "southlnd")
    result = briefing(copy, "check")
    assert (result.returncode, result.stdout.splitlines()[0]) == (
        1,
        "content/goals/ceasefire.yml:9:13: unknown participant 'southlnd' (did you mean 'southland'?); "
        "participant ids are the file names in content/participants/",
    )


def test_the_field_reaches_the_export_the_csv_the_schema_and_the_page(copy: Path) -> None:
    set_observers(copy, "ana-lind")
    exported = briefing(copy, "export")
    assert exported.returncode == 0, exported.stdout + exported.stderr
    (goal,) = json.loads(exported.stdout)["goals"]
    assert goal["observers"] == ["ana-lind"]
    out = copy / "generated"
    generated = briefing(copy, "generate", "--out", str(out))
    assert generated.returncode == 0, generated.stderr
    (row,) = csv.DictReader(io.StringIO((out / "data/goals.csv").read_text(encoding="utf-8")))
    assert row["observers"] == "ana-lind"
    assert "**Observers:** [Ana Lind](../participants/ana-lind.md)" in (out / "goals/ceasefire.md").read_text()
    schema = json.loads((copy / "project/site_config/schemas/goals.schema.json").read_text(encoding="utf-8"))
    assert "who follow the goal" in schema["properties"]["observers"]["description"]
    export_schema = json.loads((out / "data/briefing.schema.json").read_text(encoding="utf-8"))
    assert "observers" in export_schema["$defs"]["goals"]["properties"]

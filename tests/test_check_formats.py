"""`briefing check` output for people and for automation, and the editorial warnings."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_briefing

GOAL = "content/goals/ceasefire.yml"


def line_of(project: Path, text: str) -> int:
    """1-based line of the first line of the goal file holding `text`."""
    lines = (project / GOAL).read_text().splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def break_quote(project: Path) -> int:
    goal = project / GOAL
    goal.write_text(goal.read_text().replace("quote: The two sides agreed", "quote: The two sides agree"))
    return line_of(project, "quote: The two sides agree")


def use_loaded_word(project: Path) -> None:
    goal = project / GOAL
    goal.write_text(goal.read_text().replace("text: The two sides", "text: In a breakthrough, the two sides"))


def test_json_lists_every_problem_with_its_place(sample_project: Path) -> None:
    line = break_quote(sample_project)
    result = run_briefing("check", "--format", "json", cwd=sample_project)
    assert result.returncode == 1
    (problem,) = json.loads(result.stdout)
    assert {key: problem[key] for key in ("path", "line", "column", "severity", "code")} == {
        "path": GOAL,
        "line": line,
        "column": 9,
        "severity": "error",
        "code": "quote-not-found",
    }
    assert problem["message"].startswith("quote not found in source 'geneva-statement'")


def test_json_is_an_empty_list_when_clean(sample_project: Path) -> None:
    result = run_briefing("check", "--format", "json", cwd=sample_project)
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_github_prints_workflow_annotations(sample_project: Path) -> None:
    line = break_quote(sample_project)
    result = run_briefing("check", "--format", "github", cwd=sample_project)
    assert result.returncode == 1
    first, last = result.stdout.splitlines()
    assert first.startswith(f"::error file={GOAL},line={line},col=9,title=quote-not-found::quote not found in source")
    assert last == "1 problem found."


def test_a_loaded_word_in_the_briefing_s_own_voice_warns(sample_project: Path) -> None:
    use_loaded_word(sample_project)
    expected = (
        f"{GOAL}:{line_of(sample_project, 'breakthrough')}:5: warning: 'breakthrough' is a loaded word in the briefing's own voice; reword it neutrally, "
        "or attribute the claim to whoever made it with 'said_by'"
    )
    result = run_briefing("check", cwd=sample_project)
    assert (result.returncode, result.stdout.splitlines()) == (0, [expected, "0 errors and 1 warning found."])
    strict = run_briefing("check", "--strict", cwd=sample_project)
    assert (strict.returncode, strict.stdout.splitlines()) == (
        1,
        [expected.replace("warning: ", ""), "1 problem found."],
    )


def test_attributed_words_and_extended_lists_are_respected(sample_project: Path) -> None:
    person = sample_project / "content/participants/ana-lind.yml"
    person.write_text(
        person.read_text().replace(
            """text: 'Lind said: "We agreed to keep talking."'""", "text: Lind said it was a breakthrough."
        )
    )
    assert run_briefing("check", "--strict", cwd=sample_project).returncode == 0
    words = sample_project / "site_config/loaded-words.txt"
    words.write_text("# maintainers extend this list\nministers\n")
    result = run_briefing("check", cwd=sample_project)
    assert "warning: 'Ministers' is a loaded word" in result.stdout

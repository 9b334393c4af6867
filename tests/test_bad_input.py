"""One bad-input case per kind of content error: what a maintainer sees from `briefing check`.

Each case changes one file of the sample project and pins the exact line the
maintainer reads: path, line, column and the fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE, run_briefing, write_tree

GOAL = "content/goals/ceasefire.yml"
QUESTION = "content/questions/second-round.yml"
FACT = """facts:
  - text: The two sides agreed to work toward a ceasefire.
    cite:
      - source: geneva-statement
        quote: {quote}
"""
GOAL_HEAD = "title: A ceasefire\nparties: [northland, southland]\n"

CASES = {
    "yaml-syntax": (
        {GOAL: "title: [A ceasefire\nparties: [northland]\n"},
        "content/goals/ceasefire.yml:2:8: the '[' at line 1, column 8 is not closed where expected: end it with ']', "
        "and put any value that holds ',', '[', ']', '{' or '}' in double quotes",
    ),
    "unknown-field": (
        {GOAL: GOAL_HEAD.replace("parties", "partys") + FACT.format(quote="work toward a ceasefire")},
        "content/goals/ceasefire.yml:2:1: unknown field 'partys' (did you mean 'parties'?)",
    ),
    "missing-field": (
        {GOAL: "title: A ceasefire\n" + FACT.format(quote="work toward a ceasefire")},
        "content/goals/ceasefire.yml:1:1: missing required field 'parties'",
    ),
    "wrong-type": (
        {GOAL: "title: A ceasefire\nparties: northland\n" + FACT.format(quote="work toward a ceasefire")},
        "content/goals/ceasefire.yml:2:1: 'parties' must be a list, found the text 'northland'",
    ),
    "invalid-id": (
        {"content/goals/Cease Fire.yml": GOAL_HEAD + FACT.format(quote="work toward a ceasefire")},
        "content/goals/Cease Fire.yml: file name 'Cease Fire' is not a valid id: use lowercase letters, digits and hyphens, e.g. 'cease-fire.yml'",
    ),
    "duplicate-key": (
        {GOAL: GOAL_HEAD + "title: Again\n" + FACT.format(quote="work toward a ceasefire")},
        "content/goals/ceasefire.yml:3:1: duplicate field 'title' (first given on line 1); keep one",
    ),
    "unknown-id": (
        {GOAL: "title: A ceasefire\nparties: [northland, sothland]\n" + FACT.format(quote="work toward a ceasefire")},
        "content/goals/ceasefire.yml:2:22: unknown participant 'sothland' (did you mean 'southland'?); participant ids are the file names in content/participants/",
    ),
    "invalid-date": (
        {
            QUESTION: (Path(__file__).parent / "fixtures/sample" / QUESTION)
            .read_text()
            .replace("2030-03-05", "2030-02-30")
        },
        "content/questions/second-round.yml:12:5: 'history[0].as_of' must be a real date written YYYY-MM-DD, found '2030-02-30' (day value is outside expected range)",
    ),
    "quote-not-found": (
        {GOAL: GOAL_HEAD + FACT.format(quote="The two sides agreed to work towards a ceasefire")},
        "content/goals/ceasefire.yml:7:9: quote not found in source 'geneva-statement'; the closest passage is "
        "\"The two sides agreed to work toward a ceasefire.\"; the source has 'toward' where the quote has 'towards'",
    ),
    "ambiguous-quote": (
        {GOAL: GOAL_HEAD + FACT.format(quote="Lind")},
        "content/goals/ceasefire.yml:7:9: quote occurs 2 times in source 'geneva-statement'; quote more words or add 'occurrence: N' (1 to 2)",
    ),
    "headline-cited": (
        {GOAL: GOAL_HEAD + FACT.format(quote="Talks Resume")},
        "content/goals/ceasefire.yml:7:9: quote is from the headline 'Talks Resume', which cannot back a fact in the briefing's own voice; cite the article's text, or attribute the claim with 'said_by'",
    ),
    "missing-seed": (
        {
            "content/sources/geneva-statement.yml": f"title: Statement\npublished: 2030-03-05\nfile: geneva.txt\nsha256: '{'0' * 64}'\n"
        },
        "content/sources/geneva-statement.yml:3:1: seed file 'geneva.txt' not found in seeds/ (did you mean 'geneva-statement.txt'?)",
    ),
    "seed-changed": (
        {"seeds/geneva-statement.txt": (SAMPLE / "seeds/geneva-statement.txt").read_text().replace("four", "five")},
        "content/sources/geneva-statement.yml:5:1: seeds/geneva-statement.txt has changed since its citations were "
        "checked (sha256 recorded 8711f42266f1..., now 42eed2f1434f...); re-verify each citation of "
        "'geneva-statement' reported with this, then run `briefing pin geneva-statement`",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_with_its_place_and_fix(sample_project: Path, case: str) -> None:
    files, expected = CASES[case]
    if "content/goals/Cease Fire.yml" in files:
        (sample_project / GOAL).unlink()
    write_tree(sample_project, files)
    result = run_briefing("check", cwd=sample_project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert expected in result.stdout.splitlines(), result.stdout


def test_every_problem_of_a_run_is_reported_at_once(sample_project: Path) -> None:
    write_tree(
        sample_project,
        {
            GOAL: GOAL_HEAD.replace("title", "titel") + FACT.format(quote="no such words"),
            "content/participants/southland.yml": "name: Southland\nkind: nation\n",
        },
    )
    result = run_briefing("check", cwd=sample_project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/goals/ceasefire.yml:1:1: missing required field 'title'",
        "content/goals/ceasefire.yml:1:1: unknown field 'titel' (did you mean 'title'?)",
        "content/participants/southland.yml:2:1: 'kind' must be 'person', 'organisation', 'country' or 'delegation', found 'nation'",
        "3 problems found.",
    ]

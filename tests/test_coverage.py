"""Coverage: which sentences of each source the briefing cites, counted by hand on small inputs."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, raw_content, run_briefing

from generator.check.citations import seed_sha256
from generator.check.validate import validate
from generator.commands.coverage import Coverage, format_coverage, measure_coverage, split_sentences
from generator.content.model import Briefing

# By hand: seven sentences in four paragraphs.
#   1 "Harbour Talks Open"                 marked headline: not counted
#   2 "A Quiet Start"                      an unmarked headline: counted, uncited
#   3 "The U.S. Envoy Ann Fox met Mr. Berg in Oslo on Monday."
#                                          one sentence despite "U.S. Envoy" and "Mr. Berg"; partly cited: cited
#   4 'Fox said: "We will meet again."'    ends after the closing quote; cited
#   5 "Berg did not reply."                uncited
#   6 "Will they meet again?"              uncited
#   7 "No date was set."                   cited
# Counted 6 (2 to 7), cited 3 (3, 4, 7): 50.0%, and 1 headline not counted.
SEED = (
    "Harbour Talks Open\n"
    "\n"
    "A Quiet Start\n"
    "\n"
    "The U.S. Envoy Ann Fox met Mr. Berg in Oslo\n"
    'on Monday. Fox said: "We will meet again." Berg did not reply.\n'
    "\n \n"
    "Will they meet again? No date was set.\n"
)
SOURCE = (
    "title: Harbour statement\npublished: 2030-03-05\nfile: s.txt\nsha256: '{sha}'\nheadlines: [Harbour Talks Open]\n"
)
BRIEFING = """\
title: T
as_of: 2030-03-05
summary:
  - text: Fox met Berg.
    cite: [{source: s, quote: met Mr. Berg}]
  - text: Fox said they would meet again.
    cite: [{source: s, quote: We will meet again}]
  - text: No date was set.
    cite: [{source: s, quote: No date was set}]
"""


def briefing_of(briefing_yml: str = BRIEFING, seed: str = SEED) -> Briefing:
    briefing, problems = validate(
        raw_content(
            {"briefing.yml": briefing_yml, "sources/s.yml": SOURCE.format(sha=seed_sha256(seed))}, {"s.txt": seed}
        )
    )
    assert problems == []
    assert briefing is not None
    return briefing


def test_each_sentence_is_counted_cited_or_not_and_headlines_are_set_apart() -> None:
    coverage = measure_coverage(briefing_of())
    (source,) = coverage.sources
    assert (source.id, source.title) == ("s", "Harbour statement")
    assert [(s.text, s.cited, s.headline) for s in source.sentences] == [
        ("Harbour Talks Open", False, True),
        ("A Quiet Start", False, False),
        ("The U.S. Envoy Ann Fox met Mr. Berg in Oslo on Monday.", True, False),
        ('Fox said: "We will meet again."', True, False),
        ("Berg did not reply.", False, False),
        ("Will they meet again?", False, False),
        ("No date was set.", True, False),
    ]
    assert [SEED[start:end] for start, end in (s.span for s in source.sentences)][2] == (
        "The U.S. Envoy Ann Fox met Mr. Berg in Oslo\non Monday."
    )
    assert (len(source.counted), len(source.cited), len(source.headlines)) == (6, 3, 1)
    assert source.percent == 50.0
    assert (coverage.counted, coverage.cited, coverage.percent) == (6, 3, 50.0)


def test_a_quote_across_a_sentence_break_covers_both_sentences() -> None:
    briefing_yml = BRIEFING.replace("quote: No date was set", "quote: meet again? No date")
    (source,) = measure_coverage(briefing_of(briefing_yml)).sources
    assert [s.text for s in source.uncited] == ["A Quiet Start", "Berg did not reply."]


def test_fail_under_compares_the_exact_share() -> None:
    coverage = measure_coverage(briefing_of())
    assert not coverage.below(50)
    assert coverage.below(50.01)
    assert not Coverage(()).below(100)


def test_the_report_lists_uncited_sentences_under_their_source() -> None:
    assert format_coverage(measure_coverage(briefing_of())) == (
        "s: 3 of 6 sentences cited (50.0%); 1 headline not counted\n"
        '    "A Quiet Start"\n'
        '    "Berg did not reply."\n'
        '    "Will they meet again?"\n'
        "total: 3 of 6 sentences cited in 1 source (50.0%); 1 headline not counted"
    )


def test_a_rounded_share_never_claims_complete_coverage() -> None:
    seed = "One. " * 2000 + "Two."
    briefing_yml = BRIEFING.split("summary:")[0] + "summary:\n  - text: x\n    cite: [{source: s, quote: Two.}]\n"
    source_yml = SOURCE.format(sha=seed_sha256(seed)).replace("headlines: [Harbour Talks Open]\n", "")
    briefing, problems = validate(
        raw_content({"briefing.yml": briefing_yml, "sources/s.yml": source_yml}, {"s.txt": seed})
    )
    assert briefing is not None, problems
    assert format_coverage(measure_coverage(briefing)).splitlines()[-1] == (
        "total: 1 of 2001 sentences cited in 1 source (0.1%)"
    )


def test_sentences_end_only_where_a_new_one_begins() -> None:
    text = (
        'Dmitriev called it "constructive." He said so. Talks lasted 4.5 hours (in Riyadh.) See e.g. Annex 2. '
        "Rubio met Dr. Smith on Mar. 3. Then he left! Why? 'Because,' said J. R. Doe. the end."
    )
    assert [text[start:end] for (start, end), _ in split_sentences(text)] == [
        'Dmitriev called it "constructive."',
        "He said so.",
        "Talks lasted 4.5 hours (in Riyadh.)",
        "See e.g. Annex 2.",
        "Rubio met Dr. Smith on Mar. 3.",
        "Then he left!",
        "Why?",
        "'Because,' said J. R. Doe. the end.",
    ]


# --- the command ---------------------------------------------------------------------------


def test_the_command_reports_the_sample_project(sample_project: Path) -> None:
    result = run_briefing("coverage", "--fail-under", "100", cwd=sample_project)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "geneva-statement: 4 of 4 sentences cited (100.0%); 1 headline not counted\n"
        "total: 4 of 4 sentences cited in 1 source (100.0%); 1 headline not counted\n"
    )


def test_fail_under_exits_1_below_the_share_and_0_at_or_above(sample_project: Path) -> None:
    seed = sample_project / "seeds" / "geneva-statement.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nSouthland did not comment.\n", encoding="utf-8")
    assert run_briefing("pin", "geneva-statement", cwd=sample_project).returncode == 0
    at = run_briefing("coverage", "--fail-under", "80", cwd=sample_project)
    assert (at.returncode, at.stderr) == (0, "")
    assert at.stdout == (
        "geneva-statement: 4 of 5 sentences cited (80.0%); 1 headline not counted\n"
        '    "Southland did not comment."\n'
        "total: 4 of 5 sentences cited in 1 source (80.0%); 1 headline not counted\n"
    )
    below = run_briefing("coverage", "-f", str(sample_project / "mkdocs.yml"), "--fail-under", "80.5", cwd=REPO)
    assert below.returncode == 1
    assert below.stdout == at.stdout
    assert below.stderr == "coverage 4 of 5 sentences (80.0%) is below --fail-under 80.5%\n"


def test_content_errors_are_reported_as_check_reports_them(sample_project: Path) -> None:
    goal = sample_project / "content" / "goals" / "ceasefire.yml"
    goal.write_text(goal.read_text(encoding="utf-8").replace("a ceasefire.", "a truce."), encoding="utf-8")
    checked = run_briefing("check", cwd=sample_project)
    result = run_briefing("coverage", cwd=sample_project)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == checked.stdout
    # The line is not pinned: it moves whenever the fixture's header comments change.
    problem, count = result.stderr.splitlines()
    assert problem.startswith("content/goals/ceasefire.yml:")
    assert problem.endswith(
        ": quote not found in source 'geneva-statement'; "
        'the closest passage is "The two sides agreed to work toward a"'
    )
    assert count == "1 problem found."


def test_a_percentage_outside_0_to_100_is_a_usage_error(sample_project: Path) -> None:
    assert run_briefing("coverage", "--fail-under", "101", cwd=sample_project).returncode == 2


def test_the_real_briefing_cites_at_least_90_percent_of_its_seed() -> None:
    result = run_briefing("coverage", "--fail-under", "90", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("us-russia-talks-riyadh-2025-02-19: ")
    assert "2 headlines not counted" in result.stdout

"""Pinned seeds: a changed seed fails the check until its citations are re-verified and pinned."""

from __future__ import annotations

from pathlib import Path

from conftest import run_briefing

SOURCE = "content/sources/geneva-statement.yml"


def change_seed(project: Path, old: str, new: str) -> None:
    seed = project / "seeds/geneva-statement.txt"
    seed.write_text(seed.read_text().replace(old, new))


def test_a_changed_seed_lists_every_citation_to_re_verify(sample_project: Path) -> None:
    change_seed(sample_project, "for four hours", "for five hours")
    result = run_briefing("check", cwd=sample_project)
    assert result.returncode == 1
    rechecks = [line for line in result.stdout.splitlines() if "whose seed has changed" in line]
    citations = sum(
        text.read_text().count("source: geneva-statement") for text in (sample_project / "content").rglob("*.yml")
    )
    assert len(rechecks) == citations == 9
    assert any(
        line.startswith(f"{SOURCE}:5:1: seeds/geneva-statement.txt has changed") for line in result.stdout.splitlines()
    )


def test_pin_records_the_new_hash_and_changes_nothing_else(sample_project: Path) -> None:
    change_seed(sample_project, "Foreign Minister Ana Lind", "Foreign Minister  Ana Lind")
    before = (sample_project / SOURCE).read_text().splitlines()
    result = run_briefing("pin", "geneva-statement", cwd=sample_project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"pinned {SOURCE}: sha256 ")
    after = (sample_project / SOURCE).read_text().splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert len(changed) == 1 and changed[0][1].startswith("sha256: ")
    assert run_briefing("check", cwd=sample_project).returncode == 0


def test_pin_refuses_an_unknown_source(sample_project: Path) -> None:
    result = run_briefing("pin", "geneva", cwd=sample_project)
    assert result.returncode == 2
    assert "no source 'geneva' in content/sources/ (sources: geneva-statement)" in result.stderr


def test_pin_names_each_citation_whose_quote_the_pinned_seed_no_longer_holds(sample_project: Path) -> None:
    change_seed(sample_project, "for four hours", "for five hours")
    change_seed(sample_project, "We agreed to keep talking", "We agreed to keep negotiating")
    result = run_briefing("pin", "geneva-statement", cwd=sample_project)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "warning: the pinned seed no longer holds the quotes of 3 citation(s); correct each quote (or the seed) "
        "before building:"
    )
    assert [line.split(": ", 1)[0] for line in lines[1:]] == [
        "  content/events/geneva-talks.yml:18:9",
        "  content/participants/ana-lind.yml:11:9",
        "  content/questions/second-round.yml:7:7",
    ]
    assert all("quote not found in source 'geneva-statement'" in line for line in lines[1:])


def test_pin_of_a_seed_that_holds_every_quote_warns_of_nothing(sample_project: Path) -> None:
    change_seed(sample_project, "Foreign Minister Ana Lind", "Foreign Minister  Ana Lind")
    assert run_briefing("pin", "geneva-statement", cwd=sample_project).stderr == ""

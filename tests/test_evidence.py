"""Evidence: a fact's details held to its quotes, claims that disagree side by side, corrections on the record.

The detail check is tested in memory (generator/check/details.py) and through `briefing check` on the real content.
Disputes and corrections come from tests/fixtures/disputes: two fictional sources that contradict each other, laid
over the real briefing, built with real MkDocs and read as published files.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, REPO, made_once, run_briefing
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.check.details import (
    Aliases,
    PartialDate,
    Reference,
    details_word_by_word,
    unquoted_details,
    words_all_held,
)

ALIASES = Aliases([("U.S.", "United States", "American"), ("Ukraine", "Ukrainian")])
DMITRIEV = "content/participants/kirill-dmitriev.yml"
DISPUTED = "questions/embassy-staff-timetable"
DISPUTED_TITLE = "Is there a timetable for restoring embassy staff?"


def missing(text: str, *quoted: str, reference: Reference | None = None) -> list[str]:
    return unquoted_details(text, quoted, reference or Reference(), ALIASES)


# --- the details a fact's quotes don't hold, in memory -------------------------------------------


def test_a_number_the_quotes_lack_is_named_as_written() -> None:
    quote = "described the intense 4.5-hour meeting as constructive"
    assert missing("The 9-hour meeting was constructive.", quote) == ["9"]
    assert missing("The 4.5-hour meeting was constructive.", quote) == []
    assert missing("The meeting lasted 4.5 hours.", quote) == []


def test_a_number_word_is_its_number_either_way() -> None:
    assert missing("They agreed on three points.", "agreed on 3 points") == []
    assert missing("They agreed on 3 points.", "agreed on three points") == []
    assert missing("It lasted twenty-five minutes.", "25 minutes") == []
    assert missing("It lasted two hours.", "it lasted hours") == ["two"]
    assert missing("Officials pledged 300 million.", "pledged 300 billion") == ["million"]


def test_a_capitalised_word_inside_a_sentence_is_a_name_the_quotes_must_hold() -> None:
    quote = "the delegations met and talked"
    assert missing("The delegations met in Geneva and talked.", quote) == ["Geneva"]
    assert missing("Delegations met. Then they talked.", "delegations met", "they talked") == []
    assert missing("Mr Lind met them.", "Lind met them") == []
    assert missing("Rubio's aides met.", "Rubio met the aides") == []


def test_a_name_matches_any_of_its_aliases() -> None:
    assert missing("United States officials met.", "U.S. officials met") == []
    assert missing("The U.S. officials met.", "American officials met") == []
    assert missing("Ukrainian officials were absent.", "Ukraine was absent") == []
    assert missing("The Russian officials were absent.", "Ukraine was absent") == ["Russian"]


def test_the_entry_and_the_speaker_may_be_named_without_a_quote() -> None:
    reference = Reference(("Kirill Dmitriev", "Russian Direct Investment Fund"))
    assert missing("Kirill Dmitriev said the Fund would invest.", "would invest", reference=reference) == []


def test_the_date_of_the_facts_event_may_be_given_without_a_quote() -> None:
    day = Reference((), (PartialDate.of(datetime.date(2025, 2, 18)),))
    assert missing("They met on Tuesday, 18 February 2025.", "they met", reference=day) == []
    assert missing("They met on 19 February 2025.", "they met", reference=day) == ["19", "February"]
    month = Reference(dates=(PartialDate(2022, 2),))
    assert missing("It began in February 2022.", "it began", reference=month) == []
    assert missing("It began on 3 February 2022.", "it began", reference=month) == ["3", "February"]


VOCABULARY = [
    "4.5", "4", "5", "45", "4,5", "twenty", "five", "twenty-five", "25", "three", "3", "U.S.", "US", "u", "s",
    "Geneva", "geneva", "Genève", "the", "The", "Rubio's", "Rubio", "February", "Feb.", "18", "a", ".", "-",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=8), st.lists(st.sampled_from(VOCABULARY), max_size=12))
def test_the_quick_test_never_passes_a_fact_the_word_by_word_check_flags(text: list[str], quote: list[str]) -> None:
    fact, quoted = " ".join(text), " ".join(quote)
    if words_all_held(fact, (quoted,)):
        assert details_word_by_word(fact, (quoted,), Reference(), ALIASES) == []


# --- the check on the real content ------------------------------------------------------------------


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("content", "seeds", "site_config"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root)
    return root


def test_the_real_content_passes_the_strict_check() -> None:
    result = run_briefing("check", "--strict", cwd=REPO)
    assert result.returncode == 0, result.stdout
    assert "warning" not in result.stdout


def test_a_changed_number_in_dmitrievs_fact_stops_the_check_and_the_build(real_copy: Path) -> None:
    path = real_copy / DMITRIEV
    text = path.read_text(encoding="utf-8")
    assert text.count("the 4.5-hour meeting") == 1
    path.write_text(text.replace("the 4.5-hour meeting", "the 9-hour meeting"), encoding="utf-8")
    line = next(n for n, row in enumerate(path.read_text().splitlines(), 1) if "9-hour" in row)
    result = run_briefing("check", cwd=real_copy)
    assert result.returncode == 1
    assert f"{DMITRIEV}:{line}:5: '9' is in the text but not in its quotes" in result.stdout
    assert "add 'unquoted:' with those 'details:' and a 'reason:'; a number or date the quotes lack" in result.stdout
    built = run_briefing("build", cwd=real_copy)
    assert built.returncode == 1 and f"{DMITRIEV}:{line}:5:" in built.stderr + built.stdout


def test_an_exception_with_its_reason_silences_the_warning_and_is_exported(real_copy: Path) -> None:
    path = real_copy / DMITRIEV
    reason = "A test: the fact's number is kept on purpose."
    exception = f'    unquoted:\n      details: ["9"]\n      reason: "{reason}"\n'
    text = path.read_text(encoding="utf-8").replace("the 4.5-hour meeting", "the 9-hour meeting")
    text = text.replace("    said_by: kirill-dmitriev\n", "    said_by: kirill-dmitriev\n" + exception, 1)
    path.write_text(text, encoding="utf-8")
    assert run_briefing("check", "--strict", cwd=real_copy).returncode == 0
    exported = json.loads(run_briefing("export", cwd=real_copy).stdout)
    dmitriev = next(item for item in exported["participants"] if item["id"] == "kirill-dmitriev")
    fact = next(fact for fact in dmitriev["facts"] if "9-hour" in fact["text"])
    assert fact["unquoted"] == {"details": ["9"], "reason": reason}
    path.write_text(text.replace("the 9-hour meeting", "the 4.5-hour meeting"), encoding="utf-8")
    result = run_briefing("check", cwd=real_copy)
    assert "warning: '9' is not a detail this fact's quotes lack (any more); remove it from 'unquoted'" in result.stdout


def test_the_editorial_pass_left_no_inference_the_quotes_do_not_hold() -> None:
    question = (REPO / "content/questions/ukraine-at-the-table.yml").read_text(encoding="utf-8")
    status = question.split("history:", 1)[1].split("corrections:", 1)[0]
    assert "no plan to include them later" not in status
    assert "corrections:" in question  # the change is on the record


# --- claims that disagree, and corrections, on the fixture ------------------------------------------


@pytest.fixture(scope="module")
def disputes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content with tests/fixtures/disputes added, built once per test run; tests only read it."""

    def build(folder: Path) -> None:
        root = folder / "project"
        root.mkdir(parents=True)
        for name in ("content", "seeds", "site_config"):
            shutil.copytree(REPO / name, root / name)
        shutil.copy(REPO / "mkdocs.yml", root)
        shutil.copytree(FIXTURES / "disputes", root, dirs_exist_ok=True)
        assert run_briefing("check", "--strict", cwd=root).returncode == 0
        result = run_briefing("build", cwd=root)
        assert result.returncode == 0, result.stdout + result.stderr

    return made_once(tmp_path_factory, "disputes", build) / "project"


def page_of(root: Path, page: str) -> str:
    return (root / "site" / page / "index.html").read_text(encoding="utf-8")


def words(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def test_claims_that_disagree_stand_in_their_parties_rows_each_with_speaker_source_and_date(disputes: Path) -> None:
    """On a question, claims are its parties' statements: each in its speaker's row, the page saying they
    disagree (elsewhere, as on a participant's page, they stand side by side in a table)."""
    built = page_of(disputes, DISPUTED)
    section = built.split('id="where-the-parties-stand"', 1)[1].split("Participants involved:")[0]
    assert "Parties disagree (2 voices):</strong> " in section
    rows = {
        party: words(re.search(rf'id="position-{party}".*?<ul>(.*?)</ul>', section, re.S).group(1))  # type: ignore[union-attr]
        for party in ("irina-volkova", "daniel-price")
    }
    # As written, reported speech naming its speaker, with its date: the page adds no quotation marks of its own.
    volkova = "20 February 2025: Volkova said the delegations in Riyadh had agreed to restore full embassy staffing"
    assert rows["irina-volkova"].startswith(volkova)
    price = "21 February 2025 new since 20 February 2025: Price said no timetable for restoring embassy staff"
    assert rows["daniel-price"].startswith(price)
    assert not any("\u201c" in row for row in rows.values())
    # Each claim keeps its anchor, where its source page's "cited by" links land.
    assert 'id="f-staffing-within-a-month"' in section
    # Neither is stated in the briefing's own voice: the background holds neither claim's words.
    background = built.split('id="background"', 1)[-1] if 'id="background"' in built else ""
    assert "embassy staffing" not in background and "No timetable" not in background


def test_both_claims_are_in_the_json_and_the_csv(disputes: Path) -> None:
    data = json.loads((disputes / "site/data/briefing.json").read_text(encoding="utf-8"))
    question = next(item for item in data["questions"] if item["id"] == "embassy-staff-timetable")
    first, second = question["facts"]
    assert (first["said_by"], first["id"], first["contests"]) == ("irina-volkova", "staffing-within-a-month", None)
    assert (second["said_by"], second["contests"]) == ("daniel-price", "staffing-within-a-month")
    rows = list(csv.DictReader(io.StringIO((disputes / "site/data/citations.csv").read_text(encoding="utf-8"))))
    ours = {row["said_by"]: row for row in rows if row["id"] == "embassy-staff-timetable" and row["said_by"]}
    assert set(ours) == {"irina-volkova", "daniel-price"}
    assert ours["daniel-price"]["contests"] == ours["irina-volkova"]["anchor"] == "f-staffing-within-a-month"
    assert ours["irina-volkova"]["contests"] == ""


def test_a_claim_whose_counterclaim_is_not_yet_published_is_a_plain_attributed_fact(disputes: Path) -> None:
    out = disputes / "generated-first"
    assert run_briefing("generate", "--as-of", "2025-02-20", "--out", str(out), cwd=disputes).returncode == 0
    page = (out / f"{DISPUTED}.md").read_text(encoding="utf-8")
    assert "Claims that disagree" not in page
    assert "Volkova said the delegations in Riyadh had agreed to restore full embassy staffing within a month" in page
    # Corrections dated after that edition are not in it.
    assert "## Corrections" not in page


def test_a_removed_facts_anchor_lands_on_its_correction_note(disputes: Path) -> None:
    built = page_of(disputes, DISPUTED)
    note = re.search(r'<li[^>]*id="f-5e1f0a7b"[^>]*>(.*?)</li>', built, re.S)
    assert note is not None
    assert words(note.group(1)).startswith("A fact removed, 22 February 2025. A fact saying that the first diplomats")
    assert "Why: Volkova said they would return" in words(note.group(1))


def test_a_corrected_fact_links_to_its_note_which_says_what_changed_and_why(disputes: Path) -> None:
    built = page_of(disputes, DISPUTED)
    fact = re.search(r'<li[^>]*id="f-why-it-matters"[^>]*>(.*?)</li>', built, re.S)
    assert fact is not None
    assert '<a href="#correction-2">corrected 23 February 2025</a>' in fact.group(1)
    note = re.search(r'<li[^>]*id="correction-2"[^>]*>(.*?)</li>', built, re.S)
    assert note is not None
    assert words(note.group(1)).startswith("Corrected, 23 February 2025. Why it matters said the diplomats")


def test_the_corrections_page_lists_every_correction_newest_first(disputes: Path) -> None:
    built = page_of(disputes, "corrections")
    items = [words(item) for item in re.findall(r"<li>(.*?)</li>", built.split('<h1 id="corrections">')[1], re.S)]
    ours = [item for item in items if "embassy staff" in item]
    assert [item.split(",")[0] for item in ours] == ["23 February 2025", "22 February 2025"]
    links = re.findall(r'href="([^"]*embassy-staff-timetable[^"]*)"', built)
    assert links == [
        "../questions/embassy-staff-timetable/#correction-2",
        "../questions/embassy-staff-timetable/#f-5e1f0a7b",
    ]
    # The real content's own corrections are there too.
    assert any("no plan to include them later" in item for item in items)


def test_each_correction_has_its_own_feed_entry_beside_the_editions(disputes: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.fromstring((disputes / "site/feed.xml").read_text(encoding="utf-8"))
    entries = [
        (entry.findtext(f"{atom}title"), entry.findtext(f"{atom}summary"), entry.find(f"{atom}link"))
        for entry in feed.iter(f"{atom}entry")
    ]
    assert any(title == "Edition of 21 February 2025" for title, _, _ in entries)
    ours = [(summary, link) for title, summary, link in entries if title == f"Correction: {DISPUTED_TITLE}"]
    assert [str(link.get("href")) for _, link in ours if link is not None] == [
        "questions/embassy-staff-timetable/#correction-2",
        "questions/embassy-staff-timetable/#f-5e1f0a7b",
    ]
    assert str(ours[1][0]).startswith("Correction (2025-02-22): A fact saying that the first diplomats had already")


def test_corrections_are_exported_with_their_anchors(disputes: Path) -> None:
    data: dict[str, Any] = json.loads((disputes / "site/data/briefing.json").read_text(encoding="utf-8"))
    question = next(item for item in data["questions"] if item["id"] == "embassy-staff-timetable")
    assert [(c["date"], c["fact"], c["anchor"], c["removed"]) for c in question["corrections"]] == [
        ("2025-02-22", "f-5e1f0a7b", "f-5e1f0a7b", True),
        ("2025-02-23", "f-why-it-matters", "correction-2", False),
    ]

"""A negotiation over time, end to end: the real briefing plus two fictional later rounds (tests/fixtures/rounds).

The rounds bring sources of 28 February and 14 March 2025, different delegations, a question answered by the
third, and a meeting one negotiator skipped. Editions are built with real MkDocs and read as published files.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import FIXTURES, REPO, copy_project, run_briefing

from generator.check.validate import validate
from generator.data.export import export_briefing, export_schema
from generator.read.load import load_content

ROUNDS = FIXTURES / "rounds"
FIRST, SECOND, THIRD = "2025-02-19", "2025-02-28", "2025-03-14"
SOURCE_OF = {
    FIRST: "us-russia-talks-riyadh-2025-02-19",
    SECOND: "istanbul-round-2025-02-28",
    THIRD: "geneva-round-2025-03-14",
}


@pytest.fixture(scope="module")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("rounds") / "project")


@pytest.fixture(scope="module")
def latest(rounds: Path) -> Path:
    """The Markdown pages and data files of the rounds' newest edition, as `briefing generate` writes them."""
    out = rounds.parent / "generated-latest"
    briefing_command(rounds, "generate", "--out", str(out))
    return out


def briefing_command(root: Path, *args: str) -> str:
    result = run_briefing(*args, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def exported(root: Path, as_of: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(briefing_command(root, "export", *(["--as-of", as_of] if as_of else [])))
    return data


def cited_sources(node: Any) -> set[str]:
    """Every source any citation in an exported node cites."""
    if isinstance(node, dict):
        found = {node["source"]} if "quote" in node and "source" in node else set()
        return found.union(*(cited_sources(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(cited_sources(value) for value in node))
    return set()


def facts_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every fact and attendance entry in an export: the nodes that carry an anchor."""
    found = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "anchor" in node and "cite" in node:  # a correction's note has an anchor, and cites nothing
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({key: value for key, value in data.items() if key != "sources"})
    return found


# --- editions -------------------------------------------------------------------------------


def later_words(root: Path) -> set[str]:
    """Words and ids that only the later rounds bring: in their seeds or files, nowhere in the first edition's."""
    first_only = copy_project(root.parent / "first-only", rounds=False)
    site = first_only / "site"
    briefing_command(first_only, "build")
    baseline = _words(" ".join(path.read_text(errors="replace") for path in site.rglob("*") if path.is_file()))
    brought = " ".join(path.read_text() for path in ROUNDS.rglob("*") if path.is_file() and path.suffix != ".yml")
    ids = {path.stem for path in ROUNDS.rglob("*.yml")}
    return (_words(brought) - baseline) | ids


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]{4,}", html.unescape(text)))


def test_the_first_edition_holds_nothing_from_a_later_source(rounds: Path) -> None:
    site = rounds / "site-first"
    briefing_command(rounds, "build", "--as-of", FIRST, "-d", str(site))
    banned = later_words(rounds)
    assert {"Vance", "Sorokin", "Istanbul", "Geneva", "nora-vance", "third-round"} <= banned
    files = [path for path in site.rglob("*") if path.is_file() and path.suffix in {".html", ".json", ".xml", ".csv"}]
    assert any(path.name == "search_index.json" for path in files) and any(path.name == "feed.xml" for path in files)
    for path in files:
        text = html.unescape(path.read_text(encoding="utf-8"))
        found = {word for word in banned if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)}
        assert not found, f"{path.relative_to(site)} holds {sorted(found)}"
    assert not (site / "participants" / "nora-vance").exists() and not (site / "sources" / SOURCE_OF[SECOND]).exists()
    feed = ElementTree.parse(site / "feed.xml").getroot()
    ids = [
        entry.findtext("{http://www.w3.org/2005/Atom}id") for entry in feed.iter("{http://www.w3.org/2005/Atom}entry")
    ]
    assert ids == ["urn:briefing:us-russia-talks-on-the-war-in-ukraine:edition:2025-02-19"]
    assert "Edition of 19 February 2025" in (site / "index.html").read_text()


def test_the_second_edition_holds_the_first_two_sources_facts_and_none_of_the_third(rounds: Path) -> None:
    everything = exported(rounds)
    second = exported(rounds, SECOND)
    allowed = {SOURCE_OF[FIRST], SOURCE_OF[SECOND]}
    assert [source["id"] for source in second["sources"]] == sorted(allowed)
    expected = [fact["anchor"] for fact in facts_of(everything) if cited_sources(fact) <= allowed]
    assert sorted(fact["anchor"] for fact in facts_of(second)) == sorted(expected)
    assert cited_sources({key: value for key, value in second.items() if key != "sources"}) == allowed
    # A fact citing the first source and the third belongs to the third's edition only, never cut down.
    assert "ukrainian-delegation" not in {entry["id"] for entry in second["participants"]}
    question = next(entry for entry in second["questions"] if entry["id"] == "third-round")
    assert [change["status"] for change in question["history"]] == ["open"]
    assert second["briefing"]["as_of"] == SECOND
    # A goal a question of the edition names is shown before its facts are in; the export still meets its schema.
    goal = next(entry for entry in second["goals"] if entry["id"] == "ukraine-in-every-round")
    assert goal["facts"] == []
    jsonschema.Draft202012Validator(export_schema()).validate(second)


def test_the_real_content_loses_nothing_in_the_edition_of_its_seed() -> None:
    raw = load_content(REPO, REPO / "content", REPO / "seeds", REPO / "site_config")
    briefing, problems = validate(raw)
    assert briefing is not None, problems
    assert exported(REPO, FIRST) == json.loads(json.dumps(export_briefing(briefing)))


def test_a_date_before_every_source_is_refused(rounds: Path) -> None:
    for command in ("check", "export", "build", "generate"):
        extra = ["--out", str(rounds.parent / "out")] if command == "generate" else []
        result = run_briefing(command, "--as-of", "2025-02-18", *extra, cwd=rounds)
        assert result.returncode == 2, command
        assert (
            "there is no edition of 2025-02-18: it is before every source; the first was published 2025-02-19"
            in result.stderr
        )


def test_generate_writes_an_edition(rounds: Path) -> None:
    out = rounds.parent / "generated-second"
    briefing_command(rounds, "generate", "--as-of", SECOND, "--out", str(out))
    assert (out / "participants" / "ilya-sorokin.md").is_file()
    assert not (out / "participants" / "oksana-melnyk.md").exists()
    assert "Edition of 28 February 2025, the 2nd edition" in (out / "index.md").read_text()


# --- what changed -----------------------------------------------------------------------------


def test_the_home_page_says_what_the_newest_edition_added(latest: Path) -> None:
    home = (latest / "index.md").read_text()
    changed = home[home.index("## What changed") : home.index("## Who is at the table")]
    assert "Since the edition of 28 February 2025:" in changed
    assert (
        f"**New sources:** [Report on a third round of talks, in Geneva &#40;fictional&#41;](sources/{SOURCE_OF[THIRD]}.md)"
        in changed
    )
    assert "**New meetings:** [Third round of talks, in Geneva](events/geneva-round.md)" in changed
    new_people = re.search(r"\*\*New participants:\*\* (.*)", changed)
    assert new_people is not None
    assert re.findall(r"\(participants/([\w-]+)\.md\)", new_people.group(1)) == [
        "marc-keller", "oksana-melnyk", "pavel-orlov", "switzerland", "ukrainian-delegation",
    ]  # fmt: skip
    assert re.search(
        r"\*\*Status change:\*\* \[Will a third round of talks be held\?\]\(questions/third-round\.md#f-[0-9a-f]{8}\) is answered",
        changed,
    )
    # A fact added to an entry that was already there is listed by itself; the new entries' facts come with them.
    assert re.findall(r"\*\*New fact on \[([^]]+)\]", changed) == ["Nora Vance", "Ukraine at every further round"]
    assert "Istanbul" not in changed


def test_the_feed_has_an_entry_per_edition(latest: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    every = list(ElementTree.parse(latest / "feed.xml").getroot().iter(f"{atom}entry"))
    # The real content's corrections have entries of their own, dated when they were made (tests/test_evidence.py).
    entries = [entry for entry in every if not str(entry.findtext(f"{atom}title")).startswith("Correction: ")]
    assert len(every) - len(entries) == 2
    assert [entry.findtext(f"{atom}title") for entry in entries] == [
        "Edition of 14 March 2025", "Edition of 28 February 2025", "Edition of 19 February 2025",
    ]  # fmt: skip
    assert [entry.findtext(f"{atom}updated") for entry in entries] == [
        f"{day}T00:00:00Z" for day in (THIRD, SECOND, FIRST)
    ]
    second = entries[1].findtext(f"{atom}summary") or ""
    assert second.startswith("Edition of 28 February 2025: since the edition of 19 February 2025: ")
    assert "Will a third round of talks be held? is open" in second and "Nora Vance" in second
    assert "Oksana Melnyk" not in second


# --- meetings and attendance ------------------------------------------------------------------


def test_the_home_page_shows_the_latest_meeting_and_who_left_the_table(latest: Path) -> None:
    home = (latest / "index.md").read_text()
    table = home[home.index("## Who is at the table") : home.index("## Participants by side")]
    assert "At the latest meeting, [Third round of talks, in Geneva](events/geneva-round.md) (13 March 2025):" in table
    header = next(line for line in table.splitlines() if line.startswith("| [Russia]"))
    assert re.findall(r"\[([^]]+)\]", header) == ["Russia", "Switzerland", "Ukraine", "United States"]
    assert "(between the sides)" in header.split("|")[2]
    assert "**Absent, as the sources say:** " in table and "(participants/ilya-sorokin.md)" in table
    assert "**At an earlier meeting, not at this one** (not listed at it, unless marked absent):" in table
    istanbul = re.search(
        r"^- Last at the table at \[Second round of US\N{EN DASH}Russia talks, in Istanbul\]\(events/istanbul-round\.md\): (.*)$",
        table,
        re.M,
    )
    assert istanbul is not None
    assert istanbul.group(1) == (
        "[Elif Aydin](participants/elif-aydin.md), "
        "[Ilya Sorokin](participants/ilya-sorokin.md) (absent from this one, as the source says)"
    )
    riyadh = re.search(
        r"^- Last at the table at \[US\N{EN DASH}Russia talks in Saudi Arabia\]\(events/riyadh-talks\.md\): (.*)$",
        table,
        re.M,
    )
    assert riyadh is not None and "[Marco Rubio](participants/marco-rubio.md)" in riyadh.group(1)
    assert "absent" not in riyadh.group(1)
    assert re.search(
        r"\*\*Earlier meetings:\*\* \[Second round.*\(27 February 2025\), \[US\N{EN DASH}Russia talks in Saudi Arabia\]",
        table,
    )
    sorokin = (latest / "participants" / "ilya-sorokin.md").read_text()
    meetings = sorokin[sorokin.index("## Meetings") : sorokin.index("## Facts")]
    assert re.findall(
        r"^- \[([^]]+)\]\(\.\./events/([\w-]+)\.md#a-ilya-sorokin\) \([^)]+\): ([a-z, ]+)\[\^", meetings, re.M
    ) == [
        ("Second round of US\N{EN DASH}Russia talks, in Istanbul", "istanbul-round", "lead"),
        ("Third round of talks, in Geneva", "geneva-round", "absent, as the source says"),
    ]


def test_nobody_is_shown_absent_unless_a_source_says_so(latest: Path) -> None:
    istanbul = (latest / "events" / "istanbul-round.md").read_text()
    absent = re.search(r"\*\*Absent, as the sources say:\*\* (.*)", istanbul)
    assert absent is not None and re.findall(r"\(\.\./participants/([\w-]+)\.md\)", absent.group(1)) == ["ukraine"]
    # Rubio attended the first meeting and is listed at no later one: that is no claim he was absent.
    rubio = (latest / "participants" / "marco-rubio.md").read_text()
    assert "absent" not in rubio


# --- review and the as-of date ---------------------------------------------------------------


def test_review_lists_open_questions_older_than_a_source_until_reviewed(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    listed = briefing_command(root, "review")
    assert (
        "content/questions/next-meeting-date.yml: open since 2025-02-19; published since: istanbul-round-2025-02-28 (2025-02-28), geneva-round-2025-03-14 (2025-03-14)"
        in listed
    )
    assert "third-round" not in listed  # answered
    assert "6 open or partly answered questions older than a source: see `briefing review`." in briefing_command(
        root, "check"
    )
    question = root / "content" / "questions" / "next-meeting-date.yml"
    question.write_text(question.read_text() + "reviewed: 2025-02-28\n")
    listed = briefing_command(root, "review")
    assert (
        "content/questions/next-meeting-date.yml: open since 2025-02-28; published since: geneva-round-2025-03-14 (2025-03-14)"
        in listed
    )
    question.write_text(question.read_text().replace("reviewed: 2025-02-28", "reviewed: 2025-03-14"))
    assert "next-meeting-date" not in briefing_command(root, "review")
    assert "5 open or partly answered questions older than a source" in briefing_command(root, "check")


def test_a_stale_as_of_fails_check_naming_both_dates_and_the_newer_file(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    meta = root / "content" / "briefing.yml"
    meta.write_text(meta.read_text().replace("title:", "as_of: 2025-02-28\ntitle:", 1))
    result = run_briefing("check", cwd=root)
    assert result.returncode == 1
    assert (
        "content/briefing.yml:2:1: 'as_of' is 2025-02-28, but content/sources/geneva-round-2025-03-14.yml holds 2025-03-14, "
        "which is newer; set 'as_of' to 2025-03-14 or later, or leave it out to have it worked out"
    ) in result.stdout
    meta.write_text(meta.read_text().replace("as_of: 2025-02-28", "as_of: 2025-04-01"))
    assert "OK (edition of 2025-04-01)" in briefing_command(root, "check")


def test_a_status_cannot_rest_on_a_source_published_after_it(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    question = root / "content" / "questions" / "third-round.yml"
    question.write_text(question.read_text().replace("as_of: 2025-03-14", "as_of: 2025-03-01"))
    result = run_briefing("check", cwd=root)
    assert result.returncode == 1
    assert (
        "content/questions/third-round.yml:25:9: this status holds from 2025-03-01 but cites "
        "'geneva-round-2025-03-14', published 2025-03-14; set its 'as_of' to 2025-03-14 or later, "
        "or cite a source published by then"
    ) in result.stdout


def test_the_real_contents_old_fact_anchors_still_land_on_their_facts(real_site: Path) -> None:
    """tests/fixtures/old-fact-anchors.json: each page's `fact-N` ids and their facts, as main built them before anchors
    were stable; reworded-facts.json: the facts an editorial pass reworded since, each with its new words."""
    old = json.loads((FIXTURES / "old-fact-anchors.json").read_text(encoding="utf-8"))
    reworded = json.loads((FIXTURES / "reworded-facts.json").read_text(encoding="utf-8"))
    assert sum(map(len, old.values())) == 77
    for page, facts in old.items():
        built = (real_site / page.removesuffix(".md").removesuffix("index") / "index.html").read_text(encoding="utf-8")
        for alias, was in facts.items():
            change = reworded.get(f"{page}#{alias}", {"was": was, "now": was})
            assert change["was"] == was, f"{page}#{alias}"
            text = change["now"]
            item = re.search(rf'<li[^>]*>(?:(?!</li>).)*?id="{alias}"(?:(?!</li>).)*</li>', built, re.S)
            assert item is not None, f"{page}#{alias}"
            words = html.unescape(re.sub(r"<sup.*?</sup>|<[^>]+>", "", item.group(0)))
            assert " ".join(text.split()) in " ".join(words.split()), f"{page}#{alias}"


def test_a_date_between_editions_gives_the_earlier_one_as_of_that_date(rounds: Path) -> None:
    out = rounds.parent / "generated-between"
    briefing_command(rounds, "generate", "--as-of", "2025-03-01", "--out", str(out))
    home = (out / "index.md").read_text()
    assert "Edition of 28 February 2025, the 2nd edition, as of 1 March 2025" in home
    assert "Since the edition of 19 February 2025:" in home


def test_a_meeting_scheduled_after_the_briefings_date_is_not_the_latest_held(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    planned = (root / "content/events/geneva-round.yml").read_text()
    planned = planned.replace("day: 2025-03-13", "month: 2025-04").replace(
        "Third round of talks, in Geneva", "Planned round"
    )
    (root / "content/events/planned-round.yml").write_text(planned)
    held = root / "content/events/geneva-round.yml"
    head, *entries = held.read_text().split("  - participant: ")
    last, facts = entries[-1].split("facts:\n", 1)
    entries[-1] = last
    member = next(entry for entry in entries if entry.startswith("ukrainian-delegation"))
    entries.remove(member)
    held.write_text(head + "".join(f"  - participant: {entry}" for entry in [member, *entries]) + "facts:\n" + facts)
    out = tmp_path / "generated"
    briefing_command(root, "generate", "--out", str(out))
    home = (out / "index.md").read_text()
    assert "At the latest meeting, [Third round of talks, in Geneva](events/geneva-round.md)" in home
    # A side's lead comes first at its column's head, whatever the order of the file.
    assert held.read_text().index("participant: ukrainian-delegation") < held.read_text().index(
        "participant: oksana-melnyk"
    )
    rows = [line.split("|") for line in home.splitlines() if line.startswith("| ")]
    assert "[Ukraine]" in rows[0][3]
    ukraine = [row[3] for row in rows[1:3]]
    assert "Oksana Melnyk" in ukraine[0] and "(lead)" in ukraine[0] and "Ukrainian delegation" in ukraine[1]


def test_whom_the_summary_quotes_is_in_the_edition_of_that_fact(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    meta = root / "content" / "briefing.yml"
    quoted = (
        "  - text: Vance said both nations are committed to focusing on three key goals.\n    said_by: nora-vance\n"
        "    cite:\n"
        f'      - source: {SOURCE_OF[FIRST]}\n        quote: "committed to focusing on three key goals"\n'
    )
    meta.write_text(meta.read_text() + quoted)
    first = exported(root, FIRST)
    assert "nora-vance" in {entry["id"] for entry in first["participants"]}
    briefing_command(root, "generate", "--as-of", FIRST, "--out", str(tmp_path / "out"))
    assert "Vance said both nations are committed" in (tmp_path / "out" / "index.md").read_text()
    assert (tmp_path / "out" / "participants" / "nora-vance.md").is_file()


def test_a_meeting_shown_by_its_attendance_before_its_facts(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    event = root / "content/events/istanbul-round.yml"
    head, _ = event.read_text().split("facts:\n", 1)
    fact = f'  - text: A third round was held.\n    cite:\n      - source: {SOURCE_OF[THIRD]}\n        quote: "A third round of talks"\n'
    event.write_text(head + "facts:\n" + fact)
    out = tmp_path / "out"
    briefing_command(root, "generate", "--as-of", SECOND, "--out", str(out))
    page = (out / "events" / "istanbul-round.md").read_text()
    assert "(participants/nora-vance.md) (lead)" in page.replace("../", "") and "A third round was held" not in page
    assert (
        "[Second round of US\N{EN DASH}Russia talks, in Istanbul](istanbul-round.md)."
        in (out / "events" / "index.md").read_text()
    )


def test_an_as_of_set_in_mkdocs_yml_before_every_source_fails_the_build_cleanly(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - briefing\n", "  - briefing:\n      as_of: 2025-01-01\n"))
    result = run_briefing("build", cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "the briefing plugin's as_of: there is no edition of 2025-01-01: it is before every source" in result.stderr
    assert not (root / "site").exists()


def test_facts_of_two_editions_on_one_page_each_say_their_date(latest: Path) -> None:
    vance = (latest / "participants/nora-vance.md").read_text(encoding="utf-8")
    assert "in Istanbul&#46; (as of 28 February 2025)[^" in vance
    assert "in Geneva&#46; (as of 14 March 2025)[^" in vance
    # A page whose facts are all of one edition reads as before: the date is in each footnote.
    rubio = (latest / "participants/marco-rubio.md").read_text(encoding="utf-8")
    assert "(as of " not in rubio and ", 19 February 2025" in rubio

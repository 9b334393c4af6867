"""Validation on in-memory content: the briefing it builds, and the problems it reports."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE, raw_content
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.synthetic import make_project
from generator.check.citations import fact_anchor, seed_sha256
from generator.check.validate import _check_record, validate
from generator.check.vocabulary import PhraseFinder
from generator.content.fields import references, targets_of
from generator.content.kinds import GOALS
from generator.read.load import load_content

SEED = "Ana Lind met Bo Berg in Geneva. Lind felt talks would go on. Berg felt talks would go on."
SOURCE = f"title: Statement\npublished: 2030-03-05\nfile: s.txt\nsha256: '{seed_sha256(SEED)}'\n"
BRIEFING = (
    "title: T\nas_of: 2030-03-05\nsummary:\n  - text: They met.\n    cite:\n      - {source: s, quote: met Bo Berg}\n"
)


def check(files: dict[str, str]) -> list[str]:
    briefing, problems = validate(
        raw_content({"briefing.yml": BRIEFING, "sources/s.yml": SOURCE, **files}, {"s.txt": SEED})
    )
    assert (briefing is None) == bool(problems)
    return [str(problem) for problem in problems]


def person(name: str, *facts: str) -> str:
    listed = "".join(f"  - {fact}\n" for fact in facts)
    return f"name: {name}\nkind: person\n" + (f"facts:\n{listed}" if facts else "")


def test_a_valid_briefing_resolves_citations_and_backlinks() -> None:
    files = {
        "briefing.yml": BRIEFING,
        "sources/s.yml": SOURCE,
        "participants/ana.yml": person(
            "Ana", "{text: Lind felt talks would go on., cite: [{source: s, quote: Lind felt}]}"
        ),
        "goals/talks.yml": "title: Talks\nparties: [ana]\nfacts:\n  - {text: x, cite: [{source: s, quote: 'talks would go on', occurrence: 2}]}\n",
    }
    briefing, problems = validate(raw_content(files, {"s.txt": SEED}))
    assert problems == []
    assert briefing is not None
    (fact,) = briefing.entities["goals"]["talks"].facts
    (passage,) = fact.passages
    assert passage.spans == ((71, 88),) and SEED[71:88] == "talks would go on"
    assert [entity.id for entity in briefing.backlinks["ana"]] == ["talks"]
    cited = [(passage.anchor, citing.fact.alias) for passage, citing in briefing.citings["s"]]
    assert cited == [("q-9-20", "fact-1"), ("q-32-41", "fact-1"), ("q-71-88", "fact-1")]
    # Each fact's anchor comes of where its first quote starts, the summary's and Ana's alike.
    anchors = [citing.fact.anchor for _, citing in briefing.citings["s"]]
    assert anchors == [fact_anchor(c.fact.fact, c.fact.passages[0], c.fact.field) for _, c in briefing.citings["s"]]
    assert len(set(anchors)) == 3 and all(re.fullmatch(r"f-[0-9a-f]{8}", anchor) for anchor in anchors)


def test_said_by_must_name_a_participant() -> None:
    fact = "{text: x, said_by: bob, cite: [{source: s, quote: Lind felt}]}"
    assert check({"participants/ana.yml": person("Ana", fact)}) == [
        "content/participants/ana.yml:4:15: unknown participant 'bob'; participant ids are the file names in content/participants/"
    ]


def test_an_occurrence_beyond_the_count_is_refused() -> None:
    fact = "{text: x, cite: [{source: s, quote: talks would go on, occurrence: 3}]}"
    assert check({"participants/ana.yml": person("Ana", fact)}) == [
        "content/participants/ana.yml:4:60: 'occurrence' is 3 but the quote occurs 2 time(s)"
    ]


def test_a_fact_needs_a_citation() -> None:
    assert check({"participants/ana.yml": person("Ana", "{text: x, cite: []}")}) == [
        "content/participants/ana.yml:4:15: 'facts[0].cite' must not be empty"
    ]


def test_event_dates_take_exactly_one_precision() -> None:
    event = "title: E\ndate: {day: 2030-03-04, year: 2030}\nfacts:\n  - {text: x, cite: [{source: s, quote: Geneva}]}\n"
    assert check({"events/e.yml": event}) == [
        "content/events/e.yml:2:1: date: give exactly one of 'day', 'month' or 'year'"
    ]


def test_question_history_is_oldest_first() -> None:
    change = "{status: %s, as_of: %s, text: x, cite: [{source: s, quote: %s}]}"
    question = (
        "question: Q?\nwhy_it_matters: {text: x, cite: [{source: s, quote: Geneva}]}\nparticipants: [ana]\nhistory:\n"
        f"  - {change % ('answered', '2030-03-07', 'Lind felt')}\n  - {change % ('open', '2030-03-06', 'Berg felt')}\n"
    )
    files = {"briefing.yml": BRIEFING.replace("as_of: 2030-03-05\n", ""), "participants/ana.yml": person("Ana")}
    assert check({**files, "questions/q.yml": question}) == [
        "content/questions/q.yml:6:20: this status is dated 2030-03-06, before the one above it (2030-03-07, line 5); "
        "list status changes oldest first: move this entry up, or correct its date"
    ]


def test_urls_must_be_http() -> None:
    text = person("Ana") + "url: javascript:alert(1)\n"
    assert check({"participants/ana.yml": text}) == [
        "content/participants/ana.yml:3:1: 'url': 'javascript:alert(1)' must be an http:// or https:// address with no spaces, quotes or brackets"
    ]


def test_a_missing_briefing_file_is_reported() -> None:
    briefing, problems = validate(raw_content({"sources/s.yml": SOURCE}, {"s.txt": SEED}))
    assert briefing is None
    assert [str(p) for p in problems] == [
        "content/briefing.yml: briefing.yml not found; create it with title, as_of and summary"
    ]


def test_the_core_does_not_import_mkdocs() -> None:
    code = "import sys, generator, generator.pipeline, generator.cli; print('mkdocs' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_check_reuses_its_result_until_a_file_changes(sample_project: Path) -> None:
    from generator.pipeline import Project, Session

    session = Session(Project(sample_project))
    first, _ = session.check()
    assert session.check()[0] is first
    goal = sample_project / "content/goals/ceasefire.yml"
    goal.write_text(goal.read_text().replace("title: A ceasefire", "title: A lasting ceasefire"))
    changed, _ = session.check()
    assert changed is not first and changed is not None
    assert changed.get(GOALS, "ceasefire").data.title == "A lasting ceasefire"


def test_placeholders_are_found_even_when_written_with_escapes() -> None:
    files = {
        "goals/plain.yml": "title: REPLACE WITH a title\nparties: [ana]\nfacts:\n  - {text: x, cite: [{source: s, quote: met Bo Berg}]}\n",
        "goals/escaped.yml": 'title: "\\x52EPLACE WITH a title"\nparties: [ana]\nfacts:\n  - {text: x, cite: [{source: s, quote: met Bo Berg}]}\n',
        "participants/ana.yml": person("Ana"),
    }
    assert check(files) == [
        "content/goals/escaped.yml:1:1: 'title' still holds the placeholder 'REPLACE WITH a title'; replace it",
        "content/goals/plain.yml:1:1: 'title' still holds the placeholder 'REPLACE WITH a title'; replace it",
    ]


LOADED = ["hero", "Heroic", "only leader", "so-called", "sham", "kick", "\u00e9lan", "\u212aick", "\u017fham", "-", "'x7'"]  # fmt: skip
TEXT_PIECES = [
    "hero",
    ".",
    "'",
    "_",
    "x",
    "7",
    "HEROES",
    "only",
    " leader",
    "\n",
    " ",
    "so-",
    "called",
    "-",
    "\u00c9LAN",
    "\u017f",
    "ham",
    "\u212a",
    "k",
    "ick",
]
#: Where ignoring case is more than str.lower(), a phrase with no word in it, and words beside punctuation and digits.
EDGE_CASES = [
    (["hero"], "a hero."),
    (["Heroic"], "(HEROIC)"),
    (["only leader"], "the only leader, again"),
    (["'x7'"], "it said 'x7' twice"),
    (["so-called"], "a so-called_x so-called."),
    (["sham"], "a \u017fham"),
    (["kick"], "\u212aick"),
    (["\u212aick"], "KICK"),
    (["\u017fham"], "SHAM"),
    (["-"], "a - b"),
    (["hero", "-"], "x - y"),
]


def found_by_the_pattern(words: list[str], text: str) -> tuple[int, int] | None:
    alternatives = sorted((r"\s+".join(map(re.escape, word.split())) for word in words), key=len, reverse=True)
    found = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE).search(text)
    return found.span() if found else None


@given(st.lists(st.sampled_from(LOADED), min_size=1, max_size=4), st.lists(st.sampled_from(TEXT_PIECES), max_size=8))
def test_loaded_words_are_found_exactly_where_the_whole_word_pattern_finds_them(
    words: list[str], pieces: list[str]
) -> None:
    """The prefilter that skips most texts never skips one the pattern matches, whatever the case or script."""
    text = "".join(pieces)
    found = PhraseFinder(tuple(words)).search(text)
    assert (found.span() if found else None) == found_by_the_pattern(words, text)


@pytest.mark.parametrize(("words", "text"), EDGE_CASES)
def test_loaded_words_are_found_where_case_folding_goes_beyond_lowercase(words: list[str], text: str) -> None:
    found = PhraseFinder(tuple(words)).search(text)
    assert found is not None and found.span() == found_by_the_pattern(words, text)


def test_the_quick_reference_walk_finds_every_reference_the_located_walk_does(tmp_path: Path) -> None:
    """Unknown ids are looked for with `targets_of`; `_references` only locates them once one is found."""
    make_project(tmp_path / "synthetic", 300)
    compared = 0
    for root in (REPO, SAMPLE, tmp_path / "synthetic"):
        for record in load_content(root, root / "content", root / "seeds").records:
            checked = _check_record(record, [])
            assert checked, record.path
            located = [(kind, target) for _, kind, target in references(checked[1])]
            assert sorted(targets_of(checked[1])) == sorted(located), record.path
            compared += len(located)
    assert compared > 1000


def test_a_facts_anchor_stays_put_when_a_fact_is_inserted_before_it() -> None:
    talks = "{text: Lind felt talks would go on., cite: [{source: s, quote: Lind felt}]}"
    met = "{text: They met., cite: [{source: s, quote: met Bo Berg}]}"
    berg = "{text: Berg felt so too., cite: [{source: s, quote: Berg felt}]}"

    def anchors(*facts: str) -> dict[str, tuple[str, str | None]]:
        briefing, problems = validate(
            raw_content(
                {"briefing.yml": BRIEFING, "sources/s.yml": SOURCE, "participants/ana.yml": person("Ana", *facts)},
                {"s.txt": SEED},
            )
        )
        assert briefing is not None, problems
        return {
            cited.fact.text: (cited.anchor, cited.alias) for cited in briefing.entities["participants"]["ana"].facts
        }

    before = anchors(talks, berg)
    after = anchors(met, talks, berg)
    assert after["Lind felt talks would go on."][0] == before["Lind felt talks would go on."][0]
    assert after["Berg felt so too."][0] == before["Berg felt so too."][0]
    # The old positional ids move, as they always did; only the anchors are stable.
    assert [alias for _, alias in after.values()] == ["fact-1", "fact-2", "fact-3"]
    assert anchors(met.replace("{text", "{id: first-meeting, text"))["They met."][0] == "f-first-meeting"


def test_two_facts_whose_first_quotes_start_alike_need_an_id() -> None:
    one = "{text: Lind felt talks would go on., cite: [{source: s, quote: Lind felt}]}"
    two = "{text: Lind spoke., cite: [{source: s, quote: Lind felt talks}]}"
    assert check({"participants/ana.yml": person("Ana", one, two)}) == [
        "content/participants/ana.yml:5:5: this fact's first quote starts where the first quote of the fact at line 4 "
        "does, so both would have the same anchor; give one of them an 'id:' (lowercase letters, digits and hyphens)"
    ]
    assert check({"participants/ana.yml": person("Ana", one, two.replace("{text", "{id: spoke, text"))}) == []
    assert check(
        {
            "participants/ana.yml": person(
                "Ana", one.replace("{text", "{id: x, text"), two.replace("{text", "{id: x, text")
            )
        }
    ) == ["content/participants/ana.yml:5:6: id 'x' is already the id of the fact at line 4; give each fact its own"]


def test_a_meeting_lists_each_attendee_once() -> None:
    entry = "{participant: ana, capacity: member, cite: [{source: s, quote: Ana Lind met}]}"
    event = f"title: T\ndate: {{day: 2030-03-04}}\nattendance:\n  - {entry}\n  - {entry}\nfacts:\n  - {{text: x, cite: [{{source: s, quote: met Bo Berg}}]}}\n"
    assert check({"participants/ana.yml": person("Ana"), "events/t.yml": event}) == [
        "content/events/t.yml:5:6: 'ana' is listed in attendance more than once; keep one entry and cite it twice"
    ]


def test_a_quote_from_the_sources_header_is_refused() -> None:
    seed = "date 2030-03-05 Ana Lind met Bo Berg in Geneva."
    source = f"title: S\npublished: 2030-03-05\nfile: s.txt\nheader: date 2030-03-05\nsha256: '{seed_sha256(seed)}'\n"
    fact = "{text: x, cite: [{source: s, quote: 2030-03-05 Ana Lind}]}"
    meta = BRIEFING.replace("met Bo Berg", "Ana Lind met")
    problems = validate(
        raw_content(
            {"briefing.yml": meta, "sources/s.yml": source, "participants/ana.yml": person("Ana", fact)},
            {"s.txt": seed},
        )
    )[1]
    assert [str(problem) for problem in problems] == [
        "content/participants/ana.yml:4:34: quote is from the header of source 's' (its own metadata, such as a date line), not the document's words; cite the text after it"
    ]
    wrong = source.replace("header: date 2030-03-05", "header: dated 2030")
    problems = validate(raw_content({"briefing.yml": meta, "sources/s.yml": wrong}, {"s.txt": seed}))[1]
    assert [str(problem) for problem in problems] == [
        "content/sources/s.yml:4:1: 'header' must be how seeds/s.txt begins, word for word; it begins 'date 2030-03-05 Ana Lind met Bo'"
    ]

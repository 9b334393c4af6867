"""The source's reading attributed and every fact dated, checked on in-memory content: framing words, words
whose truth runs out, the dates a fact may name unquoted, and the word lists a project extends."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import raw_content

from generator.check.citations import seed_sha256
from generator.check.validate import validate
from generator.check.vocabulary import Vocabulary, built_in
from generator.content.word_lists import FRAMING_WORDS, TIME_WORDS, WORD_LISTS
from generator.errors import Problem

SEED = (
    "Talks in Oslo\n\n"
    "Foreign Minister Ana Lind canceled her trip to Bergen in response to the delay, the first time she had "
    "done so.\n\n"
    'Bo Berg said the talks would go on, calling them "useful, if slow".\n\n'
    "The delegations met on Tuesday and talked for more than eight hours.\n\n"
    "No date for a second round had been set.\n"
)
FILES = {
    "briefing.yml": "title: T\nas_of: 2030-03-06\nsummary:\n  - {text: Talks went on., cite: [{source: s, quote: the talks would go on}]}\n",
    "sources/s.yml": f"title: Talks\npublished: 2030-03-06\nfile: s.txt\nsha256: '{seed_sha256(SEED)}'\n",
    "participants/bo.yml": "name: Bo Berg\nkind: person\n",
    "events/talks.yml": (
        "title: Talks\ndate: {day: 2030-03-05}\nparticipants: [ana]\n"
        "facts:\n  - {text: The delegations met., cite: [{source: s, quote: The delegations met}]}\n"
    ),
}


def problems_of(text: str, quote: str, said_by: str | None = None, **lists: tuple[str, ...]) -> list[Problem]:
    """The problems of one fact on Ana Lind's page with that text, quote and speaker; `lists` are the project's
    word lists by file name, dashes as underscores."""
    speaker = f", said_by: {said_by}" if said_by else ""
    fact = f"  - {{text: {text!r}{speaker}, cite: [{{source: s, quote: {quote!r}}}]}}\n"
    raw = raw_content(
        {**FILES, "participants/ana.yml": f"name: Ana Lind\nkind: person\nfacts:\n{fact}"}, {"s.txt": SEED}
    )
    word_lists = {name.replace("_", "-") + ".txt": entries for name, entries in lists.items()}
    _, problems = validate(dataclasses.replace(raw, word_lists=word_lists))
    return problems


def codes(problems: list[Problem]) -> list[str]:
    return [problem.code for problem in problems]


@pytest.mark.parametrize(
    ("text", "quote", "said_by"),
    [
        ("Lind canceled her trip to Bergen.", "canceled her trip to Bergen", None),
        (
            "The article says Lind canceled her trip to Bergen in response to the delay.",
            "canceled her trip to Bergen in response to the delay",
            None,
        ),
        ("According to the article, Lind canceled her trip.", "Lind canceled her trip to Bergen in response", None),
        (
            'Berg said the talks would go on, calling them "useful, if slow".',
            'said the talks would go on, calling them "useful, if slow"',
            "bo",
        ),
    ],
    ids=["no-framing", "article-says", "according-to", "said-by"],
)
def test_a_fact_that_attributes_its_source_s_reading_passes(text: str, quote: str, said_by: str | None) -> None:
    assert problems_of(text, quote, said_by) == []


def test_a_fact_adopting_its_passage_s_framing_is_warned_naming_the_words() -> None:
    (problem,) = problems_of(
        "Lind canceled her trip to Bergen because of the delay.", "canceled her trip to Bergen in response to the delay"
    )
    assert (problem.code, problem.severity, problem.line) == ("source-reading", "warning", 4)
    assert problem.message.startswith(
        "its text uses 'because' and its cited passage frames the statement with 'in response', which give a reading"
    )
    assert '"The article says ..."' in problem.message


def test_a_reporting_verb_in_the_passage_is_someone_s_account() -> None:
    (problem,) = problems_of("The talks would go on.", "Berg said the talks would go on")
    assert "frames the statement with 'said'" in problem.message


def test_framing_words_inside_the_source_s_quotation_marks_are_the_speaker_s_own() -> None:
    assert problems_of("The talks were useful.", 'calling them "useful, if slow"') == []
    assert codes(problems_of("It was the first time she canceled.", "the first time she had done so")) == [
        "source-reading"
    ]


def test_a_project_takes_a_framing_word_out_and_adds_its_own() -> None:
    text, quote = "Lind canceled her trip to Bergen.", "canceled her trip to Bergen in response"
    assert codes(problems_of(text, quote)) == ["source-reading"]
    assert problems_of(text, quote, framing_words=("!In Response",)) == []
    assert codes(problems_of("Lind canceled her trip.", "canceled her trip", framing_words=("trip",))) == [
        "source-reading"
    ]


def test_a_time_word_in_an_undated_fact_is_flagged() -> None:
    (problem,) = problems_of("No date for a second round had been set.", "No date for a second round had been set")
    assert (problem.code, problem.severity) == ("time-word", "warning")
    assert problem.message.startswith("'had been set' is true only as of a date this fact does not give")


@pytest.mark.parametrize(
    "text",
    [
        "As of 6 March 2030, no date for a second round had been set.",
        "After the 5 March meeting, no date for a second round had been set.",
    ],
    ids=["source-date", "meeting-date"],
)
def test_a_time_word_with_a_date_of_the_fact_s_sources_or_meetings_passes(text: str) -> None:
    assert problems_of(text, "No date for a second round had been set") == []


def test_a_weekday_is_a_time_word_unless_the_fact_gives_the_date() -> None:
    assert codes(problems_of("The delegations met on Tuesday.", "The delegations met on Tuesday")) == ["time-word"]
    assert problems_of("The delegations met on Tuesday, 5 March.", "The delegations met on Tuesday") == []


def test_a_time_word_in_quotation_marks_or_an_event_s_fact_is_dated_by_its_place() -> None:
    assert problems_of('Berg called the talks "useful, if slow".', 'calling them "useful, if slow"', "bo") == []
    event = FILES["events/talks.yml"].replace("The delegations met.", "The delegations met on Tuesday.")
    event = event.replace("quote: The delegations met", "quote: The delegations met on Tuesday")
    ana = "name: Ana Lind\nkind: person\n"
    raw = raw_content({**FILES, "events/talks.yml": event, "participants/ana.yml": ana}, {"s.txt": SEED})
    assert validate(raw)[1] == []


def test_a_date_that_is_neither_a_source_s_nor_a_meeting_s_is_still_refused() -> None:
    problems = problems_of(
        "After the 9 March meeting, no date had been set.", "No date for a second round had been set"
    )
    assert codes(problems) == ["unquoted-number"]
    assert problems[0].message.startswith("'9' and 'March' are in the text but not in its quotes")


def test_a_project_s_time_words_extend_the_built_in_list() -> None:
    assert codes(problems_of("Talks were paused.", "talked for more than eight hours", time_words=("paused",))) == [
        "time-word"
    ]


def test_every_word_list_ships_with_the_generator_and_parses() -> None:
    for word_list in WORD_LISTS:
        assert built_in(word_list), word_list.file_name
    assert "in response" in built_in(FRAMING_WORDS)
    assert "Tuesday" in built_in(TIME_WORDS)


def test_a_project_s_alias_group_joins_the_built_in_group_it_shares_a_name_with() -> None:
    raw = raw_content(FILES, {"s.txt": SEED})
    aliases = Vocabulary.of(dataclasses.replace(raw, aliases=(("Ukraine", "Kyiv"),))).aliases
    group = aliases.members[aliases.phrases[("kyiv",)]]
    assert ("ukrainian",) in group and ("kyiv",) in group


def test_a_title_quotes_only_words_a_passage_of_its_page_quotes() -> None:
    files = {**FILES, "participants/ana.yml": "name: Ana Lind\nkind: person\n"}
    goal = "title: %s\nparties: [bo]\nfacts:\n  - {text: Berg said the talks would go on., said_by: bo, cite: [{source: s, quote: 'calling them \"useful, if slow\"'}]}\n"
    passed = raw_content({**files, "goals/g.yml": goal % "'Talks \"useful, if slow\"'"}, {"s.txt": SEED})
    assert validate(passed)[1] == []
    refused = raw_content({**files, "goals/g.yml": goal % "'Talks \"going well\"'"}, {"s.txt": SEED})
    (problem,) = validate(refused)[1]
    assert (problem.code, problem.line) == ("not-their-words", 1)
    assert problem.message.startswith('"going well" is in quotation marks, but no passage this page cites quotes')

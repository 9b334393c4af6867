"""Words in the right mouths, checked on in-memory content: who said it, what is in quotation marks, and the
numbers and their qualifiers a fact may state."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import raw_content

from generator.check.citations import seed_sha256
from generator.check.validate import validate
from generator.errors import Problem

SEED = (
    "Talks in Oslo\n\n"
    'Foreign Minister Ana Lind said: "We agreed to keep talking." Bo Berg described the talks as "useful, if slow," '
    "and said a second round was likely.\n\n"
    '"Northland will not give up its claims, and Northland will not be rushed," the Northland government said '
    "in a statement.\n\n"
    "The delegations talked for more than eight hours on Tuesday, with some 40 officials attending.\n"
)
FILES = {
    "briefing.yml": "title: T\nas_of: 2030-03-06\nsummary:\n  - {text: The delegations talked., cite: [{source: s, quote: The delegations talked}]}\n",
    "sources/s.yml": f"title: Talks\npublished: 2030-03-06\nfile: s.txt\nsha256: '{seed_sha256(SEED)}'\n",
    "participants/ana.yml": "name: Ana Lind\nkind: person\n",
    "participants/bo.yml": "name: Bo Berg\nkind: person\n",
    "participants/northland.yml": "name: Northland\nkind: country\n",
}


def problems_of(
    text: str, quote: str, said_by: str | None = None, aliases: tuple[tuple[str, ...], ...] = ()
) -> list[Problem]:
    """The problems of one event fact with that text, quote and speaker."""
    speaker = f", said_by: {said_by}" if said_by else ""
    fact = f"  - {{text: {text!r}{speaker}, cite: [{{source: s, quote: {quote!r}}}]}}\n"
    event = f"title: Talks\ndate: {{day: 2030-03-05}}\nfacts:\n{fact}"
    raw = raw_content({**FILES, "events/talks.yml": event}, {"s.txt": SEED})
    _, problems = validate(dataclasses.replace(raw, aliases=aliases))
    return problems


def codes(problems: list[Problem]) -> list[str]:
    return [problem.code for problem in problems]


@pytest.mark.parametrize(
    ("text", "quote", "said_by"),
    [
        ('Lind said: "We agreed to keep talking."', 'Lind said: "We agreed to keep talking."', "ana"),
        ("Berg said a second round was likely.", "said a second round was likely", "bo"),
        ('Berg described the talks as "useful, if slow".', 'described the talks as "useful, if slow,"', "bo"),
        (
            'Northland said in a statement: "Northland will not give up its claims, and Northland will not be rushed."',
            "Northland will not give up its claims, and Northland will not be rushed",
            "northland",
        ),
        ("The delegations talked for more than eight hours.", "talked for more than eight hours", None),
        ("Lind said: \u201cWe agreed to keep talking.\u201d", "We agreed to keep talking.", "ana"),
    ],
    ids=["direct", "reported", "partial", "statement", "qualified", "curly"],
)
def test_words_in_the_right_mouths_pass(text: str, quote: str, said_by: str | None) -> None:
    assert problems_of(text, quote, said_by) == []


def test_a_paraphrase_in_quotation_marks_is_refused() -> None:
    (problem,) = problems_of('Berg said "a second round was likely".', "said a second round was likely", "bo")
    assert (problem.code, problem.path.as_posix(), problem.line) == ("not-their-words", "content/events/talks.yml", 4)
    assert problem.message.startswith('"a second round was likely" is in quotation marks, but no cited passage')
    assert problem.message.endswith("the cited passages quote no one, so write it as reported speech, without them")


def test_changed_words_in_quotation_marks_are_refused_with_the_source_s_own() -> None:
    (problem,) = problems_of(
        'Lind said: "We agreed to keep negotiating."', 'Lind said: "We agreed to keep talking."', "ana"
    )
    assert problem.code == "not-their-words"
    assert 'the cited passages quote: "We agreed to keep talking"' in problem.message


def test_a_claim_names_its_speaker() -> None:
    (problem,) = problems_of("A second round was likely.", "said a second round was likely", "bo")
    assert problem.code == "speaker-unnamed"
    assert '("Berg said that ...")' in problem.message
    assert problems_of("Bo Berg said a second round was likely.", "said a second round was likely", "bo") == []


def test_an_alias_names_a_speaker() -> None:
    text, quote = "Oslo's guest said a second round was likely.", "said a second round was likely"
    assert codes(problems_of(text, quote, "bo")) == ["speaker-unnamed"]
    assert problems_of(text, quote, "bo", aliases=(("Bo Berg", "Oslo's guest"),)) == []


@pytest.mark.parametrize(
    ("text", "quote", "code"),
    [
        ("The delegations held eight-hour talks.", "talked for more than eight hours", "qualifier-changed"),
        ("The delegations talked for nearly eight hours.", "talked for more than eight hours", "qualifier-changed"),
        ("The delegations talked for nine hours.", "talked for more than eight hours", "unquoted-number"),
        ("Forty officials attended.", "with some 40 officials attending", "qualifier-changed"),
        ("The delegations talked on Wednesday.", "talked for more than eight hours on Tuesday", "unquoted-number"),
    ],
    ids=["qualifier-dropped", "qualifier-swapped", "number-changed", "some-dropped", "weekday-changed"],
)
def test_numbers_and_their_qualifiers_cannot_drift(text: str, quote: str, code: str) -> None:
    problems = problems_of(text, quote)
    assert codes(problems) == [code]
    assert problems[0].is_error


def test_a_qualifier_change_may_be_excepted_with_a_reason() -> None:
    fact = "{text: 'The delegations held eight-hour talks.', unquoted: {details: [eight], reason: 'Rounded.'}, "
    fact += "cite: [{source: s, quote: talked for more than eight hours}]}"
    event = f"title: Talks\ndate: {{day: 2030-03-05}}\nfacts:\n  - {fact}\n"
    _, problems = validate(raw_content({**FILES, "events/talks.yml": event}, {"s.txt": SEED}))
    assert problems == []

"""Every fact says when: a word whose truth runs out ("still", "recently", "on Tuesday") comes with a date.

Such a word was true on the day its source was written and reads as true today on a page that gives no date.
"""

from __future__ import annotations

from ..content import schema
from ..content.model import CitedFact
from ..content.schema import Fact, Record
from ..errors import Problem
from ..read.records import RawRecord
from .details import DATE
from .framing import unquoted_part
from .vocabulary import PhraseFinder


def check_time_words(
    record: RawRecord, data: Record, facts: tuple[CitedFact[Fact], ...], time_words: PhraseFinder
) -> list[Problem]:
    """Warn of a fact that uses a word whose truth runs out, outside quotation marks, and states no date."""
    if isinstance(data, schema.EventFile):
        return []  # the event's page gives its date, and its facts are of that date
    problems = []
    for cited in facts:
        if isinstance(data, schema.QuestionFile) and (cited.location[0] == "history" or cited.fact.said_by):
            continue  # a status change, and a party's statement on the question, are shown with their dates
        text = unquoted_part(cited.fact.text)
        if (match := time_words.search(text)) and not DATE.search(text):
            line, col = record.position((*cited.location, "text"))
            message = (
                f"'{match.group()}' is true only as of a date this fact does not give, and the page may be read "
                'months later; say when ("as of 19 February 2025", "on 18 February"), or reword it without '
                "the word"
            )
            problems.append(Problem(record.path, line, col, "time-word", message, severity="warning"))
    return problems

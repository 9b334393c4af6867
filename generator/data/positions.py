"""Where the parties stand, as open data: one row per statement a party made on a question, for the JSON export
and `positions.csv`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..content.kinds import QUESTIONS
from ..content.model import Briefing
from ..content.positions import disagreements, positions_of, statements_of

_TEXT: dict[str, Any] = {"type": "string"}
_TEXTS: dict[str, Any] = {"type": "array", "items": _TEXT}
#: The JSON Schema of one row, each column described.
POSITION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "One party's statement on a question, as the question's page shows it under its party.",
    "properties": {
        "question": {**_TEXT, "description": "The question's id."},
        "party": {**_TEXT, "description": "The participant the statement is attributed to (said_by)."},
        "side": {**_TEXTS, "description": "The countries the party belongs to, following member_of."},
        "date": {**_TEXT, "format": "date", "description": "The date the statement is of: its newest source's."},
        "statement": {**_TEXT, "description": "The statement as the maintainer wrote it, in reported speech."},
        "quotes": {**_TEXTS, "description": "The source's own words at each passage the statement cites."},
        "sources": {**_TEXTS, "description": "Ids of the sources it cites."},
        "anchor": {**_TEXT, "description": "The statement's id on the question's page."},
        "page": {**_TEXT, "description": "The question's page, as a Markdown path."},
        "disputed": {"type": "boolean", "description": "Whether the maintainer marks it as disagreeing with another."},
    },
    "additionalProperties": False,
}
POSITION_SCHEMA["required"] = list(POSITION_SCHEMA["properties"])


def position_rows(briefing: Briefing) -> Iterator[dict[str, Any]]:
    """Every statement of every question, question by question, each party's latest first."""
    for question in briefing.of_kind(QUESTIONS):
        disputed = {cited.anchor for claims in disagreements(statements_of(question)) for cited in claims}
        for position in positions_of(briefing, question):
            for statement in position.statements:
                cited = statement.cited
                yield {
                    "question": question.id,
                    "party": position.party,
                    "side": list(briefing.sides.get(position.party, ())),
                    "date": statement.date.isoformat(),
                    "statement": cited.fact.text,
                    "quotes": [" … ".join(briefing.quoted_words(passage)) for passage in cited.passages],
                    "sources": list(dict.fromkeys(passage.source for passage in cited.passages)),
                    "anchor": cited.anchor,
                    "page": question.page,
                    "disputed": cited.anchor in disputed,
                }

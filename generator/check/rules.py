"""Per-kind rules a schema cannot say: status history in order, claims that dispute, attendance listed once."""

from __future__ import annotations

import itertools

from ..content import schema
from ..content.fields import cited_items
from ..content.schema import Fact, Record
from ..errors import Problem
from ..read.records import RawRecord
from .citations import Source
from .messages import at, did_you_mean


def check_history_order(record: RawRecord, question: schema.QuestionFile, problems: list[Problem]) -> None:
    """Status changes are listed oldest first: the last one is the current status."""
    for index, (before, change) in enumerate(itertools.pairwise(question.history), start=1):
        if change.as_of < before.as_of:
            line, _ = record.position(("history", index - 1, "as_of"))
            message = (
                f"this status is dated {change.as_of.isoformat()}, before the one above it ({before.as_of.isoformat()}, "
                f"line {line}); list status changes oldest first: move this entry up, or correct its date"
            )
            problems.append(at(record, ("history", index, "as_of"), "history-order", message))


def check_history_sources(
    record: RawRecord, question: schema.QuestionFile, sources: dict[str, Source], problems: list[Problem]
) -> None:
    """A status holds from its own date, so it cannot rest on a source published after that date."""
    for index, change in enumerate(question.history):
        for number, citation in enumerate(change.cite):
            source = sources.get(citation.source)
            if source is not None and source.published > change.as_of:
                message = (
                    f"this status holds from {change.as_of.isoformat()} but cites '{citation.source}', published "
                    f"{source.published.isoformat()}; set its 'as_of' to {source.published.isoformat()} or later, "
                    "or cite a source published by then"
                )
                location = ("history", index, "cite", number, "source")
                problems.append(at(record, location, "cites-later-source", message))


def check_disputes(record: RawRecord, data: Record, problems: list[Problem]) -> None:
    """A fact that `contests` another names a fact of its own list by id, and both are claims; claims linked so,
    however many and however chained, are one disagreement (content/positions.py)."""
    facts = [(location, item) for location, item in cited_items(data) if isinstance(item, Fact)]
    by_id = {(location[0], item.id): (location, item) for location, item in facts if item.id}
    for location, item in facts:
        if item.contests is None:
            continue
        found = by_id.get((location[0], item.contests))
        if found is None or found[1] is item:
            ids = sorted(
                str(other.id) for here, other in facts if other.id and here[0] == location[0] and other is not item
            )
            message = (
                f"'contests' names '{item.contests}', but no other fact in '{location[0]}' has that 'id'"
                f"{did_you_mean(item.contests, ids)}; give the disputed fact 'id: {item.contests}', or correct the name"
            )
            problems.append(at(record, (*location, "contests"), "unknown-claim", message))
            continue
        disputed_location, disputed = found
        for where, claim in ((location, item), (disputed_location, disputed)):
            if claim.said_by is None:
                message = (
                    "claims that disagree are each someone's, never the briefing's own: attribute this one with "
                    "'said_by' (a participant id)"
                )
                problems.append(at(record, (*where, "text"), "disputed-in-own-voice", message))


def check_attendees_once(record: RawRecord, event: schema.EventFile, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for index, entry in enumerate(event.attendance):
        if entry.participant in seen:
            message = f"'{entry.participant}' is listed in attendance more than once; keep one entry and cite it twice"
            problems.append(at(record, ("attendance", index, "participant"), "duplicate-attendee", message))
        seen.add(entry.participant)

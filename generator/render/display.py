"""How a briefing's values read wherever they are shown: dates only as precise as given, entities by their titles.

The pages, the feed, the JSON-LD and the exported data word these alike. They live apart from render.py so that
exporting need not import Jinja, and so that the list helpers can order by date without the page machinery.
"""

from __future__ import annotations

import datetime

from ..content.kinds import BY_NAME
from ..content.model import Entity
from ..content.schema import EntityFile, EventDate

STATUS_LABELS = {"open": "Open", "partly-answered": "Partly answered", "answered": "Answered"}
"""A question's statuses as shown, from the furthest from an answer to the answer."""

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_day(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_event_date(date: EventDate) -> str:
    """The date only as precise as given: '18 February 2025', 'February 2022', 'before 2025'."""
    if date.day is not None:
        text = format_day(date.day)
    elif date.month is not None:
        year, month = date.month.split("-")
        text = f"{MONTHS[int(month) - 1]} {year}"
    else:
        text = str(date.year)
    return f"{date.qualifier} {text}" if date.qualifier else text


def event_sort_key(date: EventDate) -> tuple[int, int, int, int]:
    if date.day is not None:
        year, month, day = date.day.year, date.day.month, date.day.day
    elif date.month is not None:
        year, month, day = int(date.month[:4]), int(date.month[5:]), 0
    else:
        year, month, day = date.year or 0, 0, 0
    return year, month, day, {"before": 0, None: 1, "after": 2}[date.qualifier]


def title_of(entity: Entity[EntityFile]) -> str:
    """The name an entity is shown and linked by."""
    return str(getattr(entity.data, BY_NAME[entity.kind].title_field))

"""Pictures drawn at build time as inline SVG: a meeting's table, the timeline, a question's status over time.

Each picture sits beside a table or list saying the same (its text alternative) and is named by its <title>. Every
text in it goes through `inert`, as on the pages; attributes hold only numbers, class names and links built from
validated ids. Colours are CSS classes (briefing.css), so both colour schemes apply. Positions are in the SVG's own
units; the picture scales to the width it is given, and is drawn narrow enough to read on a phone.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..content.kinds import PARTICIPANTS
from ..content.model import Briefing, Entity
from ..content.schema import EntityFile, EventDate, EventFile, StatusChange
from .display import MONTHS, STATUS_LABELS, format_day, format_event_date, title_of
from .inert import Md, inert
from .meetings import Delegation, Meeting

WIDTH = 340
MARGIN = 6
LINE = 16
#: An estimate of a character's width at the pictures' font size, to shorten words that would not fit.
CHAR = 6.6
#: Names a box lists, and sides a meeting's picture draws, at most; the table beside the picture lists all.
BOX_NAMES = 6
PICTURE_SIDES = 6
BETWEEN_WORDS = {"host": "hosting", "mediator": "mediating"}


def _figure(kind: str, name: str, height: float, body: Iterable[str], caption: str, role: str = "img") -> Md:
    """The SVG in a block of its own (Markdown leaves raw HTML alone), named by its <title>, and a caption."""
    svg = (
        f'<svg class="picture__svg" viewBox="0 0 {WIDTH} {height:.0f}" role="{role}">'
        f"<title>{inert(name)}</title>{''.join(body)}</svg>"
    )
    return Md(f'<div class="picture picture--{kind}">{svg}<p class="picture__caption">{inert(caption)}</p></div>')


def _text(x: float, y: float, words: str, css: str = "", anchor: str = "start") -> str:
    classes = f' class="{css}"' if css else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{classes}>{inert(words)}</text>'


def _fitted(words: str, width: float) -> str:
    """The words, shortened with an ellipsis where they would run past `width`."""
    room = max(int(width / CHAR), 4)
    return words if len(words) <= room else words[: room - 1].rstrip() + "\u2026"


def _rect(css: str, x: float, y: float, width: float, height: float, rounded: float = 0) -> str:
    corner = f' rx="{rounded:g}"' if rounded else ""
    return f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}"{corner}/>'


# --- the meeting ---------------------------------------------------------------------------------


def meeting_picture(briefing: Briefing, meeting: Meeting) -> Md:
    """The sides facing each other across the table, with those who host or mediate at its ends.

    Two sides face each other across it; more sit around it, clockwise in the order of their names, which the
    caption says. The picture places sides, not seats: it claims no seating order.
    """
    sides = [column for column in meeting.at_table if not column.between][:PICTURE_SIDES]
    between = [column for column in meeting.at_table if column.between][:PICTURE_SIDES]
    name_of = _participant_names(briefing)
    # Clockwise from the top left, in the order of their names: an order that claims no alignment.
    half = (len(sides) + 1) // 2
    top, bottom = sides[:half], sides[half:][::-1]
    table_y = _row_height(top) + (8 if top else 0)
    table_height = max([_box_height(column) for column in between] + [2 * LINE])
    bottom_y = table_y + table_height + 8
    body = [
        *_row(top, 0, name_of),
        *_table(between, table_y, table_height, name_of),
        *_row(bottom, bottom_y, name_of),
    ]
    height = bottom_y + _row_height(bottom)
    summary = "; ".join(_column_summary(column) for column in meeting.at_table)
    name = f"Who sat at the table at {title_of(meeting.event)}: {summary}"
    caption = "Sides, not seats: the sources give no seating order."
    if len(sides) > 2:
        caption += " The sides go clockwise around the table in the order of their names, not by alignment."
    caption += " The table below lists everyone, with citations."
    if len(meeting.at_table) > len(sides) + len(between):
        caption += f" The picture shows {len(sides) + len(between)} of the {len(meeting.at_table)} sides."
    return _figure("meeting", name, height, body, caption)


def _participant_names(briefing: Briefing) -> Callable[[str], str]:
    return lambda participant_id: title_of(briefing.get(PARTICIPANTS, participant_id))


def _column_summary(column: Delegation) -> str:
    role = f" ({_between_role(column)}, between the sides)" if column.between else ""
    count = len(column.entries)
    return f"{_side_label(column)}{role}, {count} {'person' if count == 1 else 'people'}"


def _side_label(column: Delegation) -> str:
    return title_of(column.side) if column.side else "Others"


def _between_role(column: Delegation) -> str:
    """'hosting', 'mediating', or both, as the column's entries say."""
    capacities = sorted({str(entry.fact.capacity) for entry in column.entries})
    return " or ".join(BETWEEN_WORDS[capacity] for capacity in capacities if capacity in BETWEEN_WORDS)


def _box_height(column: Delegation) -> float:
    shown = min(len(column.entries), BOX_NAMES) + (len(column.entries) > BOX_NAMES)
    return LINE * (shown + 1) + 8


def _row_height(columns: list[Delegation]) -> float:
    return max((_box_height(column) for column in columns), default=0)


def _row(columns: list[Delegation], y: float, name_of: Callable[[str], str]) -> Iterator[str]:
    width = WIDTH / max(len(columns), 1)
    for index, column in enumerate(columns):
        yield from _box(column, index * width + 2, y, width - 4, "picture__side", name_of)


def _table(between: list[Delegation], y: float, height: float, name_of: Callable[[str], str]) -> Iterator[str]:
    """The table across the picture; hosts or mediators at its ends, or, when more than two, spread along it."""
    yield _rect("picture__table", 2, y, WIDTH - 4, height, 8)
    if not between:
        yield _text(WIDTH / 2, y + height / 2 + 4, "the table", "picture__note", "middle")
        return
    width = {1: 240.0, 2: (WIDTH - 12) / 2}.get(len(between), (WIDTH - 4) / len(between) - 4)
    if len(between) == 1:
        places = [4.0]
        yield _text((244 + WIDTH) / 2, y + height / 2 + 4, "the table", "picture__note", "middle")
    else:
        step = (WIDTH - 4) / len(between)
        places = [2 + index * step + (step - width) / 2 for index in range(len(between))]
    for column, x in zip(between, places, strict=True):
        yield from _box(column, x, y + 2, width, "picture__between", name_of)


def _box(
    column: Delegation, x: float, y: float, width: float, css: str, name_of: Callable[[str], str]
) -> Iterator[str]:
    yield _rect(css, x, y, width, _box_height(column) - 4, 4)
    label = _side_label(column) + (f", {_between_role(column)}" if column.between else "")
    yield _text(x + 6, y + LINE, _fitted(label, width - 12), "picture__label")
    for line, entry in enumerate(column.entries[:BOX_NAMES], start=2):
        yield _text(x + 6, y + LINE * line, _fitted(name_of(entry.fact.participant), width - 12))
    hidden = len(column.entries) - BOX_NAMES
    if hidden > 0:
        yield _text(x + 6, y + LINE * (BOX_NAMES + 2), f"and {hidden:,} more", "picture__note")


# --- the timeline --------------------------------------------------------------------------------

ROW = 32
LANE = 14
AXIS = 22
#: Events a timeline labels on rows of their own, at most; more share lanes, each named by its link's <title>.
LABELLED = 12


def timeline_picture(events: Sequence[Entity[EventFile]], href: Callable[[Entity[EntityFile]], str]) -> Md:
    """The events on one time axis: a day a dot, a month or a year a bar, 'before' or 'after' an open arrow.

    A few events get a labelled row each; more are packed into unlabelled lanes, the list beside naming them.
    Each mark links to its event's page (`href`, a URL relative to the page the picture is on).
    """
    spans = [_span_of(event.data.date) for event in events]
    scale = _TimeScale([day for span in spans for day in span if day is not None])
    marks = [
        (event, scale.x(span[0], MARGIN), scale.x(span[1], WIDTH - MARGIN), span)
        for event, span in zip(events, spans, strict=True)
    ]
    if len(events) <= LABELLED:
        rows = [_labelled(mark, AXIS + index * ROW, href) for index, mark in enumerate(marks)]
        height = AXIS + len(events) * ROW + 4
    else:
        lanes = _lanes([(left, right) for _, left, right, _ in marks])
        rows = [_unlabelled(mark, AXIS + lane * LANE, href) for mark, lane in zip(marks, lanes, strict=True)]
        height = AXIS + (max(lanes) + 1) * LANE + 4
    name = f"Timeline of {len(events)} {'event' if len(events) == 1 else 'events'}, {scale.describe()}"
    caption = "A dot is a day, a bar a month or a year, an arrow an event dated only before or after a date."
    if len(events) > LABELLED:
        caption += " Each mark names its event when pointed at; the list below names them all."
    return _figure("timeline", name, height, [*scale.ticks(height), *rows], caption, role="group")


def _lanes(extents: list[tuple[float, float]]) -> list[int]:
    """The first lane each mark fits in without touching the marks already there (greedy interval packing)."""
    ends: list[float] = []
    lanes = []
    for left, right in extents:
        lane = next((index for index, end in enumerate(ends) if end < left - 6), len(ends))
        if lane == len(ends):
            ends.append(0.0)
        ends[lane] = max(right, left + 4)
        lanes.append(lane)
    return lanes


Span = tuple[datetime.date | None, datetime.date | None]


def _span_of(date: EventDate) -> Span:
    """The days an event date covers; None on the open side of one dated only 'before' or 'after'."""
    if date.day is not None:
        first = last = date.day
    elif date.month is not None:
        year, month = int(date.month[:4]), int(date.month[5:])
        first = datetime.date(year, month, 1)
        last = datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
    else:
        first, last = datetime.date(date.year or 1, 1, 1), datetime.date(date.year or 1, 12, 31)
    if date.qualifier == "before":
        return None, first
    if date.qualifier == "after":
        return last, None
    return first, last


class _TimeScale:
    """Days to x positions: the dates given, with room either side for open-ended arrows."""

    def __init__(self, days: list[datetime.date]) -> None:
        first, last = min(days), max(days)
        room = max((last - first).days // 12, 20)
        self.start = first - datetime.timedelta(days=room)
        self.end = last + datetime.timedelta(days=room)

    def x(self, day: datetime.date | None, open_end: float) -> float:
        if day is None:
            return open_end
        share = (day - self.start).days / (self.end - self.start).days
        return MARGIN + share * (WIDTH - 2 * MARGIN)

    def describe(self) -> str:
        return f"from {format_day(self.start)} to {format_day(self.end)}"

    def ticks(self, height: float) -> Iterator[str]:
        """A line and a label at each new year, or at each month's start on an axis of less than two years."""
        months = (self.end - self.start).days < 730
        day = datetime.date(self.start.year, self.start.month, 1)
        first = True
        while day <= self.end:
            if day > self.start and (months or day.month == 1):
                x = self.x(day, 0)
                label = str(day.year) if day.month == 1 else MONTHS[day.month - 1][:3]
                if first and day.month != 1:
                    label += f" {day.year}"
                first = False
                yield f'<line class="picture__grid" x1="{x:.1f}" y1="{AXIS - 8}" x2="{x:.1f}" y2="{height:.0f}"/>'
                yield _text(x + 2, AXIS - 10, label, "picture__note")
            day = datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


Mark = tuple[Entity[EventFile], float, float, "Span"]
"""An event on the axis: its left and right x, and the days it covers."""


def _labelled(mark: Mark, y: float, href: Callable[[Entity[EntityFile]], str]) -> str:
    event = mark[0]
    text = _text(MARGIN, y + 12, _fitted(_label(event), WIDTH - 2 * MARGIN))
    return f'<a class="picture__link" href="{href(event)}">{text}{_mark(mark, y + 23)}</a>'


def _unlabelled(mark: Mark, y: float, href: Callable[[Entity[EntityFile]], str]) -> str:
    event = mark[0]
    return (
        f'<a class="picture__link" href="{href(event)}"><title>{inert(_label(event))}</title>{_mark(mark, y + 7)}</a>'
    )


def _label(event: Entity[EventFile]) -> str:
    return f"{format_event_date(event.data.date)}: {title_of(event)}"


def _mark(mark: Mark, y: float) -> str:
    _, left, right, span = mark
    if span[0] is None or span[1] is None:
        return _arrow(left, right, y, pointing_left=span[0] is None)
    if span[0] == span[1]:
        return f'<circle class="picture__mark" cx="{left:.1f}" cy="{y:.1f}" r="4"/>'
    return _rect("picture__mark", left, y - 4, max(right - left, 3), 8, 2)


def _arrow(left: float, right: float, y: float, pointing_left: bool) -> str:
    """A line from the known date to the axis's end, its head on the open side."""
    tip, back = (left, left + 7) if pointing_left else (right, right - 7)
    head = f"M{tip:.1f} {y:.1f} L{back:.1f} {y - 4:.1f} L{back:.1f} {y + 4:.1f} Z"
    bar = f"M{left:.1f} {y:.1f} H{right:.1f}"
    end = right if pointing_left else left
    stop = f"M{end:.1f} {y - 5:.1f} V{y + 5:.1f}"
    return f'<path class="picture__arrow" d="{bar} {stop}"/><path class="picture__mark" d="{head}"/>'


# --- a question's status over time ---------------------------------------------------------------

STATUS_RANK = {status: rank for rank, status in enumerate(STATUS_LABELS)}


def status_strip(history: Sequence[StatusChange], as_of: datetime.date) -> Md:
    """The question's statuses as one bar, a segment for each from its date to the next, up to the briefing's date."""
    first = history[0].as_of
    end = max(as_of, history[-1].as_of)
    days = max((end - first).days, 1)
    usable = WIDTH - 2 * MARGIN

    def x(day: datetime.date) -> float:
        return MARGIN + (day - first).days / days * usable

    starts = [x(entry.as_of) for entry in history]
    ends = [*starts[1:], WIDTH - MARGIN]
    body: list[str] = []
    statuses, dates = _LabelRow(13, "picture__label"), _LabelRow(50, "picture__note")
    for index, (entry, left, right) in enumerate(zip(history, starts, ends, strict=True)):
        body.append(_rect(f"picture__status status--{entry.status}", left, 18, max(right - left, 4), 16))
        last = index == len(history) - 1
        body += statuses.place(left, STATUS_LABELS[entry.status], right - left, last)
        body += dates.place(left, format_day(entry.as_of), WIDTH - MARGIN - left, last)
    body.append(f'<line class="picture__grid" x1="{WIDTH - MARGIN}" y1="14" x2="{WIDTH - MARGIN}" y2="38"/>')
    steps = "; then ".join(f"{STATUS_LABELS[entry.status].lower()} from {format_day(entry.as_of)}" for entry in history)
    name = f"The question's status over time: {steps}; as of {format_day(as_of)}"
    caption = f"Each status from the date it took effect to the next; the line at the right end is {format_day(end)}."
    return _figure("status", name, 56, body, caption)


class _LabelRow:
    """Labels along one line, left to right, each at its segment's start, none overlapping the one before.

    The last segment's label, when it has no room there, ends at the picture's right edge instead: the current
    status is always named.
    """

    def __init__(self, y: float, css: str) -> None:
        self.y, self.css = y, css
        self.end = -float(WIDTH)

    def place(self, left: float, words: str, room: float, last: bool) -> list[str]:
        width = len(words) * CHAR
        if width <= room and left >= self.end + 8:
            self.end = left + width
            return [_text(left, self.y, words, self.css)]
        if last and WIDTH - MARGIN - width >= self.end + 8:
            self.end = WIDTH - MARGIN
            return [_text(WIDTH - MARGIN, self.y, words, self.css, "end")]
        return []


TRENDS = {
    "toward": ("Toward an answer", "M2 11 L7 3 L12 11 Z"),
    "away": ("Away from an answer", "M2 3 L7 11 L12 3 Z"),
    "same": ("No change", "M2 6 H12 V8 H2 Z"),
    "first": ("First status on record", "M7 3 L11 7 L7 11 L3 7 Z"),
}


def trend_mark(history: Sequence[StatusChange]) -> Md:
    """A small mark, as CrisisWatch marks trends: the last change toward an answer, away from one, or neither."""
    if len(history) < 2:
        trend, words = "first", f"{TRENDS['first'][0]}, from {format_day(history[0].as_of)}"
    else:
        before, now = history[-2], history[-1]
        change = STATUS_RANK[now.status] - STATUS_RANK[before.status]
        trend = "toward" if change > 0 else "away" if change < 0 else "same"
        words = f"{TRENDS[trend][0]}: {STATUS_LABELS[before.status].lower()} before {format_day(now.as_of)}"
    return Md(
        f'<svg class="trend trend--{trend}" viewBox="0 0 14 14" role="img">'
        f'<title>{inert(words)}</title><path d="{TRENDS[trend][1]}"/></svg>'
    )

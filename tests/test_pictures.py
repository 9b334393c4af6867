"""The pictures, drawn from in-memory briefings: what each mark claims, where it sits, and what it is named.

The SVG is read back with BeautifulSoup: positions are numbers in the picture's own units (pictures.WIDTH wide).
"""

from __future__ import annotations

import datetime
import itertools

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import SAMPLE, raw_content

from generator.check.validate import validate
from generator.content.kinds import EVENTS
from generator.content.model import Briefing
from generator.content.schema import StatusChange
from generator.render import pictures
from generator.render.meetings import meeting
from generator.render.urls import directory_url

SEEDS = {path.name: path.read_text(encoding="utf-8") for path in (SAMPLE / "seeds").iterdir()}
CONTENT = {
    str(path.relative_to(SAMPLE / "content")): path.read_text(encoding="utf-8")
    for path in sorted((SAMPLE / "content").rglob("*.yml"))
}
CITE = """    cite:
      - source: geneva-statement
        quote: met in Geneva on Monday for four hours
"""


def briefing_with(files: dict[str, str]) -> Briefing:
    briefing, problems = validate(raw_content({**CONTENT, **files}, SEEDS))
    assert briefing is not None and not problems, problems
    return briefing


def svg_of(markup: str) -> Tag:
    svg = BeautifulSoup(markup, "html.parser").find("svg")
    assert isinstance(svg, Tag)
    return svg


def event(event_id: str, date: str, title: str | None = None) -> dict[str, str]:
    body = f"title: {title or event_id}\ndate:\n{date}\nparticipants: [ana-lind]\nfacts:\n  - text: They met.\n{CITE}"
    return {f"events/{event_id}.yml": body}


def timeline(briefing: Briefing) -> Tag:
    events = sorted(briefing.of_kind(EVENTS), key=lambda entity: entity.id)
    return svg_of(pictures.timeline_picture(events, lambda entity: f"{entity.id}/"))


def mark_of(svg: Tag, event_id: str) -> list[Tag]:
    link = svg.select_one(f'a[href="{event_id}/"]')
    assert link is not None, event_id
    return link.find_all(["circle", "rect", "path"])


def x_of(day: datetime.date, svg: Tag, anchors: dict[str, tuple[datetime.date, float]]) -> float:
    """Where the scale puts `day`, interpolated from two marks whose days are known."""
    (day_a, x_a), (day_b, x_b) = anchors.values()
    return x_a + (day - day_a).days * (x_b - x_a) / (day_b - day_a).days


# --- the timeline ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dated() -> Tag:
    """Events of each precision: two days (to know the scale), a month, a year, a 'before' and an 'after'.

    With the sample's own event, seven.
    """
    files = {
        **event("day-a", "  day: 2025-01-01"),
        **event("day-b", "  day: 2025-12-31"),
        **event("in-march", "  month: 2025-03"),
        **event("in-2024", "  year: 2024"),
        **event("before-june", "  day: 2025-06-01\n  qualifier: before"),
        **event("after-2025", "  year: 2025\n  qualifier: after"),
    }
    return timeline(briefing_with(files))


def known(svg: Tag) -> dict[str, tuple[datetime.date, float]]:
    return {
        "day-a": (datetime.date(2025, 1, 1), float(mark_of(svg, "day-a")[0]["cx"])),
        "day-b": (datetime.date(2025, 12, 31), float(mark_of(svg, "day-b")[0]["cx"])),
    }


def test_a_day_is_a_dot(dated: Tag) -> None:
    assert [tag.name for tag in mark_of(dated, "day-a")] == ["circle"]
    assert float(mark_of(dated, "day-a")[0]["cx"]) < float(mark_of(dated, "day-b")[0]["cx"])


@pytest.mark.parametrize(
    ("event_id", "first", "last"),
    [("in-march", datetime.date(2025, 3, 1), datetime.date(2025, 3, 31)),
     ("in-2024", datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))],
)  # fmt: skip
def test_a_month_or_a_year_is_a_bar_over_all_its_days(
    dated: Tag, event_id: str, first: datetime.date, last: datetime.date
) -> None:
    (bar,) = mark_of(dated, event_id)
    assert bar.name == "rect"
    left, width = float(bar["x"]), float(bar["width"])
    assert left == pytest.approx(x_of(first, dated, known(dated)), abs=0.2)
    assert left + width == pytest.approx(x_of(last, dated, known(dated)), abs=0.2)


@pytest.mark.parametrize(("event_id", "pointing_left"), [("before-june", True), ("after-2025", False)])
def test_before_or_after_is_an_arrow_open_on_its_unknown_side(dated: Tag, event_id: str, pointing_left: bool) -> None:
    line, head = mark_of(dated, event_id)
    assert line["class"] == ["picture__arrow"] and head["class"] == ["picture__mark"]
    tip = float(head["d"].split()[0].removeprefix("M"))
    edge = pictures.MARGIN if pointing_left else pictures.WIDTH - pictures.MARGIN
    assert tip == pytest.approx(edge, abs=0.1)
    known_end = datetime.date(2025, 6, 1) if pointing_left else datetime.date(2025, 12, 31)
    stop = float(line["d"].split("M")[2].split()[0])
    assert stop == pytest.approx(x_of(known_end, dated, known(dated)), abs=0.2)


def test_a_few_events_are_labelled_with_their_date_and_title(dated: Tag) -> None:
    labels = [text.get_text() for text in dated.select("a text")]
    assert "March 2025: in-march" in labels
    assert "before 1 June 2025: before-june" in labels
    assert dated["role"] == "group"
    assert dated.find("title", recursive=False).get_text().startswith("Timeline of 7 events")


def test_many_events_share_lanes_each_named_by_its_title() -> None:
    files: dict[str, str] = {}
    for number in range(40):
        files.update(
            event(f"e-{number}", f"  day: 2025-{number % 12 + 1:02d}-{number % 28 + 1:02d}", f"Round {number}")
        )
    svg = timeline(briefing_with(files))
    links = svg.select("a.picture__link")
    assert len(links) == 41  # and the sample's own event
    assert not svg.select("a text")
    assert {link.title.get_text() for link in links} >= {
        f"{1 + n % 28} {month} 2025: Round {n}" for n, month in [(0, "January"), (13, "February")]
    }
    height = float(svg["viewbox"].split()[3])
    assert height < 41 * pictures.ROW / 4


def test_marks_in_one_lane_never_touch() -> None:
    extents = [(10.0, 20.0), (15.0, 30.0), (31.0, 40.0), (50.0, 50.0), (5.0, 300.0), (52.0, 52.0)]
    lanes = pictures._lanes(extents)
    for lane in set(lanes):
        placed = sorted(extent for extent, at in zip(extents, lanes, strict=True) if at == lane)
        assert all(later[0] - earlier[1] > 6 for earlier, later in itertools.pairwise(placed))
    assert max(lanes) <= 3


@pytest.mark.parametrize(
    ("target", "from_page", "url"),
    [("events/a.md", "events/index.md", "a/"), ("events/a.md", "events/page_2.md", "../a/"),
     ("events/a.md", "index.md", "events/a/"), ("index.md", "events/a.md", "../../")],
)  # fmt: skip
def test_picture_links_are_relative_directory_urls(target: str, from_page: str, url: str) -> None:
    assert directory_url(target, from_page) == url


# --- the meeting -------------------------------------------------------------------------------

COUNTRY = "kind: country\n"


def attendance(entries: list[tuple[str, str]]) -> str:
    cite = CITE.replace("\n  ", "\n    ").replace("    cite", "    cite", 1)
    return "attendance:\n" + "".join(
        f"  - participant: {who}\n    capacity: {capacity}\n{cite}" for who, capacity in entries
    )


def people(side: str, count: int) -> dict[str, str]:
    return {
        f"participants/{side}-{n}.yml": f"name: {side.title()} person {n}\nkind: person\nmember_of: [{side}]\n"
        for n in range(count)
    }


def meeting_svg(sides: dict[str, tuple[int, str]]) -> tuple[Tag, str]:
    """A meeting of `sides`: country id -> (how many people, their capacity)."""
    files: dict[str, str] = {}
    entries: list[tuple[str, str]] = []
    for side, (count, capacity) in sides.items():
        files[f"participants/{side}.yml"] = f"name: {side.title()}\n{COUNTRY}"
        files.update(people(side, count))
        entries += [(f"{side}-{n}", capacity) for n in range(count)]
    body = f"title: The round\ndate:\n  day: 2030-03-04\nfacts:\n  - text: They met.\n{CITE}" + attendance(entries)
    briefing = briefing_with({**files, "events/round.yml": body})
    markup = pictures.meeting_picture(briefing, meeting(briefing, briefing.get(EVENTS, "round")))
    return svg_of(markup), BeautifulSoup(markup, "html.parser").get_text(" ")


def boxes(svg: Tag, css: str) -> list[tuple[float, float, str]]:
    """Each box of a class: its x, its y and its label (the first text after it)."""
    found = []
    for rect in svg.select(f"rect.{css}"):
        label = rect.find_next_sibling("text")
        found.append((float(rect["x"]), float(rect["y"]), label.get_text()))
    return found


def test_two_sides_face_each_other_across_the_table_with_the_host_at_its_head() -> None:
    svg, _ = meeting_svg({"east": (2, "lead"), "west": (3, "member"), "hostland": (1, "host")})
    (table,) = svg.select("rect.picture__table")
    sides = boxes(svg, "picture__side")
    assert sorted(label for _, _, label in sides) == ["East", "West"]
    above, below = sorted(sides, key=lambda box: box[1])
    assert above[1] < float(table["y"]) < below[1]
    ((x, y, label),) = boxes(svg, "picture__between")
    assert label == "Hostland, hosting" and float(table["y"]) <= y and x < pictures.WIDTH / 2
    title = svg.find("title").get_text()
    assert (
        title
        == "Who sat at the table at The round: East, 2 people; Hostland (hosting, between the sides), 1 person; West, 3 people"
    )
    assert svg["role"] == "img"


def test_more_than_two_sides_sit_around_the_table_by_name_and_each_box_lists_what_it_has_room_for() -> None:
    svg, text = meeting_svg({"east": (9, "member"), "north": (1, "lead"), "south": (1, "lead"), "west": (1, "lead")})
    sides = sorted(boxes(svg, "picture__side"))
    top_y = min(y for _, y, _ in sides)
    top = [label for _, y, label in sides if y == top_y]
    bottom = [label for _, y, label in sides if y != top_y]
    # Clockwise from the top left, by name: East and North along the top, South and West back along the bottom.
    assert (top, bottom[::-1]) == (["East", "North"], ["South", "West"])
    assert "clockwise around the table in the order of their names, not by alignment" in text
    texts = [text.get_text() for text in svg.find_all("text")]
    assert sum(text.startswith("East person") for text in texts) == pictures.BOX_NAMES
    assert f"and {9 - pictures.BOX_NAMES} more" in texts


def test_a_meeting_of_many_sides_draws_some_and_says_how_many() -> None:
    svg, text = meeting_svg({f"side{chr(97 + n)}": (1, "lead") for n in range(9)})
    assert len(svg.select("rect.picture__side")) == pictures.PICTURE_SIDES
    assert "The picture shows 6 of the 9 sides." in text
    assert "Sides, not seats: the sources give no seating order." in text
    assert svg.find("title").get_text().count("1 person") == 9


# --- a question's status ------------------------------------------------------------------------


def history(*entries: tuple[str, str]) -> list[StatusChange]:
    return [
        StatusChange(
            status=status, as_of=datetime.date.fromisoformat(day), text="x", cite=[{"source": "s", "quote": "q"}]
        )  # type: ignore[arg-type, list-item]
        for status, day in entries
    ]


def test_the_status_strip_gives_each_status_its_share_of_the_time() -> None:
    steps = history(("open", "2025-01-01"), ("partly-answered", "2025-01-31"), ("answered", "2025-03-02"))
    svg = svg_of(pictures.status_strip(steps, datetime.date(2025, 4, 1)))
    segments = svg.select("rect.picture__status")
    assert [segment["class"][1] for segment in segments] == [
        "status--open",
        "status--partly-answered",
        "status--answered",
    ]
    widths = [float(segment["width"]) for segment in segments]
    assert widths[0] == pytest.approx(widths[1], rel=0.01) == pytest.approx(widths[2], rel=0.01)
    assert sum(widths) == pytest.approx(pictures.WIDTH - 2 * pictures.MARGIN, abs=0.5)
    name = svg.find("title").get_text()
    assert name == (
        "The question's status over time: open from 1 January 2025; then partly answered from 31 January 2025; "
        "then answered from 2 March 2025; as of 1 April 2025"
    )


@pytest.mark.parametrize(
    ("entries", "trend", "name"),
    [
        ((("open", "2025-01-01"),), "first", "First status on record, from 1 January 2025"),
        (
            (("open", "2025-01-01"), ("partly-answered", "2025-02-01")),
            "toward",
            "Toward an answer: open before 1 February 2025",
        ),
        (
            (("answered", "2025-01-01"), ("open", "2025-02-01")),
            "away",
            "Away from an answer: answered before 1 February 2025",
        ),
        ((("open", "2025-01-01"), ("open", "2025-02-01")), "same", "No change: open before 1 February 2025"),
    ],
)
def test_the_trend_mark_says_which_way_the_last_change_went(
    entries: tuple[tuple[str, str], ...], trend: str, name: str
) -> None:
    svg = svg_of(pictures.trend_mark(history(*entries)))
    assert svg["class"] == ["trend", f"trend--{trend}"]
    assert svg.title.get_text() == name


def test_the_current_status_and_its_date_are_named_even_when_its_segment_is_thin() -> None:
    steps = history(("open", "2025-02-28"), ("answered", "2025-03-14"))
    svg = svg_of(pictures.status_strip(steps, datetime.date(2025, 3, 14)))
    labels = {text.get_text(): text["text-anchor"] for text in svg.find_all("text")}
    assert labels == {"Open": "start", "Answered": "end", "28 February 2025": "start", "14 March 2025": "end"}

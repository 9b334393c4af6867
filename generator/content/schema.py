"""The declared fields of every content kind: one line and one description each.

These pydantic models are the single truth for what a content file may hold.
The validator checks raw records against them, and (later) the JSON Schemas
and the maintainer's guide are generated from the same declarations.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# No whitespace, quotes, brackets or backslashes: a URL that passes can sit in a
# Markdown link or an HTML attribute without any way to break out of it.
URL_PATTERN = r"^https?://[^\s<>()\[\]{}\"'`\\|^]+$"
FILE_NAME_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9._-]*$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
ANCHOR_PATTERN = r"^f-[a-z0-9]+(?:-[a-z0-9]+)*$"


@dataclass(frozen=True)
class RefTo:
    """Marks an id field as a reference to an entity of `kind`, checked after parsing."""

    kind: str


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
SourceRef = Annotated[Id, RefTo("sources")]
ParticipantRef = Annotated[Id, RefTo("participants")]
GoalRef = Annotated[Id, RefTo("goals")]
# Some character other than whitespace; U+001C-U+001F count as whitespace, as Python's str.split() has it,
# so no text that passes can render blank.
TEXT_PATTERN = r"[^\s\x1c-\x1f]"
Text = Annotated[str, StringConstraints(min_length=1, pattern=TEXT_PATTERN)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
Status = Literal["open", "partly-answered", "answered"]
ParticipantKind = Literal["person", "organisation", "country", "delegation"]
Capacity = Literal["lead", "member", "host", "mediator", "observer"]


CORRECTIONS = (
    "Corrections to this entry after it was published, oldest first: shown on its page, on the Corrections page "
    "and in the feed."
)


class Record(BaseModel):
    """Base of every declared shape: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Correction(Record):
    """A published fact found wrong: what changed, why, and when, on the record."""

    date: datetime.date = Field(description="Date (YYYY-MM-DD) of the correction.")
    fact: Annotated[str, StringConstraints(pattern=ANCHOR_PATTERN)] | None = Field(
        default=None,
        description="The anchor (f-...) the corrected fact had on this page: a fact still there is marked "
        "corrected, and a removed fact's old links land on this note.",
        json_schema_extra={"examples": ["f-1a2b3c4d"]},
    )
    change: Text = Field(
        description="What changed, e.g. what the page said before and says now, in words of your own: "
        "no quotation marks (put the earlier words in 'earlier')."
    )
    earlier: Text | None = Field(
        default=None,
        description="The fact's earlier words the change replaced, verbatim: the page shows them in quotation "
        "marks as the briefing's own earlier wording.",
    )
    reason: Text = Field(description="Why: what the source says, or what was wrong (no quotation marks).")


class Citation(Record):
    """Where a fact's words come from: a source and the exact words quoted from it."""

    source: SourceRef = Field(description="Id of the source document, the file stem under content/sources/.")
    quote: Text = Field(
        description="The source's exact words. Whitespace, curly quotes and dashes are forgiven, "
        "letter case is not; '...' joins fragments that appear in this order."
    )
    occurrence: int | None = Field(
        default=None,
        ge=1,
        description="Which occurrence of the quote is meant (1 = first) when the words appear "
        "more than once in the source.",
    )


class Unquoted(Record):
    """A fact's details that its quotes do not hold, kept on purpose, with the reason a reader is shown."""

    details: list[Text] = Field(
        min_length=1, description="The numbers, dates or names, exactly as `briefing check` reports them."
    )
    reason: Text = Field(description="Why the fact may state them, in a sentence a reader can check.")


class Archive(Record):
    """A copy of a source kept by an archive, for when the original moves or changes."""

    url: Url = Field(description="Where the archived copy is (http or https).")
    date: datetime.date = Field(description="Date (YYYY-MM-DD) the copy was made.")


class Fact(Record):
    """A statement in neutral words, backed by at least one citation."""

    text: Text = Field(description="The fact in neutral words, as plain text (no HTML or Markdown).")
    cite: list[Citation] = Field(min_length=1, description="At least one citation backing the text.")
    said_by: ParticipantRef | None = Field(
        default=None,
        description="Participant id when the text is that participant's claim: the text names them in reported "
        'speech ("Rubio said ..."), and puts in quotation marks only words the source itself quotes.',
    )
    id: Id | None = Field(
        default=None,
        description="The fact's anchor on its page, for the rare fact whose first quote starts where another "
        "fact's on the same page does; otherwise the anchor is worked out from that quote.",
    )
    contests: Id | None = Field(
        default=None,
        description="The `id` of a fact in the same list whose claim this one disputes; both are attributed "
        "with said_by. Claims linked so, any number and chained, are one disagreement, which the page shows "
        "without taking a side.",
    )
    unquoted: Unquoted | None = Field(
        default=None,
        description="For the rare fact that rightly states a number, date or name its quotes lack: "
        "those details and why; the export shows them.",
    )


class Attendance(Record):
    """One participant's place at a meeting, cited like a fact: at the table in some capacity, or absent."""

    # Mirrors _capacity_unless_absent below for editors: a capacity, or absent: true, never both.
    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {
                    "required": ["capacity"],
                    "properties": {"capacity": {"not": {"type": "null"}}, "absent": {"const": False}},
                },
                {"required": ["absent"], "properties": {"absent": {"const": True}, "capacity": {"type": "null"}}},
            ]
        }
    )

    participant: ParticipantRef = Field(description="Id of the participant.")
    capacity: Capacity | None = Field(
        default=None,
        description="Their part in the meeting: lead, member, host, mediator or observer; "
        "required unless the entry is absent.",
    )
    absent: bool = Field(
        default=False,
        strict=True,
        description="true when the cited source says the participant was not there; "
        "someone not listed is simply not known to have attended.",
    )
    cite: list[Citation] = Field(min_length=1, description="At least one citation: the source's words on it.")

    @property
    def standing(self) -> str:
        """How the meeting had the participant: their capacity, or 'absent'."""
        return "absent" if self.absent else str(self.capacity)

    @model_validator(mode="after")
    def _capacity_unless_absent(self) -> Attendance:
        if self.absent and self.capacity is not None:
            raise ValueError("an absent participant has no capacity at the meeting: remove 'capacity' or 'absent'")
        if not self.absent and self.capacity is None:
            raise ValueError(
                "give the participant's 'capacity' (lead, member, host, mediator or observer), or 'absent: true'"
            )
        return self


#: The records a page cites: each is resolved to its passages and anchored on its page.
CITED: tuple[type[Record], ...] = (Fact, Attendance)


class StatusChange(Fact):
    """A question's status from a given date on: a cited fact with the status and its date."""

    status: Status = Field(description="Status of the question from this date on.")
    as_of: datetime.date = Field(description="Date (YYYY-MM-DD) from which this status holds.")


class EventDate(Record):
    """When an event happened, only as precisely as the source supports: exactly one of day, month or year."""

    # Mirrors _exactly_one_precision below for editors: exactly one of the three is given and not null.
    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"required": [name], "properties": {name: {"not": {"type": "null"}}}}
                for name in ("day", "month", "year")
            ]
        }
    )

    day: datetime.date | None = Field(default=None, description="The exact day, YYYY-MM-DD.")
    month: Annotated[str, StringConstraints(pattern=MONTH_PATTERN)] | None = Field(
        default=None, description="Only the month is known: YYYY-MM.", json_schema_extra={"examples": ["2022-02"]}
    )
    year: int | None = Field(default=None, ge=1, le=9999, description="Only the year is known.")
    qualifier: Literal["before", "after"] | None = Field(
        default=None, description="The event happened before or after the given date, not on it."
    )
    basis: Text | None = Field(
        default=None,
        description="How the date was worked out from the source, e.g. a weekday resolved "
        "against the publication date.",
    )

    @model_validator(mode="after")
    def _exactly_one_precision(self) -> EventDate:
        given = [name for name in ("day", "month", "year") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of 'day', 'month' or 'year'")
        return self


class EntityFile(Record):
    """What every entity's file shares: edits readers should hear about, corrections, and the ids it had before.

    Declared here once; every output lists these after the kind's own fields (fields.fields_of).
    """

    updated: datetime.date | None = Field(
        default=None,
        description="Date (YYYY-MM-DD) of an edit to this entry after it was published that readers should hear "
        "about; the feed lists it beside the editions, which need no date of yours.",
    )
    corrections: list[Correction] = Field(default_factory=list, description=CORRECTIONS)
    formerly: list[Id] = Field(
        default_factory=list,
        description="Ids this entry had before it was renamed; their old pages redirect to the new one.",
    )


class BriefingFile(Record):
    """content/briefing.yml: the site as a whole."""

    title: Text = Field(description="Title of the briefing, shown as the site's home page heading.")
    as_of: datetime.date | None = Field(
        default=None,
        description="Date (YYYY-MM-DD) up to which the briefing is current. Worked out when left out: the newest "
        "source's publication or status change; it may be set later than that, never earlier.",
    )
    summary: list[Fact] = Field(min_length=1, description="A short neutral summary, one cited fact per item.")
    corrections: list[Correction] = Field(default_factory=list, description=CORRECTIONS)


class SourceFile(EntityFile):
    """content/sources/ID.yml: one source document in seeds/."""

    title: Text = Field(description="A neutral title for the document, written by the maintainer.")
    published: datetime.date = Field(description="Publication date, YYYY-MM-DD.")
    file: Annotated[str, StringConstraints(pattern=FILE_NAME_PATTERN)] = Field(
        description="File name of the verbatim document in seeds/ (no folders)."
    )
    sha256: Annotated[str, StringConstraints(pattern=SHA256_PATTERN)] = Field(
        description="SHA-256 of the seed file as its citations were checked; `briefing pin ID` records it "
        "after a changed seed's citations have been re-verified."
    )
    publisher: Text | None = Field(default=None, description="Who published the document.")
    author: Text | None = Field(
        default=None, description="Who wrote the document, as it names them (several as one text)."
    )
    url: Url | None = Field(default=None, description="Where the original is published (http or https).")
    accessed: datetime.date | None = Field(
        default=None, description="Date (YYYY-MM-DD) the maintainer read the original at its URL."
    )
    archive: Archive | None = Field(default=None, description="An archived copy of the original, and its date.")
    headlines: list[Text] = Field(
        default_factory=list,
        description="Exact headlines or subheadings in the text; they may back only attributed facts.",
    )
    header: Text | None = Field(
        default=None,
        description="The document's own metadata at the start of its text, such as a date line, exactly as it "
        "begins the seed: shown apart, never citable, not counted in coverage.",
    )


class ParticipantFile(EntityFile):
    """content/participants/ID.yml: a person, organisation, country or delegation."""

    name: Text = Field(description="Name as the sources give it.")
    kind: ParticipantKind = Field(description="person, organisation, country or delegation.")
    role: Text | None = Field(default=None, description="Role or title at the time, as the sources give it.")
    member_of: list[ParticipantRef] = Field(
        default_factory=list, description="Ids of participants this one belongs to or represents."
    )
    url: Url | None = Field(default=None, description="An official page (http or https).")
    facts: list[Fact] = Field(default_factory=list, description="Cited facts about this participant.")


class GoalFile(EntityFile):
    """content/goals/ID.yml: something the parties said they are working toward."""

    title: Text = Field(description="The goal in a few neutral words.")
    parties: list[ParticipantRef] = Field(min_length=1, description="Ids of the participants committed to the goal.")
    facts: list[Fact] = Field(min_length=1, description="Cited facts stating and describing the goal.")


class QuestionFile(EntityFile):
    """content/questions/ID.yml: a question the sources leave open, with its status over time."""

    question: Text = Field(description="The open question, phrased as a question.")
    why_it_matters: Fact = Field(description="Why the answer matters, as a cited fact.")
    participants: list[ParticipantRef] = Field(min_length=1, description="Ids of the participants involved.")
    goals: list[GoalRef] = Field(default_factory=list, description="Ids of related goals.")
    history: list[StatusChange] = Field(
        min_length=1,
        description="Status changes, oldest first, each cited; the last one is the current status.",
    )
    facts: list[Fact] = Field(default_factory=list, description="Further cited facts on the question.")
    reviewed: datetime.date | None = Field(
        default=None,
        description="Date (YYYY-MM-DD) a maintainer last read the newer sources for an answer; "
        "`briefing review` lists the question again only when a source newer than this arrives.",
    )


class EventFile(EntityFile):
    """content/events/ID.yml: a dated event for the timeline."""

    title: Text = Field(description="What happened, in a few neutral words.")
    date: EventDate = Field(description="When, only as precisely as the source supports.")
    location: Text | None = Field(default=None, description="Where it happened.")
    participants: list[ParticipantRef] = Field(default_factory=list, description="Ids of the participants involved.")
    attendance: list[Attendance] = Field(
        default_factory=list,
        description="Who was at the meeting, in what capacity, and who a source says was absent; "
        "an event with attendance is a meeting.",
    )
    facts: list[Fact] = Field(min_length=1, description="Cited facts describing the event.")

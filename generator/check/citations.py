"""Quotes found in their sources: each citation resolved to its passages, each fact given its anchor."""

from __future__ import annotations

import datetime
import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..content import schema
from ..content.fields import Location, cited_items
from ..content.model import CitedFact, Passage, anchor_of_id
from ..content.schema import Fact, Record
from ..content.texts import QuoteMatch, Span, header_bounds
from ..errors import Problem
from ..read.cache import ContentCache
from ..read.records import RawRecord
from .messages import at, did_you_mean, shown
from .quotes import SourceText

Checked = tuple[RawRecord, Record]
"""A file that passed its schema: its raw record and its validated data."""


@dataclass
class Source:
    text: SourceText
    sha256: str
    published: datetime.date
    cache: ContentCache | None = None
    changed: bool = False
    """The seed's text no longer has the SHA-256 its citations were checked against."""
    headlines: list[tuple[int, int, str]] = field(default_factory=list)
    """(start, end, headline) of each passage the source marks as a headline."""
    header_end: int = 0
    """Where the document's words begin: the end of the header the source declares, if any."""

    def find(self, quote: str) -> list[QuoteMatch]:
        """Every occurrence of the quote; from the cache when this seed's text held it before."""
        if self.cache is None:
            return self.text.find(quote)
        matches = self.cache.quote(self.sha256, quote)
        if matches is None:
            matches = self.text.find(quote)
            if matches:  # a quote not found is looked at again, for the closest passage
                self.cache.keep_quote(self.sha256, quote, matches)
        return matches


def seed_sha256(text: str) -> str:
    """SHA-256 of a seed's text as UTF-8: what a source records, and `briefing pin` writes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_texts(
    checked: list[Checked], seeds: dict[str, str], problems: list[Problem], cache: ContentCache | None
) -> dict[str, Source]:
    sources = {}
    unreadable = {problem.path for problem in problems}
    for record, data in checked:
        if not isinstance(data, schema.SourceFile):
            continue
        if PurePosixPath("seeds", data.file) in unreadable:
            continue  # the seed is there but could not be read, and that is reported already
        if data.file not in seeds:
            message = f"seed file '{data.file}' not found in seeds/{did_you_mean(data.file, sorted(seeds))}"
            problems.append(at(record, ("file",), "missing-seed", message))
            continue
        text = seeds[data.file]
        digest = seed_sha256(text)
        source = Source(SourceText(text), digest, data.published, cache, changed=digest != data.sha256)
        sources[record.id] = source
        if data.header is not None:
            source.header_end = _header_end(record, data, text, problems)
        if source.changed:
            message = (
                f"seeds/{data.file} has changed since its citations were checked (sha256 recorded "
                f"{data.sha256[:12]}..., now {digest[:12]}...); re-verify each citation of "
                f"'{record.id}' reported with this, then run `briefing pin {record.id}`"
            )
            problems.append(at(record, ("sha256",), "seed-changed", message))
        for index, headline in enumerate(data.headlines):
            matches = source.find(headline)
            if not matches:
                problems.append(
                    at(
                        record,
                        ("headlines", index),
                        "quote-not-found",
                        f"headline {shown(headline)} not found in seeds/{data.file}",
                    )
                )
            source.headlines.extend((*match.spans[0], headline) for match in matches)
    return sources


def _header_end(record: RawRecord, data: schema.SourceFile, text: str, problems: list[Problem]) -> int:
    bounds = header_bounds(text, data.header)
    if bounds is None:
        begins = " ".join(text.split()[:6])
        message = f"'header' must be how seeds/{data.file} begins, word for word; it begins {shown(begins)}"
        problems.append(at(record, ("header",), "header-not-found", message))
        return 0
    return bounds[1]


def fact_anchor(fact: Fact, first: Passage, field_name: str) -> str:
    """A fact's id on its page, from what never moves: its explicit `id`, or its field and where its first quote begins.

    Seeds never change (their hash is pinned), so a fact keeps its anchor in
    every edition, whatever facts come before it. The field keeps apart, say, a
    question's reason and its status when both quote the same sentence.
    """
    if fact.id:
        return anchor_of_id(fact.id)
    where = f"{first.source}:{first.spans[0][0]}:{field_name}"
    digest = hashlib.blake2b(where.encode(), digest_size=4).hexdigest()
    return f"f-{digest}"


def resolve_facts(
    record: RawRecord, data: Record, sources: dict[str, Source], problems: list[Problem]
) -> tuple[tuple[CitedFact[Fact], ...], tuple[CitedFact[schema.Attendance], ...]]:
    """The record's facts and its attendance entries, each with its passages and anchor."""
    resolved: list[CitedFact[Fact]] = []
    attendance: list[CitedFact[schema.Attendance]] = []
    anchors: dict[str, Location] = {}
    number = 0
    for location, item in cited_items(data):
        passages = []
        for index, citation in enumerate(item.cite):
            passage = _resolve_citation(record, (*location, "cite", index), citation, item, sources, problems)
            if passage:
                passages.append(passage)
        if len(passages) < len(item.cite):
            continue  # its unresolved quote is reported; without it, the fact has no anchor to check
        if isinstance(item, schema.Attendance):
            attendance.append(CitedFact(f"a-{item.participant}", location, item, tuple(passages)))
            continue
        number += 1
        anchor = fact_anchor(item, passages[0], str(location[0]))
        if anchor in anchors:
            _same_anchor(record, location, anchors[anchor], item, problems)
        anchors.setdefault(anchor, location)
        resolved.append(CitedFact(anchor, location, item, tuple(passages), f"fact-{number}"))
    return tuple(resolved), tuple(attendance)


def _same_anchor(record: RawRecord, location: Location, first: Location, fact: Fact, problems: list[Problem]) -> None:
    line, _ = record.position(first)
    if fact.id:
        message = f"id '{fact.id}' is already the id of the fact at line {line}; give each fact its own"
        problems.append(at(record, (*location, "id"), "duplicate-id", message))
        return
    message = (
        f"this fact's first quote starts where the first quote of the fact at line {line} does, so both would "
        "have the same anchor; give one of them an 'id:' (lowercase letters, digits and hyphens)"
    )
    problems.append(at(record, location, "duplicate-anchor", message))


def _resolve_citation(
    record: RawRecord,
    location: Location,
    citation: schema.Citation,
    fact: Fact | schema.Attendance,
    sources: dict[str, Source],
    problems: list[Problem],
) -> Passage | None:
    found = sources.get(citation.source)
    if found is None:
        return None  # the unknown source or its missing seed is reported already
    source = found.text
    if found.changed:
        message = f"cites '{citation.source}', whose seed has changed: re-verify this quote against it"
        problems.append(at(record, (*location, "quote"), "recheck-citation", message))
    matches = found.find(citation.quote)
    if len(matches) == 1 and citation.occurrence is None:  # by far the commonest case
        spans: tuple[Span, ...] | None = matches[0].spans
    else:
        spans = _chosen_occurrence(record, location, citation, matches, source, problems)
    if spans is None:
        return None
    if spans[0][0] < found.header_end:
        message = (
            f"quote is from the header of source '{citation.source}' (its own metadata, such as a date line), "
            "not the document's words; cite the text after it"
        )
        problems.append(at(record, (*location, "quote"), "header-cited", message))
        return None
    said_by = fact.said_by if isinstance(fact, Fact) else None
    if said_by is None and found.headlines and (headline := _headline_at(spans, found.headlines)):
        problems.append(
            at(
                record,
                (*location, "quote"),
                "headline-cited",
                f"quote is from the headline {shown(headline)}, which cannot back a fact in the briefing's own voice; cite the article's text, or attribute the claim with 'said_by'",
            )
        )
        return None
    return Passage(citation.source, spans)


def _chosen_occurrence(
    record: RawRecord,
    location: Location,
    citation: schema.Citation,
    matches: list[QuoteMatch],
    source: SourceText,
    problems: list[Problem],
) -> tuple[Span, ...] | None:
    """The spans of the occurrence the citation picks, or None (with a problem) if it picks none."""
    where = (*location, "quote")
    if not matches:
        closest = source.closest_passage(citation.quote)
        hint = (
            f"; the closest passage is {_shown_passage(closest)}{_words_that_differ(citation.quote, closest)}"
            if closest
            else ""
        )
        problems.append(at(record, where, "quote-not-found", f"quote not found in source '{citation.source}'{hint}"))
        return None
    if citation.occurrence is None and len(matches) > 1:
        problems.append(
            at(
                record,
                where,
                "ambiguous-quote",
                f"quote occurs {len(matches)} times in source '{citation.source}'; quote more words or add 'occurrence: N' (1 to {len(matches)})",
            )
        )
        return None
    occurrence = citation.occurrence or 1
    if occurrence > len(matches):
        problems.append(
            at(
                record,
                (*location, "occurrence"),
                "invalid-value",
                f"'occurrence' is {occurrence} but the quote occurs {len(matches)} time(s)",
            )
        )
        return None
    return matches[occurrence - 1].spans


def _shown_passage(text: str) -> str:
    """The passage as a YAML double-quoted string: pasted after `quote: `, it is found.

    A literal '...' in the source stays as it is: in a quote it joins fragments in order, so the quote still matches.
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _bare(words: list[str]) -> list[str]:
    return [word.strip(".,;:!?\"'()") for word in words]


def _words_that_differ(quote: str, passage: str) -> str:
    """Where the quote's words part from the passage's: "; the source has 'toward a' where the quote has 'towards'"."""
    said, found = quote.split(), passage.split()
    changes = []
    # Compared without the punctuation around words: a quote may end before the passage's full stop.
    matcher = difflib.SequenceMatcher(a=_bare(said), b=_bare(found), autojunk=False)
    for tag, start, end, other_start, other_end in matcher.get_opcodes():
        theirs, ours = repr(" ".join(found[other_start:other_end])), repr(" ".join(said[start:end]))
        if tag == "replace":
            changes.append(f"{theirs} where the quote has {ours}")
        elif tag == "insert":
            changes.append(f"{theirs} where the quote has nothing")
        elif tag == "delete" and other_start < len(found):  # past the passage's end, its words are not shown
            changes.append(f"nothing where the quote has {ours}")
    return f"; the source has {', and '.join(changes[:3])}" if changes else ""


def _headline_at(spans: tuple[tuple[int, int], ...], headlines: list[tuple[int, int, str]]) -> str | None:
    for start, end in spans:
        for head_start, head_end, headline in headlines:
            if start < head_end and head_start < end:
                return headline
    return None

"""How much of each source the briefing cites, and which sentences no fact cites yet.

Pure: it reads a validated Briefing and returns frozen data and text, so the
`briefing coverage` command stays a thin adapter and tests need no files.
Sentences are found with a small rule set rather than a language model: a
maintainer must be able to predict where a sentence ends, and the same text
must always give the same report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..check.quotes import normalise
from ..content.kinds import SOURCES
from ..content.model import Briefing, Entity
from ..content.schema import SourceFile
from ..content.texts import Span, without_header

__all__ = [
    "Coverage",
    "Sentence",
    "SourceCoverage",
    "format_coverage",
    "format_shortfall",
    "measure_coverage",
    "split_sentences",
]

# A blank line, however many: the paragraph break of a plain-text seed.
_BLANK_LINE = re.compile(r"\n\s*\n")
# Terminal punctuation, any closing quotes or brackets, then whitespace; the
# lookahead captures the next character so the caller can ask whether it opens a sentence.
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+(\S))")
_OPENERS = frozenset("\"'\u201c\u2018([")
# Runs of single capitals with periods ("U.", "U.S.", "J.") are initials, not sentence ends.
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
# Case matters: "No." and "Mar." abbreviate, while "no." and "mar." end a sentence.
_TITLES = frozenset({"Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Prof.", "Gen.", "Sen.", "Rep.", "Gov.", "Col.", "Lt."})
_MONTHS = frozenset({"Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec."})
_OTHERS = frozenset({"Sgt.", "Capt.", "Jr.", "Sr.", "No.", "vs.", "e.g.", "i.e.", "cf.", "approx."})
_ABBREVIATIONS = _TITLES | _MONTHS | _OTHERS
_LEADING_PUNCTUATION = "\"'\u201c\u2018(["


@dataclass(frozen=True)
class Sentence:
    """One sentence of a source, as the coverage report counts it."""

    span: Span
    """Character offsets [start, end) in the source text, surrounding whitespace excluded."""
    text: str
    """The sentence with its whitespace collapsed, as the report shows it."""
    cited: bool
    """Whether any citation's span overlaps the sentence, even by one word."""
    headline: bool
    """Whether the source marks it (or its whole paragraph) as a headline: then it is not counted."""


@dataclass(frozen=True)
class SourceCoverage:
    """One source's sentences and which of them the briefing cites."""

    id: str
    title: str
    sentences: tuple[Sentence, ...]

    @property
    def counted(self) -> tuple[Sentence, ...]:
        """The sentences the share is taken of: every sentence but the marked headlines."""
        return tuple(sentence for sentence in self.sentences if not sentence.headline)

    @property
    def cited(self) -> tuple[Sentence, ...]:
        return tuple(sentence for sentence in self.counted if sentence.cited)

    @property
    def uncited(self) -> tuple[Sentence, ...]:
        """What the briefing has not covered yet: the maintainer's to-do list."""
        return tuple(sentence for sentence in self.counted if not sentence.cited)

    @property
    def headlines(self) -> tuple[Sentence, ...]:
        return tuple(sentence for sentence in self.sentences if sentence.headline)

    @property
    def percent(self) -> float:
        return _percent(len(self.cited), len(self.counted))


@dataclass(frozen=True)
class Coverage:
    """Every source's coverage, and the overall share across all of them."""

    sources: tuple[SourceCoverage, ...]

    @property
    def counted(self) -> int:
        return sum(len(source.counted) for source in self.sources)

    @property
    def cited(self) -> int:
        return sum(len(source.cited) for source in self.sources)

    @property
    def headlines(self) -> int:
        return sum(len(source.headlines) for source in self.sources)

    @property
    def percent(self) -> float:
        """Cited sentences over counted sentences of all sources pooled, so a long source weighs more."""
        return _percent(self.cited, self.counted)

    def below(self, threshold: float) -> bool:
        """Whether the overall share is under `threshold` percent, compared exactly rather than rounded."""
        return self.cited * 100 < threshold * self.counted


def measure_coverage(briefing: Briefing) -> Coverage:
    """The coverage of every source of the briefing, in id order."""
    return Coverage(tuple(_source_coverage(briefing, entity) for entity in briefing.of_kind(SOURCES)))


def _source_coverage(briefing: Briefing, entity: Entity[SourceFile]) -> SourceCoverage:
    data = entity.data
    text = without_header(briefing.source_texts[entity.id], data.header)
    spans = [span for passage, _ in briefing.citings.get(entity.id, ()) for span in passage.spans]
    marked = {normalise(headline) for headline in data.headlines}
    sentences = tuple(
        Sentence(
            span=sentence,
            text=" ".join(_at(text, sentence).split()),
            cited=_overlaps(sentence, spans),
            headline=normalise(_at(text, sentence)) in marked or normalise(_at(text, paragraph)) in marked,
        )
        for sentence, paragraph in split_sentences(text)
    )
    return SourceCoverage(entity.id, data.title, sentences)


def _at(text: str, span: Span) -> str:
    return text[span[0] : span[1]]


def _overlaps(sentence: Span, spans: Iterable[Span]) -> bool:
    start, end = sentence
    return any(span_start < end and start < span_end for span_start, span_end in spans)


def _percent(cited: int, counted: int) -> float:
    # Nothing to cite leaves nothing uncovered: a source of headlines only is complete.
    return 100.0 * cited / counted if counted else 100.0


# --- sentences ------------------------------------------------------------------------------


def split_sentences(text: str) -> list[tuple[Span, Span]]:
    """(sentence span, paragraph span) of every sentence, in order; blank lines end paragraphs."""
    found = []
    for paragraph in _paragraphs(text):
        for sentence in _sentences(text, paragraph):
            trimmed = _trimmed(text, sentence)
            if trimmed is not None:
                found.append((trimmed, paragraph))
    return found


def _paragraphs(text: str) -> Iterator[Span]:
    start = 0
    for gap in _BLANK_LINE.finditer(text):
        yield start, gap.start()
        start = gap.end()
    yield start, len(text)


def _sentences(text: str, paragraph: Span) -> Iterator[Span]:
    start, end = paragraph
    for found in _SENTENCE_END.finditer(text, start, end):
        if _opens_sentence(found.group(1)) and not _abbreviation(text, start, found.start()):
            yield start, found.end()
            start = found.end()
    yield start, end


def _opens_sentence(char: str) -> bool:
    return char.isupper() or char in _OPENERS


def _abbreviation(text: str, paragraph_start: int, stop: int) -> bool:
    """Whether the period at `stop` closes an abbreviation or initials rather than a sentence."""
    if text[stop] != ".":
        return False
    word_start = max(text.rfind(space, paragraph_start, stop) for space in " \t\n\r") + 1
    word = text[max(word_start, paragraph_start) : stop + 1].lstrip(_LEADING_PUNCTUATION)
    return word in _ABBREVIATIONS or _INITIALS.fullmatch(word) is not None


def _trimmed(text: str, span: Span) -> Span | None:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


# --- the report -----------------------------------------------------------------------------


def format_coverage(coverage: Coverage) -> str:
    """The report a maintainer reads: per source a count and its uncited sentences, then the total."""
    lines: list[str] = []
    for source in coverage.sources:
        lines.append(f"{source.id}: {_counts(len(source.cited), len(source.counted), len(source.headlines))}")
        lines.extend(f'    "{sentence.text}"' for sentence in source.uncited)
    where = f" in {_plural(len(coverage.sources), 'source')}"
    lines.append(f"total: {_counts(coverage.cited, coverage.counted, coverage.headlines, where)}")
    return "\n".join(lines)


def format_shortfall(coverage: Coverage, threshold: float) -> str:
    """Why `--fail-under` failed, with the exact counts so a rounded percentage cannot mislead."""
    shown = _shown_percent(coverage.cited, coverage.counted)
    return f"coverage {coverage.cited} of {coverage.counted} sentences ({shown}) is below --fail-under {threshold:g}%"


def _counts(cited: int, counted: int, headlines: int, where: str = "") -> str:
    text = f"{cited} of {_plural(counted, 'sentence')} cited{where} ({_shown_percent(cited, counted)})"
    return text + (f"; {_plural(headlines, 'headline')} not counted" if headlines else "")


def _shown_percent(cited: int, counted: int) -> str:
    """One decimal, but never 100.0% while a sentence is uncited, nor 0.0% once one is cited."""
    shown = f"{_percent(cited, counted):.1f}"
    if shown == "100.0" and cited < counted:
        shown = "99.9"
    elif shown == "0.0" and cited > 0:
        shown = "0.1"
    return f"{shown}%"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"

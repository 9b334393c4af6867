"""Words in the right mouths: a claim names its speaker, and quotation marks hold only words the source quotes.

The site shows every text as written and adds no quotation marks of its own, so these checks are what
keeps a paraphrase from reading as someone's exact words.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ..content.model import CitedFact, Passage
from ..content.schema import Correction, Fact
from ..errors import Problem
from ..read.records import RawRecord
from .citations import Source
from .details import Aliases, tokens
from .quotes import fold

#: A span in double quotation marks, curly or straight.
QUOTED = re.compile('["\u201c\u201d]([^"\u201c\u201d\n]+)["\u201c\u201d]')
#: What a quotation may end with in one text and not the other: "constructive." quotes "constructive".
_TRAILING = ",.;: "


def check_speaker_named(
    record: RawRecord, facts: tuple[CitedFact[Fact], ...], names: dict[str, str], aliases: Aliases
) -> list[Problem]:
    """A participant's claim names its speaker: by full name, surname or an alias, in reported speech."""
    problems = []
    for cited in facts:
        speaker = cited.fact.said_by
        name = names.get(speaker) if speaker else None
        # A name of no words (punctuation only) cannot be looked for.
        if name is None or not (candidates := speaker_names(name, aliases)):
            continue
        if _names_one_of(cited.fact.text, candidates):
            continue
        line, col = record.position((*cited.location, "text"))
        surname = name.split()[-1]
        message = (
            f"this claim is said_by '{speaker}' but its text does not name them; the site shows the text as "
            f"written, without quotation marks, so write it as reported speech that names the speaker "
            f'("{surname} said that ..."), by their name, surname or an alias in site_config/aliases.txt'
        )
        problems.append(Problem(record.path, line, col, "speaker-unnamed", message))
    return problems


def speaker_names(name: str, aliases: Aliases) -> list[tuple[str, ...]]:
    """The lowered words of each way a text may name a speaker: the name, its last word, its aliases."""
    key = _key(name)
    found = [key, key[-1:]]
    group = aliases.phrases.get(key)
    if group is not None:
        found += aliases.members[group]
    return [words for words in found if words]


def _names_one_of(text: str, candidates: list[tuple[str, ...]]) -> bool:
    words = _key(text)
    return any(
        words[start : start + len(candidate)] == candidate
        for candidate in candidates
        for start in range(len(words) - len(candidate) + 1)
    )


def _key(text: str) -> tuple[str, ...]:
    return tuple(token.text.lower().removesuffix("'s") for token in tokens(text))


def check_quotation_marks(
    record: RawRecord, facts: tuple[CitedFact[Fact], ...], sources: dict[str, Source]
) -> list[Problem]:
    """Words a fact puts in quotation marks are word for word inside the source's own, in a cited passage."""
    problems = []
    for cited in facts:
        if not (given := quotations_in(cited.fact.text)):
            continue
        quoted = [words for passage in cited.passages for words in source_quotations(passage, sources)]
        for words in given:
            if not any(_holds(region, words) for region in quoted):
                line, col = record.position((*cited.location, "text"))
                problems.append(Problem(record.path, line, col, "not-their-words", _misquoted(words, quoted)))
    return problems


def check_title_quotation_marks(
    record: RawRecord, title_field: str, title: str, facts: tuple[CitedFact[Fact], ...], sources: dict[str, Source]
) -> list[Problem]:
    """Words a page's title puts in quotation marks are quoted as someone's in a passage the page cites."""
    if not (given := quotations_in(title)):
        return []
    quoted = [words for cited in facts for passage in cited.passages for words in source_quotations(passage, sources)]
    line, col = record.position((title_field,))
    return [
        Problem(record.path, line, col, "not-their-words", _misquoted(words, quoted, "passage this page cites"))
        for words in given
        if not any(_holds(region, words) for region in quoted)
    ]


def quotations_in(text: str) -> list[str]:
    """Each span a text puts in double quotation marks, curly or straight, normalised."""
    return [_normalised(fold(match.group(1))) for match in QUOTED.finditer(text)]


def source_quotations(passage: Passage, sources: dict[str, Source]) -> Iterator[str]:
    """The source's own quotations that a cited passage touches, normalised: the words it says someone said."""
    source = sources.get(passage.source)
    if source is None:
        return
    text = source.text.text
    for start, end in passage.spans:
        for region_start, region_end in quoted_regions(text, start, end):
            if region_start < end and start < region_end:
                yield _normalised(fold(text[region_start:region_end]))


def quoted_regions(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) in `text` of each quotation of the paragraphs that `text[start:end]` lies in."""
    # A paragraph ends at a blank line: a quotation may run over the line breaks of a wrapped text.
    first = text.rfind("\n\n", 0, start) + 1
    last = text.find("\n\n", end)
    paragraph = fold(text[first : len(text) if last == -1 else last])  # one character for one: offsets hold
    for region_start, region_end in _regions(paragraph, 0, len(paragraph)):
        yield first + region_start, first + region_end


def _regions(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans between paired quotation marks in one paragraph; an unclosed one runs to its end."""
    marks = [match.start() for match in re.finditer('"', text[start:end])]
    marks.append(end - start)
    for opening, closing in zip(marks[::2], marks[1::2], strict=False):
        yield start + opening + 1, start + closing


def _normalised(words: str) -> str:
    return " ".join(words.split()).strip(_TRAILING)


def _holds(region: str, words: str) -> bool:
    """Whether `words` stand in `region` as whole words."""
    start = region.find(words) if words else -1
    while start != -1:
        end = start + len(words)
        if not (_is_word_char(region, start - 1) or _is_word_char(region, end)):
            return True
        start = region.find(words, start + 1)
    return False


def _is_word_char(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


def _misquoted(words: str, quoted: list[str], where: str = "cited passage") -> str:
    message = f'"{words}" is in quotation marks, but no {where} quotes anyone saying it; quotation marks '
    message += "on the site mean a speaker's exact words, as the source itself quotes them"
    if not quoted:
        return message + "; the cited passages quote no one, so write it as reported speech, without them"
    listed = "; ".join(f'"{region}"' for region in dict.fromkeys(quoted))
    return message + f"; the cited passages quote: {listed}. Quote those words, or drop the quotation marks"


def check_correction_wording(
    record: RawRecord, corrections: list[Correction], sources: dict[str, Source]
) -> list[Problem]:
    """A correction puts in quotation marks only a speaker's words that a source quotes (in its reason, say);
    the briefing's own earlier words go in 'earlier', which the page labels as the briefing's."""
    problems = []
    for index, correction in enumerate(corrections):
        for field in ("change", "reason"):
            for words in quotations_in(getattr(correction, field)):
                if any(_holds(region, words) for region in _every_quotation(sources)):
                    continue
                line, col = record.position(("corrections", index, field))
                message = (
                    f"\"{words}\" is in quotation marks in a correction's '{field}', but no source quotes anyone "
                    "saying it; quotation marks on the site mean someone's exact words: put the fact's earlier "
                    "words in 'earlier:' (the page quotes them as the briefing's own), and write this field "
                    "without quotation marks"
                )
                problems.append(Problem(record.path, line, col, "correction-quotes", message))
    return problems


def _every_quotation(sources: dict[str, Source]) -> Iterator[str]:
    """Every quotation of every source, normalised: what a correction may quote. Corrections are few."""
    for source in sources.values():
        text = fold(source.text.text)
        starts = [0, *(match.end() for match in re.finditer("\n\n", text))]
        for start, end in itertools.pairwise([*starts, len(text)]):
            yield from (_normalised(text[left:right]) for left, right in _regions(text, start, end))

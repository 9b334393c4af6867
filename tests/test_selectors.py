"""Quotes other tools can find again: each exported passage carries the W3C Web Annotation selectors, and its
TextQuoteSelector alone finds the same passage in another copy of the article, its line breaks changed."""

from __future__ import annotations

import copy
import json
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import raw_content

from generator.check.citations import seed_sha256
from generator.check.validate import validate
from generator.data.export import export_briefing

#: What the W3C model means by "about 32 characters" of context, as the export gives it.
CONTEXT = 32


def rewrapped(text: str) -> str:
    """Another copy of the article: each paragraph's lines joined and broken again at 50 characters, CRLF."""
    paragraphs = re.split(r"\n\s*\n", text)
    return "\r\n\r\n".join(textwrap.fill(" ".join(paragraph.split()), 50) for paragraph in paragraphs)


def flattened(text: str) -> tuple[str, list[int]]:
    """The text with each run of whitespace as one space, and the index in `text` of each of its characters."""
    flat, where = [], []
    for match in re.finditer(r"\s+|\S", text):
        flat.append(" " if match.group().isspace() else match.group())
        where.append(match.start())
    return "".join(flat), where


def anchored(selector: dict[str, str], text: str) -> tuple[int, int]:
    """Where a TextQuoteSelector lands in `text`, as an annotation tool that forgives whitespace finds it: the
    occurrence of `exact` whose surroundings match `prefix` and `suffix` best."""
    flat, where = flattened(text)
    exact, prefix, suffix = (re.sub(r"\s+", " ", selector[key]) for key in ("exact", "prefix", "suffix"))
    candidates = [match.start() for match in re.finditer(re.escape(exact), flat)]
    assert candidates, selector["exact"]

    def score(start: int) -> int:
        before, after = flat[:start], flat[start + len(exact) :]
        return _common_suffix(before, prefix) + _common_prefix(after, suffix)

    start = max(candidates, key=score)
    return where[start], where[start + len(exact) - 1] + 1


def _common_prefix(a: str, b: str) -> int:
    return next((index for index, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _words_before(text: str, index: int) -> int:
    return len(text[:index].split())


@pytest.fixture(scope="module")
def exported(real_site: Path) -> dict[str, Any]:
    return json.loads((real_site / "data/briefing.json").read_text(encoding="utf-8"))


def test_every_passage_carries_both_selectors_as_the_w3c_model_defines_them(exported: dict[str, Any]) -> None:
    texts = {source["id"]: source["text"] for source in exported["sources"]}
    found = [(citation["source"], passage) for citation in _citations(exported) for passage in citation["passages"]]
    assert len(found) > 100
    for source, passage in found:
        start, end, text = passage["start"], passage["end"], texts[source]
        quote, position = passage["selector"]
        assert position == {"type": "TextPositionSelector", "start": start, "end": end}
        assert quote == {
            "type": "TextQuoteSelector",
            "exact": text[start:end],
            "prefix": text[max(0, start - CONTEXT) : start],
            "suffix": text[end : end + CONTEXT],
        }


def test_words_that_occur_twice_re_anchor_to_the_occurrence_cited() -> None:
    """The real content cites no words its source holds twice; this source does, and its context decides."""
    seed = "Talks\n\nThe talks went on. Lind said the talks went on for\nsix hours.\n\nBerg said the talks went on.\n"
    files = {
        "briefing.yml": "title: T\nas_of: 2030-03-05\nsummary:\n  - {text: The talks went on., "
        "cite: [{source: s, quote: the talks went on, occurrence: 2}]}\n",
        "sources/s.yml": f"title: S\npublished: 2030-03-05\nfile: s.txt\nsha256: '{seed_sha256(seed)}'\n",
    }
    briefing, problems = validate(raw_content(files, {"s.txt": seed}))
    assert briefing is not None, problems
    (passage,) = export_briefing(briefing)["briefing"]["summary"][0]["cite"][0]["passages"]
    copy = rewrapped(seed)
    start, _ = anchored(passage["selector"][0], copy)
    cited = 16  # "Talks The talks went on. Lind said the talks went on for six hours. Berg said"
    assert _words_before(copy, start) == _words_before(seed, passage["start"]) == cited


def test_each_passage_re_anchors_from_its_quote_selector_alone_in_a_rewrapped_copy(exported: dict[str, Any]) -> None:
    """As a W3C tool would in another copy of the article: the passage found is the cited one, not another
    occurrence of the same words."""
    by_source = {source["id"]: source for source in exported["sources"]}
    for citation in _citations(exported):
        original = by_source[citation["source"]]["text"]
        copy = rewrapped(original)
        for passage in citation["passages"]:
            start, end = anchored(passage["selector"][0], copy)
            assert copy[start:end].split() == passage["text"].split()
            assert _words_before(copy, start) == _words_before(original, passage["start"]), passage["text"]


def _citations(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "source" in node and "passages" in node:
            yield node
        for value in node.values():
            yield from _citations(value)
    elif isinstance(node, list):
        for item in node:
            yield from _citations(item)


def test_the_export_schema_describes_the_selectors(exported: dict[str, Any], real_site: Path) -> None:
    schema = json.loads((real_site / "data/briefing.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(exported)
    exported = copy.deepcopy(exported)  # the module's other tests read it as built
    passage = next(iter(_citations(exported)))["passages"][0]
    for wrong in ({**passage["selector"][0], "type": "TextPositionSelector"}, {"type": "TextQuoteSelector"}):
        passage["selector"][0] = wrong
        assert not validator.is_valid(exported), wrong

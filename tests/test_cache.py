"""The cache between runs: a file is parsed and a quote searched for again only when its text changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import load, quotes
from generator.cache import MISSING, SAVE_EVERY, ContentCache, cache_dir, text_digest
from generator.load import load_content
from generator.pipeline import Project
from generator.quotes import QuoteMatch
from generator.validate import validate


class Counted:
    """Counts the calls of a function it wraps."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> None:
        self.calls = 0
        original = getattr(owner, name)

        def counted(*args: object, **kwargs: object) -> object:
            self.calls += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)


def run_check(project: Project, file: Path) -> tuple[ContentCache, bool]:
    """One `check` as a new process would run it: a cache read from its file, then saved."""
    cache = ContentCache(file)
    raw = load_content(project.root, project.content_dir, project.seeds_dir, None, cache)
    briefing, problems = validate(raw, cache)
    cache.save()
    assert not problems, problems
    return cache, briefing is not None


def test_a_second_run_parses_and_searches_only_what_changed(
    sample_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, file = Project(sample_project), tmp_path / "cache.json"
    parses = Counted(monkeypatch, load, "parse_record")
    searches = Counted(monkeypatch, quotes.SourceText, "find")
    run_check(project, file)
    files = len(list((sample_project / "content").rglob("*.yml")))
    assert parses.calls == files and searches.calls > 0

    parses.calls = searches.calls = 0
    run_check(project, file)
    assert (parses.calls, searches.calls) == (0, 0)

    goal = sample_project / "content/goals/ceasefire.yml"
    goal.write_text(goal.read_text().replace("title: A ceasefire", "title: A lasting ceasefire"))
    run_check(project, file)
    assert (parses.calls, searches.calls) == (1, 0)


def test_cached_data_is_the_data_the_file_parses_to(sample_project: Path, tmp_path: Path) -> None:
    project, file = Project(sample_project), tmp_path / "cache.json"
    run_check(project, file)
    fresh = load_content(project.root, project.content_dir, project.seeds_dir)
    cached = load_content(project.root, project.content_dir, project.seeds_dir, None, ContentCache(file))
    assert [(r.path, r.data) for r in cached.records] == [(r.path, r.data) for r in fresh.records]


def test_a_changed_text_is_never_served_from_the_cache(tmp_path: Path) -> None:
    cache = ContentCache(tmp_path / "cache.json")
    cache.keep_parsed("content/goals/g.yml", "title: A\n", {"title": "A"})
    cache.keep_quote("seed", "the quote", [QuoteMatch(((3, 12),))])
    cache.save()
    again = ContentCache(tmp_path / "cache.json")
    assert again.parsed("content/goals/g.yml", "title: A\n") == {"title": "A"}
    assert again.parsed("content/goals/g.yml", "title: B\n") is MISSING
    assert again.parsed("content/goals/other.yml", "title: A\n") is MISSING
    assert again.quote("seed", "the quote") == [QuoteMatch(((3, 12),))]
    assert again.quote("other seed", "the quote") is None


def test_a_save_keeps_only_what_the_run_used(tmp_path: Path) -> None:
    file = tmp_path / "cache.json"
    cache = ContentCache(file)
    cache.keep_parsed("a.yml", "a: 1\n", {"a": 1})
    cache.keep_parsed("b.yml", "b: 1\n", {"b": 1})
    cache.save()
    later = ContentCache(file)
    assert later.parsed("a.yml", "a: 1\n") == {"a": 1}  # b.yml was deleted since
    later.save()
    assert list(json.loads(file.read_text())["files"]) == ["a.yml"]


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"version": "other", "files": {}, "quotes": {}}',
        "[1, 2]",
        '{"version": "%s", "files": {"a.yml": 5}, "quotes": {}}',
        '{"version": "%s", "files": {}, "quotes": {"s": {"q": [[[5, 2]]]}}}',
        '{"version": "%s", "files": {}, "quotes": {"s": {"q": [[["1", 2]]]}}}',
        '{"version": "%s", "files": {}, "quotes": {"s": {"q": [[[1.5, 2]]]}}}',
        '{"version": "%s", "files": {}, "quotes": {"s": {"q": [[[1, 2, 3]]]}}}',
        '{"version": "%s", "files": {}, "quotes": {"s": {"q": [[]]}}}',
        '{"version": "%s", "files": {}, "quotes": {"s": {"q": "text"}}}',
        '{"version": "%s", "files": {}, "quotes": {"s": {"q": 5}}}',
        '{"version": "%s", "files": {}, "quotes": {"s": [5]}}',
    ],
)
def test_a_broken_or_foreign_cache_is_ignored(tmp_path: Path, content: str) -> None:
    from generator.cache import _version

    file = tmp_path / "cache.json"
    file.write_text(content.replace("%s", _version()))
    cache = ContentCache(file)
    assert cache.parsed("a.yml", "a: 1\n") is MISSING
    assert cache.quote("s", "q") is None


def test_the_cache_lives_outside_the_project_and_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFING_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    assert cache_dir() == Path("/somewhere/cache/briefing")
    monkeypatch.setenv("BRIEFING_CACHE", "off")
    assert cache_dir() is None
    assert ContentCache.for_project(Path("/any/project")).file is None


def test_a_few_changes_in_a_large_cache_do_not_rewrite_it(tmp_path: Path) -> None:
    file = tmp_path / "cache.json"
    cache = ContentCache(file)
    for number in range(SAVE_EVERY * 3):
        cache.keep_parsed(f"{number}.yml", f"n: {number}\n", {"n": number})
    cache.save()
    written = file.read_bytes()

    later = ContentCache(file)
    for number in range(SAVE_EVERY * 3):
        later.parsed(f"{number}.yml", f"n: {number}\n")
    later.keep_parsed("0.yml", "n: edited\n", {"n": "edited"})
    later.save()
    assert file.read_bytes() == written  # one change in 300: parsing it again next time is cheaper

    again = ContentCache(file)
    for number in range(2, SAVE_EVERY * 3):
        again.parsed(f"{number}.yml", f"n: {number}\n")
    again.keep_parsed("0.yml", "n: edited\n", {"n": "edited"})
    again.save()  # one learnt and one dropped: still under one in a hundred
    assert file.read_bytes() == written

    final = ContentCache(file)  # a run that also finds three new files: five changes in 300
    for number in range(2, SAVE_EVERY * 3):
        final.parsed(f"{number}.yml", f"n: {number}\n")
    for number in (0, *range(SAVE_EVERY * 3, SAVE_EVERY * 3 + 3)):
        final.keep_parsed(f"{number}.yml", f"n: {number}\n".replace("n: 0", "n: edited"), {"n": "edited"})
    final.save()
    assert json.loads(file.read_text())["files"]["0.yml"] == [text_digest("n: edited\n"), {"n": "edited"}]

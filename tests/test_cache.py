"""The cache between runs: a file is parsed and a quote searched for again only when its text changed."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from generator.check import quotes
from generator.check.validate import validate
from generator.content.texts import QuoteMatch
from generator.pipeline import Project
from generator.read import cache as cache_module
from generator.read import load, records
from generator.read.cache import SAVE_EVERY, ContentCache, Parsed, cache_dir, text_digest
from generator.read.load import load_content


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
    raw = load_content(project.root, project.content_dir, project.seeds_dir, cache=cache)
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
    cached = load_content(project.root, project.content_dir, project.seeds_dir, cache=ContentCache(file))
    assert [(r.path, r.data) for r in cached.records] == [(r.path, r.data) for r in fresh.records]


def parsed(text: str, data: object) -> Parsed:
    return Parsed(text_digest(text), data)


def test_a_changed_text_is_never_served_from_the_cache(tmp_path: Path) -> None:
    cache = ContentCache(tmp_path / "cache.json")
    cache.keep_parsed("content/goals/g.yml", parsed("title: A\n", {"title": "A"}), (1, 9, 100, 100))
    cache.keep_quote("seed", "the quote", [QuoteMatch(((3, 12),))])
    cache.save()
    again = ContentCache(tmp_path / "cache.json")
    assert again.unchanged("content/goals/g.yml", (1, 9, 100, 100)) == parsed("title: A\n", {"title": "A"})
    assert again.unchanged("content/goals/g.yml", (1, 9, 100, 101)) is None
    assert again.unchanged("content/goals/g.yml", None) is None
    assert again.parsed("content/goals/g.yml", text_digest("title: A\n"), None) == parsed("title: A\n", {"title": "A"})
    assert again.parsed("content/goals/g.yml", text_digest("title: B\n"), None) is None
    assert again.parsed("content/goals/other.yml", text_digest("title: A\n"), None) is None
    assert again.unchanged("content/goals/g.yml", (1, 9, 100, 100)) is None  # read since with no stamp to trust
    assert again.quote("seed", "the quote") == [QuoteMatch(((3, 12),))]
    assert again.quote("other seed", "the quote") is None


def test_a_save_keeps_only_what_the_run_used(tmp_path: Path) -> None:
    file = tmp_path / "cache.json"
    cache = ContentCache(file)
    cache.keep_parsed("a.yml", parsed("a: 1\n", {"a": 1}), None)
    cache.keep_parsed("b.yml", parsed("b: 1\n", {"b": 1}), None)
    cache.save()
    later = ContentCache(file)
    assert later.parsed("a.yml", text_digest("a: 1\n"), None) == parsed("a: 1\n", {"a": 1})  # b.yml was deleted since
    later.save()
    assert list(json.loads(file.read_text())["files"]) == ["a.yml"]


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"version": "other", "files": {}, "quotes": {}}',
        "[1, 2]",
        '{"version": "%s", "files": {"a.yml": 5}, "quotes": {}}',
        '{"version": "%s", "files": {"a.yml": ["d", {}]}, "quotes": {}}',
        '{"version": "%s", "files": {"a.yml": ["d", {}, false, [1, 2]]}, "quotes": {}}',
        '{"version": "%s", "files": {"a.yml": ["d", {}, false, [1, 2, 3, "4"]]}, "quotes": {}}',
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
    from generator.read.cache import _version

    file = tmp_path / "cache.json"
    file.write_text(content.replace("%s", _version()))
    cache = ContentCache(file)
    assert cache.parsed("a.yml", text_digest("a: 1\n"), None) is None
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

    def keep(cache: ContentCache, number: int, text: str) -> None:
        cache.keep_parsed(f"{number}.yml", parsed(text, {"n": text}), None)

    def look_up(cache: ContentCache, numbers: range) -> None:
        for number in numbers:
            assert cache.parsed(f"{number}.yml", text_digest(f"n: {number}\n"), None)

    cache = ContentCache(file)
    for number in range(SAVE_EVERY * 3):
        keep(cache, number, f"n: {number}\n")
    cache.save()
    written = file.read_bytes()

    later = ContentCache(file)
    look_up(later, range(SAVE_EVERY * 3))
    keep(later, 0, "n: edited\n")
    later.save()
    assert file.read_bytes() == written  # one change in 300: parsing it again next time is cheaper

    again = ContentCache(file)
    look_up(again, range(2, SAVE_EVERY * 3))
    keep(again, 0, "n: edited\n")
    again.save()  # one learnt and one dropped: still under one in a hundred
    assert file.read_bytes() == written

    final = ContentCache(file)  # a run that also finds three new files: five changes in 300
    look_up(final, range(2, SAVE_EVERY * 3))
    for number in (0, *range(SAVE_EVERY * 3, SAVE_EVERY * 3 + 3)):
        keep(final, number, "n: edited\n")
    final.save()
    assert json.loads(file.read_text())["files"]["0.yml"] == [
        text_digest("n: edited\n"),
        {"n": "n: edited\n"},
        None,
    ]


def settle_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as left alone long enough for its stamp to be trusted."""
    monkeypatch.setattr(cache_module, "SETTLED_NS", 0)


def past_a_clock_tick() -> None:
    """Let the file system's clock move on, as the settling time ensures outside tests."""
    time.sleep(0.05)


def the_goal(raw: records.RawContent) -> records.RawRecord:
    (goal,) = [record for record in raw.records if record.path.name == "ceasefire.yml"]
    return goal


def test_a_file_whose_stamp_is_unchanged_is_not_read_again(
    sample_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settle_at_once(monkeypatch)
    project, file = Project(sample_project), tmp_path / "cache.json"
    run_check(project, file)
    cached = load_content(project.root, project.content_dir, project.seeds_dir, cache=ContentCache(file))
    fresh = load_content(project.root, project.content_dir, project.seeds_dir)
    assert all(record._text is None for record in cached.records)  # vouched for by the stamp, not read
    assert [(r.path, r.data, r.digest) for r in cached.records] == [(r.path, r.data, r.digest) for r in fresh.records]
    assert [r.text for r in cached.records] == [r.text for r in fresh.records]  # read when a message needs it


def test_an_edit_is_seen_even_when_it_keeps_the_size_and_the_modification_time(
    sample_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settle_at_once(monkeypatch)
    project, file = Project(sample_project), tmp_path / "cache.json"
    goal = sample_project / "content/goals/ceasefire.yml"
    before = goal.stat()
    past_a_clock_tick()
    run_check(project, file)
    goal.write_text(goal.read_text().replace("title: A ceasefire", "title: B ceasefire"))
    os.utime(goal, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (goal.stat().st_size, goal.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    raw = load_content(project.root, project.content_dir, project.seeds_dir, cache=ContentCache(file))
    assert the_goal(raw).data["title"] == "B ceasefire"


def test_a_recently_changed_file_is_read_and_its_stamp_kept_once_it_settles(
    sample_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, file = Project(sample_project), tmp_path / "cache.json"
    parses = Counted(monkeypatch, load, "parse_record")
    run_check(project, file)  # the files were written just now: no stamp is trusted yet
    cached = load_content(project.root, project.content_dir, project.seeds_dir, cache=ContentCache(file))
    assert all(record._text is not None for record in cached.records)

    parses.calls = 0
    settle_at_once(monkeypatch)  # time passes
    run_check(project, file)  # compares the texts, finds them unchanged, and keeps their stamps
    cached = load_content(project.root, project.content_dir, project.seeds_dir, cache=ContentCache(file))
    assert all(record._text is None for record in cached.records)
    assert parses.calls == 0


def test_problems_in_a_file_not_read_again_are_reported_at_their_lines(
    sample_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache keeps the placeholder sign of a text, and a message reads the text for its position."""
    settle_at_once(monkeypatch)
    project, file = Project(sample_project), tmp_path / "cache.json"
    goal = sample_project / "content/goals/ceasefire.yml"
    goal.write_text(goal.read_text().replace("title: A ceasefire", "title: REPLACE WITH a title"))
    past_a_clock_tick()
    reports = []
    for _ in range(2):
        cache = ContentCache(file)
        raw = load_content(project.root, project.content_dir, project.seeds_dir, cache=cache)
        _, problems = validate(raw, cache)
        cache.save()
        reports.append([str(problem) for problem in problems])
    assert the_goal(raw).file is not None  # the second run did not read it until the message needed a line
    line = 1 + goal.read_text().splitlines().index("title: REPLACE WITH a title")
    assert (
        reports[0]
        == reports[1]
        == [
            f"content/goals/ceasefire.yml:{line}:1: 'title' still holds the placeholder 'REPLACE WITH a title'; replace it"
        ]
    )

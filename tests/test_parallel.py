"""Work shared out to several processes gives what one process gives: `briefing check`, reading and rendering."""

from __future__ import annotations

import multiprocessing.util
import os
import pickle
import subprocess
import sys
import time
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from pathlib import Path

import pytest
from conftest import write_tree
from test_cache import Counted, run_check
from test_render_scale import briefing_of

from generator import cache as cache_module
from generator import load, parallel, render
from generator.cache import ContentCache
from generator.model import Tally
from generator.pipeline import Project, check_tally
from generator.quotes import SourceText

FACT = """parties: [northland, southland]
facts:
  - text: The two sides agreed to work toward a ceasefire.
    cite:
      - source: geneva-statement
        quote: The two sides agreed to work toward a ceasefire.
"""

#: A problem of every kind a worker or the checks across files find, each in a file of its own.
BROKEN = {
    # across files: a former id that is a current id, and one that another file claimed first
    "content/goals/truce.yml": f"title: A truce\nformerly: [ceasefire, armistice]\n{FACT}",
    "content/goals/pause.yml": f"title: A pause\nformerly: [armistice]\n{FACT}",
    # an id another file has (ceasefire.yml, which this one, sorted first, takes), and an id that is not one
    "content/goals/ceasefire.yaml": f"title: A ceasefire again\n{FACT}",
    "content/goals/Bad_Name.yml": f"title: Badly named\n{FACT}",
    # in one file each: a dangling reference, a quote the source lacks, broken YAML, a wrong type, a loaded word
    "content/participants/westland.yml": "name: Westland\nkind: country\npresent: true\nmember_of: [nowhere]\n",
    "content/goals/unquoted.yml": "title: Unquoted\n"
    + FACT.replace("quote: The two sides agreed", "quote: The two sides certainly agreed"),
    "content/events/broken.yml": "title: [unclosed\n",
    "content/events/typed.yml": "title: 42\ndate: not a date\n",
    "content/goals/heroic.yml": "title: A heroic effort\n" + FACT.replace("text: The two", "text: A hero and the two"),
}


@pytest.fixture(autouse=True)
def _fork_beside_the_sessions_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Other tests leave threads running in this process (the browser tests' web server), and a check
    forks only where no other thread runs; these tests fork anyway, and the last one looks at that rule."""
    monkeypatch.setattr(parallel, "_can_fork", lambda: True)


def in_parallel(root: Path, cache: ContentCache | None = None, jobs: int = 2) -> tuple[Tally | None, list[object]]:
    found = parallel.check_in_parallel(Project(root), cache or ContentCache(None), jobs)
    assert found is not None, "the check ran in one process: it cannot fork here"
    return found


def test_a_clean_briefing_gets_the_same_tally(sample_project: Path) -> None:
    assert in_parallel(sample_project) == check_tally(Project(sample_project), jobs=1)
    tally, problems = in_parallel(sample_project, jobs=3)
    assert problems == [] and tally is not None and tally.entities["participants"] == 3


def test_every_problem_is_reported_as_in_one_process(sample_project: Path) -> None:
    write_tree(sample_project, BROKEN)
    serial = check_tally(Project(sample_project), jobs=1)
    assert serial[0] is None
    codes = {problem.code for problem in serial[1]}
    assert {"duplicate-id", "invalid-id", "unknown-id", "quote-not-found", "yaml-syntax", "wrong-type"} <= codes
    assert "loaded-word" in codes
    assert in_parallel(sample_project) == serial
    assert in_parallel(sample_project, jobs=4) == serial


def test_a_former_id_reported_across_files_has_its_line(sample_project: Path) -> None:
    write_tree(sample_project, {path: BROKEN[path] for path in ("content/goals/truce.yml", "content/goals/pause.yml")})
    _, problems = in_parallel(sample_project)
    lines = {(str(problem.path), problem.line, problem.message.split(";")[0]) for problem in problems}
    assert lines == {
        ("content/goals/truce.yml", 2, "former id 'ceasefire' is already used by goals/ceasefire"),
        ("content/goals/truce.yml", 2, "former id 'armistice' is already used by goals/pause"),
    }


def test_a_missing_briefing_file_is_reported(sample_project: Path) -> None:
    (sample_project / "content/briefing.yml").unlink()
    assert in_parallel(sample_project) == check_tally(Project(sample_project), jobs=1)
    assert [problem.code for problem in in_parallel(sample_project)[1]] == ["missing-file"]


def test_what_the_workers_learnt_is_kept_for_the_next_run(
    sample_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "cache.json"
    assert in_parallel(sample_project, ContentCache(file))[1] == []
    parses = Counted(monkeypatch, load, "parse_record")
    searches = Counted(monkeypatch, SourceText, "find")
    run_check(Project(sample_project), file)
    assert (parses.calls, searches.calls) == (0, 0)


def test_the_context_goes_to_the_workers_without_the_cache(sample_project: Path, tmp_path: Path) -> None:
    """The sources' cache is the whole cache, megabytes of it: a worker has a copy from before the fork."""
    project, cache = Project(sample_project), ContentCache(tmp_path / "cache.json")
    files = list(load.content_files(project.root, project.content_dir, []))
    _, context, _ = parallel._check_sources(project, files, cache, [])
    assert context.sources and all(source.cache is cache for source in context.sources.values())
    sent = pickle.loads(pickle.dumps(context))
    assert all(source.cache is None for source in sent.sources.values())
    assert {key: source.text.normalised for key, source in sent.sources.items()} == {
        key: source.text.normalised for key, source in context.sources.items()
    }


def _die(*_: object) -> None:
    os._exit(1)


def test_a_worker_that_dies_leaves_the_check_to_this_process(
    sample_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "_work", _die)
    assert parallel.check_in_parallel(Project(sample_project), ContentCache(None), 2) is None
    assert check_tally(Project(sample_project), jobs=2) == check_tally(Project(sample_project), jobs=1)


def test_an_error_in_a_worker_is_raised_here(sample_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise RuntimeError("a bug in a check")

    monkeypatch.setattr(parallel, "check_file", fail)  # only workers call it: this process checks only sources
    with pytest.raises(RuntimeError, match="a bug in a check"):
        in_parallel(sample_project)


def test_how_many_processes_check() -> None:
    cpus = len(os.sched_getaffinity(0))
    assert parallel.workers_for(parallel.MIN_FILES - 1, None) == 0
    assert parallel.workers_for(parallel.MIN_FILES, None) == (cpus if cpus > 1 else 0)
    assert parallel.workers_for(10, 1) == 0
    assert parallel.workers_for(10, 3) == 3


def test_briefing_jobs_sets_how_many_processes_where_no_option_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_JOBS", "3")
    assert parallel.workers_for(10, None) == 3
    assert parallel.workers_for(10_000, 1) == 0  # the option wins
    monkeypatch.setenv("BRIEFING_JOBS", "1")
    assert parallel.workers_for(10_000, None) == 0


@pytest.mark.parametrize("value", ["0", "two", "-1", "1.5", "\u0663"])
def test_a_bad_briefing_jobs_is_reported_before_any_work(sample_project: Path, value: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "-f", str(sample_project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "BRIEFING_JOBS": value},
    )
    assert result.returncode == 2
    assert f"Error: BRIEFING_JOBS is '{value}': set it to a whole number of processes, 1 or more" in result.stderr


def test_a_bad_briefing_jobs_stops_a_plain_mkdocs_build_before_it_starts(sample_project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(sample_project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "BRIEFING_JOBS": "many"},
    )
    assert result.returncode == 1
    assert "BRIEFING_JOBS is 'many': set it to a whole number of processes, 1 or more" in result.stderr
    assert not (sample_project / "site").exists()


def test_no_fork_while_another_thread_runs() -> None:
    # A live preview's server and watcher threads could hold a lock a forked worker would wait on for ever.
    # In a process of its own: in this one, other tests leave threads running.
    code = """
import threading
from generator import parallel
print(parallel.workers_for(10_000, 2))
release = threading.Event()
thread = threading.Thread(target=release.wait)
thread.start()
print(parallel.workers_for(10_000, 2))
release.set()
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.split() == ["2", "0"]


# --- in_shares: reading and rendering --------------------------------------------------------


def _share_and_process(share: int, shares: int) -> tuple[int, int, int]:
    return share, shares, os.getpid()


def test_each_share_runs_once_and_all_but_the_first_in_a_worker() -> None:
    results = parallel.in_shares(_share_and_process, 3)
    assert [result[:2] for result in results] == [(0, 3), (1, 3), (2, 3)]
    assert results[0][2] == os.getpid() and len({result[2] for result in results}) == 3
    assert parallel.in_shares(_share_and_process, 1) == [(0, 1, os.getpid())]


class Ended:
    """Records the exit codes of the workers parallel._ended waited for."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.exit_codes: list[int | None] = []
        original = parallel._ended

        def recorded(processes: list[BaseProcess], stop: bool) -> None:
            original(processes, stop)
            self.exit_codes += [process.exitcode for process in processes]

        monkeypatch.setattr(parallel, "_ended", recorded)


def _answer_then_linger(share: int, shares: int) -> int:
    if share:  # a worker then takes a while to end, as one that frees a large heap does
        multiprocessing.util.Finalize(None, time.sleep, args=(0.5,), exitpriority=0)
    return share


def test_workers_that_sent_their_results_end_by_themselves(
    sample_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not stopped while they end: a worker that has answered is only waited for."""
    ended = Ended(monkeypatch)
    assert parallel.in_shares(_answer_then_linger, 3) == [0, 1, 2]
    in_parallel(sample_project, jobs=3)
    assert ended.exit_codes == [0] * 5


def test_the_share_of_a_worker_that_dies_is_done_here() -> None:
    here = os.getpid()

    def work(share: int, shares: int) -> int:
        if os.getpid() != here:
            os._exit(1)
        return share

    assert parallel.in_shares(work, 3) == [0, 1, 2]


def test_an_error_in_a_share_is_raised_here() -> None:
    here = os.getpid()

    def work(share: int, shares: int) -> int:
        if os.getpid() != here:
            raise RuntimeError(f"a bug in share {share}")
        return share

    with pytest.raises(RuntimeError, match="a bug in share 1"):
        parallel.in_shares(work, 2)


class SharedOut:
    """Records how many shares each call of parallel.in_shares had."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: object) -> None:
        self.shares: list[int] = []
        original = parallel.in_shares

        def spied(work: Callable[[int, int], object], shares: int) -> list[object]:
            self.shares.append(shares)
            return original(work, shares)

        monkeypatch.setattr(owner, "in_shares", spied)


def test_rendering_on_several_processes_gives_the_same_pages_in_the_same_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    briefing = briefing_of(300)
    alone = render.render_pages(briefing, jobs=1)
    shared = SharedOut(monkeypatch, render)
    assert list(render.render_pages(briefing, jobs=2).items()) == list(alone.items())
    assert list(render.render_pages(briefing, jobs=3).items()) == list(alone.items())
    assert shared.shares == [2, 3]


def _records(raw: load.RawContent) -> list[tuple[object, ...]]:
    return [(r.kind, r.id, r.path, r.data, r.digest, r.placeholder_sign) for r in raw.records]


def _read(project: Project, cache: ContentCache | None = None, jobs: int = 2) -> load.RawContent:
    return load.load_content(project.root, project.content_dir, project.seeds_dir, None, cache, jobs)


def test_reading_on_several_processes_gives_the_same_records_and_problems(
    sample_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(sample_project, {**BROKEN, "content/stray.yml": "a: 1\n"})
    (sample_project / "content/events/latin1.yml").write_bytes("title: caf\xe9\n".encode("latin-1"))
    project = Project(sample_project)
    alone = _read(project, jobs=1)
    shared = SharedOut(monkeypatch, parallel)
    for jobs in (2, 3):
        raw = _read(project, jobs=jobs)
        assert _records(raw) == _records(alone)
        assert sorted(raw.problems) == sorted(alone.problems)
        assert {"yaml-syntax", "not-utf8", "unexpected-file"} <= {problem.code for problem in raw.problems}
    assert shared.shares == [2, 3]
    typed = next(record for record in raw.records if record.id == "typed")
    assert typed.position(("date",)) == (2, 1)  # a record read by a worker finds its positions again


def test_what_reading_workers_learnt_is_kept(
    sample_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, file = Project(sample_project), tmp_path / "cache.json"
    cache = ContentCache(file)
    _read(project, cache)
    parses = Counted(monkeypatch, load, "parse_record")  # counts in this process: the next reads have no workers
    _read(project, cache, jobs=1)  # as a build does, reading again for MkDocs after its check
    cache.save()
    run_check(project, file)
    assert parses.calls == 0


def test_what_was_read_here_for_a_worker_that_died_is_kept(
    sample_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, file = Project(sample_project), tmp_path / "cache.json"
    monkeypatch.setattr(parallel, "_do_share", _die)
    cache = ContentCache(file)
    _read(project, cache)  # this process reads every share, its own and the dead worker's
    cache.save()
    parses = Counted(monkeypatch, load, "parse_record")
    run_check(project, file)
    assert parses.calls == 0


def test_files_the_cache_vouches_for_are_not_sent_back(sample_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "SETTLED_NS", -(10**12))  # every file left alone long enough to trust
    project, cache = Project(sample_project), ContentCache(None)
    first = _read(project, cache)
    files = list(load.content_files(project.root, project.content_dir, []))
    read, _ = load._read_share(project.root, files, cache, os.getppid(), 1, 2)  # what a worker would send back
    assert read and all(parsed is None for _, parsed, _ in read)
    assert _records(_read(project, cache)) == _records(first)

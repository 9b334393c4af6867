"""`briefing check` on every core: worker processes check shares of the files; the checks across files run here.

Checking a file on its own (its schema, the ids it refers to, its quotes, its
wording) is almost all of the work, and it needs of the other files only their
names and the sources they quote (validate.FileContext). So this process reads
the sources and settles that context, then forks workers, which inherit it
without copying or importing anything. Each reads, parses and checks a share of
the other files, and sends back its problems and, for each file that passed its
schema, the little the checks across files need.

No briefing model is built: `briefing check` reports problems and counts. A
build needs the model, and checks in one process (pipeline.check); both run the
same checks (validate.prepare, check_file and check_across_files), and the
test suite compares what they report.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NamedTuple

from .cache import CacheUse, ContentCache
from .errors import Problem
from .load import InsideProject, RawRecord, content_files, read_record, read_seeds, read_word_list, unread_record
from .model import KINDS, Tally
from .validate import CheckedFile, FileContext, check_across_files, check_file, prepare, reported_problems

if TYPE_CHECKING:
    from .pipeline import Project

MIN_FILES = 1000
"""Below this many content files one process is as quick: starting workers and merging their results costs more."""
SHARES_PER_WORKER = 2
"""The files are dealt into this many shares per worker, so that a worker slowed down by other work on the machine
leaves the others more of them."""

Share = list[tuple[int, str | Path, str]]
"""(position in the file order, path, kind) of the files one worker checks."""


class _Passed(NamedTuple):
    """What the checks across files need of a file that passed its schema (a tuple: thousands are sent back)."""

    position: int
    kind: str
    id: str
    path: str
    formerly: list[str]
    facts: int


@dataclass(frozen=True)
class _Shared:
    """What every worker needs, set before they fork: they inherit it, nothing is sent."""

    root: Path
    context: FileContext
    cache: ContentCache | None


_shared: _Shared | None = None


def workers_for(file_count: int, jobs: int | None) -> int:
    """How many processes to check with: 0 to check in this one.

    `jobs` None means one per CPU this process may run on, for a briefing of MIN_FILES files or more.
    """
    if jobs is None:
        jobs = _usable_cpus() if file_count >= MIN_FILES else 1
    return jobs if jobs > 1 and _can_fork() else 0


def _usable_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _can_fork() -> bool:
    # A fork copies only the thread that calls it: a lock another thread holds (a live preview's server
    # or file watcher) would stay locked in the worker for good. On macOS, system libraries are not
    # fork-safe at all, which is why Python starts its processes afresh there.
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


def check_in_parallel(
    project: Project, cache: ContentCache, jobs: int | None
) -> tuple[Tally | None, list[Problem]] | None:
    """The problems of the project's content, and its tally when there are none; None to check in one process.

    With `jobs` None, as many workers as workers_for gives; a worker that dies (killed, say) gives None too.
    """
    problems: list[Problem] = []
    files = list(content_files(project.root, project.content_dir, problems))
    workers = workers_for(len(files), jobs)
    if not workers:
        return None
    # What workers learn goes back to a cache kept on disk. One only in memory would be dropped with them,
    # and this process never checks the rest itself: it would only cost time.
    kept = cache if cache.kept_on_disk else None
    records, context, passed = _check_sources(project, files, kept, problems)
    others = [(number, path, kind) for number, (path, kind) in enumerate(files) if kind != "sources"]
    count = workers * SHARES_PER_WORKER
    shares = [others[start::count] for start in range(count)]
    results = _run_workers(_Shared(project.root, context, kept), shares, workers)
    if results is None:
        return None
    for found, met, use in results:
        passed += found
        problems += met
        if use is not None:
            cache.absorb(use)
    passed.sort()
    formerly = [(_unread(project.root, item), item.formerly) for item in passed if item.formerly]
    content_dir = PurePosixPath(project.content_dir.relative_to(project.root).as_posix())
    check_across_files(content_dir, records, {(item.kind, item.id) for item in passed}, formerly, problems)
    cache.save()
    clean = not any(problem.is_error for problem in problems) and any(item.kind == "briefing" for item in passed)
    return (_tally(passed) if clean else None), reported_problems(problems)


def _check_sources(
    project: Project, files: list[tuple[str | Path, str]], cache: ContentCache | None, problems: list[Problem]
) -> tuple[list[RawRecord], FileContext, list[_Passed]]:
    """Every file's record, the sources' read: the context the workers check in, and the sources checked in it."""
    root = project.root
    inside = InsideProject(root)
    records = [
        read_record(root, path, kind, problems, inside, cache) if kind == "sources" else unread_record(root, path, kind)
        for path, kind in files
    ]
    seeds = read_seeds(root, project.seeds_dir, problems, inside)
    words = read_word_list(root, project.loaded_words_file, problems, inside)
    context, sources = prepare(records, seeds, words, {problem.path for problem in problems}, problems, cache)
    position = {records[number].path: number for number, (_, kind) in enumerate(files) if kind == "sources"}
    passed = [_passed(position[item.record.path], item) for item in sources]
    return records, context, passed


def _unread(root: Path, item: _Passed) -> RawRecord:
    """The record of a file a worker checked, read again only if a problem needs a position in it."""
    return RawRecord(item.kind, item.id, PurePosixPath(item.path), None, file=root / item.path)


def _run_workers(
    shared: _Shared, shares: list[Share], workers: int
) -> list[tuple[list[_Passed], list[Problem], CacheUse | None]] | None:
    # Imported here: a briefing checked in one process, and every build, need none of it.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _shared
    _shared = shared
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return list(pool.map(_check_share, shares))
    except BrokenProcessPool:
        return None
    finally:
        _shared = None


def _check_share(share: Share) -> tuple[list[_Passed], list[Problem], CacheUse | None]:
    """Runs in a worker: read, parse and check each file of the share."""
    assert _shared is not None, "workers are forked after _shared is set"
    root, context, cache = _shared.root, _shared.context, _shared.cache
    inside = InsideProject(root)
    passed: list[_Passed] = []
    problems: list[Problem] = []
    for number, path, kind in share:
        unreadable: list[Problem] = []
        record = read_record(root, path, kind, unreadable, inside, cache)
        problems += unreadable
        if context.takes(record, bool(unreadable)) and (item := check_file(record, context, problems)):
            passed.append(_passed(number, item))
    return passed, problems, (cache.take_use() if cache is not None else None)


def _passed(position: int, item: CheckedFile) -> _Passed:
    record = item.record
    formerly = list(getattr(item.data, "formerly", []))
    return _Passed(position, record.kind, record.id, str(record.path), formerly, len(item.facts))


def _tally(passed: list[_Passed]) -> Tally:
    entities = dict.fromkeys(KINDS, 0)
    for item in passed:
        if item.kind != "briefing":
            entities[item.kind] += 1
    return Tally(entities, sum(item.facts for item in passed))

"""Work shared out to forked processes, one per core: `briefing check`, and reading and rendering a large briefing.

`briefing check`: worker processes check shares of the files; the checks across files run here.

Checking a file on its own (its schema, the ids it refers to, its quotes, its
wording) is almost all of the work, and it needs of the other files only their
names and the sources they quote (validate.FileContext). So this process forks
the workers first, which inherit every module imported, and each reads and
parses a share of the files other than sources while this process reads the
sources and settles that context. It sends the context to the workers; each
checks its share in it and sends back its problems and, for each file that
passed its schema, the little the checks across files need.

No briefing model is built: `briefing check` reports problems and counts. A
build needs the model, and checks in one process (pipeline.check); both run the
same checks (validate.prepare, check_file and check_across_files), and the
test suite compares what they report.

Reading and rendering (`in_shares`): forked workers inherit everything this
process holds (for rendering, the whole model, which they only read); each
reads and parses a share of the files, or renders a share of the pages, while
this process does its own share, and sends back plain data or Markdown, which
the caller puts back in the order one process gives.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import threading
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NamedTuple, TypeVar, cast

from .cache import CacheUse, ContentCache
from .errors import BriefingError, Problem
from .load import InsideProject, RawRecord, content_files, read_record, read_seeds, read_word_list, unread_record
from .model import KINDS, Tally
from .validate import CheckedFile, FileContext, check_across_files, check_file, prepare, reported_problems

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from .pipeline import Project

MIN_FILES = 1000
"""Below this many content files one process is as quick: starting workers and merging their results costs more."""
JOBS_VARIABLE = "BRIEFING_JOBS"
"""The environment variable that sets how many processes to use, where no `--jobs` option does (a build, a plugin)."""
Share = list[tuple[int, str | Path, str]]
"""(position in the file order, path, kind) of the files one worker checks."""
T = TypeVar("T")


class _Passed(NamedTuple):
    """What the checks across files need of a file that passed its schema (a tuple: thousands are sent back)."""

    position: int
    kind: str
    id: str
    path: str
    formerly: list[str]
    facts: int


def workers_for(file_count: int, jobs: int | None) -> int:
    """How many processes to share the work out to: 0 to do it all in this one.

    `jobs` None means what BRIEFING_JOBS sets or, unset, one per CPU this process
    may run on for a briefing of MIN_FILES files or more.
    """
    if jobs is None:
        jobs = jobs_setting()
    if jobs is None:
        jobs = _usable_cpus() if file_count >= MIN_FILES else 1
    return jobs if jobs > 1 and _can_fork() else 0


def jobs_setting() -> int | None:
    """The number of processes BRIEFING_JOBS sets, None if it is unset."""
    value = os.environ.get(JOBS_VARIABLE, "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and int(value) >= 1):
        fix = "set it to a whole number of processes, 1 or more, or unset it"
        raise BriefingError(f"{JOBS_VARIABLE} is '{value}': {fix}", exit_code=2)
    return int(value)


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
    others = [(number, path, kind) for number, (path, kind) in enumerate(files) if kind != "sources"]
    with _Workers(project.root, kept, [others[start::workers] for start in range(workers)]) as started:
        records, context, passed = _check_sources(project, files, kept, problems)
        results = started.check(context)
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


Outcome = tuple[list[_Passed], list[Problem], CacheUse | None]
"""What a worker sends back: the files of its share that passed their schema, its problems, what the cache learnt."""


class _Workers:
    """Worker processes, forked at once, each with its share of the files, and the pipes to them."""

    def __init__(self, root: Path, cache: ContentCache | None, shares: list[Share]) -> None:
        self.pipes: list[Connection] = []
        self.processes: list[BaseProcess] = []
        self.answered = False
        """Whether every worker sent its outcome: then each is only ending, and is waited for."""
        for share in shares:
            pipe, process = _forked(_work, root, cache, share)
            self.pipes.append(pipe)
            self.processes.append(process)

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *_: object) -> None:
        _ended(self.processes, stop=not self.answered)

    def check(self, context: FileContext) -> list[Outcome] | None:
        """Each worker's outcome of checking its share in the context; None if one died."""
        from multiprocessing.connection import wait

        sent = pickle.dumps(context, pickle.HIGHEST_PROTOCOL)
        try:
            waiting = list(self.pipes)
            while waiting:  # to each worker as soon as it has parsed its share: sending waits for it to read
                ready = wait(waiting)
                for pipe in [pipe for pipe in waiting if pipe in ready]:
                    _received(pipe)
                    pipe.send_bytes(sent)
                    waiting.remove(pipe)
            outcomes = [cast(Outcome, _received(pipe)) for pipe in self.pipes]
            self.answered = True
            return outcomes
        except (EOFError, ConnectionError):
            return None  # killed, say: the check is left to this process


def in_shares(work: Callable[[int, int], T], shares: int) -> list[T]:
    """`work(share, shares)` for every share at once: share 0 in this process, each other in a forked worker.

    For `shares` below 2 the work is done here in one share. A worker that dies
    (killed, say) leaves its share to this process; an error in one is raised here.
    """
    if shares < 2:
        return [work(0, 1)]
    pipes: list[Connection] = []
    processes: list[BaseProcess] = []
    try:
        for share in range(1, shares):
            pipe, process = _forked(_do_share, work, share, shares)
            pipes.append(pipe)
            processes.append(process)
        results = [work(0, shares)]
        for share, pipe in enumerate(pipes, start=1):
            try:
                results.append(cast(T, _received(pipe)))
            except (EOFError, ConnectionError):
                results.append(work(share, shares))
    except BaseException:
        _ended(processes, stop=True)
        raise
    _ended(processes, stop=False)
    return results


def _forked(target: Callable[..., None], *args: object) -> tuple[Connection, BaseProcess]:
    """A forked worker running `target(*args, pipe)`, and this process's end of the pipe."""
    # Imported here: work done in one process needs none of it.
    import multiprocessing

    forking = multiprocessing.get_context("fork")
    here, there = forking.Pipe()
    process = forking.Process(target=target, args=(*args, there), daemon=True)
    process.start()
    there.close()
    return here, process


def _ended(processes: list[BaseProcess], stop: bool) -> None:
    """Wait for the workers to end; with `stop` (this process is leaving on an error), stop those still running."""
    for process in processes:
        if stop and process.is_alive():
            process.terminate()
        process.join()


def _do_share(work: Callable[[int, int], object], share: int, shares: int, pipe: Connection) -> None:
    _answer(pipe, lambda: work(share, shares))


def _answer(pipe: Connection, compute: Callable[[], object]) -> None:
    """A worker's last message: what `compute` returns, or the error it raised, which the parent raises again."""
    try:
        outcome = compute()
    except BaseException as error:
        outcome = error
    with contextlib.suppress(OSError):  # the parent is gone, or stopped listening on an error of its own
        pipe.send(outcome)


def _received(pipe: Connection) -> object:
    """A worker's next message; an error it met is raised here."""
    message = pipe.recv()
    if isinstance(message, BaseException):
        raise message
    return message


def _work(root: Path, cache: ContentCache | None, share: Share, pipe: Connection) -> None:
    """A worker of the check; an error it meets is reported in the parent as any error of a check."""
    _answer(pipe, lambda: _check_share(root, cache, share, pipe))


def _check_share(root: Path, cache: ContentCache | None, share: Share, pipe: Connection) -> Outcome:
    """Read and parse the share while the context is settled, then check the share in it."""
    inside = InsideProject(root)
    read = []
    for number, path, kind in share:
        unreadable: list[Problem] = []
        read.append((number, read_record(root, path, kind, unreadable, inside, cache), unreadable))
    pipe.send("parsed")
    context: FileContext = pickle.loads(pipe.recv_bytes())
    context.use_cache(cache)
    passed: list[_Passed] = []
    problems: list[Problem] = []
    for number, record, unreadable in read:
        problems += unreadable
        if context.takes(record, bool(unreadable)) and (item := check_file(record, context, problems)):
            passed.append(_passed(number, item))
    return passed, problems, cache.take_use() if cache is not None else None


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

"""Run one command in a fresh process: its wall time, its own peak RSS, its output.

The peak RSS comes from wait4() on that very child, so it is the process's own
figure, not the maximum over every child this runner has waited for.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO


@dataclass(frozen=True)
class Timing:
    """One measurement: wall-clock seconds, and CPU seconds (user + system) of the process."""

    wall: float
    cpu: float


@dataclass(frozen=True)
class Run:
    timing: Timing
    peak_rss_kib: int
    returncode: int
    stdout: str
    stderr: str


class CommandFailed(RuntimeError):
    def __init__(self, argv: list[str], run: Run) -> None:
        tail = "\n".join((run.stdout + run.stderr).splitlines()[-30:])
        super().__init__(f"{' '.join(argv)} exited {run.returncode}:\n{tail}")


def python(*args: str) -> list[str]:
    """This interpreter (the project's venv) running a module or script."""
    return [sys.executable, *args]


def run(
    argv: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float | None = None, check: bool = True
) -> Run:
    """Run a command to its end; timing covers start-up, imports and exit, as a user waits for it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err)
        timer = threading.Timer(timeout, process.kill) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            if timer:
                timer.cancel()
        timing = Timing(time.perf_counter() - start, usage.ru_utime + usage.ru_stime)
        process.returncode = os.waitstatus_to_exitcode(status)
        result = Run(timing, usage.ru_maxrss, process.returncode, _read(out), _read(err))
    if check and result.returncode != 0:
        raise CommandFailed(argv, result)
    return result


def _read(handle: IO[bytes]) -> str:
    handle.seek(0)
    return handle.read().decode("utf-8", errors="replace")

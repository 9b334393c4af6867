"""Run a module as `python -m` would, under cProfile: `python -m benchmarks.profiled OUT MODULE [ARGS...]`.

Unlike `python -m cProfile`, which swallows SystemExit, this exits with the
module's own exit code, so a failed command is not mistaken for a profile. A
command that ends with os._exit, as `briefing check` does to skip the
interpreter's tear-down, has its profile written first.
"""

from __future__ import annotations

import cProfile
import os
import runpy
import sys
from typing import NoReturn


def main(argv: list[str]) -> int:
    out, module, *args = argv
    sys.argv = [module, *args]
    profiler = cProfile.Profile()
    exit_at_once = os._exit

    def exit_after_writing_the_profile(code: int) -> NoReturn:
        profiler.disable()
        profiler.dump_stats(out)
        exit_at_once(code)

    os._exit = exit_after_writing_the_profile  # type: ignore[assignment]
    try:
        profiler.runcall(runpy.run_module, module, run_name="__main__", alter_sys=True)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    finally:
        profiler.dump_stats(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Run a module as `python -m` would, under cProfile: `python -m benchmarks.profiled OUT MODULE [ARGS...]`.

Unlike `python -m cProfile`, which swallows SystemExit, this exits with the
module's own exit code, so a failed command is not mistaken for a profile.
"""

from __future__ import annotations

import cProfile
import runpy
import sys


def main(argv: list[str]) -> int:
    out, module, *args = argv
    sys.argv = [module, *args]
    profiler = cProfile.Profile()
    try:
        profiler.runcall(runpy.run_module, module, run_name="__main__", alter_sys=True)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    finally:
        profiler.dump_stats(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

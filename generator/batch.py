"""Running an allocation-heavy stage without Python's cycle collector."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def without_cycle_collection(stage: Callable[P, R]) -> Callable[P, R]:
    """Run the stage with the cyclic garbage collector paused, as it was before afterwards.

    A stage builds millions of small dicts, lists and models and frees almost none
    until it returns; the collector, triggered by allocations, would walk all of
    them again and again: half the time of checking a large briefing. Reference
    counting still frees everything that is not in a cycle, and the stages make
    few cycles, collected as usual once the collector runs again.
    """

    @functools.wraps(stage)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return stage(*args, **kwargs)
        gc.disable()
        try:
            return stage(*args, **kwargs)
        finally:
            gc.enable()

    return paused

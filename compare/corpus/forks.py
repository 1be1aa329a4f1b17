"""The figures' heavy steps spread over forked processes: the per-report figures and
the pair tallies (``pairs``).

The figures of an audit read large arrays this process built (holders,
lineage, provenance tables): a forked child sees them as they
are, without pickling or copying (the pages are shared until written, and
nothing writes them), and only the answers travel back. Items go out in contiguous
chunks (a child's caches serve runs of neighbouring reports) and the answers
come back in the order of the items, so the figures are the ones one process
computes.

Fork only, on Linux: elsewhere, or where the caller holds threads (a Dask
client), ``jobs`` is 1 and the map runs here.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from typing import Any, TypeVar

from .._runtime import sigterm_held, worker_signals

Item = TypeVar("Item")
Answer = TypeVar("Answer")

CHUNKS_PER_JOB = 4  # enough to even out uneven chunks, few enough to keep runs together

# The task of the map under way: forked children find it here (a closure over the
# corpus cannot be pickled, and needs not be: the child has the parent's memory).
_task: Callable[[Any], Any] | None = None


def can_fork() -> bool:
    """Linux only: macOS has ``fork`` but its system libraries are not safe in a forked
    child (CPython spawns there by default), and Windows has none."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def fork_map(task: Callable[[Item], Answer], items: Sequence[Item], jobs: int) -> list[Answer]:
    """``[task(item) for item in items]``, over ``jobs`` forked processes when more than one."""
    if jobs < 2 or len(items) < 2 or not can_fork():
        return [task(item) for item in items]
    global _task
    _task = task
    try:
        context = multiprocessing.get_context("fork")
        with ExitStack() as stack:
            with sigterm_held():  # the pool forks its workers as it is made
                pool = stack.enter_context(context.Pool(jobs, initializer=worker_signals))
            parts = pool.map(_run_chunk, contiguous_runs(items, jobs * CHUNKS_PER_JOB), chunksize=1)
    finally:
        _task = None
    return [answer for part in parts for answer in part]


def contiguous_runs(items: Sequence[Item], count: int) -> list[Sequence[Item]]:
    """``items`` cut into at most ``count`` contiguous, nearly equal runs."""
    size = -(-len(items) // count)
    return [items[at : at + size] for at in range(0, len(items), size)]


def _run_chunk(chunk: Sequence[Any]) -> list[Any]:
    assert _task is not None  # set before the pool forked
    return [_task(item) for item in chunk]

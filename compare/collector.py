"""Python's cyclic garbage collector, paused while a stage builds objects that all live on.

Comparing two long reports builds hundreds of thousands of small objects (units,
shared runs, rows) that stay alive until the comparison is returned. CPython's
collector runs a full collection over everything it tracks each time the objects
kept since the last one pass a quarter of the total, so its work grows faster than
the text: at 300,000 characters a side it ran 0.3-0.4 s of a 5 s compare, none at
30,000. What it could free is next to nothing (100 to 230 unreachable objects
after a compare of two real reports), so the stage runs with it paused, and it
resumes as it was. An audit's figures run paused too: at 10,000 reports the
collector took 0.5 s of them in the calling process, and the children they fork
inherit the pause (a full collection writes to every object it visits, so each
would copy pages it shares with the parent).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # pauses under way, in any thread
_was_enabled = False  # the collector's state when the first of them began


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block; the collector is left as it was found
    (a caller that had disabled it keeps it disabled).

    The collector is one per process: pauses in several threads (two comparisons at
    once) count as one, which ends with the last of them. A thread that switches the
    collector off while a pause is under way has it switched back on when the pause
    ends."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()

"""The command's process: what its exit codes mean, signals, other libraries' output.

Kept apart from :mod:`compare.cli` (which parses options and calls the library) and
free of click: SIGINT and SIGTERM stop a run cleanly (temp files are removed as the
stack unwinds), ``--jobs`` workers exit quietly, and the warnings and log records
of pypdf, jieba and the rest reach stderr only when asked for.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum


class ExitStatus(IntEnum):
    """What the exit code means."""

    OK = 0
    ERROR = 1  # bad input or output: one line on stderr
    USAGE = 2  # bad options (click's own code)
    INTERRUPTED = 130  # SIGINT (Ctrl-C), 128 + 2 as shells report it
    TERMINATED = 143  # SIGTERM, 128 + 15


STOPPING = {signal.SIGINT: ExitStatus.INTERRUPTED, signal.SIGTERM: ExitStatus.TERMINATED}


class Stopped(BaseException):
    """A signal asked the run to stop. A BaseException, like KeyboardInterrupt, so no
    ``except Exception`` swallows it; unwinding removes temp files on the way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def stopped_by_signals() -> Iterator[None]:
    """SIGINT and SIGTERM raise :class:`Stopped` in this process; a ``--jobs`` worker
    (a fork of it) just exits, and leaves the one line to this process."""
    here = os.getpid()

    def stop(signum: int, frame: object) -> None:
        if os.getpid() != here:
            os._exit(128 + signum)
        raise Stopped(signum)

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may handle signals (the CLI called from a thread)
        return
    previous = {sig: signal.signal(sig, stop) for sig in STOPPING}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def third_party_output(verbose: bool) -> Iterator[None]:
    """Log records and warnings of the libraries we use (pypdf, jieba...) reach
    stderr only with ``--verbose``; otherwise what matters is our one line."""
    root = logging.getLogger()
    handler: logging.Handler = logging.NullHandler()  # keeps logging's last resort quiet
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("reportdiff: verbose: %(name)s: %(message)s"))
    root.addHandler(handler)
    logging.captureWarnings(verbose)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default" if verbose else "ignore")
            yield
    finally:
        logging.captureWarnings(False)
        root.removeHandler(handler)

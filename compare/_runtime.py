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
from collections.abc import Callable, Iterator
from concurrent.futures import InvalidStateError
from contextlib import contextmanager
from enum import IntEnum
from functools import partial


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
    (a fork of it) leaves the stopping and the one line to this process.

    A terminal's Ctrl-C reaches every process of the group: the workers ignore it, so
    the pool is shut down by this process rather than found broken mid-cancel. A
    SIGTERM ends a worker at once (``kill`` names one process): pools give their
    workers the default action (:func:`worker_signals`). The handler's test of the
    process id is a fallback for a fork that does not, and acts only between bytecodes
    (not while the fork is blocked in C)."""
    here = os.getpid()
    stopping: list[int] = []

    def stop(signum: int, frame: object) -> None:
        if os.getpid() != here:
            if signum != signal.SIGINT:
                os._exit(128 + signum)
            return
        stopping.append(signum)
        raise Stopped(signum)

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may handle signals (the CLI called from a thread)
        return
    previous = {sig: signal.signal(sig, stop) for sig in STOPPING}
    previous_hook = threading.excepthook
    threading.excepthook = partial(_quiet_cancelled_pool, stopping, previous_hook)
    try:
        yield
    finally:
        threading.excepthook = previous_hook
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def worker_signals() -> None:
    """The signals of a ``--jobs`` worker process (every pool's initializer).

    Ctrl-C reaches the whole process group: the workers ignore it, and the parent
    stops the pool and says so in one line. SIGTERM gets the system's default action
    back, ending the worker wherever it is. A forked worker would otherwise inherit
    the parent's Python handler, and a Python handler runs only between bytecodes: a
    SIGTERM landing just before the worker blocks on its task queue's lock was lost,
    the worker slept on, and multiprocessing's ``Pool.terminate`` (which ``with Pool()``
    ends in) waited for it forever (a loop of ``fork_map`` calls hung between the 400th
    and the 600th; with the default action, 3,000 ran through). A SIGTERM held back by
    :func:`sigterm_held` reaches the worker once the default action is set."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


@contextmanager
def sigterm_held() -> Iterator[None]:
    """SIGTERM held back in this thread while it forks workers.

    A fork keeps the parent's Python handler until its initializer
    (:func:`worker_signals`) sets the default action; a SIGTERM in between would be
    dropped (CPython prints "ignored due to race condition") and the worker would sleep
    on. Held, the signal waits in the worker until its initializer lets it through, and
    here until the forks are made."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _quiet_cancelled_pool(
    stopping: list[int],
    previous: Callable[[threading.ExceptHookArgs], object],
    args: threading.ExceptHookArgs,
) -> None:
    """While a signal stops the run, a process pool whose workers died with it may
    try to fail a future the stop already cancelled: CPython before 3.12 lets that
    InvalidStateError escape its pool thread as a traceback (python/cpython#107219).
    It says nothing the one line does not, so it is dropped; all else is printed."""
    if stopping and args.exc_type is InvalidStateError:
        return
    previous(args)


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

"""Where an audit's heavy stages run: this machine, or a Dask cluster.

An engine does two things: read files into records (read, outline, cut
into clauses, sketch and band-hash every clause: per report, so it spreads
over processes or workers) and group the distinct clauses' band hashes into
near-duplicate groups (a group-by on ``(band, hash)``: a shuffle on a
cluster). Everything after, the figures, runs where the engine was called,
on arrays that do not depend on the engine: both give byte-equal results.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from typing import Protocol

import numpy as np

from .._runtime import worker_signals
from ..errors import ReportError
from ..settings import AuditSettings
from .bands import ColumnSource, Groups, band_runs, group_columns, make_groups
from .clause_index import IdArray
from .columns import BandColumns
from .records import ReportRecord, read_record

Progress = Callable[[int], None]
PARALLEL_FROM = 100_000  # distinct clauses from which bands are sorted in the workers


class Engine(Protocol):
    """Reads reports and groups band hashes."""

    # Processes the figures may fork on the calling machine (1: they run in the caller).
    figure_jobs: int

    def read(
        self, paths: list[str], settings: AuditSettings, progress: Progress | None = None
    ) -> Iterator[ReportRecord | ReportError]:
        """Records of the files, in the order given; unreadable files as errors."""
        ...

    def group(self, source: ColumnSource) -> Groups:
        """Near-duplicate groups of the distinct clauses whose band hashes are given."""
        ...


def read_safely(path: str, settings: AuditSettings) -> ReportRecord | ReportError:
    """A record, or the error that says why the file cannot be read."""
    try:
        return read_record(path, settings)
    except ReportError as exc:
        return exc


class LocalEngine:
    """This machine: ``jobs`` processes read, the calling process groups."""

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = jobs
        self.figure_jobs = jobs  # fork_map runs in one process where it cannot fork

    def read(
        self, paths: list[str], settings: AuditSettings, progress: Progress | None = None
    ) -> Iterator[ReportRecord | ReportError]:
        """Records in order; errors are yielded, not raised, so one bad file among
        thousands does not stop an audit."""
        read = partial(read_safely, settings=settings)
        if self.jobs > 1 and len(paths) > 1:
            chunk = max(1, min(32, len(paths) // (self.jobs * 4)))
            with ProcessPoolExecutor(self.jobs, initializer=worker_signals) as pool:
                for item in pool.map(read, paths, chunksize=chunk):
                    if progress:
                        progress(1)
                    yield item
        else:
            for path in paths:
                item = read(path)
                if progress:
                    progress(1)
                yield item

    def group(self, source: ColumnSource) -> Groups:
        """Band groups; with ``jobs`` processes the bands are sorted in the workers (25
        independent sorts of millions of hashes) while this process merges them in
        band order, so the groups are the ones one process makes."""
        if self.jobs < 2 or not isinstance(source, BandColumns) or source.rows < PARALLEL_FROM:
            return group_columns(source)
        return make_groups(self._band_runs_in_workers(source), source.rows)

    def _band_runs_in_workers(self, source: BandColumns) -> Iterator[tuple[IdArray, IdArray]]:
        """Each band's runs in band order, sorted in fresh worker processes; at most a band
        per worker waits in memory."""
        runs_of = partial(_band_runs_in_file, rows=source.rows)
        pending: deque[Future[tuple[IdArray, IdArray]]] = deque()
        # Fresh processes, not forks: a fork of a process holding gigabytes of corpus
        # shares them only until either side writes, and each band is a file anyway.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(self.jobs, context, initializer=worker_signals) as pool:
            for band in range(source.bands):
                pending.append(pool.submit(runs_of, source.path(band)))
                if len(pending) > self.jobs:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()


def _band_runs_in_file(path: str, rows: int) -> tuple[IdArray, IdArray]:
    """:func:`band_runs` of one band's column, read from its file (in a worker)."""
    return band_runs(np.fromfile(path, dtype=np.uint64, count=rows))

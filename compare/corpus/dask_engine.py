"""The audit's heavy stages on a Dask cluster (``pip install 'reportdiff[dask]'``).

- **read**: a Dask bag over the file paths, ``read_safely`` mapped over it:
  each worker reads, outlines, cuts into clauses, sketches and band-hashes
  its files. Partitions come back in path order, so the client interns the
  clauses in the order the local engine does.
- **group**: a hash-partitioned shuffle of ``(band, band hash, clause)``.
  The band-hash table is cut into blocks; each block splits its rows into
  ``P`` parts by hash (``hash % P``); part ``j`` of every block goes to the
  reducer ``j``, which sorts its rows and returns the runs of equal
  ``(band, hash)`` (two clauses or more). Rows move once, 20 bytes each
  (band, hash, clause): ``20 x bands x distinct clauses`` in all.
  ``bands.make_groups`` numbers the groups by their members, so the groups,
  and every figure after them, are those the local engine computes.

Only the figures (small arrays per clause and per report) run on the client.
Without ``scheduler`` a ``LocalCluster`` of ``workers`` processes (on the
loopback interface) is started and closed with the engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import ReportError
from ..settings import AuditSettings
from .bands import BandHashes, ColumnSource, Groups, make_groups
from .engines import Progress, read_safely
from .records import ReportRecord

IdArray = NDArray[np.int64]
_ROWS_PER_BLOCK = 1 << 18  # distinct clauses per shuffle block
_FILES_PER_PARTITION = 16


def _split_block(
    bands: BandHashes, first: int, parts: int
) -> list[tuple[NDArray[np.int64], NDArray[np.uint64], IdArray]]:
    """Rows ``(band, hash, clause)`` of one block, split into ``parts`` by hash."""
    count, width = bands.shape
    band = np.tile(np.arange(width, dtype=np.int64), count)
    value = bands.reshape(-1)
    clause = np.repeat(np.arange(first, first + count, dtype=np.int64), width)
    target = (value % np.uint64(parts)).astype(np.int64)
    order = np.argsort(target, kind="stable")
    cuts = np.searchsorted(target[order], np.arange(1, parts))
    return [(band[idx], value[idx], clause[idx]) for idx in np.split(order, cuts)]


def _runs_of_part(
    pieces: list[tuple[NDArray[np.int64], NDArray[np.uint64], IdArray]], width: int
) -> list[tuple[IdArray, IdArray]]:
    """For each band, ``(run label, clause)`` of runs of two or more equal hashes."""
    band = np.concatenate([p[0] for p in pieces])
    value = np.concatenate([p[1] for p in pieces])
    clause = np.concatenate([p[2] for p in pieces])
    out = []
    for k in range(width):
        mine = band == k
        v, c = value[mine], clause[mine]
        order = np.lexsort((c, v))
        v, c = v[order], c[order]
        starts = np.flatnonzero(np.concatenate(([True], v[1:] != v[:-1])))
        lengths = np.diff(np.concatenate((starts, [len(v)])))
        keep = lengths >= 2
        label = np.repeat(np.cumsum(keep) - 1, lengths)
        inside = np.repeat(keep, lengths)
        out.append((label[inside].astype(np.int64), c[inside]))
    return out


def _take(split: list[Any], j: int) -> Any:
    return split[j]


def _reduce(width: int, *pieces: tuple[NDArray[np.int64], NDArray[np.uint64], IdArray]) -> Any:
    return _runs_of_part(list(pieces), width)


class DaskEngine:
    """Reading, sketching and banding on a Dask cluster."""

    # The figures run in the caller, unforked: the client holds threads, and a fork
    # copies none of them (a child could wait forever on a lock one held).
    figure_jobs = 1

    def __init__(self, scheduler: str | None = None, workers: int = 2) -> None:
        from dask.distributed import Client, LocalCluster

        self._cluster: Any = None
        if scheduler is None:
            self._cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",
            )
            self.client: Any = Client(self._cluster)
        else:
            self.client = Client(scheduler, timeout="10s")

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(
        self, paths: list[str], settings: AuditSettings, progress: Progress | None = None
    ) -> Iterator[ReportRecord | ReportError]:
        """Records in path order, read on the workers a partition of files at a time."""
        import dask.bag as db

        if not paths:
            return
        parts = max(1, len(paths) // _FILES_PER_PARTITION)
        bag = db.from_sequence(paths, npartitions=parts).map(
            partial(read_safely, settings=settings)
        )
        futures = self.client.compute(bag.to_delayed())
        for future in futures:
            items = future.result()
            future.release()
            for item in items:
                if progress:
                    progress(1)
                yield item

    def group(self, source: ColumnSource) -> Groups:
        """Band groups by a hash-partitioned shuffle on the workers."""
        count, width = source.rows, source.bands
        if count == 0:
            return make_groups([], 0)
        parts = max(1, -(-count // _ROWS_PER_BLOCK))
        split = []
        for lo in range(0, count, _ROWS_PER_BLOCK):
            rows = np.column_stack(
                [source.column(k, lo, min(lo + _ROWS_PER_BLOCK, count)) for k in range(width)]
            )
            data = self.client.scatter(rows)
            split.append(self.client.submit(_split_block, data, lo, parts, pure=False))
        shuffled = [
            [self.client.submit(_take, block, j, pure=False) for block in split]
            for j in range(parts)
        ]
        reduced = [self.client.submit(_reduce, width, *row, pure=False) for row in shuffled]
        per_part = self.client.gather(reduced)
        runs = []
        for k in range(width):
            labels, members, offset = [], [], 0
            for part in per_part:
                label, member = part[k]
                labels.append(label + offset)
                members.append(member)
                offset += int(label[-1]) + 1 if len(label) else 0
            runs.append((np.concatenate(labels), np.concatenate(members)))
        return make_groups(runs, count)

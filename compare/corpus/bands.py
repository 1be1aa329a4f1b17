"""LSH banding as sorted arrays: which clauses share a band with which.

MinHash LSH cuts each signature into ``b`` bands of ``r`` values; two clauses
are near-duplicate candidates when any band is equal. datasketch keeps a
Python dict per band from band bytes to a list of keys, about 10 KB per
distinct clause on real text. Here each band of each clause is reduced to one
64-bit hash (a fixed mix of its ``r`` values, the same on every machine and
under any ``PYTHONHASHSEED``), and the clauses that share a band are found by
sorting each band's column: equal hashes sit together. ``b`` and ``r`` are
datasketch's own choice for the threshold, so the candidates are the ones
``MinHashLSH`` would give (two different bands hashing alike has odds of
2**-64 per pair).

A *group* is a set of at least two clauses equal in one band. Bands often
group the same clauses alike (a family of variants that differ in one
figure), so groups with the same members are kept once, found by two
independent 64-bit hashes of the member set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from ..pair.sketch import _GOLDEN, _M1, _M2, BandHashes, _fmix64, band_hashes, band_shape

__all__ = [
    "BandHashes",
    "ColumnSource",
    "Groups",
    "band_hashes",
    "band_shape",
    "group_bands",
    "group_columns",
    "make_groups",
]


@dataclass
class Groups:
    """Sets of clauses equal in some band, each kept once.

    ``members[member_start[g] : member_start[g + 1]]`` are the clauses of group
    ``g`` (ascending); ``of_clause[clause_start[i] : clause_start[i + 1]]`` are
    the groups clause ``i`` belongs to (ascending). Groups are numbered by
    their members, so equal bands give equal numbers whoever computes them.
    """

    member_start: NDArray[np.int64]
    members: NDArray[np.int64]
    clause_start: NDArray[np.int64]
    of_clause: NDArray[np.int64]

    @property
    def count(self) -> int:
        return len(self.member_start) - 1

    def of(self, clause: int) -> NDArray[np.int64]:
        return self.of_clause[self.clause_start[clause] : self.clause_start[clause + 1]]

    def members_of(self, group: int) -> NDArray[np.int64]:
        return self.members[self.member_start[group] : self.member_start[group + 1]]


def band_runs(column: NDArray[np.uint64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Clauses sharing a value in one band: ``(run label, clause)`` for runs of two or more.

    Clauses come out ascending within a run (a stable sort keeps id order).
    """
    order = np.argsort(column, kind="stable")
    ordered = column[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    lengths = np.diff(np.concatenate((starts, [len(column)])))
    keep = lengths >= 2
    label = np.repeat(np.cumsum(keep) - 1, lengths)
    inside = np.repeat(keep, lengths)
    return label[inside].astype(np.int64), order[inside].astype(np.int64)


def _set_keys(label: NDArray[np.int64], member: NDArray[np.int64]) -> NDArray[np.uint64]:
    """Per run: its smallest member, two order-free 64-bit hashes of its members, its size.

    ``label`` ascends and members ascend within a run (as :func:`band_runs` gives them).
    """
    if len(label) == 0:
        return np.zeros((0, 4), dtype=np.uint64)
    starts = np.flatnonzero(np.concatenate(([True], label[1:] != label[:-1])))
    one = _fmix64(member.astype(np.uint64) + _GOLDEN)
    two = _fmix64(member.astype(np.uint64) * _M1 + _M2)
    sizes = np.diff(np.concatenate((starts, [len(label)])))
    return np.column_stack(
        (
            member[starts].astype(np.uint64),
            np.add.reduceat(one, starts),
            np.add.reduceat(two, starts),
            sizes.astype(np.uint64),
        )
    )


def make_groups(runs: list[tuple[NDArray[np.int64], NDArray[np.int64]]], clauses: int) -> Groups:
    """Groups from every band's runs (``band_runs`` of each column), each set kept once."""
    labels, members, keys = [], [], []
    offset = 0
    for label, member in runs:
        count = int(label[-1]) + 1 if len(label) else 0
        labels.append(label + offset)
        members.append(member)
        keys.append(_set_keys(label, member))
        offset += count
    label = np.concatenate(labels) if labels else np.zeros(0, np.int64)
    member = np.concatenate(members) if members else np.zeros(0, np.int64)
    table = np.concatenate(keys) if keys else np.zeros((0, 4), np.uint64)
    # One group per distinct member set, numbered by (smallest member, hashes): canonical.
    distinct, first_at, canonical = np.unique(table, axis=0, return_index=True, return_inverse=True)
    canonical = canonical.reshape(-1)
    chosen = np.isin(label, first_at)  # the members of one instance of each distinct set
    group_of = canonical[label[chosen]]
    order = np.lexsort((member[chosen], group_of))
    g_sorted, m_sorted = group_of[order], member[chosen][order]
    member_start = np.searchsorted(g_sorted, np.arange(len(distinct) + 1)).astype(np.int64)
    by_clause = np.lexsort((g_sorted, m_sorted))
    clause_start = np.searchsorted(m_sorted[by_clause], np.arange(clauses + 1)).astype(np.int64)
    return Groups(member_start, m_sorted, clause_start, g_sorted[by_clause])


class ColumnSource(Protocol):
    """Where band hashes come from a band at a time (``columns.BandColumns``)."""

    bands: int
    rows: int

    def column(self, band: int, start: int = 0, stop: int | None = None) -> NDArray[np.uint64]:
        """One band's hashes, by clause id."""
        ...


def group_columns(source: ColumnSource) -> Groups:
    """All groups of clauses equal in some band, reading one band's column at a time."""
    return make_groups([band_runs(source.column(k)) for k in range(source.bands)], source.rows)


def group_bands(table: BandHashes) -> Groups:
    """All groups of the clauses whose band hashes are the rows of ``table``."""
    runs = [band_runs(np.ascontiguousarray(table[:, k])) for k in range(table.shape[1])]
    return make_groups(runs, len(table))

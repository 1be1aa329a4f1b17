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

from collections.abc import Iterable
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from ..pair.sketch import _GOLDEN, _M1, _M2, BandHashes, _fmix64, band_hashes, band_shape

IdArray = NDArray[np.signedinteger[Any]]  # int32 while ids fit, else int64


def id_type(largest: int) -> type[np.signedinteger[Any]]:
    """int32 for ids up to ``largest`` when they fit (half the memory of int64)."""
    return np.int32 if largest < 2**31 else np.int64


def run_starts(*columns: NDArray[Any]) -> NDArray[np.bool_]:
    """For rows sorted by ``columns`` (equal length, at least one row), whether each row
    starts a run of rows equal in every column."""
    first = columns[0]
    out = np.empty(len(first), dtype=bool)
    out[0] = True
    np.not_equal(first[1:], first[:-1], out=out[1:])
    for column in columns[1:]:
        out[1:] |= column[1:] != column[:-1]
    return out


def gather(start: NDArray[np.int64], values: IdArray, rows: IdArray) -> IdArray:
    """``values[start[r] : start[r + 1]]`` for each of ``rows``, run together."""
    lo, hi = start[rows], start[rows + 1]
    lengths = hi - lo
    total = int(lengths.sum())
    if total == 0:
        return values[:0]
    offsets = np.repeat(lo - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    out: IdArray = values[np.arange(total, dtype=np.int64) + offsets]
    return out


def transposed(start: NDArray[Any], items: IdArray, columns: int) -> tuple[IdArray, IdArray]:
    """For rows given as ``items[start[r] : start[r + 1]]``: each column's rows, ascending,
    as ``(start, rows)`` again (each int32 while its values fit: offsets into the
    items, row numbers).

    scipy's CSR-to-CSC conversion, a counting sort in C: no comparison sort of
    the (column, row) pairs at all (at 10,000 reports 0.9 s against 3.3 s).
    """
    from scipy import sparse  # here: the processes that sort band columns never need it

    rows = len(start) - 1
    if len(items) == 0:
        return np.zeros(columns + 1, dtype=np.int32), np.zeros(0, dtype=id_type(rows))
    table = sparse.csr_array(
        (np.ones(len(items), dtype=np.int8), items, start), shape=(rows, columns)
    ).tocsc()
    offsets = id_type(len(items))
    return table.indptr.astype(offsets, copy=False), table.indices.astype(id_type(rows), copy=False)


__all__ = [
    "BandHashes",
    "ColumnSource",
    "Groups",
    "IdArray",
    "band_hashes",
    "band_shape",
    "found_in",
    "gather",
    "group_bands",
    "group_columns",
    "id_type",
    "make_groups",
    "run_starts",
    "transposed",
]


class Groups:
    """Sets of clauses equal in some band, each kept once.

    ``members[member_start[g] : member_start[g + 1]]`` are the clauses of group
    ``g`` (ascending); ``of_clause[clause_start[i] : clause_start[i + 1]]`` are
    the groups clause ``i`` belongs to (ascending). Groups are numbered by
    their members, so equal bands give equal numbers whoever computes them.

    The by-clause arrays are the members transposed, made when first asked for:
    the holders take them into their keys, after which :meth:`forget_by_clause`
    lets them go (at 50,000 reports some 450 MB held through the figures).
    """

    def __init__(self, member_start: IdArray, members: IdArray, clauses: int) -> None:
        self.member_start, self.members, self.clauses = member_start, members, clauses
        self._by_clause: tuple[IdArray, IdArray] | None = None

    @property
    def count(self) -> int:
        return len(self.member_start) - 1

    @property
    def clause_start(self) -> IdArray:
        return self._transposed()[0]

    @property
    def of_clause(self) -> IdArray:
        return self._transposed()[1]

    def _transposed(self) -> tuple[IdArray, IdArray]:
        if self._by_clause is None:
            self._by_clause = transposed(self.member_start, self.members, self.clauses)
        return self._by_clause

    def forget_by_clause(self) -> None:
        """Let the by-clause arrays go (made again if asked for)."""
        self._by_clause = None

    def of(self, clause: int) -> IdArray:
        return self.of_clause[self.clause_start[clause] : self.clause_start[clause + 1]]

    def members_of(self, group: int) -> IdArray:
        return self.members[self.member_start[group] : self.member_start[group + 1]]


_MARK_BITS_MAX = 28  # the bitmap of repeated values: at most 256 MB


def band_runs(column: NDArray[np.uint64]) -> tuple[IdArray, IdArray]:
    """Clauses sharing a value in one band: ``(run label, clause)`` for runs of two or more,
    runs in ascending value, clauses ascending within a run.

    Nine clauses in ten share no band value with any other, so the column is not
    argsorted whole. The high 32 bits of every value are sorted (a 32-bit sort:
    1.7 s against 2.8 s at 37 million values) to find the repeated ones; a
    bitmap picks out the rows that may hold them; only those rows are ordered by
    their whole value (an unstable argsort; the rows of each run are put back in
    ascending order by :func:`_rows_ascending_per_run`), and rows alone in their value
    dropped. One band of the
    50,000-report bench corpus (37.6 million rows): 3.6-4.2 s, against 5.6-6.0 s
    when the whole 64-bit values were sorted first.
    """
    ids = id_type(len(column))
    high = (column >> np.uint64(32)).astype(np.uint32)
    ordered = np.sort(high)
    repeated = ordered[1:][ordered[1:] == ordered[:-1]]
    del ordered
    if len(repeated) == 0:
        return np.zeros(0, dtype=ids), np.zeros(0, dtype=ids)
    maybe = _marked_rows(high, repeated[run_starts(repeated)])
    del high, repeated
    values = column[maybe]
    order = np.argsort(values)  # unstable (a fifth of a stable one): rows put back below
    values, rows = values[order], maybe[order]
    starts = run_starts(values)
    alone = starts.copy()
    alone[:-1] &= starts[1:]  # starts a run and the next row starts another
    values, rows = values[~alone], rows[~alone]
    if len(values) == 0:
        return np.zeros(0, dtype=ids), np.zeros(0, dtype=ids)
    label = np.cumsum(run_starts(values)) - 1
    return _rows_ascending_per_run(label, rows, len(column))


def _rows_ascending_per_run(label: IdArray, rows: IdArray, size: int) -> tuple[IdArray, IdArray]:
    """``(label, rows)`` ordered by label, then row (rows of a column of ``size`` rows):
    one sort of both packed in a word while they fit (a two-key lexsort otherwise)."""
    ids, bits = id_type(size), max(1, size.bit_length())
    if 2 * bits > 64:
        order = np.lexsort((rows, label))
        return label[order].astype(ids), rows[order].astype(ids)
    shift = np.uint64(bits)
    packed = np.sort((label.astype(np.uint64) << shift) | rows.astype(np.uint64))
    low = np.uint64((1 << bits) - 1)
    return (packed >> shift).astype(ids), (packed & low).astype(ids)


_MARK_CHUNK = 1 << 20  # rows looked up in the bitmap at once (8 MB temporaries, in cache)


def _marked_rows(column: NDArray[np.uint32], repeated: NDArray[np.uint32]) -> IdArray:
    """The rows whose value's low bits are some repeated value's (ascending): every row
    holding a repeated value, and about one in 64 of the others (values are uniform).

    The column is looked up a chunk at a time: two column-sized temporaries cost more
    than the look-ups themselves (at 37 million rows, 1.45 -> 0.54 s).
    """
    bits = min(_MARK_BITS_MAX, max(16, len(repeated).bit_length() + 6))  # <= 1/64 false marks
    low = np.uint32((1 << bits) - 1)
    marked = np.zeros(1 << bits, dtype=bool)
    marked[(repeated & low).astype(np.intp)] = True
    parts = [
        np.flatnonzero(marked[(column[at : at + _MARK_CHUNK] & low).astype(np.intp)]) + at
        for at in range(0, len(column), _MARK_CHUNK)
    ]
    return np.concatenate(parts)


def _set_keys(label: IdArray, member: IdArray) -> NDArray[np.uint64]:
    """Per run: its smallest member, two order-free 64-bit hashes of its members, its size.

    ``label`` ascends and members ascend within a run (as :func:`band_runs` gives them).
    """
    if len(label) == 0:
        return np.zeros((0, 4), dtype=np.uint64)
    starts = np.flatnonzero(run_starts(label))
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


def _first_of_each(one: NDArray[np.uint64], two: NDArray[np.uint64]) -> IdArray:
    """The first position of each distinct ``(one, two)``, ascending by ``(one, two)``
    (the order the look-ups that follow pass over the kept sets in, not at random).

    One band's runs are disjoint sets (a clause has one value in a band), so their
    hashes differ but for a 2**-64 chance: ordered by the first hash alone, by an
    unstable argsort (a sixth of the time of the stable two-key ``lexsort``), none
    are alike, and every position is a first. Only if some are alike is the
    ``lexsort`` made."""
    order = np.argsort(one)
    ordered = one[order]
    if not (ordered[1:] == ordered[:-1]).any():
        return order
    order = np.lexsort((two, one))  # stable: the first of equal pairs comes first
    out: IdArray = order[run_starts(one[order], two[order])]
    return out


def found_in(values: NDArray[Any], sorted_keys: NDArray[Any]) -> NDArray[np.bool_]:
    """Whether each value is in the ascending array ``sorted_keys``, by bisection (for
    a table that grows band by band, ``np.isin`` would sort it again with the values
    each time)."""
    if len(sorted_keys) == 0:
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, values), len(sorted_keys) - 1)
    found: NDArray[np.bool_] = sorted_keys[at] == values
    return found


class GroupBuilder:
    """Collects every band's runs, keeping each distinct member set once, band by band.

    Only the members of sets not seen in an earlier band are kept, so memory
    holds the distinct groups and one band's runs, never every band's runs. A set
    is known by its two 64-bit hashes (128 bits: two different sets alike in both
    is treated as impossible, as the clause table treats its hashes); the sets
    kept so far are held sorted by the first hash, so a band's sets are looked up
    by bisection on one uint64 array and merged into it in one pass.
    """

    def __init__(self) -> None:
        self._seen_one = np.zeros(0, dtype=np.uint64)  # first hash of each set kept, sorted
        self._seen_two = np.zeros(0, dtype=np.uint64)  # its second hash, alongside
        self._keys: list[NDArray[np.uint64]] = []
        self._members: list[IdArray] = []
        self._count = 0

    def _seen(self, one: NDArray[np.uint64], two: NDArray[np.uint64]) -> NDArray[np.bool_]:
        """Whether each set (by its two hashes) was kept from an earlier band."""
        lo = np.searchsorted(self._seen_one, one, side="left")
        hi = np.searchsorted(self._seen_one, one, side="right")
        found = np.zeros(len(one), dtype=bool)
        single = hi - lo == 1
        found[single] = self._seen_two[lo[single]] == two[single]
        for i in np.flatnonzero(hi - lo > 1).tolist():  # first hashes alike: ~never
            found[i] = bool((self._seen_two[lo[i] : hi[i]] == two[i]).any())
        return found

    def _keep(self, one: NDArray[np.uint64], two: NDArray[np.uint64]) -> None:
        """Merge new sets' hashes into the sorted ones (one pass, no sort of the whole).
        Sets alike in the first hash may lie in any order: :meth:`_seen` looks at all."""
        order = np.argsort(one)
        at = np.searchsorted(self._seen_one, one[order])
        self._seen_one = np.insert(self._seen_one, at, one[order])
        self._seen_two = np.insert(self._seen_two, at, two[order])

    def add_band(self, label: IdArray, member: IdArray) -> None:
        """One band's runs: ascending run labels from 0, members ascending within a run."""
        if len(label) == 0:
            return
        keys = _set_keys(label, member)
        one, two = keys[:, 1], keys[:, 2]
        first = _first_of_each(one, two)  # a band's sets differ, but for hash collisions
        fresh = np.sort(first[~self._seen(one[first], two[first])])
        if len(fresh) == 0:
            return
        renumber = np.full(len(keys), -1, dtype=np.int64)
        renumber[fresh] = np.arange(self._count, self._count + len(fresh))
        # kept group after group, in the order they are numbered here (labels ascend)
        self._members.append(member[renumber[label] >= 0])
        self._keys.append(keys[fresh])
        self._keep(one[fresh], two[fresh])
        self._count += len(fresh)

    def finish(self, clauses: int) -> Groups:
        """The groups, numbered by (smallest member, hashes, size): the same whoever built them.

        The members were kept group after group in the order groups were built, so
        numbering them is moving whole groups, not sorting (group, member) pairs: at
        50,000 reports 96 million of them, whose sort was 10 of this step's 27 s.
        """
        keys = np.concatenate(self._keys) if self._keys else np.zeros((0, 4), np.uint64)
        self._keys = []
        order = canonical_order(keys, clauses)
        sizes = keys[:, 3].astype(np.int64)
        del keys
        member = np.concatenate(self._members) if self._members else np.zeros(0, np.int64)
        self._members = []
        built_start = np.concatenate(([0], np.cumsum(sizes)))
        members = _segments_in_order(built_start, member, order).astype(id_type(clauses))
        del member, built_start
        member_start = np.concatenate(([0], np.cumsum(sizes[order])))
        return Groups(member_start.astype(id_type(len(members))), members, clauses)


_SEGMENTS_AT_ONCE = 1 << 20  # groups moved at once (temporaries of a few million ids)


def _segments_in_order(start: NDArray[np.int64], values: IdArray, order: IdArray) -> IdArray:
    """:func:`gather` of the segments ``order`` names, a block of segments at a time (one
    gather of all would hold three arrays of int64 indices as long as ``values``)."""
    out = np.empty(len(values), dtype=values.dtype)
    at = 0
    for block in range(0, len(order), _SEGMENTS_AT_ONCE):
        part = gather(start, values, order[block : block + _SEGMENTS_AT_ONCE])
        out[at : at + len(part)] = part
        at += len(part)
    return out


def canonical_order(keys: NDArray[np.uint64], clauses: int) -> IdArray:
    """``np.lexsort`` of the groups' keys (smallest member, first hash, second hash, size),
    from one argsort of a uint64 holding the smallest member and the first hash's high
    bits; the few groups alike in both are then ordered by the whole keys (at 12.9
    million groups, 11 s for lexsort's four passes)."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    bits = max(1, (clauses - 1).bit_length())  # the smallest member's
    first, one = keys[:, 0], keys[:, 1]
    packed = (first << np.uint64(64 - bits)) | (one >> np.uint64(bits))
    order = np.argsort(packed)
    packed = packed[order]
    alike = np.zeros(len(packed), dtype=bool)
    alike[1:] = packed[1:] == packed[:-1]
    alike[:-1] |= alike[1:]
    tied = np.flatnonzero(alike)
    if len(tied):  # rows alike in the packed value: their runs are in order, not within
        rows = order[tied]
        order[tied] = rows[np.lexsort((keys[rows, 3], keys[rows, 2], one[rows], first[rows]))]
    return order


def make_groups(runs: Iterable[tuple[IdArray, IdArray]], clauses: int) -> Groups:
    """Groups from every band's runs (``band_runs`` of each column, in band order), each
    set kept once; ``runs`` may be a generator, so one band's runs are held at a time."""
    builder = GroupBuilder()
    for label, member in runs:
        builder.add_band(label, member)
    return builder.finish(clauses)


class ColumnSource(Protocol):
    """Where band hashes come from a band at a time (``columns.BandColumns``)."""

    bands: int
    rows: int

    def column(self, band: int, start: int = 0, stop: int | None = None) -> NDArray[np.uint64]:
        """One band's hashes, by clause id."""
        ...


def group_columns(source: ColumnSource) -> Groups:
    """All groups of clauses equal in some band, reading one band's column at a time."""
    return make_groups((band_runs(source.column(k)) for k in range(source.bands)), source.rows)


def group_bands(table: BandHashes) -> Groups:
    """All groups of the clauses whose band hashes are the rows of ``table``."""
    runs = [band_runs(np.ascontiguousarray(table[:, k])) for k in range(table.shape[1])]
    return make_groups(runs, len(table))

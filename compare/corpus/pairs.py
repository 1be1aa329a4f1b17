"""Which pairs of reports share rare clauses, counted in arrays.

For every rare clause ``i`` (held by few reports), each report ``a`` holding
``i`` itself counts one for the pair ``{a, b}`` for every other report ``b``
holding ``i`` or a near-duplicate; a pair is worth measuring when the count
(from both sides) is high enough. The cross products are built with numpy,
clause block by clause block, and pairs are counted by sorting their codes:
a corpus of 50,000 reports has tens of millions of such entries, far too
many for a ``Counter`` of tuples.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import numpy as np

from .bands import gather, run_starts
from .clause_index import Holders, IdArray, blocks, distinct
from .forks import contiguous_runs, fork_map

_ENTRIES_PER_BLOCK = 1 << 22  # pair entries built at once (32 MB of int64)


def _members_of(docs: Holders, clauses: IdArray) -> tuple[IdArray, IdArray]:
    """For each clause, the documents holding it or a near-duplicate: (start offsets, flat)."""
    key_lengths = docs.key_start[clauses + 1] - docs.key_start[clauses]
    owner = np.repeat(np.arange(len(clauses), dtype=np.int64), key_lengths)
    keys = gather(docs.key_start, docs.keys, clauses)
    sizes = docs.key_size[keys]
    holder = gather(docs.key_doc_start, docs.key_docs, keys)
    entry = distinct(np.repeat(owner, sizes) * docs.n_docs + holder)
    start = np.searchsorted(entry // docs.n_docs, np.arange(len(clauses) + 1)).astype(np.int64)
    return start, entry % docs.n_docs


def _block_counts(docs: Holders, clauses: IdArray) -> tuple[IdArray, IdArray]:
    """Pair codes ``a * n + b`` (a < b) and their counts for one block of clauses."""
    n = docs.n_docs
    own_start = docs.key_doc_start[clauses]
    own_count = docs.key_size[clauses]
    member_start, members = _members_of(docs, clauses)
    member_count = np.diff(member_start)
    block = own_count * member_count
    total = int(block.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    row = np.repeat(np.arange(len(clauses), dtype=np.int64), block)
    t = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(block) - block, block)
    a = docs.key_docs[own_start[row] + t // member_count[row]]
    b = members[member_start[row] + t % member_count[row]]
    keep = a != b
    a, b = a[keep], b[keep]
    codes = np.minimum(a, b) * n + np.maximum(a, b)
    return np.unique(codes, return_counts=True)


def _saturated(codes: IdArray, counts: IdArray, cap: int) -> IdArray:
    """Pair codes and counts packed as one int64 each: ``code * (cap + 1) + min(count, cap)``.

    Only whether a pair reaches ``cap`` matters, so a count can stop there, and
    one array instead of two halves what the running tally keeps and lets a
    merge be one in-place sort (no argsort order, no reordered copies): at
    10,000 reports the tally of pairs was the largest transient of an audit.
    """
    return codes * (cap + 1) + np.minimum(counts, cap)


def _merge(parts: list[IdArray], cap: int) -> IdArray:
    """Packed tallies (:func:`_saturated`) added up per pair, still packed and sorted."""
    packed = np.concatenate(parts)
    if len(packed) == 0:
        return packed
    packed.sort(kind="stable")  # sorted parts: timsort merges their runs
    codes = packed // (cap + 1)
    starts = np.flatnonzero(run_starts(codes))
    codes = codes[starts]
    counts = np.add.reduceat(packed % (cap + 1), starts)
    del packed, starts
    return _saturated(codes, counts, cap)


def pair_codes_sharing(docs: Holders, rare: IdArray, at_least: int = 1, jobs: int = 1) -> IdArray:
    """Every pair of documents ``a < b`` sharing rare clauses at least ``at_least``
    times, as codes ``a * n_docs + b``, ascending.

    The clauses are cut into blocks whose cross products stay near
    ``_ENTRIES_PER_BLOCK`` entries; with ``jobs`` > 1 forked processes tally runs
    of blocks apart and this process adds their tallies up (counts add, so the
    pairs are the ones one process finds). The pairs stay packed codes, no Python
    tuples: at 10,000 reports 743,000 pairs pass, and sorting them as tuples to
    measure them cost the audit a second.
    """
    if len(rare) == 0 or docs.n_docs < 2:
        return np.zeros(0, dtype=np.int64)
    cap = max(at_least, 1)
    # Blocks of clauses whose cross products stay near _ENTRIES_PER_BLOCK entries.
    weight = np.maximum(docs.key_size[rare].astype(np.int64) * docs.lower_bounds()[rare], 1)
    cut = [rare[part] for part in blocks(weight, _ENTRIES_PER_BLOCK)]
    # one run of blocks per process: each returns one tally (of at most every pair)
    runs = contiguous_runs(cut, max(jobs, 1))
    tallies = fork_map(partial(_tally, docs, cap=cap), runs, jobs)
    merged = _merge(tallies, cap)
    codes: IdArray = merged[merged % (cap + 1) >= at_least] // (cap + 1)
    return codes


def _tally(docs: Holders, clause_blocks: Sequence[IdArray], cap: int) -> IdArray:
    """The packed tally (:func:`_saturated`) of the pairs of some blocks of clauses.

    Block tallies are merged as they come, not all kept to the end."""
    merged = np.zeros(0, np.int64)
    waiting: list[IdArray] = []
    pending = 0
    for block in clause_blocks:
        waiting.append(_saturated(*_block_counts(docs, block), cap))
        pending += len(waiting[-1])
        if pending > max(_ENTRIES_PER_BLOCK, len(merged)):
            merged, waiting, pending = _merge([merged, *waiting], cap), [], 0
    return _merge([merged, *waiting], cap)

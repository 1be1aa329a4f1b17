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

import numpy as np

from .clause_index import Holders, IdArray, distinct, gather

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


def _merge(parts: list[tuple[IdArray, IdArray]]) -> tuple[IdArray, IdArray]:
    codes = np.concatenate([c for c, _ in parts])
    counts = np.concatenate([k for _, k in parts])
    if len(codes) == 0:
        return codes, counts
    order = np.argsort(codes, kind="stable")
    codes, counts = codes[order], counts[order]
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
    return codes[starts], np.add.reduceat(counts, starts)


def count_pairs(
    docs: Holders, rare: IdArray, at_least: int = 1
) -> list[tuple[tuple[int, int], int]]:
    """``((a, b), count)`` for every pair of documents sharing rare clauses at least
    ``at_least`` times, by ``(a, b)``.

    Block counts are merged as they come (not all kept to the end), and only the
    pairs that pass become Python tuples: a corpus has far more pairs sharing one
    rare clause than pairs worth measuring.
    """
    if len(rare) == 0 or docs.n_docs < 2:
        return []
    # Blocks of clauses whose cross products stay near _ENTRIES_PER_BLOCK entries.
    weight = np.maximum(docs.key_size[rare] * docs.lower_bounds()[rare], 1).astype(np.int64)
    cuts = np.searchsorted(
        np.cumsum(weight),
        np.arange(1, int(weight.sum()) // _ENTRIES_PER_BLOCK + 1) * _ENTRIES_PER_BLOCK,
    )
    merged = (np.zeros(0, np.int64), np.zeros(0, np.int64))
    waiting: list[tuple[IdArray, IdArray]] = []
    pending = 0
    for block in np.split(rare, cuts):
        if len(block):
            waiting.append(_block_counts(docs, block))
            pending += len(waiting[-1][0])
        if pending > max(_ENTRIES_PER_BLOCK, len(merged[0])):
            merged, waiting, pending = _merge([merged, *waiting]), [], 0
    codes, counts = _merge([merged, *waiting])
    keep = counts >= at_least
    codes, counts = codes[keep], counts[keep]
    n = docs.n_docs
    return [
        ((a, b), c)
        for a, b, c in zip(
            (codes // n).tolist(), (codes % n).tolist(), counts.tolist(), strict=True
        )
    ]

"""How many grams each unit of A shares with each unit of B, for all pairs at once.

Both the search for counterpart sentences (shared 4-character anchors) and
the rows of the page (shared character bigrams) ask this of every sentence
pair of two sections. Asked cell by cell it is quadratic in Python; as one
sparse product of two unit-by-gram tables it runs in scipy's C code, and a
long section costs what its overlaps cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse


def _table(units: Sequence[Iterable[str]], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    """Units by grams, 1 where a unit holds a gram (ids from ``vocabulary``)."""
    indptr, indices = [0], []
    for grams in units:
        indices += [vocabulary.setdefault(g, len(vocabulary)) for g in grams]
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.int64)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(units), len(vocabulary)))


def gram_overlap(
    grams_a: Sequence[Iterable[str]], grams_b: Sequence[Iterable[str]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(i, j, count)`` for every pair of a unit ``i`` of A and ``j`` of B sharing a gram,
    sorted by ``(i, j)``. Each unit's grams must be distinct (a set, or deduplicated)."""
    vocabulary: dict[str, int] = {}
    xa = _table(grams_a, vocabulary)
    xb = _table(grams_b, vocabulary)
    xa.resize(xa.shape[0], len(vocabulary))
    product = (xa @ xb.T).tocoo()
    order = np.lexsort((product.col, product.row))
    return (
        product.row[order].astype(np.int64),
        product.col[order].astype(np.int64),
        product.data[order].astype(np.int64),
    )

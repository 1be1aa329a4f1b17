"""Which of many section pairs could reach a similarity, found for all pairs at once.

Pairing leftover plan topics across levels weighs every leftover topic of A
against every one of B: at 300,000 characters a side some 34,000 pairs, each a
cosine over two word dictionaries in Python (a third of a second, growing with the
square of the topics). Nearly all stay far below the floor that lets a pair pair at
all, where the exact value does not matter. Here the same cosines come from two
sparse products and the MinHash agreements from one comparison of the stacked
sketches; a pair clearly below the floor (by more than any rounding of a different
order of summation) needs no exact value, and every other pair is scored exactly as
before, so the assignment sees the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

# Far above the rounding of summing a few thousand products in another order (1e-13).
MARGIN = 1e-9


class Weighted(Protocol):
    """A weight vector with its norm (``align``'s TF-IDF vectors)."""

    @property
    def weights(self) -> Mapping[str, float]: ...

    @property
    def norm(self) -> float: ...


def cosine_matrix(left: Sequence[Weighted], right: Sequence[Weighted]) -> NDArray[np.float64]:
    """The cosine of every vector of ``left`` with every one of ``right`` (0 where either
    norm is 0), up to rounding."""
    vocabulary: dict[str, int] = {}
    a, b = _rows(left, vocabulary), _rows(right, vocabulary)
    a.resize((len(left), len(vocabulary)))
    b.resize((len(right), len(vocabulary)))
    return np.asarray((a @ b.T).todense(), dtype=np.float64)


def _rows(vectors: Sequence[Weighted], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    """One row per vector, scaled by its norm, over the words of ``vocabulary`` (which
    grows with the words first seen here)."""
    indptr = np.zeros(len(vectors) + 1, dtype=np.int64)
    columns: list[int] = []
    values: list[float] = []
    for k, vector in enumerate(vectors):
        if vector.norm:
            columns += [vocabulary.setdefault(w, len(vocabulary)) for w in vector.weights]
            values += [v / vector.norm for v in vector.weights.values()]
        indptr[k + 1] = len(columns)
    return sparse.csr_matrix(
        (np.array(values, dtype=np.float64), np.array(columns, dtype=np.int64), indptr),
        shape=(len(vectors), max(len(vocabulary), 1)),
    )


def agreement_matrix(left: NDArray[np.uint32], right: NDArray[np.uint32]) -> NDArray[np.float64]:
    """The share of equal hash values of every signature of ``left`` (rows) with every
    one of ``right``: at least the MinHash estimate (which makes two empty ones 0)."""
    agree = np.zeros((len(left), len(right)), dtype=np.int64)
    for column in range(left.shape[1] if left.ndim == 2 else 0):
        agree += left[:, column, None] == right[None, :, column]
    share: NDArray[np.float64] = agree / max(left.shape[1], 1)
    return share

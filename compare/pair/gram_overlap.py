"""How many grams each unit of A shares with each unit of B, for all pairs at once.

Both the search for counterpart sentences (shared 4-character anchors) and
the rows of the page (shared character bigrams) ask this of every sentence
pair of two sections. Asked cell by cell it is quadratic in Python; as one
sparse product of two unit-by-gram tables it runs in scipy's C code, and a
long section costs what its overlaps cost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from ..read.units import Unit

GramIdArray = NDArray[np.int64]


class GramIds:
    """Each unit's distinct grams as ids of one vocabulary both documents share.

    A unit's ids are found once: nested section pairs (a part, then each of its
    topics) ask for the same sentences again, and cutting grams and looking
    them up one by one in Python was most of the cost of the products.
    """

    def __init__(self, grams: Callable[[str], Iterable[str]], text_a: str, text_b: str) -> None:
        """``grams`` gives a unit text's distinct grams; units are spans of ``text_a`` (side
        0) and ``text_b`` (side 1)."""
        self._grams = grams
        self._texts = (text_a, text_b)
        self._vocabulary: dict[str, int] = {}
        self._found: dict[tuple[int, int, int], GramIdArray] = {}

    @property
    def size(self) -> int:
        """How many distinct grams have been seen."""
        return len(self._vocabulary)

    def of(self, side: int, unit: Unit) -> GramIdArray:
        """The ids of the grams of ``unit`` of side ``side`` (0 for A, 1 for B)."""
        key = (side, unit.start, unit.end)
        found = self._found.get(key)
        if found is None:
            vocabulary = self._vocabulary
            grams = self._grams(self._texts[side][unit.start : unit.end])
            ids = [vocabulary.setdefault(g, len(vocabulary)) for g in grams]
            found = self._found[key] = np.array(ids, dtype=np.int64)
        return found


def _table(units: Sequence[GramIdArray], size: int) -> sparse.csr_matrix:
    """Units by grams, 1 where a unit holds a gram."""
    indptr = np.zeros(len(units) + 1, dtype=np.int64)
    np.cumsum([len(ids) for ids in units], out=indptr[1:])
    indices = np.concatenate(units) if units else np.zeros(0, dtype=np.int64)
    data = np.ones(len(indices), dtype=np.int64)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(units), size))


def gram_overlap(
    ids_a: Sequence[GramIdArray], ids_b: Sequence[GramIdArray], size: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(i, j, count)`` for every pair of a unit ``i`` of A and ``j`` of B sharing a gram,
    sorted by ``(i, j)``. Each unit's ids must be distinct and below ``size``."""
    product = (_table(ids_a, size) @ _table(ids_b, size).T).tocoo()
    order = np.lexsort((product.col, product.row))
    return (
        product.row[order].astype(np.int64),
        product.col[order].astype(np.int64),
        product.data[order].astype(np.int64),
    )

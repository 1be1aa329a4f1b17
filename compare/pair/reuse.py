"""The one reuse measure, shared by compare and audit.

**reuse(A → B)**: the share of A's body (its Han characters, letters and digits)
that lies in clauses B also holds, word for word or as a near-duplicate. A
clause is a stretch between ``，：。！？；`` of at least ``min_clause`` such
characters; two clauses are near-duplicates when the MinHash sketches of their
character 3-grams agree on a whole LSH band (about Jaccard >= ``threshold``), so
``社会消费品零售总额增长7.8%`` in A is found in B's ``…增长8.5%``.

The audit's clause index groups clauses by the same band hashes, so the audit's
reuse of a pair and the compare page of that pair give the same figure. (The
compare page's *shared phrasing* is another measure, named apart: exact runs of
words, which count only the words two texts have in common.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..model import Document
from ..read.chars import code_points, letters_and_mask_of
from ..read.packed import Packed, pack_spans
from ..read.units import CLAUSE_ENDS, SENTENCE_ENDS, unit_bounds
from ..settings import SketchSettings
from .sketch import BandHashes, band_hashes, kgram_hashes, signatures_of_hashes

Sizes = NDArray[np.int32]


@dataclass
class BodyClauses:
    """The clauses of a report's body that the reuse measure counts, and its sizes."""

    keys: list[str]  # the letters of each clause: its identity
    texts: Packed  # each clause as written (normalised), packed
    chars: Sizes  # letters of each clause
    sentence: Sizes  # the sentence each clause lies in
    sentence_chars: Sizes
    body_chars: int
    letters: str  # the body's letters run together (every key is a slice of it)
    key_starts: NDArray[np.int64]  # where each key starts in ``letters``


def body_clauses(doc: Document, min_clause: int) -> BodyClauses:
    """Clauses of ``doc``'s body with at least ``min_clause`` letters, in order.

    Letters are counted once for the whole body (prefix sums over its letter mask),
    so a report of a thousand clauses costs one pass, not a thousand.
    """
    body = doc.norm.text[doc.body_start : doc.body_end]
    codes = code_points(body)
    flat, mask = letters_and_mask_of(codes)
    before = np.concatenate(([0], np.cumsum(mask))).astype(np.int64)
    sentence_starts, sentence_ends = unit_bounds(body, 0, len(body), SENTENCE_ENDS)
    first, last = unit_bounds(body, 0, len(body), CLAUSE_ENDS)
    size = before[last] - before[first]
    kept = np.flatnonzero(size >= min_clause)
    owner = np.searchsorted(sentence_ends, first[kept], side="right")
    starts, stops = first[kept], last[kept]
    key_starts = before[starts]
    # Sliced by Python ints: indexing the arrays clause by clause cost a millisecond a report.
    keys = [flat[a:b] for a, b in zip(key_starts.tolist(), before[stops].tolist(), strict=True)]
    return BodyClauses(
        keys,
        pack_spans(body, codes, starts, stops),
        size[kept].astype(np.int32),
        np.minimum(owner, max(len(sentence_ends) - 1, 0)).astype(np.int32),
        (before[sentence_ends] - before[sentence_starts]).astype(np.int32),
        int(before[-1]),
        flat,
        key_starts,
    )


def clause_bands(keys: list[str], settings: SketchSettings) -> BandHashes:
    """The LSH band hashes of each clause's 3-gram sketch, one row per clause.

    ``keys`` are letters already (as :func:`body_clauses` gives them): they are
    hashed as they are, not filtered to letters a second time."""
    return bands_of_grams(*kgram_hashes(keys, settings.clause_shingle), settings)


def bands_of_grams(
    hashes: NDArray[np.uint32], counts: NDArray[np.int64], settings: SketchSettings
) -> BandHashes:
    """:func:`clause_bands` from the clauses' 3-gram hashes (``counts`` per clause)."""
    sketches = signatures_of_hashes(hashes, counts, settings.num_perm, settings.seed)
    return band_hashes(sketches, settings.threshold, settings.num_perm)


def held_in(bands: BandHashes, other: BandHashes) -> NDArray[np.bool_]:
    """For each clause (row of ``bands``), whether a clause of ``other`` shares a band."""
    found = np.zeros(len(bands), dtype=bool)
    if len(bands) and len(other):
        for band in range(bands.shape[1]):
            found |= np.isin(bands[:, band], other[:, band])
    return found


def share(clauses: BodyClauses, held: NDArray[np.bool_]) -> float:
    """The share of the body in the clauses marked ``held``."""
    if clauses.body_chars == 0:
        return 0.0
    return int(clauses.chars[held].sum()) / clauses.body_chars


def reuse_between(a: Document, b: Document, settings: SketchSettings) -> tuple[float, float]:
    """reuse(A -> B) and reuse(B -> A)."""
    ca, cb = body_clauses(a, settings.min_clause), body_clauses(b, settings.min_clause)
    ba, bb = clause_bands(ca.keys, settings), clause_bands(cb.keys, settings)
    return share(ca, held_in(ba, bb)), share(cb, held_in(bb, ba))

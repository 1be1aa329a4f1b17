"""Every report's closest other report: the one sharing most of its particular wording.

Reports of one government share their own names (towns, projects, local
phrases) from year to year; reports of one year share what was handed down
that year. Clause-level reuse sees little of the first (a name recurs in new
sentences) and much of the second, so *closest* is measured on strings instead:
a sample of each body's distinct character 4-grams (``records.gram_sample``).
A string counts as evidence between two reports when it is

- held by at most ``cap`` reports (rarer than formula),
- not common formula (held by at most ``common`` governments besides one), and
- not handed down to the report from a government above it (``lineage``),

and its weight is shared among the governments holding it (1/governments: a
string only two governments use says more about them than one five use). The
closest report is the one with the most evidence; a report with none (all its
strings common) falls back to the most similar body by MinHash. Measured on the
development corpus, see ``bench/bench_closest.py``.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..pair.sketch import SIGNATURE_DTYPE
from .bands import gather
from .clause_index import blocks, distinct
from .lineage import IdArray, Lineage
from .records import ReportRecord

# A string held by more reports than this is formula, whatever governments hold it.
GRAM_CAP = 50
PAIRS_PER_CHUNK = 4_000_000


def _runs(values: NDArray[Any]) -> tuple[IdArray, IdArray]:
    """Start and end of each run of equal values in a sorted array."""
    if len(values) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    breaks = np.flatnonzero(values[1:] != values[:-1]) + 1
    starts = np.concatenate(([0], breaks)).astype(np.int64)
    ends = np.concatenate((breaks, [len(values)])).astype(np.int64)
    return starts, ends


_FILL_BLOCK = 1024  # reports whose samples are packed together


def _shared_postings(records: list[ReportRecord], cap: int) -> tuple[IdArray, IdArray, IdArray]:
    """The documents holding each sampled string held by 2 to ``cap`` reports, run
    together string by string (ascending string, then document), and where each
    string's documents start and end.

    All (string, document) pairs are one packed 64-bit array sorted in place (150
    million at 50,000 reports; the packed values are distinct, so numpy's plain sort,
    3 times timsort's speed, orders them as a stable one would). Strings and documents
    are read through views of its two halves, not copies, and only the documents of the
    strings kept are copied out (the old way held the packed array, a copy of each half
    and a temporary at once).
    """
    sizes = np.array([len(r.grams) for r in records], dtype=np.int64)
    packed = np.empty(int(sizes.sum()), dtype=np.uint64)
    at = 0
    for first in range(0, len(records), _FILL_BLOCK):
        counts = sizes[first : first + _FILL_BLOCK]
        part = packed[at : at + int(counts.sum())]
        part[:] = np.concatenate([r.grams for r in records[first : first + _FILL_BLOCK]])
        part <<= np.uint64(32)
        part |= np.repeat(np.arange(first, first + len(counts), dtype=np.uint64), counts)
        at += len(part)
    packed.sort()
    halves = packed.view(np.int32).reshape(-1, 2)  # a document fits in 31 bits
    low, high = (0, 1) if sys.byteorder == "little" else (1, 0)
    bounds = np.append(_runs(halves[:, high])[0], len(packed))  # each string's first row
    held = np.diff(bounds)
    kept = np.flatnonzero((held >= 2) & (held <= cap))  # most strings are one report's
    docs = gather(bounds, halves[:, low], kept).astype(np.int64)
    new_ends = np.cumsum(held[kept])
    return docs, new_ends - held[kept], new_ends


def _governments_per_run(docs: IdArray, gov: IdArray, starts: IdArray, ends: IdArray) -> IdArray:
    """How many distinct governments hold each run's string (``docs[start:end]``)."""
    sizes = ends - starts
    run = np.repeat(np.arange(len(starts), dtype=np.int64), sizes)
    within = np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(
        np.cumsum(sizes) - sizes, sizes
    )
    width = int(gov.max()) + 1 if len(gov) else 1
    pairs = distinct(run * width + gov[docs[starts[run] + within]])
    return np.bincount(pairs // width, minlength=len(starts)).astype(np.int64)


def _ordered_pairs(starts: IdArray, ends: IdArray) -> tuple[IdArray, IdArray, IdArray]:
    """For each run, every ordered pair of its positions: (run, first, second)."""
    sizes = ends - starts
    squares = sizes * sizes
    run = np.repeat(np.arange(len(starts), dtype=np.int64), squares)
    within = np.arange(int(squares.sum()), dtype=np.int64) - np.repeat(
        np.cumsum(squares) - squares, squares
    )
    size = sizes[run]
    first, second = starts[run] + within // size, starts[run] + within % size
    keep = first != second
    return run[keep], first[keep], second[keep]


def particular_evidence(
    records: list[ReportRecord], lineage: Lineage, common: int, cap: int = GRAM_CAP
) -> tuple[IdArray, IdArray, NDArray[np.float64]]:
    """Evidence between reports, as (a, b, weight) with a != b, summed per ordered pair.

    Strings are taken a chunk at a time (each string's pairs are its holders squared:
    a corpus-wide array would not fit), and each chunk's pairs summed before the next.
    In one process: with the chunks over forked processes (their answers all held
    at once) a 50,000-report audit peaked at 11.7 GB of the 12 aimed at, against
    10.7 GB in the run before, for a few seconds saved.
    """
    n = len(records)
    docs, starts, ends = _shared_postings(records, cap)
    governments = _governments_per_run(docs, lineage.gov, starts, ends)
    rare = governments <= common
    starts, ends, governments = starts[rare], ends[rare], governments[rare]
    pairs, weights = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.float64)]
    for chunk in blocks((ends - starts) ** 2, PAIRS_PER_CHUNK):
        pair, weight = _chunk_evidence(
            docs, lineage, starts[chunk], ends[chunk], governments[chunk]
        )
        pairs.append(pair)
        weights.append(weight)
    keys, inverse = np.unique(np.concatenate(pairs), return_inverse=True)
    total = np.bincount(inverse, weights=np.concatenate(weights), minlength=len(keys))
    return keys // max(n, 1), keys % max(n, 1), total.astype(np.float64)


def _chunk_evidence(
    docs: IdArray, lineage: Lineage, starts: IdArray, ends: IdArray, governments: IdArray
) -> tuple[IdArray, NDArray[np.float64]]:
    """The summed weight of each ordered pair (as ``a * n + b``) over some strings."""
    n = len(lineage)
    run, first, second = _ordered_pairs(starts, ends)
    a, b = docs[first], docs[second]
    keep = ~_handed_down(run * n + a, lineage.above(b, a))
    pair = a[keep] * n + b[keep]
    unique, inverse = np.unique(pair, return_inverse=True)
    total = np.bincount(inverse, weights=1.0 / governments[run[keep]]).astype(np.float64)
    return unique, total


def _handed_down(string_of_a: IdArray, above: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """For each (string, a, b) entry, whether any holder of that string is above ``a``:
    the entries of one string for one ``a`` (equal ``string_of_a``) share the answer."""
    if len(string_of_a) == 0:
        return above
    order = np.argsort(string_of_a, kind="stable")
    starts, ends = _runs(string_of_a[order])
    per_group = np.logical_or.reduceat(above[order], starts)
    out = np.empty(len(above), dtype=bool)
    out[order] = np.repeat(per_group, ends - starts)
    return out


def closest_reports(records: list[ReportRecord], lineage: Lineage, common: int) -> list[int | None]:
    """For each report, its closest other report (None only in a corpus of one); ties go
    to the lesser path."""
    n = len(records)
    a, b, weight = particular_evidence(records, lineage, common)
    rank = np.argsort(np.argsort(np.array([r.path for r in records], dtype=object)))
    order = np.lexsort((rank[b], -weight, a))
    a, b = a[order], b[order]
    starts, _ = _runs(a)
    best: list[int | None] = [None] * n
    for x, y in zip(a[starts].tolist(), b[starts].tolist(), strict=True):
        best[x] = y
    lacking = [x for x in range(n) if best[x] is None]
    if lacking and n > 1:
        signatures = np.stack([np.frombuffer(r.signature, dtype=SIGNATURE_DTYPE) for r in records])
        for x in lacking:
            best[x] = _most_similar_body(signatures, rank, x)
    return best


def _most_similar_body(signatures: NDArray[Any], rank: IdArray, x: int) -> int:
    """The report whose body sketch is most like ``x``'s (ties: the lesser path, ``rank``):
    one row comparison against every signature at once."""
    similarity = np.mean(signatures == signatures[x], axis=1)
    similarity[x] = -1.0
    return int(np.lexsort((rank, -similarity))[0])

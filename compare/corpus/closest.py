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

from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..pair.sketch import SIGNATURE_DTYPE
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


def _postings(records: list[ReportRecord]) -> tuple[NDArray[np.uint32], IdArray]:
    """Every (gram, document) pair, sorted by gram then document: one packed 64-bit
    array sorted in place (a corpus of 50,000 reports holds 150 million such pairs)."""
    sizes = np.array([len(r.grams) for r in records], dtype=np.int64)
    packed = np.empty(int(sizes.sum()), dtype=np.uint64)
    at = 0
    for doc, record in enumerate(records):
        part = packed[at : at + len(record.grams)]
        part[:] = record.grams
        part <<= np.uint64(32)
        part |= np.uint64(doc)
        at += len(record.grams)
    packed.sort(kind="stable")  # each report's grams are sorted: timsort merges the runs
    docs = (packed & np.uint64(0xFFFFFFFF)).astype(np.int64)
    packed >>= np.uint64(32)
    return packed.astype(np.uint32), docs


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
    grams, docs = _postings(records)
    starts, ends = _runs(grams)
    sizes = ends - starts
    shared = (sizes >= 2) & (sizes <= cap)  # most strings are one report's: counted never
    starts, ends = starts[shared], ends[shared]
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

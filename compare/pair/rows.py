"""Line up the sentences of each aligned section pair into rows of counterparts.

Within a pair of sections, sentence ``i`` of A and sentence ``j`` of B are
counterparts when they share phrasing: the shared runs that lie in both, or,
for sentences whose shared pieces are shorter than a run, their character
bigrams. The rows are the order-keeping matching of largest total similarity
(dynamic programming, as a diff does for lines), so reading down the page
reads both reports in their own order; a sentence with no counterpart keeps
its place on a row of its own. The headings of two paired sections always
share the first row.

A sentence whose shared phrasing lies in another row (formula moved within
the section, or to another section) is left to the page to show as a moved
counterpart.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ..model import Section
from ..read.chars import content_length, letters
from ..read.units import Unit
from .align import SectionPair
from .gram_overlap import GramIds, gram_overlap
from .prepared import Prepared
from .redline import Redline, Redliner
from .shared import SharedSpan

# Two sentences stand on one row from this share of shared runs (Dice over their
# letters) up, or, with no shared run, from this Dice of character bigrams up: a
# four-character run in two long sentences does not make them counterparts.
MIN_RUN_SIMILARITY = 0.1
MIN_BIGRAM_SIMILARITY = 0.3


@dataclass(frozen=True)
class SentenceRow:
    """One row: sentences of A and of B (either may be empty) and how alike they are.

    A matched row holds one sentence on each side; a one-sided row holds a run
    of consecutive sentences with no counterpart on one side.
    """

    a: tuple[Unit, ...]
    b: tuple[Unit, ...]
    similarity: float = 0.0
    heading: bool = False
    redline: Redline | None = None  # of a matched row

    @property
    def near_duplicate(self) -> bool:
        """Copied with details changed: most words kept, some figures or names changed."""
        return self.redline is not None and self.redline.near_duplicate

    @property
    def matched(self) -> bool:
        return bool(self.a) and bool(self.b)


def shown_span(section: Section, children_apart: bool) -> tuple[int, int]:
    """The comparison-text span a section shows: its own text only when its children
    have rows of their own (``SectionPair.children_apart``), else all of it."""
    if children_apart and section.children:
        return section.norm_start, section.children[0].norm_start
    return section.norm_start, section.norm_end


def _bigrams(text: str) -> set[str]:
    core = letters(text)
    return {core[i : i + 2] for i in range(len(core) - 1)}


class _RunsOfB:
    """Shared runs in B's order, so each section pair looks only at the runs in its span
    (a long report has hundreds of section pairs and tens of thousands of runs)."""

    def __init__(self, runs: list[SharedSpan]) -> None:
        self.runs = sorted(runs, key=lambda r: r.b_start)
        self.starts = [r.b_start for r in self.runs]

    def between(self, start: int, end: int) -> list[SharedSpan]:
        """The runs starting in ``[start, end)`` of B."""
        return self.runs[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


def _run_cells(sa: list[Unit], sb: list[Unit], runs: _RunsOfB) -> tuple[np.ndarray, np.ndarray]:
    """Letters of shared runs per sentence pair, as sorted cell keys ``i * len(sb) + j``
    and counts."""
    shared: dict[int, int] = defaultdict(int)
    starts_a, starts_b = [u.start for u in sa], [u.start for u in sb]
    for run in runs.between(sb[0].start, sb[-1].end) if sb else []:
        i, j = _holder(sa, starts_a, run.a_start), _holder(sb, starts_b, run.b_start)
        if i is not None and j is not None:
            shared[i * len(sb) + j] += content_length(run.text)
    keys = np.fromiter(shared.keys(), dtype=np.int64, count=len(shared))
    order = np.argsort(keys)
    return keys[order], np.fromiter(shared.values(), dtype=np.int64, count=len(shared))[order]


class _Similarity:
    """Similarity of the sentences of one section pair, from shared runs and bigrams.

    Held as a sparse table in row order: most sentence pairs of two sections
    share nothing that counts. The bigram overlaps of every pair come from one
    sparse product of the two sentence-by-bigram tables, not from a set
    intersection per cell, so a long section costs what its overlaps cost.
    Each share is the same correctly rounded division the per-cell formula made.
    """

    def __init__(
        self,
        a: Prepared,
        b: Prepared,
        sa: list[Unit],
        sb: list[Unit],
        runs: _RunsOfB,
        bigrams: GramIds,
    ) -> None:
        self.n, m = len(sa), len(sb)
        ga = [bigrams.of(0, u) for u in sa]
        gb = [bigrams.of(1, u) for u in sb]
        gram_i, gram_j, overlap = gram_overlap(ga, gb, bigrams.size)
        gram_keys = gram_i * m + gram_j  # sorted, as the cells are
        sizes_a, sizes_b = _sizes(len(g) for g in ga), _sizes(len(g) for g in gb)
        by_bigrams = _ratio(2 * overlap, sizes_a[gram_i] + sizes_b[gram_j])
        run_keys, run_counts = _run_cells(sa, sb, runs)
        letters_a = _sizes(content_length(a.text[u.start : u.end]) for u in sa)
        letters_b = _sizes(content_length(b.text[u.start : u.end]) for u in sb)
        run_total = letters_a[run_keys // m] + letters_b[run_keys % m]
        by_runs = _ratio(2 * run_counts, run_total)
        # a cell counts when either share reaches its floor; its value is the larger
        strong = by_bigrams >= MIN_BIGRAM_SIMILARITY
        gram_side = np.maximum(by_bigrams[strong], _value_at(run_keys, by_runs, gram_keys[strong]))
        run_side = np.maximum(by_runs, _value_at(gram_keys, by_bigrams, run_keys))
        counted = (by_runs >= MIN_RUN_SIMILARITY) | (run_side >= MIN_BIGRAM_SIMILARITY)
        keys, first = np.unique(
            np.concatenate([gram_keys[strong], run_keys[counted]]), return_index=True
        )
        self.j = keys % m
        self.value = np.concatenate([gram_side, run_side[counted]])[first]
        self.row_start = np.searchsorted(keys // m, np.arange(self.n + 1))

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """The columns of row ``i`` with a similarity above 0, and those similarities."""
        lo, hi = self.row_start[i], self.row_start[i + 1]
        return self.j[lo:hi], self.value[lo:hi]

    def __call__(self, i: int, j: int) -> float:
        cols, values = self.row(i)
        k = int(np.searchsorted(cols, j))
        return float(values[k]) if k < len(cols) and cols[k] == j else 0.0


def _sizes(values: Iterable[int]) -> np.ndarray:
    return np.fromiter(values, dtype=np.int64)


def _value_at(keys: np.ndarray, values: np.ndarray, at: np.ndarray) -> np.ndarray:
    """``values`` of the cells ``at`` (0 where a cell is not among the sorted ``keys``)."""
    out = np.zeros(len(at), dtype=np.float64)
    if len(keys):
        k = np.minimum(np.searchsorted(keys, at), len(keys) - 1)
        hit = keys[k] == at
        out[hit] = values[k[hit]]
    return out


def _ratio(part: np.ndarray, total: np.ndarray) -> np.ndarray:
    """``part / total`` with 0 where ``total`` is 0 (each a correctly rounded division)."""
    out = np.zeros(len(part), dtype=np.float64)
    np.divide(part, total, out=out, where=total > 0)
    return out


def _holder(units: list[Unit], starts: list[int], pos: int) -> int | None:
    k = bisect_right(starts, pos) - 1
    return k if k >= 0 and pos < units[k].end else None


def _match(n: int, m: int, sim: _Similarity) -> list[tuple[int, int, float]]:
    """Order-keeping matching of largest total similarity, as (i, j, similarity).

    ``score[i][j]`` is the best total from sentence ``i`` of A and ``j`` of B on:
    the largest of ``score[i + 1][j]``, ``score[i][j + 1]`` and, where the two
    are alike, their similarity plus ``score[i + 1][j + 1]``. A row is filled at
    once: first the two terms that look at the row below, then the term that
    looks right, which makes each cell the largest of everything to its right
    (a reversed running maximum). The same additions and maxima as the cell by
    cell loop, so the same scores to the last bit.
    """
    score = np.zeros((n + 1, m + 1), dtype=np.float64)
    for i in range(n - 1, -1, -1):
        below = score[i + 1]
        best = below[:m].copy()
        cols, values = sim.row(i)
        best[cols] = np.maximum(best[cols], values + below[cols + 1])
        score[i, :m] = np.maximum.accumulate(best[::-1])[::-1]
    out = []
    i = j = 0
    while i < n and j < m:
        s = sim(i, j)
        if s > 0.0 and score[i, j] == s + score[i + 1, j + 1]:
            out.append((i, j, s))
            i, j = i + 1, j + 1
        elif score[i, j] == score[i + 1, j]:
            i += 1
        else:
            j += 1
    return out


def _opens(section: Section, unit: Unit) -> bool:
    """True when ``unit`` is the section's first sentence: its heading line (or the
    sentence the heading runs into); a part's continuation has no heading."""
    return not section.continued and unit.start - section.norm_start <= 2


def _rows_of_pair(
    a: Prepared,
    b: Prepared,
    pair: SectionPair,
    runs: _RunsOfB,
    redliner: Redliner,
    bigrams: GramIds,
) -> list[SentenceRow]:
    """The rows of one section pair (a one-sided pair gives one row of all its sentences)."""
    apart = pair.children_apart()
    sa = a.units_in(a.sentences, *shown_span(pair.a, apart)) if pair.a is not None else []
    sb = b.units_in(b.sentences, *shown_span(pair.b, apart)) if pair.b is not None else []
    if not sa or not sb:
        return [SentenceRow(tuple(sa), tuple(sb))] if sa or sb else []
    rows: list[SentenceRow] = []
    assert pair.a is not None and pair.b is not None
    if _opens(pair.a, sa[0]) and _opens(pair.b, sb[0]):
        head = redliner.redline(sa[0], sb[0])
        rows.append(SentenceRow((sa[0],), (sb[0],), head.same, heading=True, redline=head))
        sa, sb = sa[1:], sb[1:]
    sim = _Similarity(a, b, sa, sb, runs, bigrams)
    i = j = 0
    for mi, mj, s in [*_match(len(sa), len(sb), sim), (len(sa), len(sb), 0.0)]:
        if i < mi:
            rows.append(SentenceRow(tuple(sa[i:mi]), ()))
        if j < mj:
            rows.append(SentenceRow((), tuple(sb[j:mj])))
        if mi < len(sa) and mj < len(sb):
            line = redliner.redline(sa[mi], sb[mj])
            rows.append(SentenceRow((sa[mi],), (sb[mj],), s, redline=line))
        i, j = mi + 1, mj + 1
    return rows


def sentence_rows(
    a: Prepared, b: Prepared, pairs: list[SectionPair], runs: list[SharedSpan]
) -> list[list[SentenceRow]]:
    """For each section pair, in order, its rows of counterpart sentences."""
    redliner = Redliner(a, b)
    by_b = _RunsOfB(runs)
    bigrams = GramIds(_bigrams, a.text, b.text)
    return [_rows_of_pair(a, b, pair, by_b, redliner, bigrams) for pair in pairs]

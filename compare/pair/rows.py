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

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from ..model import Section
from ..read.chars import content_length, letters
from ..read.units import Unit
from .align import SectionPair
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


def shown_span(section: Section, paired: bool) -> tuple[int, int]:
    """The comparison-text span a section shows: its own text only when its children
    are paired in rows of their own (a paired section with children), else all of it."""
    if paired and section.children:
        return section.norm_start, section.children[0].norm_start
    return section.norm_start, section.norm_end


def _bigrams(text: str) -> frozenset[str]:
    core = letters(text)
    return frozenset(core[i : i + 2] for i in range(len(core) - 1))


def _dice(x: frozenset[str], y: frozenset[str]) -> float:
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


class _Similarity:
    """Similarity of the sentences of one section pair, from shared runs and bigrams."""

    def __init__(
        self, a: Prepared, b: Prepared, sa: list[Unit], sb: list[Unit], runs: list[SharedSpan]
    ) -> None:
        self.la = [content_length(a.text[u.start : u.end]) for u in sa]
        self.lb = [content_length(b.text[u.start : u.end]) for u in sb]
        self.ga = [_bigrams(a.text[u.start : u.end]) for u in sa]
        self.gb = [_bigrams(b.text[u.start : u.end]) for u in sb]
        self.shared: dict[tuple[int, int], int] = defaultdict(int)
        starts_a, starts_b = [u.start for u in sa], [u.start for u in sb]
        for run in runs:
            i, j = _holder(sa, starts_a, run.a_start), _holder(sb, starts_b, run.b_start)
            if i is not None and j is not None:
                self.shared[(i, j)] += content_length(run.text)

    def __call__(self, i: int, j: int) -> float:
        total = self.la[i] + self.lb[j]
        by_runs = 2 * self.shared.get((i, j), 0) / total if total else 0.0
        bigrams = _dice(self.ga[i], self.gb[j])
        if by_runs < MIN_RUN_SIMILARITY and bigrams < MIN_BIGRAM_SIMILARITY:
            return 0.0
        return max(by_runs, bigrams)


def _holder(units: list[Unit], starts: list[int], pos: int) -> int | None:
    k = bisect_right(starts, pos) - 1
    return k if k >= 0 and pos < units[k].end else None


def _match(n: int, m: int, sim: _Similarity) -> list[tuple[int, int, float]]:
    """Order-keeping matching of largest total similarity, as (i, j, similarity)."""
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = score[i], score[i + 1]
        for j in range(m - 1, -1, -1):
            best = max(below[j], row[j + 1])
            s = sim(i, j)
            if s > 0.0:
                best = max(best, s + below[j + 1])
            row[j] = best
    out = []
    i = j = 0
    while i < n and j < m:
        s = sim(i, j)
        if s > 0.0 and score[i][j] == s + score[i + 1][j + 1]:
            out.append((i, j, s))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def _opens(section: Section, unit: Unit) -> bool:
    """True when ``unit`` is the section's first sentence: its heading line (or the
    sentence the heading runs into)."""
    return unit.start - section.norm_start <= 2


def rows_of_pair(
    a: Prepared, b: Prepared, pair: SectionPair, runs: list[SharedSpan], redliner: Redliner
) -> list[SentenceRow]:
    """The rows of one section pair (a one-sided pair gives one row of all its sentences)."""
    paired = pair.a is not None and pair.b is not None
    sa = a.units_in(a.sentences, *shown_span(pair.a, paired)) if pair.a is not None else []
    sb = b.units_in(b.sentences, *shown_span(pair.b, paired)) if pair.b is not None else []
    if not sa or not sb:
        return [SentenceRow(tuple(sa), tuple(sb))] if sa or sb else []
    rows: list[SentenceRow] = []
    assert pair.a is not None and pair.b is not None
    if _opens(pair.a, sa[0]) and _opens(pair.b, sb[0]):
        head = redliner.redline(sa[0], sb[0])
        rows.append(SentenceRow((sa[0],), (sb[0],), head.same, heading=True, redline=head))
        sa, sb = sa[1:], sb[1:]
    sim = _Similarity(a, b, sa, sb, runs)
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
    return [rows_of_pair(a, b, pair, runs, redliner) for pair in pairs]

"""Find the phrasing two reports share, exactly, in small pieces.

diff-match-patch over two whole reports takes minutes; here it only ever sees
pairs of sentences or clauses, which come from two sources:

- within each pair of aligned sections (children included, so a topic whose
  own partner was missed is still seen through its parents), each sentence of
  B and the sentence of A sharing the most exact ``min_shared``-character
  anchors with it, plus up to two runners-up sharing at least two anchors (one
  coincidental 4-gram is not worth a diff), and identical sentences however
  short, such as a heading; and the same for each sentence of A among B's, so
  that swapping the reports diffs the same pairs;
- anywhere in the documents, clause pairs that MinHash LSH proposes as near
  duplicates, so formula moved to another section is still found.

Each pair is diffed word by word (jieba tokens mapped to single code points,
as diff-match-patch does for lines), and equal runs of at least
``min_shared`` Han characters or digits are kept (each pair diffed in the
order of its words, not of the reports), without a closing quotation mark or
bracket at their start or an opening one at their end. Runs are then chosen longest first,
then earliest in both reports together, so that no character on either side
is claimed twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..read.chars import content_length, letters
from ..read.units import Unit
from ..settings import CompareSettings
from .align import SectionPair
from .gram_overlap import GramIds, gram_overlap
from .prepared import Prepared
from .sketch import Signatures, band_hashes, sketch_texts
from .word_diff import Op, WordCodes, word_diff

# How many A sentences each B sentence is diffed against within a section pair.
CANDIDATES_PER_SENTENCE = 3


@dataclass(frozen=True)
class SharedSpan:
    """A run of identical normalised words.

    It stands at ``[a_start, a_end)`` in A and ``[b_start, b_end)`` in B (comparison text).
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text: str

    @property
    def length(self) -> int:
        return self.b_end - self.b_start


class _Differ:
    """Diffs unit pairs of A and B at word level and collects shared runs."""

    def __init__(self, a: Prepared, b: Prepared, min_shared: int) -> None:
        self.a, self.b, self.min_shared = a, b, min_shared
        self.codes = WordCodes()
        self.seen: set[tuple[int, int, int, int]] = set()
        # Formula repeats: the same pair of word sequences is diffed once.
        self.diffs: dict[tuple[str, str], list[tuple[Op, int]]] = {}
        self.runs: list[SharedSpan] = []
        self.encoded: dict[tuple[int, int, int], str] = {}

    def diff(self, ua: Unit, ub: Unit) -> None:
        key = (ua.start, ua.end, ub.start, ub.end)
        if key in self.seen:
            return
        self.seen.add(key)
        ia, ja = self.a.token_range(ua.start, ua.end)
        ib, jb = self.b.token_range(ub.start, ub.end)
        sa, sb = self._encoded(0, ia, ja), self._encoded(1, ib, jb)
        diffs = self.diffs.get((sa, sb))
        if diffs is None:
            diffs = self.diffs[(sa, sb)] = self._oriented_diff(sa, sb, ia, ja, ib, jb)
        ta, tb = self.a.tokens, self.b.tokens
        pa, pb = ia, ib
        for op, n in diffs:
            if op == 0:
                whole = n == ja - ia == jb - ib
                lo, hi = (0, n) if whole else _without_dangling_marks(ta.words, pa, n)
                if lo < hi:
                    self._keep(
                        ta.starts[pa + lo], ta.ends[pa + hi - 1],
                        tb.starts[pb + lo], tb.ends[pb + hi - 1], whole,
                    )  # fmt: skip
            if op <= 0:
                pa += n
            if op >= 0:
                pb += n

    def _oriented_diff(
        self, sa: str, sb: str, ia: int, ja: int, ib: int, jb: int
    ) -> list[tuple[Op, int]]:
        """The word diff of the two units, taken in one orientation whichever report is A.

        Where two alignments of the words are equally short, diff-match-patch's choice
        depends on which text comes first: diffing the pair in the order of its words
        gives the same runs when the two reports are swapped."""
        if self.a.tokens.words[ia:ja] <= self.b.tokens.words[ib:jb]:
            return word_diff(sa, sb)
        return [(-op, n) for op, n in word_diff(sb, sa)]

    def _encoded(self, side: int, start: int, end: int) -> str:
        """A unit's words as codes, once per unit (a sentence is diffed with several)."""
        key = (side, start, end)
        found = self.encoded.get(key)
        if found is None:
            words = (self.a, self.b)[side].tokens.words[start:end]
            found = self.encoded[key] = self.codes.encode(words)
        return found

    def _keep(self, a0: int, a1: int, b0: int, b1: int, whole: bool) -> None:
        """Keep a run long enough to be formula, or a whole identical unit however short."""
        text = self.b.text[b0:b1]
        if whole or content_length(text) >= self.min_shared:
            self.runs.append(SharedSpan(a0, a1, b0, b1, text))


# Quotation marks and brackets that open or close what follows or precedes them, as the
# comparison text has them (width folded: ［］ are [], ｛｝ are {}). A straight quote " points
# neither way and is left alone.
_OPENING = frozenset("（「『“‘〔【《〈〖﹃﹁([{")
_CLOSING = frozenset("）」』”’〕】》〉〗﹄﹂)]}")


def _without_dangling_marks(words: list[str], start: int, n: int) -> tuple[int, int]:
    """The run of the ``n`` words from ``start`` without the closing marks that open it and
    the opening marks that end it, as ``(lo, hi)`` within the run: where two sentences
    quote different things (实施“…” against 实施“…”), the shared run stops at the
    quotation mark, which then belongs to what differs, not to the formula."""
    lo, hi = 0, n
    while lo < hi and words[start + lo] in _CLOSING:
        lo += 1
    while hi > lo and words[start + hi - 1] in _OPENING:
        hi -= 1
    return lo, hi


def _anchors(k: int) -> Callable[[str], list[str]]:
    """The distinct ``k``-grams of a text's letters, in text order (never set order)."""

    def anchors(text: str) -> list[str]:
        core = letters(text)
        return list(dict.fromkeys(core[i : i + k] for i in range(len(core) - k + 1)))

    return anchors


def _section_candidates(
    a: Prepared, b: Prepared, pairs: list[SectionPair], k: int
) -> Iterable[tuple[Unit, Unit]]:
    """Sentence pairs inside aligned sections that share exact anchors, best first."""
    anchors = GramIds(_anchors(k), a.text, b.text)
    for pair in pairs:
        if pair.a is None or pair.b is None:
            continue
        sa = a.units_in(a.sentences, pair.a.norm_start, pair.a.norm_end)
        sb = b.units_in(b.sentences, pair.b.norm_start, pair.b.norm_end)
        j, i, votes = gram_overlap(
            [anchors.of(1, u) for u in sb], [anchors.of(0, u) for u in sa], anchors.size
        )
        texts_a = [a.text[u.start : u.end] for u in sa]
        texts_b = [b.text[u.start : u.end] for u in sb]
        for jj, ii in _candidates(texts_b, texts_a, _best_voted(j, i, votes)):
            yield sa[ii], sb[jj]
        for ii, jj in _candidates(texts_a, texts_b, _best_voted(i, j, votes)):
            yield sa[ii], sb[jj]


def _candidates(
    texts: list[str], others: list[str], best: dict[int, list[tuple[int, int]]]
) -> Iterable[tuple[int, int]]:
    """``(k, m)`` for each sentence ``texts[k]`` and the sentences ``others[m]`` worth
    diffing it with: its first identical twin, its best-voted sentence, and runners-up
    sharing at least two anchors. Asked both ways round (each B sentence's A candidates
    and each A sentence's B candidates), so that swapping the two reports diffs the same
    pairs."""
    first: dict[str, int] = {}
    for m, text in enumerate(others):
        first.setdefault(text, m)
    for k, text in enumerate(texts):
        twin = first.get(text)
        if twin is not None:
            yield k, twin
        for rank, (m, n) in enumerate(best.get(k, ())):
            if rank == 0 or n >= 2:  # runner-up sentences need more than one anchor
                yield k, m


def _best_voted(
    j: NDArray[np.int64], i: NDArray[np.int64], votes: NDArray[np.int64]
) -> dict[int, list[tuple[int, int]]]:
    """For each sentence ``j`` of one side, its :data:`CANDIDATES_PER_SENTENCE` sentences
    ``i`` of the other sharing the most anchors, as ``(i, anchors shared)``, most first,
    then by ``i``; from every sentence pair sharing anchors, ``(j, i, votes)``."""
    order = np.lexsort((i, -votes, j))
    j, i, votes = j[order], i[order], votes[order]
    first = np.searchsorted(j, j)  # where each sentence's candidates begin
    keep = np.arange(len(j)) - first < CANDIDATES_PER_SENTENCE
    best: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for jj, ii, n in zip(j[keep].tolist(), i[keep].tolist(), votes[keep].tolist(), strict=True):
        best[jj].append((ii, n))
    return best


def _lsh_candidates(
    a: Prepared, b: Prepared, settings: CompareSettings
) -> Iterable[tuple[Unit, Unit]]:
    """Clause pairs anywhere in the two documents that MinHash LSH finds near-identical."""
    ca = [u for u in a.clauses if content_length(a.text[u.start : u.end]) >= settings.min_shared]
    cb = [u for u in b.clauses if content_length(b.text[u.start : u.end]) >= settings.min_shared]
    if not ca or not cb:
        return
    sketches = sketch_texts(
        [a.text[u.start : u.end] for u in ca] + [b.text[u.start : u.end] for u in cb],
        settings.clause_shingle,
        settings.num_perm,
        settings.seed,
    )
    for i, j in near_pairs(sketches[: len(ca)], sketches[len(ca) :], settings):
        yield ca[i], cb[j]


def near_pairs(
    left: Signatures, right: Signatures, settings: CompareSettings
) -> list[tuple[int, int]]:
    """``(i, j)`` where left ``i`` and right ``j`` are equal in some LSH band, by ``(j, i)``.

    The candidates datasketch's ``MinHashLSH`` gives (same bands and rows),
    found by sorting each band's hashes instead of a dict per band.
    """
    hashes_l = band_hashes(left, settings.threshold, settings.num_perm)
    hashes_r = band_hashes(right, settings.threshold, settings.num_perm)
    found = []
    for k in range(hashes_l.shape[1]):
        order = np.argsort(hashes_l[:, k], kind="stable")
        ordered = hashes_l[order, k]
        lo = np.searchsorted(ordered, hashes_r[:, k], "left")
        hi = np.searchsorted(ordered, hashes_r[:, k], "right")
        counts = hi - lo
        j = np.repeat(np.arange(len(hashes_r)), counts)
        at = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        found.append(j * len(hashes_l) + order[np.repeat(lo, counts) + at])
    codes = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    return [(c % len(hashes_l), c // len(hashes_l)) for c in codes.tolist()]


class _Taken:
    """The characters of one side claimed by chosen runs, a byte each.

    A run overlaps the chosen ones when any character of it is claimed: one
    C-speed search over the run's own length. (Bisection over the sorted
    chosen intervals inserted into Python lists, which moved half the list
    at every insert: quadratic in the runs, 0.15 s of 29,000 runs at 300,000
    characters.)
    """

    def __init__(self) -> None:
        self.claimed = bytearray()

    def overlaps(self, start: int, end: int) -> bool:
        return self.claimed.find(1, start, end) >= 0

    def add(self, start: int, end: int) -> None:
        if end > len(self.claimed):
            self.claimed.extend(bytes(end - len(self.claimed)))
        self.claimed[start:end] = b"\x01" * (end - start)


def _order(run: SharedSpan) -> tuple[int, ...]:
    """Longest first (both sides' characters), then earliest in the two reports together:
    the same order whichever report is A, but for runs that mirror each other exactly."""
    a, b = run.a_start, run.b_start
    both = (run.a_end - a) + (run.b_end - b)
    return (-both, a + b, min(a, b), b, run.a_end, run.b_end)


def _choose(runs: list[SharedSpan]) -> list[SharedSpan]:
    """Longest runs first; a run overlapping one already chosen on either side is dropped."""
    taken_a, taken_b = _Taken(), _Taken()
    chosen = []
    for run in sorted(runs, key=_order):
        if taken_b.overlaps(run.b_start, run.b_end) or taken_a.overlaps(run.a_start, run.a_end):
            continue
        taken_a.add(run.a_start, run.a_end)
        taken_b.add(run.b_start, run.b_end)
        chosen.append(run)
    return sorted(chosen, key=lambda r: r.b_start)


def find_shared(
    a: Prepared, b: Prepared, pairs: list[SectionPair], settings: CompareSettings
) -> list[SharedSpan]:
    """Shared runs of words between A and B, non-overlapping on each side, in B's order."""
    differ = _Differ(a, b, settings.min_shared)
    for ua, ub in _section_candidates(a, b, pairs, settings.min_shared):
        differ.diff(ua, ub)
    for ua, ub in _lsh_candidates(a, b, settings):
        differ.diff(ua, ub)
    return _choose(differ.runs)

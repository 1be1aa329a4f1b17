"""The redline of two counterpart sentences: the template they share, what changed, the slots.

Template reuse shows as a sentence copied with only its details changed:
``全年实现地区生产总值18.46亿元，增长7.5%`` against ``全年实现地区生产总值230亿元，
增长9%``. The two sentences are diffed word by word (jieba words mapped to
single code points by :class:`~compare.pair.word_diff.WordCodes`), with diff-match-patch's
semantic clean-up so that a changed name is one change, not three. What A
has and B lacks is A's deletion, what B adds its insertion; inside them, the
*slots* are the details a template leaves open: figures, dates, places and
names (organisations, projects).

A pair is a *near-duplicate* ("copied, details changed") when the words both
keep cover at least :data:`NEAR_DUPLICATE` of their letters (Dice) and some
letters changed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Literal

from ..read.chars import content_length
from ..read.units import Unit
from .prepared import Prepared
from .specific import STOP, SpecificSpan, find_specific
from .word_diff import WordCodes, word_diff

SlotKind = Literal["figure", "date", "place", "name"]

NEAR_DUPLICATE = 0.6
# A year, month or day: the number before 年, 月 or 日 (the unit may lie outside
# the change: 2023年 against 2024年 changes only the digits).
_DATE = re.compile(r"(?:19|20)\d\d(?=\s*年)|(?<!\d)\d{1,2}(?=\s*[月日])")
_SLOT_OF_KIND: dict[str, SlotKind] = {
    "figure": "figure",
    "place": "place",
    "organisation": "name",
    "project": "name",
}


@dataclass(frozen=True)
class Slot:
    """A detail inside a change: ``[start, end)`` of one side's comparison text."""

    side: int
    start: int
    end: int
    kind: SlotKind


@dataclass(frozen=True)
class Redline:
    """What two counterpart sentences keep and change (comparison-text spans)."""

    deleted: tuple[tuple[int, int], ...]  # A's words that B lacks
    inserted: tuple[tuple[int, int], ...]  # B's words that A lacks
    slots: tuple[Slot, ...]
    same: float  # Dice of the letters both keep

    @property
    def changed(self) -> bool:
        return bool(self.deleted or self.inserted)

    @property
    def near_duplicate(self) -> bool:
        return self.changed and self.same >= NEAR_DUPLICATE


class Redliner:
    """Diffs counterpart sentences of two documents; knows each one's specific content."""

    def __init__(self, a: Prepared, b: Prepared) -> None:
        self.docs = (a, b)
        self.codes = WordCodes()
        self._specific: list[_SpanFinder | None] = [None, None]

    def specific(self, side: int) -> _SpanFinder:
        """Figures, places and names of a whole document (shared text not taken out)."""
        found = self._specific[side]
        if found is None:
            found = self._specific[side] = _SpanFinder(find_specific(self.docs[side], [], STOP))
        return found

    def redline(self, ua: Unit, ub: Unit) -> Redline:
        """The redline of sentence ``ua`` of A against sentence ``ub`` of B."""
        a, b = self.docs
        ia, ja = a.token_range(ua.start, ua.end)
        ib, jb = b.token_range(ub.start, ub.end)
        ta, tb = a.tokens, b.tokens
        codes = self.codes.encode
        diffs = word_diff(codes(ta.words[ia:ja]), codes(tb.words[ib:jb]), semantic=True)
        deleted, inserted = [], []
        kept = 0
        pa, pb = ia, ib
        for op, n in diffs:
            if op == 0:
                kept += sum(content_length(w) for w in ta.words[pa : pa + n])
            elif op < 0:
                deleted.append((ta.starts[pa], ta.ends[pa + n - 1]))
            else:
                inserted.append((tb.starts[pb], tb.ends[pb + n - 1]))
            if op <= 0:
                pa += n
            if op >= 0:
                pb += n
        deleted = [s for s in deleted if content_length(a.text[s[0] : s[1]])]
        inserted = [s for s in inserted if content_length(b.text[s[0] : s[1]])]
        total = content_length(a.text[ua.start : ua.end]) + content_length(
            b.text[ub.start : ub.end]
        )
        slots = self._slots(0, deleted) + self._slots(1, inserted)
        return Redline(
            tuple(deleted), tuple(inserted), tuple(slots), 2 * kept / total if total else 0.0
        )

    def _slots(self, side: int, spans: list[tuple[int, int]]) -> list[Slot]:
        """Figures, dates, places and names inside one side's changed spans."""
        prepared = self.docs[side]
        out: list[Slot] = []
        for start, end in spans:
            found: list[Slot] = []
            for m in _DATE.finditer(prepared.text, start, min(end + 2, len(prepared.text))):
                if m.start() < end:
                    found.append(Slot(side, m.start(), min(m.end(), end), "date"))
            for spec in self.specific(side).near(start, end):
                lo, hi = max(spec.start, start), min(spec.end, end)
                if lo < hi:
                    found.append(Slot(side, lo, hi, _SLOT_OF_KIND[spec.kind]))
            out += _first_come(found)
        return sorted(out, key=lambda s: s.start)


class _SpanFinder:
    """A document's specific spans, found near a changed span by bisection.

    A long report has thousands of spans and thousands of changed spans:
    looking at every span for each change made the page quadratic in length.
    """

    def __init__(self, spans: list[SpecificSpan]) -> None:
        self.spans = spans
        self.order = sorted(range(len(spans)), key=lambda k: spans[k].start)
        self.starts = [spans[k].start for k in self.order]
        self.longest = max((s.end - s.start for s in spans), default=0)

    def near(self, start: int, end: int) -> list[SpecificSpan]:
        """Every span that may overlap ``[start, end)`` (and a few that do not), in
        the document's order, the order in which the first-come rule reads them."""
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [self.spans[k] for k in sorted(self.order[lo:hi])]


def _first_come(slots: list[Slot]) -> list[Slot]:
    """Slots that do not overlap an earlier one (dates before the other kinds)."""
    kept: list[Slot] = []
    for slot in slots:
        if all(slot.end <= k.start or k.end <= slot.start for k in kept):
            kept.append(slot)
    return kept

"""Where each report's wording came from: its own, carried over, handed down, peers, common.

Every clause of a report (and so every character of its body) gets the first
of these that fits (held means word for word or as a near-duplicate):

1. ``handed_down``: held by a report of a government above it, of the same or
   an earlier year (the national report, its province's or city's): wording
   that came from above, however widely it spread;
2. ``common``: formula held by at least ``common`` governments besides the
   report's own, with no source above it in the corpus;
3. ``carried_over``: held by an earlier report of its own government (its own
   wording recycled, not general formula);
4. ``peers``: held by another government of the same level;
5. ``own``: the rest, its own words (and clauses too short to count).

The shares sum to 1. Where the corpus cannot tell (no earlier report of the
government, no report above it, a report that never names itself), a note
says so. Counts of governments are taken per index key (a clause itself, or a
band group of near-duplicates): a report holding a clause holds all its keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from .bands import gather
from .clause_index import HOLDINGS_PER_BLOCK, Holders, IdArray, blocks, distinct
from .lineage import NO_YEAR, Lineage
from .records import ReportRecord

KINDS = ("own", "carried_over", "handed_down", "peers", "common")
# What the corpus cannot tell about a report's wording (its notes): its shares of that
# kind are zero by construction, not measured.
NO_NAME = "the report never names its government: carried-over wording cannot be told"
NO_EARLIER = "no earlier report of its government in the corpus"
NO_ABOVE = "no report of a government above it, of the same or an earlier year, in the corpus"
# The notes that make a kind's share unknowable rather than measured.
# (A report that never names itself still has the national government above it.)
UNKNOWN_WITHOUT = {"carried_over": (NO_NAME, NO_EARLIER), "handed_down": (NO_ABOVE,)}
_RANKS = 5
_NONE = np.iinfo(np.int64).max  # the earliest year of a key no report holds


@dataclass
class Provenance:
    """One report's body split by where its wording came from (shares summing to 1)."""

    shares: dict[str, float]
    notes: list[str] = field(default_factory=list)


class ProvenanceCounter:
    """Splits every report of a corpus; the per-clause counts are made once."""

    def __init__(self, docs: Holders, lineage: Lineage, common: int) -> None:
        self.docs, self.lineage = docs, lineage
        self.key_governments, self.peer_keys = self._governments_per_key()
        self.common = self._at_least_governments(common + 1)
        # One table of each kind at a time: kept for every government they were a third of
        # the memory at 10,000 reports. Reports taken in :meth:`order` need each table once.
        self._own = _EarliestYear(docs, lineage.year)
        self._above = _EarliestYear(docs, lineage.year)
        self._own_of: int | None = None  # the government whose reports fill ``_own``
        self._above_of_set: tuple[int, ...] | None = None  # the governments filling ``_above``

    def order(self) -> list[int]:
        """Every report, those with the same governments above them together and, among
        them, each government's together: the order in which :meth:`carried` and
        :meth:`handed` build each table once (any order gives the same answers)."""
        lineage = self.lineage
        return sorted(
            range(len(lineage)),
            key=lambda d: (self._above_of(d), int(lineage.gov[d]), d),
        )

    def _above_of(self, doc: int) -> tuple[int, ...]:
        return tuple(g for g in self.lineage.ancestors[doc].tolist() if g >= 0)

    def carried(self, doc: int) -> NDArray[np.bool_]:
        """For each clause of ``doc``, whether an earlier report of its government holds it
        (one table of earliest years per government, shared by all its reports)."""
        year = int(self.lineage.year[doc])
        gov = int(self.lineage.gov[doc])
        if self._own_of != gov:
            dated = [d for d in self.lineage.docs_of[gov] if self.lineage.year[d] != NO_YEAR]
            self._own.fill(dated)
            self._own_of = gov
        if year == NO_YEAR:
            return np.zeros(len(self.docs.doc_clauses[doc]), dtype=bool)
        return self._any_key(doc, self._own, lambda first: first < year)

    def handed(self, doc: int) -> NDArray[np.bool_]:
        """For each clause of ``doc``, whether a report of a government above it, of the same
        or an earlier year, holds it (a table per set of governments above)."""
        above = self._above_of(doc)
        if self._above_of_set != above:
            self._above.fill(sorted(d for g in above for d in self.lineage.docs_of[g]))
            self._above_of_set = above
        year = int(self.lineage.year[doc])
        limit = _NONE - 1 if year == NO_YEAR else year  # any year, but held
        return self._any_key(doc, self._above, lambda first: first <= limit)

    def _any_key(
        self, doc: int, table: _EarliestYear, early: Callable[[IdArray], NDArray[np.bool_]]
    ) -> NDArray[np.bool_]:
        """For each clause of ``doc``, whether any of its keys appears early enough in ``table``."""
        flat, starts = self.docs.occurrence_keys(doc)
        if len(flat) == 0:
            return np.zeros(0, dtype=bool)
        out: NDArray[np.bool_] = np.logical_or.reduceat(early(table.earliest(flat)), starts)
        return out

    def _governments_per_key(self) -> tuple[IdArray, NDArray[np.bool_]]:
        """For each key, how many governments hold it, and for each key and level whether
        two governments of that level do. One pass over the keys held more than once (a
        key of one report has one government)."""
        docs = self.docs
        # int32: a count of governments; the bounds below sum it over each clause's keys
        governments = np.minimum(docs.key_size, 1).astype(np.int32)
        two_per_rank = np.zeros((len(docs.key_size), _RANKS), dtype=bool)
        shared = np.flatnonzero(docs.key_size >= 2)
        for block in blocks(docs.key_size[shared], HOLDINGS_PER_BLOCK):
            keys: IdArray = shared[block]
            count, two = self._key_block(keys)
            governments[keys] = count
            two_per_rank[keys] = two
        return governments, two_per_rank

    def _key_block(self, keys: IdArray) -> tuple[IdArray, NDArray[np.bool_]]:
        """:meth:`_governments_per_key` for some keys (their holders fit in memory)."""
        docs = self.docs
        holders = gather(docs.key_doc_start, docs.key_docs, keys)
        key = np.repeat(np.arange(len(keys), dtype=np.int64), docs.key_size[keys])
        width = int(self.lineage.gov.max()) + 1
        # a government has one level: (key, level, government) triples count governments
        key *= _RANKS
        key += self.lineage.rank[holders]
        key *= width
        key += self.lineage.gov[holders]
        triples = distinct(key)
        count = np.bincount(triples // width // _RANKS, minlength=len(keys)).astype(np.int64)
        per_rank = np.bincount(triples // width, minlength=len(keys) * _RANKS)
        return count, (per_rank >= 2).reshape(len(keys), _RANKS)

    def _at_least_governments(self, count: int) -> NDArray[np.bool_]:
        """For each distinct clause, whether at least ``count`` governments hold it or a
        near-duplicate (bounds per key, the exact union only where they disagree)."""
        docs = self.docs
        if docs.clauses == 0:
            return np.zeros(0, dtype=bool)
        low, high = docs.bounds(self.key_governments)
        out = low >= count
        doubtful = np.flatnonzero(~out & (high >= count))
        out[doubtful] = docs.union_sizes(doubtful, self.lineage.gov) >= count
        return out

    def _peers(self, doc: int, ids: IdArray) -> NDArray[np.bool_]:
        """For each clause of ``doc``, whether another government of its level holds it."""
        docs = self.docs
        if len(ids) == 0:
            return np.zeros(0, dtype=bool)
        lengths = docs.key_start[ids + 1] - docs.key_start[ids]
        keys = gather(docs.key_start, docs.keys, ids)
        hit = self.peer_keys[keys, int(self.lineage.rank[doc])]
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
        out: NDArray[np.bool_] = np.logical_or.reduceat(hit, starts)
        return out

    def split(self, doc: int, record: ReportRecord, ids: IdArray) -> Provenance:
        """The provenance of report ``doc`` (its record and distinct-clause ids)."""
        lineage = self.lineage
        above, earlier = lineage.above_docs(doc), lineage.earlier_own(doc)
        kinds = np.zeros(len(ids), dtype=np.int64)  # KINDS[0], own
        masks = [
            ("peers", self._peers(doc, ids)),
            ("carried_over", self.carried(doc)),
            ("common", self.common[ids]),
            ("handed_down", self.handed(doc)),
        ]
        for kind, mask in masks:  # later assignments win: handed down first, as documented
            if len(mask):
                kinds[mask] = KINDS.index(kind)
        chars = record.clause_chars.astype(np.int64)
        total = max(record.body_chars, 1)
        shares = {
            kind: float(chars[kinds == k].sum()) / total
            for k, kind in enumerate(KINDS)
            if kind != "own"
        }
        shares["own"] = max(0.0, 1.0 - sum(shares.values()))
        return Provenance({k: shares[k] for k in KINDS}, self._notes(doc, record, above, earlier))

    def _notes(
        self, doc: int, record: ReportRecord, above: list[int], earlier: list[int]
    ) -> list[str]:
        """What the corpus cannot tell about this report's wording."""
        if not record.government:
            return [NO_NAME]
        notes = []
        if not earlier:
            notes.append(NO_EARLIER)
        if not above and record.level != "national":
            notes.append(NO_ABOVE)
        return notes


class _EarliestYear:
    """For some reports: the earliest year one of them holds each key (reports of unknown
    year count as earliest of all), refilled for the next reports as :meth:`fill` is called.

    The years are kept by key in one array as small year ranks (0: no report holds the
    key), so a look-up is one read per key. The keys of a government of thousands of
    reports are millions: sorting each report's keys and searching that government's
    sorted table was half the per-report figures at 10,000 reports. The array is
    allocated zeroed and only the pages of keys ever held are touched; refilling clears
    just the keys the last reports held.
    """

    def __init__(self, docs: Holders, years: IdArray) -> None:
        self.docs = docs
        self.doc_year = years
        self.years = distinct(years)
        # rank 0 is "none": the largest integer, later than every year
        self.year_of_rank = np.concatenate(([_NONE], self.years)).astype(np.int64)
        rank_type = np.uint8 if len(self.years) < 255 else np.int32
        self.rank = np.zeros(len(docs.key_size), dtype=rank_type)
        self.held: list[IdArray] = []  # the keys of each member, to clear at the next fill

    def fill(self, members: list[int]) -> None:
        """Hold the earliest years of the keys of ``members`` (and no one else's).

        Each report's keys are written in turn, latest year first, so a key ends
        with its earliest report's rank: one write per key a report holds (its keys
        are distinct), where sorting all the members' keys by key and year was half
        the per-report figures at 50,000 reports.
        """
        for keys in self.held:
            self.rank[keys] = 0
        ranks = np.searchsorted(self.years, self.doc_year[members]) + 1
        latest_first = np.argsort(-ranks, kind="stable").tolist()
        self.held = [self.docs.document_keys(members[k]) for k in latest_first]
        for keys, rank in zip(self.held, ranks[latest_first].tolist(), strict=True):
            self.rank[keys] = rank

    def earliest(self, keys: IdArray) -> IdArray:
        """The earliest year of each key, or the largest integer where none holds it."""
        out: IdArray = self.year_of_rank[self.rank[keys]]
        return out

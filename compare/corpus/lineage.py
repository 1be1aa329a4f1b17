"""Who speaks for whom in a corpus: governments, levels, years, and who is above whom.

A report's wording can come from its own government's earlier reports, or be
handed down from a government *above* it: the national report, or the report
of a province or city its metadata names as a parent, of the same or an
earlier year (a county's 2024 report echoes its province's 2024 report, never
its 2026 one). Reports whose year is unknown are taken as possibly earlier.
Everything here is arrays indexed by document, so pairs can be tested in bulk.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple, Protocol

import numpy as np
from numpy.typing import NDArray

from ..read.gazetteer import split_suffix
from .records import ReportRecord

IdArray = NDArray[np.int64]
LEVEL_RANK = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 3}
_UNRANKED = 4


def level_rank(level: str | None) -> int:
    """A level's rank, the national government 0 (an unknown level after every known one)."""
    return LEVEL_RANK.get(level or "", _UNRANKED)


NO_YEAR = -1


class Lineage:
    """Governments, years and ancestry of every report of a corpus."""

    def __init__(self, records: list[ReportRecord]) -> None:
        keys = government_keys(records)
        names = sorted(set(keys))
        ident = {k: i for i, k in enumerate(names)}
        self.keys = names
        self.gov: IdArray = np.array([ident[k] for k in keys], dtype=np.int64)
        self.year: IdArray = np.array(
            [r.year if r.year is not None else NO_YEAR for r in records], dtype=np.int64
        )
        self.rank: IdArray = np.array([level_rank(r.level) for r in records], dtype=np.int64)
        self.ancestors = _ancestor_table(records, self.gov)
        by_gov: dict[int, list[int]] = defaultdict(list)
        for d, g in enumerate(self.gov.tolist()):
            by_gov[g].append(d)
        self.docs_of = {
            g: sorted(ds, key=lambda d: (int(self.year[d]), d)) for g, ds in by_gov.items()
        }
        # The years of docs_of[g], in its order: earlier reports found by bisection (a
        # government of a thousand reports asked about each of them was quadratic).
        self._years_of = {g: [int(self.year[d]) for d in ds] for g, ds in self.docs_of.items()}

    def __len__(self) -> int:
        return len(self.gov)

    def above(self, b: IdArray, a: IdArray) -> NDArray[np.bool_]:
        """For pairs of documents, whether ``b`` is handed-down ground for ``a``: of a
        government above ``a``'s, and not of a later year."""
        governs = (self.ancestors[a] == self.gov[b][:, None]).any(axis=1)
        known = (self.year[a] != NO_YEAR) & (self.year[b] != NO_YEAR)
        out: NDArray[np.bool_] = governs & (~known | (self.year[b] <= self.year[a]))
        return out

    def above_docs(self, a: int) -> list[int]:
        """The reports handed-down wording of report ``a`` can come from: of a government
        above it, of its year or earlier (either year unknown counts as earlier)."""
        year = int(self.year[a])
        out: list[int] = []
        for g in self.ancestors[a].tolist():
            if g >= 0:
                docs = self.docs_of[g]
                last = len(docs) if year == NO_YEAR else bisect_right(self._years_of[g], year)
                out.extend(docs[:last])
        return sorted(out)

    def sources_above(self, a: int) -> list[int]:
        """For each government above report ``a``, its latest report of ``a``'s year or
        earlier: the report ``a``'s handed-down wording most likely came from (none where
        ``a``'s year is unknown)."""
        year = int(self.year[a])
        if year == NO_YEAR:
            return []
        out: list[int] = []
        for g in self.ancestors[a].tolist():
            if g >= 0:
                last = bisect_right(self._years_of[g], year)
                if last and self._years_of[g][last - 1] != NO_YEAR:
                    out.append(self.docs_of[g][last - 1])
        return sorted(out, key=lambda d: (int(self.rank[d]), d))  # highest level first

    def earlier_own(self, a: int) -> list[int]:
        """Reports of ``a``'s own government from earlier years (known years only)."""
        year = int(self.year[a])
        if year == NO_YEAR:
            return []
        g = int(self.gov[a])
        years = self._years_of[g]
        return self.docs_of[g][bisect_right(years, NO_YEAR) : bisect_left(years, year)]

    def previous_own(self, a: int) -> int | None:
        """The nearest earlier report of ``a``'s own government (the year-over-year pair)."""
        earlier = self.earlier_own(a)
        return earlier[-1] if earlier else None


class Speaker(Protocol):
    """What a report says about who it speaks for (a record, or a loaded report's meta)."""

    @property
    def government(self) -> str | None: ...
    @property
    def parents(self) -> tuple[str, ...]: ...
    @property
    def path(self) -> str: ...


class Named(NamedTuple):
    """A loaded report as a :class:`Speaker`."""

    government: str | None
    parents: tuple[str, ...]
    path: str


def government_keys(records: Sequence[Speaker]) -> list[str]:
    """Who each report speaks for, decided across the corpus.

    Reports name themselves unevenly: 燕藏区 in one year, 六安市燕藏区 the next; 徐水县
    before 2015, 徐水区 after. Reports with the same stem are one government unless they
    place it in different provinces; then each province's is its own, and a report
    naming none stands alone (it cannot be told which it is). A report that never
    names itself stands alone.
    """
    by_stem: dict[str, list[int]] = defaultdict(list)
    for d, record in enumerate(records):
        if record.government:
            by_stem[split_suffix(record.government)[0]].append(d)
    keys = [r.path for r in records]
    for stem, docs in by_stem.items():
        provinces = {records[d].parents[0] for d in docs if records[d].parents}
        for d in docs:
            parents = records[d].parents
            if len(provinces) <= 1:
                keys[d] = "/".join((*sorted(provinces), stem))
            elif parents:
                keys[d] = f"{parents[0]}/{stem}"
    return keys


def _ancestor_table(records: list[ReportRecord], gov: IdArray) -> IdArray:
    """For each report, the government ids above it (padded with -1): those named among its
    parents, and the national government for any report below the national level."""
    by_name: dict[str, set[int]] = defaultdict(set)
    national: set[int] = set()
    for record, g in zip(records, gov.tolist(), strict=True):
        if record.government:
            by_name[record.government].add(g)
        if record.level == "national":
            national.add(g)
    rows: list[list[int]] = []
    for record in records:
        found: set[int] = set()
        for parent in record.parents:
            found |= by_name.get(parent, set())
        if record.level != "national":
            found |= national
        rows.append(sorted(found))
    width = max((len(r) for r in rows), default=0) or 1
    table = np.full((len(rows), width), -1, dtype=np.int64)
    for k, row in enumerate(rows):
        table[k, : len(row)] = row
    return table

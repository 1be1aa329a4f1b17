"""Template reuse across a corpus: per report, per pair, formulas, year over year.

Built on the clause index: nothing compares two texts. From which documents
hold each clause (or a near-duplicate) follow:

- per report: the share of its body found in at least one other report, where
  its wording came from (``provenance``), its closest other report (``closest``,
  always), and a boilerplate score after Lang & Stice-Lawrence (2015): the
  share of its characters in sentences holding a clause used by at least
  ``boilerplate_share`` of all reports;
- per pair, reuse both ways (the one measure, ``pair.reuse``) and MinHash
  Jaccard of the bodies, for every pair worth reading: pairs with at least
  ``min_reuse`` of one body in the other (proposed by rare clauses, so every
  report is not paired with every other), every year-over-year pair of one
  government, every report with the latest report of each government above it
  (``handed_down``: which wording came from above, side by side), and every report
  with its closest;
- the formula lexicon of slotted templates (``lexicon``);
- year over year per government: the share of each report carried over from
  its government's previous report, and from any earlier one.
"""

from __future__ import annotations

import math
import os
from collections import Counter, defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial

import numpy as np
from numpy.typing import NDArray

from ..pair.sketch import signature_jaccard
from ..read.packed import NO_TEXTS
from ..settings import AuditSettings
from .bands import found_in, run_starts
from .clause_index import ClauseIndex, IdArray, distinct
from .closest import closest_reports
from .forks import fork_map
from .heap import give_back_free_memory
from .lexicon import lexicon
from .lineage import Lineage
from .pairs import pair_codes_sharing
from .provenance import Provenance, ProvenanceCounter
from .records import ReportRecord
from .results import AuditResult, Closest, DocumentFigures, PairFigures, TimelinePoint

MIN_PAIR_CLAUSES = 2
THREAD_NAME = "reportdiff-audit"  # the thread beside the holders (jobs >= 2)
# A report with at most this many partners to measure has them all measured exactly.
FEW_PARTNERS = 24


@dataclass
class Corpus:
    """Reports and the index of their clauses."""

    settings: AuditSettings
    index: ClauseIndex
    records: list[ReportRecord] = field(default_factory=list)

    @property
    def clause_ids(self) -> list[IdArray]:
        """The distinct-clause id of each clause of each report."""
        return self.index.doc_clauses

    @classmethod
    def empty(cls, settings: AuditSettings) -> Corpus:
        return cls(settings, ClauseIndex(settings))

    def add(self, record: ReportRecord) -> None:
        """Index a report's clauses; its clause texts are dropped after (the index keeps them)."""
        self.add_all([record])

    def add_all(self, records: Sequence[ReportRecord]) -> None:
        """Index several reports' clauses at once: the same ids as one by one, with one set
        of array calls for all (the reading process's own time, 2.4 -> 1.3 ms a report)."""
        if not records:
            return
        hashes, bands = [], []
        for record in records:
            if record.clause_bands is None or record.clause_hashes is None:
                raise ValueError(f"{record.path}: record has no clause hashes")
            hashes.append(record.clause_hashes)
            bands.append(record.clause_bands)
        self.index.intern_all(len(self.records), hashes, [r.clause_texts for r in records], bands)
        self.records.extend(records)
        for record in records:
            record.clause_hashes, record.clause_texts, record.clause_bands = None, NO_TEXTS, None


@dataclass
class _ReportFigures:
    """What one report's own figures are: its provenance, the share of its body found
    elsewhere, its boilerplate, and (reuse, carried over) from its previous report."""

    provenance: Provenance
    found: float
    boilerplate: float
    carried: tuple[float, float] | None


def _share(record: ReportRecord, ids: IdArray, keep: NDArray[np.bool_]) -> float:
    if record.body_chars == 0:
        return 0.0
    return int(record.clause_chars[keep[ids]].sum()) / record.body_chars


class _Auditor:
    """Computes the figures of one corpus; each method one figure."""

    def __init__(self, corpus: Corpus, lineage: Lineage | None = None) -> None:
        self.corpus = corpus
        self.records = corpus.records
        self.docs = corpus.index.documents()
        self.n = len(self.records)
        self.lineage = Lineage(self.records) if lineage is None else lineage
        # Clauses used by two reports, by at least ``boilerplate_share`` of them (and two),
        # and by more than ``pair_cap`` (too common to propose pairs).
        floor = max(2, math.ceil(corpus.settings.boilerplate_share * self.n))
        beyond_cap = corpus.settings.pair_cap + 1
        self.shared, self.boilerplate_clauses, self.beyond_cap = self.docs.at_least_each(
            [2, floor, beyond_cap]
        )

    def _share_held(self, d: int, held: NDArray[np.bool_]) -> float:
        """Share of report d's body in the clauses marked ``held`` (one mark per clause)."""
        record = self.records[d]
        if record.body_chars == 0:
            return 0.0
        return int(record.clause_chars[held].sum()) / record.body_chars

    def reuse(self, a: int, b: int) -> float:
        """reuse(a -> b): share of report a's body in clauses that report b also holds."""
        return self._share_held(a, self.docs.held_in(a, [b]))

    def reuse_of_pairs(
        self, pairs: list[tuple[int, int]], jobs: int = 1
    ) -> dict[tuple[int, int], float]:
        """:meth:`reuse` both ways for every pair, one look-up per report and its partners
        (over ``jobs`` forked processes)."""
        none = np.zeros(0, dtype=np.int64)
        items = [
            (a, others)
            for a, others, _ in _partners_of_codes(pair_codes(pairs, self.n), none, self.n)
        ]
        out: dict[tuple[int, int], float] = {}
        for (a, others), found in zip(items, fork_map(self._found, items, jobs), strict=True):
            body = self.records[a].body_chars
            for b, chars in zip(others, found, strict=True):
                out[(a, b)] = _fraction(chars, body)
        return out

    def _found(self, item: tuple[int, list[int]]) -> list[int]:
        """Characters of report a's body each of its partners holds."""
        a, others = item
        found: list[int] = self.docs.found_by_each(a, others, self.records[a].clause_chars).tolist()
        return found

    def measure_pairs(
        self,
        proposed: IdArray,
        required: set[tuple[int, int]],
        share: float,
        jobs: int = 1,
    ) -> tuple[dict[tuple[int, int], float], list[tuple[int, int]]]:
        """:meth:`reuse` both ways of every ``required`` pair and of every proposed pair
        that may reach ``share`` one way or the other, and those proposed pairs (a < b,
        ascending); every other proposed pair surely stays below ``share``. ``proposed``
        are pair codes (:func:`pair_codes`), in any order.

        Measuring reuse exactly gathers the holders of every clause of a report, and a
        formula clause has thousands: they were most of the time of measuring the
        proposed pairs, nearly all of which stay far below ``min_reuse``. So a report's
        most widely held clauses, up to half of ``share`` of its body, are first
        counted as if every partner held them (a bound), the rest exactly; only the
        partners that must be measured (required, or within the bound) are looked up
        in those clauses. One pass per report over ``jobs`` forked processes, then the
        few pairs bounded one way only are measured the other way. At 10,000 reports:
        743,171 proposals, 13 within the bound.
        """
        items = _partners_of_codes(proposed, pair_codes(sorted(required), self.n), self.n)
        reuse: dict[tuple[int, int], float] = {}
        reaching: set[tuple[int, int]] = set()
        task = partial(self._measure_partners, share=share)
        for (a, _, _), (exact, within) in zip(items, fork_map(task, items, jobs), strict=True):
            reuse.update(((a, b), value) for b, value in exact)
            reaching.update(_key(a, b) for b in within)
        one_way = [
            (a, b) for a, b in sorted(reaching) if (a, b) not in reuse or (b, a) not in reuse
        ]
        reuse.update(self.reuse_of_pairs(one_way, jobs))
        return reuse, sorted(reaching)

    def _measure_partners(
        self, item: tuple[int, list[int], list[bool]], share: float
    ) -> tuple[list[tuple[int, float]], list[int]]:
        """For report a: reuse(a -> b) of each partner b that must be measured (the
        required ones and those within the bound), and the partners within the bound."""
        a, others, required = item
        record = self.records[a]
        weights, body = record.clause_chars, record.body_chars
        if len(others) <= FEW_PARTNERS:
            # Few partners: all measured exactly in one pass cost less than a bound and
            # a second pass, if the keys held by more reports than partners are searched
            # in each partner's keys (50,000 reports, 8 to 16 partners: 2.8 -> 1.9 ms).
            found = self.docs.found_by_each(a, others, weights, scatter_per_partner=1)
            exact = [(b, _fraction(c, body)) for b, c in zip(others, found.tolist(), strict=True)]
            return exact, [b for b, value in exact if value >= share]
        order = np.argsort(-self.docs.reach(a), kind="stable")  # most widely held first
        counted = np.cumsum(weights[order], dtype=np.int64)
        widely = np.sort(order[: int(np.searchsorted(counted, share * body / 2, "right"))])
        rest = np.ones(len(weights), dtype=bool)
        rest[widely] = False
        found = self.docs.found_by_each(a, others, weights, np.flatnonzero(rest))
        bound = int(weights[widely].sum())
        within = [b for b, chars in zip(others, found.tolist(), strict=True)
                  if _fraction(chars + bound, body) >= share]  # fmt: skip
        reaching = set(within)
        place = [k for k, b in enumerate(others) if required[k] or b in reaching]
        measured = [others[k] for k in place]
        found[place] += self.docs.found_by_each(a, measured, weights, widely)
        exact = [(others[k], _fraction(int(found[k]), body)) for k in place]
        return exact, within

    def proposed_pairs(self, jobs: int = 1) -> IdArray:
        """Pairs sharing at least two clauses held by at most ``pair_cap`` reports, as
        pair codes (:func:`pair_codes`).

        Counted from both sides (a clause of A that B holds, a clause of B that A
        holds), so the pairs do not depend on the order reports came in; over
        ``jobs`` forked processes, the same pairs.
        """
        rare = self.shared & ~self.beyond_cap
        return pair_codes_sharing(self.docs, np.flatnonzero(rare), 2 * MIN_PAIR_CLAUSES, jobs)

    def jaccard(self, a: int, b: int) -> float:
        return signature_jaccard(self.records[a].signature, self.records[b].signature)

    def boilerplate(self, d: int) -> float:
        """Share of the body in sentences holding a clause used by many reports."""
        record = self.records[d]
        hit = distinct(record.clause_sentence[self.boilerplate_clauses[self.corpus.clause_ids[d]]])
        total = int(record.sentence_chars.sum())
        return int(record.sentence_chars[hit].sum()) / total if total else 0.0

    def report(self, counter: ProvenanceCounter, d: int) -> _ReportFigures:
        """The figures of report d alone (run in the forked children)."""
        record, ids = self.records[d], self.corpus.clause_ids[d]
        prev = self.lineage.previous_own(d)
        carried = None
        if prev is not None and record.year is not None:
            carried = (self.reuse(d, prev), self._share_held(d, counter.carried(d)))
        return _ReportFigures(
            counter.split(d, record, ids), _share(record, ids, self.shared),
            self.boilerplate(d), carried,
        )  # fmt: skip

    def timeline(self, figures: dict[int, _ReportFigures]) -> list[TimelinePoint]:
        """Each report with its government's previous report: what it carried over."""
        points = []
        for d, found in figures.items():
            prev = self.lineage.previous_own(d)
            if found.carried is None or prev is None:
                continue
            record = self.records[d]
            points.append(
                TimelinePoint(
                    self._government_name(d), record.year or 0, self.records[prev].year or 0,
                    record.path, self.records[prev].path, *found.carried,
                )
            )  # fmt: skip
        return sorted(points, key=lambda t: (t.government, t.year, t.path))

    def _government_name(self, d: int) -> str:
        """A government as its latest report names it (徐水区, not 徐水县)."""
        own = self.lineage.docs_of[int(self.lineage.gov[d])]
        return self.records[own[-1]].government or self.records[d].path


def labels(records: list[ReportRecord]) -> list[str]:
    """A short name per report: government and year, made unique with the file name."""
    plain = [
        " ".join(p for p in (r.government or "", str(r.year) if r.year else "") if p)
        or os.path.basename(r.path)
        for r in records
    ]
    seen = Counter(plain)
    return [
        label if seen[label] == 1 else f"{label} ({os.path.basename(r.path)})"
        for label, r in zip(plain, records, strict=True)
    ]


def audit(corpus: Corpus, jobs: int = 1) -> AuditResult:
    """All the figures of an audit of ``corpus``; the per-report ones over ``jobs`` forked
    processes (same figures)."""
    records = corpus.records
    settings = corpus.settings
    closest, auditor, counted = _serial_steps_side_by_side(corpus, jobs)
    proposed = auditor.proposed_pairs(jobs)
    give_back_free_memory()
    why, reuse = _pairs_worth_reading(auditor, proposed, closest, jobs)
    pairs = [
        PairFigures(
            records[a].path, records[b].path, auditor.jaccard(a, b), reuse[(a, b)], reuse[(b, a)],
            sorted(reasons, key=_WHY_ORDER.index),
        )
        for (a, b), reasons in why.items()
    ]  # fmt: skip
    pairs.sort(key=lambda p: (-max(p.reuse_ab, p.reuse_ba), p.a, p.b))
    counter = counted
    if counter is None:  # one job: made here, after the pairs, as it always was
        counter = ProvenanceCounter(auditor.docs, auditor.lineage, settings.common)
    order = counter.order()
    figures = dict(zip(order, fork_map(partial(auditor.report, counter), order, jobs), strict=True))
    names, lineage = labels(records), auditor.lineage
    documents = []
    for d, found in figures.items():
        record, other = records[d], closest[d]
        documents.append(
            DocumentFigures(
                record.path, names[d], record.government, record.level, record.year,
                found.found, found.boilerplate,
                None if other is None else Closest(records[other].path, reuse[(d, other)]),
                found.provenance.shares, found.provenance.notes,
                [Closest(records[s].path, reuse[(d, s)]) for s in lineage.sources_above(d)],
            )
        )  # fmt: skip
    documents.sort(key=lambda doc: doc.path)
    give_back_free_memory()
    formulas = lexicon(
        corpus.index, auditor.docs, records, auditor.lineage, settings.formulas, auditor.shared
    )
    return AuditResult(documents, pairs, formulas, auditor.timeline(figures))


def _serial_steps_side_by_side(
    corpus: Corpus, jobs: int
) -> tuple[list[int | None], _Auditor, ProvenanceCounter | None]:
    """Every report's closest, the holders with their counts, and (with ``jobs`` of two
    or more) the provenance counts: steps of one process each, run two at a time in
    two threads. With one job, closest and the holders one after another, and the
    provenance counts left for after the pairs (None), as they always were.

    They are numpy and scipy sorts, gathers and reductions, which let go of the
    interpreter lock, and each only reads what another made: closest the gram
    samples, the provenance counts the holders. So one thread finds the closest
    and then the provenance counts while the other builds the holders and counts
    them: at 10,000 reports 7.4 to 8.5 s one after another, with one of two cores
    idle, 4.0 to 4.8 s side by side. The price is memory: both steps' arrays at
    once, and the provenance counts held through the pair steps (the audit's peak
    at 50,000 reports 10.0 to 10.1 GB against 8.4). A stop (Ctrl-C) waits for the
    thread's step under way (seconds) and cancels the one not begun. No thread
    runs when the next steps fork.
    """
    records, settings = corpus.records, corpus.settings
    lineage = Lineage(records)
    if jobs < 2:
        closest = _closest_then_let_grams_go(records, lineage, settings.common)
        give_back_free_memory()
        auditor = _Auditor(corpus, lineage)
        give_back_free_memory()
        return closest, auditor, None
    beside = ThreadPoolExecutor(1, thread_name_prefix=THREAD_NAME)
    try:
        found = beside.submit(_closest_then_let_grams_go, records, lineage, settings.common)
        docs = corpus.index.documents()
        counter = beside.submit(ProvenanceCounter, docs, lineage, settings.common)
        auditor = _Auditor(corpus, lineage)
        closest, counted = found.result(), counter.result()
    finally:  # stopped (Ctrl-C) or failed: the step not begun is not begun
        beside.shutdown(cancel_futures=True)
    give_back_free_memory()  # each step below starts from the memory the last one kept
    return closest, auditor, counted


def _closest_then_let_grams_go(
    records: list[ReportRecord], lineage: Lineage, common: int
) -> list[int | None]:
    """:func:`closest_reports`; then the gram samples, which it alone reads, are let go."""
    closest = closest_reports(records, lineage, common)
    for record in records:
        record.grams = np.zeros(0, dtype=np.uint32)
    return closest


def _pairs_worth_reading(
    auditor: _Auditor, proposed: IdArray, closest: list[int | None], jobs: int
) -> tuple[dict[tuple[int, int], list[str]], dict[tuple[int, int], float]]:
    """The pairs worth reading, each with why (reuse, year over year, handed down: a report
    and the latest report of each government above it, of its year or earlier; closest),
    and the reuse both ways of every pair measured."""
    records, settings = auditor.records, auditor.corpus.settings
    why: dict[tuple[int, int], list[str]] = defaultdict(list)
    required: set[tuple[int, int]] = set()
    for d in range(auditor.n):
        prev = auditor.lineage.previous_own(d)
        if prev is not None:
            why[_ordered(records, d, prev)].append("year_over_year")
            required.add(_key(d, prev))
        for source in auditor.lineage.sources_above(d):
            why[_ordered(records, d, source)].append("handed_down")
            required.add(_key(d, source))
        other = closest[d]
        if other is not None:
            required.add(_key(d, other))
    reuse, reaching = auditor.measure_pairs(proposed, required, settings.min_reuse, jobs)
    for a, b in reaching:
        if max(reuse[(a, b)], reuse[(b, a)]) >= settings.min_reuse:
            why[_ordered(records, a, b)].append("reuse")
    for d, other in enumerate(closest):
        if other is not None and "closest" not in why[_ordered(records, d, other)]:
            why[_ordered(records, d, other)].append("closest")
    give_back_free_memory()
    return why, reuse


_WHY_ORDER = ["reuse", "year_over_year", "handed_down", "closest"]


def pair_codes(pairs: Sequence[tuple[int, int]], n: int) -> IdArray:
    """Pairs ``(a, b)`` of ``n`` reports, a < b, as codes ``a * n + b`` (as
    :func:`pairs.pair_codes_sharing` gives them): they sort as the pairs do."""
    if not pairs:
        return np.zeros(0, dtype=np.int64)
    table = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    packed: IdArray = table[:, 0] * n + table[:, 1]
    return packed


def _partners_of_codes(
    proposed: IdArray, required: IdArray, n: int
) -> list[tuple[int, list[int], list[bool]]]:
    """Each report of the proposed or required pairs (codes; ``required`` ascending),
    ascending, with its partners (ascending) and whether each pair is required: each
    pair both ways as one code (report, partner), sorted once, where sorting 743,000
    pairs as tuples and a dict of partner lists took over a second at 10,000 reports."""
    codes = distinct(np.concatenate((proposed, required)))  # np.union1d: a hash table, slower
    if len(codes) == 0:
        return []
    a, b = codes // n, codes % n
    both = np.concatenate((codes, b * n + a))
    both.sort()
    owner, other = both // n, both % n
    must = found_in(np.minimum(owner, other) * n + np.maximum(owner, other), required)
    starts = np.flatnonzero(run_starts(owner)).tolist()
    ends = [*starts[1:], len(owner)]
    partners, flags = other.tolist(), must.tolist()
    return [
        (d, partners[s:e], flags[s:e])
        for d, s, e in zip(owner[starts].tolist(), starts, ends, strict=True)
    ]


def _key(a: int, b: int) -> tuple[int, int]:
    """A pair of reports by their positions, the lesser first."""
    return (a, b) if a < b else (b, a)


def _fraction(chars: int, body: int) -> float:
    """``chars`` as a share of a body of ``body`` characters, as reuse is given (an empty
    body reuses nothing): the bound and the measure compare alike."""
    return chars / body if body else 0.0


def _ordered(records: list[ReportRecord], a: int, b: int) -> tuple[int, int]:
    """A pair names the lesser path first, whatever order reports came in."""
    return (a, b) if records[a].path <= records[b].path else (b, a)

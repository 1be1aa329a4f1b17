"""Template reuse across a corpus: per report, per pair, formulas, year over year.

Built on the clause index: nothing compares two texts. From which documents
hold each clause (or a near-duplicate) follow:

- per report: the share of its body found in at least one other report, in at
  least ``k`` others (the common formula), and its closest other report;
- per pair: directed reuse (share of A's body found in B) and MinHash Jaccard
  of the bodies, for the pairs that share at least two clauses that are *not*
  common formula (so every report is not paired with every other);
- the formula lexicon: clauses ranked by how many reports and governments use
  them;
- year over year: the share of a government's year-t report carried over from
  year t-1 and from any earlier year;
- a boilerplate score after Lang & Stice-Lawrence (2015): the share of a
  report's characters in sentences holding a clause used by at least
  ``boilerplate_share`` of all reports.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from ..pair.sketch import signature_jaccard
from ..settings import AuditSettings
from .clause_index import ClauseIndex, IdArray
from .pairs import count_pairs
from .records import ReportRecord

MIN_PAIR_CLAUSES = 2


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
        doc_id = len(self.records)
        self.records.append(record)
        if record.clause_bands is None or record.clause_hashes is None:
            raise ValueError(f"{record.path}: record has no clause hashes")
        self.index.intern(doc_id, record.clause_hashes, record.clause_texts, record.clause_bands)
        record.clause_hashes, record.clause_texts, record.clause_bands = None, [], None


@dataclass
class DocumentFigures:
    path: str
    government: str | None
    year: int | None
    shared_ratio: float
    common_ratio: float
    boilerplate: float
    closest: tuple[str, float] | None


@dataclass
class PairFigures:
    a: str
    b: str
    jaccard: float
    reuse_ab: float
    reuse_ba: float


@dataclass
class Formula:
    text: str
    documents: int
    governments: int


@dataclass
class TimelinePoint:
    government: str
    year: int
    from_year: int
    carried_over: float
    from_any_earlier: float


@dataclass
class AuditResult:
    documents: list[DocumentFigures]
    pairs: list[PairFigures]
    formulas: list[Formula]
    timeline: list[TimelinePoint]

    def to_csv_rows(self) -> list[dict[str, object]]:
        """The same figures as one long table: a ``table`` column says which."""
        data = self.to_json()
        rows: list[dict[str, object]] = []
        for doc in data["documents"]:  # type: ignore[attr-defined]
            closest = doc.pop("closest") or {}
            rows.append(
                {
                    "table": "document",
                    **doc,
                    "closest": closest.get("path"),
                    "reuse": closest.get("reuse"),
                }
            )
        for name in ("pairs", "formulas", "timeline"):
            rows.extend({"table": name.rstrip("s"), **row} for row in data[name])  # type: ignore[attr-defined]
        return rows

    def to_json(self) -> dict[str, object]:
        """The documented ``audit --json`` schema."""
        return {
            "schema": 1,
            "documents": [
                {
                    "path": d.path,
                    "government": d.government,
                    "year": d.year,
                    "shared_ratio": round(d.shared_ratio, 4),
                    "common_ratio": round(d.common_ratio, 4),
                    "boilerplate": round(d.boilerplate, 4),
                    "closest": None
                    if d.closest is None
                    else {"path": d.closest[0], "reuse": round(d.closest[1], 4)},
                }
                for d in self.documents
            ],
            "pairs": [
                {
                    "a": p.a,
                    "b": p.b,
                    "jaccard": round(p.jaccard, 4),
                    "reuse_ab": round(p.reuse_ab, 4),
                    "reuse_ba": round(p.reuse_ba, 4),
                }
                for p in self.pairs
            ],
            "formulas": [vars(f) for f in self.formulas],
            "timeline": [
                {
                    "government": t.government,
                    "year": t.year,
                    "from_year": t.from_year,
                    "carried_over": round(t.carried_over, 4),
                    "from_any_earlier": round(t.from_any_earlier, 4),
                }
                for t in self.timeline
            ],
        }


def _share(record: ReportRecord, ids: IdArray, keep: NDArray[np.bool_]) -> float:
    if record.body_chars == 0:
        return 0.0
    return int(record.clause_chars[keep[ids]].sum()) / record.body_chars


class _Auditor:
    """Computes the figures of one corpus; each method one figure."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.records = corpus.records
        self.docs = corpus.index.documents()
        self.n = len(self.records)
        self.shared = self.docs.at_least_all(2)
        self.common = self.docs.at_least_all(corpus.settings.common + 1)

    def _found(self, d: int, held: NDArray[np.bool_]) -> float:
        """Share of report d's body in the clauses marked ``held`` (one mark per clause)."""
        record = self.records[d]
        if record.body_chars == 0:
            return 0.0
        return int(record.clause_chars[held].sum()) / record.body_chars

    def reuse(self, a: int, b: int) -> float:
        """Share of report a's body in clauses that report b also holds (or near)."""
        return self._found(a, self.docs.held_in(a, [b]))

    def reuse_of_pairs(self, pairs: list[tuple[int, int]]) -> dict[tuple[int, int], float]:
        """:meth:`reuse` both ways for every pair, one look-up per report and its partners."""
        partners: dict[int, list[int]] = defaultdict(list)
        for a, b in pairs:
            partners[a].append(b)
            partners[b].append(a)
        out: dict[tuple[int, int], float] = {}
        for a, others in partners.items():
            record = self.records[a]
            held = self.docs.held_by_each(a, others)
            found = record.clause_chars.astype(np.int64) @ held if len(held) else None
            for k, b in enumerate(others):
                share = 0.0
                if record.body_chars and found is not None:
                    share = int(found[k]) / record.body_chars
                out[(a, b)] = share
        return out

    def proposed_pairs(self) -> list[tuple[int, int]]:
        """Pairs sharing at least two clauses held by at most ``pair_cap`` reports.

        Counted from both sides (a clause of A that B holds, a clause of B that A
        holds), so the pairs do not depend on the order reports came in.
        """
        cap = self.corpus.settings.pair_cap
        rare = self.shared & ~self.docs.at_least_all(cap + 1)
        counts = count_pairs(self.docs, np.flatnonzero(rare), 2 * MIN_PAIR_CLAUSES)
        return [p for p, _ in counts]

    def jaccard(self, a: int, b: int) -> float:
        return signature_jaccard(self.records[a].signature, self.records[b].signature)

    def document(self, d: int, closest: dict[int, tuple[int, float]]) -> DocumentFigures:
        record, ids = self.records[d], self.corpus.clause_ids[d]
        best = closest.get(d)
        return DocumentFigures(
            record.path,
            record.government,
            record.year,
            _share(record, ids, self.shared),
            _share(record, ids, self.common),
            self.boilerplate(d),
            None if best is None else (self.records[best[0]].path, best[1]),
        )

    def boilerplate(self, d: int) -> float:
        """Share of the body in sentences holding a clause used by many reports."""
        record = self.records[d]
        hit = np.unique(record.clause_sentence[self.boilerplate_clauses[self.corpus.clause_ids[d]]])
        total = int(record.sentence_chars.sum())
        return int(record.sentence_chars[hit].sum()) / total if total else 0.0

    @property
    def boilerplate_clauses(self) -> NDArray[np.bool_]:
        """Clauses used by at least ``boilerplate_share`` of the reports (and two)."""
        if not hasattr(self, "_boilerplate"):
            floor = max(2, math.ceil(self.corpus.settings.boilerplate_share * self.n))
            self._boilerplate = self.docs.at_least_all(floor)
        return self._boilerplate

    def formulas(self) -> list[Formula]:
        """Clauses used by most reports; one entry per family of near-duplicate variants.

        Candidates are ranked by a cheap lower bound first; exact counts (and
        governments) are taken only for the best few times the number listed.
        """
        index, limit = self.corpus.index, self.corpus.settings.formulas
        names = [r.government or r.path for r in self.records]
        government = np.unique(np.array(names, dtype=object), return_inverse=True)[1]
        shared = self._candidates(5 * limit)
        ranked = []
        for i in shared:
            docs = self.docs.member_array(i)
            govs = len(np.unique(government[docs]))
            own = self.docs.own_count(i)
            example = index.examples[i]
            ranked.append(((-len(docs), -govs, -own, -len(example), example), i, len(docs), govs))
        ranked.sort()
        out: list[Formula] = []
        listed: set[int] = set()
        for _, i, count, govs in ranked:
            if i in listed:
                continue
            listed |= index.near(
                i
            )  # variants (other figures, one word changed) are not listed again
            out.append(Formula(index.examples[i], count, govs))
            if len(out) >= limit:
                break
        return out

    def _candidates(self, count: int) -> list[int]:
        """The first ``count`` shared clauses by (lower bound, own holders, example), descending
        counts: sorted by numbers first, examples compared only among ties at the cut."""
        shared = np.flatnonzero(self.shared)
        bound = self.docs.lower_bounds()[shared]
        own = self.docs.key_size[shared]
        order = np.lexsort((-own, -bound))
        shared, bound, own = shared[order], bound[order], own[order]
        if len(shared) > count:
            last = count - 1
            tied = (bound == bound[last]) & (own == own[last])
            shared = shared[: max(count, int(np.flatnonzero(tied).max()) + 1)]
            bound, own = bound[: len(shared)], own[: len(shared)]
        examples = self.corpus.index.examples
        keyed = sorted(
            zip(shared.tolist(), (-bound).tolist(), (-own).tolist(), strict=True),
            key=lambda t: (t[1], t[2], examples[t[0]]),
        )
        return [i for i, _, _ in keyed[:count]]

    def timeline(self) -> list[TimelinePoint]:
        by_government: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for d, record in enumerate(self.records):
            if record.government and record.year:
                by_government[record.government].append((record.year, d))
        points = []
        for government, years in sorted(by_government.items()):
            years.sort()
            for k in range(1, len(years)):
                year, d = years[k]
                prev_year, prev = years[k - 1]
                earlier = {e for _, e in years[:k]}
                points.append(
                    TimelinePoint(
                        government,
                        year,
                        prev_year,
                        self.reuse(d, prev),
                        self._found(d, self.docs.held_in(d, sorted(earlier))),
                    )
                )
        return points


def _path(corpus: Corpus, doc: int) -> str:
    return corpus.records[doc].path


def audit(corpus: Corpus) -> AuditResult:
    """All the figures of an audit of ``corpus``."""
    auditor = _Auditor(corpus)
    pairs = []
    closest: dict[int, tuple[int, float]] = {}
    proposed = auditor.proposed_pairs()
    reuse = auditor.reuse_of_pairs(proposed)
    for a, b in proposed:
        if corpus.records[a].path > corpus.records[b].path:
            a, b = b, a  # pairs name the lesser path first, whatever order reports came in
        ab, ba = reuse[(a, b)], reuse[(b, a)]
        if max(ab, ba) < corpus.settings.min_reuse:
            continue
        pairs.append(
            PairFigures(
                corpus.records[a].path, corpus.records[b].path, auditor.jaccard(a, b), ab, ba
            )
        )
        for x, y, r in ((a, b, ab), (b, a, ba)):
            best = closest.get(x)
            if best is None or (r, corpus.records[best[0]].path) > (
                best[1],
                corpus.records[y].path,
            ):
                closest[x] = (y, r)
    pairs.sort(key=lambda p: (-max(p.reuse_ab, p.reuse_ba), p.a, p.b))
    documents = sorted(
        (auditor.document(d, closest) for d in range(auditor.n)), key=lambda d: d.path
    )
    return AuditResult(documents, pairs, auditor.formulas(), auditor.timeline())

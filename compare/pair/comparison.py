"""Compare two reports: align, measure with MinHash, find shared and specific text.

The pipeline is a chain of short stages, each its own module:
``prepare`` (words and units) -> ``align`` (section pairs) -> ``find_shared``
(exact shared runs) -> ``find_specific`` (figures, places, projects).
Everything is computed on the normalised comparison text; :meth:`to_json`
maps every span back to the original file text.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ..model import Document, Section
from ..settings import CompareSettings
from .align import SectionPair, align
from .prepared import Prepared, prepare
from .shared import SharedSpan, find_shared
from .sketch import estimate, shingles, sketch_all
from .specific import SpecificSpan, find_specific, is_measure, shared_spans_of

SCHEMA_VERSION = 1


@dataclass
class Comparison:
    """The result of comparing report A with report B."""

    a: Prepared
    b: Prepared
    settings: CompareSettings
    jaccard: float
    pairs: list[SectionPair]
    shared: list[SharedSpan]
    specific: tuple[list[SpecificSpan], list[SpecificSpan]]
    notes: list[str]
    # With a corpus as background: per shared run, how many other reports hold it.
    corpus_counts: list[int] | None = None
    common_floor: int = 3

    def is_common(self, k: int) -> bool | None:
        """Whether shared run ``k`` is common formula in the corpus (None: no corpus given)."""
        if self.corpus_counts is None:
            return None
        return self.corpus_counts[k] >= self.common_floor

    def common_ratio(self, side: int) -> float | None:
        """Share of a side's body that is shared phrasing common in the corpus."""
        if self.corpus_counts is None:
            return None
        doc = self.docs[side]
        common = [r for k, r in enumerate(self.shared) if self.is_common(k)]
        spans = shared_spans_of(common, "a" if side == 0 else "b")
        return coverage(doc.norm.text, spans, doc.body_start, doc.body_end)

    @property
    def docs(self) -> tuple[Document, Document]:
        return self.a.doc, self.b.doc

    def covered(self, side: int) -> list[tuple[int, int]]:
        """Sorted comparison-text spans of one side (0 = A, 1 = B) that are shared."""
        return shared_spans_of(self.shared, "a" if side == 0 else "b")

    def shared_ratio(self, side: int, start: int | None = None, end: int | None = None) -> float:
        """Share of a side's body (or of ``[start, end)``) that is shared phrasing."""
        doc = self.docs[side]
        lo = doc.body_start if start is None else start
        hi = doc.body_end if end is None else end
        return coverage(doc.norm.text, self.covered(side), lo, hi)

    def section_ratio(self, side: int, section: Section | None) -> float | None:
        """Share of one section that is shared phrasing, or ``None`` for no section."""
        if section is None:
            return None
        return self.shared_ratio(side, section.norm_start, section.norm_end)

    def longest(self, count: int) -> list[SharedSpan]:
        """The longest shared runs, the most telling formulas."""
        return sorted(self.shared, key=lambda r: (-r.length, r.b_start))[:count]

    def to_json(self) -> dict[str, object]:
        """The documented ``compare --json`` schema (offsets into the original texts)."""
        a, b = self.docs
        return {
            "schema": SCHEMA_VERSION,
            "settings": self.settings.to_json(),
            "documents": [_doc_json(d) for d in (a, b)],
            "summary": {
                "jaccard": round(self.jaccard, 4),
                "shared_ratio": [round(self.shared_ratio(0), 4), round(self.shared_ratio(1), 4)],
                "common_ratio": [_round(self.common_ratio(0)), _round(self.common_ratio(1))],
            },
            "notes": self.notes,
            "sections": [self._pair_json(p) for p in self.pairs],
            "shared": [self._shared_json(k, r) for k, r in enumerate(self.shared)],
            "specific": [
                {"doc": side, "span": list(doc.original_span(s.start, s.end)), "kind": s.kind}
                for side, doc in enumerate((a, b))
                for s in self.specific[side]
            ],
        }

    def _shared_json(self, k: int, run: SharedSpan) -> dict[str, object]:
        a, b = self.docs
        entry: dict[str, object] = {
            "a": list(a.original_span(run.a_start, run.a_end)),
            "b": list(b.original_span(run.b_start, run.b_end)),
            "text": run.text,
        }
        if self.corpus_counts is not None:
            entry["corpus"] = {"others": self.corpus_counts[k], "common": self.is_common(k)}
        return entry

    def _pair_json(self, pair: SectionPair) -> dict[str, object]:
        return {
            "a": _section_json(pair.a),
            "b": _section_json(pair.b),
            "depth": pair.depth,
            "similarity": round(pair.similarity, 4),
            "jaccard": round(pair.jaccard, 4),
            "shared_ratio": [
                _round(self.section_ratio(0, pair.a)),
                _round(self.section_ratio(1, pair.b)),
            ],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _doc_json(doc: Document) -> dict[str, object]:
    return {
        "path": doc.path,
        "encoding": doc.encoding,
        "government": doc.meta.government,
        "year": doc.meta.year,
        "title": doc.meta.title,
        "chars": len(doc.original),
        "body": list(doc.original_span(doc.body_start, doc.body_end)),
    }


def _section_json(section: Section | None) -> dict[str, object] | None:
    if section is None:
        return None
    return {
        "title": section.title,
        "role": section.role,
        "start": section.start,
        "end": section.end,
    }


def coverage(text: str, spans: list[tuple[int, int]], start: int, end: int) -> float:
    """Share of the non-whitespace characters of ``text[start:end]`` inside ``spans``.

    ``spans`` are sorted and do not overlap (each side's shared runs never do).
    """
    total = sum(1 for ch in text[start:end] if not ch.isspace())
    if total == 0:
        return 0.0
    inside = 0
    k = max(0, bisect_left(spans, (start, start)) - 1)
    for s, e in spans[k:]:
        if s >= end:
            break
        lo, hi = max(s, start), min(e, end)
        if lo < hi:
            inside += sum(1 for ch in text[lo:hi] if not ch.isspace())
    return inside / total


def document_jaccard(a: Prepared, b: Prepared, settings: CompareSettings) -> float:
    """MinHash estimate of the Jaccard similarity of the two bodies' 4-gram shingles."""
    sa, sb = sketch_all(
        [
            shingles(a.text[a.doc.body_start : a.doc.body_end], settings.document_shingle),
            shingles(b.text[b.doc.body_start : b.doc.body_end], settings.document_shingle),
        ],
        settings.num_perm,
        settings.seed,
    )
    return estimate(sa, sb)


def compare_documents(
    a: Document, b: Document, settings: CompareSettings | None = None
) -> Comparison:
    """Compare two outlined reports."""
    settings = settings or CompareSettings()
    pa, pb = prepare(a), prepare(b)
    pairs = align(pa, pb, settings)
    # Runs of figures and units alone (万平方米, 亿元以上) are coincidence, not formula.
    shared = [r for r in find_shared(pa, pb, pairs, settings) if not is_measure(r.text)]
    specific = (
        find_specific(pa, shared_spans_of(shared, "a")),
        find_specific(pb, shared_spans_of(shared, "b")),
    )
    notes = []
    if a.original == b.original:
        notes.append("the two files hold the same text: everything is shared")
    return Comparison(
        pa, pb, settings, document_jaccard(pa, pb, settings), pairs, shared, specific, notes
    )

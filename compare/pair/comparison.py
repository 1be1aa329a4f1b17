"""Compare two reports: align, measure with MinHash, find shared and specific text.

The pipeline is a chain of short stages, each its own module:
``prepare`` (words and units) -> ``align`` (section pairs) -> ``find_shared``
(exact shared runs) -> ``find_specific`` (figures, places, projects) ->
``sentence_rows`` (counterpart sentences side by side, each matched pair with
its redline). Everything is computed on the normalised comparison text;
:meth:`to_json` and :meth:`to_records` map every span back to the original
file text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from ..collector import collector_paused
from ..model import Document, Section
from ..read.chars import code_points, space_mask
from ..settings import CompareSettings
from .align import SectionPair, align
from .prepared import Prepared, prepare
from .reuse import reuse_between
from .rows import SentenceRow, sentence_rows
from .shared import SharedSpan, find_shared
from .sketch import estimate, sketch_texts
from .specific import SpecificSpan, find_specific, is_measure, shared_spans_of

SCHEMA_VERSION = 1
Table = Literal["sentences", "sections", "shared", "specific"]


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
    # For each section pair, its rows of counterpart sentences (see ``pair.rows``).
    rows: list[list[SentenceRow]] = field(default_factory=list)
    # reuse(A -> B) and reuse(B -> A): the audit's measure (see ``pair.reuse``).
    reuse: tuple[float, float] = (0.0, 0.0)
    _covered: dict[int, list[tuple[int, int]]] = field(default_factory=dict, repr=False)

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
        """Sorted comparison-text spans of one side (0 = A, 1 = B) that are shared.

        Sorted once per side: every section's ratio reads them.
        """
        spans = self._covered.get(side)
        if spans is None:
            spans = shared_spans_of(self.shared, "a" if side == 0 else "b")
            self._covered[side] = spans
        return spans

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

    def near_rows(self) -> list[SentenceRow]:
        """The sentence pairs copied with only details changed (the page's ≈ rows), in the
        order of the section pairs."""
        return [row for rows in self.rows for row in rows if row.near_duplicate]

    def near_duplicate_ratio(self, side: int) -> float:
        """Share of a side's body in sentences copied with only details changed."""
        doc = self.docs[side]
        spans = sorted(
            (u.start, u.end) for row in self.near_rows() for u in (row.a if side == 0 else row.b)
        )
        return coverage(doc.norm.text, spans, doc.body_start, doc.body_end)

    def longest(self, count: int) -> list[SharedSpan]:
        """The longest shared runs, the most telling formulas."""
        return sorted(self.shared, key=lambda r: (-r.length, r.b_start))[:count]

    def as_written(self, run: SharedSpan) -> str:
        """A shared run as report A's file has it (its own punctuation and script, not the
        folded form runs are matched in), with any whitespace in it (a line break inside
        the run) taken out: what a user quotes."""
        doc = self.docs[0]
        start, end = doc.original_span(run.a_start, run.a_end)
        return "".join(doc.original[start:end].split())

    def to_json(self) -> dict[str, object]:
        """The documented ``compare --json`` schema (offsets into the original texts)."""
        a, b = self.docs
        return {
            "schema": SCHEMA_VERSION,
            "settings": self.settings.to_json(),
            "documents": [_doc_json(d) for d in (a, b)],
            "summary": {
                "jaccard": round(self.jaccard, 4),
                "reuse": [round(self.reuse[0], 4), round(self.reuse[1], 4)],
                "shared_ratio": [round(self.shared_ratio(0), 4), round(self.shared_ratio(1), 4)],
                "common_ratio": [_round(self.common_ratio(0)), _round(self.common_ratio(1))],
                "near_duplicate_ratio": [
                    round(self.near_duplicate_ratio(0), 4),
                    round(self.near_duplicate_ratio(1), 4),
                ],
            },
            "notes": self.notes,
            "sections": [self._pair_json(p) for p in self.pairs],
            "shared": [self._shared_json(k, r) for k, r in enumerate(self.shared)],
            "near_duplicates": self._near_duplicates_json(),
            "specific": [
                {"doc": side, "span": list(doc.original_span(s.start, s.end)), "kind": s.kind}
                for side, doc in enumerate((a, b))
                for s in self.specific[side]
            ],
        }

    def to_records(self, table: Table = "sentences") -> list[dict[str, object]]:
        """Flat rows for ``pandas.DataFrame``: one dict per record, the same keys in each.

        ``sentences``: every row of counterpart sentences (section titles, kind,
        similarity, both texts and their original offsets); ``sections``: the
        section pairs; ``shared``: the shared runs; ``specific``: the specific marks.
        """
        if table == "sentences":
            return self._sentence_records()
        if table == "sections":
            return [_flat_section(self._pair_json(p)) for p in self.pairs]
        if table == "shared":
            return [_flat_shared(self._shared_json(k, r)) for k, r in enumerate(self.shared)]
        return [
            {
                "doc": "AB"[side],
                "start": s,
                "end": e,
                "kind": k,
                "text": self.docs[side].original[s:e],
            }
            for side, s, e, k in (
                (side, *self.docs[side].original_span(x.start, x.end), x.kind)
                for side in (0, 1)
                for x in self.specific[side]
            )
        ]

    def _sentence_records(self) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for pair, rows in zip(self.pairs, self.rows, strict=True):
            for row in rows:
                record: dict[str, object] = {
                    "section_a": pair.a.title if pair.a is not None else None,
                    "section_b": pair.b.title if pair.b is not None else None,
                    "kind": _row_kind(row),
                    "similarity": round(row.similarity, 4),
                }
                for side, units in ((0, row.a), (1, row.b)):
                    doc, key = self.docs[side], "ab"[side]
                    if units:
                        start, end = doc.original_span(units[0].start, units[-1].end)
                        record |= {f"{key}_text": doc.original[start:end], f"{key}_start": start}
                        record[f"{key}_end"] = end
                    else:
                        record |= {f"{key}_text": None, f"{key}_start": None, f"{key}_end": None}
                out.append(record)
        return out

    def _repr_html_(self) -> str:
        """A compact summary for Jupyter: figures, section pairs, longest shared runs."""
        a, b = self.docs
        head = "".join(
            f"<tr><th>{escape(label)}</th><td>{escape(d.label)}</td>"
            f"<td>{self.shared_ratio(side):.0%}</td>"
            f"<td>{self.near_duplicate_ratio(side):.0%}</td></tr>"
            for side, (label, d) in enumerate((("A", a), ("B", b)))
        )
        sections = "".join(
            f"<tr><td>{escape(p.a.title if p.a else '—')}</td>"
            f"<td>{escape(p.b.title if p.b else '—')}</td>"
            f"<td>{p.similarity:.2f}</td></tr>"
            for p in self.pairs
        )
        formulas = "".join(f"<li>{escape(r.text)}</li>" for r in self.longest(5))
        return (
            f'<div class="reportdiff"><p><strong>{escape(a.label)} ↔ {escape(b.label)}</strong>'
            f" · MinHash Jaccard {self.jaccard:.3f} · {len(self.shared)} shared runs</p>"
            "<table><tr><th></th><th>report</th><th>shared phrasing</th>"
            f"<th>copied, details changed</th></tr>{head}</table>"
            "<table><tr><th>section of A</th><th>section of B</th><th>similarity</th></tr>"
            f"{sections}</table><p>Longest shared runs:</p><ol>{formulas}</ol></div>"
        )

    def _near_duplicates_json(self) -> list[dict[str, object]]:
        """The sentence pairs copied with only details changed (the page's ≈ rows), with
        their spans in the original texts: what ``near_duplicate_ratio`` counts."""
        a, b = self.docs
        return [
            {
                "a": list(a.original_span(row.a[0].start, row.a[-1].end)),
                "b": list(b.original_span(row.b[0].start, row.b[-1].end)),
                "similarity": round(row.similarity, 4),
            }
            for row in self.near_rows()
        ]

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


def _row_kind(row: SentenceRow) -> str:
    if not row.matched:
        return "a only" if row.a else "b only"
    if row.near_duplicate:
        return "copied, details changed"
    if row.redline is not None and not row.redline.changed:
        return "same"
    return "heading" if row.heading else "counterparts"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _flat_section(entry: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key in ("a", "b"):
        section = entry[key]
        for field_name in ("title", "role", "start", "end"):
            value = section.get(field_name) if isinstance(section, dict) else None
            out[f"{key}_{field_name}"] = value
    ratios = entry["shared_ratio"]
    assert isinstance(ratios, list)
    out |= {"depth": entry["depth"], "similarity": entry["similarity"], "jaccard": entry["jaccard"]}
    out |= {"shared_a": ratios[0], "shared_b": ratios[1]}
    return out


def _flat_shared(entry: dict[str, object]) -> dict[str, object]:
    a, b = entry["a"], entry["b"]
    assert isinstance(a, list) and isinstance(b, list)
    corpus = entry.get("corpus")
    return {
        "a_start": a[0],
        "a_end": a[1],
        "b_start": b[0],
        "b_end": b[1],
        "text": entry["text"],
        "corpus_others": corpus.get("others") if isinstance(corpus, dict) else None,
        "common": corpus.get("common") if isinstance(corpus, dict) else None,
    }


def _doc_json(doc: Document) -> dict[str, object]:
    return {
        "path": doc.path,
        "encoding": doc.encoding,
        "government": doc.meta.government,
        "level": doc.meta.level,
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
        "continued": section.continued,
    }


@lru_cache(maxsize=8)
def _visible_before(text: str) -> NDArray[np.int64]:
    """``out[i]``: how many non-whitespace characters ``text[:i]`` holds (prefix sums)."""
    visible = ~space_mask(code_points(text))
    return np.concatenate(([0], np.cumsum(visible))).astype(np.int64)


def coverage(text: str, spans: list[tuple[int, int]], start: int, end: int) -> float:
    """Share of the non-whitespace characters of ``text[start:end]`` inside ``spans``.

    ``spans`` are sorted and do not overlap (each side's shared runs never do).
    Characters are counted by prefix sums over the text, so a section costs
    the number of spans it holds, not its length.
    """
    visible = _visible_before(text)
    total = int(visible[end] - visible[start])
    if total == 0:
        return 0.0
    inside = 0
    k = max(0, bisect_left(spans, (start, start)) - 1)
    stop = bisect_right(spans, (end, end))
    for s, e in spans[k:stop]:
        lo, hi = max(s, start), min(e, end)
        if lo < hi:
            inside += int(visible[hi] - visible[lo])
    return inside / total


def document_jaccard(a: Prepared, b: Prepared, settings: CompareSettings) -> float:
    """MinHash estimate of the Jaccard similarity of the two bodies' 4-gram shingles."""
    sa, sb = sketch_texts(
        [a.text[a.doc.body_start : a.doc.body_end], b.text[b.doc.body_start : b.doc.body_end]],
        settings.document_shingle,
        settings.num_perm,
        settings.seed,
    )
    return estimate(sa, sb)


def compare_documents(
    a: Document, b: Document, settings: CompareSettings | None = None
) -> Comparison:
    """Compare two outlined reports (with the cyclic collector paused: see
    :mod:`compare.collector`)."""
    with collector_paused():
        return _compared(a, b, settings or CompareSettings())


def _compared(a: Document, b: Document, settings: CompareSettings) -> Comparison:
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
    result = Comparison(
        pa, pb, settings, document_jaccard(pa, pb, settings), pairs, shared, specific, notes
    )
    result.rows = sentence_rows(pa, pb, pairs, shared)
    result.reuse = reuse_between(a, b, settings)
    return result

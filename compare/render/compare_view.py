"""The view model of the HTML report: rows, segments and map entries, no markup.

Kept apart from rendering so that what the page shows (which characters are
shared, which are specific, which section faces which) is plain data the
tests can check, and the template only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Document, Section
from ..pair.comparison import Comparison

KIND_LABELS = {
    "figure": "figure",
    "place": "place name",
    "organisation": "organisation",
    "project": "named project or site",
}


@dataclass
class Segment:
    """A stretch of original text: plain, shared (with its id) or specific (with its kind)."""

    text: str
    kind: str = "plain"
    ident: str = ""
    twin: str = ""
    variant: str = ""  # with a corpus: "common" formula or "particular" to the pair


@dataclass
class Pane:
    """One side of a row: a section's original text cut into segments, or a note."""

    section: Section | None
    segments: list[Segment] = field(default_factory=list)
    ratio: float | None = None
    anchor: str = ""


@dataclass
class Row:
    """An aligned pair of sections shown side by side."""

    ident: str
    depth: int
    similarity: float | None
    a: Pane
    b: Pane


@dataclass
class MapEntry:
    """A section in the section map: its title, row anchor and position."""

    title: str
    role: str | None
    depth: int
    row: str
    paired: bool


@dataclass
class MapLink:
    """A line of the map between the A entry and the B entry of one pair."""

    a_index: int
    b_index: int
    similarity: float


_Span = tuple[int, int, str, str, str, str]


def _variant(comparison: Comparison, n: int) -> str:
    common = comparison.is_common(n)
    return "" if common is None else ("common" if common else "particular")


def _spans(comparison: Comparison, side: int) -> list[_Span]:
    """Original-text spans of one side: (start, end, kind, id, twin id, variant), sorted."""
    doc = comparison.docs[side]
    me, other = ("a", "b") if side == 0 else ("b", "a")
    out = []
    for n, run in enumerate(comparison.shared):
        lo, hi = (run.a_start, run.a_end) if side == 0 else (run.b_start, run.b_end)
        s, e = doc.original_span(lo, hi)
        out.append((s, e, "shared", f"{me}-s{n}", f"{other}-s{n}", _variant(comparison, n)))
    for spec in comparison.specific[side]:
        s, e = doc.original_span(spec.start, spec.end)
        out.append((s, e, spec.kind, "", "", ""))
    return sorted(out)


def _segments(doc: Document, spans: list[_Span], start: int, end: int) -> list[Segment]:
    """Cut ``original[start:end]`` into plain and highlighted segments."""
    out: list[Segment] = []
    pos = start
    for s, e, kind, ident, twin, variant in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, pos), min(e, end)
        if s >= e:
            continue
        if s > pos:
            out.append(Segment(doc.original[pos:s]))
        out.append(Segment(doc.original[s:e], kind, ident, twin, variant))
        pos = e
    if pos < end:
        out.append(Segment(doc.original[pos:end]))
    return out


def _shown_end(section: Section, paired: bool) -> int:
    """A paired section with children shows only its own text: children get their own rows."""
    if paired and section.children:
        return section.children[0].start
    return section.end


def build_rows(comparison: Comparison) -> list[Row]:
    """One row per section pair, in the order of the alignment."""
    spans = (_spans(comparison, 0), _spans(comparison, 1))
    rows = []
    for n, pair in enumerate(comparison.pairs):
        paired = pair.a is not None and pair.b is not None
        panes = []
        for side, section in enumerate((pair.a, pair.b)):
            pane = Pane(section, anchor=f"{'ab'[side]}-sec{n}")
            if section is not None:
                doc = comparison.docs[side]
                pane.segments = _segments(
                    doc, spans[side], section.start, _shown_end(section, paired)
                )
                pane.ratio = comparison.section_ratio(side, section)
            panes.append(pane)
        rows.append(
            Row(f"pair{n}", pair.depth, pair.similarity if paired else None, panes[0], panes[1])
        )
    return rows


def build_map(rows: list[Row]) -> tuple[list[MapEntry], list[MapEntry], list[MapLink]]:
    """Both outlines in their own reading order, and the links between paired entries."""
    sides: list[list[tuple[int, MapEntry]]] = [[], []]
    for row in rows:
        for side, pane in enumerate((row.a, row.b)):
            if pane.section is not None:
                entry = MapEntry(
                    pane.section.title,
                    pane.section.role,
                    row.depth,
                    row.ident,
                    row.similarity is not None,
                )
                sides[side].append((pane.section.start, entry))
    a_entries = [e for _, e in sorted(sides[0], key=lambda t: t[0])]
    b_entries = [e for _, e in sorted(sides[1], key=lambda t: t[0])]
    b_index = {e.row: i for i, e in enumerate(b_entries)}
    similarity = {r.ident: r.similarity or 0.0 for r in rows}
    links = [
        MapLink(i, b_index[e.row], similarity[e.row])
        for i, e in enumerate(a_entries)
        if e.paired and e.row in b_index
    ]
    return a_entries, b_entries, links

"""The view model of the HTML report: blocks, rows, cells, segments and map entries.

Kept apart from rendering so that what the page shows (which sentences face
each other, which characters are shared, changed or specific, where a moved
counterpart lies) is plain data the tests can check; the template only lays
it out. Every segment is a slice of the original text, so the cells of one
side of a block, joined, give back the section's original text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ..model import Document, Section
from ..pair.comparison import Comparison
from ..pair.rows import SentenceRow
from ..read.normalise import to_simplified

KIND_LABELS = {
    "figure": "figure",
    "place": "place name",
    "organisation": "organisation",
    "project": "named project or site",
    "date": "date",
    "name": "name",
}
CONTEXT_CHARS = 60  # of the counterpart's sentence shown around it in a popover
TRADITIONAL_SHARE = 0.05  # of Han characters that Simplified script writes differently


@dataclass
class Popover:
    """Where a moved counterpart lies, with its sentence around it."""

    ident: str
    side: int  # of the counterpart: 0 for A, 1 for B
    report: str  # "Report B"
    section: str
    before: str
    text: str
    after: str
    href: str


@dataclass
class Segment:
    """A stretch of original text with one look.

    ``kind`` is ``plain``, ``shared`` (with its id, twin id and corpus
    ``variant``), ``specific`` (``detail`` says which), ``same`` (template kept
    by a near-duplicate), or ``del``/``ins`` (changed in a near-duplicate;
    ``detail`` names the slot: figure, date, place, name).
    """

    text: str
    kind: str = "plain"
    ident: str = ""
    twin: str = ""
    variant: str = ""
    detail: str = ""
    popover: Popover | None = None


@dataclass
class Cell:
    """One side of a row: its segments (none for an empty cell)."""

    segments: list[Segment] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.segments


@dataclass
class TextRow:
    """Counterpart sentences side by side, or a run of sentences with no counterpart."""

    ident: str
    kind: str  # heading, same, near, match, a-only, b-only
    similarity: float
    a: Cell
    b: Cell
    near: bool = False  # copied with details changed (a heading row can be too)

    @property
    def flags(self) -> list[str]:
        """What the row holds, for the filters: near, shared, specific."""
        segs = self.a.segments + self.b.segments
        out = ["near"] if self.near else []
        if any(s.kind == "shared" for s in segs):
            out.append("shared")
        if any(s.kind == "specific" or (s.kind in ("del", "ins") and s.detail) for s in segs):
            out.append("specific")
        return out


@dataclass
class Block:
    """An aligned pair of sections and its rows."""

    ident: str
    index: int
    depth: int
    similarity: float | None
    a: Section | None
    b: Section | None
    a_ratio: float | None
    b_ratio: float | None
    rows: list[TextRow]


@dataclass
class MapEntry:
    """A section in the section map: its title, block anchor and position."""

    title: str
    role: str | None
    depth: int
    row: str
    paired: bool
    similarity: float | None = None


@dataclass
class MapLink:
    """A line of the map between the A entry and the B entry of one pair."""

    a_index: int
    b_index: int
    similarity: float


def script_lang(doc: Document) -> str:
    """``zh-Hant`` for a report in Traditional script, else ``zh-Hans``."""
    body = doc.original[slice(*doc.original_span(doc.body_start, doc.body_end))]
    han = [c for c in body if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return "zh-Hans"
    simplified = to_simplified("".join(han))
    changed = sum(1 for x, y in zip(han, simplified, strict=True) if x != y)
    return "zh-Hant" if changed / len(han) >= TRADITIONAL_SHARE else "zh-Hans"


@dataclass
class _Shared:
    """A shared run as one side shows it: original span, ids, and the rows of both ends."""

    start: int
    end: int
    norm_start: int
    norm_end: int
    ident: str
    twin: str
    variant: str
    row: str = ""
    twin_row: str = ""
    popover: Popover | None = None


class _Builder:
    """Builds the blocks of a comparison, one side's marks at a time."""

    def __init__(self, comparison: Comparison) -> None:
        self.c = comparison
        self.docs = comparison.docs
        self.row_of: list[list[tuple[int, int, str]]] = [[], []]  # (norm start, end, row id)
        self.title_of: list[dict[str, str]] = [{}, {}]  # row id -> section title, per side
        self.specific = [
            sorted((*doc.original_span(x.start, x.end), x.kind) for x in comparison.specific[side])
            for side, doc in enumerate(self.docs)
        ]

    def build(self) -> list[Block]:
        plans = self._plan_rows()
        shared = [self._shared(side) for side in (0, 1)]
        self._link_popovers(shared)
        return [self._block(n, rows, shared) for n, rows in enumerate(plans)]

    def _plan_rows(self) -> list[list[tuple[str, SentenceRow]]]:
        """Row ids for every sentence row, and where each side's sentences sit."""
        plans = []
        for n, rows in enumerate(self.c.rows):
            pair = self.c.pairs[n]
            named = [(f"r{n}-{k}", row) for k, row in enumerate(rows)]
            for ident, row in named:
                for side, units, section in ((0, row.a, pair.a), (1, row.b, pair.b)):
                    self.row_of[side] += [(u.start, u.end, ident) for u in units]
                    if section is not None:
                        self.title_of[side][ident] = section.title
            plans.append(named)
        for side in (0, 1):
            self.row_of[side].sort()
        return plans

    def _row_at(self, side: int, pos: int) -> str:
        table = self.row_of[side]
        k = bisect_right(table, (pos, float("inf"), "")) - 1
        return table[k][2] if k >= 0 and pos < table[k][1] else ""

    def _shared(self, side: int) -> list[_Shared]:
        doc = self.docs[side]
        me, other = ("a", "b") if side == 0 else ("b", "a")
        out = []
        for n, run in enumerate(self.c.shared):
            lo, hi = (run.a_start, run.a_end) if side == 0 else (run.b_start, run.b_end)
            tlo = run.b_start if side == 0 else run.a_start
            s, e = doc.original_span(lo, hi)
            common = self.c.is_common(n)
            variant = "" if common is None else ("common" if common else "particular")
            item = _Shared(s, e, lo, hi, f"{me}-s{n}", f"{other}-s{n}", variant)
            item.row, item.twin_row = self._row_at(side, lo), self._row_at(1 - side, tlo)
            out.append(item)
        return sorted(out, key=lambda x: x.start)

    def _link_popovers(self, shared: list[list[_Shared]]) -> None:
        """A shared run whose counterpart stands on another row gets a popover pointing there."""
        by_id = {x.ident: x for side in shared for x in side}
        for side in (0, 1):
            for item in shared[side]:
                if item.row != item.twin_row:
                    item.popover = self._popover(1 - side, by_id[item.twin])

    def _popover(self, side: int, twin: _Shared) -> Popover:
        doc = self.docs[side]
        start, end = self._sentence_around(side, twin)
        before = doc.original[max(start, twin.start - CONTEXT_CHARS) : twin.start]
        after = doc.original[twin.end : min(end, twin.end + CONTEXT_CHARS)]
        return Popover(
            f"pop-{twin.twin}",
            side,
            f"Report {'AB'[side]}",
            self.title_of[side].get(twin.row, ""),
            ("…" if twin.start - len(before) > start else "") + before.lstrip(),
            doc.original[twin.start : twin.end],
            after.rstrip() + ("…" if twin.end + len(after) < end else ""),
            f"#{twin.ident}",
        )

    def _sentence_around(self, side: int, item: _Shared) -> tuple[int, int]:
        """Original span of the sentence holding a shared run (the run itself if none)."""
        sentences = (self.c.a if side == 0 else self.c.b).sentences
        k = bisect_right([u.start for u in sentences], item.norm_start) - 1
        if k >= 0 and item.norm_end <= sentences[k].end:
            return self.docs[side].original_span(sentences[k].start, sentences[k].end)
        return item.start, item.end

    def _block(
        self, n: int, rows: list[tuple[str, SentenceRow]], shared: list[list[_Shared]]
    ) -> Block:
        pair = self.c.pairs[n]
        paired, apart = pair.a is not None and pair.b is not None, pair.children_apart()
        cuts = [
            self._cuts(side, section, apart, rows) for side, section in ((0, pair.a), (1, pair.b))
        ]
        text_rows = []
        for k, (ident, row) in enumerate(rows):
            cells = [self._cell(side, cuts[side][k], row, shared[side]) for side in (0, 1)]
            text_rows.append(
                TextRow(
                    ident, _row_kind(row), row.similarity, cells[0], cells[1], row.near_duplicate
                )
            )
        if not rows:  # a section with no sentence: its text on one row
            cells = [
                Cell(
                    [Segment(self.docs[side].original[section.start : _shown_end(section, apart)])]
                )
                if section is not None
                else Cell()
                for side, section in ((0, pair.a), (1, pair.b))
            ]
            kind = "a-only" if pair.a is not None else "b-only"
            text_rows.append(TextRow(f"r{n}-0", kind, 0.0, cells[0], cells[1]))
        return Block(
            f"pair{n}",
            n,
            pair.depth,
            pair.similarity if paired else None,
            pair.a,
            pair.b,
            self.c.section_ratio(0, pair.a),
            self.c.section_ratio(1, pair.b),
            text_rows,
        )

    def _cuts(
        self,
        side: int,
        section: Section | None,
        children_apart: bool,
        rows: list[tuple[str, SentenceRow]],
    ) -> list[tuple[int, int] | None]:
        """Original span of each row's cell on one side: from its first sentence to the
        next cell's start, the first from the section's start, the last to its shown end."""
        if section is None:
            return [None] * len(rows)
        doc = self.docs[side]
        end = _shown_end(section, children_apart)
        starts: list[int | None] = []
        for _, row in rows:
            units = row.a if side == 0 else row.b
            starts.append(doc.original_span(units[0].start, units[0].end)[0] if units else None)
        first = next((k for k, s in enumerate(starts) if s is not None), None)
        if first is not None:
            starts[first] = section.start
        out: list[tuple[int, int] | None] = []
        for k, s in enumerate(starts):
            nxt = next((t for t in starts[k + 1 :] if t is not None), end)
            out.append(None if s is None else (s, nxt))
        return out

    def _cell(
        self, side: int, cut: tuple[int, int] | None, row: SentenceRow, shared: list[_Shared]
    ) -> Cell:
        if cut is None:
            return Cell()
        start, end = cut
        doc = self.docs[side]
        looks = self._looks(side, start, end, row)
        segments: list[Segment] = []
        pos = start
        k = max(0, bisect_right([x.start for x in shared], start) - 1)
        for item in shared[k:]:
            if item.start >= end:
                break
            if item.end <= start:
                continue
            s, e = max(item.start, pos), min(item.end, end)
            if s >= e:
                continue
            segments += _runs(doc.original, looks, start, pos, s)
            segments.append(
                Segment(
                    doc.original[s:e],
                    "shared",
                    item.ident,
                    item.twin,
                    item.variant,
                    popover=item.popover,
                )
            )
            pos = e
        segments += _runs(doc.original, looks, start, pos, end)
        return Cell(_split_tail(segments))

    def _looks(self, side: int, start: int, end: int, row: SentenceRow) -> list[tuple[str, str]]:
        """For each character of ``[start, end)``: its kind and detail, shared runs aside."""
        doc = self.docs[side]
        looks = [("plain", "")] * (end - start)

        def paint(lo: int, hi: int, look: tuple[str, str]) -> None:
            s, e = doc.original_span(lo, hi)
            for i in range(max(s, start), min(e, end)):
                looks[i - start] = look

        marks = self.specific[side]
        k = max(0, bisect_right(marks, (start, start, "")) - 1)
        for s, e, kind in marks[k:]:
            if s >= end:
                break
            for i in range(max(s, start), min(e, end)):
                looks[i - start] = ("specific", kind)
        if row.near_duplicate and row.redline is not None:
            units = row.a if side == 0 else row.b
            for unit in units:
                paint(unit.start, unit.end, ("same", ""))
            change = "del" if side == 0 else "ins"
            for lo, hi in row.redline.deleted if side == 0 else row.redline.inserted:
                paint(lo, hi, (change, ""))
            for slot in row.redline.slots:
                if slot.side == side:
                    paint(slot.start, slot.end, (change, slot.kind))
        return looks


def _runs(text: str, looks: list[tuple[str, str]], base: int, lo: int, hi: int) -> list[Segment]:
    """Segments of ``text[lo:hi]``, one per run of characters with the same look."""
    out: list[Segment] = []
    pos = lo
    while pos < hi:
        look = looks[pos - base]
        nxt = pos + 1
        while nxt < hi and looks[nxt - base] == look:
            nxt += 1
        kind, detail = look
        if kind != "plain" and not text[pos:nxt].strip():
            kind, detail = "plain", ""  # layout whitespace is never highlighted
        if out and out[-1].kind == kind == "plain":
            out[-1].text += text[pos:nxt]
        else:
            out.append(Segment(text[pos:nxt], kind, detail=detail))
        pos = nxt
    return out


def _shown_end(section: Section, children_apart: bool) -> int:
    """Where a section's own text ends: at its first child when the children have blocks."""
    return section.children[0].start if children_apart and section.children else section.end


def _split_tail(segments: list[Segment]) -> list[Segment]:
    """The layout whitespace ending a cell as a ``tail`` segment, kept in the text but not shown
    (a row ends where its sentence ends, not with the blank line before the next paragraph)."""
    if not segments or segments[-1].kind != "plain":
        return segments
    last = segments[-1]
    body = last.text.rstrip()
    if body == last.text:
        return segments
    tail = Segment(last.text[len(body) :], "tail")
    return [*segments[:-1], *([Segment(body)] if body else []), tail]


def _row_kind(row: SentenceRow) -> str:
    if not row.matched:
        return "a-only" if row.a else "b-only"
    if row.heading:
        return "heading"
    if row.near_duplicate:
        return "near"
    if row.redline is not None and not row.redline.changed:
        return "same"
    return "match"


def build_blocks(comparison: Comparison) -> list[Block]:
    """One block per section pair, in the order of the alignment, with its rows."""
    return _Builder(comparison).build()


def build_map(blocks: list[Block]) -> tuple[list[MapEntry], list[MapEntry], list[MapLink]]:
    """Both outlines in their own reading order, and the links between paired entries."""
    sides: list[list[tuple[int, MapEntry]]] = [[], []]
    for block in blocks:
        for side, section in enumerate((block.a, block.b)):
            if section is not None:
                entry = MapEntry(
                    section.title,
                    section.role,
                    block.depth,
                    block.ident,
                    block.similarity is not None,
                    block.similarity,
                )
                sides[side].append((section.start, entry))
    a_entries = [e for _, e in sorted(sides[0], key=lambda t: t[0])]
    b_entries = [e for _, e in sorted(sides[1], key=lambda t: t[0])]
    b_index = {e.row: i for i, e in enumerate(b_entries)}
    links = [
        MapLink(i, b_index[e.row], e.similarity or 0.0)
        for i, e in enumerate(a_entries)
        if e.paired and e.row in b_index
    ]
    return a_entries, b_entries, links

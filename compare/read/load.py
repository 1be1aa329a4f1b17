"""Read a report file into a :class:`~compare.model.Document`.

The pipeline is: bytes -> decoded original -> line view -> body -> outline
and metadata -> compact comparison view. Every offset in the result maps back
to the decoded original.
"""

from __future__ import annotations

from ..errors import EmptyReport
from ..model import Document, Section
from ..settings import MAX_BYTES
from ..textmap import MappedText
from .body import find_body
from .files import read_text
from .lines import Line, split_lines
from .metadata import read_metadata
from .normalise import compact_view, line_view, simplify
from .outline import build_outline


def load_report(path: str, max_bytes: int = MAX_BYTES) -> Document:
    """Read, decode and outline one report file (text, HTML, DOCX or PDF)."""
    text, encoding, warnings = read_text(path, max_bytes)
    doc = parse_report(text, path, encoding)
    doc.warnings[:0] = warnings  # what reading had to guess comes first
    return doc


def parse_report(original: str, path: str = "<text>", encoding: str = "utf-8") -> Document:
    """Outline already-decoded report text."""
    if not original.strip():
        raise EmptyReport(path, "holds no text")
    view = line_view(original)
    lines = split_lines(view.text)
    body = find_body(lines)
    sections, warnings = build_outline(view, original, lines, body)
    if not body.found:
        warnings.insert(0, "no '各位代表' opening found; the whole text is taken as the body")
    header = _header_lines(lines, body.first, body.address)
    header_original = [original[slice(*view.to_original(ln.start, ln.end))] for ln in header]
    every = [s for top in sections for s in top.walk()]
    meta = read_metadata(header, header_original, [simplify(s.title) for s in every])
    compact = compact_view(view)
    body_start, body_end = _body_span(compact, sections)
    for section in every:
        section.norm_start = compact.from_original(section.start)
        section.norm_end = compact.from_original(section.end)
    return Document(
        path, encoding, original, compact, body_start, body_end, meta, sections, warnings
    )


def _header_lines(lines: list[Line], first: int, address: int | None) -> list[Line]:
    end = address if address is not None else min(len(lines), first + 5)
    return lines[first:end]


def _body_span(compact: MappedText, sections: list[Section]) -> tuple[int, int]:
    if not sections:
        return 0, 0
    return compact.from_original(sections[0].start), compact.from_original(sections[-1].end)

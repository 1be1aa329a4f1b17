"""Read a report file into a :class:`~compare.model.Document`.

The pipeline is: bytes -> decoded original -> line view -> body -> outline
and metadata -> compact comparison view. Every offset in the result maps back
to the decoded original.
"""

from __future__ import annotations

import os

from ..errors import EmptyReport, UnreadableFile
from ..model import Document, Section
from ..settings import MAX_BYTES
from ..textmap import MappedText
from .body import Body, find_body
from .decoding import decode
from .extract import docx_text, html_text, pdf_text
from .formats import detect_format
from .headings import detect
from .line_kinds import is_address, is_prose
from .lines import Line, split_lines
from .metadata import read_metadata
from .normalise import compact_view, line_view, simplify
from .outline import build_outline


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes, with one clear error for each way reading can fail."""
    if not os.path.exists(path):
        raise UnreadableFile(path, "no such file")
    if os.path.isdir(path):
        raise UnreadableFile(path, "is a directory, not a report file")
    size = os.path.getsize(path)
    if size > max_bytes:
        raise UnreadableFile(
            path, f"{size / 1e6:.1f} MB is larger than any report (limit {max_bytes / 1e6:.0f} MB)"
        )
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise UnreadableFile(path, exc.strerror or "cannot be read") from exc


def read_text(path: str, max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """The text of a report file of any supported format, and how it was read.

    The second value names the encoding for text and HTML (``utf-8``,
    ``gb18030``...) and the format otherwise (``docx``, ``pdf``).
    """
    data = read_bytes(path, max_bytes)
    if not data.strip():
        raise EmptyReport(path, "the file is empty")
    kind = detect_format(data, path)
    if kind == "html":
        return html_text(data, path)
    if kind == "docx":
        return docx_text(data, path), "docx"
    if kind == "pdf":
        return pdf_text(data, path), "pdf"
    return decode(data, path)


def load_report(path: str, max_bytes: int = MAX_BYTES) -> Document:
    """Read, decode and outline one report file (text, HTML, DOCX or PDF)."""
    text, encoding = read_text(path, max_bytes)
    return parse_report(text, path, encoding)


def parse_report(original: str, path: str = "<text>", encoding: str = "utf-8") -> Document:
    """Outline already-decoded report text."""
    if not original.strip():
        raise EmptyReport(path, "holds no text")
    view = line_view(original)
    lines = split_lines(view.text)
    body = find_body(lines)
    sections, warnings = build_outline(view, original, lines, body)
    for count, where in ((body.dropped_before, "before"), (body.dropped_after, "after")):
        if count:
            warnings.insert(0, f"dropped {count:,} characters of prose-like text {where} the body")
    header, opening = _header_and_opening(lines, body)
    header_original = [original[slice(*view.to_original(ln.start, ln.end))] for ln in header]
    every = [s for top in sections for s in top.walk()]
    body_text = view.text[lines[body.first].start : lines[body.last].end] if lines else ""
    meta = read_metadata(
        [ln.text for ln in header],
        header_original,
        [(simplify(s.title), s.role) for s in every],
        opening,
        body_text,
    )
    compact = compact_view(view)
    body_start, body_end = _body_span(compact, sections)
    for section in every:
        section.norm_start = compact.from_original(section.start)
        section.norm_end = compact.from_original(section.end)
    return Document(
        path, encoding, original, compact, body_start, body_end, meta, sections, warnings
    )


def _header_and_opening(lines: list[Line], body: Body) -> tuple[list[Line], str]:
    """The title block (lines above the first of substance) and the first paragraph."""
    body_lines = range(body.first, body.last + 1)
    end = next(
        (k for k in body_lines if is_address(lines[k].text) or is_prose(lines[k].text)),
        body.last + 1,
    )
    end = min(end, next((k for k in body_lines if detect(lines[k].text)), end))
    opening = next(
        (lines[k].text for k in range(end, body.last + 1) if is_prose(lines[k].text)), ""
    )
    return lines[body.first : end], opening


def _body_span(compact: MappedText, sections: list[Section]) -> tuple[int, int]:
    if not sections:
        return 0, 0
    return compact.from_original(sections[0].start), compact.from_original(sections[-1].end)

"""Text out of saved web pages, Word files and PDFs.

Offsets in every output refer to the text extracted here, which
``reportdiff outline --text`` prints so a user can see what was read.

- HTML: the standard library's HTML parser, block elements to line breaks,
  scripts, styles and navigation dropped; charset from the ``<meta>`` tag when
  it decodes the bytes, else the same detection as for text files.
- DOCX: python-docx, paragraphs and table cells in document order.
- PDF: pypdf, page by page; lines that repeat at the top or bottom of most
  pages (running headers and footers) and bare page numbers are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from io import BytesIO

from ..errors import UndecodableText, UnreadableFile
from .decoding import decode
from .normalise import HEADING_START, NUMBERED_HEADING

_BLOCK = frozenset(
    "p div br li tr h1 h2 h3 h4 h5 h6 section article header footer table ul ol dd dt blockquote "
    "pre hr title form".split()
)
_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "nav", "select", "button"}
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.IGNORECASE)
_SENTENCE_END = frozenset("。！？；：!?;:")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+(?:\s*/\s*\d+)?)\s*$"
)


class _TextOfPage(HTMLParser):
    """Collects the visible text of a page, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        lines = (line.strip() for line in "".join(self.parts).replace("\xa0", " ").splitlines())
        return "\n".join(line for line in lines if line) + "\n"


def _decode_html(data: bytes, path: str) -> tuple[str, str]:
    match = _META_CHARSET.search(data[:4096])
    if match:
        declared = match.group(1).decode("ascii", "replace").lower()
        declared = "gb18030" if declared in ("gb2312", "gbk", "gb18030") else declared
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect as for text
    return decode(data, path)


def html_text(data: bytes, path: str) -> tuple[str, str]:
    """The visible text of a saved web page and the encoding it was read with."""
    markup, encoding = _decode_html(data, path)
    parser = _TextOfPage()
    parser.feed(markup)
    parser.close()
    return parser.text(), encoding


def docx_text(data: bytes, path: str) -> str:
    """Paragraphs (and table cells) of a Word file, in order."""
    import docx  # python-docx: imported here, it is slow to import and only .docx needs it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise UnreadableFile(path, f"is not a readable Word file ({exc})") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(line.strip() for line in lines if line.strip()) + "\n"


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines at the top or bottom of at least half the pages: headers and footers."""
    if len(pages) < 3:
        return set()
    edges: Counter[str] = Counter()
    for lines in pages:
        edges.update({ln for ln in lines[:2] + lines[-2:]})
    return {ln for ln, n in edges.items() if n >= max(2, len(pages) // 2)}


def pdf_text(data: bytes, path: str) -> str:
    """The text layer of a PDF without running headers, footers and page numbers."""
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(BytesIO(data))
        pages = [
            [ln.strip() for ln in (page.extract_text() or "").splitlines() if ln.strip()]
            for page in reader.pages
        ]
    except (PyPdfError, ValueError, KeyError) as exc:
        raise UnreadableFile(path, f"is not a readable PDF ({exc})") from exc
    running = _running_lines(pages)
    kept = [
        ln for lines in pages for ln in lines if ln not in running and not _PAGE_NUMBER.match(ln)
    ]
    if not "".join(kept).strip():
        raise UndecodableText(path, "PDF has no text layer (a scan?); run OCR on it first")
    return "\n".join(_join_wrapped(kept)) + "\n"


def _join_wrapped(lines: list[str]) -> list[str]:
    """Rejoin paragraphs the PDF wrapped: a full-width line not ending a sentence continues.

    "Full width" is judged against the document's own longest lines (the 90th
    percentile), since page width and font size vary from PDF to PDF.
    """
    if not lines:
        return []
    lengths = sorted(len(ln) for ln in lines)
    full = lengths[int(0.9 * (len(lengths) - 1))] * 0.85
    out = [lines[0]]
    for line in lines[1:]:
        prev = out[-1]
        wrapped = len(prev) >= full and prev[-1] not in _SENTENCE_END
        if NUMBERED_HEADING.match(prev) and not any(p in prev for p in "：:。"):
            # a full-width bare heading continues only into a short tail, never into body text
            wrapped = wrapped and len(line) < full and line[-1] not in _SENTENCE_END
        if wrapped and not HEADING_START.match(line):
            out[-1] = prev + line
        else:
            out.append(line)
    return out

"""The paragraphs of a Word file (``.docx``), read as a hostile file could be built.

A ``.docx`` is a zip, so a few hundred kilobytes can unpack to gigabytes, and
its XML can nest without end or declare entities that expand exponentially.
So only ``word/document.xml`` is unpacked, refused when the zip declares it
larger than the limit and read no further than the limit whatever the zip
declares; it is parsed by defusedxml (no DTDs' entities, no external
references) as a stream, with a bound on nesting depth, and each top-level
block is dropped once its text is taken. python-docx would read every part
whole into lxml first.

The text is what python-docx gives (runs, hyperlinks, tabs and line breaks of
each paragraph; table cells joined by spaces, a row a line), in document order,
and also takes text in content controls and tracked insertions.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from ...errors import UnreadableFile
from ...settings import MAX_BYTES
from ..limits import megabytes

DOCUMENT_PART = "word/document.xml"
MAX_DEPTH = 256  # libxml2's own default bound; real documents nest a few dozen deep

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _BODY = (f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "body"))
_CONTAINERS = frozenset(f"{_W}{t}" for t in ("sdt", "sdtContent", "customXml"))
_CHARS = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
# Drawings and text boxes hold paragraphs of their own, which python-docx leaves out too.
_NOT_RUN_TEXT = frozenset(
    [f"{_W}{t}" for t in ("drawing", "pict", "object", "txbxContent", "p")]
    + ["{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"]
)


class _TooDeep(ValueError):
    """The XML nests deeper than any real document."""


def docx_text(data: bytes, path: str, max_bytes: int = MAX_BYTES) -> str:
    """Paragraphs (and table rows) of a Word file, in document order.

    Raises:
        UnreadableFile: not a readable Word file, or its text part unpacks to
            more than ``max_bytes``.
    """
    xml = _document_xml(data, path, max_bytes)
    try:
        lines = list(_body_lines(xml))
    except (ParseError, DefusedXmlException, _TooDeep) as exc:
        raise UnreadableFile(path, f"is not a readable Word file ({exc})") from exc
    return "\n".join(line.strip() for line in lines if line.strip()) + "\n"


def _document_xml(data: bytes, path: str, max_bytes: int) -> bytes:
    too_large = (
        f"unpacks to more than any report (its text is over the {megabytes(max_bytes)} limit)"
    )
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            info = archive.getinfo(DOCUMENT_PART)
            if info.file_size > max_bytes:
                raise UnreadableFile(path, too_large)
            with archive.open(info) as member:
                xml = member.read(max_bytes + 1)  # decompresses no further than this
    except (zipfile.BadZipFile, KeyError, NotImplementedError, RuntimeError, EOFError) as exc:
        raise UnreadableFile(path, f"is not a readable Word file ({exc})") from exc
    except (OSError, zlib.error) as exc:  # damaged compressed data
        raise UnreadableFile(path, f"is not a readable Word file ({exc})") from exc
    if len(xml) > max_bytes:  # the zip declared less than it holds
        raise UnreadableFile(path, too_large)
    return xml


def _body_lines(xml: bytes) -> Iterator[str]:
    """Text lines of the body's blocks, parsed as a stream with bounded depth."""
    stack: list[str] = []
    for event, element in iterparse(BytesIO(xml), events=("start", "end")):
        if event == "start":
            stack.append(element.tag)
            if len(stack) > MAX_DEPTH:
                raise _TooDeep(f"its XML nests more than {MAX_DEPTH} levels deep")
            continue
        stack.pop()
        if stack and stack[-1] == _BODY:
            yield from _block_lines(element)
            element.clear()  # the block's text is taken: free it


def _block_lines(block: Element) -> Iterator[str]:
    if block.tag == _P:
        yield _paragraph_text(block)
    elif block.tag == _TBL:
        yield from _table_lines(block)
    elif block.tag in _CONTAINERS:
        for child in block:
            yield from _block_lines(child)


def _table_lines(table: Element) -> Iterator[str]:
    for row in table:
        if row.tag == _TR:
            yield " ".join(_cell_text(cell) for cell in row if cell.tag == _TC)


def _cell_text(cell: Element) -> str:
    return "\n".join(line for block in cell for line in _block_lines(block))


def _paragraph_text(paragraph: Element) -> str:
    return "".join(_run_text(paragraph))


def _run_text(element: Element) -> Iterator[str]:
    """Text of runs in document order: ``w:t``, tabs, breaks; recursion is bounded
    by the parse's depth limit."""
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":
            yield child.text or ""
        elif tag in _CHARS:
            yield _CHARS[tag]
        elif tag == f"{_W}br":
            # python-docx: a line break is a newline, page and column breaks nothing
            yield "\n" if child.get(f"{_W}type", "textWrapping") == "textWrapping" else ""
        elif tag not in _NOT_RUN_TEXT:
            yield from _run_text(child)

"""Read a report file: its bytes, then its text in whatever format it came in.

This is the only place the reading stage touches the file system; everything
after it works on the text returned here.
"""

from __future__ import annotations

import os

from ..errors import EmptyReport, UnreadableFile
from ..settings import MAX_BYTES
from .decoding import decode
from .extract import docx_text, html_text, pdf_text
from .formats import detect_format


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

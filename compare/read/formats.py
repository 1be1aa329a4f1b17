"""Tell what kind of file a report came in, by its content first, then its name.

A ``.txt`` that is really a saved web page is read as HTML; a ``.doc`` that
is really a PDF is read as a PDF. Files that are no report at all (images,
archives, executables) are refused with a name for what they are.
"""

from __future__ import annotations

import os
import re
import zipfile
from io import BytesIO
from typing import Literal

from ..errors import UnreadableFile
from .decoding import utf16_without_bom

Format = Literal["text", "html", "docx", "pdf"]

_BINARY_SIGNATURES = [
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "an old binary Word/Excel file (.doc/.xls); save it as .docx"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
]
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<meta|<body|<!--)", re.IGNORECASE)


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def detect_format(data: bytes, path: str) -> Format:
    """The format of a report file's bytes.

    Raises:
        UnreadableFile: for images, archives and other binary files.
    """
    ext = os.path.splitext(path)[1].lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if _is_docx(data):
            return "docx"
        raise UnreadableFile(path, "is a zip archive, not a report (unpack it first)")
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise UnreadableFile(path, f"is {what}, not a report")
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if ext in (".html", ".htm", ".shtml", ".xhtml") or _HTML_START.match(head):
        return "html"
    unmarked = not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in data[:8192] and unmarked and utf16_without_bom(data) is None:
        raise UnreadableFile(path, "is a binary file, not text")
    return "text"

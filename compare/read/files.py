"""Read a report file: its bytes, then its text in whatever format it came in.

This is the only place the reading stage touches the file system; everything
after it works on the text returned here. Only regular files are read (a FIFO
would block forever, ``/dev/zero`` never ends), and the size limit holds for
the bytes actually read, not for what ``stat`` says: a file can grow while it
is read, and many special files report a size of 0.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO, NamedTuple

from ..errors import EmptyReport, UnreadableFile
from ..settings import MAX_BYTES
from .decoding import decode
from .extract import docx_text, html_text, pdf_text
from .formats import detect_format
from .limits import MB, megabytes

_CHUNK = MB

_NOT_REGULAR = (
    (stat.S_ISDIR, "is a directory, not a report file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file"),
    (stat.S_ISCHR, "is a character device, not a regular file"),
    (stat.S_ISBLK, "is a block device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)


class FileText(NamedTuple):
    """A report file's text, how it was read, and what the reader had to guess."""

    text: str
    encoding: str  # the encoding for text and HTML (``utf-8``...), else ``docx`` or ``pdf``
    warnings: list[str]


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes, with one clear error for each way reading can fail.

    Raises:
        UnreadableFile: missing, not a regular file, unreadable, or more than
            ``max_bytes`` long.
    """
    _refuse_unless_regular(path, _stat(path))
    try:
        # O_NONBLOCK: should a FIFO be put in the file's place after the check
        # above, opening it must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise UnreadableFile(path, _reason(exc)) from exc
    with os.fdopen(fd, "rb", buffering=0) as handle:
        _refuse_unless_regular(path, os.fstat(handle.fileno()))
        data = _read_at_most(handle, max_bytes + 1, path)
    if len(data) > max_bytes:
        raise UnreadableFile(
            path, f"is larger than any report (over the {megabytes(max_bytes)} limit)"
        )
    return data


def read_text(path: str, max_bytes: int = MAX_BYTES) -> FileText:
    """The text of a report file of any supported format, and how it was read.

    ``max_bytes`` bounds the file, and also what it unpacks to: the text of a
    Word file's document part in bytes, and the characters of a PDF's text.
    """
    data = read_bytes(path, max_bytes)
    if not data.strip():
        raise EmptyReport(path, "the file is empty")
    kind = detect_format(data, path)
    if kind == "html":
        return FileText(*html_text(data, path))
    if kind == "docx":
        return FileText(docx_text(data, path, max_bytes), "docx", [])
    if kind == "pdf":
        return FileText(pdf_text(data, path, max_bytes), "pdf", [])
    return FileText(*decode(data, path), [])


def _stat(path: str) -> os.stat_result:
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise UnreadableFile(path, "no such file") from exc
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise UnreadableFile(path, _reason(exc)) from exc


def _refuse_unless_regular(path: str, info: os.stat_result) -> None:
    for test, problem in _NOT_REGULAR:
        if test(info.st_mode):
            raise UnreadableFile(path, problem)
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile(path, "is not a regular file")


def _read_at_most(handle: BinaryIO, limit: int, path: str) -> bytes:
    """Up to ``limit`` bytes, read in chunks so memory never exceeds what was read."""
    chunks, total = [], 0
    try:
        while total < limit:
            chunk = handle.read(min(_CHUNK, limit - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise UnreadableFile(path, _reason(exc)) from exc
    return b"".join(chunks)


def _reason(exc: BaseException) -> str:
    strerror = exc.strerror if isinstance(exc, OSError) else None
    return (strerror or str(exc) or "cannot be read").lower()

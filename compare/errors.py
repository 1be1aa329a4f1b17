"""Named exceptions of the library; the CLI turns each into one line on stderr."""

from __future__ import annotations

import re

# Control characters would break the one line; lone surrogates are the bytes of a
# file name that is not UTF-8 (Python's surrogateescape) and cannot be printed.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape of byte 0x80-0xff
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` fit for one line of a terminal: bytes of a file name that are not
    UTF-8, and control characters, shown as ``\\xNN``."""
    return _UNPRINTABLE.sub(_escape, text)


class ReportError(Exception):
    """Base class: a problem with one input or output file, worded for the user."""

    def __init__(self, path: str, problem: str) -> None:
        # Messages of third-party parsers may span lines; a path may hold any bytes.
        super().__init__(f"{printable(path)}: {printable(' '.join(problem.split()))}")
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple[type[ReportError], tuple[str, str]]:
        # Errors raised in --jobs worker processes are pickled back to the parent.
        return (type(self), (self.path, self.problem))


class UnreadableFile(ReportError):
    """The file is missing, a directory, unreadable or too large."""


class UndecodableText(ReportError):
    """The bytes are not text in any encoding reports come in."""


class EmptyReport(ReportError):
    """The file holds no text at all."""


class OutputError(ReportError):
    """An output file could not be written, or would overwrite an input."""


class IndexMismatch(ReportError):
    """A stored index was built with other settings than this run's."""


class NoReports(ReportError):
    """Nothing under the paths given could be read as a report."""

"""Named exceptions of the library; the CLI turns each into one line on stderr."""

from __future__ import annotations


class ReportError(Exception):
    """Base class: a problem with one input or output file, worded for the user."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
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
    """An output file could not be written."""


class IndexMismatch(ReportError):
    """A stored index was built with other settings than this run's."""


class NoReports(ReportError):
    """Nothing under the paths given could be read as a report."""

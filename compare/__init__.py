"""reportdiff: shared formula versus local content in government work reports."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .errors import EmptyReport, OutputError, ReportError, UndecodableText, UnreadableFile
from .load import load_report, parse_report
from .model import Document, Metadata, Section

try:
    __version__ = version("reportdiff")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "Document",
    "EmptyReport",
    "Metadata",
    "OutputError",
    "ReportError",
    "Section",
    "UndecodableText",
    "UnreadableFile",
    "__version__",
    "load_report",
    "parse_report",
]

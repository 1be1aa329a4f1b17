"""reportdiff: shared formula versus local content in government work reports.

The public API, importable from ``compare`` alone::

    from compare import load_report, compare_reports, audit_reports

Names are loaded on first use, so a command that only outlines a report does
not pay for the comparison and audit machinery (jieba, MinHash, SciPy).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._version import __version__
    from .api import audit_reports, compare_reports
    from .corpus.results import AuditResult
    from .corpus.run import AuditRun
    from .errors import EmptyReport, OutputError, ReportError, UndecodableText, UnreadableFile
    from .model import Document, Metadata, Section
    from .pair.comparison import Comparison
    from .read.load import load_report, parse_report
    from .settings import AuditSettings, CompareSettings, SketchSettings

_WHERE = {
    "__version__": "_version",
    "audit_reports": "api",
    "compare_reports": "api",
    "AuditResult": "corpus.results",
    "AuditRun": "corpus.run",
    "EmptyReport": "errors",
    "OutputError": "errors",
    "ReportError": "errors",
    "UndecodableText": "errors",
    "UnreadableFile": "errors",
    "Document": "model",
    "Metadata": "model",
    "Section": "model",
    "Comparison": "pair.comparison",
    "load_report": "read.load",
    "parse_report": "read.load",
    "AuditSettings": "settings",
    "CompareSettings": "settings",
    "SketchSettings": "settings",
}

__all__ = [
    "AuditResult",
    "AuditRun",
    "AuditSettings",
    "CompareSettings",
    "Comparison",
    "Document",
    "EmptyReport",
    "Metadata",
    "OutputError",
    "ReportError",
    "Section",
    "SketchSettings",
    "UndecodableText",
    "UnreadableFile",
    "__version__",
    "audit_reports",
    "compare_reports",
    "load_report",
    "parse_report",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'compare' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value

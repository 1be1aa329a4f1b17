"""The library's two entry points beyond :func:`load_report`: compare and audit.

They take paths or already-loaded documents and settings objects, and return
result objects with ``to_json()``; the CLI is a thin layer over them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .corpus.background import Background, add_background
from .corpus.run import AuditRun, EngineName, open_engine, run_audit
from .model import Document
from .pair.comparison import Comparison, compare_documents
from .read.load import load_report
from .settings import MAX_BYTES, AuditSettings, CompareSettings


def compare_reports(
    a: str | Document,
    b: str | Document,
    settings: CompareSettings | None = None,
    *,
    corpus: str | Background | None = None,
    max_bytes: int = MAX_BYTES,
) -> Comparison:
    """Compare report A with report B (paths or loaded documents).

    With ``corpus`` (an index written by ``reportdiff audit --index``, or an
    open :class:`Background`), shared phrasing is split into common formula and
    reuse particular to the pair.
    """
    doc_a = a if isinstance(a, Document) else load_report(a, max_bytes)
    doc_b = b if isinstance(b, Document) else load_report(b, max_bytes)
    background = Background.open(corpus) if isinstance(corpus, str) else corpus
    result = compare_documents(doc_a, doc_b, settings)
    if background is not None:
        add_background(result, background)
    return result


def audit_reports(
    paths: Sequence[str],
    settings: AuditSettings | None = None,
    *,
    index: str | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    engine: EngineName = "local",
    scheduler: str | None = None,
    with_index: bool = False,
) -> AuditRun:
    """Audit template reuse across the reports under ``paths`` (files or folders).

    ``index`` keeps the corpus in SQLite so later audits read only new files;
    ``jobs`` reads reports in that many processes; ``progress`` is called with
    the number of reports read since the last call. ``engine="dask"`` reads,
    sketches and bands on a Dask cluster (at ``scheduler``, or a local one of
    ``jobs`` workers) and gives the same figures. ``with_index`` keeps the clause index
    in the result even when a stored index's figures are reused (pages that compare a
    pair against the corpus need it).
    """
    with open_engine(engine, jobs, scheduler) as runner:
        return run_audit(
            list(paths), settings or AuditSettings(), index, jobs, progress, runner, with_index
        )

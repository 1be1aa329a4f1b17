"""Run an audit: find the reports, read them (in parallel), index, measure.

``progress`` is a callback the CLI turns into a progress bar; the library
itself prints nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

from ..errors import ReportError
from ..settings import AuditSettings
from .audit import AuditResult, Corpus, audit
from .engines import Engine, LocalEngine, Progress
from .records import find_reports
from .store import CorpusStore, Fingerprint


@dataclass
class AuditRun:
    """The figures, the corpus they came from, and the files that could not be read."""

    result: AuditResult
    corpus: Corpus
    failures: list[ReportError] = field(default_factory=list)
    reused: int = 0


def fingerprint(path: str) -> Fingerprint:
    """What says a stored file is unchanged: its size and modification time."""
    info = os.stat(path)
    return f"{info.st_size}:{info.st_mtime_ns}"


EngineName = Literal["local", "dask"]


@contextmanager
def open_engine(name: EngineName, jobs: int = 1, scheduler: str | None = None) -> Iterator[Engine]:
    """The engine by name: ``local`` (``jobs`` processes) or ``dask`` (a cluster at
    ``scheduler``, or a local one of ``jobs`` workers), closed after use."""
    if name == "local":
        yield LocalEngine(jobs)
        return
    try:
        from .dask_engine import DaskEngine
    except ImportError as exc:
        raise ReportError("--engine dask", "needs Dask: pip install 'reportdiff[dask]'") from exc
    try:
        engine = DaskEngine(scheduler, workers=max(jobs, 1))
    except OSError as exc:
        raise ReportError(
            scheduler or "LocalCluster", f"no Dask scheduler answers ({exc})"
        ) from exc
    with engine:
        yield engine


def run_audit(
    inputs: list[str],
    settings: AuditSettings,
    index_path: str | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> AuditRun:
    """Audit the reports under ``inputs`` (plus any already in the index at ``index_path``)."""
    engine = engine or LocalEngine(jobs)
    paths = list(dict.fromkeys(find_reports(inputs)))
    corpus = Corpus.empty(settings)
    store = CorpusStore(index_path, settings) if index_path else None
    prints = {p: fingerprint(p) for p in paths if os.path.isfile(p)}
    todo, reused = paths, 0
    if store is not None:
        known = store.known()
        store.forget(p for p in paths if p in known and known[p] != prints.get(p))
        store.load(corpus)
        loaded = {r.path for r in corpus.records}
        todo = [p for p in paths if p not in loaded]
        reused = len(paths) - len(todo)
        if progress and reused:
            progress(reused)  # reports taken from the index count as read
    start = len(corpus.records)
    failures = []
    for item in engine.read(todo, settings, progress):
        if isinstance(item, ReportError):
            failures.append(item)
        else:
            corpus.add(item)
    if store is not None:
        store.save(corpus, start, prints)
        store.close()
    corpus.index.release_lookup()
    corpus.index.set_groups(engine.group(corpus.index.band_columns))
    return AuditRun(audit(corpus), corpus, failures, reused)

"""Run an audit: find the reports, read them (in parallel), index, measure.

``progress`` is a callback the CLI turns into a progress bar; the library
itself prints nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial

from ..errors import ReportError
from ..settings import AuditSettings
from .audit import AuditResult, Corpus, audit
from .records import ReportRecord, find_reports, read_record
from .store import CorpusStore

Progress = Callable[[int], None]


@dataclass
class AuditRun:
    """The figures, the corpus they came from, and the files that could not be read."""

    result: AuditResult
    corpus: Corpus
    failures: list[ReportError] = field(default_factory=list)
    reused: int = 0


def _read_safely(path: str, settings: AuditSettings) -> ReportRecord | ReportError:
    try:
        return read_record(path, settings)
    except ReportError as exc:
        return exc


def read_records(
    paths: list[str], settings: AuditSettings, jobs: int, progress: Progress | None = None
) -> Iterator[ReportRecord | ReportError]:
    """Records of the files in order; errors are yielded, not raised, so one bad file among
    thousands does not stop an audit."""
    read = partial(_read_safely, settings=settings)
    if jobs > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for item in pool.map(read, paths, chunksize=max(1, min(32, len(paths) // (jobs * 4)))):
                if progress:
                    progress(1)
                yield item
    else:
        for path in paths:
            item = read(path)
            if progress:
                progress(1)
            yield item


def _stat(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_size, info.st_mtime_ns


def run_audit(
    inputs: list[str],
    settings: AuditSettings,
    index_path: str | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> AuditRun:
    """Audit the reports under ``inputs`` (plus any already in the index at ``index_path``)."""
    paths = list(dict.fromkeys(find_reports(inputs)))
    corpus = Corpus.empty(settings)
    store = CorpusStore(index_path, settings) if index_path else None
    stats = {p: _stat(p) for p in paths if os.path.isfile(p)}
    todo, reused = paths, 0
    if store is not None:
        known = store.known()
        store.forget(p for p in paths if p in known and known[p] != stats.get(p))
        store.load(corpus)
        loaded = {r.path for r in corpus.records}
        todo = [p for p in paths if p not in loaded]
        reused = len(paths) - len(todo)
        if progress and reused:
            progress(reused)  # reports taken from the index count as read
    start = len(corpus.records)
    failures = []
    for item in read_records(todo, settings, jobs, progress):
        if isinstance(item, ReportError):
            failures.append(item)
        else:
            corpus.add(item)
    if store is not None:
        store.save(corpus, start, stats)
        store.close()
    return AuditRun(audit(corpus), corpus, failures, reused)

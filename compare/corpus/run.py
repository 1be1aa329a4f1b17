"""Run an audit: find the reports, read them (in parallel), index, measure.

``progress`` is a callback the CLI turns into a progress bar; the library
itself prints nothing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

from ..collector import collector_paused
from ..errors import ReportError
from ..settings import AuditSettings
from .audit import Corpus, audit
from .engines import Engine, LocalEngine, Progress
from .heap import give_back_free_memory
from .records import ReportRecord, find_reports
from .result_cache import dump_result, load_result, result_key
from .results import AuditResult
from .store import CorpusStore, Fingerprint


@dataclass
class AuditRun:
    """The figures, the corpus they came from, and the files that could not be read."""

    result: AuditResult
    corpus: Corpus
    failures: list[ReportError] = field(default_factory=list)
    reused: int = 0


def fingerprint(path: str) -> Fingerprint:
    """What says a stored file is unchanged: a hash of its content (an edit that keeps
    the size and the modification time is still an edit). Unreadable files get none
    and are read, and refused, like new ones."""
    digest = hashlib.blake2b(digest_size=16)
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def distinct_reports(inputs: list[str]) -> list[str]:
    """The report files under ``inputs``, each once: a file named twice, by another spelling
    of its path or through a symlink, is one report (shown as first named)."""
    seen: dict[str, str] = {}
    for path in find_reports(inputs):
        seen.setdefault(os.path.realpath(path), path)
    return list(seen.values())


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
    with_index: bool = False,
) -> AuditRun:
    """Audit the reports under ``inputs`` (plus any already in the index at ``index_path``).

    With an index, a run that finds no file new or changed returns the figures
    stored by the last run (same settings, same reports) without loading the
    clause index at all.
    """
    engine = engine or LocalEngine(jobs)
    paths = distinct_reports(inputs)
    if index_path is None:
        corpus = Corpus.empty(settings)
        return _measured(corpus, engine, _add_all(corpus, engine.read(paths, settings, progress)))
    prints = {p: fingerprint(p) for p in paths if os.path.isfile(p)}
    store = CorpusStore(index_path, settings)
    try:
        known = store.known()
        real = {p: os.path.realpath(p) for p in paths}
        changed = [p for p in paths if real[p] in known and known[real[p]][1] != prints.get(p)]
        gone = sorted(r for r in known if not os.path.isfile(r))
        store.forget([real[p] for p in changed] + gone)
        todo = [p for p in paths if real[p] not in known or p in changed]
        reused = len(paths) - len(todo)
        if progress and reused:
            progress(reused)  # reports taken from the index count as read
        items = engine.read(todo, settings, progress)
        failures: list[ReportError] = []
        first = _first_record(items, failures)
        key = result_key(settings, store.documents())
        unchanged = first is None and not (changed or gone) and not with_index
        cached = store.cached_result(key) if unchanged else None
        corpus = Corpus.empty(settings)
        if cached is not None:
            store.load_records(corpus)
            return AuditRun(load_result(cached), corpus, failures, reused)
        store.load(corpus)
        start = len(corpus.records)
        if first is not None:
            corpus.add(first)
            failures += _add_all(corpus, items)
        store.save(corpus, start, prints)
        run = _measured(corpus, engine, failures, reused)
        store.save_result(result_key(settings, store.documents()), dump_result(run.result))
        return run
    finally:
        store.close()


def _first_record(
    items: Iterator[ReportRecord | ReportError], failures: list[ReportError]
) -> ReportRecord | None:
    """The first record read (errors before it go to ``failures``); None if none is."""
    for item in items:
        if isinstance(item, ReportError):
            failures.append(item)
        else:
            return item
    return None


_INTERNED_TOGETHER = 32  # records interned in one pass (a report has some 900 clauses)


def _add_all(corpus: Corpus, items: Iterable[ReportRecord | ReportError]) -> list[ReportError]:
    """Add the records to the corpus, a few at a time, in order; the errors, in order."""
    failures: list[ReportError] = []
    waiting: list[ReportRecord] = []
    for item in items:
        if isinstance(item, ReportError):
            failures.append(item)
            continue
        waiting.append(item)
        if len(waiting) == _INTERNED_TOGETHER:
            corpus.add_all(waiting)
            waiting = []
    corpus.add_all(waiting)
    return failures


def _measured(
    corpus: Corpus, engine: Engine, failures: list[ReportError], reused: int = 0
) -> AuditRun:
    """Group the bands (on the engine) and compute the figures, with the cyclic collector
    paused (:mod:`compare.collector`): the figures make no cyclic garbage, and the
    children they fork inherit the pause, so no collection writes to pages they share
    with this process."""
    corpus.index.release_lookup()
    corpus.index.set_groups(engine.group(corpus.index.band_columns))
    give_back_free_memory()
    with collector_paused():
        result = audit(corpus, engine.figure_jobs)
    return AuditRun(result, corpus, failures, reused)

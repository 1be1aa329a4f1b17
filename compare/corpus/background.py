"""A corpus as background for a comparison: common formula versus particular reuse.

Phrasing two reports share is *common formula* when many reports of the
corpus hold it too, and *particular* to the pair when few or none beyond the
two do: the difference an auditor cares about. A shared run is looked up as
itself and as the clause of A it lies in, both exactly and through the
corpus's MinHash LSH index.
"""

from __future__ import annotations

import math
import os
from bisect import bisect_right
from dataclasses import dataclass

from ..errors import UnreadableFile
from ..pair.comparison import Comparison
from ..pair.prepared import Prepared
from ..pair.shared import SharedSpan
from ..pair.sketch import sketch_texts
from ..read.chars import letters
from ..settings import AuditSettings
from .audit import Corpus
from .bands import band_hashes
from .clause_index import ClauseIndex
from .lineage import Named, government_keys
from .store import CorpusStore, stored_settings


@dataclass
class Background:
    """The reports of a stored corpus, ready to count who else holds a phrase."""

    corpus: Corpus

    @classmethod
    def open(cls, path: str) -> Background:
        """A stored corpus, with the settings it was built with (a comparison against it
        must sketch its phrases the way the corpus was sketched)."""
        if not os.path.isfile(path):
            raise UnreadableFile(
                path, "no such index file (make one with 'reportdiff audit --index')"
            )
        settings = AuditSettings.from_index_key(stored_settings(path))
        store = CorpusStore(path, settings)
        corpus = Corpus.empty(settings)
        store.load(corpus)
        store.close()
        return cls(corpus)

    @property
    def index(self) -> ClauseIndex:
        return self.corpus.index

    def holders(self, texts: list[str]) -> list[set[int]]:
        """For each text, the corpus documents holding it or a near-duplicate of it (the
        texts are sketched together: one sketch per text costs more than the look-up)."""
        index, docs = self.index, self.index.documents()
        keys = [letters(t) for t in texts]
        found: list[set[int]] = [set() for _ in texts]
        wanted = [k for k, key in enumerate(keys) if key]
        if not wanted:
            return found
        sketches = sketch_texts(
            [keys[k] for k in wanted], index.shingle, index.num_perm, index.seed
        )
        bands = band_hashes(sketches, index.threshold, index.num_perm)
        for k, row in zip(wanted, bands, strict=True):
            ident = index.find(keys[k])
            if ident is not None:
                found[k] |= docs.members(ident)
            for other in index.query(row):
                found[k].update(docs.own(other).tolist())
        return found

    def count_others(self, a: Prepared, b: Prepared, runs: list[SharedSpan]) -> list[int]:
        """For each shared run, how many governments other than A's and B's hold it (or its
        clause in A): the audit's measure of common formula."""
        records = self.corpus.records
        pair = [Named(d.meta.government, d.meta.parents, d.path) for d in (a.doc, b.doc)]
        keys = government_keys([*records, *pair])
        own = set(keys[len(records) :])
        clauses = [self._clause_of(a, run) for run in runs]
        every = self.holders([run.text for run in runs] + [c for c in clauses if c is not None])
        held = iter(every[len(runs) :])
        counts = []
        for found, clause in zip(every[: len(runs)], clauses, strict=True):
            if clause is not None:
                found |= next(held)
            counts.append(len({keys[d] for d in found} - own))
        return counts

    @staticmethod
    def _clause_of(a: Prepared, run: SharedSpan) -> str | None:
        """The clause of A a shared run starts in (its formula may be the whole clause)."""
        k = bisect_right(a.clauses, run.a_start, key=lambda u: u.start) - 1
        if k >= 0 and run.a_start < a.clauses[k].end:
            clause = a.clauses[k]
            return a.text[clause.start : clause.end]
        return None


def reports_needed(settings: AuditSettings) -> int:
    """Reports besides A and B a corpus needs before its common formula means anything.

    Formula is common when at least ``common`` other reports hold it; a
    formula used by ``boilerplate_share`` of all reports (the audit's mark of
    boilerplate, 30%) reaches that floor only in a corpus of
    ``common / boilerplate_share`` others (10 by default). In a smaller one,
    even the formula every report uses would be labelled particular reuse.
    """
    return math.ceil(settings.common / settings.boilerplate_share)


def small_corpus_note(others: int, settings: AuditSettings) -> str | None:
    """The one-line notice for a corpus too small to split shared phrasing, or None."""
    needed = reports_needed(settings)
    if others >= needed:
        return None
    reports = "report" if others == 1 else "reports"
    return (
        f"the corpus holds {others} {reports} besides A and B; telling common formula (held by "
        f"at least {settings.common} other governments) from reuse particular to this pair "
        f"needs at least {needed}: shared phrasing is not split"
    )


def add_background(result: Comparison, background: Background) -> None:
    """Count, for each shared run, the corpus reports beyond A and B that hold it.

    A corpus too small for the common-formula threshold adds a note instead.
    """
    settings = background.corpus.settings
    own = (result.a.doc.path, result.b.doc.path)
    others = sum(1 for r in background.corpus.records if r.path not in own)
    note = small_corpus_note(others, settings)
    if note is not None:
        result.notes.append(note)
        return
    result.corpus_counts = background.count_others(result.a, result.b, result.shared)
    result.common_floor = settings.common

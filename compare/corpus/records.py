"""Reports reduced to what a corpus audit needs: clauses, sizes, metadata, a sketch.

A corpus audit never compares texts pairwise, and needs no words: each report
is read, outlined and cut into clauses once (in worker processes with
``--jobs``), and only this compact record travels on.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from ..errors import EmptyReport
from ..model import Document
from ..pair.reuse import BodyClauses, bands_of_grams, body_clauses
from ..pair.sketch import (
    BandHashes,
    kgram_crcs,
    kgram_hashes,
    nested_kgram_crcs,
    signatures_of_hashes,
    to_signature,
)
from ..read.chars import is_han
from ..read.load import load_report
from ..read.packed import Packed
from ..settings import AuditSettings
from .clause_index import distinct
from .keytable import KeyHashes, key_hashes

READABLE = (".txt", ".text", ".html", ".htm", ".docx", ".pdf")
Sizes = NDArray[np.int32]
Grams = NDArray[np.uint32]
Sizes64 = NDArray[np.int64]


@dataclass
class ReportRecord:
    """One report of a corpus, ready for the clause index.

    ``clause_hashes``, ``clause_texts`` and ``clause_bands`` travel from the
    reader to the index and are dropped once the clauses are interned; the
    sizes stay, as int32 arrays.
    """

    path: str
    government: str | None
    year: int | None
    title: str | None
    body_chars: int
    clause_hashes: KeyHashes | None  # 128-bit hash of each clause's letters: its identity
    clause_texts: Packed  # the clauses as written (normalised), for the formula lexicon
    clause_chars: Sizes
    clause_sentence: Sizes  # index of the sentence each clause lies in
    sentence_chars: Sizes
    signature: bytes  # MinHash hash values of the body's 4-gram shingles
    clause_bands: BandHashes | None = None  # LSH band hashes of each clause's 3-gram sketch
    level: str | None = None
    parents: tuple[str, ...] = ()
    # A sample of the body's distinct 4-grams (CRC-32, one in ``gram_sample``), sorted:
    # the evidence of which other report is closest (see ``corpus.closest``).
    grams: Grams = field(default_factory=lambda: np.zeros(0, dtype=np.uint32))


def body_sketch(crcs: Grams, settings: AuditSettings) -> tuple[bytes, Grams]:
    """The body's MinHash signature and its gram sample (distinct 4-gram hashes, one in
    ``gram_sample``, sorted), from the CRCs of its 4-grams."""
    counts = np.array([len(crcs)], dtype=np.int64)
    signature = signatures_of_hashes(crcs, counts, settings.num_perm, settings.seed)
    kept = distinct(crcs[crcs % np.uint32(settings.gram_sample) == 0])  # sorted, not hashed
    return to_signature(signature[0]), kept.astype(np.uint32)


def gram_crcs(clauses: BodyClauses, settings: AuditSettings) -> tuple[Grams, Sizes64, Grams]:
    """The CRCs of every clause's 3-grams (and how many each clause has) and of the
    body's 4-grams.

    Every clause is a stretch of the body's letters at least ``min_clause`` long,
    so its 3-grams are the body's 3-grams at its positions: one pass over the body
    hashes both (a 4-gram's CRC continues its first 3 characters'), where hashing
    the clauses apart went over the same characters twice.
    """
    short, long, flat = settings.clause_shingle, settings.document_shingle, clauses.letters
    if settings.min_clause < short or not short < long < len(flat):
        hashes, counts = kgram_hashes(clauses.keys, short)
        return hashes, counts, kgram_crcs(flat, long)
    small, large = nested_kgram_crcs(flat, short, long)
    counts = clauses.chars.astype(np.int64) - short + 1
    first = np.cumsum(counts) - counts
    at = np.repeat(clauses.key_starts - first, counts) + np.arange(int(counts.sum()))
    return small[at], counts, large


def read_record(path: str, settings: AuditSettings) -> ReportRecord:
    """Read one report file into a record (runs in worker processes or on Dask workers).

    Every clause is sketched here, repeated formula included: sketching in
    numpy costs little next to reading, and it spreads over the workers
    instead of waiting in the process that holds the index.
    """
    doc = load_report(path, settings.max_bytes)
    if not any(is_han(ch) for ch in doc.norm.text[doc.body_start : doc.body_end]):
        # a README or an English page beside the reports: no clause could match a report's
        raise EmptyReport(path, "holds no Chinese text: not a work report")
    return record_of(doc, settings)


def record_of(doc: Document, settings: AuditSettings) -> ReportRecord:
    """The record of an already-loaded report."""
    clauses = body_clauses(doc, settings.min_clause)
    clause_grams, clause_counts, body_grams = gram_crcs(clauses, settings)
    signature, grams = body_sketch(body_grams, settings)
    return ReportRecord(
        path=doc.path,
        government=doc.meta.government,
        year=doc.meta.year,
        title=doc.meta.title,
        body_chars=clauses.body_chars,
        clause_hashes=key_hashes(clauses.keys),
        clause_texts=clauses.texts,
        clause_chars=clauses.chars,
        clause_sentence=clauses.sentence,
        sentence_chars=clauses.sentence_chars,
        signature=signature,
        clause_bands=bands_of_grams(clause_grams, clause_counts, settings),
        level=doc.meta.level,
        parents=doc.meta.parents,
        grams=grams,
    )


def is_report_name(name: str) -> bool:
    """Whether an audit of a folder reads a file of this name."""
    return name.lower().endswith(READABLE) and not name.startswith(".")


_OUR_PAGE = b'<meta name="generator" content="reportdiff'


def is_our_page(path: str) -> bool:
    """A page reportdiff wrote (an audit or compare page): never a report to audit."""
    if not path.lower().endswith((".html", ".htm")):
        return False
    try:
        with open(path, "rb") as handle:
            return _OUR_PAGE in handle.read(2048)
    except OSError:
        return False


def find_reports(paths: list[str]) -> Iterator[str]:
    """Files named, and report files under folders named, in a stable order.

    Pages reportdiff wrote are left out of folders (an audit never reads its own
    outputs). Named pipes, devices and sockets under a folder are yielded: reading
    refuses them with one line each, as for any file that cannot be read.
    """
    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    full = os.path.join(folder, name)
                    if is_report_name(name) and not is_our_page(full):
                        yield full
        else:
            yield path

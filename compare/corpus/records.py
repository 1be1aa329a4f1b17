"""Reports reduced to what a corpus audit needs: clauses, sizes, metadata, a sketch.

A corpus audit never compares texts pairwise, and needs no words: each report
is read, outlined and cut into clauses once (in worker processes with
``--jobs``), and only this compact record travels on.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..pair.sketch import sketch_texts, to_signature
from ..read.chars import content_length, letters
from ..read.load import load_report
from ..read.units import CLAUSE_ENDS, SENTENCE_ENDS, split_units
from ..settings import AuditSettings
from .bands import BandHashes, band_hashes
from .keytable import KeyHashes, key_hashes

READABLE = (".txt", ".text", ".html", ".htm", ".docx", ".pdf")
Sizes = NDArray[np.int32]


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
    clause_texts: list[str]  # the clause as written (normalised), for the formula lexicon
    clause_chars: Sizes
    clause_sentence: Sizes  # index of the sentence each clause lies in
    sentence_chars: Sizes
    signature: bytes  # MinHash hash values of the body's 4-gram shingles
    clause_bands: BandHashes | None = None  # LSH band hashes of each clause's 3-gram sketch


def read_record(path: str, settings: AuditSettings) -> ReportRecord:
    """Read one report file into a record (runs in worker processes or on Dask workers).

    Every clause is sketched here, repeated formula included: sketching in
    numpy costs little next to reading, and it spreads over the workers
    instead of waiting in the process that holds the index.
    """
    doc = load_report(path, settings.max_bytes)
    text, start, end = doc.norm.text, doc.body_start, doc.body_end
    sentences = split_units(text, start, end, SENTENCE_ENDS)
    keys, texts, chars, owner = [], [], [], []
    k = 0
    for clause in split_units(text, start, end, CLAUSE_ENDS):
        while k + 1 < len(sentences) and sentences[k].end <= clause.start:
            k += 1
        raw = text[clause.start : clause.end]
        key = letters(raw)
        if len(key) >= settings.min_clause:
            keys.append(key)
            texts.append(raw)
            chars.append(len(key))
            owner.append(k)
    body_sketch = sketch_texts(
        [text[start:end]], settings.document_shingle, settings.num_perm, settings.seed
    )
    clause_sketches = sketch_texts(keys, settings.clause_shingle, settings.num_perm, settings.seed)
    return ReportRecord(
        path=path,
        government=doc.meta.government,
        year=doc.meta.year,
        title=doc.meta.title,
        body_chars=content_length(text[start:end]),
        clause_hashes=key_hashes(keys),
        clause_texts=texts,
        clause_chars=np.array(chars, dtype=np.int32),
        clause_sentence=np.array(owner, dtype=np.int32),
        sentence_chars=np.array(
            [content_length(text[s.start : s.end]) for s in sentences], dtype=np.int32
        ),
        signature=to_signature(body_sketch[0]),
        clause_bands=band_hashes(clause_sketches, settings.threshold, settings.num_perm),
    )


def is_report_name(name: str) -> bool:
    """Whether an audit of a folder reads a file of this name."""
    return name.lower().endswith(READABLE) and not name.startswith(".")


def find_reports(paths: list[str]) -> Iterator[str]:
    """Files named, and report files under folders named, in a stable order.

    Named pipes, devices and sockets under a folder are yielded too: reading
    refuses them with one line each, as for any file that cannot be read.
    """
    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if is_report_name(name):
                        yield os.path.join(folder, name)
        else:
            yield path

"""Reports reduced to what a corpus audit needs: clauses, sizes, metadata, a sketch.

A corpus audit never compares texts pairwise, and needs no words: each report
is read, outlined and cut into clauses once (in worker processes with
``--jobs``), and only this compact record travels on.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from ..pair.sketch import shingles, sketch_all, to_signature
from ..read.chars import content_length, letters
from ..read.load import load_report
from ..read.units import CLAUSE_ENDS, SENTENCE_ENDS, split_units
from ..settings import AuditSettings

READABLE = (".txt", ".text", ".html", ".htm", ".docx", ".pdf")


@dataclass
class ReportRecord:
    """One report of a corpus, ready for the clause index."""

    path: str
    government: str | None
    year: int | None
    title: str | None
    body_chars: int
    clause_keys: list[str]  # letters of each clause: the identity near-duplicates are found by
    clause_texts: list[str]  # the clause as written (normalised), for the formula lexicon
    clause_chars: list[int]
    clause_sentence: list[int]  # index of the sentence each clause lies in
    sentence_chars: list[int]
    signature: bytes  # MinHash hash values of the body's 4-gram shingles


def read_record(path: str, settings: AuditSettings) -> ReportRecord:
    """Read one report file into a record (runs in worker processes)."""
    doc = load_report(path, settings.max_bytes)
    text, start, end = doc.norm.text, doc.body_start, doc.body_end
    sentences = split_units(text, start, end, SENTENCE_ENDS)
    keys, texts, chars, owner = [], [], [], []
    k = 0
    for clause in split_units(text, start, end, CLAUSE_ENDS):
        while k + 1 < len(sentences) and sentences[k].end <= clause.start:
            k += 1
        raw = text[clause.start : clause.end]
        size = content_length(raw)
        if size >= settings.min_clause:
            keys.append(letters(raw))
            texts.append(raw)
            chars.append(size)
            owner.append(k)
    (sketch,) = sketch_all(
        [shingles(text[start:end], settings.document_shingle)], settings.num_perm, settings.seed
    )
    return ReportRecord(
        path=path,
        government=doc.meta.government,
        year=doc.meta.year,
        title=doc.meta.title,
        body_chars=content_length(text[start:end]),
        clause_keys=keys,
        clause_texts=texts,
        clause_chars=chars,
        clause_sentence=owner,
        sentence_chars=[content_length(text[s.start : s.end]) for s in sentences],
        signature=to_signature(sketch),
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

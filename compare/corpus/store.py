"""An audit corpus kept in SQLite, so adding reports does not redo the rest.

Stored per report: its path and fingerprint (a hash of its content: an
unchanged file is not read again), metadata, body size, and as numpy blobs its
sentence sizes, body signature and clauses (distinct-clause id, size,
sentence). Distinct clauses are stored in chunks, rows of at most
``CHUNK_BYTES`` each (SQLite refuses a blob over a billion bytes): their
letters' hashes, their examples as one UTF-8 blob with an
array of ends, and their LSH band hashes as one ``(count, bands)`` uint64
blob. The figures of the last audit are kept too, under a key made of the
settings and every report's fingerprint (``result_cache``). Loading a corpus
is then a few large reads and ``np.frombuffer``, never one row or one LSH
insert per clause, and gives exactly the figures a fresh audit of the same
files gives.

The fingerprint is a hash of the file's content (``run.fingerprint``): an edit
that keeps the size and the modification time is still noticed. A report is
known by its real path (a symlink or another spelling of the path is the same
report) and shown by the path it was first given as.

The file is marked with SQLite's ``application_id``; a database without that
mark is refused before anything is written to it. A run holds the index in an
exclusive transaction from start to end, so a second audit on the same index
waits for it (``LOCK_WAIT`` seconds) or is refused, and never interleaves.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import IndexMismatch, OutputError
from ..read.packed import NO_TEXTS
from ..settings import AuditSettings
from .audit import Corpus
from .clause_index import blocks
from .records import ReportRecord

Fingerprint = str  # what says a file is unchanged: a hash of its content
# 6: reports that lost their line breaks are outlined (their bodies and clauses changed).
SCHEMA_VERSION = "6"
APPLICATION_ID = 0x52504446  # "RPDF": the mark of a reportdiff index in the SQLite header
CHUNK_BYTES = 1 << 28  # a row of clause_chunks holds about this much (SQLite's limit: 1e9)
LOCK_WAIT = 30.0  # seconds a run waits for another audit holding the index

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL, real_path TEXT UNIQUE NOT NULL,
    fingerprint TEXT, government TEXT, year INTEGER, title TEXT, level TEXT,
    parents TEXT NOT NULL, body_chars INTEGER NOT NULL,
    sentence_chars BLOB NOT NULL, signature BLOB NOT NULL, grams BLOB NOT NULL,
    clause_ids BLOB NOT NULL, clause_chars BLOB NOT NULL, clause_sentence BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS clause_chunks (
    first INTEGER PRIMARY KEY, count INTEGER NOT NULL,
    hashes BLOB NOT NULL, examples BLOB NOT NULL, example_ends BLOB NOT NULL,
    bands BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS examples (id INTEGER PRIMARY KEY, example TEXT NOT NULL);
"""


def _blob(values: NDArray[Any]) -> bytes:
    return np.ascontiguousarray(values).tobytes()


class CorpusStore:
    """One SQLite file holding an audit corpus."""

    def __init__(self, path: str, settings: AuditSettings, lock_wait: float = LOCK_WAIT) -> None:
        self.path = path
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise OutputError(path, f"directory {folder} does not exist")
        refuse_foreign(path)
        self.db = _open_locked(path, lock_wait)
        self._check("schema", SCHEMA_VERSION, "was written by another version of reportdiff")
        wanted = json.dumps(settings.index_key(), sort_keys=True)
        self._check("settings", wanted, "was built with other settings")

    def _check(self, key: str, wanted: str, problem: str) -> None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.db.execute("INSERT INTO meta VALUES (?, ?)", (key, wanted))
        elif row[0] != wanted:
            raise IndexMismatch(self.path, f"{problem} ({row[0]}); use a new index file")

    def known(self) -> dict[str, tuple[str, Fingerprint]]:
        """Stored reports by real path: the path they were given as, and their fingerprint."""
        rows = self.db.execute("SELECT real_path, path, fingerprint FROM documents")
        return {real: (path, print_) for real, path, print_ in rows.fetchall()}

    def _stored_clauses(self) -> int:
        """How many distinct clauses the index holds."""
        count: int = self.db.execute(
            "SELECT coalesce(sum(count), 0) FROM clause_chunks"
        ).fetchone()[0]
        return count

    def load(self, corpus: Corpus) -> None:
        """Put every stored report into ``corpus`` (whose index must be empty)."""
        index = corpus.index
        width = index.bands_per_clause
        index.reserve(self._stored_clauses())  # one table for all, not doubled chunk by chunk
        for _first, count, hashes, examples, ends, bands in self.db.execute(
            "SELECT first, count, hashes, examples, example_ends, bands FROM clause_chunks"
            " ORDER BY first"
        ):
            table = np.frombuffer(bands, dtype=np.uint64).reshape(count, width)
            packed = (examples, np.frombuffer(ends, dtype=np.int64))
            keys = np.frombuffer(hashes, dtype=np.uint64).reshape(count, 2)
            index.restore(keys, packed, table)
        for ident, example in self.db.execute("SELECT id, example FROM examples"):
            index.examples[ident] = example
        self.load_records(corpus, hold=True)

    def load_records(self, corpus: Corpus, hold: bool = False) -> None:
        """Put the stored reports into ``corpus``: their records, and with ``hold`` their
        clauses into its index (whose distinct clauses must be loaded already)."""
        index = corpus.index
        rows = self.db.execute(
            "SELECT path, government, year, title, body_chars, sentence_chars, signature,"
            " clause_ids, clause_chars, clause_sentence, level, parents, grams"
            " FROM documents ORDER BY id"
        )
        for row in rows:
            path, government, year, title, body_chars, sentences, signature = row[:7]
            ids, chars, owner, level, parents, grams = row[7:]
            record = ReportRecord(
                path, government, year, title, body_chars,
                clause_hashes=None, clause_texts=NO_TEXTS,
                clause_chars=np.frombuffer(chars, dtype=np.int32),
                clause_sentence=np.frombuffer(owner, dtype=np.int32),
                sentence_chars=np.frombuffer(sentences, dtype=np.int32),
                signature=signature,
                level=level, parents=tuple(json.loads(parents)),
                grams=np.frombuffer(grams, dtype=np.uint32),
            )  # fmt: skip
            corpus.records.append(record)
            if hold:
                index.hold(len(corpus.records) - 1, np.frombuffer(ids, dtype=np.int64))

    def forget(self, real_paths: Iterable[str]) -> None:
        """Drop stored reports by real path (a changed file is read and stored again, a
        deleted one is gone from the figures)."""
        self.db.executemany("DELETE FROM documents WHERE real_path = ?", ((p,) for p in real_paths))

    def save(self, corpus: Corpus, start: int, fingerprints: dict[str, Fingerprint]) -> None:
        """Store the reports ``corpus.records[start:]`` and any clauses new to the store."""
        index = corpus.index
        stored = self._stored_clauses()
        if len(index) > stored:
            self._save_clauses(corpus, stored)
        self._save_examples(corpus, stored)
        for record, ids in zip(corpus.records[start:], corpus.clause_ids[start:], strict=True):
            self.db.execute(
                "INSERT INTO documents (path, real_path, fingerprint, government, year, title,"
                " level, parents, body_chars, sentence_chars, signature, grams, clause_ids,"
                " clause_chars, clause_sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?)",
                (
                    record.path, os.path.realpath(record.path), fingerprints.get(record.path),
                    record.government, record.year, record.title, record.level,
                    json.dumps(list(record.parents), ensure_ascii=False), record.body_chars,
                    _blob(record.sentence_chars), record.signature, _blob(record.grams),
                    _blob(ids.astype(np.int64)), _blob(record.clause_chars.astype(np.int32)),
                    _blob(record.clause_sentence.astype(np.int32)),
                ),
            )  # fmt: skip
        self._commit()

    def _save_clauses(self, corpus: Corpus, stored: int) -> None:
        """Store the clauses from id ``stored`` on, in rows of at most :data:`CHUNK_BYTES`
        (SQLite refuses a blob over a billion bytes: 10,000 reports' band hashes are more)."""
        index = corpus.index
        hashes = index.key_hashes_since(stored)
        sizes = index.examples.sizes_since(stored)
        row_bytes = sizes + 8 * index.bands_per_clause + hashes.itemsize * 2
        for rows in blocks(row_bytes, CHUNK_BYTES):
            first, last = rows.start, rows.stop  # positions after ``stored``
            # a chunk's examples read at a time (all at once: gigabytes at 50,000 reports)
            examples, ends = index.examples.packed_between(stored + first, stored + last)
            self.db.execute(
                "INSERT INTO clause_chunks VALUES (?, ?, ?, ?, ?, ?)",
                (
                    stored + first,
                    last - first,
                    _blob(hashes[rows]),
                    examples,
                    _blob(ends),
                    _blob(index.band_columns.rows_between(stored + first, stored + last)),
                ),
            )

    def _save_examples(self, corpus: Corpus, stored: int) -> None:
        """An example is the least spelling seen: new reports may bring one for old clauses."""
        index = corpus.index
        lowered = sorted(i for i in index.lowered if i < stored)
        self.db.executemany(
            "INSERT OR REPLACE INTO examples VALUES (?, ?)",
            ((i, index.examples[i]) for i in lowered),
        )
        index.lowered.clear()

    def documents(self) -> list[tuple[str, Fingerprint | None]]:
        """Every stored report's path and fingerprint, in the order they entered."""
        return self.db.execute("SELECT path, fingerprint FROM documents ORDER BY id").fetchall()

    def cached_result(self, key: str) -> str | None:
        """The figures stored under ``key`` (see ``result_cache``), if any."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'result'").fetchone()
        if row is None or not row[0].startswith(key + "\n"):
            return None
        return str(row[0][len(key) + 1 :])

    def save_result(self, key: str, text: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('result', ?)", (key + "\n" + text,))
        self._commit()

    def _commit(self) -> None:
        """Commit, and hold the index again until the run closes it."""
        self.db.execute("COMMIT")
        self.db.execute("BEGIN EXCLUSIVE")

    def close(self) -> None:
        """Commit what the run wrote and release the index."""
        if self.db.in_transaction:
            self.db.execute("COMMIT")
        self.db.close()


def stored_settings(path: str) -> dict[str, object]:
    """The settings an index was built with, read without taking its lock or writing."""
    refuse_foreign(path)
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'settings'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise OutputError(path, f"is not a reportdiff index ({exc})") from exc
    finally:
        db.close()
    if row is None:
        raise OutputError(path, "is an empty reportdiff index (no audit has filled it)")
    settings: dict[str, object] = json.loads(row[0])
    return settings


def refuse_foreign(path: str) -> None:
    """Refuse, without writing a byte, a file that exists and is not a reportdiff index.

    The mark is read from the file's header (SQLite keeps ``application_id`` at byte
    68), which needs no lock: an index another audit holds is not mistaken for junk.
    """
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return
    with open(path, "rb") as handle:
        header = handle.read(100)
    if not header.startswith(b"SQLite format 3\x00") or len(header) < 72:
        raise OutputError(path, "is not a reportdiff index (not an SQLite file); left as it is")
    mark = int.from_bytes(header[68:72], "big")
    if mark != APPLICATION_ID:
        if _ours_but_older(path):
            raise IndexMismatch(path, "was written by an older reportdiff; use a new index file")
        raise OutputError(
            path, "is an SQLite database of another program, not a reportdiff index; left as it is"
        )


def _ours_but_older(path: str) -> bool:
    """An index an earlier reportdiff wrote (before indexes carried their mark): it has
    reportdiff's tables."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    except sqlite3.DatabaseError:  # locked by its own program, or damaged
        return False
    finally:
        db.close()
    return {"meta", "documents"} <= {name for (name,) in rows}


def _open_locked(path: str, wait: float) -> sqlite3.Connection:
    """The index with its tables, held in an exclusive transaction (waiting ``wait``
    seconds for another run). The tables come first: ``executescript`` commits."""
    db = sqlite3.connect(path, timeout=wait, isolation_level=None)
    try:
        db.executescript(f"PRAGMA application_id = {APPLICATION_ID};" + SCHEMA)
        db.execute("BEGIN EXCLUSIVE")
    except sqlite3.OperationalError as exc:
        db.close()
        if "locked" in str(exc):
            raise OutputError(
                path, f"is in use by another audit (waited {wait:g} s); run again when it is done"
            ) from exc
        raise OutputError(path, f"is not a reportdiff index ({exc})") from exc
    except sqlite3.DatabaseError as exc:
        db.close()
        raise OutputError(path, f"is not a reportdiff index ({exc})") from exc
    return db

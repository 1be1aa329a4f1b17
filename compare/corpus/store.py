"""An audit corpus kept in SQLite, so adding reports does not redo the rest.

Stored per report: its path, size and modification time (an unchanged file
is not read again), metadata, body size, sentence sizes and body signature;
per distinct clause: its letters, an example and its MinHash signature; per
report clause: which distinct clause it is. Loading rebuilds the in-memory
LSH from the stored signatures, which costs a fraction of reading, outlining
and hashing the reports again, and gives exactly the figures a fresh audit of
the same files gives.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable

from ..errors import IndexMismatch, OutputError
from ..settings import AuditSettings
from .audit import Corpus
from .records import ReportRecord

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, size INTEGER, mtime_ns INTEGER,
    government TEXT, year INTEGER, title TEXT, body_chars INTEGER NOT NULL,
    sentence_chars TEXT NOT NULL, signature BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS texts (
    id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, example TEXT NOT NULL,
    signature BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS clauses (
    doc_id INTEGER NOT NULL, pos INTEGER NOT NULL, text_id INTEGER NOT NULL,
    chars INTEGER NOT NULL, sentence INTEGER NOT NULL, PRIMARY KEY (doc_id, pos));
"""


class CorpusStore:
    """One SQLite file holding an audit corpus."""

    def __init__(self, path: str, settings: AuditSettings) -> None:
        self.path = path
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise OutputError(path, f"directory {folder} does not exist")
        try:
            self.db = sqlite3.connect(path)
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise OutputError(path, f"is not a reportdiff index ({exc})") from exc
        wanted = json.dumps(settings.index_key(), sort_keys=True)
        row = self.db.execute("SELECT value FROM meta WHERE key = 'settings'").fetchone()
        if row is None:
            self.db.execute("INSERT INTO meta VALUES ('settings', ?)", (wanted,))
        elif row[0] != wanted:
            raise IndexMismatch(
                path, f"was built with other settings ({row[0]}); use a new index file"
            )

    def known(self) -> dict[str, tuple[int, int]]:
        """Stored paths with the size and modification time they had."""
        rows = self.db.execute("SELECT path, size, mtime_ns FROM documents")
        return {path: (size, mtime) for path, size, mtime in rows}

    def load(self, corpus: Corpus) -> None:
        """Put every stored report into ``corpus`` (whose index must be empty)."""
        index = corpus.index
        for _ident, key, example, signature in self.db.execute(
            "SELECT id, key, example, signature FROM texts ORDER BY id"
        ):
            index.restore(key, example, signature)
        for row in self.db.execute(
            "SELECT id, path, government, year, title, body_chars, sentence_chars, signature "
            "FROM documents ORDER BY id"
        ):
            doc_id, path, government, year, title, body_chars, sentences, signature = row
            clauses = self.db.execute(
                "SELECT text_id, chars, sentence FROM clauses WHERE doc_id = ? ORDER BY pos",
                (doc_id,),
            ).fetchall()
            record = ReportRecord(
                path, government, year, title, body_chars,
                clause_keys=[], clause_texts=[],
                clause_chars=[c for _, c, _ in clauses],
                clause_sentence=[s for _, _, s in clauses],
                sentence_chars=json.loads(sentences),
                signature=signature,
            )  # fmt: skip
            corpus.records.append(record)
            ids = [t for t, _, _ in clauses]
            corpus.clause_ids.append(ids)
            index.hold(len(corpus.records) - 1, ids)

    def forget(self, paths: Iterable[str]) -> None:
        """Drop stored reports (a changed file is read and stored again)."""
        for path in paths:
            row = self.db.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
            if row:
                self.db.execute("DELETE FROM clauses WHERE doc_id = ?", row)
                self.db.execute("DELETE FROM documents WHERE id = ?", row)

    def save(self, corpus: Corpus, start: int, stats: dict[str, tuple[int, int]]) -> None:
        """Store the reports ``corpus.records[start:]`` and any clauses new to the store."""
        index = corpus.index
        stored = self.db.execute("SELECT count(*) FROM texts").fetchone()[0]
        self.db.executemany(
            "INSERT INTO texts VALUES (?, ?, ?, ?)",
            (
                (i, key, index.examples[i], index.signatures[i])
                for key, i in index.ids.items()
                if i >= stored
            ),
        )
        touched = {i for ids in corpus.clause_ids[start:] for i in ids if i < stored}
        self.db.executemany(  # an example is the least spelling seen: new reports may bring one
            "UPDATE texts SET example = ? WHERE id = ? AND example > ?",
            ((index.examples[i], i, index.examples[i]) for i in sorted(touched)),
        )
        for record, ids in zip(corpus.records[start:], corpus.clause_ids[start:], strict=True):
            size, mtime = stats.get(record.path, (None, None))
            cursor = self.db.execute(
                "INSERT INTO documents (path, size, mtime_ns, government, year, title, body_chars,"
                " sentence_chars, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.path, size, mtime, record.government, record.year, record.title,
                    record.body_chars, json.dumps(record.sentence_chars), record.signature,
                ),
            )  # fmt: skip
            doc_id = cursor.lastrowid
            self.db.executemany(
                "INSERT INTO clauses VALUES (?, ?, ?, ?, ?)",
                (
                    (doc_id, pos, t, c, s)
                    for pos, (t, c, s) in enumerate(
                        zip(ids, record.clause_chars, record.clause_sentence, strict=True)
                    )
                ),
            )
        self.db.commit()

    def close(self) -> None:
        self.db.close()

"""Every clause of a corpus in one MinHash LSH index, and who holds what.

Clauses are interned by their letters first (formula repeats verbatim across
thousands of reports, so most clauses are sketched once), then each distinct
clause is sketched over character 3-grams and inserted into a datasketch
``MinHashLSH``. Near-duplicates are read off the LSH buckets directly (two
clauses are neighbours when any band bucket holds both), which is what
``MinHashLSH.query`` returns, without keeping a sketch per clause in memory.
"""

from __future__ import annotations

from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

from .sketch import CLAUSE_K, from_signature, shingles, sketch_all, to_signature


class ClauseIndex:
    """Distinct clauses, the documents holding each, and their near-duplicates."""

    def __init__(self, threshold: float, num_perm: int, seed: int) -> None:
        self.num_perm, self.seed = num_perm, seed
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.ids: dict[str, int] = {}
        self.examples: list[str] = []
        self.holders: list[set[int]] = []
        self.signatures: list[bytes] = []
        self._documents: list[frozenset[int]] | None = None
        self.near: list[set[int]] = []

    def intern(self, doc_id: int, keys: Iterable[str], texts: Iterable[str]) -> list[int]:
        """Ids of a document's clauses, sketching and indexing the ones never seen."""
        out, fresh = [], []
        for key, text in zip(keys, texts, strict=True):
            ident = self.ids.get(key)
            if ident is None:
                ident = len(self.examples)
                self.ids[key] = ident
                self.examples.append(text)
                self.holders.append(set())
                fresh.append(key)
            elif text < self.examples[ident]:
                self.examples[ident] = text  # the same example whatever order reports come in
            self.holders[ident].add(doc_id)
            out.append(ident)
        if fresh:
            sketches = sketch_all([shingles(k, CLAUSE_K) for k in fresh], self.num_perm, self.seed)
            for key, sketch in zip(fresh, sketches, strict=True):
                self._insert(self.ids[key], sketch)
        self._documents = None
        return out

    def restore(self, key: str, example: str, signature: bytes) -> int:
        """Re-enter a clause from a stored index without sketching it again."""
        ident = len(self.examples)
        self.ids[key] = ident
        self.examples.append(example)
        self.holders.append(set())
        self._insert(ident, from_signature(signature, self.seed))
        return ident

    def hold(self, doc_id: int, idents: Iterable[int]) -> None:
        """Record that a (restored) document holds these clauses."""
        for ident in idents:
            self.holders[ident].add(doc_id)
        self._documents = None

    def _insert(self, ident: int, sketch: MinHash) -> None:
        self.lsh.insert(ident, sketch, check_duplication=False)
        self.signatures.append(to_signature(sketch))

    def _neighbours(self) -> list[set[int]]:
        near: list[set[int]] = [set() for _ in self.examples]
        for table in self.lsh.hashtables:
            for bucket in table.keys():  # noqa: SIM118 - a datasketch storage, not a dict
                members = table.get(bucket)
                if len(members) > 1:
                    for ident in members:
                        near[ident].update(members)
        return near

    def documents(self) -> list[frozenset[int]]:
        """For each distinct clause, the documents holding it or a near-duplicate of it."""
        if self._documents is None:
            near = self.near = self._neighbours()
            out = []
            for ident, holders in enumerate(self.holders):
                docs = set(holders)
                for other in near[ident]:
                    docs |= self.holders[other]
                out.append(frozenset(docs))
            self._documents = out
        return self._documents

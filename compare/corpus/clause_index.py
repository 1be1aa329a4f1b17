"""Every clause of a corpus in one MinHash LSH index, and who holds what.

Clauses are interned by their letters first (formula repeats verbatim across
thousands of reports, so most clauses are sketched once), then each distinct
clause is sketched over character 3-grams and inserted into a datasketch
``MinHashLSH``. Two clauses are near-duplicates when an LSH band bucket holds
both, which is what ``MinHashLSH.query`` returns.

Who holds a clause "or a near-duplicate" is kept per *bucket*, not per
clause: a formula whose figure changes in every report ("社会消费品零售总额增长
7.8%") has as many variants as there are reports, all in the same buckets, and
a set of holders per variant would grow with the square of the corpus. Each
clause keeps the ids of its (at most ``b``) shared buckets; counts are
answered from the bucket sets, exactly only when a threshold is in doubt.
"""

from __future__ import annotations

from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

from ..pair.sketch import from_signature, shingles, sketch_all, to_signature
from ..settings import SketchSettings


class Holders:
    """Which documents hold each distinct clause or a near-duplicate of it."""

    def __init__(
        self, own: list[set[int]], buckets: list[list[int]], bucket_docs: list[frozenset[int]]
    ):
        self.own, self.buckets, self.bucket_docs = own, buckets, bucket_docs

    def __len__(self) -> int:
        return len(self.own)

    def _sets(self, i: int) -> list[frozenset[int] | set[int]]:
        return [self.own[i], *(self.bucket_docs[b] for b in self.buckets[i])]

    def members(self, i: int) -> set[int]:
        """The documents themselves (costs their number: use for rare clauses)."""
        out = set(self.own[i])
        for b in self.buckets[i]:
            out |= self.bucket_docs[b]
        return out

    def at_least(self, i: int, count: int) -> bool:
        """Whether at least ``count`` documents hold clause ``i`` (or a near-duplicate)."""
        sets = self._sets(i)
        if max(len(s) for s in sets) >= count:
            return True
        if sum(len(s) for s in sets) < count:
            return False
        return len(self.members(i)) >= count

    def lower_bound(self, i: int) -> int:
        """At least this many documents hold clause ``i``: cheap, for ranking."""
        return max(len(s) for s in self._sets(i))

    def holds(self, i: int, doc: int) -> bool:
        """Whether ``doc`` holds clause ``i`` or a near-duplicate (on the hot path of pairs)."""
        if doc in self.own[i]:
            return True
        bucket_docs = self.bucket_docs
        return any(doc in bucket_docs[b] for b in self.buckets[i])

    def meets(self, i: int, docs: set[int]) -> bool:
        """Whether any of ``docs`` holds clause ``i`` or a near-duplicate."""
        return any(not s.isdisjoint(docs) for s in self._sets(i))


class ClauseIndex:
    """Distinct clauses, the documents holding each, and their near-duplicates."""

    def __init__(self, settings: SketchSettings) -> None:
        self.num_perm, self.seed = settings.num_perm, settings.seed
        self.shingle = settings.clause_shingle
        self.lsh = MinHashLSH(threshold=settings.threshold, num_perm=settings.num_perm)
        self.ids: dict[str, int] = {}
        self.examples: list[str] = []
        self.holders: list[set[int]] = []
        self.signatures: list[bytes] = []
        self._documents: Holders | None = None

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
            sketches = sketch_all(
                [shingles(k, self.shingle) for k in fresh], self.num_perm, self.seed
            )
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

    def near(self, ident: int) -> set[int]:
        """The clauses sharing an LSH bucket with clause ``ident`` (itself included)."""
        return set(self.lsh.query(from_signature(self.signatures[ident], self.seed))) | {ident}

    def documents(self) -> Holders:
        """For each distinct clause, the documents holding it or a near-duplicate of it."""
        if self._documents is None:
            buckets: list[list[int]] = [[] for _ in self.examples]
            bucket_docs: list[frozenset[int]] = []
            known: dict[frozenset[int], int] = {}  # bands often bucket the same clauses alike
            for table in self.lsh.hashtables:
                for key in table.keys():  # noqa: SIM118 - a datasketch storage, not a dict
                    members = table.get(key)
                    if len(members) < 2:
                        continue
                    docs = frozenset().union(*(self.holders[i] for i in members))
                    bucket = known.setdefault(docs, len(bucket_docs))
                    if bucket == len(bucket_docs):
                        bucket_docs.append(docs)
                    for ident in members:
                        if bucket not in buckets[ident]:
                            buckets[ident].append(bucket)
            self._documents = Holders(self.holders, buckets, bucket_docs)
        return self._documents

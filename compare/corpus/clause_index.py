"""Every distinct clause of a corpus, its near-duplicates, and who holds what, as arrays.

Clauses are interned by their letters (formula repeats verbatim across
thousands of reports, so most clauses are one entry), and each distinct
clause keeps the 64-bit hashes of its MinHash bands (``bands``). Clauses equal
in some band form *groups* (``bands.make_groups``); two clauses are
near-duplicates when they share a group, which is what datasketch's
``MinHashLSH.query`` returns.

Who holds a clause "or a near-duplicate" is answered through *keys*: a
clause is a key (``i``), and so is each group (numbered after the clauses).
A document holds the keys of its clauses and of their groups, and holds
clause ``i`` or a near-duplicate exactly when it holds one of ``i``'s groups,
or ``i`` itself for a clause in no group: those are the keys ``i`` is looked
up by (a document holding ``i`` holds all its groups, so adding ``i``'s own
key to the look-up would add no document, only work). Keys per clause,
keys per document and documents per key are three CSR arrays (start offsets
plus one flat array), so nothing is kept per clause as a Python object, and a
formula whose figure changes in every report (a family with as many variants
as reports) costs the size of its family, not its square.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..read.packed import Packed, byte_spans
from ..settings import SketchSettings
from .bands import (
    BandHashes,
    Groups,
    band_shape,
    found_in,
    gather,
    group_columns,
    id_type,
    run_starts,
    transposed,
)
from .bands import IdArray as IdArray  # clause, key or document ids, as the figures use them
from .columns import BandColumns, PackedTexts
from .keytable import KeyHashes, KeyTable, key_hashes

_EMPTY_IDS: IdArray = np.zeros(0, dtype=np.int64)
# Keys held by at most this many reports per partner asked about are scattered, not searched.
_SCATTER_PER_PARTNER = 8
# A clause with at least (labels / this) holdings is counted by OR-ing its keys' bitsets
# of labels, not by sorting its holdings.
_BITSETS_FROM = 16
_BITSET_BYTES = 1 << 26  # keys' bitsets gathered at once (bounds memory, not results)
_BYTE_BITS = np.array([bin(b).count("1") for b in range(256)], dtype=np.uint8)
HOLDINGS_PER_BLOCK = 4_000_000  # holdings looked at in one go (bounds memory, not results)
_CACHED_DOCUMENTS = 256  # documents whose clause keys are kept ready (pairs come in runs)


def blocks(costs: IdArray, budget: int) -> Iterator[slice]:
    """Consecutive slices of items whose costs sum to about ``budget`` each (at least one
    item each): work on arrays a block at a time, so memory follows the block, not the
    corpus."""
    bounds = np.searchsorted(np.cumsum(costs), np.arange(budget, int(costs.sum()) + budget, budget))
    first = 0
    for last in np.unique(np.minimum(np.append(bounds + 1, len(costs)), len(costs))).tolist():
        if last > first:
            yield slice(first, last)
            first = last


def distinct(values: NDArray[Any]) -> NDArray[Any]:
    """``np.unique(values)`` of a 1-D array, by sorting a copy.

    numpy 2.3 on answers a plain ``np.unique`` from a hash table: measured here ten
    times slower than sorting for millions of distinct values (30 million int64:
    22.6 s against 2.4 s), and the figures of an audit are mostly such calls.
    """
    out = np.sort(values)
    if len(out) < 2:
        return out
    keep = np.empty(len(out), dtype=bool)
    keep[0] = True
    np.not_equal(out[1:], out[:-1], out=keep[1:])
    return out[keep]


def _clauses_among(flat: IdArray, starts: IdArray, among: IdArray) -> tuple[IdArray, IdArray]:
    """The keys of the clauses at positions ``among`` run together, and where each starts
    (as :meth:`Holders.occurrence_keys` gives them for all the clauses)."""
    ends = np.append(starts, len(flat))
    lengths = ends[among + 1] - ends[among]
    return gather(ends, flat, among), (np.cumsum(lengths) - lengths).astype(np.int64)


def _csr(owner: IdArray, item: IdArray, rows: int) -> tuple[IdArray, IdArray]:
    """Items grouped by owner (ascending owner, then item) as start offsets and one array."""
    order = np.lexsort((item, owner))
    start = np.searchsorted(owner[order], np.arange(rows + 1)).astype(np.int64)
    return start, item[order]


class Holders:
    """Which documents hold each distinct clause or a near-duplicate of it.

    Built once per corpus from the clauses of each document and the band
    groups; every query is a look-up in sorted arrays.
    """

    def __init__(self, doc_clauses: Sequence[IdArray], clauses: int, groups: Groups) -> None:
        self.clauses, self.groups, self.n_docs = clauses, groups, len(doc_clauses)
        total_keys = clauses + groups.count
        key_type = id_type(total_keys)  # int32, half the memory, when it fits
        # Keys of each document: its clauses and their groups (numbered after the clauses),
        # one document at a time to keep temporaries small.
        group_start, of_clause = groups.clause_start, groups.of_clause.astype(key_type) + clauses
        doc_keys = [
            distinct(np.concatenate((u, gather(group_start, of_clause, u))))
            for u in (distinct(ids).astype(key_type) for ids in doc_clauses)
        ]
        sizes = np.array([len(k) for k in doc_keys], dtype=np.int64)
        self.doc_key_start = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
        self.doc_keys = (
            np.concatenate(doc_keys).astype(key_type, copy=False) if doc_keys else _EMPTY_IDS
        )
        del doc_keys
        # The keys a clause is looked up by: its groups, or itself when it is in none.
        # A document holding the clause holds all its groups, so its own holders are in
        # each group's: the union over its groups is the union over all its keys.
        in_how_many = np.diff(group_start)
        key_ends = np.cumsum(np.maximum(in_how_many, 1))
        # Offsets int32 while they fit, as the keys (at 50,000 reports 600 MB less).
        entries = int(key_ends[-1]) if len(key_ends) else 0
        self.key_start = np.concatenate(([0], key_ends)).astype(id_type(entries))
        alone = np.flatnonzero(in_how_many == 0)
        keys = np.empty(int(self.key_start[-1]), dtype=key_type)
        keys[self.key_start[alone]] = alone
        in_groups = np.ones(len(keys), dtype=bool)
        in_groups[self.key_start[alone]] = False
        keys[in_groups] = of_clause
        del in_groups, of_clause
        self.keys = keys
        # The documents holding each key: the same pairs ordered by key (then document).
        self.key_docs, self.key_doc_start = self._by_key(total_keys)
        self.key_size = np.diff(self.key_doc_start)
        self._exact: IdArray | None = None  # exact document counts, -1 until counted
        self._lower: IdArray | None = None  # lower_bounds(), once found
        self._occurrences: OrderedDict[int, tuple[IdArray, IdArray]] = OrderedDict()
        self.doc_clauses = doc_clauses

    def _by_key(self, total_keys: int) -> tuple[IdArray, IdArray]:
        """The holders of each key (ascending) and where each key's start: the documents'
        keys transposed (:func:`bands.transposed`, a counting sort)."""
        key_doc_start, key_docs = transposed(self.doc_key_start, self.doc_keys, total_keys)
        return key_docs, key_doc_start

    def __len__(self) -> int:
        return self.clauses

    def clause_keys(self, i: int) -> IdArray:
        return self.keys[self.key_start[i] : self.key_start[i + 1]]

    def key_holders(self, key: int) -> IdArray:
        return self.key_docs[self.key_doc_start[key] : self.key_doc_start[key + 1]]

    def own(self, i: int) -> IdArray:
        """The documents holding clause ``i`` itself (ascending)."""
        return self.key_holders(i)

    def own_count(self, i: int) -> int:
        return int(self.key_size[i])

    def member_array(self, i: int) -> IdArray:
        """The documents holding clause ``i`` or a near-duplicate (ascending)."""
        keys = self.clause_keys(i)
        if len(keys) == 1:
            return self.key_holders(int(keys[0]))
        return distinct(gather(self.key_doc_start, self.key_docs, keys))

    def members(self, i: int) -> set[int]:
        """The documents themselves, as a set."""
        return set(self.member_array(i).tolist())

    def _count(self, i: int) -> int:
        return int(self._exact_counts(np.array([i], dtype=np.int64))[0])

    def _exact_counts(self, clauses: IdArray) -> IdArray:
        """How many documents hold each of ``clauses`` or a near-duplicate (kept once
        counted, int32: the audit asks at several thresholds)."""
        if self._exact is None:
            self._exact = np.full(self.clauses, -1, dtype=np.int32)
        todo = clauses[self._exact[clauses] < 0]
        if len(todo) == 0:
            return self._exact[clauses]
        self._exact[todo] = self.union_sizes(todo)
        return self._exact[clauses]

    def union_sizes(self, clauses: IdArray, label: IdArray | None = None) -> IdArray:
        """For each of ``clauses``, how many distinct labels the documents holding it or a
        near-duplicate have (``label[doc]``: a government, say; default the document).

        A clause of few holdings counts the distinct (clause, label) pairs by sorting,
        a block of holdings at a time. A formula's family, whose keys have thousands of
        holders each, ORs its keys' bitsets of labels instead: its clauses share their
        keys, so each key's bitset is made once for many clauses (at 50,000 reports the
        clauses doubtful at the boilerplate floor had 1.4 billion holdings, marked one
        by one in rows of documents: 23 s).
        """
        out = np.zeros(len(clauses), dtype=np.int64)
        if len(clauses) == 0:
            return out
        width = self.n_docs if label is None else int(label.max()) + 1
        entries = self._entries(clauses)
        heavy = entries * _BITSETS_FROM >= width
        light = np.flatnonzero(~heavy)
        for block in blocks(entries[light], HOLDINGS_PER_BLOCK):
            chosen = light[block]
            owner, labels = self._holdings(clauses[chosen], label)
            out[chosen] = self._sorted_union(owner, labels, len(chosen), width)
        if heavy.any():
            out[heavy] = self._bitset_union(clauses[heavy], label, width)
        return out

    def _entries(self, clauses: IdArray) -> IdArray:
        """The holdings of each clause's keys, summed (a document holding two is counted twice)."""
        lengths = self.key_start[clauses + 1] - self.key_start[clauses]  # every clause has a key
        firsts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        return np.add.reduceat(self.key_size[gather(self.key_start, self.keys, clauses)], firsts)

    def _holdings(self, clauses: IdArray, label: IdArray | None) -> tuple[IdArray, IdArray]:
        """For each holding of a key of each clause: which of ``clauses`` (by position) and
        the holder's label."""
        key_counts = self.key_start[clauses + 1] - self.key_start[clauses]
        keys = gather(self.key_start, self.keys, clauses)
        owner = np.repeat(np.arange(len(clauses), dtype=np.int64), key_counts)
        holders = gather(self.key_doc_start, self.key_docs, keys)
        owner = np.repeat(owner, self.key_size[keys])
        return owner, (holders if label is None else label[holders])

    @staticmethod
    def _sorted_union(owner: IdArray, labels: IdArray, rows: int, width: int) -> IdArray:
        pairs = distinct(owner * width + labels)
        return np.bincount(pairs // width, minlength=rows).astype(np.int64)

    def _bitset_union(self, clauses: IdArray, label: IdArray | None, width: int) -> IdArray:
        """:meth:`union_sizes` as the set bits of the OR of each clause's keys' bitsets."""
        words = -(-width // 64)
        out = np.zeros(len(clauses), dtype=np.int64)
        key_counts = self.key_start[clauses + 1] - self.key_start[clauses]
        # a family's clauses share keys: ordered by first key, a block makes each bitset once
        order = np.argsort(self.keys[self.key_start[clauses]], kind="stable")
        for part in blocks(key_counts[order], max(1, _BITSET_BYTES // (8 * words))):
            chosen = order[part]
            keys = gather(self.key_start, self.keys, clauses[chosen])
            uniq = distinct(keys)
            rows = self._label_bits(uniq, label, words)[np.searchsorted(uniq, keys)]
            counts = key_counts[chosen]
            union = np.bitwise_or.reduceat(rows, np.cumsum(counts) - counts, axis=0)
            out[chosen] = _BYTE_BITS[union.view(np.uint8)].sum(axis=1, dtype=np.int64)
        return out

    def _label_bits(self, keys: IdArray, label: IdArray | None, words: int) -> NDArray[np.uint64]:
        """A row of ``words`` 64-bit words per key, bit ``l`` set when a holder has label ``l``."""
        holders = gather(self.key_doc_start, self.key_docs, keys)
        labels = (holders if label is None else label[holders]).astype(np.int64)
        at = np.repeat(np.arange(len(keys), dtype=np.int64) * words, self.key_size[keys])
        at += labels >> 6
        bits = np.zeros(len(keys) * words, dtype=np.uint64)
        np.bitwise_or.at(bits, at, np.left_shift(np.uint64(1), (labels & 63).astype(np.uint64)))
        return bits.reshape(len(keys), words)

    def at_least(self, i: int, count: int) -> bool:
        """Whether at least ``count`` documents hold clause ``i`` (or a near-duplicate)."""
        sizes = self.key_size[self.clause_keys(i)]
        if sizes.max() >= count:
            return True
        if sizes.sum() < count:
            return False
        return self._count(i) >= count

    def at_least_all(self, count: int) -> NDArray[np.bool_]:
        """:meth:`at_least` for every clause at once (exact counts only where bounds differ)."""
        return self.at_least_each([count])[0]

    def at_least_each(self, counts: Sequence[int]) -> list[NDArray[np.bool_]]:
        """:meth:`at_least_all` for each of ``counts``, the bounds found once for all (two
        passes over every key of every clause, 37 million clauses at 50,000 reports)."""
        if self.clauses == 0:
            return [np.zeros(0, dtype=bool) for _ in counts]
        low, high = self.bounds(self.key_size)
        if self._lower is None:  # the same maxima: kept for the pair proposals and the lexicon
            self._lower = low.astype(np.int32)
        found = []
        for count in counts:
            out = low >= count
            doubtful = np.flatnonzero(~out & (high >= count))
            out[doubtful] = self._exact_counts(doubtful) >= count
            found.append(out)
        return found

    def bounds(self, per_key: IdArray) -> tuple[IdArray, IdArray]:
        """For each clause, the largest and the sum of ``per_key`` over its keys: bounds on
        a count over the union of its keys' holders (reports, governments), exact when
        they agree."""
        values = per_key[self.keys]
        return (
            np.maximum.reduceat(values, self.key_start[:-1]),
            np.add.reduceat(values, self.key_start[:-1]),
        )

    def lower_bound(self, i: int) -> int:
        """At least this many documents hold clause ``i``: cheap, for ranking."""
        return int(self.key_size[self.clause_keys(i)].max())

    def lower_bounds(self) -> IdArray:
        """:meth:`lower_bound` of every clause (int32), found once: the counts, the pair
        proposals and the lexicon all ask (at 50,000 reports 4 to 7 s a pass)."""
        if self.clauses == 0:
            return _EMPTY_IDS
        if self._lower is None:
            maxima = np.maximum.reduceat(self.key_size[self.keys], self.key_start[:-1])
            self._lower = maxima.astype(np.int32)
        return self._lower

    def document_keys(self, doc: int) -> IdArray:
        return self.doc_keys[self.doc_key_start[doc] : self.doc_key_start[doc + 1]]

    def holds(self, i: int, doc: int) -> bool:
        """Whether ``doc`` holds clause ``i`` or a near-duplicate."""
        return bool(found_in(self.clause_keys(i), self.document_keys(doc)).any())

    def meets(self, i: int, docs: Iterable[int]) -> bool:
        """Whether any of ``docs`` holds clause ``i`` or a near-duplicate."""
        return any(self.holds(i, d) for d in docs)

    def occurrence_keys(self, doc: int) -> tuple[IdArray, IdArray]:
        """The keys of each clause of ``doc`` run together, and where each clause's start."""
        cached = self._occurrences.get(doc)
        if cached is None:
            ids = self.doc_clauses[doc]
            lengths = self.key_start[ids + 1] - self.key_start[ids]
            starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
            cached = (gather(self.key_start, self.keys, ids), starts)
            self._occurrences[doc] = cached
            if len(self._occurrences) > _CACHED_DOCUMENTS:
                self._occurrences.popitem(last=False)
        else:
            self._occurrences.move_to_end(doc)
        return cached

    def held_in(self, doc: int, others: Sequence[int]) -> NDArray[np.bool_]:
        """For each clause of ``doc`` (in order), whether any of ``others`` holds it or a
        near-duplicate."""
        flat, starts = self.occurrence_keys(doc)
        if len(flat) == 0:
            return np.zeros(0, dtype=bool)
        if len(others) == 1:
            keys = self.document_keys(others[0])
        else:
            keys = distinct(np.concatenate([self.document_keys(d) for d in others]))
        return np.logical_or.reduceat(found_in(flat, keys), starts)

    def reach(self, doc: int) -> IdArray:
        """For each clause of ``doc`` (in order), how many documents hold its most widely
        held key: how widely the clause is held, at least (formula: thousands)."""
        flat, starts = self.occurrence_keys(doc)
        if len(flat) == 0:
            return np.zeros(0, dtype=np.int64)
        reach: IdArray = np.maximum.reduceat(self.key_size[flat], starts)
        return reach

    def found_by_each(
        self,
        doc: int,
        others: Sequence[int],
        weights: IdArray,
        among: IdArray | None = None,
        scatter_per_partner: float | None = None,
    ) -> IdArray:
        """For each of ``others``, the sum of ``weights`` (one per clause of ``doc``, in
        order) over the clauses of ``doc`` that document holds, or a near-duplicate of;
        only over the clauses at positions ``among`` (ascending) when given.
        ``scatter_per_partner``: see :meth:`_partner_holdings` (the same sums either way).

        Sparse, one pass for all the partners of a document: of a report's thousands
        of keys most are its own, so the (key, partner) holdings are few next to a
        clauses x partners table. A clause with one key (most) adds its weight to
        that key's partners; a clause with several counts once per partner.
        """
        flat, starts = self.occurrence_keys(doc)
        if among is not None:
            flat, starts = _clauses_among(flat, starts, among)
            weights = weights[among]
        found = np.zeros(len(others), dtype=np.int64)
        if len(flat) == 0 or not others:
            return found
        uniq, inverse = np.unique(flat, return_inverse=True)
        key_row, column = self._partner_holdings(uniq, others, scatter_per_partner)
        ends = np.append(starts, len(flat))
        lengths = np.diff(ends)
        single = lengths == 1
        per_key = np.bincount(inverse[starts[single]], weights[single], minlength=len(uniq))
        found += np.rint(np.bincount(column, per_key[key_row], len(others))).astype(np.int64)
        several = np.flatnonzero(~single)
        if len(several):
            # each (clause, key) of those clauses joined with the key's partners, counted once
            by_row = np.argsort(key_row, kind="stable")
            row_start = np.searchsorted(key_row[by_row], np.arange(len(uniq) + 1))
            rows = gather(ends, inverse, several)
            partners_of = row_start[rows + 1] - row_start[rows]
            clause = np.repeat(np.repeat(several, lengths[several]), partners_of)
            held = distinct(clause * len(others) + gather(row_start, column[by_row], rows))
            found += np.bincount(
                held % len(others), weights[held // len(others)], len(others)
            ).astype(np.int64)
        return found

    def _partner_holdings(
        self, keys: IdArray, others: Sequence[int], scatter_per_partner: float | None = None
    ) -> tuple[IdArray, IdArray]:
        """Every (row in ``keys``, column in ``others``) where that partner holds that key.

        The holders of a key held by at most ``scatter_per_partner`` (default
        ``_SCATTER_PER_PARTNER``) reports per partner are scattered into partner columns.
        The rest (formula, whose holders grow with the corpus) are searched: the partners
        among each key's holders, or each partner's keys for all those keys at once,
        whichever loop is shorter (a report and its previous one: two searches).
        """
        partners = np.asarray(others, dtype=self.key_docs.dtype)  # searchsorted casts else
        column = np.full(self.n_docs, -1, dtype=np.int64)
        column[partners] = np.arange(len(partners))
        sizes = self.key_size[keys]
        per_partner = _SCATTER_PER_PARTNER if scatter_per_partner is None else scatter_per_partner
        scatter = sizes <= per_partner * len(partners)
        few = np.flatnonzero(scatter)
        columns = column[gather(self.key_doc_start, self.key_docs, keys[few])]
        rows = np.repeat(few, sizes[few])
        hit = columns >= 0
        found_rows, found_columns = [rows[hit]], [columns[hit]]
        many = np.flatnonzero(~scatter)
        if len(many) > len(partners):
            for place, partner in enumerate(partners.tolist()):
                held = many[found_in(keys[many], self.document_keys(partner))]
                found_rows.append(held)
                found_columns.append(np.full(len(held), place, dtype=np.int64))
            return np.concatenate(found_rows), np.concatenate(found_columns)
        order = np.argsort(partners, kind="stable")
        ordered = partners[order]
        for row in many.tolist():
            held = order[found_in(ordered, self.key_holders(int(keys[row])))]
            found_rows.append(np.full(len(held), row, dtype=np.int64))
            found_columns.append(held)
        return np.concatenate(found_rows), np.concatenate(found_columns)


def _joined(texts: Sequence[Packed]) -> Packed:
    """Several documents' packed texts as one (ends shifted past the texts before)."""
    if len(texts) == 1:
        return texts[0]
    bases = [0, *np.cumsum([len(data) for data, _ in texts])[:-1].tolist()]
    shifted = [ends + base for (_, ends), base in zip(texts, bases, strict=True)]
    return b"".join(data for data, _ in texts), np.concatenate(shifted)


def _taken(data: bytes, ends: IdArray, positions: IdArray) -> Packed:
    """The texts at ``positions`` (ascending) of packed texts, packed: one gather of their
    bytes (interning takes most texts of a batch, the new clauses')."""
    bounds = np.concatenate(([0], ends))
    return byte_spans(data, bounds[positions], bounds[positions + 1])


class ClauseIndex:
    """Distinct clauses, their band hashes, and the clauses of each document."""

    def __init__(self, settings: SketchSettings) -> None:
        self.num_perm, self.seed = settings.num_perm, settings.seed
        self.shingle, self.threshold = settings.clause_shingle, settings.threshold
        self.bands_per_clause = band_shape(settings.threshold, settings.num_perm)[0]
        self.table = KeyTable()  # 128-bit hashes of the distinct clauses' letters -> ids
        self.examples = PackedTexts()
        self.lowered: set[int] = set()  # clauses whose example a later report made lesser
        self.doc_clauses: list[IdArray] = []
        self.band_columns = BandColumns(self.bands_per_clause)
        self._released = False
        self._groups: Groups | None = None
        self._documents: Holders | None = None
        self._tables: list[tuple[NDArray[np.uint64], IdArray]] | None = None

    def __len__(self) -> int:
        return len(self.examples)

    def intern_all(
        self,
        doc_id: int,
        hashes: Sequence[KeyHashes],
        texts: Sequence[Packed],
        bands: Sequence[BandHashes],
    ) -> list[IdArray]:
        """Ids of the clauses of consecutive documents from ``doc_id`` on; clauses never
        seen are added with their band hashes. ``hashes`` are the 128-bit hashes of the
        clauses' letters (``keytable.key_hashes``), ``texts`` each document's clause texts
        packed (:mod:`compare.read.packed`). One pass over all the documents' clauses gives the
        same ids, examples and band rows as one document at a time."""
        if self._released:
            raise ValueError("the lookup table was released: load the index again")
        data, ends = _joined(texts)
        out, fresh = self.table.intern(np.concatenate(hashes) if len(hashes) > 1 else hashes[0])
        is_new = np.zeros(len(out), dtype=bool)
        is_new[fresh] = True
        self.examples.extend_packed(*_taken(data, ends, fresh))
        self._lower_examples(out, np.flatnonzero(~is_new), data, ends)
        if len(fresh):
            table = np.concatenate(bands) if len(bands) > 1 else bands[0]
            self.band_columns.append(table[fresh])
        per_doc = np.split(out, np.cumsum([len(h) for h in hashes])[:-1])
        for k, ids in enumerate(per_doc):
            self.hold(doc_id + k, ids)
        return per_doc

    def _lower_examples(self, ids: IdArray, seen: IdArray, data: bytes, ends: IdArray) -> None:
        """Make each clause's example the least of its texts so far: the same example
        whatever order reports come in.

        ``seen`` are the positions of clauses met before (in the table or earlier in this
        batch); texts are the UTF-8 ``data`` cut at ``ends`` (as bytes they order as their
        code points do, so nothing is decoded). Their texts are grouped by clause and the
        least compared with the stored example once (each look-up reads it): formula
        recurring within a batch makes a fifth fewer look-ups than one per occurrence
        (20,000 realistic reports)."""
        if len(seen) == 0:
            return
        order = seen[np.argsort(ids[seen], kind="stable")]
        grouped = ids[order]
        starts = np.flatnonzero(run_starts(grouped))
        stops = np.append(starts[1:], len(order)).tolist()
        text_end = ends[order].tolist()  # of each seen text, in the grouped order
        text_start = np.where(order > 0, ends[order - 1], 0).tolist()
        groups = zip(grouped[starts].tolist(), starts.tolist(), stops, strict=True)
        for ident, first, stop in groups:
            least = min(data[text_start[k] : text_end[k]] for k in range(first, stop))
            if least < self.examples.raw(ident):
                self.examples.set_raw(ident, least)
                self.lowered.add(ident)

    def restore(self, hashes: KeyHashes, examples: Packed, bands: BandHashes) -> None:
        """Re-enter stored clauses (in id order, each new) without sketching them again;
        ``examples`` packed as UTF-8 with the end of each."""
        self.table.extend(hashes)
        self.examples.extend_packed(*examples)
        self.band_columns.append(bands)
        self._changed()

    def reserve(self, clauses: int) -> None:
        """Make room for ``clauses`` distinct clauses at once (a stored index's count), so
        the key table is not doubled and refilled while they are restored."""
        self.table.reserve(clauses)

    def find(self, key: str) -> int | None:
        """The id of the clause with these letters, if the corpus holds it."""
        ident = int(self.table.find(key_hashes([key]))[0])
        return None if ident < 0 else ident

    def key_hashes_since(self, start: int) -> KeyHashes:
        """The key hashes of the clauses from id ``start`` on, in id order."""
        return self.table.in_id_order(start)

    def release_lookup(self) -> None:
        """Drop the hash -> id table once reading is done: the figures need ids only, and
        an index that must take new reports again is loaded from its store."""
        self.table = KeyTable(2)
        self._released = True

    def hold(self, doc_id: int, idents: IdArray) -> None:
        """Record that document ``doc_id`` (the next one) holds these clauses."""
        if doc_id != len(self.doc_clauses):
            raise ValueError("documents are added in order")
        self.doc_clauses.append(np.asarray(idents, dtype=np.int64))
        self._changed()

    def _changed(self) -> None:
        self._groups, self._documents, self._tables = None, None, None

    def groups(self) -> Groups:
        """The band groups (computed here unless an engine supplied them)."""
        if self._groups is None:
            self._groups = group_columns(self.band_columns)
        return self._groups

    def set_groups(self, groups: Groups) -> None:
        """Band groups computed elsewhere (the Dask engine groups on the cluster)."""
        self._groups, self._documents = groups, None

    def near(self, ident: int) -> set[int]:
        """The clauses sharing a band with clause ``ident`` (itself included): the members
        of its groups, which are its keys numbered after the clauses (the holders are
        built first if they are not yet: the lexicon, the one caller, has them)."""
        docs, groups = self.documents(), self.groups()
        found = {ident}
        for key in docs.clause_keys(ident).tolist():
            if key >= docs.clauses:
                found.update(groups.members_of(key - docs.clauses).tolist())
        return found

    def query(self, bands: NDArray[np.uint64]) -> list[int]:
        """Clauses equal to a new clause in some band (its band hashes given), ascending."""
        if self._tables is None:
            self._tables = []
            for k in range(self.bands_per_clause):
                column = self.band_columns.column(k)
                order = np.argsort(column, kind="stable")
                self._tables.append((column[order], order))
        found: set[int] = set()
        for k, (ordered, order) in enumerate(self._tables):
            lo, hi = np.searchsorted(ordered, bands[k]), np.searchsorted(ordered, bands[k], "right")
            found.update(order[lo:hi].tolist())
        return sorted(found)

    def documents(self) -> Holders:
        """For each distinct clause, the documents holding it or a near-duplicate of it."""
        if self._documents is None:
            groups = self.groups()
            self._documents = Holders(self.doc_clauses, len(self.examples), groups)
            groups.forget_by_clause()  # the holders' keys say the same
        return self._documents

"""Clause identities as 128-bit hashes in a numpy hash table, not a ``dict`` of strings.

A clause is identified by its letters. Holding 30 million distinct letter
strings in a ``dict`` costs about 170 bytes each (string, int and slot), the
largest object of an audit. Here a worker hashes each clause's letters with
BLAKE2b to 128 bits (two uint64), and the index keeps those in an
open-addressing table of three arrays: 48 bytes a clause at half load.
Two different clauses share a 128-bit hash with odds of about ``n**2 / 2**129``
(1e-24 at 30 million clauses): treated as impossible, as git treats its hashes.
Ids are given in order of first appearance, as the ``dict`` gave them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from .bands import run_starts

KeyHashes = NDArray[np.uint64]  # one row (two uint64) per clause
_PAIR = np.dtype((np.void, 16))
_CLAIMED = -2  # a slot claimed for a round holds _CLAIMED minus the claiming position


_BLAKE2B_128 = hashlib.blake2b(digest_size=16)


def key_hashes(keys: Sequence[str]) -> KeyHashes:
    """The 128-bit BLAKE2b hash of each key's UTF-8, as two uint64 columns.

    Each key is hashed by a copy of one fresh 128-bit BLAKE2b state: half the time of
    setting a new one up per key (0.94 -> 0.47 ms for a report's 660 clauses)."""
    digests = []
    for key in keys:
        state = _BLAKE2B_128.copy()
        state.update(key.encode())
        digests.append(state.digest())
    return np.frombuffer(b"".join(digests), dtype="<u8").astype(np.uint64).reshape(len(keys), 2)


class KeyTable:
    """128-bit key hashes to ids, in first-appearance order, by open addressing."""

    def __init__(self, capacity: int = 1 << 16) -> None:
        self._alloc(capacity)
        self.count = 0

    def _alloc(self, capacity: int) -> None:
        self.mask = np.uint64(capacity - 1)
        self.h1 = np.zeros(capacity, dtype=np.uint64)
        self.h2 = np.zeros(capacity, dtype=np.uint64)
        self.ids = np.full(capacity, -1, dtype=np.int64)

    def find(self, hashes: KeyHashes) -> NDArray[np.int64]:
        """The id of each hash, or -1 where it is not in the table."""
        h1, h2 = hashes[:, 0], hashes[:, 1]
        out = np.full(len(hashes), -1, dtype=np.int64)
        todo = np.arange(len(hashes))
        slot = (h1 & self.mask).astype(np.int64)
        while len(todo):
            at = slot[todo]
            ident = self.ids[at]
            hit = (ident >= 0) & (self.h1[at] == h1[todo]) & (self.h2[at] == h2[todo])
            out[todo[hit]] = ident[hit]
            go_on = (ident >= 0) & ~hit
            todo = todo[go_on]
            slot[todo] = (slot[todo] + 1) & int(self.mask)
        return out

    def _place(
        self,
        h1: KeyHashes,
        h2: KeyHashes,
        ids: NDArray[np.int64],
        slot: NDArray[np.int64] | None = None,
    ) -> None:
        """Put keys known to be absent into free slots, probing from ``slot`` on (their
        home slots if not given).

        Round by round, every key left claims the slot it stands at if it is free (its
        position, marked, written there); the key whose mark is read back has it, the
        others move on. Sorting out the conflicts by ``np.unique`` sorted the keys left
        at every round. Which of two keys wins a slot changes only where they lie,
        never an id."""
        slot = (h1 & self.mask).astype(np.int64) if slot is None else slot
        todo = np.arange(len(h1))
        while len(todo):
            at = slot[todo]
            free = np.flatnonzero(self.ids[at] < 0)
            claim, where = todo[free], at[free]
            self.ids[where] = _CLAIMED - claim
            won = self.ids[where] == _CLAIMED - claim
            mine, there = claim[won], where[won]
            self.ids[there], self.h1[there], self.h2[there] = ids[mine], h1[mine], h2[mine]
            waiting = np.ones(len(todo), dtype=bool)
            waiting[free[won]] = False
            todo = todo[waiting]
            slot[todo] = (slot[todo] + 1) & int(self.mask)

    def reserve(self, count: int) -> None:
        """Room for ``count`` keys in all, made once (an empty table is only reallocated)."""
        self._grow(count)

    def _grow(self, needed: int) -> None:
        capacity = len(self.ids)
        while needed * 2 > capacity:
            capacity *= 2
        if capacity == len(self.ids):
            return
        # In slot order the keys are (nearly) in order of their old home slot; grouped
        # by the home bits the larger table adds, they are nearly in order of the new
        # one, which the stable sort in _fill passes over almost linearly.
        used = np.flatnonzero(self.ids >= 0)
        added = (self.h1[used] >> np.uint64(len(self.ids).bit_length() - 1)) & np.uint64(
            capacity // len(self.ids) - 1
        )
        used = used[np.argsort(added.astype(np.uint16), kind="stable")]
        del added
        h1, h2, ids = self.h1[used], self.h2[used], self.ids[used]
        del used  # the old table goes in _alloc: only the keys are held through the fill
        self._alloc(capacity)
        self._fill(h1, h2, ids)

    def _fill(self, h1: KeyHashes, h2: KeyHashes, ids: NDArray[np.int64]) -> None:
        """Put distinct keys into the empty table at once, as linear probing would.

        In order of home slot, a key lands on its home or one past the key before it,
        whichever is later: a running maximum, where placing them round by round
        (``_place``) goes over the keys left at every round. Every slot from a key's
        home to its own is taken, which is all ``find`` needs. Keys pushed past the
        last slot wrap round and are placed from slot 0 on."""
        order = np.argsort(h1 & self.mask, kind="stable")
        slot = (h1[order] & self.mask).astype(np.int64)  # home, then the slot taken
        step = np.arange(len(slot), dtype=np.int64)
        np.subtract(slot, step, out=slot)
        np.maximum.accumulate(slot, out=slot)
        np.add(slot, step, out=slot)
        del step
        inside = slot < len(self.ids)
        at, kept = slot[inside], order[inside]
        self.ids[at], self.h1[at], self.h2[at] = ids[kept], h1[kept], h2[kept]
        over = order[~inside]
        if len(over):
            self._place(h1[over], h2[over], ids[over], np.zeros(len(over), dtype=np.int64))

    def in_id_order(self, start: int = 0) -> KeyHashes:
        """The hashes of ids ``start`` on, in id order."""
        used = np.flatnonzero(self.ids >= start)
        order = used[np.argsort(self.ids[used])]
        return np.column_stack((self.h1[order], self.h2[order]))

    def extend(self, hashes: KeyHashes) -> None:
        """Add keys known to be distinct and absent, ids in their order from ``count`` on:
        a stored index's clauses, which need neither the batch's uniques nor a look-up
        (``intern`` spent most of loading a 10,000-report index's keys on those). Into an
        empty table they are filled at once."""
        if len(hashes) == 0:
            return
        ids = np.arange(self.count, self.count + len(hashes), dtype=np.int64)
        empty = self.count == 0
        self._grow(self.count + len(hashes))
        if empty:
            self._fill(hashes[:, 0], hashes[:, 1], ids)
        else:
            self._place(hashes[:, 0], hashes[:, 1], ids)
        self.count += len(hashes)

    def intern(self, hashes: KeyHashes) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Ids of the hashes, adding the new ones; and the positions that were new
        (the first position of each new key, ascending)."""
        if len(hashes) == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        first, inverse = _first_of_each(hashes)
        ids = self.find(hashes[first])
        new = np.flatnonzero(ids < 0)
        new = new[np.argsort(first[new], kind="stable")]  # ids in order of first appearance
        if len(new):
            self._grow(self.count + len(new))
            ids[new] = np.arange(self.count, self.count + len(new))
            self._place(hashes[first[new], 0], hashes[first[new], 1], ids[new])
            self.count += len(new)
        return ids[inverse], np.sort(first[new])


def _first_of_each(hashes: KeyHashes) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The first position of each distinct hash (ascending by hash) and, for every
    position, which of them it is: ``np.unique`` of the rows, by sorting the first
    words alone (a batch of 28,000 rows: 5.3 ms against 11.9 for the 16-byte rows' own
    sort). Rows that share a first word and differ in the second (odds of 2**-64 a pair)
    take the rows' own sort."""
    order = np.argsort(hashes[:, 0], kind="stable")
    ranked = hashes[order]
    starts = run_starts(ranked[:, 0])
    if not np.array_equal(starts, run_starts(ranked[:, 0], ranked[:, 1])):
        packed = np.ascontiguousarray(hashes).view(_PAIR).ravel()
        _, first, inverse = np.unique(packed, return_index=True, return_inverse=True)
        return first, inverse.reshape(-1)
    inverse = np.empty(len(order), dtype=np.int64)
    inverse[order] = np.cumsum(starts) - 1
    return order[starts], inverse

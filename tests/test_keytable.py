"""The numpy key table interns like a dict: ids in order of first appearance."""

from __future__ import annotations

import hashlib
import random

import numpy as np
import pytest

from compare.corpus.keytable import KeyTable, key_hashes


def test_key_table_gives_the_ids_a_dict_gives() -> None:
    rng = random.Random(1)
    table, reference = KeyTable(16), {}  # tiny on purpose: it must grow many times
    for _ in range(200):
        keys = [f"条款{rng.randint(0, 5000)}" for _ in range(rng.randint(0, 300))]
        ids, new = table.intern(key_hashes(keys))
        expected, expected_new = [], []
        for pos, key in enumerate(keys):
            if key not in reference:
                reference[key] = len(reference)
                expected_new.append(pos)
            expected.append(reference[key])
        assert ids.tolist() == expected
        assert new.tolist() == expected_new
    assert table.count == len(reference)
    probe = ["不在表中", *list(reference)[:50]]
    assert table.find(key_hashes(probe)).tolist() == [-1, *range(50)]
    assert (table.in_id_order(10) == key_hashes(list(reference)[10:])).all()


def test_key_hashes_are_each_keys_blake2b_128() -> None:
    """The stored identity of a clause: its UTF-8's 128-bit BLAKE2b, as two little-endian
    uint64 (an index written by an earlier version must keep finding its clauses)."""
    keys = ["", "各位代表", "GDP增长5.6%", "𠀀𠀁", *(f"条款{k}" for k in range(300))]
    expected = [
        [int.from_bytes(d[:8], "little"), int.from_bytes(d[8:], "little")]
        for d in (hashlib.blake2b(k.encode(), digest_size=16).digest() for k in keys)
    ]
    assert key_hashes(keys).tolist() == expected
    assert key_hashes([]).shape == (0, 2)


def test_key_table_tells_apart_hashes_that_share_their_first_word() -> None:
    """Rows equal in the first word and not the second (odds of 2**-64 a pair) are two
    keys, in the batch and in the table: a table comparing first words only merges them."""
    rows = np.array([[7, 1], [7, 2], [7, 1], [9, 5], [7 + (1 << 20), 3], [7, 2]], dtype=np.uint64)
    table = KeyTable(4)  # 7 and 7 + 2**20 share a home slot in any table this small
    ids, new = table.intern(rows)
    assert ids.tolist() == [0, 1, 0, 2, 3, 1]
    assert new.tolist() == [0, 1, 3, 4]
    again, new = table.intern(rows[[5, 4, 0]])
    assert again.tolist() == [1, 3, 0] and new.tolist() == []
    assert table.find(np.array([[7, 3], [9, 5]], dtype=np.uint64)).tolist() == [-1, 2]


def test_growing_a_crowded_table_keeps_every_key() -> None:
    """Keys that all want the last slots wrap round when the table grows (the fill's
    running maximum runs past the end) and are still found."""
    rng = np.random.default_rng(3)
    high = np.uint64((1 << 16) - 1)
    first = (rng.integers(0, 1 << 40, 300, dtype=np.uint64) << np.uint64(16)) | high
    rows = np.column_stack((first, np.arange(300, dtype=np.uint64)))
    table = KeyTable(2)
    for part in np.array_split(rows, 7):
        table.intern(part)
    assert table.find(rows).tolist() == list(range(300))
    assert (table.in_id_order() == rows).all()


@pytest.mark.parametrize("reserved", [0, 1500])
def test_extend_enters_stored_keys_with_the_ids_intern_gives(reserved: int) -> None:
    """A stored index's clauses come back distinct and in id order: ``extend`` enters them
    without look-ups, into an empty table at once and into a filled one by rounds of claims, and
    the table then answers as if each had been interned; with room reserved for all of them
    first (as loading an index does), the same."""
    rng = np.random.default_rng(8)
    rows = np.unique(rng.integers(0, 1 << 62, size=(2100, 2), dtype=np.uint64), axis=0)[:2000]
    rows = rows[rng.permutation(len(rows))]
    table = KeyTable(2)
    table.reserve(reserved)
    assert len(table.ids) >= 2 * reserved
    table.extend(rows[:700])
    table.extend(rows[700:1500])
    table.extend(rows[:0])
    assert table.count == 1500
    assert table.find(rows).tolist() == [*range(1500), *([-1] * 500)]
    ids, new = table.intern(rows[1200:])
    assert ids.tolist() == list(range(1200, 2000))
    assert new.tolist() == list(range(300, 800))
    assert (table.in_id_order() == rows).all()


def test_extend_wraps_keys_that_all_want_the_last_slots() -> None:
    high = np.uint64((1 << 16) - 1)
    first = (np.arange(1, 301, dtype=np.uint64) << np.uint64(20)) | high
    rows = np.column_stack((first, np.arange(300, dtype=np.uint64)))
    table = KeyTable(2)
    table.extend(rows)
    assert table.find(rows).tolist() == list(range(300))

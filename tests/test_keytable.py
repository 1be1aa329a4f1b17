"""The numpy key table interns like a dict: ids in order of first appearance."""

from __future__ import annotations

import hashlib
import random

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

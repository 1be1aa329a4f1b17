"""The numpy key table interns like a dict: ids in order of first appearance."""

from __future__ import annotations

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

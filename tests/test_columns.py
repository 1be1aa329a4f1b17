"""Band columns and packed texts give back exactly what was appended, however it was cut."""

from __future__ import annotations

import numpy as np

from compare.corpus import columns
from compare.corpus.columns import BandColumns, PackedTexts


def test_band_columns_read_back_what_was_appended_across_buffer_flushes(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(columns, "_BUFFERED_ROWS", 100)  # flush every few blocks
    rng = np.random.default_rng(2)
    blocks = [
        rng.integers(0, 1 << 63, size=(int(n), 4), dtype=np.uint64) for n in rng.integers(0, 70, 30)
    ]
    table = np.concatenate(blocks)
    store = BandColumns(4)
    for i, block in enumerate(blocks):
        store.append(block)
        seen = sum(len(b) for b in blocks[: i + 1])
        assert store.rows == seen
        if i % 7 == 3:  # a read while rows still wait in the buffer
            assert (store.rows_between(0, seen) == table[:seen]).all()
    for band in range(4):
        assert (store.column(band) == table[:, band]).all()
        assert (np.fromfile(store.path(band), dtype=np.uint64) == table[:, band]).all()
    assert (store.rows_between(17, 150) == table[17:150]).all()
    store.close()


def test_packed_texts_keep_every_text_of_any_width() -> None:
    texts = ["", "a", "中文", "在市委、市政府和区委的坚强领导下", "\U0001f600x", "é", ""]
    packed = PackedTexts()
    packed.extend(texts[:3])
    packed.append(texts[3])
    packed.extend(texts[4:])
    packed.extend([])
    assert len(packed) == len(texts)
    assert [packed[i] for i in range(len(texts))] == texts
    data, ends = packed.packed_since(2)
    again = PackedTexts()
    again.extend_packed(data, ends)
    assert again.since(0) == texts[2:]

"""Band columns and packed texts give back exactly what was appended, however it was cut."""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


_TEXT = st.text(alphabet=st.sampled_from("在市委、政府和区坚强领导下a1%é\U0001f600"), max_size=12)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("extend"), st.lists(_TEXT, max_size=6)),
            st.tuples(st.just("replace"), st.integers(0, 200), _TEXT),
            st.tuples(st.just("pack"), st.integers(0, 200), st.integers(0, 200)),
        ),
        max_size=25,
    ),
    st.integers(1, 60),
)
def test_packed_texts_on_file_answer_as_a_list_does(ops: list[tuple], flush: int) -> None:  # type: ignore[type-arg]
    """Appends cut by writes to the file at any point, replacements, reads from the
    file and from the buffer, and packing from any item: always the list's answer."""
    old = columns._FLUSH_BYTES, columns._READ_AT_ONCE
    columns._FLUSH_BYTES = flush  # a write every few texts: reads from the file and the buffer
    columns._READ_AT_ONCE = 5  # a long read in several calls
    try:
        packed, model = PackedTexts(), []
        for op in ops:
            if op[0] == "extend":
                packed.extend(op[1])
                model += op[1]
            elif op[0] == "replace" and model:
                packed[op[1] % len(model)] = op[2]
                model[op[1] % len(model)] = op[2]
            elif op[0] == "pack" and model:
                start = op[1] % len(model)
                stop = start + op[2] % (len(model) - start + 1)
                data, ends = packed.packed_since(start)
                again = PackedTexts()
                again.extend_packed(data, ends)
                assert again.since(0) == model[start:]
                data, ends = packed.packed_between(start, stop)
                assert data == "".join(model[start:stop]).encode()
                assert (
                    ends.tolist()
                    == np.cumsum([len(t.encode()) for t in model[start:stop]]).tolist()
                )
                assert packed.sizes_since(start).tolist() == [
                    len(t.encode()) for t in model[start:]
                ]
            # newest first: the texts still buffered are read before any read from the file
            assert [packed[i] for i in reversed(range(len(model)))] == model[::-1]
    finally:
        columns._FLUSH_BYTES, columns._READ_AT_ONCE = old


_FORMULA = "在市委、市政府和区委的坚强领导下"


def _written_to_file() -> PackedTexts:
    """50,000 texts: well past a write to the file."""
    packed = PackedTexts()
    packed.extend([_FORMULA] * 50_000)
    return packed


def test_packed_texts_file_is_removed_with_them() -> None:
    packed = _written_to_file()
    path = packed._path
    assert os.path.getsize(path) > 0 and packed[49_999] == _FORMULA
    assert any(p.startswith(path) for p in _open_files())
    del packed
    assert not os.path.exists(os.path.dirname(path))
    assert not any(p.startswith(path) for p in _open_files())  # its descriptor closed too


def _open_files() -> list[str]:
    """What this process's descriptors point to (Linux's /proc)."""
    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("no /proc/self/fd")
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            found.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:  # the listing's own descriptor, closed by now
            continue
    return found


def test_packed_texts_survive_a_forked_child_leaving() -> None:
    """A forked child that drops its copy of the texts closes its descriptor only: the
    parent's file and folder stay (the figures fork children that never touch them)."""
    if not hasattr(os, "fork"):
        pytest.skip("no fork")
    packed = _written_to_file()
    pid = os.fork()
    if pid == 0:  # the child: run the clean-up as its exit would, then leave at once
        packed._cleanup()
        os._exit(0)
    os.waitpid(pid, 0)
    assert os.path.exists(packed._path)
    assert packed[0] == packed[49_999] == _FORMULA


def test_packed_texts_keep_their_place_when_a_write_fails(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A write that fails part-way counts what it wrote and keeps the rest buffered."""
    packed = PackedTexts()
    packed.extend(["在市委"] * 10)
    calls = []

    def half_then_fail(fd: int, data: memoryview, offset: int) -> int:
        calls.append(offset)
        if len(calls) > 1:
            raise OSError("disk full")
        return os.pwrite(fd, data[: len(data) // 2], offset)

    monkeypatch.setattr(columns, "_write_at", half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        packed._flush()
    monkeypatch.undo()
    assert packed._written == 45 and len(packed._buffer) == 45
    assert [packed[i] for i in range(10)] == ["在市委"] * 10

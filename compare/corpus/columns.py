"""Large per-clause columns kept out of Python objects: band hashes on disk, examples packed.

At 50,000 reports a corpus has some 30 million distinct clauses. Their band
hashes (25 x 8 bytes each) are only read twice, once per band when grouping
and once more when storing, so they are appended to one file per band in a
temporary folder and read back a band at a time (memory holds one column,
never the table). Appends are buffered: a report adds some 800 rows, and 25
file writes per report were a sixth of the interning process's time.
Examples, one short text per clause, are packed as UTF-8 (a third of a
``list[str]``) and appended to a temporary file too, with their offsets in
memory: after interning they are read only for the lexicon's formula clauses
and when an index is stored.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from array import array
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from ..read.packed import Packed, pack_texts
from .bands import BandHashes

_WORD = np.dtype(np.uint64).itemsize


_BUFFERED_ROWS = 1 << 15  # rows held before a write to the files (6.5 MB at 25 bands)


class BandColumns:
    """Band hashes of every distinct clause, one append-only file per band."""

    def __init__(self, bands: int) -> None:
        self.bands = bands
        self.rows = 0  # rows appended, written or still buffered
        folder = tempfile.mkdtemp(prefix="reportdiff-bands-")
        # Removed when the index is dropped (or at exit), without a ResourceWarning.
        self._cleanup = weakref.finalize(self, _remove_folder, folder, os.getpid())
        self._paths = [os.path.join(folder, f"band{k:03d}") for k in range(bands)]
        for path in self._paths:
            open(path, "wb").close()
        self._buffer: list[BandHashes] = []
        self._buffered = 0

    def append(self, block: BandHashes) -> None:
        """Add rows (one per clause, in id order)."""
        if len(block) == 0:
            return
        self._buffer.append(block)
        self._buffered += len(block)
        self.rows += len(block)
        if self._buffered >= _BUFFERED_ROWS:
            self._flush()

    def _flush(self) -> None:
        """Write the buffered rows to the band files (every read starts here)."""
        if not self._buffer:
            return
        table = np.concatenate(self._buffer) if len(self._buffer) > 1 else self._buffer[0]
        for k, path in enumerate(self._paths):
            with open(path, "ab") as out:
                np.ascontiguousarray(table[:, k], dtype=np.uint64).tofile(out)
        self._buffer, self._buffered = [], 0

    def path(self, band: int) -> str:
        """The file of one band (a worker process reads it there: nothing is pickled)."""
        self._flush()
        return self._paths[band]

    def column(self, band: int, start: int = 0, stop: int | None = None) -> NDArray[np.uint64]:
        """One band's hashes for clauses ``start`` to ``stop``."""
        self._flush()
        stop = self.rows if stop is None else stop
        return np.fromfile(
            self._paths[band], dtype=np.uint64, count=stop - start, offset=start * _WORD
        )

    def rows_between(self, start: int, stop: int) -> BandHashes:
        """Rows ``start`` to ``stop`` as a ``(count, bands)`` table."""
        if stop <= start:
            return np.zeros((0, self.bands), dtype=np.uint64)
        return np.column_stack([self.column(k, start, stop) for k in range(self.bands)])

    def close(self) -> None:
        self._cleanup()


_FLUSH_BYTES = 1 << 20  # texts held before a write to their file
_READ_AT_ONCE = 1 << 30


class PackedTexts:
    """A growing list of short texts, as UTF-8 in an append-only temporary file with
    the end of each in memory; items can be replaced.

    At 50,000 reports the examples are 1.8 GB of UTF-8: held in a ``bytearray``
    they were a sixth of the audit's peak memory from interning on, and the
    figures read a few thousand of them. Reads are positional reads, not a
    mapping, so the pages read stay the kernel's cache, not the process's memory
    (where the temporary folder is on disk: a RAM-backed ``/tmp`` keeps them in
    memory, outside the process). A text is written whole with the ones
    buffered beside it: each is either in the file or in the buffer.
    """

    def __init__(self) -> None:
        folder = tempfile.mkdtemp(prefix="reportdiff-texts-")
        self._path = os.path.join(folder, "texts")
        flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        self._fd = os.open(self._path, flags, 0o600)
        # Closed and removed when the texts are dropped (or at exit).
        self._cleanup = weakref.finalize(self, _discard, self._fd, folder, os.getpid())
        self._buffer = bytearray()  # texts appended since the last write
        self._written = 0  # bytes in the file
        self._ends = array("q")
        self._replaced: dict[int, bytes] = {}  # texts replaced since, as UTF-8

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> str:
        return self.raw(i).decode()

    def raw(self, i: int) -> bytes:
        """Text ``i`` as UTF-8 (compared as bytes, texts order as their code points do)."""
        text = self._replaced.get(i)
        if text is not None:
            return text
        return self._bytes(self._ends[i - 1] if i else 0, self._ends[i])

    def _bytes(self, start: int, end: int) -> bytes:
        """Bytes ``start`` to ``end`` of the texts: whole texts, from the file or the buffer."""
        if start >= self._written:
            return bytes(self._buffer[start - self._written : end - self._written])
        if end > self._written:  # a range reaching into the buffer (storing): all from the file
            self._flush()
        parts = []
        while start < end:  # a gigabyte a call (Linux reads at most 2 GB in one)
            part = _read_at(self._fd, min(end - start, _READ_AT_ONCE), start)
            if not part:
                raise OSError(f"{self._path}: ended before byte {end}")
            parts.append(part)
            start += len(part)
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def _flush(self) -> None:
        """Write the buffered texts at the end of the file (a write may take part of them;
        if one fails, what was written is counted and the rest stays buffered)."""
        done = 0
        try:
            with memoryview(self._buffer) as whole:
                while done < len(whole):
                    done += _write_at(self._fd, whole[done:], self._written + done)
        finally:
            self._written += done
            self._buffer = self._buffer[done:]  # a copy: a failed write's view may still hold it

    def __setitem__(self, i: int, text: str) -> None:
        self.set_raw(i, text.encode())

    def set_raw(self, i: int, data: bytes) -> None:
        """Replace text ``i`` by these UTF-8 bytes."""
        if not 0 <= i < len(self._ends):
            raise IndexError(i)
        self._replaced[i] = data

    def append(self, text: str) -> None:
        data = text.encode()
        self.extend_packed(data, np.array([len(data)], dtype=np.int64))

    def extend(self, texts: Sequence[str]) -> None:
        """Append texts (packed by :func:`~compare.read.packed.pack_texts`)."""
        if texts:
            self.extend_packed(*pack_texts(texts))

    def since(self, start: int) -> list[str]:
        """The texts from ``start`` on."""
        return [self[i] for i in range(start, len(self))]

    def packed_since(self, start: int) -> Packed:
        """The texts from ``start`` on as UTF-8 and the end of each (for storing)."""
        return self.packed_between(start, len(self))

    def packed_between(self, start: int, stop: int) -> Packed:
        """Texts ``start`` to ``stop`` as UTF-8 and the end of each: one read of the file,
        the replaced texts spliced in."""
        ends = self._ends_between(start, stop)
        base = self._ends[start - 1] if start else 0
        data = self._bytes(base, int(ends[-1])) if len(ends) else b""
        ends -= base
        replaced = sorted(i for i in self._replaced if start <= i < stop)
        if not replaced:
            return data, ends
        lengths = np.diff(ends, prepend=0)
        pieces, done = [], 0
        for i in replaced:
            k = i - start
            text = self._replaced[i]
            pieces += [data[done : ends[k] - lengths[k]], text]
            lengths[k], done = len(text), int(ends[k])
        pieces.append(data[done:])
        return b"".join(pieces), np.cumsum(lengths)

    def sizes_since(self, start: int) -> NDArray[np.int64]:
        """The UTF-8 size of each text from ``start`` on, replaced ones as replaced (what
        :meth:`packed_between` gives, without reading the texts)."""
        ends = self._ends_between(start, len(self))
        sizes = np.diff(ends, prepend=self._ends[start - 1] if start else 0)
        for i, text in self._replaced.items():
            if i >= start:
                sizes[i - start] = len(text)
        return sizes

    def _ends_between(self, start: int, stop: int) -> NDArray[np.int64]:
        """A copy (a view would hold the array and stop it growing)."""
        ends: NDArray[np.int64] = np.frombuffer(self._ends, dtype=np.int64)[start:stop].copy()
        return ends

    def extend_packed(self, data: bytes, ends: NDArray[np.int64]) -> None:
        """Append texts given as UTF-8 and the end of each (as ``packed_since`` gives)."""
        base = self._written + len(self._buffer)
        self._buffer += data
        self._ends.frombytes((np.asarray(ends, dtype=np.int64) + base).tobytes())
        if len(self._buffer) >= _FLUSH_BYTES:
            self._flush()


def _discard(fd: int, folder: str, owner: int) -> None:
    os.close(fd)
    _remove_folder(folder, owner)


def _remove_folder(folder: str, owner: int) -> None:
    """Remove a temporary folder, in the process that made it only: a forked child that
    leaves normally must not take the files its parent still works on."""
    if os.getpid() == owner:
        shutil.rmtree(folder, ignore_errors=True)


def _read_at(fd: int, size: int, offset: int) -> bytes:
    """Up to ``size`` bytes at ``offset``, without moving a position forked processes share."""
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # Windows: no pread, and no fork either
    return os.read(fd, size)


def _write_at(fd: int, data: memoryview, offset: int) -> int:
    """Write some of ``data`` at ``offset``; how many bytes were written."""
    if hasattr(os, "pwrite"):
        return os.pwrite(fd, data, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.write(fd, data)

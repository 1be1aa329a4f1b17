"""MinHash sketches over character shingles of normalised text, in numpy.

Shingling was chosen by measurement on the samples (see README, "Shingles"):
character 4-grams for sections and documents, where they put unrelated
reports near 0.04 and leave copied text clearly above; character 3-grams for
clauses, which average ten characters and need short shingles so one changed
figure does not erase the match. Punctuation and spaces are dropped before
shingling: they differ between copies of the same words.

Shingles are hashed with CRC-32 rather than datasketch's default SHA-1: the
permutations already randomise the values, CRC-32 is stable across runs and
machines (unlike Python's ``hash``). The signatures are datasketch's
``MinHash`` (2.x, ``affine32`` scheme: values pre-mixed with the MurmurHash3
finaliser, then ``a * h + b`` modulo 2**32) bit for bit, computed here for
many shingle sets at once: CRC-32 of every k-gram of a text in a few vector
steps, and per permutation the minimum per set by ``np.minimum.reduceat``. A test holds the
equality with datasketch.
"""

from __future__ import annotations

import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from ..read.chars import code_points, letters, utf8_widths

# datasketch 2's 32-bit permutation scheme, named so stored signatures stay readable.
SCHEME = "affine32"
SIGNATURE_DTYPE = np.uint32
EMPTY = np.uint32(0xFFFFFFFF)  # an empty set's hash value (datasketch's "max hash")
Signatures = NDArray[np.uint32]  # one row of ``num_perm`` hash values per shingle set
BandHashes = NDArray[np.uint64]  # one row of ``b`` LSH band hashes per signature
_M1 = np.uint64(0xFF51AFD7ED558CCD)
_M2 = np.uint64(0xC4CEB9FE1A85EC53)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def shingles(text: str, k: int) -> set[bytes]:
    """Character ``k``-grams of the letters of ``text`` (the whole text if shorter)."""
    core = letters(text)
    if len(core) <= k:
        return {core.encode()} if core else set()
    return {core[i : i + k].encode() for i in range(len(core) - k + 1)}


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> tuple[NDArray[np.uint32], NDArray[np.uint32]]:
    """The ``(a, b)`` of datasketch's affine32 permutations for this seed."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(h: NDArray[np.uint32]) -> NDArray[np.uint32]:
    """MurmurHash3's finaliser, the pre-mix datasketch applies before permuting."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    out: NDArray[np.uint32] = h ^ (h >> np.uint32(16))
    return out


@lru_cache(maxsize=1)
def _crc_table() -> NDArray[np.uint32]:
    table = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        table = np.where(table & 1, (table >> 1) ^ np.uint32(0xEDB88320), table >> 1)
    return table.astype(np.uint32)


def _utf8_bytes(codes: NDArray[np.uint32]) -> tuple[NDArray[np.uint32], NDArray[np.int64]]:
    """The UTF-8 bytes of each code point, as four columns, and how many each has."""
    size = utf8_widths(codes)
    out = np.zeros((len(codes), 4), dtype=np.uint32)
    lead = np.array([0, 0, 0xC0, 0xE0, 0xF0], dtype=np.uint32)[size]
    for col in range(4):
        shift = (size - 1 - col) * 6  # the lead byte carries the highest bits
        valid = col < size
        bits = codes >> np.where(valid, shift, 0).astype(np.uint32)
        value = np.where(col == 0, lead | bits, 0x80 | (bits & 0x3F))
        out[:, col] = np.where(valid, value, 0)
    return out, size


def _crc_steps(
    codes: NDArray[np.uint32], starts: NDArray[np.int64], widths: NDArray[np.int64]
) -> Iterator[NDArray[np.uint32]]:
    """The running CRC-32 of each window ``codes[s : s + w]`` after each character
    step (not yet finalised); a window shorter than the step keeps its last value."""
    data, size = _utf8_bytes(codes)
    table = _crc_table()
    crc = np.full(len(starts), 0xFFFFFFFF, dtype=np.uint32)
    if len(starts) == 0:
        return
    padded_size = np.concatenate((size, np.zeros(int(widths.max()), dtype=np.int64)))
    padded_data = np.concatenate((data, np.zeros((int(widths.max()), 4), dtype=np.uint32)))
    for t in range(int(widths.max())):
        at = starts + t
        char_live = widths > t
        chars_size = padded_size[at]
        for col in range(4):
            live = char_live & (chars_size > col)
            if not live.any():
                break
            step = table[(crc ^ padded_data[at, col]) & 0xFF] ^ (crc >> np.uint32(8))
            crc = np.where(live, step, crc)
        yield crc


def _window_crcs(
    codes: NDArray[np.uint32], starts: NDArray[np.int64], widths: NDArray[np.int64]
) -> NDArray[np.uint32]:
    """``zlib.crc32`` of the UTF-8 of ``codes[s : s + w]`` for each window, in vector steps."""
    last = deque(_crc_steps(codes, starts, widths), maxlen=1)
    crc = last[0] if last else np.full(len(starts), 0xFFFFFFFF, dtype=np.uint32)
    out: NDArray[np.uint32] = crc ^ np.uint32(0xFFFFFFFF)
    return out


def nested_kgram_crcs(
    core: str, short: int, long: int
) -> tuple[NDArray[np.uint32], NDArray[np.uint32]]:
    """:func:`kgram_crcs` of ``core`` for ``short`` and for ``long`` (> short), in one pass:
    a long gram's CRC continues the CRC of the short gram it starts with.

    A report's clause 3-grams lie inside its body's letters, so with this one pass
    gives every clause's 3-grams (gathered by position) and the body's 4-grams.
    ``core`` must be longer than ``long``.
    """
    if not short < long < len(core):
        raise ValueError("nested_kgram_crcs needs short < long < len(core)")
    codes = code_points(core)
    starts = np.arange(len(core) - short + 1, dtype=np.int64)
    widths = np.full(len(starts), long, dtype=np.int64)  # the last long grams run past: cut
    found = {}
    for step, crc in enumerate(_crc_steps(codes, starts, widths), start=1):
        if step in (short, long):
            found[step] = crc ^ np.uint32(0xFFFFFFFF)
    return found[short], found[long][: len(core) - long + 1]


def kgram_hashes(cores: Sequence[str], k: int) -> tuple[NDArray[np.uint32], NDArray[np.int64]]:
    """CRC-32 of every ``k``-gram of each text (of the text itself if shorter), and counts.

    The texts are run together and every window is hashed in one pass, so a
    thousand clauses cost about what one report does.
    """
    lengths = np.array([len(c) for c in cores], dtype=np.int64)
    counts = np.where(lengths > k, lengths - k + 1, np.minimum(lengths, 1))
    if not counts.any():
        return np.zeros(0, dtype=np.uint32), counts
    codes = np.frombuffer("".join(cores).encode("utf-32-le"), dtype=np.uint32)
    text_starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    owner = np.repeat(np.arange(len(cores)), counts)
    first = np.concatenate(([0], np.cumsum(counts)[:-1]))
    offset = np.arange(int(counts.sum()), dtype=np.int64) - first[owner]
    starts = text_starts[owner] + offset
    widths = np.minimum(lengths[owner], k)
    return _window_crcs(codes, starts, widths), counts


def kgram_crcs(core: str, k: int) -> NDArray[np.uint32]:
    """``zlib.crc32`` of the UTF-8 of every ``k``-gram of ``core`` (of ``core`` if shorter)."""
    return kgram_hashes([core], k)[0]


_PERM_BLOCK = 16  # permutations applied together: 16 x 25,000 shingles, 1.6 MB
# Beyond _BLOCK_FROM shingles (an 8 MB table a step), they are permuted _SHINGLE_BLOCK at a
# time (2 MB): 600,000 shingles 28 -> 12 ms; below it one pass is as fast or faster.
_BLOCK_FROM = 1 << 17
_SHINGLE_BLOCK = 1 << 15


def signatures_of_hashes(
    hashes: NDArray[np.uint32], counts: NDArray[np.int64], num_perm: int, seed: int
) -> Signatures:
    """MinHash signatures of consecutive sets of shingle hashes (``counts`` per set).

    Equal to datasketch's ``MinHash.bulk(..., hashfunc=zlib.crc32, scheme="affine32")``
    hash values; an empty set gets datasketch's empty value in every position.
    """
    a, b = permutations(num_perm, seed)
    out = np.full((num_perm, len(counts)), EMPTY, dtype=np.uint32)
    filled = np.flatnonzero(counts)
    if len(filled) == 0:
        return np.ascontiguousarray(out.T)
    mixed = _fmix32(hashes.astype(np.uint32))
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))[filled]
    target = out if len(filled) == len(counts) else np.full((num_perm, len(filled)), EMPTY)
    if len(mixed) <= _BLOCK_FROM:
        _permuted_minima(mixed, starts, a, b, target)
    else:
        # A run of shingles at a time, so the (block, shingles) table stays in the cache:
        # over two 300,000-character reports it was 38 MB a step, and the steps ran at
        # the speed of memory (10 times the shingles took 23 times as long). Each run's
        # minima fold into the sets it overlaps: at most as many as its shingles.
        scratch = np.empty((num_perm, min(len(filled), _SHINGLE_BLOCK)), dtype=np.uint32)
        for lo in range(0, len(mixed), _SHINGLE_BLOCK):
            hi = min(lo + _SHINGLE_BLOCK, len(mixed))
            first = int(np.searchsorted(starts, lo, "right")) - 1  # the set holding shingle lo
            last = int(np.searchsorted(starts, hi, "left"))  # sets starting before hi
            local = starts[first:last] - lo
            local[0] = 0
            part = scratch[:, : last - first]
            _permuted_minima(mixed[lo:hi], local, a, b, part)
            np.minimum(target[:, first:last], part, out=target[:, first:last])
    if target is not out:
        out[:, filled] = target
    return np.ascontiguousarray(out.T)


def _permuted_minima(
    mixed: NDArray[np.uint32],
    starts: NDArray[np.int64],
    a: NDArray[np.uint32],
    b: NDArray[np.uint32],
    out: NDArray[np.uint32],
) -> None:
    """``out[p, s]``: the least ``a[p] * x + b[p]`` (mod 2**32) over the shingles ``x`` of set
    ``s`` (sets are runs of ``mixed`` from each of ``starts``, none empty).

    A block of permutations at a time over every shingle: a (block, shingles) table per
    step, a sixth of the calls of one permutation at a time (a report's body sketch 2.0
    -> 1.2 ms, its clauses' 4.1 -> 3.4 ms)."""
    num_perm = len(a)
    permuted = np.empty((min(_PERM_BLOCK, num_perm), len(mixed)), dtype=np.uint32)
    for p in range(0, num_perm, _PERM_BLOCK):
        rows = permuted[: min(_PERM_BLOCK, num_perm - p)]
        np.multiply(a[p : p + len(rows), None], mixed, out=rows)
        np.add(rows, b[p : p + len(rows), None], out=rows)
        np.minimum.reduceat(rows, starts, axis=1, out=out[p : p + len(rows)])


def sketch_texts(texts: Sequence[str], k: int, num_perm: int, seed: int) -> Signatures:
    """Signatures of the ``k``-gram shingles of each text's letters, all at once."""
    hashes, counts = kgram_hashes([letters(t) for t in texts], k)
    return signatures_of_hashes(hashes, counts, num_perm, seed)


def sketch_all(shingle_sets: Sequence[Iterable[bytes]], num_perm: int, seed: int) -> Signatures:
    """One signature per shingle set (bytes shingles, as :func:`shingles` makes)."""
    parts = [np.array([zlib.crc32(s) for s in group], dtype=np.uint32) for group in shingle_sets]
    counts = np.array([len(p) for p in parts], dtype=np.int64)
    hashes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint32)
    return signatures_of_hashes(hashes, counts, num_perm, seed)


def to_signature(values: NDArray[np.uint32]) -> bytes:
    """The hash values of a sketch as bytes, for storing and for later comparison."""
    return np.ascontiguousarray(values, dtype=SIGNATURE_DTYPE).tobytes()


def signature_jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two stored signatures."""
    x = np.frombuffer(a, dtype=SIGNATURE_DTYPE)
    y = np.frombuffer(b, dtype=SIGNATURE_DTYPE)
    return float(np.mean(x == y))


def estimate(a: NDArray[np.uint32], b: NDArray[np.uint32]) -> float:
    """Estimated Jaccard similarity of two signatures; two empty sketches are 0, not 1."""
    if bool(np.all(a == EMPTY)) or bool(np.all(b == EMPTY)):
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


@lru_cache(maxsize=16)
def band_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band: datasketch's choice (equal weights for misses and false hits).

    datasketch is imported here, not with the module: it imports SciPy's integrators
    (a quarter of a second), which the processes that only sort band columns or read
    reports for a cluster never need."""
    from datasketch.lsh import _optimal_param

    bands, rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
    return int(bands), int(rows)


def _fmix64(h: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """MurmurHash3's 64-bit finaliser: a fixed bijection that spreads every input bit."""
    h = h ^ (h >> np.uint64(33))
    h = h * _M1
    h = h ^ (h >> np.uint64(33))
    h = h * _M2
    out: NDArray[np.uint64] = h ^ (h >> np.uint64(33))
    return out


def band_hashes(signatures: Signatures, threshold: float, num_perm: int) -> BandHashes:
    """The 64-bit hash of each band of each signature, one row per signature."""
    bands, rows = band_shape(threshold, num_perm)
    # (signature, band, row): every band's r-th value in one column step, so the
    # hashing is ``rows`` vector steps over the whole table, not one per band and row.
    values = signatures[:, : bands * rows].astype(np.uint64).reshape(len(signatures), bands, rows)
    seeds = np.arange(bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    h = np.broadcast_to(seeds, (len(signatures), bands))
    for row in range(rows):
        h = _fmix64(h ^ (values[:, :, row] + _GOLDEN))
    return np.ascontiguousarray(h, dtype=np.uint64)

"""MinHash sketches over character shingles of normalised text.

Shingling was chosen by measurement on the samples (see README, "Shingles"):
character 4-grams for sections and documents, where they put unrelated
reports near 0.04 and leave copied text clearly above; character 3-grams for
clauses, which average ten characters and need short shingles so one changed
figure does not erase the match. Punctuation and spaces are dropped before
shingling: they differ between copies of the same words.

Shingles are hashed with CRC-32 rather than datasketch's default SHA-1: the
permutations already randomise the values, CRC-32 is stable across runs and
machines (unlike Python's ``hash``), and it made sketching four times faster.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

import numpy as np
from datasketch import LeanMinHash, MinHash

from ..read.chars import letters

# datasketch 2's 32-bit permutation scheme, named so stored signatures stay readable.
SCHEME = "affine32"
SIGNATURE_DTYPE = np.uint32


def shingles(text: str, k: int) -> set[bytes]:
    """Character ``k``-grams of the letters of ``text`` (the whole text if shorter)."""
    core = letters(text)
    if len(core) <= k:
        return {core.encode()} if core else set()
    return {core[i : i + k].encode() for i in range(len(core) - k + 1)}


def sketch_all(shingle_sets: Sequence[Iterable[bytes]], num_perm: int, seed: int) -> list[MinHash]:
    """One MinHash per shingle set, sharing one set of permutations (fast to build)."""
    if not shingle_sets:
        return []
    return list(
        MinHash.bulk(shingle_sets, num_perm=num_perm, seed=seed, hashfunc=zlib.crc32, scheme=SCHEME)
    )


def to_signature(sketch: MinHash) -> bytes:
    """The hash values of a sketch as bytes, for storing and for later comparison."""
    return np.asarray(sketch.hashvalues, dtype=SIGNATURE_DTYPE).tobytes()


def from_signature(signature: bytes, seed: int) -> LeanMinHash:
    """A sketch back from stored bytes (cheap: no permutations are generated)."""
    values = np.frombuffer(signature, dtype=SIGNATURE_DTYPE)
    return LeanMinHash(seed=seed, hashvalues=values, scheme=SCHEME)


def signature_jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two stored signatures."""
    x = np.frombuffer(a, dtype=SIGNATURE_DTYPE)
    y = np.frombuffer(b, dtype=SIGNATURE_DTYPE)
    return float(np.mean(x == y))


def estimate(a: MinHash, b: MinHash) -> float:
    """Estimated Jaccard similarity; two empty sketches are 0, not 1."""
    if a.is_empty() or b.is_empty():
        return 0.0
    return float(a.jaccard(b))

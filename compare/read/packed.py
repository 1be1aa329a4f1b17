"""Texts as UTF-8 run together with the byte end of each: how clause texts travel.

A report's clause texts go from the reading processes to the one that indexes
them. As some 900 Python strings they were pickled and unpickled one by one
(0.25 + 0.30 ms a report); as one bytes object and one array of ends, 0.13 +
0.05 ms. UTF-8 bytes order as their code points do, so texts compare without
being decoded.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from .chars import code_points, utf8_widths

Packed = tuple[bytes, NDArray[np.int64]]  # UTF-8 run together, the byte end of each text
NO_TEXTS: Packed = (b"", np.zeros(0, dtype=np.int64))
NO_TEXTS[1].flags.writeable = False  # one array every emptied record shares


def pack_texts(texts: Sequence[str]) -> Packed:
    """``texts`` packed: encoded as one string, each one's UTF-8 length counted from its
    code points."""
    if not texts:
        return NO_TEXTS
    joined = "".join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    return joined.encode(), _byte_offsets(code_points(joined))[np.cumsum(lengths)]


def pack_spans(text: str, codes: NDArray[np.uint32], starts: NDArray[np.int64],
               stops: NDArray[np.int64]) -> Packed:  # fmt: skip
    """``text[a:b]`` for each span (``starts[i]`` to ``stops[i]``) packed, from ``text``'s
    code points ``codes``: one gather of its UTF-8, no string per span."""
    offsets = _byte_offsets(codes)
    return byte_spans(text.encode(), offsets[starts], offsets[stops])


def byte_spans(data: bytes, low: NDArray[np.int64], high: NDArray[np.int64]) -> Packed:
    """``data[low[i]:high[i]]`` for each span, packed: one numpy gather, no bytes object per
    span (a report's clauses from its body; the new clauses of a batch from its texts)."""
    lengths = high - low
    ends = np.cumsum(lengths)
    total = int(ends[-1]) if len(ends) else 0
    at = np.repeat(low - (ends - lengths), lengths) + np.arange(total, dtype=np.int64)
    return np.frombuffer(data, dtype=np.uint8)[at].tobytes(), ends


def unpack_texts(packed: Packed) -> list[str]:
    """The texts as strings again (the inverse of :func:`pack_texts`, which with it defines
    what :func:`pack_spans` and the interning are held to in the tests)."""
    data, ends = packed
    stops = ends.tolist()
    return [data[a:b].decode() for a, b in zip([0, *stops][:-1], stops, strict=True)]


def _byte_offsets(codes: NDArray[np.uint32]) -> NDArray[np.int64]:
    """Where each code point starts in the UTF-8 (and, last, the end)."""
    return np.concatenate(([0], np.cumsum(utf8_widths(codes))))

"""Text that remembers where each of its characters came from.

Every normalisation step (script conversion, width folding, whitespace
removal) produces a :class:`MappedText`; any span found in it maps back to the
decoded original, which is what the tool reports.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

_OFFSET = np.dtype(f"i{array('l').itemsize}")  # the machine's C long, as ``array("l")`` holds


def _offsets(values: Sequence[int] | NDArray[np.int64]) -> array[int]:
    """An ``array("l")`` of the values (from numpy without a Python loop)."""
    if isinstance(values, np.ndarray):
        out = array("l")
        out.frombytes(np.ascontiguousarray(values, dtype=_OFFSET).tobytes())
        return out
    return array("l", values)


class MappedText:
    """A string plus, for each character, the original span it stands for."""

    __slots__ = ("ends", "original_length", "starts", "text")

    def __init__(
        self,
        text: str,
        starts: Sequence[int] | NDArray[np.int64],
        ends: Sequence[int] | NDArray[np.int64],
        original_length: int,
    ) -> None:
        if not (len(text) == len(starts) == len(ends)):
            raise ValueError("text and offset arrays differ in length")
        self.text = text
        self.starts = _offsets(starts)
        self.ends = _offsets(ends)
        self.original_length = original_length

    @classmethod
    def identity(cls, text: str) -> MappedText:
        """The original text mapped onto itself."""
        n = len(text)
        return cls(text, np.arange(n), np.arange(1, n + 1), n)

    def __len__(self) -> int:
        return len(self.text)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` of this text to ``[start, end)`` of the original."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span [{start}, {end}) outside text of length {len(self.text)}")
        if start == end:
            pos = self.starts[start] if start < len(self.text) else self.original_length
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def from_original(self, pos: int) -> int:
        """Index of the first character here whose original start is at or after ``pos``."""
        return bisect_left(self.starts, pos)

    def select(self, keep: Iterable[int] | NDArray[np.int64]) -> MappedText:
        """A new text of the characters at the given (increasing) indices."""
        idx = np.fromiter(keep, dtype=np.int64) if not isinstance(keep, np.ndarray) else keep
        codes = np.frombuffer(self.text.encode("utf-32-le"), dtype=np.uint32)
        starts = np.frombuffer(self.starts, dtype=_OFFSET)
        ends = np.frombuffer(self.ends, dtype=_OFFSET)
        return MappedText(
            codes[idx].tobytes().decode("utf-32-le"),
            starts[idx],
            ends[idx],
            self.original_length,
        )

"""Which characters carry words: the measure every stage counts text in.

Figures such as "shared 12% of the body" count Han characters, letters and
digits, never punctuation or layout; MinHash shingles and clause identities
are built from the same letters, so the stages agree on what a character is.

A character carries words when it is a CJK unified ideograph or
``str.isalnum()``. The regular expressions below say the same thing (``\\w``
is ``isalnum()`` plus ``_`` in Python's ``re``), and run in C instead of a
Python loop per character; a test checks them on every code point.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff"  # for character classes: what is_han accepts
_NOT_LETTER = re.compile(rf"[^\w{HAN_RANGES}]|_")


def is_han(ch: str) -> bool:
    """True for a CJK unified ideograph."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def letters(text: str) -> str:
    """The Han characters, letters and digits of ``text``, in order."""
    return _NOT_LETTER.sub("", text)


def content_length(text: str) -> int:
    """Characters that carry words: Han characters, letters and digits."""
    return len(_NOT_LETTER.sub("", text))


LAST_SPACE = 0x3000  # no code point above U+3000 is whitespace (a test checks them all)


@lru_cache(maxsize=1)
def whitespace_codes() -> NDArray[np.int64]:
    """Every code point ``str.isspace`` calls whitespace (what ``\\s`` matches; about
    twenty-five), ascending."""
    return np.array([c for c in range(LAST_SPACE + 1) if chr(c).isspace()], dtype=np.int64)


@lru_cache(maxsize=1)
def _space_table() -> NDArray[np.bool_]:
    """Whitespace or not, for every code point up to U+3000 and one entry more (False)
    for all above."""
    table = np.zeros(LAST_SPACE + 2, dtype=bool)
    table[whitespace_codes()] = True
    return table


def space_mask(codes: NDArray[np.uint32]) -> NDArray[np.bool_]:
    """Whether each code point is whitespace: one table look-up each."""
    table = _space_table()
    out: NDArray[np.bool_] = table[np.minimum(codes, len(table) - 1)]
    return out


def code_points(text: str) -> NDArray[np.uint32]:
    """The code points of ``text`` as an array (read-only: it views the encoded bytes)."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def utf8_widths(codes: NDArray[np.uint32]) -> NDArray[np.int64]:
    """Bytes of each code point in UTF-8 (1 to 4)."""
    out: NDArray[np.int64] = (1 + (codes >= 0x80) + (codes >= 0x800) + (codes >= 0x10000)).astype(
        np.int64
    )
    return out


def letter_mask_of(codes: NDArray[np.uint32]) -> NDArray[np.bool_]:
    """For each code point, whether its character carries words (as :func:`letters` keeps).

    Han characters by their code range; the few others (digits, Latin letters,
    punctuation) by ``str.isalnum`` once per distinct character.
    """
    mask = ((codes >= 0x4E00) & (codes <= 0x9FFF)) | ((codes >= 0x3400) & (codes <= 0x4DBF))
    other = ~mask
    distinct = np.unique(codes[other])
    word = np.array([chr(c).isalnum() for c in distinct.tolist()], dtype=bool)
    mask[other] = word[np.searchsorted(distinct, codes[other])]
    out: NDArray[np.bool_] = mask
    return out


def letters_and_mask_of(codes: NDArray[np.uint32]) -> tuple[str, NDArray[np.bool_]]:
    """:func:`letters` and :func:`letter_mask_of` of a text given by its code points, in one
    pass (the letters are the code points the mask keeps; a second pass by regular
    expression was a twentieth of reading a report; a caller that needs the code points too
    encodes the text once)."""
    mask = letter_mask_of(codes)
    return codes[mask].tobytes().decode("utf-32-le"), mask


def han_count_of(codes: NDArray[np.uint32]) -> int:
    """How many of the code points are Han (as :func:`is_han`), in one vectorised pass."""
    han = (codes >= 0x4E00) & (codes <= 0x9FFF)
    han |= (codes >= 0x3400) & (codes <= 0x4DBF)
    return int(np.count_nonzero(han))


def latin_count_of(codes: NDArray[np.uint32]) -> int:
    """How many of the code points are Latin letters, half- or full-width."""
    lower = codes | 0x20  # A-Z onto a-z
    latin = (lower >= ord("a")) & (lower <= ord("z"))
    latin |= (codes >= ord("Ａ")) & (codes <= ord("Ｚ"))
    latin |= (codes >= ord("ａ")) & (codes <= ord("ｚ"))
    return int(np.count_nonzero(latin))

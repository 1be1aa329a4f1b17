"""Which characters carry words: the measure every stage counts text in.

Figures such as "shared 12% of the body" count Han characters, letters and
digits, never punctuation or layout; MinHash shingles and clause identities
are built from the same letters, so the stages agree on what a character is.
"""

from __future__ import annotations


def is_han(ch: str) -> bool:
    """True for a CJK unified ideograph."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def letters(text: str) -> str:
    """The Han characters, letters and digits of ``text``, in order."""
    return "".join(ch for ch in text if is_han(ch) or ch.isalnum())


def content_length(text: str) -> int:
    """Characters that carry words: Han characters, letters and digits."""
    return sum(1 for ch in text if is_han(ch) or ch.isalnum())

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

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_NOT_LETTER = re.compile(rf"[^\w{_HAN}]|_")


def is_han(ch: str) -> bool:
    """True for a CJK unified ideograph."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def letters(text: str) -> str:
    """The Han characters, letters and digits of ``text``, in order."""
    return _NOT_LETTER.sub("", text)


def content_length(text: str) -> int:
    """Characters that carry words: Han characters, letters and digits."""
    return len(_NOT_LETTER.sub("", text))

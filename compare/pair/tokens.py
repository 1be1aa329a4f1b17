"""Words of the comparison text, by jieba, with offsets and dictionary tags.

Tagging uses jieba's dictionary table, not ``jieba.posseg``: a table look-up
per word costs nothing, while posseg's tagger is five times slower than
segmenting. Words jieba found by its HMM (not in the dictionary) get the tag
``new``: in reports they are mostly local names (``淠干``, ``集贤``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

import jieba
import jieba.posseg

from ..read.chars import is_han


@dataclass(frozen=True)
class Token:
    """One word: ``text[start:end]`` of the comparison text, and its tag."""

    start: int
    end: int
    word: str
    tag: str


@lru_cache(maxsize=1)
def _tag_table() -> dict[str, str]:
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    table: dict[str, str] = jieba.posseg.dt.word_tag_tab
    return table


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """jieba words of ``text``, offsets shifted by ``offset``; whitespace dropped."""
    table = _tag_table()
    tokens = []
    for word, start, end in jieba.tokenize(text):
        if word.isspace():
            continue
        tag = table.get(word)
        if tag is None:
            tag = "new" if any(is_han(c) for c in word) else ("m" if word[0].isdigit() else "x")
        tokens.append(Token(start + offset, end + offset, word, tag))
    return tokens

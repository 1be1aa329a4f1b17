"""Words of the comparison text, by jieba, with offsets and dictionary tags.

Tagging uses jieba's dictionary table, not ``jieba.posseg``: a table look-up
per word costs nothing, while posseg's tagger is five times slower than
segmenting. Words jieba found by its HMM (not in the dictionary) get the tag
``new``: in reports they are mostly local names (``淠干``, ``集贤``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache

import jieba
import jieba.posseg

from ..read.chars import is_han


@dataclass
class Tokens:
    """The words of a text as columns: word ``k`` is ``text[starts[k]:ends[k]]`` of the
    comparison text, ``words[k]``, with the tag ``tags[k]``.

    Columns, not an object per word: a 300,000-character report has some 200,000
    words, and as many long-lived objects made the cyclic garbage collector scan
    them all several times during a compare (0.3-0.6 s of a 6 s compare, none at
    30,000 characters: a growth that is the collector's, not the work's). Lists
    of ints and strings are four objects it never walks into.
    """

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _tag_table() -> dict[str, str]:
    _initialize_without_cache()
    table: dict[str, str] = jieba.posseg.dt.word_tag_tab
    return table


def _initialize_without_cache() -> None:
    """Build jieba's prefix dictionary in memory, as ``jieba.initialize()`` would
    without its cache.

    jieba keeps its cache in ``/tmp/jieba.cache``, shared by every user of the
    machine: another user's planted file changes our results, and one we cannot
    write prints a traceback on every run. Building the dictionary costs no more
    than loading that cache (0.52 s against 0.57 s, medians of 7 runs:
    ``python bench/bench_jieba_cache.py``), so there is no cache at all. jieba's
    own stderr handler is dropped: its records go through logging like any
    library's (``reportdiff --verbose`` shows warnings).
    """
    jieba.default_logger.removeHandler(jieba.log_console)
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    with tokenizer.lock:
        if not tokenizer.initialized:
            tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
            tokenizer.initialized = True


def tokenize(text: str, offset: int = 0) -> Tokens:
    """jieba words of ``text``, offsets shifted by ``offset``; whitespace dropped."""
    table = _tag_table()
    tokens = Tokens()
    for word, start, end in jieba.tokenize(text):
        if word.isspace():
            continue
        tag = table.get(word)
        if tag is None:
            tag = "new" if any(is_han(c) for c in word) else ("m" if word[0].isdigit() else "x")
        tokens.starts.append(start + offset)
        tokens.ends.append(end + offset)
        tokens.words.append(word)
        tokens.tags.append(tag)
    return tokens

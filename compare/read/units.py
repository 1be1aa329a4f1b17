"""Sentences and clauses: the units formula is found in.

Sentences end at ``。！？；`` or a line break; clauses also at ``，：`` (not at ``、``:
enumerations such as ``稳增长、调结构、促改革`` are one formula, and
``在市委、市政府和区委的坚强领导下`` one clause).
Each unit keeps its closing punctuation so that a report compared with itself
is shared to the last character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SENTENCE_ENDS = frozenset("。！？；\n")
CLAUSE_ENDS = SENTENCE_ENDS | frozenset("，：")


@dataclass(frozen=True)
class Unit:
    """A span ``[start, end)`` of the comparison text."""

    start: int
    end: int


@lru_cache(maxsize=8)
def _ends_pattern(ends: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(ends)) + "]")


def split_units(text: str, start: int, end: int, ends: frozenset[str]) -> list[Unit]:
    """Units of ``text[start:end]`` closed by any character of ``ends``.

    The closing characters are found by a regular expression (in C), not a
    Python loop over every character.
    """
    units = []
    begin = start
    for match in _ends_pattern(ends).finditer(text, start, end):
        i = match.start()
        stop = i if text[i] == "\n" else i + 1
        if text[begin:stop].strip():
            units.append(Unit(begin, stop))
        begin = i + 1
    if begin < end and text[begin:end].strip():
        units.append(Unit(begin, end))
    return units

"""Sentences and clauses: the units formula is found in.

Sentences end at ``。！？；`` or a line break; clauses also at ``，：`` (not at ``、``:
enumerations such as ``稳增长、调结构、促改革`` are one formula, and
``在市委、市政府和区委的坚强领导下`` one clause).
Each unit keeps its closing punctuation so that a report compared with itself
is shared to the last character.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from .chars import LAST_SPACE, code_points, whitespace_codes

SENTENCE_ENDS = frozenset("。！？；\n")
CLAUSE_ENDS = SENTENCE_ENDS | frozenset("，：")


@dataclass(frozen=True)
class Unit:
    """A span ``[start, end)`` of the comparison text."""

    start: int
    end: int


_END, _SPACE = 1, 2


@lru_cache(maxsize=8)
def _kinds(ends: frozenset[str]) -> NDArray[np.uint8]:
    """Per code point up to the highest end (and U+3000), whether it ends a unit and
    whether it is whitespace (``str.isspace``); one more entry, 0, for all above."""
    size = max(LAST_SPACE, *map(ord, ends)) + 2
    table = np.zeros(size, dtype=np.uint8)
    table[whitespace_codes()] |= _SPACE
    table[sorted(map(ord, ends))] |= _END
    return table


def unit_bounds(
    text: str, start: int, end: int, ends: frozenset[str]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Start and end offsets (into ``text``) of the units of ``text[start:end]``.

    A unit runs to the next character of ``ends``, which it keeps unless it is a
    line break; units of whitespace alone are not units. Found in array steps over
    the code points: a report has a thousand clauses, and a Python loop building
    them was the largest part of cutting a body into clauses.
    """
    table = _kinds(ends)
    codes = code_points(text[start:end])
    kind = table[np.minimum(codes, len(table) - 1)]
    at = np.flatnonzero(kind & _END)
    begins = np.concatenate(([0], at + 1))
    stops = np.concatenate((at + (codes[at] != 0x0A), [len(codes)]))
    solid = np.concatenate(([0], np.cumsum((kind & _SPACE) == 0)))
    keep = solid[stops] > solid[begins]
    return begins[keep] + start, stops[keep] + start


def split_units(text: str, start: int, end: int, ends: frozenset[str]) -> list[Unit]:
    """Units of ``text[start:end]`` closed by any character of ``ends`` (see
    :func:`unit_bounds`)."""
    begins, stops = unit_bounds(text, start, end, ends)
    return [Unit(a, b) for a, b in zip(begins.tolist(), stops.tolist(), strict=True)]

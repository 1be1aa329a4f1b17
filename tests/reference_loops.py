"""The per-character loops the reading stage used before it was vectorised.

Kept as oracles: the fast versions must give exactly what these give.
"""

from __future__ import annotations

import re

from compare.read.normalise import HEADING_START, SOFT_WRAP_MIN, TERMINAL_PUNCT, fold_char
from compare.read.units import Unit


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def letters(text: str) -> str:
    return "".join(ch for ch in text if is_han(ch) or ch.isalnum())


def split_units(text: str, start: int, end: int, ends: frozenset[str]) -> list[Unit]:
    units = []
    begin = start
    for i in range(start, end):
        if text[i] in ends:
            stop = i if text[i] == "\n" else i + 1
            if text[begin:stop].strip():
                units.append(Unit(begin, stop))
            begin = i + 1
    if begin < end and text[begin:end].strip():
        units.append(Unit(begin, end))
    return units


def line_view(original: str, simple: str) -> tuple[str, list[int], list[int]]:
    """The line view of ``original`` given its simplified script ``simple``."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(original)
    while i < n:
        if simple[i].isspace():
            j = i
            while j < n and simple[j].isspace():
                j += 1
            run = original[i:j]
            newline = "\n" in run or "\r" in run
            if out and j < n and out[-1] != "\n":
                out.append("\n" if newline else " ")
                starts.append(i)
                ends.append(j)
            i = j
            continue
        out.append(fold_char(simple, i))
        starts.append(i)
        ends.append(i + 1)
        i += 1
    return "".join(out), starts, ends


def soft_breaks(lines_text: str) -> set[int]:
    soft: set[int] = set()
    pos = 0
    lines = lines_text.split("\n")
    for k, line in enumerate(lines[:-1]):
        end = pos + len(line)
        stripped = line.rstrip()
        if (
            len(stripped) >= SOFT_WRAP_MIN
            and stripped[-1] not in TERMINAL_PUNCT
            and not HEADING_START.match(lines[k + 1])
        ):
            soft.add(end)
        pos = end + 1
    return soft


def compact_keep(text: str) -> list[int]:
    """Indices the compact view keeps of a line-view text."""
    soft = soft_breaks(text)
    keep = []
    for i, ch in enumerate(text):
        if ch == " ":
            inside = 0 < i < len(text) - 1
            word = [c.isascii() and c.isalnum() for c in text[i - 1 : i + 2]] if inside else []
            if inside and word[0] and word[2]:
                keep.append(i)
        elif ch == "\n":
            if i not in soft:
                keep.append(i)
        else:
            keep.append(i)
    return keep


def han_count(text: str) -> int:
    return sum(1 for ch in text if is_han(ch))


def stems_in(text: str, stems: frozenset[str], longest: int) -> list[tuple[int, int]]:
    """(position, length) of every occurrence of every stem, window by window."""
    return sorted(
        (pos, size)
        for pos in range(len(text))
        for size in range(2, min(longest, len(text) - pos) + 1)
        if text[pos : pos + size] in stems
    )


def self_references(body: str) -> dict[str, int]:
    """How often a body says 全县/我县/本县 (per unit) or 自治区, match by match."""
    counts: dict[str, int] = {}
    for found in re.finditer(r"[全我本]([省市县区])|(自治区)", body):
        word = found.group(1) or found.group(2)
        counts[word] = counts.get(word, 0) + 1
    return counts

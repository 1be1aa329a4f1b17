"""Normalise report text for comparison while keeping the map back.

Two views are built from the original:
- the *line view* keeps line structure (one ``\\n`` per line break, single
  spaces inside lines) and is what the outline reads headings from;
- the *compact view* drops layout whitespace and soft line wraps, and is what
  every comparison works on. Reports from PDFs put spaces around figures
  (``230 亿元``) and wrap lines mid-word; neither is content.

Both convert Traditional to Simplified script (OpenCC ``t2s``, and 著 to 着, which
it leaves), fold full-width letters and digits to ASCII and unify Chinese
punctuation to its full-width form, so that ``鶴城區`` and ``鹤城区``, ``（一）`` and
``(一)`` compare equal.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import opencc
from numpy.typing import NDArray

from ..textmap import MappedText
from .chars import code_points, space_mask

TERMINAL_PUNCT = "。！？；：…”’）"
NUMBERED_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.]|（[一二三四五六七八九十]+）|\d{1,2}[、.](?!\d)|（\d{1,2}）)"
)
# What starts a new paragraph even after a wrapped line: a numbered heading or the address.
HEADING_START = re.compile(NUMBERED_HEADING.pattern + r"|^\s*各位代表")
# A line at least this long that does not end a sentence was wrapped by the
# page or PDF it came from; the next line continues it.
SOFT_WRAP_MIN = 60

_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_QUOTES = {"「": "“", "」": "”", "『": "‘", "』": "’", "〝": "“", "〞": "”"}
# Characters both scripts have that OpenCC's t2s leaves alone where Simplified writes
# another: Traditional 著 is Simplified 着 in 着力, 随着, 围绕着 (and 著 in 显著). Folded in
# both reports, so a Traditional copy of a Simplified report is shared whole (it was
# 99.2%: every unshared run stood at 著).
_SCRIPT_FOLDS = {"著": "着"}


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional to Simplified with exactly one output character per input one.

    OpenCC converts phrases (``乾在實處`` -> ``干在实处``) and almost always keeps
    the length; where a chunk changes length it is converted character by
    character instead, so offsets stay aligned one to one.
    """
    cc = _converter()
    whole: str = cc.convert(text)
    if len(whole) == len(text):
        return whole
    parts = []
    for line in text.splitlines(keepends=True):
        converted: str = cc.convert(line)
        if len(converted) != len(line):
            singles = (cc.convert(ch) for ch in line)
            converted = "".join(
                c if len(c) == 1 else ch for ch, c in zip(line, singles, strict=True)
            )
        parts.append(converted)
    return "".join(parts)


def fold_char(text: str, i: int) -> str:
    """The canonical form of ``text[i]``: ASCII alphanumerics, full-width punctuation."""
    ch = text[i]
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        ascii_ch = chr(code - 0xFEE0)
        if ascii_ch.isalnum() or ascii_ch in ".%+-/*=<>#&@_~^|\\'\"[]{}$":
            return ascii_ch
        return ch
    if ch in _TO_FULL:
        between_digits = 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
        if ch in ",:" and between_digits:
            return ch
        return _TO_FULL[ch]
    return _QUOTES.get(ch) or _SCRIPT_FOLDS.get(ch, ch)


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """:func:`fold_char` for every character whose fold needs no neighbours."""
    table = {}
    for code in range(0xFF01, 0xFF5F):
        folded = fold_char(chr(code), 0)
        if folded != chr(code):
            table[code] = folded
    for ch, full in _TO_FULL.items():
        if ch not in ",:":  # these two stay between digits (1,000 and 10:30)
            table[ord(ch)] = full
    table.update({ord(ch): q for ch, q in _QUOTES.items()})
    table.update({ord(ch): f for ch, f in _SCRIPT_FOLDS.items()})
    return table


_BMP = 0x10000
_COMMA, _COLON = ord(","), ord(":")


@lru_cache(maxsize=1)
def _fold_codes() -> NDArray[np.uint32]:
    """:func:`_fold_table` as an array over the Basic Multilingual Plane (which holds
    every character it folds)."""
    table = np.arange(_BMP, dtype=np.uint32)
    for code, folded in _fold_table().items():
        table[code] = ord(folded)
    return table


@lru_cache(maxsize=1)
def _bmp_digits() -> NDArray[np.bool_]:
    """``str.isdigit`` of every character of the Basic Multilingual Plane."""
    return np.array([chr(code).isdigit() for code in range(_BMP)], dtype=bool)


def _is_digit(codes: NDArray[np.uint32]) -> NDArray[np.bool_]:
    """``str.isdigit`` of each code point (a table for the BMP, Python above it)."""
    inside = codes < _BMP
    out = np.zeros(len(codes), dtype=bool)
    out[inside] = _bmp_digits()[codes[inside]]
    for k in np.flatnonzero(~inside).tolist():
        out[k] = chr(int(codes[k])).isdigit()
    return out


def fold_codes(text: str) -> NDArray[np.uint32]:
    """The code points of :func:`fold_char` of every character of ``text``.

    One table look-up per character; only the half-width comma and colon depend
    on their neighbours (kept between digits: ``1,000``, ``10:30``). A
    ``str.translate`` with the same table took a tenth of reading a report.
    """
    return _folded(code_points(text))


def _folded(codes: NDArray[np.uint32]) -> NDArray[np.uint32]:
    """:func:`fold_codes` of text given by its code points (a new, writable array)."""
    inside = codes < _BMP
    folded = _fold_codes()[np.where(inside, codes, 0)]
    folded[~inside] = codes[~inside]
    at = np.flatnonzero((codes == _COMMA) | (codes == _COLON))
    if len(at):
        inner = at[(at > 0) & (at < len(codes) - 1)]
        kept = inner[_is_digit(codes[inner - 1]) & _is_digit(codes[inner + 1])]
        folded[at] = np.where(codes[at] == _COMMA, ord(_TO_FULL[","]), ord(_TO_FULL[":"]))
        folded[kept] = codes[kept]
    return folded


def line_view(original: str) -> MappedText:
    """Script- and width-folded text with one ``\\n`` per line break and no blank lines.

    A run of whitespace becomes one ``\\n`` (when it holds a line break) or one
    space, mapped to the whole run; runs before the first and after the last
    character are dropped. All in arrays: a loop over the runs was a tenth of
    reading a report.
    """
    simple = to_simplified(original)
    n = len(original)
    simple_codes = code_points(simple)
    codes = _folded(simple_codes)
    space = space_mask(simple_codes)
    edges = np.flatnonzero(np.diff(space, prepend=False, append=False))
    starts, stops = edges[0::2], edges[1::2]  # the runs of whitespace
    inner = (starts > 0) & (stops < n)  # runs between characters become one
    starts, stops = starts[inner], stops[inner]
    raw = code_points(original)
    breaks = np.cumsum((raw == 0x0A) | (raw == 0x0D))
    broken = breaks[stops - 1] > breaks[starts - 1]  # the run holds a line break
    codes[starts] = np.where(broken, ord("\n"), ord(" "))
    keep = ~space
    keep[starts] = True
    ends = np.arange(1, n + 1, dtype=np.int64)
    ends[starts] = stops
    idx = np.flatnonzero(keep)
    return MappedText(codes[idx].tobytes().decode("utf-32-le"), idx, ends[idx], n)


def _soft_breaks(lines_text: str) -> set[int]:
    """Indices of ``\\n`` in the line view that only wrap a running sentence."""
    soft: set[int] = set()
    pos = 0
    lines = lines_text.split("\n")
    for k, line in enumerate(lines[:-1]):
        end = pos + len(line)
        stripped = line.rstrip()
        nxt = lines[k + 1]
        if (
            len(stripped) >= SOFT_WRAP_MIN
            and stripped[-1] not in TERMINAL_PUNCT
            and not HEADING_START.match(nxt)
        ):
            soft.add(end)
        pos = end + 1
    return soft


def compact_view(lines: MappedText) -> MappedText:
    """Drop layout spaces and soft wraps; keep a space only between ASCII words."""
    text = lines.text
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    word = (
        ((codes >= 0x30) & (codes <= 0x39))
        | ((codes >= 0x41) & (codes <= 0x5A))
        | ((codes >= 0x61) & (codes <= 0x7A))
    )  # ASCII letters and digits: the words a space is kept between
    between = np.zeros(len(codes), dtype=bool)
    between[1:-1] = word[:-2] & word[2:]
    keep = (codes != 0x20) | between
    soft = np.fromiter(_soft_breaks(text), dtype=np.int64)
    keep[soft] = False
    return lines.select(np.flatnonzero(keep))


@lru_cache(maxsize=1024)
def simplify(text: str) -> str:
    """The normalised form of a short snippet (a heading), for keyword matching.

    Remembered: reading a report asks it of each heading twice (roles, metadata), and
    headings recur from report to report."""
    return line_view(text).text

"""Normalise report text for comparison while keeping the map back.

Two views are built from the original:
- the *line view* keeps line structure (one ``\\n`` per line break, single
  spaces inside lines) and is what the outline reads headings from;
- the *compact view* drops layout whitespace and soft line wraps, and is what
  every comparison works on. Reports from PDFs put spaces around figures
  (``230 亿元``) and wrap lines mid-word; neither is content.

Both convert Traditional to Simplified script (OpenCC ``t2s``), fold
full-width letters and digits to ASCII and unify Chinese punctuation to its
full-width form, so that ``鶴城區`` and ``鹤城区``, ``（一）`` and ``(一)`` compare
equal.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

from ..textmap import MappedText

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
    return _QUOTES.get(ch, ch)


def line_view(original: str) -> MappedText:
    """Script- and width-folded text with one ``\\n`` per line break and no blank lines."""
    simple = to_simplified(original)
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
            if out and j < n:
                if newline and out[-1] != "\n":
                    out.append("\n")
                    starts.append(i)
                    ends.append(j)
                elif not newline and out[-1] != "\n":
                    out.append(" ")
                    starts.append(i)
                    ends.append(j)
            i = j
            continue
        out.append(fold_char(simple, i))
        starts.append(i)
        ends.append(i + 1)
        i += 1
    return MappedText("".join(out), starts, ends, n)


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


def _is_ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def compact_view(lines: MappedText) -> MappedText:
    """Drop layout spaces and soft wraps; keep a space only between ASCII words."""
    text = lines.text
    soft = _soft_breaks(text)
    keep = []
    for i, ch in enumerate(text):
        if ch == " ":
            inside = 0 < i < len(text) - 1
            if inside and _is_ascii_word(text[i - 1]) and _is_ascii_word(text[i + 1]):
                keep.append(i)
        elif ch == "\n":
            if i not in soft:
                keep.append(i)
        else:
            keep.append(i)
    return lines.select(keep)


def simplify(text: str) -> str:
    """The normalised form of a short snippet (a heading), for keyword matching."""
    return line_view(text).text

"""Recognise heading lines and the style of their numbering.

Styles, outermost first in most reports: ``一、``, ``（一）``, ``1、``/``1.``,
``（1）``. Which style nests inside which is decided per report by the order in
which they appear (see :mod:`compare.outline`), because reports differ: in one
``一、`` numbers the top parts, in another the plan's topics under a bare
``2024年工作安排`` heading. Year headings and appendix/notes headings are
always top level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Style = Literal["top", "cn", "paren_cn", "num", "paren_num"]

_CN = "一二三四五六七八九十"
_NUMBERED: list[tuple[Style, re.Pattern[str]]] = [
    ("cn", re.compile(rf"^[{_CN}]+[、.]")),
    ("paren_cn", re.compile(rf"^（[{_CN}]+）")),
    ("num", re.compile(r"^\d{1,2}(?:[、]|\.(?!\d))")),
    ("paren_num", re.compile(r"^（\d{1,2}）")),
]
_YEAR_HEADING = re.compile(
    r"^(?:\d{4}|20xx|二[〇零○][一二三四五六七八九〇零○]{2}|今年|去年|过去一年)年?度?"
    r".{0,8}(?:工作回顾|工作安排|工作总结|主要工作|工作任务|目标任务|实事|工作打算|工作计划)$"
)
_TRAILER = re.compile(r"^(?:附件.{0,6}|.{0,14}(?:注释|名词解释|实事|附表))$")
TITLE_MAX = 45


@dataclass(frozen=True)
class Heading:
    """A heading found at the start of a line: its style and title length in the line."""

    style: Style
    title_length: int


def _title_length(text: str, marker_end: int) -> int:
    """How much of a line is heading: all of a short line, or up to a gap or full stop."""
    colon = text.find("：", marker_end + 2, TITLE_MAX)
    if colon != -1:
        return colon
    if len(text) <= TITLE_MAX and "。" not in text:
        return len(text)
    head = text[:TITLE_MAX]
    for stop in (" ", "。"):
        k = head.find(stop, marker_end + 2)
        if k != -1:
            return k
    return min(len(text), 30)


def detect(text: str) -> Heading | None:
    """The heading at the start of a stripped line, or ``None``."""
    if len(text) <= 24 and (_YEAR_HEADING.match(text) or _TRAILER.match(text)):
        return Heading("top", len(text))
    for style, pattern in _NUMBERED:
        m = pattern.match(text)
        if m and len(text) > m.end():
            return Heading(style, _title_length(text, m.end()))
    return None

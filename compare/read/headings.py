"""Recognise heading lines and the style of their numbering.

Styles, outermost first in most reports: ``第一部分``, ``一、``, ``（一）``,
``1、``/``1.``, ``（1）``, and unnumbered headings (``站在新起点：2012年工作回顾``,
``“十四五”时期工作回顾``), which many county and provincial reports use for
their parts. Which style nests inside which is decided per report by the order
in which they appear (see :mod:`compare.read.outline`), because reports differ:
in one ``一、`` numbers the top parts, in another the plan's topics under a bare
``2024年工作安排`` heading. Year headings and appendix/notes headings are
always top level.

An unnumbered heading is told from a short line of text by its context: it
follows a finished sentence (a link fragment ``法制`` cut out of a scraped
sentence does not) and text follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .chars import is_han
from .line_kinds import LINE_CACHE

Style = Literal["top", "part", "cn", "paren_cn", "num", "paren_num", "ordinal", "bare"]

_CN = "一二三四五六七八九十"
# Each style's number, and its value as the first group (``numbered_as``).
_NUMBERED: list[tuple[Style, re.Pattern[str]]] = [
    ("part", re.compile(rf"^第([{_CN}]+)部分")),
    ("cn", re.compile(rf"^([{_CN}]+)[、.]")),
    ("paren_cn", re.compile(rf"^（([{_CN}]+)）")),
    ("num", re.compile(r"^(\d{1,2})(?:[、]|\.(?!\d))")),
    ("paren_num", re.compile(r"^（(\d{1,2})）")),
]
_STYLE_NUMBER = dict(_NUMBERED)
_DIGIT = {ch: k for k, ch in enumerate("一二三四五六七八九", start=1)}
_BARE_NUMBER_MAX = 7  # ``第十二部分``, ``（二十三）``: no number alone is longer
# ``第一，牢记第一要务，凝神聚力抓发展``: a heading only as a short line of its own, since
# speeches also start paragraphs with 第一，… .
_ORDINAL = re.compile(rf"^第[{_CN}]+[，,、]")
ORDINAL_MAX = 30
# A part named by its period: ``2019年工作回顾``, ``2020年工作目标和主要任务``,
# ``“十四五”时期工作回顾``, ``今年工作安排``.
_YEAR_HEADING = re.compile(
    r"^(?:\d{4}|20xx|二[〇零○][一二三四五六七八九〇零○]{2}|今年|明年|去年|过去一年|过去五年|"
    r"“?十[一二三四五六七]五”?)(?:年度|年|时期|规划)?"
    r"[^。！？；，]{0,12}(?:回顾|安排|总结|任务|打算|计划|目标|工作|实事|部署|建议|思路|措施|成就|情况)$"
)
_TRAILER = re.compile(
    r"^(?:附件.{0,8}|附录.{0,8}|.{0,14}(?:注释|名词解释|名词注释|实事|附表|说明))[:：]?$"
)
_DECORATION = "※★☆●◆■□▲△◇○·•*#=-—_ "
_BRACKETS = "【】[]〔〕"  # around a trailer heading (``【名词解释】``), not a numbered one
TITLE_MAX = 45
TITLE_SCAN = 80  # how far a long title's full stop is looked for
_SENTENCE_END = re.compile("[。！？；]")
BARE_MAX = 30
_NOT_BARE_END = frozenset("。！？；，、：:;,!?…")
# What an unnumbered part heading is about; a slogan heading has a colon instead
# (``开启新征程：确保…``). A scraped fragment (``中国驰名商标``) has neither.
_PART_WORDS = re.compile(
    r"回顾|安排|任务|目标|工作|建设|展望|建议|部署|成就|情况|思路|措施|实事|打算|计划|总结|重点"
)
_FINISHED = frozenset("。！？；：:;!?…”’）)」』")


@dataclass(frozen=True)
class Heading:
    """A heading found at the start of a line: its style and title length in the line."""

    style: Style
    title_length: int


def _title_length(text: str, marker_end: int) -> int:
    """How much of a line is heading: all of a short line of its own, or up to the first
    sentence end (。；！？, looked for up to ``TITLE_SCAN``: a 47-character title ending in 。
    was cut at 30) or, within ``TITLE_MAX``, colon or gap, whichever comes first (a run-in
    title ``产业结构更趋合理。 探索…`` kept its 。, ``重点任务。主要包括：`` its body)."""
    start = marker_end + 2
    colon = text.find("：", start, TITLE_MAX)
    end = _SENTENCE_END.search(text, start, TITLE_SCAN)
    stop = end.start() if end else -1
    if len(text) <= TITLE_MAX and stop == -1:
        return colon if colon != -1 else len(text)
    found = [k for k in (stop, colon, text.find(" ", start, TITLE_MAX)) if k != -1]
    if found:
        return min(found)
    if len(text) <= TITLE_SCAN and not _SENTENCE_END.search(text):
        return len(text)  # a long heading on a line of its own
    return min(len(text), 30)


@lru_cache(maxsize=LINE_CACHE)
def is_trailer_heading(text: str) -> bool:
    """An appendix or notes heading (``附件``, ``名词解释``, ``※名词解释※``, ``【名词解释】``,
    ``名 词 解 释``, ``2024年民生实事``); a numbered one (``（一）办好十件实事``) is a topic of
    the plan instead."""
    core = text.strip(_DECORATION + _BRACKETS).replace(" ", "")
    numbered = any(pattern.match(core) for _, pattern in _NUMBERED)
    return 0 < len(core) <= 24 and not numbered and bool(_TRAILER.match(core))


@lru_cache(maxsize=LINE_CACHE)
def detect(text: str) -> Heading | None:
    """The numbered, year or trailer heading at the start of a stripped line, or ``None``."""
    if len(text) <= 24 and (_YEAR_HEADING.match(text) or is_trailer_heading(text)):
        return Heading("top", len(text))
    for style, pattern in _NUMBERED:
        m = pattern.match(text)
        if m and len(text) > m.end():
            return Heading(style, _title_length(text, m.end()))
    if _ORDINAL.match(text) and len(text) <= ORDINAL_MAX and text[-1] not in _NOT_BARE_END:
        return Heading("ordinal", len(text))
    return None


def detect_bare(text: str, before: str, after: str) -> Heading | None:
    """An unnumbered heading: a short line of words between a finished sentence and text.

    ``before`` and ``after`` are the neighbouring lines (empty at an edge).
    """
    core = text.replace(" ", "")
    if not 4 <= len(core) <= BARE_MAX or core[-1] in _NOT_BARE_END:
        return None
    if sum(1 for ch in core if is_han(ch)) < 0.6 * len(core):
        return None
    if not before or before.rstrip()[-1] not in _FINISHED or not after:
        return None
    if "：" not in core[2:-2] and not _PART_WORDS.search(core):
        return None
    return Heading("bare", len(text))


def numbered_as(text: str, style: Style) -> int | None:
    """The number a heading of ``style`` opens with (``三、`` 3, ``（十二）`` 12, ``4.`` 4), if
    it is numbered so; ``text`` as the line view has it (brackets width-folded)."""
    pattern = _STYLE_NUMBER.get(style)
    m = pattern.match(text) if pattern else None
    if m is None:
        return None
    value = m.group(1)
    return int(value) if value.isdigit() else _chinese_number(value)


def _chinese_number(text: str) -> int | None:
    """一 to 九十九 as written in headings (十, 十二, 二十, 二十三)."""
    if "十" not in text:
        return _DIGIT.get(text) if len(text) == 1 else None
    tens, _, units = text.partition("十")
    high = 1 if not tens else _DIGIT.get(tens)
    low = 0 if not units else _DIGIT.get(units)
    if high is None or low is None or len(tens) > 1 or len(units) > 1:
        return None
    return high * 10 + low


def is_bare_number(text: str) -> bool:
    """Whether a line is only a heading's number (``（五）``), its title put on the next line."""
    return len(text) <= _BARE_NUMBER_MAX and any(
        (m := p.match(text)) is not None and m.end() == len(text) for _, p in _NUMBERED
    )

"""Ordinary variants of a report, as copies of it are found, and the prose-coverage measure.

Each variant keeps all of the report's prose and changes only its layout or its
furniture: the tests assert that the outline still holds (nearly) all of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from compare import Document

SENTENCE = re.compile(r"[^。！？；!?;\n]*[。！？；!?;]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ADDRESS = re.compile(r"^\s*各\s*位\s*代\s*表\s*[：:！!，,]?\s*$")
_CLOSING = re.compile(r"^\s*各\s*位\s*代\s*表\s*[！!，,：:]")
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))"
)


def han(text: str) -> int:
    return len(_HAN.findall(text))


def prose_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text`` that read as prose (15+ Han characters, mostly Han)."""
    spans = []
    for m in SENTENCE.finditer(text):
        sentence = m.group(0)
        n = han(sentence)
        if n >= 15 and n >= 0.6 * len(sentence.strip()):
            spans.append((m.start(), m.end()))
    return spans


def prose_coverage(doc: Document) -> float:
    """Share of the report's prose (in Han characters) that lies inside the outline's sections.

    A sentence counts as inside when it lies within ``[first section start, last
    section end]`` (sections tile the body without gaps).
    """
    spans = prose_sentences(doc.original)
    total = sum(han(doc.original[s:e]) for s, e in spans)
    if not total or not doc.sections:
        return 0.0 if total else 1.0
    lo, hi = doc.sections[0].start, doc.sections[-1].end
    inside = sum(han(doc.original[s:e]) for s, e in spans if lo <= s and e <= hi + 1)
    return inside / total


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _address_index(lines: list[str]) -> int:
    return next(k for k, line in enumerate(lines) if _ADDRESS.match(line))


def without_address(text: str) -> str:
    """Copied without the lone 各位代表： line: it starts 现在，我代表…"""
    lines = _lines(text)
    del lines[_address_index(lines)]
    return "\n".join(lines)


def without_title_block(text: str) -> str:
    """Copied from the first paragraph on: no title, date, speaker or address."""
    lines = _lines(text)
    return "\n".join(lines[_address_index(lines) + 1 :])


def _closing_index(lines: list[str]) -> int:
    return max(k for k, line in enumerate(lines) if _CLOSING.match(line) and len(line) > 20)


def closing_not_addressed(text: str) -> str:
    """The closing paragraph without its 各位代表！ (it starts with the exhortation)."""
    lines = _lines(text)
    k = _closing_index(lines)
    lines[k] = _CLOSING.sub("", lines[k], count=1)
    return "\n".join(lines)


def closing_dropped(text: str) -> str:
    """No closing paragraph at all: the report ends with its last topic."""
    lines = _lines(text)
    del lines[_closing_index(lines)]
    return "\n".join(lines)


def exclamations_inside(text: str) -> str:
    """各位代表！ on a line of its own before every other numbered part, as national
    reports do in mid-text."""
    out = []
    for k, line in enumerate(_lines(text)):
        if _HEADING.match(line) and k % 2:
            out.append("各位代表！")
        out.append(line)
    return "\n".join(out)


def sentence_per_line(text: str) -> str:
    """One sentence per line, as sentence-aligned corpora give reports."""
    out = []
    for line in _lines(text):
        parts = [p for p in re.split(r"(?<=[。！？；])", line) if p.strip()]
        out.extend(parts or [line])
    return "\n".join(out)


def headings_run_in(text: str) -> str:
    """Each numbered heading run into its first paragraph on one line."""
    lines = _lines(text)
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        nxt = k + 1
        while nxt < len(lines) and not lines[nxt].strip():
            nxt += 1
        if _HEADING.match(line) and len(line.strip()) < 40 and nxt < len(lines):
            out.append(line.rstrip() + " " + lines[nxt].strip())
            k = nxt + 1
        else:
            out.append(line)
            k += 1
    return "\n".join(out)


def with_trailers(text: str) -> str:
    """An appendix of projects and notes after the close."""
    appendix = [
        "附件：2024年民生实事",
        "1.新建城北第二小学",
        "2.改造老旧小区12个",
        "3.新增公共停车位800个",
        "名词解释",
        "[1]“放管服”：简政放权、放管结合、优化服务，是深化行政体制改革的重要举措。",
        "[2]“河长制”：由各级党政主要负责人担任河长，负责组织领导相应河湖的管理和保护工作。",
    ]
    return text.rstrip("\n") + "\n" + "\n".join(appendix) + "\n"


def with_page_chrome(text: str) -> str:
    """The page around it: navigation, index number, counters above; footer below."""
    above = [
        "首页 > 政务公开 > 政府工作报告",
        "索引号：000014349/2024-00012  发布机构：区政府办",
        "发布日期：2024-01-15  浏览次数：1024",
        "【字体：大 中 小】",
    ]
    below = [
        "【打印本页】【关闭窗口】",
        "相关文章",
        "关于印发2024年重点工作任务分解方案的通知",
        "版权所有：区人民政府办公室  网站标识码：1234567890",
    ]
    return "\n".join(above) + "\n" + text.rstrip("\n") + "\n" + "\n".join(below) + "\n"


VARIANTS: dict[str, Callable[[str], str]] = {
    "as_is": lambda text: text,
    "without_address": without_address,
    "without_title_block": without_title_block,
    "closing_not_addressed": closing_not_addressed,
    "closing_dropped": closing_dropped,
    "exclamations_inside": exclamations_inside,
    "sentence_per_line": sentence_per_line,
    "headings_run_in": headings_run_in,
    "with_trailers": with_trailers,
    "with_page_chrome": with_page_chrome,
}

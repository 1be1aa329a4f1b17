"""Mark district-specific content: figures, places, organisations, named projects.

Only text outside shared phrasing is marked: what both reports say is formula
by definition. Kinds:

- ``figure``: numbers with their units (``18.46亿元``, ``7.8%``, ``8523名``);
- ``place``: words jieba's dictionary tags ``ns``, and the report's own
  government name and its stem (``汉滨区``, ``汉滨``);
- ``organisation``: words tagged ``nt``;
- ``project``: a run of proper-name words ending in a word for a project,
  site or enterprise (``凤凰南路``, ``五里工业集中区``, ``前进大桥``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Literal

from .prepared import Prepared
from .shared import SharedSpan
from .tokens import Token

Kind = Literal["figure", "place", "organisation", "project"]

_FIGURE = re.compile(
    r"\d+(?:\.\d+)?(?:[%‰]|\s*(?:万亿|亿元|万元|千元|元|亿|万|平方米|平方公里|公里|千米|米|亩|公顷|"
    r"户|人次|人|名|个|家|所|座|条|项|次|批|吨|辆|千瓦|兆瓦|张|套|间|栋|处|场|台|件|倍|年|月|日))?"
)
_PROJECT_END = re.compile(
    r"(?:路|大道|大桥|桥|隧道|项目|工程|园区|产业园|开发区|集中区|新区|新城|公园|广场|小学|中学|学校|"
    r"医院|中心|公司|集团|基地|小镇|示范区|片区|社区|村|镇|街道|水库|电站|商圈)$"
)
_NAME_TAGS = frozenset({"ns", "nz", "nt", "nr", "new", "m", "nrt", "j"})
# Words jieba tags as places that name no particular place.
_GENERIC_PLACES = frozenset(
    "城市 城镇 城乡 农村 乡村 全国 中国 全省 全市 全区 全县 新建 东路 西路 南路 北路 城区 市区 "
    "社区 乡镇 街道 基层 地方 国家 中央 省市 县城 集镇 中心 东部 西部 南部 北部 沿线 两岸 "
    "国内 境内 海外 小区 边境 湖区 山区 园区".split()
)
_ORGANISATION_END = re.compile(
    r"(?:局|委员会|办公室|法院|检察院|银行|大学|学院|协会|公司|集团|研究院)$"
)


@dataclass(frozen=True)
class SpecificSpan:
    """District-specific content at ``[start, end)`` of the comparison text."""

    start: int
    end: int
    kind: Kind


def _free(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` touches none of the sorted ``spans``."""
    k = bisect_left(spans, (end, end))
    return not (k > 0 and spans[k - 1][1] > start)


def _government_names(prepared: Prepared) -> set[str]:
    gov = prepared.doc.meta.government
    if not gov:
        return set()
    stem = re.sub(r"(?:自治县|自治旗|区|县|市|旗)$", "", gov)
    return {gov, stem} if len(stem) >= 2 else {gov}


def _projects(tokens: list[Token]) -> list[SpecificSpan]:
    out = []
    for i, token in enumerate(tokens):
        if not _PROJECT_END.search(token.word):
            continue
        j = i
        while (
            j > 0 and i - j < 3 and _is_name(tokens[j - 1]) and tokens[j - 1].end == tokens[j].start
        ):
            j -= 1
        named = j < i or (token.tag in ("ns", "nz", "nt", "new") and len(token.word) >= 3)
        if named:
            out.append(SpecificSpan(tokens[j].start, token.end, "project"))
    return out


def _is_name(token: Token) -> bool:
    return token.tag in _NAME_TAGS and token.word not in _GENERIC_PLACES and len(token.word) >= 2


def _words(prepared: Prepared) -> list[SpecificSpan]:
    own = _government_names(prepared)
    out = []
    for token in prepared.tokens:
        if token.word in own or (token.tag == "ns" and _is_name(token)):
            out.append(SpecificSpan(token.start, token.end, "place"))
        elif token.tag == "nt" and _ORGANISATION_END.search(token.word):
            out.append(SpecificSpan(token.start, token.end, "organisation"))
    return out


def _figures(prepared: Prepared) -> list[SpecificSpan]:
    start, end = prepared.doc.body_start, prepared.doc.body_end
    return [
        SpecificSpan(start + m.start(), start + m.end(), "figure")
        for m in _FIGURE.finditer(prepared.text[start:end])
    ]


def find_specific(prepared: Prepared, shared: list[tuple[int, int]]) -> list[SpecificSpan]:
    """Specific content outside the ``shared`` spans (sorted ``(start, end)`` pairs), in order.

    Where candidates overlap, figures win over projects, and projects over
    single place or organisation words, so each character has one kind.
    """
    candidates = _figures(prepared) + _projects(prepared.tokens) + _words(prepared)
    chosen: list[tuple[int, int]] = []
    out = []
    for span in candidates:
        if not _free(shared, span.start, span.end) or not _free(chosen, span.start, span.end):
            continue
        k = bisect_left(chosen, (span.start, span.end))
        chosen.insert(k, (span.start, span.end))
        out.append(span)
    return sorted(out, key=lambda s: s.start)


def shared_spans_of(runs: list[SharedSpan], side: Literal["a", "b"]) -> list[tuple[int, int]]:
    """The sorted ``(start, end)`` spans one side of the shared runs covers."""
    if side == "a":
        return sorted((r.a_start, r.a_end) for r in runs)
    return sorted((r.b_start, r.b_end) for r in runs)

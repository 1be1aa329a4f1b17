"""Mark district-specific content: figures, places, organisations, named projects.

Only text outside shared phrasing is marked: what both reports say is formula
by definition. Kinds:

- ``figure``: numbers with their units (``18.46亿元``, ``7.8%``, ``8523名``);
- ``place``: words jieba's dictionary tags ``ns``, and the report's own
  government name and its stem (``汉滨区``, ``汉滨``);
- ``organisation``: words tagged ``nt``;
- ``project``: a run of proper-name words ending in a word for a project,
  site or enterprise (``凤凰南路``, ``五里工业集中区``, ``前进大桥``).

jieba tags many ordinary words as names (美丽 and 宜居 as places, 新格局 as an
organisation); :class:`StopLists` holds them, with the rule that drops
footnote and list numbers. Shared runs that are only figures and units
(``万平方米``, ``亿元以上``) are measures, not formula (:func:`is_measure`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Literal

from ..read.chars import letters
from .prepared import Prepared
from .shared import SharedSpan
from .tokens import Tokens

Kind = Literal["figure", "place", "organisation", "project"]

_NUMBER = r"\d+(?:\.\d+)?"
# Longer units first: the regex takes the first alternative that matches.
_UNITS = (
    "万亿元|亿元|万元|千元|元|万美元|美元|平方公里|平方米|立方米|万千瓦|千瓦时|千瓦|兆瓦|公里|千米|米|"
    "公顷|亩|吨|标准箱|人次|户|人|名|个|家|所|座|条|项|次|批|辆|张|套|间|栋|处|场|台|件|倍|起|笔|"
    "口|轮|篇|部|类|枚|头|只|株|棵|床|年|月|日|天|周|小时"
)
_FIGURE = re.compile(rf"{_NUMBER}(?:[%‰]|\s*(?:万亿|亿|万)?(?:余|多)?(?:{_UNITS})?)")
# A measure: figures, units and the words that go with them (以上, 增长...). Two
# reports sharing ``万平方米`` or ``亿元以上`` share no formula.
_MEASURE_WORDS = re.compile(
    rf"(?:{_NUMBER}|万亿|亿|万|千|百|余|多|[%‰]|{_UNITS}|以上|以下|左右|分别|同比|增长|下降|达到|超过|累计|约|共)"
)
_PROJECT_END = re.compile(
    r"(?:路|大道|大桥|桥|隧道|项目|工程|园区|产业园|开发区|集中区|新区|新城|公园|广场|小学|中学|学校|"
    r"医院|中心|公司|集团|基地|小镇|示范区|片区|社区|村|镇|街道|水库|电站|商圈)$"
)
# Words ending like a project (…村, …镇) that name a kind of place, never one place:
# 河北省乡村, 新型农村集体经济, 各乡镇 are no projects.
# (Not 村镇: jieba cuts 南韩村镇 and 高林村镇, real towns, into a name and 村镇.)
KINDS_OF_PLACE = frozenset("乡村 农村 城镇 乡镇 各乡镇".split())
_ORGANISATION_END = re.compile(
    r"(?:局|委员会|办公室|法院|检察院|银行|大学|学院|协会|公司|集团|研究院)$"
)

# Ordinary words that jieba's dictionary tags as places (ns) or other names
# (nr, nz, and words its HMM found), so that they would be marked as a place or
# start a "named project". Reviewed by hand from the words so tagged in the
# reports of the corpus and the samples used by three or more governments:
# directions and generic geography, slogans (美丽, 宜居), policy jargon (棚改,
# 康养, 续建), programmes every county runs (雪亮工程, 四好农村路).
ORDINARY_NAMES = frozenset(
    # generic places, directions, parts of a town
    "城市 城镇 城乡 农村 乡村 全国 中国 全省 全市 全区 全县 新建 东路 西路 南路 北路 城区 市区 "
    "社区 乡镇 街道 基层 地方 国家 中央 省市 县城 集镇 中心 东部 西部 南部 北部 沿线 两岸 "
    "国内 境内 海外 小区 边境 湖区 山区 园区 东西 南北 东南 西南 东北 西北 北区 南区 西区 "
    "东城 北城 旧城 老城区 古城 古镇 新区 新村 新街 大街 北街 中路 "
    "大桥 绕城 镇区 重镇 中心镇 大城市 大都市 都市 都市区 大城 大县 周边地区 内陆地区 丘陵地区 "
    "城中村 宜居城市 文明城市 三区 四区 六区 三城 五城 三山 山水 山川 山河 青山 江山 高山 "
    "山坡 山林 山沟 山口 山乡 山镇 河湖 江河 江水 湖泊 滨河 滨海 河畔 河桥 花海 海岛 深海 "
    "深水 远洋 大洋 海洋 平原 高原 江南 湾区 大湾 入口 入海 西站 南站 驻京 驻沪 塘堰 "
    # slogans, qualities and abstractions
    "美丽 宜居 兴旺 安宁 深度 广度 维度 多维度 深度广度 高度肯定 累累硕果 重大胜利 "
    "满意度 法治化 惠及 普及 治本 治安 德治 契约 神圣 福地 兴邦 爱国 青春 英雄 大国 中度 "
    "中极 关联 并联 串联 扎根 涅槃 延时 加密 保鲜 美化 福利 "
    # policy jargon and programmes
    "城建 上市 入市 临港 开园 上门 安家 治沙 防沙 治河 治山 宜林 三边 三北 三中 四中 新旧 "
    "重特大 陆海 中欧 桥头堡 土地利用 城市绿化 确保安全 加大力度 依法治国 旅游名县 百强县 "
    "马克思列宁主义 中华文明 港澳同胞 擂台赛 登山 外联 枫桥 三国 商城 安全工程 六小一 "
    "惠民 智慧 文明 雪亮 天网 大修 小康 养老 续建 改扩建 幼儿园 力争 大力发展 高水平 新一轮 "
    "新开工 建立健全 百佳 零碳 低碳 绿电 碳汇 四好 强基 中试 蓄能 康养 提质 提标 科创 双创 "
    "双千 智算 算力 文旅 文创 非遗 实训 实训楼 研学 赋能 聚力 城投 国控 央企 新上 做强 做优 "
    "补链 强链 延链 引育 强揽 撤乡 互认 严把 乡风 东延 扮靓 拓宽 入地 棚改 征迁 校建 创客 "
    "拓改 控防 抓实 党管 树牢 学段 镇村 区镇村 万企帮 城市更新 深加工 新兴产业 联网 联通 "
    "普通 普通高中 四是 三是 三大 两大 广大干部 "
    # terms of the trade and campaigns the corpus's governments share (3 to 19 of them)
    "新型农村 集成电路 高速铁路 畅其路 万企兴 万村 小镇 每万 对标 路至 党中央".split()
)
# Words tagged nt with an organisational ending that name a kind, not one body.
ORDINARY_ORGANISATIONS = frozenset(
    "新格局 上市公司 商业银行 农业大学 中医药大学 理工大学 财经大学 中国大学 中医学院 商学院 "
    "美术学院 戏剧学院 理工学院 公交公司 钢铁集团 建设局 司法局 交通局 财政局 民政局 农业局 "
    "国税局 招商局 公立医院 中心医院 中医院 民办学校 交易中心 信息中心".split()
)
# Tags a proper name can carry (numbers ``m`` and abbreviations ``j`` such as
# 深化, 研发, 光伏 start no name).
NAME_TAGS = frozenset({"ns", "nz", "nt", "nr", "new", "nrt"})
# Tags of the words a project's name may hold after its first proper name.
_RUN_TAGS = NAME_TAGS | {"m", "j"}


@dataclass(frozen=True)
class StopLists:
    """What is never district-specific: ordinary words, and figure markers.

    ``markers`` drops numbers that only number things: footnote markers
    (``（1）``, ``[24]``), list numbers at a line start (``1.``), and the ``20``
    of a ``20xx`` placeholder. The defaults are :data:`STOP`; the noise bench
    (``bench/specific_noise.py``) passes a baseline to count what they remove.
    """

    names: frozenset[str] = ORDINARY_NAMES
    organisations: frozenset[str] = ORDINARY_ORGANISATIONS
    name_tags: frozenset[str] = NAME_TAGS
    markers: bool = True
    kinds_of_place: frozenset[str] = KINDS_OF_PLACE  # never end a project's name


STOP = StopLists()


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


def is_measure(text: str) -> bool:
    """True when ``text`` holds only figures, units and words such as 以上 or 增长."""
    rest = _MEASURE_WORDS.sub("", letters(text))
    return not rest


def _government_names(prepared: Prepared) -> set[str]:
    gov = prepared.doc.meta.government
    if not gov:
        return set()
    stem = re.sub(r"(?:自治县|自治旗|区|县|市|旗)$", "", gov)
    return {gov, stem} if len(stem) >= 2 else {gov}


def _projects(tokens: Tokens, stop: StopLists) -> list[SpecificSpan]:
    """Runs of up to three words ending in a project word, starting at a proper name.

    Ordinals, counts and ordinary words may sit inside the run (唐县第一中学,
    博鳌零碳示范区) but never start it (一批美丽乡村 is no name).
    """
    words, tags, starts, ends = tokens.words, tokens.tags, tokens.starts, tokens.ends
    out = []
    for i, word in enumerate(words):
        if not _PROJECT_END.search(word) or word in stop.kinds_of_place:
            continue
        j = i
        while j > 0 and i - j < 3 and tags[j - 1] in _RUN_TAGS and ends[j - 1] == starts[j]:
            j -= 1
        while j < i and not _is_name(words[j], tags[j], stop):
            j += 1
        named = j < i or (
            tags[i] in ("ns", "nz", "nt", "new")
            and len(word) >= 3
            and word not in stop.names
            and word not in stop.organisations
        )
        if named:
            out.append(SpecificSpan(starts[j], ends[i], "project"))
    return out


def _is_name(word: str, tag: str, stop: StopLists) -> bool:
    return tag in stop.name_tags and word not in stop.names and len(word) >= 2


def _words(prepared: Prepared, stop: StopLists) -> list[SpecificSpan]:
    own = _government_names(prepared)
    tokens = prepared.tokens
    out = []
    for word, tag, start, end in zip(
        tokens.words, tokens.tags, tokens.starts, tokens.ends, strict=True
    ):
        if word in own or (tag == "ns" and _is_name(word, tag, stop)):
            out.append(SpecificSpan(start, end, "place"))
        elif tag == "nt" and _ORGANISATION_END.search(word) and word not in stop.organisations:
            out.append(SpecificSpan(start, end, "organisation"))
    return out


def _is_marker(text: str, start: int, end: int) -> bool:
    """A number that only numbers: ``（1）``, ``[24]``, ``1.`` at a line start, ``20xx``."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else ""
    bare = text[start:end].isdigit()
    if bare and before in "（([〔【" and after in "）)]〕】":
        return True
    if bare and before == "\n" and after in "、.．":
        return True
    return after in "xX"


def _figures(prepared: Prepared, stop: StopLists) -> list[SpecificSpan]:
    start, end = prepared.doc.body_start, prepared.doc.body_end
    text = prepared.text
    return [
        SpecificSpan(m.start(), m.end(), "figure")
        for m in _FIGURE.finditer(text, start, end)
        if not (stop.markers and _is_marker(text, m.start(), m.end()))
    ]


def find_specific(
    prepared: Prepared, shared: list[tuple[int, int]], stop: StopLists = STOP
) -> list[SpecificSpan]:
    """Specific content outside the ``shared`` spans (sorted ``(start, end)`` pairs), in order.

    Where candidates overlap, figures win over projects, and projects over
    single place or organisation words, so each character has one kind.
    """
    candidates = (
        _figures(prepared, stop) + _projects(prepared.tokens, stop) + _words(prepared, stop)
    )
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

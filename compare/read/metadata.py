"""Read what a report says about itself: government, level, year, title, speaker.

The government is the name the report gives itself, read where reports give it:
the venue (``在保定市满城区第二届人民代表大会``), the title (``2026年河南省政府工作
报告``), the speaker's office (``河北省代省长``) or the opening sentence (``我代表阜平县
人民政府``), each a run of division names parsed against the gazetteer, innermost
unit first. ``全国人民代表大会`` or ``国务院总理`` make it 国务院. A report that never
names itself gets ``None``, and still a level when it says ``我代表区人民政府``.

The year is the year the report plans for: from the date of the session (a
report delivered in December 2023 plans 2024), the title, a plan heading
(``2024年工作安排``) or a review heading (``2019年工作回顾`` plans 2020). Dates in
Chinese numerals (``二〇二六年一月二十七日``) are read with cn2an. ``20xx``
placeholders give no year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Metadata, Role
from .gazetteer import Level, Unit, by_suffix, innermost, most_named
from .line_kinds import bare

_HAN = r"[\u4e00-\u9fff]"
_VENUE = re.compile(rf"在({_HAN}{{2,24}}?)第?[一二三四五六七八九十〇零\d]{{1,3}}届")
# A title's run of names begins the line, or follows its year or a bracket: read whole.
_RUN_START = r"(?:^|(?<=年)|(?<=[^\u4e00-\u9fff\d]))"
_TITLE = re.compile(rf"{_RUN_START}({_HAN}{{2,24}}?)(?:人民)?政府工作报告", re.M)
_TITLE_BEFORE_YEAR = re.compile(
    rf"{_RUN_START}({_HAN}{{2,24}}?)(?:\d{{4}}|[〇零○一二三四五六七八九]{{4}})年", re.M
)
_OFFICE = re.compile(rf"({_HAN}{{2,24}}?)(?:人民政府)?(?:代理|代)?(?:[省市区县州旗盟]长|主席)")
_OPENING = re.compile(rf"我代表({_HAN}{{1,24}}?)人民政府")
_NATIONAL = re.compile(r"全国人民代表大会|国务院总理")
# A speaker's name: two to four characters, or a transcribed one in parts (艾尔肯·吐尼亚孜).
_NAME = rf"{_HAN}{{2,4}}|{_HAN}{{1,8}}(?:[·•・]{_HAN}{{1,8}})+"
# After the office (``省长 王正谱``, ``自治区主席 艾尔肯·吐尼亚孜``, a date in brackets after), or
# on a line of its own right below the dateline (``……第六次会议上`` / ``闫继红``).
_SPEAKER = re.compile(rf"(?:[省市区县州旗盟]长|主席|总理)\n?({_NAME})(?=\n|$|[（(])")
_NOT_A_NAME = re.compile(r"报告|摘要|草案|审议|书面|目录|全文|附件|文件")
_NAME_BELOW_DATELINE = re.compile(rf"(?:大会|会议)[^\n]*\n({_NAME})(?=\n|$)")
_LEVEL_WORD: dict[str, Level] = {
    "省": "province",
    "自治区": "province",
    "市": "city",
    "县": "county",
    "区": "district",
}
_SESSION = re.compile(r"第?[一二三四五六七八九十〇零\d]{1,3}届")
# How a report speaks of its own government: 全县, 我县, 本县 ... and 自治区.
_SELF_WORDS = {unit: tuple(p + unit for p in "全我本") for unit in "省市县区"}
_SELF_WORDS["自治区"] = ("自治区",)
_HEADING_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|（[一二三四五六七八九十]+）|\d{1,2}[、.]|第[一二三四五六七八九十]+部分)"
)

_DATE = re.compile(r"(\d{4})年(\d{1,2})月\d{1,2}日")
_CN_DATE = re.compile(
    r"[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
)
_TITLE_YEAR = re.compile(r"(\d{4})年.{0,12}(?:人民)?政府工作报告")
_PLAN_YEAR = re.compile(r"^(\d{4})年.{0,12}(?:安排|任务|打算|计划|目标|重点工作|主要工作)")
_REVIEW_YEAR = re.compile(r"(\d{4})年.{0,6}(?:回顾|总结|工作情况)")
_YEARS = re.compile(r"(?<!\d)(\d{4})年")


def _units(run: str, clean: bool) -> Unit | None:
    """The government a captured run names, trimming words in front of the names.

    A ``clean`` run (the venue, the opening sentence: nothing but names there)
    may name a unit the table does not know (a new district), read by its suffix.
    """
    run = _SESSION.sub("", run)  # 我代表容城县第十四届人民政府
    if clean:  # nothing but names: read whole, by the table or by the suffixes
        return innermost(run) or by_suffix(run)
    for start in range(len(run) - 1):
        unit = innermost(run[start:])
        if unit is not None:
            return unit
    return None


def _government(header: str, opening: str) -> Unit | None:
    if _NATIONAL.search(header):
        return Unit("国务院", "national", ())
    flat = header.replace("\n", "")
    searches: list[tuple[re.Pattern[str], str, bool]] = [
        (_VENUE, flat, True),
        (_TITLE, header, True),
        (_TITLE_BEFORE_YEAR, header, True),
        (_OFFICE, flat, False),
        (_OPENING, opening, True),
    ]
    for pattern, text, clean in searches:
        for match in pattern.finditer(text):
            unit = _units(match.group(1), clean)
            if unit is not None:
                return unit
    return None


def self_references(body: str) -> dict[str, int]:
    """How often a body speaks of its own government, by unit (全县, 我县, 本县: 县).

    Counted with ``str.count`` (no two of these words can overlap), not by a regular
    expression over the whole body, which took a twentieth of reading such a report."""
    counts = {unit: sum(map(body.count, words)) for unit, words in _SELF_WORDS.items()}
    return {unit: n for unit, n in counts.items() if n}


def _own_level(opening: str, body: str) -> Level | None:
    """The level of a report that does not name itself in its title block: from
    ``我代表区人民政府``, else from how it speaks of itself (``全县``, ``我县``)."""
    m = _OPENING.search(opening)
    if m and m.group(1) in _LEVEL_WORD:
        return _LEVEL_WORD[m.group(1)]
    counts = self_references(body)
    if not counts:
        return None
    word = max(sorted(counts), key=lambda w: counts[w])
    return _LEVEL_WORD[word]


def _arabic_dates(text: str) -> str:
    """Dates in Chinese numerals rewritten in digits (cn2an is imported only when needed)."""
    if not _CN_DATE.search(text):
        return text
    import cn2an  # about 0.15 s to import: only reports dated in Chinese numerals pay it

    def convert(m: re.Match[str]) -> str:
        return str(cn2an.transform(m.group(0), "cn2an"))

    return _CN_DATE.sub(convert, text.replace("○", "〇"))


def _first(pattern: re.Pattern[str], texts: Iterable[str]) -> re.Match[str] | None:
    for text in texts:
        m = pattern.search(text)
        if m:
            return m
    return None


def _year(header: str, parts: list[tuple[str, Role | None]]) -> int | None:
    """The year planned for: session date, title, plan heading, review heading + 1."""
    dated = _DATE.search(_arabic_dates(header))
    if dated:
        year, month = int(dated.group(1)), int(dated.group(2))
        return year + 1 if month >= 10 else year
    titles = [_HEADING_NUMBER.sub("", t) for t, _ in parts]
    m = _TITLE_YEAR.search(header) or _first(_PLAN_YEAR, titles)
    if m:
        return int(m.group(1))
    for title, role in parts:
        years = _YEARS.findall(title)
        if role == "plan" and len(years) == 1:
            return int(years[0])
    m = _first(_REVIEW_YEAR, titles)
    if m:
        return int(m.group(1)) + 1
    for title, role in parts:
        years = _YEARS.findall(title)
        if role == "review" and len(years) == 1:
            return int(years[0]) + 1
    return None


def _title(header: list[str], header_original: list[str]) -> str | None:
    """The title line as written (with fragments of it on lines above), without its
    dateline; found on the normalised lines, so 報告 is a 报告 too."""
    parts: list[str] = []
    for norm, line in zip(header, header_original, strict=True):
        parts.append(re.sub(r"\s*\n\s*", "", line).strip())  # a title cut by a scraper
        if "报告" in bare(norm):
            title = "".join(parts).split("——")[0].strip()
            return re.sub(rf"(?<={_HAN}) +(?={_HAN})", "", title) or None
        if re.search(r"[。！？：]$", line.strip()):
            parts = []
    return None


def _speaker(header: str) -> str | None:
    m = _SPEAKER.search(header)
    if m is None:
        m = _NAME_BELOW_DATELINE.search(header)
        if m is not None and _NOT_A_NAME.search(m.group(1)):
            return None  # ``摘要``, ``审议稿``: the document's own words
    return m.group(1) if m else None


def read_metadata(
    header: list[str],
    header_original: list[str],
    parts: list[tuple[str, Role | None]],
    opening: str,
    body: str,
) -> Metadata:
    """Metadata from the title block lines (normalised and as written), the section
    headings (normalised, with their roles), the first paragraph and the body text."""
    joined = "\n".join(bare(line) for line in header)
    flat = joined.replace("\n", "")
    unit = _government(joined, bare(opening))
    level = unit.level if unit else _own_level(bare(opening), body)
    if unit is None and level is not None and level != "national":
        unit = most_named(body, level)  # copied without its title block: 容城 in 全县's text
    return Metadata(
        government=unit.name if unit else None,
        year=_year(flat, [(bare(t), role) for t, role in parts]),
        title=_title(header, header_original),
        speaker=_speaker(joined),
        level=level,
        parents=unit.parents if unit else (),
    )

"""Give sections their roles: review, plan, self_government, closing...

Headings say what a part is in most reports (``2019年工作回顾``,
``今年目标任务``, ``加强政府自身建设``); where a heading is a slogan
(``美丽金安建设迈出坚实步伐``), its first sentences tell: a review looks back
(``刚刚过去的2019年``, ``一年来``), a plan looks ahead.
"""

from __future__ import annotations

import re

from ..model import Role, Section
from .normalise import simplify

_SELF = re.compile(
    r"自身(?:能力|作风)?建设|政府建设|人民满意|贯穿政府工作|服务型政府|政府治理|政府职能|作风建设|廉洁政府|法治政府"
    r"|清廉政府|(?:建设|打造)[^，。；]{0,10}政府(?![^，。；]{0,4}(?:合作|投资|债务))"
)
# A paragraph about the government itself (an unheaded self-building part).
SELF_BUILDING_TEXT = re.compile(
    r"自身建设|政府建设|依法行政|廉洁|作风建设|政绩观|履职能力|法治政府|服务型政府|人民满意的政府"
    r"|对政府工作提出"  # ``…对政府工作提出了新的更高要求``, how such a part opens
)
_REVIEW = re.compile(r"回顾|总结|过去|去年|成就|成绩|一年来")
_PLAN = re.compile(r"安排|任务|目标|计划|打算|重点|今年|思路|展望|部署|建议")
_NOTES = re.compile(r"注释|名词解释|附注")
_APPENDIX = re.compile(r"实事|附件|附表")
_LOOKS_BACK = re.compile(r"过去|一年来|去年|刚刚|回顾")


_YEAR = re.compile(r"(?<!\d)(\d{4})年")


def is_self_heading(title: str) -> bool:
    """Whether a heading names the government's own building (``加强政府自身建设``)."""
    return bool(_SELF.search(simplify(title)))


def _by_heading(original_title: str) -> Role | None:
    """The role a heading names; with both review and plan words (``发展成就和…目标任务``),
    the one named last, as a title that looks back and ahead leads to what comes next.
    Spaces in a title (``名 词 解 释``, ``进 一步``) are layout, not words."""
    title = simplify(original_title).replace(" ", "")
    if _NOTES.search(title):
        return "notes"
    if _APPENDIX.search(title):
        return "appendix"
    if _SELF.search(title):
        return "self_government"
    review = [m.start() for m in _REVIEW.finditer(title)]
    plan = [m.start() for m in _PLAN.finditer(title)]
    if review and plan:
        return "plan" if plan[-1] > review[-1] else "review"
    if review:
        return "review"
    if plan:
        return "plan"
    return None


def _heading_years(sections: list[Section]) -> list[int | None]:
    """The year each top-level heading names (``关于2012年政府工作``), if any."""
    years: list[int | None] = []
    for section in sections:
        m = _YEAR.search(section.title)
        years.append(int(m.group(1)) if m else None)
    return years


def assign_roles(sections: list[Section], lead_texts: list[str]) -> None:
    """Set roles of top-level sections in place; ``lead_texts`` are their first sentences.

    Opening, closing and headless notes are set by the outline builder; the rest by heading,
    then by what the first sentences look at, then by position (a part after
    the review that is not self-building is the plan).
    """
    seen_review = False
    years = _heading_years(sections)
    latest = max((y for y in years if y is not None), default=None)
    last_part = max((k for k, s in enumerate(sections) if s.role is None), default=-1)
    for k, (section, lead, year) in enumerate(zip(sections, lead_texts, years, strict=True)):
        if section.role is not None:
            continue  # opening, closing and notes without a heading are known already
        role = _by_heading(section.title)
        if role is None and year is not None and latest is not None and year < latest:
            role = "review"  # a part about an earlier year than the others looks back
        if role is None:
            if not seen_review and _LOOKS_BACK.search(lead[:80]):
                role = "review"
            elif seen_review:
                last = k == last_part
                role = "self_government" if last and _opens_self_building(lead) else "plan"
        if role is None:
            role = "body"
        section.role = role
        seen_review = seen_review or role == "review"
        if role == "plan":
            _assign_child_roles(section)


# A first sentence that announces the self-building part (narrower than a paragraph's
# words: a plan part may open on 依法行政 or 廉洁 in its first sentence).
_OPENS_SELF = re.compile(r"自身建设|政府建设|对政府(?:自身|工作)[^。]{0,6}提出")


def _opens_self_building(lead: str) -> bool:
    """Whether a part's first sentence announces the government's own building (``四、全力
    营造风清气正的工作氛围`` opens ``…对政府自身建设提出新的更高要求。``): asked of the last
    part before the closing alone, whose heading is a slogan."""
    return bool(_OPENS_SELF.search(lead.split("。", 1)[0]))


def _assign_child_roles(plan: Section) -> None:
    """Plan topics keep no role, except self-building, which some reports nest in the plan."""
    for child in plan.children:
        if _SELF.search(simplify(child.title)):
            child.role = "self_government"

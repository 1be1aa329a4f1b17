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
    r"自身建设|政府建设|人民满意|服务型政府|政府治理能力|政府职能|作风建设|廉洁政府|法治政府"
)
_REVIEW = re.compile(r"回顾|总结|过去|去年|成就|成绩|一年来")
_PLAN = re.compile(r"安排|任务|目标|计划|打算|重点|今年|思路|展望|部署")
_NOTES = re.compile(r"注释|名词解释|附注")
_APPENDIX = re.compile(r"实事|附件|附表")
_LOOKS_BACK = re.compile(r"过去|一年来|去年|刚刚|回顾")


def _by_heading(original_title: str) -> Role | None:
    title = simplify(original_title)
    if _NOTES.search(title):
        return "notes"
    if _APPENDIX.search(title):
        return "appendix"
    if _SELF.search(title):
        return "self_government"
    if _REVIEW.search(title):
        return "review"
    if _PLAN.search(title):
        return "plan"
    return None


def assign_roles(sections: list[Section], lead_texts: list[str]) -> None:
    """Set roles of top-level sections in place; ``lead_texts`` are their first sentences.

    Opening and closing are set by the outline builder; the rest by heading,
    then by what the first sentences look at, then by position (a part after
    the review that is not self-building is the plan).
    """
    seen_review = False
    for section, lead in zip(sections, lead_texts, strict=True):
        if section.role in ("opening", "closing"):
            continue
        role = _by_heading(section.title)
        if role is None:
            if not seen_review and _LOOKS_BACK.search(lead[:80]):
                role = "review"
            elif seen_review:
                role = "plan"
        if role is None:
            role = "body"
        section.role = role
        seen_review = seen_review or role == "review"
        if role == "plan":
            _assign_child_roles(section)


def _assign_child_roles(plan: Section) -> None:
    """Plan topics keep no role, except self-building, which some reports nest in the plan."""
    for child in plan.children:
        if _SELF.search(simplify(child.title)):
            child.role = "self_government"

"""Read what a report says about itself: government, year, title, speaker.

The year is the year the report plans for. Reports name it in a plan heading
(``2024年工作安排``), a review heading (``2019年工作回顾`` plans 2020), the
date of the session (a report delivered in December 2023 plans 2024) or the
title. ``20xx`` placeholders give no year.
"""

from __future__ import annotations

import re

from ..model import Metadata
from .lines import Line

_VENUE = re.compile(r"在(.{2,14}?)第.{1,4}届人民代表大会")
_GOV_IN_TITLE = re.compile(r"([^\s\d年（）]{2,12}?)(?:人民)?政府工作报告")
_UNIT = re.compile(r"([^省市州盟地区\s]{1,6}(?:自治县|自治旗|区|县|市|旗))$")
_SPEAKER = re.compile(r"(?:区|县|市|旗|州)长\s*([\u4e00-\u9fff][\u4e00-\u9fff ]{1,5})$")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*\d{1,2}\s*日")
_YEAR = re.compile(r"(\d{4})\s*年")
_PLAN_YEAR = re.compile(r"^(\d{4})年.{0,6}(?:安排|任务|打算|计划)")
_REVIEW_YEAR = re.compile(r"(\d{4})年.{0,4}(?:回顾|总结)")


def _government(header: list[str]) -> str | None:
    """The government: innermost unit in the venue line, else the title."""
    for pattern in (_VENUE, _GOV_IN_TITLE):
        for text in header:
            m = pattern.search(text)
            unit = _UNIT.search(m.group(1)) if m else None
            if unit:
                return unit.group(1)
    return None


def _year(header: list[str], titles: list[str]) -> int | None:
    for title in titles:
        m = _PLAN_YEAR.search(title)
        if m:
            return int(m.group(1))
    for title in titles:
        m = _REVIEW_YEAR.search(title)
        if m:
            return int(m.group(1)) + 1
    for text in header:
        m = _DATE.search(text)
        if m:
            year, month = int(m.group(1)), int(m.group(2))
            return year + 1 if month >= 10 else year
    for text in header:
        if "报告" in text:
            m = _YEAR.search(text)
            if m:
                return int(m.group(1))
    return None


def _title(header: list[Line], original_titles: list[str]) -> str | None:
    for line, original in zip(header, original_titles, strict=True):
        if "报告" in line.text:
            return original.split("——")[0].strip() or None
    return None


def _speaker(header: list[str]) -> str | None:
    for text in header:
        m = _SPEAKER.search(text)
        if m:
            return m.group(1).replace(" ", "")
    return None


def read_metadata(
    header: list[Line], header_original: list[str], norm_titles: list[str]
) -> Metadata:
    """Metadata from the title block lines and the section headings (normalised)."""
    texts = [line.text for line in header]
    return Metadata(
        government=_government(texts),
        year=_year(texts, norm_titles),
        title=_title(header, header_original),
        speaker=_speaker(texts),
    )

"""Properties over arbitrary text: no exception, spans in bounds, maps consistent."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare import EmptyReport, compare_reports, parse_report
from compare.read.normalise import compact_view, line_view

FRAGMENTS = [
    "各位代表：",
    "一、",
    "（二）",
    "(3)",
    "1、",
    "2.",
    "2019年工作回顾",
    "2020年工作安排",
    "名词解释",
    "在市委、市政府和区委的坚强领导下，",
    "以习近平新时代中国特色社会主义思想为指导。",
    "鶴城區",
    "增长7.8%",
    "汉滨区",
    "。",
    "，",
    "\n",
    "\n\n",
    "  ",
    "\u3000",
    "\r\n",
    "Ａ１",
    "——",
]
text_strategy = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy)
def test_outline_never_fails_and_spans_are_in_bounds(text: str) -> None:
    try:
        doc = parse_report(text)
    except EmptyReport:
        assert not text.strip()
        return
    n = len(doc.original)
    for section in doc.walk():
        assert 0 <= section.start <= section.end <= n
        # a title rejoined from pieces a scraper cut apart drops the line breaks between them
        inside = re.sub(r"\s+", "", doc.original[section.start : section.end + 1])
        assert inside.startswith(re.sub(r"\s+", "", section.title))
        assert 0 <= section.norm_start <= section.norm_end <= len(doc.norm)
    assert 0 <= doc.body_start <= doc.body_end <= len(doc.norm)


@settings(max_examples=150, deadline=None)
@given(text_strategy)
def test_normalised_characters_map_to_their_originals(text: str) -> None:
    view = compact_view(line_view(text))
    for i, ch in enumerate(view.text):
        start, end = view.to_original(i, i + 1)
        assert 0 <= start < end <= len(text)
        piece = text[start:end]
        if ch in " \n":
            assert piece.isspace()
        else:
            assert len(piece) == 1 and not piece.isspace()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy, text_strategy)
def test_compare_never_fails_and_shared_spans_agree(one: str, two: str) -> None:
    if not one.strip() or not two.strip():
        return
    a, b = parse_report(one, "a"), parse_report(two, "b")
    result = compare_reports(a, b)
    data = result.to_json()
    for run in result.shared:
        assert (
            a.norm.text[run.a_start : run.a_end] == b.norm.text[run.b_start : run.b_end] == run.text
        )
    for entry in data["shared"]:  # type: ignore[attr-defined]
        assert 0 <= entry["a"][0] < entry["a"][1] <= len(one)
        assert 0 <= entry["b"][0] < entry["b"][1] <= len(two)
    for entry in data["specific"]:  # type: ignore[attr-defined]
        limit = len(one) if entry["doc"] == 0 else len(two)
        assert 0 <= entry["span"][0] < entry["span"][1] <= limit
    assert 0.0 <= result.shared_ratio(0) <= 1.0 and 0.0 <= result.shared_ratio(1) <= 1.0

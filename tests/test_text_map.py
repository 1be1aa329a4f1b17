"""Normalisation for comparison keeps an exact map back to the original text."""

from __future__ import annotations

from compare.read.normalise import compact_view, line_view, to_simplified
from compare.textmap import MappedText


def test_traditional_converts_one_to_one() -> None:
    text = "鶴城區政府工作報告：乾在實處、走在前列，催生髮展新活力。"
    simple = to_simplified(text)
    assert len(simple) == len(text)
    assert simple.startswith("鹤城区政府工作报告")
    assert "干在实处" in simple


def test_width_punctuation_and_spaces_fold() -> None:
    text = "全年实现地区生产总值 230 亿元,增长９%(初步统计):时间 15:58"
    view = compact_view(line_view(text))
    assert view.text == "全年实现地区生产总值230亿元，增长9%（初步统计）：时间15:58"


def test_every_character_maps_back() -> None:
    text = "一、美丽金安 建设\n\n  刚刚过去的 2019 年,面对\u3000挑战。\n鶴城區"
    view = compact_view(line_view(text))
    for i, ch in enumerate(view.text):
        start, end = view.to_original(i, i + 1)
        original = text[start:end]
        assert to_simplified(original).strip() or ch == "\n"
    start, end = view.to_original(0, len(view))
    assert (start, end) == (0, len(text))


def test_soft_wraps_join_but_paragraphs_stay() -> None:
    long_line = "一年来，我们狠抓项目稳投资，经济动能持续增强。核心平台日益完善，金安开发区建成凤凰南路、集贤路等5条道路，园区内跨淠干大桥达到5座，三"
    text = long_line + "\n十铺一小西校区建成投用。\n二、今年工作\n"
    view = compact_view(line_view(text))
    assert "三十铺一小" in view.text
    assert "投用。\n二、今年工作" in view.text


def test_from_original_inverts_to_original() -> None:
    mapped = MappedText("abc", [0, 2, 5], [1, 3, 6], 7)
    assert mapped.to_original(1, 3) == (2, 6)
    assert mapped.from_original(2) == 1
    assert mapped.from_original(3) == 2
    assert mapped.to_original(3, 3) == (7, 7)

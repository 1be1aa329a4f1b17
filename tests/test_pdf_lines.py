"""Printed lines of a PDF rejoined into paragraphs (``extract.pdf._join_wrapped``), on
generated lines with known answers."""

from __future__ import annotations

from compare.read.extract.pdf import _join_wrapped

WIDTH = 30


def _full(start: str, end: str = "") -> str:
    """A printed line of full width: ``start``, filler, ``end``."""
    filler = "推动经济高质量发展" * 4
    return start + filler[: WIDTH - len(start) - len(end)] + end


# A wrapped paragraph's full lines: they set what "full width" is.
BODY = [_full("全县上下坚持稳中求进，", "。") for _ in range(8)]


def test_a_note_that_wrapped_once_does_not_take_in_the_next_notes() -> None:
    """The width is that of the last printed line, not of the paragraph joined so far."""
    notes = [
        _full("〔1〕名词一：这是一条较长的注释文字，"),
        "词的具体含义和来历。(见第2页)",
        "〔2〕名词二：这一条注释较短。(见第3页)",
        "〔3〕名词三：这一条注释也较短。(见第4页)",
    ]
    joined = _join_wrapped([*BODY, *notes])
    assert joined[-3:] == [notes[0] + notes[1], notes[2], notes[3]]


def test_a_heading_after_a_paragraph_ending_in_a_closing_quote_stays_a_heading() -> None:
    last = _full("全县上下必须牢记“", "，努力进取。”")
    joined = _join_wrapped([*BODY, last, "二、2023年工作安排", "今年工作的总体要求是稳中求进。"])
    assert joined[-3:] == [last, "二、2023年工作安排", "今年工作的总体要求是稳中求进。"]


def test_a_wrapped_heading_takes_back_its_end_but_not_the_first_short_sentence() -> None:
    cut = _full("（二）坚持创新驱动", "实现新")
    joined = _join_wrapped([*BODY, cut, "突破。坚持把科技创新摆在突出位置。"])
    assert joined[-1] == cut + "突破。坚持把科技创新摆在突出位置。"
    whole = _full("（一）坚持创新驱动", "取得新成效")
    first = "过去的一年极不平凡，成效显著。全县上下团结奋斗。"
    assert _join_wrapped([*BODY, whole, first])[-2:] == [whole, first]


def test_a_line_opening_like_a_heading_inside_a_paragraph_goes_on_the_paragraph() -> None:
    first = _full("全年地区生产总值增长百分之七，", "其中第")
    rest = "一、二、三产业增加值分别增长百分之五。"
    assert _join_wrapped([*BODY, first, rest])[-1] == first + rest


def test_a_venue_line_of_full_width_keeps_the_speakers_line_apart() -> None:
    """新疆 2026's venue line ran full width without a stop and took in 自治区主席 …: the
    speaker was lost."""
    venue = _full("——2026年1月27日在", "第十四届人民代表大会第四次会议上")
    speaker = "自治区主席 艾尔肯·吐尼亚孜"
    assert _join_wrapped([*BODY, venue, speaker, "各位代表："])[-3:] == [
        venue,
        speaker,
        "各位代表：",
    ]

"""A shared run does not begin with a closing quotation mark or bracket, nor end with an
opening one: where two reports quote different things, the mark goes with what differs."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare import compare_reports
from compare.pair.shared import _without_dangling_marks

from .corpus_files import sources

_CLOSING = tuple("）」』”’〕】》)]")
_OPENING = tuple("（「『“‘〔【《([")


def test_marks_at_the_edges_are_left_out() -> None:
    words = ["”", "活动", "，", "深入", "实施", "“"]
    assert _without_dangling_marks(words, 0, 6) == (1, 5)
    assert _without_dangling_marks(words, 3, 3) == (0, 2)  # 深入 实施 “
    assert _without_dangling_marks(["“", "乡村", "”"], 0, 3) == (0, 3)  # a whole quotation
    assert _without_dangling_marks(["”", "“"], 0, 2) == (1, 1)  # nothing left
    for opening, closing in ("〈〉", "〖〗", "﹃﹄", "[]", "{}"):
        assert _without_dangling_marks([closing, "工程", opening], 0, 3) == (1, 2)
    assert _without_dangling_marks(['"', "工程", '"'], 0, 3) == (0, 3)  # points neither way


def test_generated_pair_quoting_different_campaigns(tmp_path: Path) -> None:
    body = (
        "一、工作回顾\n过去一年，我们深入实施“{}”工程，持续开展“{}”活动，积极推进城乡融合发展。\n"
    )
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("某某县政府工作报告\n" + body.format("乡村振兴", "清洁家园"), encoding="utf-8")
    b.write_text("某某县政府工作报告\n" + body.format("科教兴县", "美丽庭院"), encoding="utf-8")
    runs = [run.text for run in compare_reports(str(a), str(b)).shared]
    assert "过去一年，我们深入实施" in runs
    assert any(run.startswith("工程，持续开展") for run in runs)
    assert not any(run.startswith(_CLOSING) or run.endswith(_OPENING) for run in runs)


# Real pairs where runs began with ” or ended with “ before the marks were left out.
_PAIRS = [
    ("anguo_city_2020", "anguo_city_2022"),
    ("boye_county_2021", "boye_county_2022"),
]


@pytest.mark.parametrize(("name_a", "name_b"), _PAIRS)
def test_real_runs_do_not_dangle_marks(name_a: str, name_b: str) -> None:
    paths = {source.path.stem: source.path for source in sources()}
    result = compare_reports(str(paths[name_a]), str(paths[name_b]))
    runs = [run.text for run in result.shared]
    assert len(runs) > 100
    dangling = [run for run in runs if run.startswith(_CLOSING) or run.endswith(_OPENING)]
    assert dangling == []

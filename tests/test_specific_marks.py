"""District-specific marks: ordinary words, footnote markers and units are not marked."""

from __future__ import annotations

import pytest

from compare import Document, compare_reports, parse_report
from compare.pair.prepared import prepare
from compare.pair.specific import NAME_TAGS, STOP, StopLists, find_specific, is_measure

NO_STOP = StopLists(
    names=frozenset(),
    organisations=frozenset(),
    name_tags=NAME_TAGS | {"m", "j"},
    markers=False,
    kinds_of_place=frozenset(),
)


def _marks(doc: Document, stop: StopLists = STOP) -> set[tuple[str, str]]:
    p = prepare(doc)
    return {(p.text[s.start : s.end], s.kind) for s in find_specific(p, [], stop)}


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("美丽", "place"),
        ("宜居", "place"),
        ("都市", "place"),
        ("满意度", "place"),
        ("广大干部", "place"),
        ("新格局", "organisation"),
        ("美丽乡村", "project"),
        ("续建项目", "project"),
    ],
)
def test_ordinary_words_are_not_marked(samples: dict[str, Document], word: str, kind: str) -> None:
    """Each word was marked somewhere in the samples without the stop lists, and is not now."""
    noisy = [name for name, doc in samples.items() if (word, kind) in _marks(doc, NO_STOP)]
    assert noisy
    for name in noisy:
        assert (word, kind) not in _marks(samples[name]), name


@pytest.mark.parametrize(
    ("sample", "marker"),
    [
        ("luojiang-2024", "（1）"),  # footnote markers
        ("luojiang-2024", "（24）"),
        ("hecheng-20xx-traditional", "20xx"),  # a placeholder year
        ("yingze-2018", "\n1、"),  # a list number
    ],
)
def test_markers_are_not_figures(samples: dict[str, Document], sample: str, marker: str) -> None:
    doc = samples[sample]
    p = prepare(doc)
    digits = [i for i in range(len(p.text)) if p.text.startswith(marker, i)]
    digits = [i + k for i in digits for k, ch in enumerate(marker) if ch.isdigit()]
    digits = [i for i in digits if doc.body_start <= i < doc.body_end]
    assert digits
    for stop, marked in ((NO_STOP, True), (STOP, False)):
        figures = [s for s in find_specific(p, [], stop) if s.kind == "figure"]
        hit = any(s.start <= i < s.end for s in figures for i in digits)
        assert hit is marked


@pytest.mark.parametrize(
    ("sample", "word", "kind"),
    [
        ("hanbin-2020", "汉滨区", "place"),
        ("hanbin-2020", "18.46亿元", "figure"),
        ("hanbin-2020", "城东新区", "project"),
        ("luojiang-2024", "白马关镇", "project"),
        ("jinan-2020", "金安区", "place"),
        ("hecheng-20xx-traditional", "6300余万元", "figure"),
    ],
)
def test_real_names_and_figures_stay_marked(
    samples: dict[str, Document], sample: str, word: str, kind: str
) -> None:
    assert (word, kind) in _marks(samples[sample])


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("万平方米", True),
        ("亿元以上", True),
        ("万美元，分别", True),
        ("2019年", True),
        ("增长10%以上。", True),
        ("地区生产总值增长8%", False),
        ("企业20家", False),
        ("以习近平新时代中国特色社会主义思想为指导", False),
    ],
)
def test_measures(text: str, measure: bool) -> None:
    assert is_measure(text) is measure


def test_shared_units_are_not_formula() -> None:
    """Two reports that share only a unit: no shared run, and each figure is marked whole."""
    head = "某县政府工作报告\n各位代表：\n一、工作回顾\n"
    a = parse_report(head + "今年新建标准化厂房4万平方米，全部投入使用。\n", "a.txt")
    b = parse_report(head + "城区新增公园绿地12万平方米，群众休闲更方便。\n", "b.txt")
    result = compare_reports(a, b)
    assert not any("平方米" in run.text for run in result.shared)
    figures = [
        result.docs[side].norm.text[s.start : s.end]
        for side in (0, 1)
        for s in result.specific[side]
        if s.kind == "figure"
    ]
    assert "4万平方米" in figures and "12万平方米" in figures


def test_terms_many_governments_share_are_no_projects() -> None:
    """On the real corpus, project marks that 3 to 19 governments shared were terms of the
    trade (集成电路, 新型农村 of 新型农村集体经济, 高速铁路) or a kind of place after a
    name (河北省乡村, 各乡镇): none is a project now, and the roads, parks and new areas
    the reports name still are."""
    from collections import defaultdict

    from compare import load_report

    from .corpus_files import corpus_paths

    paths = corpus_paths()
    if not paths:
        pytest.skip("../shared/corpus is not beside the checkout")
    governments: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        doc = load_report(str(path))
        for mark in find_specific(prepare(doc), []):
            if mark.kind == "project":
                governments[doc.norm.text[mark.start : mark.end]].add(doc.meta.government or "")
    for generic in ("集成电路", "新型农村", "高速铁路", "河北省乡村", "各乡镇", "党中央指路"):
        assert generic not in governments, generic
    for named in ("雄安新区", "中关村", "复兴路", "滨河公园"):
        assert len(governments[named]) >= 3, named
    # towns jieba cuts into a name and 村镇 stay marked (满城 2022, 徐水 2010)
    assert "南韩村镇" in governments and "高林村镇" in governments

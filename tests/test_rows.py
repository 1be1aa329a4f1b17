"""Rows of counterpart sentences and their redlines, on generated cases and real reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare import Comparison, Document, compare_reports, load_report, parse_report
from compare.pair.redline import Redliner
from compare.pair.rows import shown_span

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

REVIEW = [
    "全年实现地区生产总值18.46亿元，增长7.5%。",
    "我们坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实党中央决策部署。",
    "新建标准化厂房4万平方米，引进汉江纺织等企业12家。",
    "城乡居民人均可支配收入分别增长8.1%和9.2%。",
    "各项社会事业全面进步，人民群众获得感明显增强。",
]
CHANGED = [
    "全年实现地区生产总值20.3亿元，增长6.8%。",
    REVIEW[1],
    "新建标准化厂房7万平方米，引进秦岭电子等企业9家。",
    # REVIEW[3] dropped
    "各项社会事业全面进步，人民群众获得感明显增强。",
    "全力做好疫情防控，复工复产有序推进。",  # new
]


def _report(county: str, year: int, sentences: list[str]) -> str:
    return (
        f"{county}{year}年政府工作报告\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n"
        f"一、{year - 1}年工作回顾\n" + "".join(sentences) + "\n"
        f"二、{year}年工作安排\n今年要稳中求进，抓好各项工作。\n各位代表，让我们团结奋斗！\n"
    )


@pytest.fixture(scope="module")
def derived() -> Comparison:
    a = parse_report(_report("汉滨县", 2020, REVIEW), "a.txt")
    b = parse_report(_report("旬阳县", 2021, CHANGED), "b.txt")
    return compare_reports(a, b)


def _texts(result: Comparison, side: int, units: tuple[object, ...]) -> str:
    doc = result.docs[side]
    return "".join(doc.norm.text[u.start : u.end] for u in units)  # type: ignore[attr-defined]


def test_rows_put_known_counterparts_side_by_side(derived: Comparison) -> None:
    review = next(
        k for k, p in enumerate(derived.pairs) if p.a is not None and p.a.role == "review"
    )
    rows = derived.rows[review]
    matched = {_texts(derived, 0, r.a): _texts(derived, 1, r.b) for r in rows if r.matched}
    for k in (0, 2):  # figures and names changed: still counterparts
        assert matched[REVIEW[k]] == CHANGED[k]
    assert matched[REVIEW[1]] == REVIEW[1]
    assert matched[REVIEW[4]] == REVIEW[4]
    one_sided = [(_texts(derived, 0, r.a), _texts(derived, 1, r.b)) for r in rows if not r.matched]
    assert (REVIEW[3], "") in one_sided
    assert ("", CHANGED[4]) in one_sided


def test_redline_marks_the_changed_details(derived: Comparison) -> None:
    rows = [r for section in derived.rows for r in section if r.matched]
    by_a = {_texts(derived, 0, r.a): r for r in rows}
    a, b = derived.docs

    def changes(row_text: str) -> tuple[list[str], list[str], set[tuple[int, str, str]]]:
        line = by_a[row_text].redline
        assert line is not None
        slots = {(s.side, (a, b)[s.side].norm.text[s.start : s.end], s.kind) for s in line.slots}
        return (
            [a.norm.text[s:e] for s, e in line.deleted],
            [b.norm.text[s:e] for s, e in line.inserted],
            slots,
        )

    deleted, inserted, slots = changes(REVIEW[0])
    assert by_a[REVIEW[0]].near_duplicate
    assert "".join(deleted) == "18.467.5%" and "".join(inserted) == "20.36.8%"
    assert (0, "7.5%", "figure") in slots and (1, "6.8%", "figure") in slots
    deleted, inserted, slots = changes(REVIEW[2])
    assert by_a[REVIEW[2]].near_duplicate
    assert any("汉江" in d for d in deleted) and any("秦岭" in i for i in inserted)
    assert (0, "12", "figure") in slots and (1, "9", "figure") in slots  # 家 is kept
    assert (0, "4", "figure") in slots and (1, "7", "figure") in slots
    assert not by_a[REVIEW[1]].near_duplicate  # identical: nothing changed
    assert by_a[REVIEW[1]].redline is not None and not by_a[REVIEW[1]].redline.changed
    heading = next(r for section in derived.rows for r in section if r.heading and r.a)
    assert heading.redline is not None


def test_dates_in_a_change_are_dates(derived: Comparison) -> None:
    rows = [r for section in derived.rows for r in section if r.heading and r.near_duplicate]
    kinds = {s.kind for r in rows for s in (r.redline.slots if r.redline else ())}
    assert "date" in kinds  # 2019年工作回顾 against 2020年工作回顾


def _check_rows_cover_sections(result: Comparison) -> None:
    """Every sentence of each report's parts is on exactly one row (a part's text after
    its last topic and a topic paired across levels included), and each block shows its
    section's sentences in reading order."""
    for side, prepared in ((0, result.a), (1, result.b)):
        sections = prepared.doc.sections
        expected = prepared.units_in(
            prepared.sentences, sections[0].norm_start, sections[-1].norm_end
        )
        shown = [u for rows in result.rows for r in rows for u in (r.a if side == 0 else r.b)]
        assert sorted(shown, key=lambda u: u.start) == expected
    for pair, rows in zip(result.pairs, result.rows, strict=True):
        for side, section in ((0, pair.a), (1, pair.b)):
            prepared = result.a if side == 0 else result.b
            units = [u for r in rows for u in (r.a if side == 0 else r.b)]
            if section is None:
                assert units == []
                continue
            span = shown_span(section, pair.children_apart())
            assert units == prepared.units_in(prepared.sentences, *span)
        for row in rows:
            assert row.matched == (row.redline is not None)
            if row.matched:
                assert len(row.a) == len(row.b) == 1


def _with_topics(year: int, closing_words: str) -> str:
    """A report whose review has two topics and then a paragraph of its own."""
    return (
        f"汉滨县{year}年政府工作报告\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n"
        f"一、{year - 1}年工作回顾\n过去一年，全县经济平稳运行。\n"
        "（一）工业经济稳中有进。新建标准化厂房4万平方米，引进纺织企业12家。\n"
        "（二）民生事业全面进步。新增城镇就业2100人，改造农村公路80公里。\n"
        f"{closing_words}我们也清醒地看到，经济总量小、产业层次低的问题依然突出。\n"
        f"二、{year}年工作安排\n今年要稳中求进，抓好各项工作。\n各位代表，让我们团结奋斗！\n"
    )


def test_a_parts_text_after_its_last_topic_has_rows() -> None:
    """Known answer: the review's paragraph after topic (二) is a block of its own,
    titled as the review continued, and its sentences stand side by side."""
    a = parse_report(_with_topics(2020, "各位代表，成绩来之不易。"), "a.txt")
    b = parse_report(
        _with_topics(2021, "各位代表，成绩来之不易，这是全县人民共同奋斗的结果。"), "b.txt"
    )
    result = compare_reports(a, b)
    _check_rows_cover_sections(result)
    tails = [
        (p, rows)
        for p, rows in zip(result.pairs, result.rows, strict=True)
        if p.a and p.a.continued
    ]
    assert len(tails) == 1
    pair, rows = tails[0]
    assert pair.b is not None and pair.b.continued
    assert pair.a is not None and pair.a.title == "一、2019年工作回顾（续）"
    assert a.original[pair.a.start : pair.a.end].strip().startswith("各位代表，成绩来之不易。")
    assert pair.similarity > 0.3  # scored like any pair: the two share their words
    assert not any(r.heading for r in rows)  # a continuation has no heading to pair
    texts = [_texts(result, 0, r.a) + "|" + _texts(result, 1, r.b) for r in rows]
    assert any(t.startswith("我们也清醒地看到") and "|我们也清醒地看到" in t for t in texts)
    entry = result.to_json()["sections"]
    assert isinstance(entry, list)
    assert [e["a"]["continued"] for e in entry if e["a"]].count(True) == 1


def test_a_part_without_text_after_its_topics_has_no_continuation() -> None:
    text = _with_topics(2020, "").replace(
        "我们也清醒地看到，经济总量小、产业层次低的问题依然突出。\n", ""
    )
    result = compare_reports(parse_report(text, "a.txt"), parse_report(text, "b.txt"))
    assert not any(s.continued for p in result.pairs for s in (p.a, p.b) if s is not None)
    _check_rows_cover_sections(result)


def test_rows_cover_every_sentence_once_in_order(samples: dict[str, Document]) -> None:
    for x, y in [("luojiang-2024", "jinan-2020"), ("hanbin-2020", "hecheng-20xx-traditional")]:
        _check_rows_cover_sections(compare_reports(samples[x], samples[y]))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus beside the checkout")
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("hebei_province_2022", "hebei_province_2023"),  # the reviews' summing-up, problems
        ("laishui_county_2022", "hebei_province_2022"),
        ("shunping_county_2020", "shunping_county_2021"),
        ("hebei_province_2001", "hebei_province_2002"),  # topics paired across levels
        ("rongcheng_county_2015", "quyang_county_2020"),
        ("anguo_city_2020", "anxin_county_2024"),
        ("liaoning_province_2026", "zhejiang_province_2026"),  # a lifted self-building topic
        ("dingxing_county_2020", "shunping_county_2020"),  # ... under a spread part
    ],
)
def test_every_sentence_of_real_reports_is_on_one_row(a: str, b: str) -> None:
    """Real pairs that lost text (a part's paragraphs after its last topic) or showed it
    twice (an unpaired part and its topics paired across levels): each sentence once."""
    result = compare_reports(
        load_report(str(CORPUS / f"{a}.txt")), load_report(str(CORPUS / f"{b}.txt"))
    )
    _check_rows_cover_sections(result)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus beside the checkout")
def test_consecutive_years_of_one_government() -> None:
    """Hebei 2024 and 2025: formula carried over year to year lines up, and many of its
    sentences are copies with details changed."""
    result = compare_reports(
        load_report(str(CORPUS / "hebei_province_2024.txt")),
        load_report(str(CORPUS / "hebei_province_2025.txt")),
    )
    _check_rows_cover_sections(result)
    rows = [r for section in result.rows for r in section]
    near = [r for r in rows if r.near_duplicate]
    assert len(near) >= 20
    assert result.near_duplicate_ratio(1) > 0.02
    a = result.docs[0]
    headings = [a.norm.text[r.a[0].start : r.a[0].end] for r in near if r.heading]
    assert any("2023年工作回顾" in h for h in headings)


def test_redline_of_a_sentence_with_itself_changes_nothing(samples: dict[str, Document]) -> None:
    result = compare_reports(samples["hanbin-2020"], samples["hanbin-2020"])
    redliner = Redliner(result.a, result.b)
    for unit in result.a.sentences[:50]:
        line = redliner.redline(unit, unit)
        assert not line.changed and line.same in (0.0, 1.0)

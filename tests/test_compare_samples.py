"""Comparing real reports: formulas found, topics paired, self-comparison complete."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from compare import (
    CompareSettings,
    Comparison,
    Document,
    compare_reports,
    load_report,
    parse_report,
)
from compare.read.normalise import compact_view, line_view

from .conftest import sample_path
from .corpus_files import CORPUS

FORMULAS = ["在市委、市政府和区委的坚强领导下", "以习近平新时代中国特色社会主义思想为指导"]


@pytest.fixture(scope="module")
def comparisons(samples: dict[str, Document]) -> dict[tuple[str, str], Comparison]:
    wanted = [
        ("hanbin-2020", "yingze-2018"),
        ("luojiang-2024", "jinan-2020"),
        ("hanbin-2020", "luojiang-2024"),
        ("yingze-2018", "luojiang-2024"),
    ]
    return {(x, y): compare_reports(samples[x], samples[y]) for x, y in wanted}


@pytest.mark.parametrize(
    ("pair", "formula"),
    [
        (("hanbin-2020", "yingze-2018"), FORMULAS[0]),
        (("hanbin-2020", "luojiang-2024"), FORMULAS[0]),
        (("yingze-2018", "luojiang-2024"), FORMULAS[0]),
        (("hanbin-2020", "luojiang-2024"), FORMULAS[1]),
        (("luojiang-2024", "jinan-2020"), FORMULAS[1]),
    ],
)
def test_known_formulas_are_shared(
    comparisons: dict[tuple[str, str], Comparison], pair: tuple[str, str], formula: str
) -> None:
    result = comparisons[pair]
    a, b = result.docs
    assert formula in a.norm.text and formula in b.norm.text
    # the formula is covered by shared runs on both sides at one of its occurrences
    for side, doc in enumerate((a, b)):
        covered = result.covered(side)
        found = False
        start = doc.norm.text.find(formula)
        while start != -1 and not found:
            found = all(
                any(s <= i < e for s, e in covered) for i in range(start, start + len(formula))
            )
            start = doc.norm.text.find(formula, start + 1)
        assert found, (pair, side, formula)


def paired_titles(result: Comparison) -> list[tuple[str, str]]:
    return [(p.a.title, p.b.title) for p in result.pairs if p.a is not None and p.b is not None]


@pytest.mark.parametrize(
    ("pair", "keyword_a", "keyword_b"),
    [
        (("luojiang-2024", "jinan-2020"), "乡村振兴", "乡村振兴"),
        (("luojiang-2024", "jinan-2020"), "民生", "民生"),
        (("luojiang-2024", "jinan-2020"), "城乡融合", "城乡一体化"),
        (("hanbin-2020", "yingze-2018"), "乡村振兴", "乡村振兴"),
        (("hanbin-2020", "yingze-2018"), "民生", "民生"),
        (("yingze-2018", "luojiang-2024"), "乡村振兴", "乡村振兴"),
        (("yingze-2018", "luojiang-2024"), "民生", "民生"),
    ],
)
def test_topics_pair_by_subject(
    comparisons: dict[tuple[str, str], Comparison],
    pair: tuple[str, str],
    keyword_a: str,
    keyword_b: str,
) -> None:
    titles = paired_titles(comparisons[pair])
    partners = [tb for ta, tb in titles if keyword_a in ta]
    assert partners and keyword_b in partners[0], titles


def test_roles_pair_and_nested_self_government_meets_top_level(
    comparisons: dict[tuple[str, str], Comparison],
) -> None:
    result = comparisons[("hanbin-2020", "luojiang-2024")]
    by_role = {(p.a.role, p.b.role) for p in result.pairs if p.a and p.b and p.depth == 0}
    assert {("review", "review"), ("plan", "plan"), ("closing", "closing")} <= by_role
    assert ("self_government", "self_government") in by_role  # luojiang's is inside its plan
    for p in result.pairs:
        if p.a is not None and p.b is not None:
            assert 0.0 <= p.similarity <= 1.0


def test_report_compared_with_itself_is_all_shared(samples: dict[str, Document]) -> None:
    doc = samples["yingze-2018"]
    result = compare_reports(doc, doc)
    assert result.jaccard == 1.0
    assert result.shared_ratio(0) == result.shared_ratio(1) == 1.0
    assert result.notes


def test_traditional_conversion_is_shared_on_traditional_characters(
    samples: dict[str, Document],
) -> None:
    simplified = samples["hanbin-2020"]
    traditional_text = opencc.OpenCC("s2t").convert(simplified.original)
    traditional = parse_report(traditional_text, "hanbin-traditional.txt")
    result = compare_reports(simplified, traditional)
    assert result.shared_ratio(1) > 0.98
    data = result.to_json()
    spans = data["shared"]
    assert isinstance(spans, list)
    for entry in spans[:50]:
        start, end = entry["b"]
        original = traditional_text[start:end]
        assert opencc.OpenCC("t2s").convert(original).replace(" ", "") or original
        assert original == opencc.OpenCC("s2t").convert(simplified.original[slice(*entry["a"])])
    assert any("區" in traditional_text[slice(*e["b"])] for e in spans)


def test_json_offsets_point_at_the_shared_text(
    comparisons: dict[tuple[str, str], Comparison],
) -> None:
    result = comparisons[("luojiang-2024", "jinan-2020")]
    a, b = result.docs
    data = result.to_json()
    for entry in data["shared"]:  # type: ignore[attr-defined]
        for doc, key in ((a, "a"), (b, "b")):
            start, end = entry[key]
            # a snippet alone cannot tell a soft wrap from a paragraph break
            renormalised = compact_view(line_view(doc.original[start:end])).text
            assert renormalised.replace("\n", "") == entry["text"]
    for entry in data["specific"]:  # type: ignore[attr-defined]
        doc = (a, b)[entry["doc"]]
        start, end = entry["span"]
        assert 0 <= start < end <= len(doc.original)
        assert entry["kind"] in {"figure", "place", "organisation", "project"}


def test_results_are_deterministic_for_a_seed(samples: dict[str, Document]) -> None:
    a, b = samples["jinan-2020"], samples["hanbin-2020"]
    one = compare_reports(a, b, CompareSettings(seed=7)).to_json()
    two = compare_reports(a, b, CompareSettings(seed=7)).to_json()
    assert one == two


def test_min_shared_filters_short_runs(samples: dict[str, Document]) -> None:
    a, b = samples["jinan-2020"], samples["hanbin-2020"]
    strict = compare_reports(a, b, CompareSettings(min_shared=8))
    sentences = {strict.b.text[u.start : u.end] for u in strict.b.sentences}
    for run in strict.shared:
        # shorter runs only where a whole sentence or heading is identical
        assert sum(ch.isalnum() for ch in run.text) >= 8 or run.text in sentences
    assert strict.shared_ratio(1) < compare_reports(a, b).shared_ratio(1)


def test_specific_content_kinds(comparisons: dict[tuple[str, str], Comparison]) -> None:
    result = comparisons[("hanbin-2020", "yingze-2018")]
    a = result.docs[0]
    found = {(a.norm.text[s.start : s.end], s.kind) for s in result.specific[0]}
    assert ("18.46亿元", "figure") in found
    assert ("汉滨区", "place") in found or ("汉滨", "place") in found
    assert any(kind == "project" and text.endswith("大道") for text, kind in found)


def test_files_load_like_samples(tmp_path: Path) -> None:
    doc = load_report(str(sample_path("hanbin-2020")))
    assert doc.body_text.startswith("政府工作报告")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus beside the checkout")
def test_titles_that_repeat_in_the_table_carry_their_roles() -> None:
    """保定 2022 heads both its self-building part and its closing 各位代表: the text table says
    which row is which (the two rows read alike before)."""
    from compare.render.text import comparison_lines

    one = load_report(str(CORPUS / "baoding_city_2021.txt"))
    two = load_report(str(CORPUS / "baoding_city_2022.txt"))
    rows = [line for line in comparison_lines(compare_reports(one, two)) if "↔" in line]
    assert any(
        line.split("↔")[1].lstrip().startswith("各位代表 (self government)") for line in rows
    )
    assert any(line.split("↔")[1].lstrip().startswith("各位代表 (closing)") for line in rows)
    assert not any("(review)" in line or "(plan)" in line for line in rows)  # titles not repeated


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus beside the checkout")
def test_json_carries_the_sentences_copied_with_details_changed() -> None:
    """徐水 2011 / 2012: the JSON has the near-duplicate sentence pairs the terminal counts
    and the page marks, each a pair of sentences at their original offsets, and their
    share of each body."""
    result = compare_reports(
        load_report(str(CORPUS / "xushui_district_2011.txt")),
        load_report(str(CORPUS / "xushui_district_2012.txt")),
    )
    data = result.to_json()
    pairs = data["near_duplicates"]
    assert isinstance(pairs, list)
    rows = [r for section in result.rows for r in section if r.near_duplicate]
    assert len(pairs) == len(rows) >= 20
    summary = data["summary"]
    assert isinstance(summary, dict)
    ratio = summary["near_duplicate_ratio"]
    assert ratio == [round(result.near_duplicate_ratio(s), 4) for s in (0, 1)]
    assert 0.1 < ratio[0] < 0.4 and 0.1 < ratio[1] < 0.4
    for entry, row in zip(pairs, rows, strict=True):
        for side, key, units in ((0, "a", row.a), (1, "b", row.b)):
            doc = result.docs[side]
            start, end = entry[key]
            # the span holds the row's sentences: folded again, the same text
            folded = compact_view(line_view(doc.original[start:end])).text.replace("\n", "")
            sentences = doc.norm.text[units[0].start : units[-1].end].replace("\n", "")
            assert folded == sentences
        assert 0 < entry["similarity"] <= 1


def test_the_terminal_quotes_shared_runs_as_report_a_writes_them(
    comparisons: dict[tuple[str, str], Comparison],
) -> None:
    """汉滨 2020 writes half-width commas: the longest runs are printed with them (the
    folded form matched on has full-width ones), each a piece of A's own text."""
    from compare.render.text import comparison_lines

    result = comparisons[("hanbin-2020", "yingze-2018")]
    lines = comparison_lines(result)
    start = next(k for k, line in enumerate(lines) if line.startswith("Longest shared runs"))
    quoted = [line.split(maxsplit=1)[1] for line in lines[start + 1 : start + 11]]
    own = "".join(result.docs[0].original.split())
    assert all(q in own for q in quoted)
    assert any("," in q for q in quoted) and not any("，" in q for q in quoted)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus beside the checkout")
def test_a_part_only_b_has_stands_where_b_has_it() -> None:
    """河北 2023 has a part 2022 lacks (二、今后五年政府工作总体安排) between its review and its
    plan: it is listed there, not after both closings."""
    result = compare_reports(
        load_report(str(CORPUS / "hebei_province_2022.txt")),
        load_report(str(CORPUS / "hebei_province_2023.txt")),
    )
    top = [p for p in result.pairs if p.depth == 0]
    roles = [(p.a.role if p.a else None, p.b.role if p.b else None) for p in top]
    only_b = next(k for k, p in enumerate(top) if p.a is None)
    assert top[only_b].b is not None and top[only_b].b.title.startswith("二、今后五年")
    assert roles[only_b - 1] == ("review", "review")
    assert roles[only_b + 1] == ("plan", "plan")
    assert roles[-1] == ("closing", "closing")


def test_the_terminal_counts_the_local_marks_the_json_gives(
    comparisons: dict[tuple[str, str], Comparison],
) -> None:
    """The summary's count of each kind per side is the JSON's marks of that kind."""
    from collections import Counter

    from compare.render.text import comparison_lines

    result = comparisons[("hanbin-2020", "yingze-2018")]
    line = next(x for x in comparison_lines(result) if x.startswith("Local content marked"))
    marks = result.to_json()["specific"]
    assert isinstance(marks, list)
    for side, label in ((0, "A"), (1, "B")):
        counts = Counter(m["kind"] for m in marks if m["doc"] == side)
        assert counts["figure"] > 50 and counts["place"] > 10
        said = f"{label} {counts['figure']:,} figures, {counts['place']:,} places, "
        said += f"{counts['organisation']:,} organisations, {counts['project']:,} projects"
        assert said in line


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus beside the checkout")
def test_a_pair_across_levels_says_so() -> None:
    """徐水 2011's self-building topic (under its plan) pairs with 2012's self-building part
    (top level): the summary's row says the two stand at different levels, and only such
    rows do."""
    from compare.render.text import comparison_lines

    result = compare_reports(
        load_report(str(CORPUS / "xushui_district_2011.txt")),
        load_report(str(CORPUS / "xushui_district_2012.txt")),
    )
    lines = comparison_lines(result)
    start = next(k for k, x in enumerate(lines) if x.startswith("Section alignment")) + 1
    rows = lines[start : start + len(result.pairs)]
    for pair, row in zip(result.pairs, rows, strict=True):
        across = pair.a is not None and pair.b is not None and pair.a.level != pair.b.level
        assert row.endswith("(across levels)") == across, row
    self_row = next(r for p, r in zip(result.pairs, rows, strict=True)
                    if p.b is not None and p.b.title.startswith("四、全力营造"))  # fmt: skip
    assert "（八）加强自身建设" in self_row and self_row.endswith("(across levels)")

"""Section alignment against the hand-checked gold of plan topics, and plan horizons."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from compare import CompareSettings, load_report, parse_report
from compare.pair.align import align
from compare.pair.prepared import prepare

BENCH = Path(__file__).resolve().parent.parent / "bench"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _eval_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_align", BENCH / "eval_align.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus beside the checkout")
def test_alignment_accuracy_on_the_gold() -> None:
    """The README's figure: at least 95% of the gold's topic entries aligned as checked."""
    ev = _eval_module()
    gold = json.loads((BENCH / "align_gold.json").read_text(encoding="utf-8"))
    right = total = 0
    for entry in gold["pairs"]:
        a, b = ev.load_report(ev.resolve(entry["a"])), ev.load_report(ev.resolve(entry["b"]))
        pairs = align(prepare(a), prepare(b), CompareSettings())
        got, wrong, missing = ev.score(a, b, pairs, entry["topics"])
        assert missing == [], (entry["a"], entry["b"], missing)
        right, total = right + got, total + got + len(wrong)
    assert total >= 200
    assert right / total >= 0.95


TOPICS = {
    "rural": "推进乡村振兴，发展现代农业，建设高标准农田，粮食产量稳定，农民收入增长。",
    "green": "打好蓝天碧水净土保卫战，治理大气污染，改善生态环境，推进植树造林。",
    "people": "办好民生实事，稳定就业，发展教育医疗养老事业，完善社会保障。",
}


def _report(year: int, plans: list[tuple[str, list[str]]]) -> str:
    lines = [f"某县{year}年政府工作报告", "各位代表：", "现在，我代表县人民政府向大会报告工作。"]
    lines += [f"一、{year - 1}年工作回顾", "过去一年，我们完成了各项任务。"]
    numerals = "二三四"
    for k, (title, topics) in enumerate(plans):
        lines.append(f"{numerals[k]}、{title}")
        lines.append("今年工作的总体要求是稳中求进。")
        for n, topic in enumerate(topics):
            lines += [f"（{'一二三'[n]}）{topic}工作", TOPICS[topic] * 3]
    lines += ["各位代表！让我们团结一心，奋力前行！"]
    return "\n".join(lines) + "\n"


def test_annual_plan_pairs_with_annual_plan() -> None:
    """A report with a five-year plan before its annual plan: the annual one meets B's plan,
    even when the five-year plan's topics are the closer words."""
    a = parse_report(
        _report(
            2021,
            [
                ("“十四五”时期的主要目标任务", ["rural", "green", "people"]),
                ("2021年重点工作", ["people", "rural"]),
            ],
        ),
        "a.txt",
    )
    b = parse_report(_report(2022, [("2022年重点工作", ["rural", "green", "people"])]), "b.txt")
    plans_a = [s for s in a.sections if s.role == "plan"]
    assert len(plans_a) == 2
    pairs = align(prepare(a), prepare(b), CompareSettings())
    top = {p.a.title: p.b for p in pairs if p.depth == 0 and p.a is not None}
    assert top[plans_a[1].title] is not None and top[plans_a[1].title].title.startswith("二、2022")
    assert top[plans_a[0].title] is None


def _partners(a_path: Path, b_path: Path) -> dict[str, str | None]:
    a, b = load_report(str(a_path)), load_report(str(b_path))
    return {
        p.a.title: (p.b.title if p.b is not None else None)
        for p in align(prepare(a), prepare(b), CompareSettings())
        if p.a is not None
    }


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus beside the checkout")
def test_topics_pair_across_layouts() -> None:
    """保定 2014 numbers its plan's topics as top-level parts (三、…九、), 保定 2021 nests them
    under its plans (（一）…（十）): topics on one subject pair whatever their level, both ways
    round (hand-checked), and 2014's part on its own work style is self-building."""
    old, new = CORPUS / "baoding_city_2014.txt", CORPUS / "baoding_city_2021.txt"
    expected = {
        "四、扎实做好": "（六）突出统筹衔接，在乡村振兴上开新局",
        "八、加快发展社会事业": "（九）突出文化教育，在改善民生上开新局",
        "九、认真改进工作作风": "四、加强政府自身建设",
    }
    forward = _partners(old, new)
    backward = {b: a for a, b in _partners(new, old).items() if b is not None}
    for prefix, partner in expected.items():
        title = next(t for t in forward if t.startswith(prefix))
        assert forward[title] == partner, (title, forward[title])
        assert backward[title] == partner


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus beside the checkout")
def test_a_topic_paired_under_an_unpaired_part_is_listed_once() -> None:
    """蠡县 2022's 2.加大环境优化力度 lies under a topic left unpaired; paired across levels with
    2020's 3.优化营商环境, both must be listed, once (the pair was dropped, and with it B's)."""
    a, b = CORPUS / "li_county_2022.txt", CORPUS / "li_county_2020.txt"
    pairs = align(prepare(load_report(str(a))), prepare(load_report(str(b))), CompareSettings())
    for side in ("a", "b"):
        listed = [id(getattr(p, side)) for p in pairs if getattr(p, side) is not None]
        assert len(listed) == len(set(listed))
    partners = _partners(a, b)
    title = next(t for t in partners if t.startswith("2.加大环境优化力度"))
    assert partners[title] is not None and partners[title].startswith("3.优化营商环境")

"""Ordinary variants of every sample keep all of their prose and their structure."""

from __future__ import annotations

import pytest

from compare import parse_report

from .conftest import SAMPLE_NAMES, sample_path
from .report_variants import VARIANTS, prose_coverage


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_variant_keeps_the_prose(name: str, variant: str) -> None:
    text = VARIANTS[variant](sample_path(name).read_text(encoding="utf-8"))
    doc = parse_report(text, f"{name}-{variant}.txt")
    assert prose_coverage(doc) >= 0.99
    roles = [s.role for s in doc.sections]
    assert "review" in roles and "plan" in roles


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_closing_is_found_without_its_address(name: str) -> None:
    text = VARIANTS["exclamations_inside"](sample_path(name).read_text(encoding="utf-8"))
    doc = parse_report(text, name)
    assert doc.sections[-1].role in ("closing", "appendix", "notes")
    closing = [s for s in doc.sections if s.role == "closing"]
    assert len(closing) == 1, "mid-text 各位代表！ lines do not end the report"


def test_prose_left_outside_is_reported() -> None:
    report = sample_path("hanbin-2020").read_text(encoding="utf-8")
    footer = (
        "相关文章\n"
        + "这是一段位于页面底部推荐栏中的文字，它读起来像报告的正文一样通顺完整。\n" * 3
    )
    doc = parse_report(report + "\n" + footer)
    dropped = [w for w in doc.warnings if w.startswith("dropped")]
    assert dropped and "after the body" in dropped[0]
    assert prose_coverage(parse_report(report)) == 1.0


@pytest.mark.parametrize("lost", ["??", "？？", "\ufffd\ufffd"])
def test_a_dateline_with_digits_a_lossy_save_dropped_keeps_the_title_block(lost: str) -> None:
    """河北 2003 saved through an encoding without 〇 reads （二??三年一月十日）: the dateline
    was not known as one, and the title block with its speaker went with it."""
    from .corpus_files import CORPUS

    if not CORPUS.is_dir():
        pytest.skip("needs ../shared/corpus beside the checkout")
    text = (CORPUS / "hebei_province_2003.txt").read_text(encoding="utf-8")
    assert "（二〇〇三年一月十日）" in text
    lossy = parse_report(text.replace("二〇〇三", f"二{lost}三"), "lossy.txt")
    whole = parse_report(text, "whole.txt")
    assert (lossy.meta.speaker, lossy.meta.year) == (whole.meta.speaker, whole.meta.year) == (
        "季允石", 2003,
    )  # fmt: skip
    assert [(s.title, s.start) for s in lossy.sections] == [
        (s.title, s.start) for s in whole.sections
    ]

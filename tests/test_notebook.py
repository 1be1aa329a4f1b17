"""A comparison in a notebook: records for pandas, and an HTML summary of itself."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from compare import (
    AuditSettings,
    Comparison,
    Document,
    audit_reports,
    compare_reports,
    parse_report,
)

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def result(samples: dict[str, Document]) -> Comparison:
    return compare_reports(samples["hanbin-2020"], samples["hecheng-20xx-traditional"])


@pytest.mark.parametrize("table", ["sentences", "sections", "shared", "specific"])
def test_records_are_flat_and_uniform(result: Comparison, table: str) -> None:
    records = result.to_records(table)  # type: ignore[arg-type]
    assert records
    keys = set(records[0])
    for record in records:
        assert set(record) == keys  # one column set: DataFrame-ready
        for value in record.values():
            assert value is None or isinstance(value, (str, int, float, bool))


def test_sentence_records_point_into_the_originals(result: Comparison) -> None:
    records = result.to_records()
    assert len(records) == sum(len(rows) for rows in result.rows)
    a, b = result.docs
    kinds = {r["kind"] for r in records}
    assert {"a only", "b only"} <= kinds
    for record in records:
        for key, doc in (("a", a), ("b", b)):
            if record[f"{key}_text"] is not None:
                start, end = record[f"{key}_start"], record[f"{key}_end"]
                assert isinstance(start, int) and isinstance(end, int)
                assert doc.original[start:end] == record[f"{key}_text"]
    traditional = [r["b_text"] for r in records if r["b_text"]]
    assert any("區" in str(t) or "發" in str(t) for t in traditional)  # Traditional stays


def test_other_tables_match_the_json(result: Comparison) -> None:
    data = result.to_json()
    shared = result.to_records("shared")
    assert [[r["a_start"], r["a_end"]] for r in shared] == [e["a"] for e in data["shared"]]  # type: ignore[index]
    sections = result.to_records("sections")
    assert len(sections) == len(data["sections"])  # type: ignore[arg-type]
    specific = result.to_records("specific")
    assert len(specific) == len(data["specific"])  # type: ignore[arg-type]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def test_repr_html_is_a_small_escaped_summary(result: Comparison) -> None:
    html = result._repr_html_()
    parser = _Tags()
    parser.feed(html)
    assert "table" in parser.tags and "html" not in parser.tags and "script" not in parser.tags
    assert f"{result.shared_ratio(0):.0%}" in html
    for pair in result.pairs:
        if pair.a is not None:
            assert pair.a.title.replace("&", "&amp;").replace("<", "&lt;") in html
    evil = parse_report(
        "<b>某县</b>政府工作报告\n各位代表：\n一、工作回顾\n<script>x</script>很好。\n", "e.txt"
    )
    assert "<script>" not in compare_reports(evil, evil)._repr_html_()


@pytest.mark.parametrize("table", ["documents", "pairs", "formulas", "timeline"])
def test_audit_records_are_flat_and_uniform(table: str) -> None:
    result = audit_reports([str(SAMPLES)], AuditSettings(min_reuse=0.0)).result
    records = result.to_records(table)  # type: ignore[arg-type]
    if table == "timeline":
        assert records == []  # five districts, one year each
        return
    assert records
    keys = set(records[0])
    for record in records:
        assert set(record) == keys
        for value in record.values():
            assert value is None or isinstance(value, (str, int, float, bool))
    if table == "documents":
        shares = [k for k in keys if k.startswith("provenance_") and k != "provenance_notes"]
        assert len(shares) == 5
        assert all(sum(r[k] for k in shares) == pytest.approx(1.0, abs=1e-3) for r in records)


def test_audit_result_renders_itself() -> None:
    result = audit_reports([str(SAMPLES)], AuditSettings()).result
    html = result._repr_html_()
    parser = HTMLParser()
    parser.feed(html)
    assert html.count("<tr>") == 1 + len(result.documents) + 1 + len(result.pairs[:10])
    assert result.formulas[0].template in html

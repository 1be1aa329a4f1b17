"""The HTML report: every shared span on both sides, every section, nothing external."""

from __future__ import annotations

from datetime import datetime, timezone
from html import unescape

import pytest

from compare import Comparison, Document, compare_reports, parse_report
from compare.render.compare_page import render_comparison

from .html_structure import parse_page

FIXED = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)


@pytest.fixture(
    scope="module",
    params=[("luojiang-2024", "jinan-2020"), ("hanbin-2020", "hecheng-20xx-traditional")],
)
def rendered(
    request: pytest.FixtureRequest, samples: dict[str, Document]
) -> tuple[Comparison, str]:
    a, b = request.param
    result = compare_reports(samples[a], samples[b])
    return result, render_comparison(result, FIXED)


def test_every_shared_span_is_highlighted_on_both_sides(rendered: tuple[Comparison, str]) -> None:
    result, html = rendered
    ids = parse_page(html).by_id()
    data = result.to_json()
    a, b = result.docs
    for n, entry in enumerate(data["shared"]):  # type: ignore[arg-type]
        left, right = ids[f"a-s{n}"], ids[f"b-s{n}"]
        assert "shared" in left.attrs["class"] and "shared" in right.attrs["class"]
        assert left.attrs["data-twin"] == f"b-s{n}" and right.attrs["data-twin"] == f"a-s{n}"
        assert left.text == a.original[slice(*entry["a"])]
        assert right.text == b.original[slice(*entry["b"])]


def test_every_section_is_present(rendered: tuple[Comparison, str]) -> None:
    result, html = rendered
    page = parse_page(html)
    ids = page.by_id()
    for n, pair in enumerate(result.pairs):
        row = ids[f"pair{n}"]
        for side, section in zip("ab", (pair.a, pair.b), strict=True):
            pane = ids[f"{side}-sec{n}"]
            if section is None:
                assert "No counterpart" in pane.text
            else:
                assert section.title in row.text
    titles_in_map = {e.attrs.get("title") for e in page.elements if e.tag == "li"}
    for pair in result.pairs:
        for section in (pair.a, pair.b):
            if section is not None:
                assert section.title in titles_in_map


def test_highlighted_text_reassembles_the_original(rendered: tuple[Comparison, str]) -> None:
    """The panes hold the original characters of each section, Traditional stays Traditional."""
    result, html = rendered
    ids = parse_page(html).by_id()
    for n, pair in enumerate(result.pairs):
        if pair.a is not None and pair.b is None and not pair.a.children:
            text = ids[f"a-sec{n}"].text
            assert result.docs[0].original[pair.a.start : pair.a.end] in text


def test_nothing_external(rendered: tuple[Comparison, str]) -> None:
    _, html = rendered
    page = parse_page(html)
    for element in page.elements:
        assert "src" not in element.attrs
        href = element.attrs.get("href")
        assert href is None or href.startswith("#"), href
        assert element.tag != "link"
    assert "http://" not in html.split("<body>")[0] and "https://" not in html


def test_header_reading_and_settings(rendered: tuple[Comparison, str]) -> None:
    result, html = rendered
    sentence = f"{result.shared_ratio(1):.0%} of Report B's body is phrasing also found in Report A"
    assert sentence in unescape(html)
    assert "num-perm 128" in html and "min-shared 4" in html
    assert "2026-01-02 03:04 UTC" in html
    landmarks = {e.tag for e in parse_page(html).elements}
    assert {"header", "nav", "main", "footer", "h1", "h2"} <= landmarks


def test_user_text_is_escaped() -> None:
    text = "<b>某县</b>政府工作报告\n各位代表：\n现在，我代表县政府<script>alert(1)</script>报告工作。\n一、工作回顾\n过去一年<img src=x onerror=alert(1)>很好。\n"
    doc = parse_report(text, "<evil>.txt")
    html = render_comparison(compare_reports(doc, doc), FIXED)
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;evil&gt;.txt" in html

"""The HTML report: rows of counterparts, shared spans, popovers, redline, filters, escaping."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

import pytest

from compare import Comparison, Document, compare_reports, parse_report
from compare.render.compare_page import render_comparison, short_label

from .html_structure import parse_page


@dataclass
class PageCell:
    row: str
    side: str
    lang: str
    text: str = ""  # the cell's own text, popovers left out
    marks: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, class, text)


class CellParser(HTMLParser):
    """Rows and their cells, with the text a reader sees in them (popovers aside)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[PageCell] = []
        self.rows: dict[str, str] = {}  # row id -> class
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.row = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if "srow" in classes:
            self.row = a["id"]
            self.rows[self.row] = a["class"]
        if "cell" in classes:
            self.cells.append(PageCell(self.row, classes[1], a.get("lang", "")))
        self.stack.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        in_cell = any("cell" in a.get("class", "").split() for _, a in self.stack)
        in_pop = any("pop" in a.get("class", "").split() for _, a in self.stack)
        if not in_cell or in_pop:
            return
        cell = self.cells[-1]
        cell.text += data
        tag, a = self.stack[-1]
        if tag != "div":
            cell.marks.append((tag, a.get("class", ""), data))


def cells_of(html: str) -> CellParser:
    parser = CellParser()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(
    scope="module",
    params=[("luojiang-2024", "jinan-2020"), ("hanbin-2020", "hecheng-20xx-traditional")],
)
def rendered(
    request: pytest.FixtureRequest, samples: dict[str, Document]
) -> tuple[Comparison, str]:
    a, b = request.param
    result = compare_reports(samples[a], samples[b])
    return result, render_comparison(result)


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
        block = ids[f"pair{n}"]
        for side, section in zip("ab", (pair.a, pair.b), strict=True):
            head = ids[f"{side}-sec{n}"]
            if section is None:
                assert "No counterpart" in head.text
            else:
                assert section.title in block.text
    titles_in_map = {e.attrs.get("title") for e in page.elements if e.tag == "li"}
    for pair in result.pairs:
        for section in (pair.a, pair.b):
            if section is not None:
                assert section.title in titles_in_map


def test_cells_reassemble_each_section(rendered: tuple[Comparison, str]) -> None:
    """A side's cells of a block, joined, are the section's own original text, character for
    character (Traditional stays Traditional); popovers are not part of it."""
    result, html = rendered
    parser = cells_of(html)
    by_block: dict[tuple[str, str], str] = {}
    for cell in parser.cells:
        key = (cell.row.split("-")[0][1:], cell.side)
        by_block[key] = by_block.get(key, "") + cell.text
    for n, pair in enumerate(result.pairs):
        paired = pair.a is not None and pair.b is not None
        for side, section in (("a", pair.a), ("b", pair.b)):
            doc = result.docs[0 if side == "a" else 1]
            text = by_block.get((str(n), side), "")
            if section is None:
                assert text == ""
                continue
            end = section.children[0].start if paired and section.children else section.end
            assert text == doc.original[section.start : end]


def test_matched_sentences_share_a_row(rendered: tuple[Comparison, str]) -> None:
    result, html = rendered
    parser = cells_of(html)
    cells = {(c.row, c.side): c for c in parser.cells}
    for n, rows in enumerate(result.rows):
        for k, row in enumerate(rows):
            ident = f"r{n}-{k}"
            a, b = cells[(ident, "a")], cells[(ident, "b")]
            assert bool(a.text) == bool(row.a) and bool(b.text) == bool(row.b)
            for side, units, cell in ((0, row.a, a), (1, row.b, b)):
                doc = result.docs[side]
                for unit in units:
                    assert doc.original[slice(*doc.original_span(unit.start, unit.end))] in (
                        cell.text
                    )
            flags = parser.rows[ident].split()
            assert ("f-near" in flags) == row.near_duplicate


def test_moved_counterparts_have_a_popover_and_in_row_ones_do_not(
    rendered: tuple[Comparison, str],
) -> None:
    result, html = rendered
    page = parse_page(html)
    ids = page.by_id()
    where: dict[str, str] = {}  # the row each shared span stands in
    stack_row = ""
    for e in page.elements:
        if "srow" in e.attrs.get("class", "").split():
            stack_row = e.attrs["id"]
        if "shared" in e.attrs.get("class", "").split() and "-s" in e.attrs.get("id", ""):
            where.setdefault(e.attrs["id"], stack_row)
    moved = 0
    for n, _ in enumerate(result.shared):
        for me, other in (("a", "b"), ("b", "a")):
            span = ids[f"{me}-s{n}"]
            pop_id = span.attrs.get("aria-describedby")
            if where[f"{me}-s{n}"] == where[f"{other}-s{n}"]:
                assert pop_id is None
                continue
            moved += 1
            assert pop_id == f"pop-{me}-s{n}"
            pop = ids[pop_id]
            assert ids[f"{other}-s{n}"].text in pop.text  # the counterpart, in context
            links = [
                e
                for e in page.elements
                if e.tag == "a" and e.attrs.get("href") == f"#{other}-s{n}" and e.text == "go there"
            ]
            assert links
    assert moved > 0


def test_redline_cells_mark_deletions_and_insertions(rendered: tuple[Comparison, str]) -> None:
    result, html = rendered
    cells = {(c.row, c.side): c for c in cells_of(html).cells}
    a, b = result.docs
    seen = 0
    for n, rows in enumerate(result.rows):
        for k, row in enumerate(rows):
            if not row.near_duplicate or row.redline is None:
                continue
            seen += 1
            dels = "".join(t for tag, _, t in cells[(f"r{n}-{k}", "a")].marks if tag == "del")
            ins = "".join(t for tag, _, t in cells[(f"r{n}-{k}", "b")].marks if tag == "ins")
            want_del = "".join(
                a.original[slice(*a.original_span(s, e))] for s, e in row.redline.deleted
            )
            want_ins = "".join(
                b.original[slice(*b.original_span(s, e))] for s, e in row.redline.inserted
            )
            assert "".join(dels.split()) == "".join(want_del.split())
            assert "".join(ins.split()) == "".join(want_ins.split())
    assert seen > 0


def test_filters_and_counts(rendered: tuple[Comparison, str]) -> None:
    result, html = rendered
    page = parse_page(html)
    radios = [e for e in page.elements if e.tag == "input" and e.attrs.get("type") == "radio"]
    assert [r.attrs["id"] for r in radios] == [
        "show-all",
        "show-near",
        "show-shared",
        "show-specific",
    ]
    rows = cells_of(html).rows
    near = sum(1 for c in rows.values() if "f-near" in c.split())
    assert near == sum(1 for s in result.rows for r in s if r.near_duplicate)
    assert f'copied, details changed <span class="count">({near})</span>' in html
    assert f"({len(rows)} rows)" in html


def test_language_of_each_report(rendered: tuple[Comparison, str]) -> None:
    result, html = rendered
    parser = cells_of(html)
    for side, doc in (("a", result.docs[0]), ("b", result.docs[1])):
        want = "zh-Hant" if "traditional" in doc.path else "zh-Hans"
        assert {c.lang for c in parser.cells if c.side == side} == {want}


def test_nothing_external(rendered: tuple[Comparison, str]) -> None:
    _, html = rendered
    page = parse_page(html)
    for element in page.elements:
        assert "src" not in element.attrs
        href = element.attrs.get("href")
        assert href is None or href.startswith("#"), href
        assert element.tag != "link"
    assert "http://" not in html.split("<body>")[0] and "https://" not in html


def test_verdict_and_settings(rendered: tuple[Comparison, str]) -> None:
    from compare.render.templates import percent

    result, html = rendered
    text = unescape(html)
    for side, (me, other) in enumerate((("A", "B"), ("B", "A"))):
        sentence = (
            f"Report {me} ({short_label(result.docs[side])}): {percent(result.shared_ratio(side))}"
            f" of its body is phrasing also found in {other}; "
            f"{percent(result.near_duplicate_ratio(side))} is in sentences copied with only details"
        )
        assert sentence in text
    assert "num-perm 128" in html and "min-shared 4" in html
    assert "Made by reportdiff" in html and " UTC" not in html  # no clock time: equal pages
    assert "fonts-noto-cjk" in html
    landmarks = {e.tag for e in parse_page(html).elements}
    assert {"header", "nav", "main", "footer", "h1", "h2"} <= landmarks


def test_user_text_is_escaped() -> None:
    text = "<b>某县</b>政府工作报告\n各位代表：\n现在，我代表县政府<script>alert(1)</script>报告工作。\n一、工作回顾\n过去一年<img src=x onerror=alert(1)>很好。\n"
    doc = parse_report(text, "<evil>.txt")
    html = render_comparison(compare_reports(doc, doc))
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;evil&gt;.txt" in html


@pytest.mark.parametrize(
    "value,shown",
    [(None, "—"), (0.0, "0%"), (0.003, "0.3%"), (0.075, "7.5%"), (0.0996, "10%"), (0.25, "25%")],
)
def test_pages_print_small_shares_to_a_tenth_as_the_terminal_does(
    value: float | None, shown: str
) -> None:
    from compare.render.templates import percent

    assert percent(value) == shown


def test_map_lines_are_drawn_as_their_similarity_is_printed() -> None:
    """A pair printed 0.50 (0.495) was drawn as 'solid: 0.25 to 0.5'."""
    import re

    from .corpus_files import CORPUS

    if not CORPUS.is_dir():
        pytest.skip("needs ../shared/corpus beside the checkout")
    from compare import load_report

    page = render_comparison(
        compare_reports(
            load_report(str(CORPUS / "laishui_county_2022.txt")),
            load_report(str(CORPUS / "hebei_province_2022.txt")),
        )
    )
    lines = re.findall(r'class="(sim-\w+)"><title>similarity ([\d.]+)</title>', page)
    assert lines and "0.50" in {value for _, value in lines}
    for kind, value in lines:
        expected = (
            "sim-high" if float(value) >= 0.5 else "sim-mid" if float(value) >= 0.25 else "sim-low"
        )
        assert kind == expected, value


def test_longest_formulas_are_quoted_as_report_a_writes_them(
    rendered: tuple[Comparison, str],
) -> None:
    """The list quoted the folded form runs are matched in (这些成绩的取得， where both
    files write 这些成绩的取得,); the terminal quoted A's own text. Both quote A now."""
    import re

    result, page = rendered
    listed = re.findall(r'<li><a href="#b-s\d+" lang="[^"]+">([^<]+)</a>', page)
    assert len(listed) >= 5
    written = "".join(result.docs[0].original.split())
    assert all(unescape(text) in written for text in listed)

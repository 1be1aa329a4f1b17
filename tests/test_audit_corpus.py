"""The audit on the real development corpus (../shared/corpus): every report placed,
every year-over-year pair seen, provenance that adds up, templates with slots."""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import pytest

from compare import AuditSettings, audit_reports, compare_reports
from compare.corpus.run import AuditRun
from compare.render.text import audit_lines

from .corpus_files import Source, sources


def _family(source: Source) -> str:
    """A government across years, by its file name (xushui_district for every year)."""
    return re.sub(r"_\d{4}$", "", source.path.stem)


@pytest.fixture(scope="module")
def run() -> AuditRun:
    return audit_reports([str(s.path) for s in sources()], AuditSettings())


@pytest.fixture(scope="module")
def corpus(run: AuditRun) -> tuple[list[Source], dict[str, object]]:
    return sources(), run.result.to_json()


def test_the_summary_shows_the_most_and_says_what_it_leaves_out(run: AuditRun) -> None:
    lines = audit_lines(run, top=10)
    result = run.result
    cut = [line for line in lines if ": top 10 of " in line]
    assert [line.split(": top 10 of ")[1].split()[0].rstrip(":") for line in cut] == [
        f"{len(result.pairs):,}",
        f"{len(result.timeline):,}",
        "the",  # the lexicon keeps the most used: its count is the cap, not all there are
    ]
    assert len(result.formulas) == run.corpus.settings.formulas
    assert "top 10 of the 200 most used (reports, governments):" in cut[2]
    assert (
        lines[-1]
        == "Every pair and year, and the 200 most used templates: --json, --csv or --html."
    )
    start = lines.index(cut[1]) + 1
    shown = [int(line.rsplit(" ", 1)[1].rstrip("%")) for line in lines[start : start + 10]]
    most = sorted((round(t.carried_over * 100) for t in result.timeline), reverse=True)[:10]
    assert shown == most  # the largest carry-over first, not the first governments by name
    pair_lines = lines[lines.index(cut[0]) + 1 : lines.index(cut[0]) + 11]
    assert all(" ↔  " in line and line.split("↔")[0].endswith(" ") for line in pair_lines)


def test_closest_is_the_own_governments(corpus: tuple[list[Source], dict[str, object]]) -> None:
    rows, data = corpus
    family = {str(s.path): _family(s) for s in rows}
    size: dict[str, int] = defaultdict(int)
    for f in family.values():
        size[f] += 1
    closest = {d["path"]: d["closest"]["path"] for d in data["documents"]}  # type: ignore[attr-defined]
    eligible = [p for p in closest if size[family[p]] > 1]
    own = [p for p in eligible if family[closest[p]] == family[p]]
    assert len(eligible) >= 60
    assert len(own) / len(eligible) >= 0.95, sorted(set(eligible) - set(own))


def test_every_consecutive_year_pair_is_reported(
    corpus: tuple[list[Source], dict[str, object]],
) -> None:
    rows, data = corpus
    years: dict[str, list[Source]] = defaultdict(list)
    for s in rows:
        years[_family(s)].append(s)
    pairs = {(p["a"], p["b"]): p for p in data["pairs"]}  # type: ignore[attr-defined]
    timeline = {(t["path"], t["from_path"]) for t in data["timeline"]}  # type: ignore[attr-defined]
    expected = 0
    for reports in years.values():
        reports.sort(key=lambda s: s.year)
        for earlier, later in pairwise(reports):
            key = tuple(sorted((str(earlier.path), str(later.path))))
            assert key in pairs, key
            assert "year_over_year" in pairs[key]["why"], key
            assert (str(later.path), str(earlier.path)) in timeline
            expected += 1
    assert expected >= 45  # the corpus's series: Hebei 14 years, Xushui 8, Shunping 6, ...


def test_provenance_adds_up(corpus: tuple[list[Source], dict[str, object]]) -> None:
    _, data = corpus
    for doc in data["documents"]:  # type: ignore[attr-defined]
        shares = doc["provenance"]
        assert set(shares) == {"own", "carried_over", "handed_down", "peers", "common"}
        assert sum(shares.values()) == pytest.approx(1.0, abs=1e-9)
    hebei_2026 = next(d for d in data["documents"] if d["path"].endswith("hebei_province_2026.txt"))  # type: ignore[attr-defined]
    assert hebei_2026["provenance"]["carried_over"] > 0.1  # its own 2025 wording
    xushui = [d for d in data["documents"] if "xushui" in d["path"]]  # type: ignore[attr-defined]
    assert all(d["provenance"]["handed_down"] > 0 for d in xushui[1:])  # Hebei's wording


def test_lexicon_shows_slots_never_one_reports_figure(
    corpus: tuple[list[Source], dict[str, object]],
) -> None:
    _, data = corpus
    formulas = data["formulas"]  # type: ignore[assignment]
    slotted = [f for f in formulas if "{数}" in f["template"] and len(f["forms"]) >= 2]
    assert slotted, "figure-varying formula is one template"
    for f in formulas:
        assert not re.search(r"\d", f["template"]), f["template"]  # every figure is a slot
        assert f["reports"] >= 2 and f["governments"] >= 1
        assert all(form["reports"] <= f["reports"] for form in f["forms"])
        assert f["first_seen"]["year"] is None or all(
            f["first_seen"]["year"] <= int(re.search(r"(\d{4})\.txt$", p).group(1))  # type: ignore[union-attr]
            for p in f["paths"]
        )


def test_lexicon_slots_a_place_only_where_its_forms_name_different_ones(
    corpus: tuple[list[Source], dict[str, object]],
) -> None:
    """The division table holds 青山 and 金山 (districts), and every form of the slogan
    in the real reports names both: the slogan is written out, not
    ``绿水{地}就是{地}银山`` (the rule itself: tests/test_slots.py)."""
    _, data = corpus
    formulas = data["formulas"]  # type: ignore[assignment]
    assert any("绿水青山就是金山银山" in f["template"] for f in formulas)
    assert not any("绿水{地}" in f["template"] for f in formulas)


def test_lexicon_counts_a_template_once_however_its_clauses_end(
    corpus: tuple[list[Source], dict[str, object]],
) -> None:
    """社会消费品零售总额增长{数}% ends its clause with ，, 。 or ； as the sentence goes on or
    stops: one entry holding forms of each, apart from the entries worded 左右 and 以上."""
    _, data = corpus
    formulas = data["formulas"]  # type: ignore[assignment]
    templates = [f["template"] for f in formulas]
    assert not any(t[-1] in "，。；！、" for t in templates), templates
    assert len(templates) == len(set(templates))
    retail = next(f for f in formulas if f["template"] == "社会消费品零售总额增长{数}%")
    ends = {form["text"][-1] for form in retail["forms"]}
    assert len(ends) >= 2 or retail["reports"] > sum(form["reports"] for form in retail["forms"])
    assert "社会消费品零售总额增长{数}%左右" in templates  # other wording, another entry
    assert retail["reports"] >= 40  # 32 held its ，-ended forms alone


def test_audit_and_compare_give_one_reuse(
    corpus: tuple[list[Source], dict[str, object]],
) -> None:
    _, data = corpus
    for pair in data["pairs"][:2] + data["pairs"][-1:]:  # type: ignore[index]
        result = compare_reports(pair["a"], pair["b"])
        assert (round(result.reuse[0], 4), round(result.reuse[1], 4)) == (
            pair["reuse_ab"],
            pair["reuse_ba"],
        )


def test_labels_are_unique(corpus: tuple[list[Source], dict[str, object]]) -> None:
    _, data = corpus
    labels = [d["label"] for d in data["documents"]]  # type: ignore[attr-defined]
    assert len(labels) == len(set(labels))
    assert Path(data["documents"][0]["path"]).name  # type: ignore[index]


def test_medians_of_carried_and_handed_down_are_over_reports_that_can_have_them(
    corpus: tuple[list[Source], dict[str, object]], run: AuditRun
) -> None:
    """A report with no earlier one of its government has nothing to carry over: counted
    as 0%, the median over all 95 read 1% where the 51 that can carry over have 6%."""
    documents = run.result.documents
    medians = run.result.provenance_medians()
    can_carry = [
        d for d in documents if not any("no earlier report" in n for n in d.provenance_notes)
    ]
    below = [d for d in documents if not any("above it" in n for n in d.provenance_notes)]
    assert medians["carried_over"][1] == len(can_carry) == 51
    assert medians["handed_down"][1] == len(below) == 52
    assert medians["own"][1] == len(documents)
    assert medians["carried_over"][0] == statistics.median(
        d.provenance["carried_over"] for d in can_carry
    )
    assert medians["carried_over"][0] > statistics.median(
        d.provenance["carried_over"] for d in documents
    )
    assert "carried over 6% (of 51), handed down 11% (of 52)" in audit_lines(run)[1]


def test_lexicon_forms_are_written_as_reports_write_them(run: AuditRun) -> None:
    """No form ends with a clause's punctuation, a note marker or a quote it never opened,
    nor leaves a quote open: the example of a clause is its least spelling, which favoured
    a line-broken 坚决做到“两个维护 over the 坚决做到“两个维护” of the reports."""
    forms = [text for f in run.result.formulas for text, _ in f.forms]
    assert forms and not [t for t in forms if t[-1] in "，。；：、！？" or t.startswith("—")]
    assert not [t for t in forms if t.count("“") != t.count("”") or re.search(r"\[\d+\]$", t)]
    by_template = {f.template: f for f in run.result.formulas}
    assert by_template["坚决做到“两个维护”"].reports >= 20
    assert "{名}、全面加强政府自身建设" in by_template  # 三、 in some reports, 四、 in others
    assert "深入贯彻党的二十大和二十届历次全会精神" in by_template  # every form says 二十届
    together = by_template["推动经济实现质的有效提升和量的合理增长"].first_seen
    assert (together.year, together.reports) == (2026, 27)


def test_each_report_is_paired_with_the_latest_report_of_each_government_above_it(
    run: AuditRun,
) -> None:
    """Which wording came down, side by side: 保定 2025 holds 19% of its body in 河北
    2025's, under the 20% a pair needs to be listed for reuse, and was in no pair."""
    documents = {d.path: d for d in run.result.documents}
    handed = {(p.a, p.b) for p in run.result.pairs if "handed_down" in p.why}
    reuse = {(p.a, p.b): p.reuse_ab for p in run.result.pairs} | {
        (p.b, p.a): p.reuse_ba for p in run.result.pairs
    }
    listed = 0
    for d in documents.values():
        for source in d.above:
            above = documents[source.path]
            assert above.year is not None and d.year is not None and above.year <= d.year
            assert above.government != d.government
            later = [
                o for o in documents.values()
                if o.government == above.government and above.year < (o.year or 0) <= d.year
            ]  # fmt: skip
            assert not later, (d.path, source.path)  # the latest of its government
            assert tuple(sorted((d.path, source.path))) in handed
            assert reuse[(d.path, source.path)] == source.reuse
            listed += 1
    assert listed == len(handed) >= 90
    baoding = next(d for d in documents.values() if d.label == "保定市 2025")
    assert [(Path(s.path).name, round(s.reuse, 2)) for s in baoding.above] == [
        ("hebei_province_2025.txt", 0.19)
    ]


def test_handed_down_pairs_get_side_by_side_pages(run: AuditRun) -> None:
    """The report table links each report's reports above to their pair pages: every
    handed-down pair has one, past the pairs the page lists."""
    from compare.render.audit_page import PAGES_MAX, pairs_with_pages

    paged = {(p.a, p.b) for p in pairs_with_pages(run.result)}
    handed = [(p.a, p.b) for p in run.result.pairs if "handed_down" in p.why]
    assert len(paged) < PAGES_MAX and handed
    assert set(handed) <= paged


def _luminance(css: str) -> float:
    """Relative luminance of a computed CSS colour (``rgb(…)`` or ``color(srgb …)``)."""
    numbers = [float(x) for x in re.findall(r"[\d.]+", css)[:3]]
    channels = [n / 255 for n in numbers] if css.startswith("rgb") else numbers
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _heat_cells(browser: object, page: str, tmp_path: Path) -> list[tuple[float, bool, float]]:
    """Each filled heatmap cell as the browser paints it: the contrast of its figure with
    its background, whether it is a dark cell, its background's luminance."""
    from .browser_session import DESKTOP, Session

    path = tmp_path / "audit.html"
    path.write_text(page, encoding="utf-8")
    session = Session(browser, DESKTOP)
    cells = session.open(path).eval_on_selector_all(
        ".heat tbody td:not(.none)",
        "cells => cells.map(c => [getComputedStyle(c).color, getComputedStyle(c).backgroundColor,"
        " c.classList.contains('dark')])",
    )
    session.close()
    out = []
    for ink, paper, dark in cells:
        light, dim = sorted((_luminance(ink), _luminance(paper)), reverse=True)
        out.append(((light + 0.05) / (dim + 0.05), dark, _luminance(paper)))
    return out


def test_every_heatmap_figure_is_legible(run: AuditRun, browser: object, tmp_path: Path) -> None:
    """White figures on mid-blue cells (25-34%) read at 3:1: every cell's figure now reads
    at 4.5:1 or more against its background, as the browser paints them."""
    from compare.render.audit_page import render_audit

    cells = _heat_cells(browser, render_audit(run), tmp_path)
    assert len(cells) >= 50
    assert min(paper for _, _, paper in cells) < 0.3  # mid-blue cells among them
    assert all(ratio >= 4.5 for ratio, _, _ in cells)


def test_dark_heatmap_cells_have_white_figures_at_4_5(browser: object, tmp_path: Path) -> None:
    """The corpus has no pair over 34%: a report and two edited copies of it fill the
    dark end of the scale, where the figures turn white; another report the light end."""
    from compare.render.audit_page import render_audit

    from .conftest import sample_path

    text = sample_path("hanbin-2020").read_text(encoding="utf-8")
    paragraphs = text.split("\n")
    for k, keep in enumerate((1.0, 0.6)):
        kept = [p for i, p in enumerate(paragraphs) if i % 10 < 10 * keep]
        (tmp_path / f"copy{k}.txt").write_text("\n".join(kept), encoding="utf-8")
    (tmp_path / "original.txt").write_text(text, encoding="utf-8")
    other = sample_path("jinan-2020").read_text(encoding="utf-8")  # light cells, its closest
    (tmp_path / "other.txt").write_text(other, encoding="utf-8")
    run = audit_reports([str(tmp_path)], AuditSettings())
    cells = _heat_cells(browser, render_audit(run), tmp_path)
    assert any(dark for _, dark, _ in cells) and any(not dark for _, dark, _ in cells)
    assert all(ratio >= 4.5 for ratio, _, _ in cells)


def test_the_page_and_the_pair_pages_read_pairs_source_first(run: AuditRun) -> None:
    """The pairs table and the pair page of 河北 2025 and 保定 2025 name 河北 first, with
    the figures of that direction (either could be reverted alone and no test failed)."""
    from compare.render.audit_page import _PageMaker, render_audit

    page = render_audit(run)
    pairs_table = page[page.index('id="pairs"') : page.index('id="formulas"')]
    row = next(r for r in pairs_table.split("<tr>") if "保定市 2025" in r and "河北省 2025" in r)
    assert row.index("河北省 2025") < row.index("保定市 2025")
    pair = next(
        p for p in run.result.pairs if "handed_down" in p.why and "baoding_city_2025" in p.a
    )
    side_by_side = _PageMaker(run, "audit.html").page(pair)
    title = side_by_side[side_by_side.index("<title>") : side_by_side.index("</title>")]
    assert title.index("河北") < title.index("保定")
    province_in_city = round(100 * pair.reuse_ba)  # pair.b is 河北: its body found in 保定's
    assert f"Reuse</abbr> {province_in_city}% of A" in side_by_side


def test_lists_read_each_pair_source_first(run: AuditRun) -> None:
    """A pair named the lesser path first (保定 before 河北, whoever took from whom): the
    lists and pair pages put the earlier report first, in a year the higher level, with its
    figures swapped to match; the JSON keeps the lesser path first."""
    from compare.corpus.lineage import level_rank

    documents = {d.path: d for d in run.result.documents}
    by_path = {(p.a, p.b): p for p in run.result.pairs}
    for shown in run.result.pairs_source_first():
        a, b = documents[shown.a], documents[shown.b]
        assert (a.year, level_rank(a.level)) <= (b.year, level_rank(b.level))
        stored = by_path.get((shown.a, shown.b)) or by_path[(shown.b, shown.a)]
        reuse = {(stored.a, stored.b): stored.reuse_ab, (stored.b, stored.a): stored.reuse_ba}
        assert (shown.reuse_ab, shown.reuse_ba) == (
            reuse[(shown.a, shown.b)],
            reuse[(shown.b, shown.a)],
        )
    assert all(p.a <= p.b for p in run.result.pairs)
    line = next(x for x in audit_lines(run, top=20) if "保定市 2025" in x and "河北省 2025" in x)
    assert line.index("河北省 2025") < line.index("保定市 2025")

"""The audit on the real development corpus (../shared/corpus): every report placed,
every year-over-year pair seen, provenance that adds up, templates with slots."""

from __future__ import annotations

import re
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
        f"{len(result.formulas):,}",
    ]
    assert lines[-1] == "Every pair, year and template: --json, --csv or --html."
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

"""Corpus audit on a synthetic corpus with known families, and on the samples."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare import AuditSettings, audit_reports
from compare.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from make_corpus import Truth, make_corpus

PLANTED = ("坚持以人民为中心推进共同富裕示范区建设。", "全面落实安全生产责任制守牢重大事故底线。")
FAMILIES, YEARS = 5, 3


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Truth]]:
    folder = tmp_path_factory.mktemp("corpus")
    return folder, make_corpus(folder, FAMILIES, YEARS, seed=2, planted=PLANTED)


@pytest.fixture(scope="module")
def figures(corpus: tuple[Path, list[Truth]]) -> dict[str, object]:
    folder, _ = corpus
    return audit_reports([str(folder)], AuditSettings()).result.to_json()


def test_next_year_is_carried_over_with_the_right_share(
    corpus: tuple[Path, list[Truth]], figures: dict[str, object]
) -> None:
    _, truths = corpus
    pairs = {(p["a"], p["b"]): p for p in figures["pairs"]}  # type: ignore[attr-defined]
    for truth in truths:
        if truth.parent is None:
            continue
        key = tuple(sorted((truth.path, truth.parent)))
        pair = pairs[key]
        reuse = pair["reuse_ab"] if pair["a"] == truth.path else pair["reuse_ba"]
        assert reuse == pytest.approx(truth.copied_from_parent, abs=0.06), truth.path
    timeline = figures["timeline"]
    assert timeline, "families with years have a timeline"
    for point in timeline:  # type: ignore[attr-defined]
        assert point["year"] == point["from_year"] + 1
        assert 0.6 <= point["carried_over"] <= 0.95


def test_unrelated_reports_are_not_paired(
    corpus: tuple[Path, list[Truth]], figures: dict[str, object]
) -> None:
    _, truths = corpus
    family = {t.path: t.family for t in truths}

    def sources(f: int) -> set[int]:
        return {f % 5, (f + 1) % 5}  # the sample a family copies and the one it borrows from

    for pair in figures["pairs"]:  # type: ignore[attr-defined]
        fa, fb = family[pair["a"]], family[pair["b"]]
        assert sources(fa) & sources(fb), pair
    paired = {(family[p["a"]], family[p["b"]]) for p in figures["pairs"]}  # type: ignore[attr-defined]
    assert all((f, f) in paired for f in range(FAMILIES))


def test_lexicon_ranks_planted_formulas_first(figures: dict[str, object]) -> None:
    top = [f["template"] for f in figures["formulas"][:4]]  # type: ignore[index]
    for sentence in PLANTED:
        assert any(t.rstrip("。") in sentence for t in top), top
    assert figures["formulas"][0]["reports"] == FAMILIES * YEARS  # type: ignore[index]
    assert figures["formulas"][0]["governments"] == FAMILIES  # type: ignore[index]


def test_adding_to_an_index_gives_the_same_figures(
    corpus: tuple[Path, list[Truth]], figures: dict[str, object], tmp_path: Path
) -> None:
    folder, truths = corpus
    first, rest = [t.path for t in truths[:9]], [t.path for t in truths[9:]]
    index = str(tmp_path / "corpus.db")
    settings = AuditSettings()
    audit_reports(first, settings, index=index)
    grown = audit_reports(rest, settings, index=index)
    assert grown.reused == 0 and len(grown.corpus.records) == len(truths)
    relabel = json.loads(json.dumps(grown.result.to_json()))
    assert relabel == figures
    again = audit_reports([str(folder)], settings, index=index)
    assert again.reused == len(truths)
    assert again.result.to_json() == figures


def test_changed_file_is_read_again(tmp_path: Path) -> None:
    shutil.copy(Path(__file__).parent.parent / "samples" / "hanbin-2020.txt", tmp_path / "a.txt")
    shutil.copy(Path(__file__).parent.parent / "samples" / "jinan-2020.txt", tmp_path / "b.txt")
    index = str(tmp_path / "i.db")
    audit_reports([str(tmp_path)], AuditSettings(), index=index)
    (tmp_path / "b.txt").write_text(
        (tmp_path / "a.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    again = audit_reports([str(tmp_path)], AuditSettings(), index=index)
    assert again.reused == 1
    assert again.result.pairs[0].reuse_ab == pytest.approx(
        1.0, abs=0.01
    )  # clauses under --min-clause never count


def test_parallel_reading_gives_the_same_figures(
    corpus: tuple[Path, list[Truth]], figures: dict[str, object]
) -> None:
    folder, _ = corpus
    assert audit_reports([str(folder)], AuditSettings(), jobs=2).result.to_json() == figures


def test_samples_audit_and_their_formulas_are_in_the_lexicon(tmp_path: Path) -> None:
    samples = str(Path(__file__).parent.parent / "samples")
    out = tmp_path / "audit.json"
    html = tmp_path / "audit.html"
    # different districts share a few per cent: ask for such pairs to get compare pages
    args = ["audit", samples, "--json", str(out), "--html", str(html), "--min-reuse", "0.01"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    texts = [f["template"] for f in data["formulas"]]
    assert any("以习近平新时代中国特色社会主义思想为指导" in t for t in texts)
    assert any("在市委、市政府和区委的坚强领导下" in t for t in texts)
    assert len(data["documents"]) == 5
    assert {"path", "government", "level", "year", "shared_ratio", "closest", "provenance"} <= set(
        data["documents"][0]
    )
    assert all(d["closest"] is not None for d in data["documents"])  # every report placed
    page = html.read_text(encoding="utf-8")
    assert "Formula templates" in page and "Heatmap of reuse" in page
    first = (tmp_path / "audit_pairs" / "pair1.html").read_text(encoding="utf-8")
    assert 'href="../audit.html"' in first  # the pair page links back
    written = len(list((tmp_path / "audit_pairs").glob("pair*.html")))
    assert f"links {written} side-by-side pair pages in {tmp_path / 'audit_pairs'}/" in (
        result.output
    )  # the user is told of the folder written beside the page


def test_the_pair_page_folder_is_named_as_the_page_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given ``audit.html`` from the current folder, the summary names ``audit_pairs/``, not
    an absolute path (two folders printed two texts for the same audit)."""
    samples = str(Path(__file__).parent.parent / "samples")
    monkeypatch.chdir(tmp_path)
    args = ["audit", samples, "--html", "audit.html", "--min-reuse", "0.01"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "side-by-side pair pages in audit_pairs/" in result.output
    assert str(tmp_path) not in result.output


def test_csv_to_stdout_and_bad_files_are_skipped(tmp_path: Path) -> None:
    good = Path(__file__).parent.parent / "samples"
    shutil.copytree(good, tmp_path / "reports")
    (tmp_path / "reports" / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    result = CliRunner().invoke(
        main, ["audit", str(tmp_path / "reports"), "--csv", "-", "--min-reuse", "0.01"]
    )
    assert result.exit_code == 0
    assert "broken.txt: is a PNG image" in result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["table"] for r in rows} >= {"document", "pair", "formula"}
    assert sum(r["table"] == "document" for r in rows) == 5


def test_nothing_readable_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(b"")
    (tmp_path / "y.txt").write_bytes(b"\x00\x01\x02")
    result = CliRunner().invoke(main, ["audit", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3  # each file's problem, then why the audit stops
    assert lines[0].endswith("x.txt: the file is empty")
    assert lines[-1].endswith(": no report could be read")


def test_one_unreadable_path_is_one_line(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.txt", tmp_path / "empty.txt"):
        if path.name == "empty.txt":
            path.write_bytes(b"")
        result = CliRunner().invoke(main, ["audit", str(path)])
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1, result.stderr
        assert str(path) in result.stderr


def test_a_file_without_chinese_text_is_no_report(tmp_path: Path) -> None:
    shutil.copytree(Path(__file__).parent.parent / "samples", tmp_path / "reports")
    (tmp_path / "reports" / "README.txt").write_text("Reports scraped in 2024.\n", "utf-8")
    result = CliRunner().invoke(main, ["audit", str(tmp_path / "reports"), "--json", "-"])
    assert result.exit_code == 0
    assert result.stderr.strip().endswith("README.txt: holds no Chinese text: not a work report")
    paths = [d["path"] for d in json.loads(result.stdout)["documents"]]
    assert len(paths) == 5 and not any(p.endswith("README.txt") for p in paths)


def test_a_folder_without_reports_says_so(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("no report here", encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"reportdiff: error: {tmp_path}: no report files found "
        "(.txt, .text, .html, .htm, .docx, .pdf)\n"
    )


def test_compare_with_corpus_splits_common_from_particular(
    corpus: tuple[Path, list[Truth]], tmp_path: Path
) -> None:
    folder, truths = corpus
    index = tmp_path / "corpus.db"
    assert CliRunner().invoke(main, ["audit", str(folder), "--index", str(index)]).exit_code == 0
    child = next(t for t in truths if t.parent is not None)
    out, html = tmp_path / "pair.json", tmp_path / "pair.html"
    args = [
        "compare",
        child.parent,
        child.path,
        "--corpus",
        str(index),
        "--json",
        str(out),
        "--html",
        str(html),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "common formula in the corpus" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    by_text = {e["text"]: e["corpus"] for e in data["shared"]}
    planted = [c for t, c in by_text.items() if PLANTED[0].rstrip("。") in t]
    assert planted and all(c["common"] for c in planted)
    particular = [c for c in by_text.values() if not c["common"]]
    assert particular, "a family's own text is particular to the pair"
    common_b = data["summary"]["common_ratio"][1]
    assert 0 < common_b < data["summary"]["shared_ratio"][1]
    page = html.read_text(encoding="utf-8")
    assert 'class="shared common"' in page and 'class="shared particular"' in page


def test_compare_with_missing_corpus_is_an_error(tmp_path: Path) -> None:
    sample = str(Path(__file__).parent.parent / "samples" / "hanbin-2020.txt")
    result = CliRunner().invoke(
        main, ["compare", sample, sample, "--corpus", str(tmp_path / "no.db")]
    )
    assert result.exit_code == 1 and "no such index file" in result.stderr


def test_a_stop_in_the_holders_counts_leaves_the_queued_step_unbegun(
    corpus: tuple[Path, list[Truth]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closest runs in a thread beside the holders, the provenance counts queued after it:
    a stop (Ctrl-C) while the holders are counted reaches the caller, and the queued
    step never runs. (Closest waits until the thread was told to shut down, so the
    queued step is still queued then, whatever the timing.)"""
    from compare.corpus import audit as audit_module

    shut_down = threading.Event()
    counted: list[bool] = []
    real_closest = audit_module.closest_reports

    class Watched(ThreadPoolExecutor):
        def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
            super().shutdown(wait=False, cancel_futures=cancel_futures)
            shut_down.set()
            super().shutdown(wait=wait)

    def closest_after_the_stop(*args: object) -> object:
        assert shut_down.wait(30)
        return real_closest(*args)  # type: ignore[arg-type]

    def stopped_counts(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(audit_module, "ThreadPoolExecutor", Watched)
    monkeypatch.setattr(audit_module, "closest_reports", closest_after_the_stop)
    monkeypatch.setattr(audit_module, "_Auditor", stopped_counts)
    monkeypatch.setattr(audit_module, "ProvenanceCounter", lambda *a: counted.append(True))
    folder, _ = corpus
    with pytest.raises(KeyboardInterrupt):
        audit_reports([str(folder)], AuditSettings(), jobs=2)
    assert shut_down.is_set() and counted == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_no_thread_of_the_audit_runs_when_it_forks(
    corpus: tuple[Path, list[Truth]],
    figures: dict[str, object],
    jobs: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With ``--jobs 2`` a thread works beside the holders, and is gone before any step
    forks; ``--jobs 1`` (one core) starts none. The figures are the same."""
    from compare.corpus import audit as audit_module
    from compare.corpus import pairs as pairs_module

    def ours() -> list[str]:
        return [
            t.name for t in threading.enumerate() if t.name.startswith(audit_module.THREAD_NAME)
        ]

    started: list[int] = []
    alive_at_forks: list[list[str]] = []
    real_executor, real_fork_map = audit_module.ThreadPoolExecutor, audit_module.fork_map

    def counted_executor(*args: object, **kwargs: object) -> ThreadPoolExecutor:
        started.append(1)
        return real_executor(*args, **kwargs)  # type: ignore[arg-type]

    def watched_fork_map(*args: object) -> object:
        alive_at_forks.append(ours())
        return real_fork_map(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(audit_module, "ThreadPoolExecutor", counted_executor)
    for module in (audit_module, pairs_module):  # every step that forks
        monkeypatch.setattr(module, "fork_map", watched_fork_map)
    folder, _ = corpus
    assert audit_reports([str(folder)], AuditSettings(), jobs=jobs).result.to_json() == figures
    assert len(started) == (jobs > 1) and alive_at_forks and not any(alive_at_forks)

"""A corpus too small for the common-formula threshold says so instead of mislabelling."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from compare import AuditSettings
from compare.cli import main
from compare.corpus.background import reports_needed, small_corpus_note

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_threshold_follows_the_settings() -> None:
    assert reports_needed(AuditSettings()) == 10  # 3 others at 30% of the reports
    assert reports_needed(AuditSettings(common=6)) == 20
    assert small_corpus_note(10, AuditSettings()) is None
    note = small_corpus_note(3, AuditSettings())
    assert note is not None and "3 reports besides A and B" in note and "at least 10" in note


def test_five_samples_are_too_few(tmp_path: Path) -> None:
    """The five samples as a corpus: universal formula (以习近平新时代…为指导) would have been
    labelled particular reuse; the comparison says why it does not split instead."""
    runner = CliRunner()
    index = tmp_path / "samples.db"
    assert runner.invoke(main, ["audit", str(SAMPLES), "--index", str(index)]).exit_code == 0
    out, html = tmp_path / "c.json", tmp_path / "c.html"
    result = runner.invoke(
        main,
        [
            "compare",
            str(SAMPLES / "hanbin-2020.txt"),
            str(SAMPLES / "luojiang-2024.txt"),
            "--corpus",
            str(index),
            "--json",
            str(out),
            "--html",
            str(html),
        ],
    )
    assert result.exit_code == 0, result.output
    line = "the corpus holds 3 reports besides A and B"
    assert sum(line in row for row in result.stdout.splitlines()) == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert any(line in note for note in data["notes"])
    assert all("corpus" not in entry for entry in data["shared"])
    assert data["summary"]["common_ratio"] == [None, None]
    page = html.read_text(encoding="utf-8")
    assert line in page
    assert "shared particular" not in page and "shared common" not in page

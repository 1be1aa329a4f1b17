"""Bounded reading returns every byte of every real report, and not one byte past the limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare import UnreadableFile
from compare.read.files import read_bytes
from compare.settings import MAX_BYTES

from .conftest import SAMPLES

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
REPORTS = sorted(SAMPLES.glob("*.txt")) + (sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])


def test_every_real_report_is_read_whole() -> None:
    assert len(REPORTS) >= 5
    for path in REPORTS:
        data = path.read_bytes()
        assert len(data) < MAX_BYTES
        assert read_bytes(str(path)) == data, path


@pytest.mark.parametrize("path", REPORTS[:: max(1, len(REPORTS) // 10)], ids=lambda p: p.name)
def test_the_limit_is_exact_on_real_reports(path: Path) -> None:
    size = path.stat().st_size
    assert read_bytes(str(path), max_bytes=size) == path.read_bytes()
    with pytest.raises(UnreadableFile, match="larger than any report"):
        read_bytes(str(path), max_bytes=size - 1)

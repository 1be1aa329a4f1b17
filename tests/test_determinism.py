"""Equal inputs and settings give byte-equal JSON and pages, whatever Python's hash seed
and the time of day.

Each run is a fresh process, so set and dict orders that depend on
``PYTHONHASHSEED`` would show; nothing in a result may depend on them, nor on
wall-clock time-outs.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SAMPLES, sample_path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _run(args: list[str], seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "compare", *args], env=env, capture_output=True, check=True
    )
    return done.stdout


def _pairs() -> list[tuple[str, str]]:
    pairs = [(str(sample_path("hanbin-2020")), str(sample_path("yingze-2018")))]
    if CORPUS.is_dir():  # real consecutive years of one government, and two provinces
        pairs.append(
            (str(CORPUS / "hebei_province_2022.txt"), str(CORPUS / "hebei_province_2023.txt"))
        )
        pairs.append(
            (str(CORPUS / "jiangsu_province_2026.txt"), str(CORPUS / "henan_province_2026.txt"))
        )
    return pairs


@pytest.mark.parametrize("a,b", _pairs(), ids=lambda p: Path(p).stem)
def test_compare_json_is_byte_equal_under_two_hash_seeds(a: str, b: str) -> None:
    args = ["compare", a, b, "--json", "-", "--seed", "5"]
    first = _run(args, "1")
    assert first.startswith(b"{")
    assert _run(args, "2") == first


def test_audit_json_is_byte_equal_under_two_hash_seeds() -> None:
    args = ["audit", str(SAMPLES), "--json", "-", "--min-reuse", "0"]
    first = _run(args, "1")
    assert b'"pairs"' in first
    assert _run(args, "2") == first


def test_pages_are_byte_equal_under_two_hash_seeds_and_carry_no_clock_time(
    tmp_path: Path,
) -> None:
    """The pages carried the minute they were made in their footer: two runs a minute apart
    differed. Now no date or time of day is on them."""
    a, b = str(sample_path("hanbin-2020")), str(sample_path("yingze-2018"))
    pages: list[list[bytes]] = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        out.mkdir()
        _run(["compare", a, b, "--html", str(out / "compare.html")], seed)
        _run(["audit", str(SAMPLES), "--html", str(out / "audit.html")], seed)
        pages.append([p.read_bytes() for p in sorted(out.rglob("*.html"))])
    assert len(pages[0]) > 2 and pages[0] == pages[1]
    stamp = re.compile(rb"20\d\d-\d\d-\d\d \d\d:\d\d")
    assert not any(stamp.search(page) for page in pages[0])

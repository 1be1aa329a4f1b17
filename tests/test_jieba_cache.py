"""jieba's dictionary never comes from, nor goes to, a cache other users can write.

jieba keeps ``jieba.cache`` in the temp directory (``/tmp``), shared by every user of a
machine. Each run here is a fresh process with ``TMPDIR`` pointing to a folder of the
test's own, standing for that shared ``/tmp``.
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

from .conftest import sample_path
from .hostile import ROOT

A = sample_path("hanbin-2020")
WORDS = "from compare.pair.tokens import tokenize; import sys; print(tokenize(sys.argv[1]).words)"


def words(tmp: Path) -> tuple[str, str]:
    """jieba's words of a sample in a fresh process with ``tmp`` as temp directory:
    stdout, stderr."""
    result = subprocess.run(
        [sys.executable, "-c", WORDS, A.read_text(encoding="utf-8")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp)},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout, result.stderr


def test_a_planted_cache_changes_nothing(tmp_path: Path) -> None:
    clean, planted = tmp_path / "clean", tmp_path / "planted"
    clean.mkdir()
    planted.mkdir()
    # another user's cache: every character a word of its own
    chars = {ch: 1 for ch in A.read_text(encoding="utf-8")}
    (planted / "jieba.cache").write_bytes(marshal.dumps((chars, len(chars))))
    expected, _ = words(clean)
    got, stderr = words(planted)
    assert got == expected
    assert stderr == ""
    assert sorted(p.name for p in clean.iterdir()) == []  # and nothing written to /tmp


def test_a_cache_that_cannot_be_written_prints_nothing(tmp_path: Path) -> None:
    (tmp_path / "jieba.cache").mkdir()  # in the way of jieba's cache file
    (tmp_path / "jieba.cache" / "x").write_text("")
    _, stderr = words(tmp_path)
    assert stderr == ""

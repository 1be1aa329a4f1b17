"""Diffs of two word-coded strings: diff-match-patch's C++ implementation where there is one.

A sentence is diffed word by word: :class:`WordCodes` maps each jieba word to
one code point (as diff-match-patch does for lines), so a changed word is one
change, not several characters. compare diffs tens of thousands of sentence
pairs of two long reports. The pure-Python diff-match-patch spends most
of that time in ``diff_bisect``; the same library's C++ port
(``fast_diff_match_patch``) runs the same algorithm, with the same merge and
semantic clean-up, six times as fast. They give identical diffs: checked on
every sentence pair compare diffs in the real corpus and in long reports
(56,226 pairs, none different), and ``tests/test_word_diff.py`` checks it
again on real pairs. Where the C++ wheel is not installed (it has no wheel for
every Python), the pure-Python library is used, with the same results.

Both run with no time-out: a time-out makes a diff depend on the machine's
load, and units are sentences or clauses, so the work is bounded anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

try:  # the C++ port; optional only because it lacks wheels for some Pythons
    import fast_diff_match_patch as _fast
except ImportError:  # pragma: no cover - exercised where the wheel is missing
    _fast = None

Op = Literal[-1, 0, 1]
_OPS: dict[str, Op] = {"-": -1, "=": 0, "+": 1}
_CODE_BASE = 0xF0000  # supplementary private use area: one code point per distinct word


class WordCodes:
    """Maps words to single code points so diff-match-patch diffs words, not characters."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}

    def encode(self, words: Iterable[str]) -> str:
        out = []
        for word in words:
            code = self.codes.get(word)
            if code is None:
                code = self.codes[word] = chr(_CODE_BASE + len(self.codes))
            out.append(code)
        return "".join(out)


def python_diff(a: str, b: str, semantic: bool = False) -> list[tuple[Op, int]]:
    """``(op, length)`` runs turning ``a`` into ``b``, by the pure-Python library.

    ``op`` is -1 (only in ``a``), 0 (in both) or 1 (only in ``b``);
    ``semantic`` applies diff-match-patch's semantic clean-up, which merges
    small equalities into the changes around them.
    """
    from diff_match_patch import diff_match_patch  # only where the C++ port is missing

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(a, b, False)
    if semantic:
        dmp.diff_cleanupSemantic(diffs)
    return [(op, len(text)) for op, text in diffs]


def fast_diff(a: str, b: str, semantic: bool = False) -> list[tuple[Op, int]]:
    """The same runs as :func:`python_diff`, by the C++ port."""
    if _fast is None:
        raise ImportError("fast_diff_match_patch is not installed")
    runs = _fast.diff(
        a,
        b,
        timelimit=0,
        checklines=False,
        cleanup="Semantic" if semantic else "No",
        counts_only=True,
    )
    return [(_OPS[op], n) for op, n in runs]


word_diff = python_diff if _fast is None else fast_diff
"""The diff compare uses: the C++ port when installed, else the pure-Python library."""

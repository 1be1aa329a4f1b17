"""The rows' similarity table and matching against the cell-by-cell code they replaced.

The sparse table and the row-at-a-time matching must give exactly what the old
per-cell formula and loop gave (floats to the last bit), on real report pairs.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from compare import compare_reports
from compare.pair import rows
from compare.pair.gram_overlap import GramIds
from compare.pair.prepared import Prepared
from compare.read.chars import content_length, letters
from compare.read.units import Unit

from .conftest import SAMPLES
from .corpus_files import corpus_paths


def _old_similarity(a: Prepared, b: Prepared, sa: list[Unit], sb: list[Unit], runs: list) -> dict:
    """Every cell's similarity by the old per-cell formula (0 cells left out)."""

    def grams(text: str) -> frozenset[str]:
        core = letters(text)
        return frozenset(core[i : i + 2] for i in range(len(core) - 1))

    la = [content_length(a.text[u.start : u.end]) for u in sa]
    lb = [content_length(b.text[u.start : u.end]) for u in sb]
    ga = [grams(a.text[u.start : u.end]) for u in sa]
    gb = [grams(b.text[u.start : u.end]) for u in sb]
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for run in runs:
        i = next((k for k, u in enumerate(sa) if u.start <= run.a_start < u.end), None)
        j = next((k for k, u in enumerate(sb) if u.start <= run.b_start < u.end), None)
        if i is not None and j is not None:
            shared[(i, j)] += content_length(run.text)
    out = {}
    for i in range(len(sa)):
        for j in range(len(sb)):
            total = la[i] + lb[j]
            by_runs = 2 * shared.get((i, j), 0) / total if total else 0.0
            x, y = ga[i], gb[j]
            bigrams = 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0
            if by_runs >= rows.MIN_RUN_SIMILARITY or bigrams >= rows.MIN_BIGRAM_SIMILARITY:
                out[(i, j)] = max(by_runs, bigrams)
    return out


def _old_match(n: int, m: int, sim: dict) -> list[tuple[int, int, float]]:
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = score[i], score[i + 1]
        for j in range(m - 1, -1, -1):
            best = max(below[j], row[j + 1])
            s = sim.get((i, j), 0.0)
            if s > 0.0:
                best = max(best, s + below[j + 1])
            row[j] = best
    out, i, j = [], 0, 0
    while i < n and j < m:
        s = sim.get((i, j), 0.0)
        if s > 0.0 and score[i][j] == s + score[i + 1][j + 1]:
            out.append((i, j, s))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def _pairs() -> list[object]:
    """The samples' pair, and two real reports of one county when the corpus is beside the
    checkout (asked at collection: ``sources()`` would skip the whole module without it)."""
    pairs = [
        pytest.param(
            (str(SAMPLES / "hanbin-2020.txt"), str(SAMPLES / "yingze-2018.txt")), id="samples"
        )
    ]
    shunping = [str(p) for p in corpus_paths() if p.stem.startswith("shunping_county")]
    if len(shunping) >= 2:
        pairs.append(pytest.param((shunping[0], shunping[1]), id="shunping"))
    return pairs


@pytest.mark.parametrize("pair", _pairs())
def test_table_and_matching_equal_the_cell_by_cell_code(pair: tuple[str, str]) -> None:
    result = compare_reports(*pair)
    a, b = result.a, result.b
    by_b = rows._RunsOfB(result.shared)
    # one vocabulary for all section pairs, as the page's
    bigrams = GramIds(rows._bigrams, a.text, b.text)
    checked = 0
    for section_pair in result.pairs:
        if section_pair.a is None or section_pair.b is None:
            continue
        sa = a.units_in(a.sentences, *rows.shown_span(section_pair.a, True))
        sb = b.units_in(b.sentences, *rows.shown_span(section_pair.b, True))
        if not sa or not sb:
            continue
        sim = rows._Similarity(a, b, sa, sb, by_b, bigrams)
        old = _old_similarity(a, b, sa, sb, result.shared)
        new = {(i, j): sim(i, j) for i in range(len(sa)) for j in range(len(sb)) if sim(i, j)}
        assert new == old
        assert all(type(v) is float for v in new.values())
        assert rows._match(len(sa), len(sb), sim) == _old_match(len(sa), len(sb), old)
        checked += len(old)
    assert checked > 15  # similar sentence pairs compared (22 in the Shunping pair)

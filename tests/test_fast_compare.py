"""``_choose`` by claimed characters and ``coverage`` by prefix sums give what the scans gave."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.pair.comparison import coverage
from compare.pair.shared import SharedSpan, _choose, _order


def _choose_by_scan(runs: list[SharedSpan]) -> list[SharedSpan]:
    """The quadratic original: every chosen run checked for each candidate."""
    taken_a: list[tuple[int, int]] = []
    taken_b: list[tuple[int, int]] = []
    chosen = []
    for run in sorted(runs, key=_order):  # the order is _choose's; the scan is the test's
        if any(s < run.b_end and run.b_start < e for s, e in taken_b) or any(
            s < run.a_end and run.a_start < e for s, e in taken_a
        ):
            continue
        taken_a.append((run.a_start, run.a_end))
        taken_b.append((run.b_start, run.b_end))
        chosen.append(run)
    return sorted(chosen, key=lambda r: r.b_start)


def _coverage_by_scan(text: str, spans: list[tuple[int, int]], start: int, end: int) -> float:
    total = sum(1 for ch in text[start:end] if not ch.isspace())
    if total == 0:
        return 0.0
    inside = 0
    for s, e in spans:
        lo, hi = max(s, start), min(e, end)
        if lo < hi:
            inside += sum(1 for ch in text[lo:hi] if not ch.isspace())
    return inside / total


_RUN = st.tuples(
    st.integers(0, 300), st.integers(1, 40), st.integers(0, 300), st.integers(0, 3)
).map(lambda t: SharedSpan(t[0], t[0] + t[1] + t[3], t[2], t[2] + t[1], "x"))


@settings(max_examples=400, deadline=None)
@given(st.lists(_RUN, max_size=80))
def test_choose_by_claimed_characters_equals_the_scan(runs: list[SharedSpan]) -> None:
    assert _choose(runs) == _choose_by_scan(runs)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="中文 \n\t　ab，", max_size=200),
    st.lists(st.tuples(st.integers(0, 200), st.integers(1, 30)), max_size=20),
    st.integers(0, 200),
    st.integers(0, 200),
)
def test_coverage_by_prefix_sums_equals_the_scan(
    text: str, raw: list[tuple[int, int]], start: int, length: int
) -> None:
    spans: list[tuple[int, int]] = []
    for s, n in sorted(raw):  # disjoint, sorted, inside the text
        s = max(s, spans[-1][1] if spans else 0)
        if s + n <= len(text):
            spans.append((s, s + n))
    start = min(start, len(text))
    end = min(start + length, len(text))
    assert coverage(text, spans, start, end) == _coverage_by_scan(text, spans, start, end)

"""Precision and recall of shared spans on template-reuse cases with known answers.

Run: ``python bench/eval_reuse.py`` (from the repository root).

Truth: the characters of derived report B copied from A, in runs of at least
``min_shared`` Han characters or digits (shorter copied scraps between two
changed figures are below what the tool is asked to find). Predicted: the
characters of B inside the ``shared`` spans of ``compare``. Both counted over
non-whitespace characters of B's body.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuse_cases import derive

from compare import CompareSettings, compare_reports, load_report, parse_report
from compare.read.chars import content_length

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["hanbin-2020", "hecheng-20xx-traditional", "jinan-2020", "luojiang-2024", "yingze-2018"]


def truth_mask(text: str, copied: list[bool], min_shared: int) -> list[bool]:
    """Copied characters, keeping only copied runs long enough to count as shared."""
    mask = [False] * len(text)
    i = 0
    while i < len(text):
        if not copied[i]:
            i += 1
            continue
        j = i
        while j < len(text) and copied[j]:
            j += 1
        if content_length(text[i:j]) >= min_shared:
            mask[i:j] = [True] * (j - i)
        i = j
    return mask


def evaluate(a_name: str, c_name: str, seed: int, settings: CompareSettings) -> tuple[float, float]:
    a = load_report(str(ROOT / "samples" / f"{a_name}.txt"))
    c = load_report(str(ROOT / "samples" / f"{c_name}.txt"))
    derived = derive(a, c, seed)
    b = parse_report(derived.text, f"derived-{a_name}-{seed}")
    result = compare_reports(a, b, settings)
    truth = truth_mask(derived.text, derived.copied, settings.min_shared)
    predicted = [False] * len(derived.text)
    for run in result.shared:
        start, end = b.original_span(run.b_start, run.b_end)
        predicted[start:end] = [True] * (end - start)
    lo, hi = b.original_span(b.body_start, b.body_end)
    idx = [i for i in range(lo, hi) if not derived.text[i].isspace()]
    tp = sum(1 for i in idx if truth[i] and predicted[i])
    precision = tp / max(1, sum(1 for i in idx if predicted[i]))
    recall = tp / max(1, sum(1 for i in idx if truth[i]))
    return precision, recall


def main() -> None:
    settings = CompareSettings()
    rows = []
    print(f"{'A':28s} {'C (inserted from)':28s} seed  precision  recall")
    for k, a_name in enumerate(NAMES):
        c_name = NAMES[(k + 1) % len(NAMES)]
        for seed in (1, 2):
            p, r = evaluate(a_name, c_name, seed, settings)
            rows.append((p, r))
            print(f"{a_name:28s} {c_name:28s} {seed:4d}  {p:9.3f}  {r:6.3f}")
    ps, rs = [p for p, _ in rows], [r for _, r in rows]
    print(f"{'median':62s}  {statistics.median(ps):9.3f}  {statistics.median(rs):6.3f}")
    print(f"{'min':62s}  {min(ps):9.3f}  {min(rs):6.3f}")


if __name__ == "__main__":
    main()

"""Time ``compare`` end to end against jieba alone and diff-match-patch alone.

Run: ``python bench/bench_compare.py [A B] [--repeat N] [--full-dmp]``.

Prints, side by side in one run, medians of:
- compare end to end (read, decode, outline, tokenise, align, diff, mark);
- (a) jieba segmenting the same two texts (the floor: compare segments once);
- (b) diff-match-patch on the two whole normalised documents, with its
  default 1 s time-out (``--full-dmp``: with no time-out, over a minute).
jieba's dictionary is loaded once before timing; it is not counted anywhere.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import jieba
from diff_match_patch import diff_match_patch

from compare import compare_reports, load_report
from compare.pair.tokens import tokenize

ROOT = Path(__file__).resolve().parent.parent


def median_time(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", nargs="?", default=str(ROOT / "samples/hanbin-2020.txt"))
    parser.add_argument("b", nargs="?", default=str(ROOT / "samples/yingze-2018.txt"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--full-dmp", action="store_true", help="diff whole documents with no time-out"
    )
    args = parser.parse_args()

    tokenize("预热")  # load jieba's dictionary outside the timings
    texts = [Path(p).read_text(encoding="utf-8") for p in (args.a, args.b)]

    def end_to_end() -> None:
        compare_reports(load_report(args.a), load_report(args.b))

    def jieba_only() -> None:
        for text in texts:
            jieba.lcut(text)

    a, b = load_report(args.a), load_report(args.b)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0 if args.full_dmp else 1.0
    found: list[int] = []

    def dmp_whole() -> None:
        diffs = dmp.diff_main(a.body_text, b.body_text)
        found.append(sum(len(t) for op, t in diffs if op == 0 and len(t) >= 4))

    t_compare = median_time(end_to_end, args.repeat)
    t_jieba = median_time(jieba_only, args.repeat)
    t_dmp = median_time(dmp_whole, 1 if args.full_dmp else args.repeat)
    chars = sum(len(t) for t in texts)
    print(f"inputs: {args.a} + {args.b} ({chars:,} characters)")
    print(f"{'what':44s} {'median s':>9s} {'x jieba':>8s}")
    print(f"{'compare end to end':44s} {t_compare:9.3f} {t_compare / t_jieba:8.1f}")
    print(f"{'(a) jieba segmenting both texts':44s} {t_jieba:9.3f} {1.0:8.1f}")
    label = "(b) dmp on whole documents" + (
        " (no time-out)" if args.full_dmp else " (1 s time-out)"
    )
    print(f"{label:44s} {t_dmp:9.3f} {t_dmp / t_jieba:8.1f}")
    print(f"dmp whole-document equal runs of >= 4 chars: {found[-1]:,} characters")


if __name__ == "__main__":
    main()

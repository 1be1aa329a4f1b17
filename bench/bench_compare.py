"""Time ``compare`` end to end against jieba alone and diff-match-patch alone.

Run: ``python bench/bench_compare.py [A B] [--repeat N] [--full-dmp]``, and
``python bench/bench_compare.py --growth`` for how compare grows with length.

Prints, side by side in one run, medians of:
- compare end to end (read, decode, outline, tokenise, align, diff, mark);
- (a) jieba segmenting the same two texts (the floor: compare segments once);
- (b) diff-match-patch on the two whole normalised documents, with its
  default 1 s time-out (``--full-dmp``: with no time-out, over a minute).
jieba's dictionary is loaded once before timing; it is not counted anywhere.

``--growth`` builds pairs of long reports from the parts of real reports of
``../shared/corpus/`` (A from one half of the corpus, B from the other; see
``long_report``), from 30,000 to 300,000 characters each, times the lengths in
turn, round after round, and prints the median time of compare at each length,
the growth per doubling and the ratio to 30,000 (linear growth is 10x at 300,000;
the target is at most 12x), also as the median of each round's own ratio.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import jieba
from diff_match_patch import diff_match_patch

from compare import compare_reports, load_report
from compare.pair.tokens import tokenize

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
LENGTHS = [30_000, 60_000, 120_000, 240_000, 300_000]


def _parts(path: Path) -> dict[str, list[tuple[str, str]]]:
    """A real report's review, plan and self-government parts: (topic title, text) each."""
    doc = load_report(str(path))
    parts: dict[str, list[tuple[str, str]]] = {"review": [], "plan": [], "self_government": []}
    for section in doc.sections:
        if section.role not in parts:
            continue
        topics = section.children or [section]
        for topic in topics:
            body = doc.original[topic.start : topic.end].split("\n", 1)
            if len(body) == 2 and body[1].strip():
                role = topic.role if topic.role in parts else section.role
                parts[role].append((topic.title.split("、", 1)[-1].strip("（）() "), body[1]))
    return parts


_NUMERALS = "一二三四五六七八九十"
_TOPICS_PER_PART = 10


def _numeral(k: int) -> str:
    """Chinese numerals for topic numbers up to 99."""
    tens, ones = divmod(k, 10)
    return (
        ("" if tens < 2 else _NUMERALS[tens - 1])
        + ("十" if tens else "")
        + (_NUMERALS[ones - 1] if ones else "")
    )


def long_report(paths: list[Path], length: int, out: Path) -> Path:
    """One well-formed report of about ``length`` characters made of real reports' parts.

    The review and plan topics of successive real reports are gathered, topic
    by topic until the length is reached, under one title, one review, plan
    parts of ten numbered topics each and one closing: a longer report has
    more topics of the same kind, as a province's report has more than a
    county's, rather than several reports end to end (whose outline would
    change shape from one length to the next).
    """
    gathered: dict[str, list[tuple[str, str]]] = {"review": [], "plan": []}
    size = 0
    for path in paths:
        parts = _parts(path)
        for role in gathered:
            for topic in parts[role]:
                if size < length:
                    gathered[role].append(topic)
                    size += len(topic[0]) + len(topic[1]) + 8
    lines = ["2024年政府工作报告", "各位代表：", "一、过去一年工作回顾"]
    lines += [text for _, text in gathered["review"]]
    plan = gathered["plan"]
    part = 1
    for first in range(0, len(plan), _TOPICS_PER_PART):  # numbered headings stop at 99
        part += 1
        lines.append(f"{_numeral(part)}、今年工作安排（第{first // _TOPICS_PER_PART + 1}部分）")
        for k, (title, text) in enumerate(plan[first : first + _TOPICS_PER_PART], start=1):
            lines += [f"（{_numeral(k)}）{title}", text]
    lines.append("各位代表，让我们团结一心，奋力开创新局面！")
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def growth(repeat: int) -> None:
    """Compare time of long real-text pairs, per doubling of their length.

    The lengths are timed in turn, round after round (30k, 60k, ... 300k, then
    again), not each length ``repeat`` times in a row: a slow spell of this
    shared machine then falls on every length alike instead of on one. Printed:
    each length's median time, and the median over the rounds of its time over
    the 30k pair's time of the same round.
    """
    import tempfile

    files = sorted(CORPUS.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        pairs = []
        for length in LENGTHS:
            a = long_report(files[0::2], length, Path(tmp) / f"a{length}.txt")
            b = long_report(files[1::2], length, Path(tmp) / f"b{length}.txt")
            pairs.append((load_report(str(a)), load_report(str(b))))
    rounds = [
        [median_time(partial(compare_reports, *docs), 1) for docs in pairs] for _ in range(repeat)
    ]
    chars = [len(a.original) + len(b.original) for a, b in pairs]
    seconds = [statistics.median(r[k] for r in rounds) for k in range(len(pairs))]
    print(
        f"{'chars (A+B)':>12} {'median s':>9} {'x previous':>10} {'x first':>8} "
        f"{'x first by round':>16} {'chars x first':>13}"
    )
    for k in range(len(pairs)):
        prev = seconds[k] / seconds[k - 1] if k else 1.0
        by_round = statistics.median(r[k] / r[0] for r in rounds)
        print(
            f"{chars[k]:12,d} {seconds[k]:9.2f} {prev:10.2f} {seconds[k] / seconds[0]:8.2f} "
            f"{by_round:16.2f} {chars[k] / chars[0]:13.1f}"
        )


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
    parser.add_argument("--growth", action="store_true", help="time 30k to 300k characters")
    args = parser.parse_args()

    tokenize("预热")  # load jieba's dictionary outside the timings
    if args.growth:
        growth(args.repeat)
        return
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

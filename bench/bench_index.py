"""What an ``--index`` saves, and what ``--jobs 2`` gains, on a realistic corpus.

Run: ``python bench/bench_index.py [--reports 1000]``.

On the corpus ``bench_audit.py`` generates (``bench/.corpora/real<N>``), in one
run, side by side:

- a fresh audit with ``--jobs 1`` and with ``--jobs 2`` (reading is the
  per-report work the processes share);
- a fresh audit into a new index (99% of the reports), the same files again
  with nothing changed, then with the last 1% of the reports added; each as
  a share of the fresh audit of all the reports.

Every audit runs in this process; the figures of the index runs are checked
equal to the fresh audit's.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_audit import ensure_corpus  # noqa: E402

from compare import AuditSettings, audit_reports  # noqa: E402


def timed(paths: list[str], **kwargs: object) -> tuple[float, str]:
    start = time.perf_counter()
    run = audit_reports(paths, AuditSettings(), **kwargs)  # type: ignore[arg-type]
    return time.perf_counter() - start, json.dumps(run.result.to_json(), ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()
    folder = ensure_corpus(args.reports)
    paths = sorted(str(p) for p in folder.glob("*.txt"))
    most, rest = paths[: len(paths) * 99 // 100], paths[len(paths) * 99 // 100 :]
    print(f"uptime: {os.popen('uptime').read().strip()}")
    one, fresh = timed(paths, jobs=1)
    two, same = timed(paths, jobs=2)
    assert same == fresh
    with tempfile.TemporaryDirectory() as tmp:
        index = str(Path(tmp) / "corpus.db")
        build, _ = timed(most, index=index, jobs=2)
        again, _ = timed(most, index=index, jobs=2)
        grown, figures = timed(paths, index=index, jobs=2)
        size = os.path.getsize(index)
    assert figures == fresh, "an index gives the figures of a fresh audit"
    print(f"{len(paths)} reports ({len(rest)} added last); index file {size / 1e6:.0f} MB")
    print(f"{'run':44s} {'seconds':>8s} {'x fresh (jobs 2)':>17s}")
    rows = [
        ("fresh audit, --jobs 1", one),
        ("fresh audit, --jobs 2", two),
        (f"fresh audit of {len(most)} into a new index", build),
        ("re-run, nothing changed", again),
        (f"re-run with {len(rest)} reports added (1%)", grown),
    ]
    for name, seconds in rows:
        print(f"{name:44s} {seconds:8.1f} {seconds / two:17.2f}")
    print(f"uptime: {os.popen('uptime').read().strip()}")


if __name__ == "__main__":
    main()

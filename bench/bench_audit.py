"""Time and peak memory of ``audit`` on synthetic corpora of growing size.

Run: ``python bench/bench_audit.py [--sizes 100 1000 5000] [--jobs 2]``.

Each size is generated once under ``bench/.corpora/`` (families of five
yearly reports, see ``make_corpus.py``), then audited in a fresh process so
that its peak resident memory is its own. Printed side by side: seconds,
reports per second, seconds per report relative to the smallest size (1.0
means cost grows linearly), peak memory, and the number of pairs found.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

YEARS = 5


def ensure_corpus(size: int) -> Path:
    folder = HERE / ".corpora" / f"n{size}"
    if not (folder / "truth.json").exists():
        from make_corpus import make_corpus

        truths = make_corpus(folder, size // YEARS, YEARS, seed=size)
        (folder / "truth.json").write_text(json.dumps(len(truths)))
    return folder


def measure(folder: Path, jobs: int) -> dict[str, float]:
    """Audit ``folder`` in this process; print the figures as JSON."""
    from compare import AuditSettings, audit_reports

    start = time.perf_counter()
    run = audit_reports([str(folder)], AuditSettings(), jobs=jobs)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "reports": len(run.corpus.records),
        "seconds": seconds,
        "peak_mb": peak,
        "worker_peak_mb": children,
        "pairs": len(run.result.pairs),
        "clauses": sum(len(ids) for ids in run.corpus.clause_ids),
        "distinct": len(run.corpus.index.examples),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.jobs)))
        return
    rows = []
    for size in args.sizes:
        folder = ensure_corpus(size)
        out = subprocess.run(
            [sys.executable, __file__, "--measure", str(folder), "--jobs", str(args.jobs)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    base = rows[0]["seconds"] / rows[0]["reports"]
    print(f"{'reports':>8} {'seconds':>8} {'reports/s':>9} {'s/report vs first':>18} {'peak MB':>8} "
          f"{'worker MB':>9} {'clauses':>9} {'distinct':>9} {'pairs':>7}")  # fmt: skip
    for r in rows:
        per = r["seconds"] / r["reports"]
        print(f"{r['reports']:8.0f} {r['seconds']:8.1f} {r['reports'] / r['seconds']:9.1f} {per / base:18.2f} "
              f"{r['peak_mb']:8.0f} {r['worker_peak_mb']:9.0f} {r['clauses']:9.0f} {r['distinct']:9.0f} "
              f"{r['pairs']:7.0f}")  # fmt: skip


if __name__ == "__main__":
    main()

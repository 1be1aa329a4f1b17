"""Start-up time of the CLI, whole process, against ``python -c pass`` in the same run.

    python bench/bench_startup.py [--runs 21]

Prints the median wall time of each command over ``--runs`` runs (interleaved,
so machine load falls on all alike) and its excess over the bare interpreter.
Targets (issue 10): ``reportdiff --help`` <= 0.3 s, ``reportdiff outline`` on a
sample <= 0.5 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "hanbin-2020.txt"
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "reportdiff --help": [sys.executable, "-m", "compare", "--help"],
    "reportdiff outline SAMPLE": [sys.executable, "-m", "compare", "outline", str(SAMPLE)],
    "reportdiff outline --json": [
        sys.executable,
        "-m",
        "compare",
        "outline",
        str(SAMPLE),
        "--json",
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):
        for name, command in COMMANDS.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["python -c pass"])
    print(f"{'command':28s} {'median s':>9s} {'over python':>12s}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:28s} {median:9.3f} {median - base:12.3f}")


if __name__ == "__main__":
    main()

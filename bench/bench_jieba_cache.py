"""Is jieba's dictionary cache worth keeping? Build the prefix dictionary versus load it.

jieba caches its prefix dictionary in ``/tmp/jieba.cache`` (``marshal``), a file
shared by every user of the machine. reportdiff builds the dictionary in memory
instead (``compare/pair/tokens.py``); this prints what that costs against loading
the cache, each timed in a fresh process (medians of ``--repeat`` runs):

    python bench/bench_jieba_cache.py
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BUILD = """
import time, jieba
t = time.perf_counter()
jieba.dt.gen_pfdict(jieba.dt.get_dict_file())
print(time.perf_counter() - t)
"""
DUMP = """
import marshal, sys, jieba
with open(sys.argv[1], "wb") as f:
    marshal.dump(jieba.dt.gen_pfdict(jieba.dt.get_dict_file()), f)
"""
LOAD = """
import marshal, sys, time
t = time.perf_counter()
with open(sys.argv[1], "rb") as f:
    marshal.load(f)
print(time.perf_counter() - t)
"""


def timed(code: str, *args: str) -> float:
    """Seconds the snippet reports for its own work, in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    return float(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache = str(Path(tmp) / "jieba.cache")
        subprocess.run([sys.executable, "-c", DUMP, cache], check=True)
        build = [timed(BUILD) for _ in range(args.repeat)]
        load = [timed(LOAD, cache) for _ in range(args.repeat)]
    base = statistics.median(load)
    print(f"{'what':40s} {'median s':>9s} {'x cache':>8s}")
    print(f"{'load jieba.cache (marshal)':40s} {base:9.3f} {1.0:8.2f}")
    print(
        f"{'build the prefix dictionary':40s} {statistics.median(build):9.3f} "
        f"{statistics.median(build) / base:8.2f}"
    )


if __name__ == "__main__":
    main()

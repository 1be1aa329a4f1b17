"""compare's growth counted in instructions (valgrind's callgrind), which load does not move.

Run: ``python bench/compare_instructions.py [--lengths 30000 300000]`` (needs ``valgrind``;
about 20 minutes for the two default lengths, mostly the 300,000-character pair).

The wall-clock growth of ``bench_compare.py --growth`` moved by more than the margin to
its target between identical runs on a shared machine. Here each length's pair (the
same long reports as ``--growth`` builds) runs twice under callgrind in a fresh
process: once loading the two reports and jieba's dictionary, once doing that and
comparing them; the difference is the comparison's own instructions. Printed: the
instructions at each length and their ratio to the first length, beside the ratio of
the characters.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_compare import CORPUS, long_report

CHILD = """
import sys
from compare import compare_reports, load_report
from compare.pair.tokens import tokenize
tokenize("预热")
docs = [load_report(p) for p in sys.argv[1:3]]
if sys.argv[3] == "compare":
    compare_reports(*docs)
"""


def instructions(a: Path, b: Path, what: str, folder: Path) -> int:
    """Instructions callgrind counts for the child doing ``what`` (``load`` or ``compare``)."""
    out = folder / f"callgrind.{a.stem}.{what}"
    subprocess.run(
        [
            *("valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"),
            *(sys.executable, "-c", CHILD, str(a), str(b), what),
        ],
        check=True,
        capture_output=True,
    )
    found = re.search(r"^summary: (\d+)", out.read_text(), re.MULTILINE)
    assert found is not None, f"no summary line in {out}"
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", type=int, nargs="+", default=[30_000, 300_000])
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("compare_instructions: valgrind is not installed")
    files = sorted(CORPUS.glob("*.txt"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for length in args.lengths:
            a = long_report(files[0::2], length, folder / f"a{length}.txt")
            b = long_report(files[1::2], length, folder / f"b{length}.txt")
            chars = len(a.read_text(encoding="utf-8")) + len(b.read_text(encoding="utf-8"))
            spent = instructions(a, b, "compare", folder) - instructions(a, b, "load", folder)
            rows.append((chars, spent))
    print(f"{'chars (A+B)':>12} {'instructions':>16} {'x first':>8} {'chars x first':>13}")
    for chars, spent in rows:
        print(f"{chars:12,d} {spent:16,d} {spent / rows[0][1]:8.2f} {chars / rows[0][0]:13.1f}")


if __name__ == "__main__":
    main()

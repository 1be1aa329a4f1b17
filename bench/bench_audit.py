"""Time and peak memory of ``audit`` on realistic corpora, beside a minimal MinHash pass.

Run: ``python bench/bench_audit.py [--sizes 1000 10000 50000] [--jobs 2]``.

Each size is generated once under ``bench/.corpora/`` by ``realistic_corpus.py``
(governments over twenty years, provinces handing wording down; 88% of its
clauses distinct, as in the real corpus), then measured in a fresh process:

- ``audit``: the whole audit (read, outline, clauses, sketch, index, figures)
  with ``--jobs`` processes;
- ``minimal``: the least any MinHash audit of the same files must do: read
  each file, cut it into clauses with one regular expression, sketch every
  clause (numpy MinHash, 3-grams) and band-hash it, in the same number of
  processes; keep the hashes a file per band; then sort every band's hashes
  to find the candidate pairs. No outline, no interning, no figures.

Before each pass the reports are read once, so both read them from the page cache.
Printed side by side: wall seconds, ms per report, peak memory of the whole
process tree (the parent and its workers, sampled every 0.2 s; proportional set
sizes, so pages a forked worker shares with the parent count once), and the
audit's time as a multiple of the minimal pass; then the audit's wall time
and the tree's peak memory by stage (read and intern, band groups, figures).
``uptime`` is printed first: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CLAUSE_END = re.compile(r"[，：；。！？\n]")


def ensure_corpus(size: int) -> Path:
    folder = HERE / ".corpora" / f"real{size}"
    done = folder / "done"
    if not done.exists():
        from realistic_corpus import make_corpus

        paths = make_corpus(folder, size, seed=size)
        done.write_text(str(len(paths)))
    return folder


def _warm(folder: Path) -> None:
    """Read every report once, so that each pass reads its files from the page cache: the
    minimal pass writes a file per band (9 GB at 50,000 reports), which pushed the reports
    out of the cache before the audit ran, and the audit read them from disk."""
    for path in sorted(folder.glob("*.txt")):
        path.read_bytes()


def _tree_memory(pid: int) -> int:
    """Bytes of memory of a process and all its descendants: the sum of their
    proportional set sizes (Linux /proc), so a page a forked child shares with its
    parent counts once, not once per process as summing resident sizes would."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_measured(args: list[str]) -> tuple[dict[str, Any], float]:
    """Run a measuring child; its printed JSON (with ``stage peak MB`` for each stage
    window it reported) and the peak memory of its process tree."""
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    samples: list[tuple[float, int]] = []  # (wall clock, tree memory)
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append((time.time(), _tree_memory(proc.pid)))
            stop.wait(0.2)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    out, _ = proc.communicate()
    stop.set()
    watcher.join()
    if proc.returncode:
        raise SystemExit(f"measuring failed: {' '.join(args)}")
    found: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    for stage, first, last in found.pop("windows", []):
        inside = [used for t, used in samples if first <= t <= last]
        key = f"stage peak MB {stage}"
        found[key] = max([found.get(key, 0.0), *(used / 1e6 for used in inside)])
    return found, max((used for _, used in samples), default=0) / 1e6


def _timed(
    owner: object, name: str, spent: dict[str, float], stage: str, windows: list[list[Any]]
) -> None:
    """Replace ``owner.name`` by a wrapper adding its wall time to ``spent[stage]`` and
    its wall-clock window to ``windows`` (the parent finds the stage's peak memory)."""
    inner = getattr(owner, name)

    def wrapper(*args: object, **kwargs: object) -> object:
        start, first = time.perf_counter(), time.time()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[stage] = spent.get(stage, 0.0) + time.perf_counter() - start
            windows.append([stage, first, time.time()])

    setattr(owner, name, wrapper)


def measure_audit(folder: Path, jobs: int) -> dict[str, Any]:
    from compare import AuditSettings, audit_reports
    from compare.corpus import engines
    from compare.corpus import run as run_module

    spent: dict[str, float] = {}
    windows: list[list[Any]] = []
    _timed(run_module, "_add_all", spent, "read", windows)  # reading in workers, interning here
    _timed(engines.LocalEngine, "group", spent, "band", windows)
    _timed(run_module, "audit", spent, "figures", windows)
    start = time.perf_counter()
    run = audit_reports([str(folder)], AuditSettings(), jobs=jobs)
    seconds = time.perf_counter() - start
    return {
        **{f"stage {k}": v for k, v in spent.items()},
        "windows": windows,
        "reports": len(run.corpus.records),
        "seconds": seconds,
        "clauses": sum(len(ids) for ids in run.corpus.clause_ids),
        "distinct": len(run.corpus.index),
        "pairs": len(run.result.pairs),
    }


def _minimal_file(path: str) -> np.ndarray:  # type: ignore[type-arg]
    from compare.pair.sketch import band_hashes, sketch_texts
    from compare.read.chars import letters

    text = Path(path).read_text(encoding="utf-8", errors="replace")
    keys = [k for k in (letters(c) for c in CLAUSE_END.split(text)) if len(k) >= 4]
    return band_hashes(sketch_texts(keys, 3, 128, 1), 0.5, 128)


def measure_minimal(folder: Path, jobs: int) -> dict[str, float]:
    """Read, split, sketch and band every clause, then sort each band: the floor."""
    from compare.corpus.columns import BandColumns

    paths = sorted(str(p) for p in folder.glob("*.txt"))
    start = time.perf_counter()
    columns = BandColumns(25)  # one file per band, as the audit keeps them
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for part in pool.map(_minimal_file, paths, chunksize=16):
            columns.append(part)
    candidates = 0
    for k in range(columns.bands):
        column = np.sort(columns.column(k))
        candidates += int(np.count_nonzero(column[1:] == column[:-1]))
    seconds = time.perf_counter() - start
    rows = columns.rows
    columns.close()
    return {"reports": len(paths), "seconds": seconds, "clauses": rows, "pairs": candidates}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--measure", choices=["audit", "minimal"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        how = measure_audit if args.measure == "audit" else measure_minimal
        print(json.dumps(how(args.folder, args.jobs)))
        return
    print(f"uptime: {os.popen('uptime').read().strip()}")
    print(
        f"{'reports':>8} {'what':>8} {'seconds':>8} {'ms/report':>9} {'peak MB':>8} "
        f"{'x minimal':>9} {'clauses':>10} {'distinct':>10} {'pairs':>8}"
    )
    staged: list[tuple[int, dict[str, float], dict[str, float]]] = []
    for size in args.sizes:
        folder = ensure_corpus(size)
        rows = {}
        for what in ("minimal", "audit"):
            _warm(folder)
            cmd = [sys.executable, __file__, "--measure", what, "--folder", str(folder)]
            rows[what] = run_measured([*cmd, "--jobs", str(args.jobs)])
        audit_row = rows["audit"][0]
        seconds = {
            k[6:]: v for k, v in audit_row.items() if k.startswith("stage ") and "MB" not in k
        }
        peaks = {k[14:]: v for k, v in audit_row.items() if k.startswith("stage peak MB ")}
        staged.append((size, seconds, peaks))
        base = rows["minimal"][0]["seconds"]
        for what, (r, peak) in rows.items():
            print(
                f"{r['reports']:8.0f} {what:>8} {r['seconds']:8.1f} "
                f"{1000 * r['seconds'] / r['reports']:9.1f} {peak:8.0f} {r['seconds'] / base:9.2f} "
                f"{r['clauses']:10.0f} {r.get('distinct', float('nan')):10.0f} {r['pairs']:8.0f}",
                flush=True,
            )
    print(f"uptime: {os.popen('uptime').read().strip()}")
    print("audit stages (wall seconds, peak MB of the process tree): read = reading and")
    print("interning, band = band groups, figures = holders, pairs, provenance, closest,")
    print("lexicon, timeline")
    for size, stages, peaks in staged:
        print(
            f"{size:8d} "
            + "  ".join(f"{k} {v:.1f} s {peaks.get(k, 0):.0f} MB" for k, v in stages.items())
        )


if __name__ == "__main__":
    main()

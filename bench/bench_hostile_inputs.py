"""What hostile inputs cost to refuse, side by side with outlining a normal report.

Issue 13 measured, before the fix: a 415 KB .docx that unpacks to 60 M characters
took 144 s and 11.2 GB; ``outline /dev/zero`` grew by about 1 GB/s until killed. This
builds such files and runs ``reportdiff outline FILE`` on each in a fresh process,
printing wall time and peak memory (medians of ``--repeat`` runs) against the baseline
of outlining a real report:

    python bench/bench_hostile_inputs.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPH = "各位代表：现在，我代表区人民政府向大会报告工作，请予审议，并请各位政协委员提出意见。"


def write_docx(path: Path, paragraphs: int, depth: int = 0) -> None:
    """A minimal Word file of ``paragraphs`` paragraphs (streamed, never whole in memory),
    optionally with ``depth`` nested elements in its first paragraph."""
    one = f"<w:p><w:r><w:t>{PARAGRAPH}</w:t></w:r></w:p>".encode()
    nested = ("<w:customXml>" * depth + "</w:customXml>" * depth).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<w:document xmlns:w="{W_NS}"><w:body>'.encode())
            part.write(b"<w:p>" + nested + b"</w:p>")
            for _ in range(0, paragraphs, 10_000):
                part.write(one * min(10_000, paragraphs))
            part.write(b"</w:body></w:document>")


def run(path: str) -> tuple[float, float, str]:
    """Seconds, peak MB and the last stderr line of ``reportdiff outline PATH``."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "compare", "outline", path],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.stderr is not None
    err = process.stderr.read().decode("utf-8", "replace").strip().splitlines()
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return time.perf_counter() - start, usage.ru_maxrss / 1024, err[-1] if err else "(ok)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bomb = folder / "bomb.docx"
        write_docx(bomb, 60_000_000 // len(PARAGRAPH))
        under = folder / "under.docx"
        write_docx(under, 19 * 1024 * 1024 // (len(PARAGRAPH.encode()) + 30))
        deep = folder / "deep.docx"
        write_docx(deep, 100, depth=100_000)
        fifo = folder / "pipe.txt"
        os.mkfifo(fifo)
        fragments = folder / "fragments.txt"  # one run-on line of repeated two-character pieces
        fragments.write_text("各位 " * 200_000, encoding="utf-8")
        cases = [
            ("baseline: a real report (.txt)", str(ROOT / "samples" / "hanbin-2020.txt")),
            (f"docx bomb, {bomb.stat().st_size // 1024} KB -> 60 M characters", str(bomb)),
            ("docx unpacking to just under 20 MB", str(under)),
            ("docx nesting 100,000 deep", str(deep)),
            ("/dev/zero", "/dev/zero"),
            ("a FIFO", str(fifo)),
            ("one line of 200,000 repeated fragments", str(fragments)),
        ]
        rows = []
        for label, path in cases:
            runs = [run(path) for _ in range(args.repeat)]
            rows.append(
                (
                    label,
                    statistics.median(r[0] for r in runs),
                    statistics.median(r[1] for r in runs),
                    runs[0][2],
                )
            )
    base_s, base_mb = rows[0][1], rows[0][2]
    print(f"{'input':42s} {'median s':>9s} {'x base':>7s} {'peak MB':>8s} {'x base':>7s}  result")
    for label, seconds, mb, line in rows:
        print(
            f"{label:42s} {seconds:9.2f} {seconds / base_s:7.2f} {mb:8.0f} {mb / base_mb:7.2f}  "
            f"{line[:90]}"
        )


if __name__ == "__main__":
    main()

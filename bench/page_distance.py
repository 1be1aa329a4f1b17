"""How far a reader's eye travels from a shared passage to its counterpart, in Chromium.

    python bench/page_distance.py [--baseline-src DIR]

Renders the compare page of two sample pairs (luojiang-2024 against
jinan-2020, hanbin-2020 against yingze-2018), opens it in headless Chromium at
1400 x 900 and at 390 x 844, and for every shared passage measures the
vertical distance to its counterpart. A counterpart is *at hand* when it is
within 500 px, or, on the new page, shown in the passage's own popover.
``--baseline-src DIR`` also measures the page of an older source tree (for
example ``git archive 9f8cedd | tar -x -C DIR``), side by side.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAIRS = [("luojiang-2024", "jinan-2020"), ("hanbin-2020", "yingze-2018")]
VIEWPORTS = {"desktop 1400x900": (1400, 900), "phone 390x844": (390, 844)}
MEASURE = """() => {
  const out = [];
  for (const a of document.querySelectorAll('a.shared[id^="a-s"]')) {
    const b = document.getElementById(a.dataset.twin);
    if (!b) continue;
    const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
    const rowA = a.closest('.srow'), rowB = b.closest('.srow');
    out.push({
      distance: Math.abs((ra.top + window.scrollY) - (rb.top + window.scrollY)),
      popover: !!(a.getAttribute('aria-describedby') && b.getAttribute('aria-describedby')),
      sameRow: !!(rowA && rowA === rowB),
      sameBlock: (a.closest('.pair, .row') || {}).id === (b.closest('.pair, .row') || {}).id,
    });
  }
  return out;
}"""


def isolated(src: Path, tmp: Path) -> Path:
    """A copy of a source tree whose ``compare.templates`` are its own ``templates/`` (an
    editable install would otherwise lend it the checkout's templates)."""
    copy = tmp / "baseline-src"
    shutil.copytree(src / "compare", copy / "compare")
    shutil.copytree(src / "templates", copy / "compare" / "templates")
    return copy


def render(src: Path, a: str, b: str, out: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(src))
    samples = HERE.parent / "samples"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "compare",
            "compare",
            str(samples / f"{a}.txt"),
            str(samples / f"{b}.txt"),
            "--html",
            str(out),
        ],
        cwd=src,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def measure(page_paths: list[Path]) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    figures: dict[str, dict[str, float]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox"])
        for name, (width, height) in VIEWPORTS.items():
            spans: list[dict[str, float]] = []
            for path in page_paths:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(path.as_uri())
                spans += page.evaluate(MEASURE)
                page.close()
            distances = [s["distance"] for s in spans]
            at_hand = [s["distance"] <= 500 or s["popover"] for s in spans]
            figures[name] = {
                "passages": len(spans),
                "median px": statistics.median(distances),
                "within 500 px": sum(d <= 500 for d in distances) / len(spans),
                "same row": sum(bool(s["sameRow"]) for s in spans) / len(spans),
                "at hand": sum(at_hand) / len(spans),
                "other section": sum(not s["sameBlock"] for s in spans) / len(spans),
            }
        browser.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-src", type=Path, help="an older source tree to compare with")
    args = parser.parse_args()
    sources = {"now": HERE.parent}
    if args.baseline_src:
        sources = {"baseline": args.baseline_src.resolve(), **sources}
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, src in sources.items():
            if label == "baseline":
                src = isolated(src, Path(tmp))
            paths = []
            for a, b in PAIRS:
                out = Path(tmp) / f"{label}-{a}-{b}.html"
                render(src, a, b, out)
                paths.append(out)
            results[label] = measure(paths)
    rows = ["passages", "median px", "within 500 px", "same row", "at hand", "other section"]
    for view in VIEWPORTS:
        print(f"\n{view}")
        print(f"{'':16s}" + "".join(f"{label:>12s}" for label in results))
        for row in rows:
            cells = []
            for label in results:
                v = results[label][view][row]
                cells.append(f"{v:12.0f}" if row in ("passages", "median px") else f"{v:12.0%}")
            print(f"{row:16s}" + "".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())

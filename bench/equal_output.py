"""Save, then check, the outputs every speed-up must leave byte-equal.

Run: ``python bench/equal_output.py save DIR`` before a change and
``python bench/equal_output.py check DIR`` after it.

Written per input: the normalised text and both offset maps (as digests), the
``outline --json --units`` JSON of every sample and real corpus report, the
``compare --json`` of every pair of samples and of a few real pairs (long ones
built by concatenating real reports included) with the rows of counterpart
sentences the page shows (their redlines and slots, similarities to the last
bit), and the ``audit --json`` of the
samples and of the whole real corpus. ``check`` names every file that differs.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from pathlib import Path

from compare import AuditSettings, audit_reports, compare_reports, load_report
from compare.read.outline_units import outline_with_units

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
REAL_PAIRS = [
    ("hebei_province_2022", "hebei_province_2023"),
    ("jiangsu_province_2026", "henan_province_2026"),
    ("shunping_county_2021", "shunping_county_2022"),
    ("baoding_city_2021", "baoding_city_2022"),
]


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _reports() -> list[Path]:
    return sorted((ROOT / "samples").glob("*.txt")) + sorted(CORPUS.glob("*.txt"))


def _long_report(folder: Path, stems: list[str], name: str) -> Path:
    """Real reports run together: one long report (the body runs on through them)."""
    text = "\n".join((CORPUS / f"{s}.txt").read_text(encoding="utf-8") for s in stems)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def outputs(folder: Path) -> dict[str, str]:
    """Every output, by a file name."""
    out: dict[str, str] = {}
    for path in _reports():
        doc = load_report(str(path))
        digest = hashlib.sha256()
        digest.update(doc.norm.text.encode())
        digest.update(doc.norm.starts.tobytes())
        digest.update(doc.norm.ends.tobytes())
        out[f"outline-{path.stem}.json"] = _dump(
            {"norm": digest.hexdigest(), "outline": outline_with_units(doc)}
        )
    samples = sorted((ROOT / "samples").glob("*.txt"))
    pairs = [(str(a), str(b)) for a, b in itertools.combinations(samples, 2)]
    pairs += [(str(CORPUS / f"{a}.txt"), str(CORPUS / f"{b}.txt")) for a, b in REAL_PAIRS]
    provinces = sorted(p.stem for p in CORPUS.glob("*_province_2026.txt"))
    long_a = _long_report(folder, provinces[0:4], "long_a")
    long_b = _long_report(folder, provinces[4:8], "long_b")
    pairs.append((str(long_a), str(long_b)))
    for a, b in pairs:
        result = compare_reports(a, b)
        out[f"compare-{Path(a).stem}--{Path(b).stem}.json"] = _dump(result.to_json())
        out[f"rows-{Path(a).stem}--{Path(b).stem}.txt"] = "".join(
            f"{n} {row!r}\n" for n, rows in enumerate(result.rows) for row in rows
        )
    for name, inputs, settings in (
        ("samples", [str(ROOT / "samples")], AuditSettings(min_reuse=0.0)),
        ("corpus", [str(CORPUS)], AuditSettings()),
        ("corpus-loose", [str(CORPUS)], AuditSettings(min_reuse=0.05, pair_cap=50)),
    ):
        out[f"audit-{name}.json"] = _dump(audit_reports(inputs, settings).result.to_json())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    scratch = ROOT / "bench" / ".corpora" / "equal"  # a fixed place: paths enter the JSON
    scratch.mkdir(parents=True, exist_ok=True)
    found = outputs(scratch)
    if args.action == "save":
        args.folder.mkdir(parents=True, exist_ok=True)
        for name, text in found.items():
            (args.folder / name).write_text(text, encoding="utf-8")
        print(f"saved {len(found)} outputs to {args.folder}")
        return
    differ = [
        name
        for name, text in found.items()
        if not (args.folder / name).exists()
        or (args.folder / name).read_text(encoding="utf-8") != text
    ]
    for name in differ:
        print(f"DIFFERS: {name}")
    print(f"{len(found) - len(differ)} of {len(found)} outputs byte-equal")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()

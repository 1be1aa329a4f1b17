"""Generate a synthetic corpus of reports with known template reuse.

Run: ``python bench/make_corpus.py OUT_DIR --families 20 --years 3``.

Each family is one invented district: its first report is derived from a
sample (names and figures changed, sentences dropped and inserted, topics
reordered), and each later year is derived from the year before with most
sentences carried over, as drafting offices do. Families built on different
samples are unrelated; families built on the same sample share a template.
``planted`` formula sentences go into every report.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuse_cases import derive

from compare import Document, load_report, parse_report
from compare.read.chars import content_length

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ["hanbin-2020", "hecheng-20xx-traditional", "jinan-2020", "luojiang-2024", "yingze-2018"]
# Two characters from this pool name a family; few names share a character, as few real ones do.
_SYLLABLES = (
    "东西南北清白青石云松桃柳金银龙凤安宁永平长乐新兴华泰和顺丰庆福寿康德仁义礼智信忠孝勤俭"
    "江河湖海山川原野林泉溪涧峰岭岗坡湾滩洲岛城镇乡村坪坝沟渠潭井塘湘鄂赣皖闽粤桂滇黔蜀"
    "晋冀豫鲁辽吉黑陕甘宁青藏新蒙琼渝沪津京榆楚吴越燕赵秦韩魏齐梁陈隋唐宋元明清汉武昭宣"
)


@dataclass
class Truth:
    """What a generated report is, for checking an audit."""

    path: str
    family: int
    sample: str
    name: str
    year: int
    parent: str | None
    copied_from_parent: float  # share of the body's characters copied from the parent


def district_name(k: int) -> str:
    """A distinct invented name for family ``k``, two characters, shuffled so neighbours differ."""
    pool = sorted(set(_SYLLABLES))
    names = ["".join(p) for p in itertools.permutations(pool, 2)]
    random.Random(0).shuffle(names)
    return names[k % len(names)] + (pool[k // len(names) % len(pool)] if k >= len(names) else "")


def _copied_share(text: str, copied: list[bool], doc: Document) -> float:
    lo, hi = doc.original_span(doc.body_start, doc.body_end)
    body = sum(content_length(ch) for ch in text[lo:hi])
    kept = sum(
        content_length(ch) for ch, flag in zip(text[lo:hi], copied[lo:hi], strict=True) if flag
    )
    return kept / body if body else 0.0


def make_corpus(
    out: Path,
    families: int,
    years: int,
    seed: int = 1,
    planted: tuple[str, ...] = (),
    carry: float = 0.8,
) -> list[Truth]:
    """Write ``families * years`` reports under ``out`` and return the truth about each."""
    out.mkdir(parents=True, exist_ok=True)
    samples = {n: load_report(str(ROOT / "samples" / f"{n}.txt")) for n in SAMPLES}
    truths = []
    for family in range(families):
        sample = SAMPLES[family % len(SAMPLES)]
        other = samples[SAMPLES[(family + 1) % len(SAMPLES)]]
        name = district_name(family)
        parent_doc, parent_path = samples[sample], None
        for year in range(years):
            derived = derive(
                parent_doc, other, seed * 100_003 + family * 101 + year,
                keep=0.7 if year == 0 else carry, new_name=name, planted=planted,
            )  # fmt: skip
            path = out / f"{name}-{year + 1}.txt"
            path.write_text(derived.text, encoding="utf-8")
            doc = parse_report(derived.text, str(path))
            share = _copied_share(derived.text, derived.copied, doc) if parent_path else 0.0
            truths.append(Truth(str(path), family, sample, name, year, parent_path, share))
            parent_doc, parent_path = doc, str(path)
    return truths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--families", type=int, default=20)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    truths = make_corpus(args.out, args.families, args.years, args.seed)
    (args.out / "truth.json").write_text(
        json.dumps([asdict(t) for t in truths], ensure_ascii=False)
    )
    print(f"wrote {len(truths)} reports to {args.out}")


if __name__ == "__main__":
    main()

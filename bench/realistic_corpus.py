"""Generate a corpus shaped like the real one, at any size, from the real reports.

Run: ``python bench/realistic_corpus.py OUT_DIR --reports 1000``.

Built from ``../shared/corpus/`` (95 real reports of 17 governments):

- governments over ``--years`` years: each is a county (or city) modelled on
  one real county or city report (its layout, headings and clauses), under a
  province modelled on one real province report; provinces report too;
- year over year, a government carries over a share of its clauses from the
  year before, word for word;
- a county takes a share of its clauses from its province's report of the
  same year (wording handed down);
- a share are formula: clauses that several real reports use verbatim;
- the rest are the report's own: its model's clause with its figures
  changed, a place of its own put in, and most of them rewritten (the first part of one real clause joined to the last
  part of another, or a character changed), as the real
  reports differ from each other.

The shares are set so that the share of distinct clauses and the shared
ratio match the real corpus; ``--check`` prints both side by side (the real
corpus: 88% of its clauses are distinct).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from compare import load_report
from compare.read.chars import letters

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
CLAUSE = re.compile(r"[^，：；。！？]*[，：；。！？]?")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
YEAR = re.compile(r"(?:19|20)\d\d(?=年)")
LONG_LINE = 30  # shorter lines (headings, the address, the title) are kept as they are

CARRY = 0.06  # clauses carried over from the government's report of the year before
HANDED = 0.03  # clauses handed down from the province's report of the same year
FORMULA = 0.03  # clauses real reports use verbatim
REWRITE = 0.9  # own clauses rewritten beyond a near-duplicate of the model's
_PLACES = (
    "东西南北清白青石云松桃柳金银龙凤安宁永平长乐新兴华泰和顺丰庆福寿康德仁义江河湖山川原林泉溪峰岭"
)


@dataclass
class Model:
    """A real report taken apart: lines, and per long line its clauses."""

    name: str  # the government as the report names itself
    year: int
    lines: list[str | list[str]]  # kept lines, or the clauses of a long line


def _model(path: Path) -> Model:
    doc = load_report(str(path))
    text = doc.original.replace("\r\n", "\n")
    lines: list[str | list[str]] = []
    for line in text.split("\n"):
        if len(line) >= LONG_LINE:
            lines.append([c for c in CLAUSE.findall(line) if c])
        else:
            lines.append(line)
    return Model(doc.meta.government or path.stem, doc.meta.year or 2020, lines)


def _models() -> tuple[list[Model], list[Model]]:
    counties, provinces = [], []
    for path in sorted(CORPUS.glob("*.txt")):
        (provinces if "_province_" in path.name else counties).append(_model(path))
    return counties, provinces


def _formulas(models: list[Model]) -> list[str]:
    """Clauses at least two real reports use verbatim."""
    seen: Counter[str] = Counter()
    for model in models:
        seen.update(
            {c for line in model.lines if isinstance(line, list) for c in line if len(c) >= 6}
        )
    return sorted(c for c, n in seen.items() if n >= 2)


class Generator:
    """Writes reports year by year; keeps only the year before of each government."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.counties, self.provinces = _models()
        everything = self.counties + self.provinces
        self.formulas = _formulas(everything)
        self.pool = [
            c for m in everything for line in m.lines if isinstance(line, list) for c in line
        ]
        self.han = sorted(
            {ch for c in self.pool for ch in letters(c) if "\u4e00" <= ch <= "\u9fff"}
        )

    def _figures(self, clause: str) -> str:
        return NUMBER.sub(
            lambda m: (
                str(self.rng.randint(1, 999))
                if "." not in m.group()
                else f"{self.rng.uniform(0, 99):.1f}"
            ),
            clause,
        )

    def _own(self, clause: str, place: str) -> str:
        """The report's own version of a model clause."""
        rng = self.rng
        clause = self._figures(clause)
        if rng.random() < REWRITE:
            head, tail = rng.choice(self.pool), rng.choice(self.pool)
            cut_a = rng.randint(len(head) // 3, 2 * len(head) // 3)
            cut_b = rng.randint(len(tail) // 3, 2 * len(tail) // 3)
            clause = head[:cut_a] + tail[cut_b:]
        else:
            chars = list(clause)
            han = [i for i, ch in enumerate(chars) if "\u4e00" <= ch <= "\u9fff"]
            for i in rng.sample(han, min(len(han), 1)):
                chars[i] = rng.choice(self.han)
            clause = "".join(chars)
        if rng.random() < 0.1:
            clause = place + clause
        return self._figures(clause)

    def report(
        self,
        model: Model,
        name: str,
        year: int,
        before: list[str] | None,
        province: list[str] | None,
    ) -> tuple[str, list[str]]:
        """The text of one report and its clauses (for the next year and for counties)."""
        rng = self.rng
        place = name[:-1] + rng.choice(_PLACES) + "镇"
        clauses: list[str] = []
        out = []
        for line in model.lines:
            if isinstance(line, str):
                out.append(line)
                continue
            made = []
            for clause in line:
                roll = rng.random()
                if before and roll < CARRY:
                    made.append(rng.choice(before))
                elif province and roll < CARRY + HANDED:
                    made.append(rng.choice(province))
                elif roll < CARRY + HANDED + FORMULA:
                    made.append(rng.choice(self.formulas))
                else:
                    made.append(self._own(clause, place))
            clauses.extend(made)
            out.append("".join(made))
        text = "\n".join(out).replace(model.name, name)
        shift = year - model.year
        text = YEAR.sub(lambda m: str(int(m.group()) + shift), text)
        return text, clauses


def district_name(k: int, suffix: str) -> str:
    """A distinct invented government name."""
    first = "东西南北清白青石云松桃柳金银龙凤安宁永平长乐新兴华泰和顺丰庆福寿康德仁义礼智信忠孝勤俭"
    second = "江河湖海山川原野林泉溪涧峰岭岗坡湾滩洲岛城镇乡村坪坝沟渠潭井塘"
    a, b = divmod(k, len(second))
    c, a = divmod(a, len(first))
    return first[a] + second[b] + (first[c % len(first)] if c else "") + suffix


def make_corpus(out: Path, reports: int, years: int = 20, seed: int = 1) -> list[Path]:
    """Write about ``reports`` reports under ``out``; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    gen = Generator(seed)
    governments = max(1, reports // years)
    provinces = max(1, round(governments / 80))
    rng = random.Random(seed)
    plan = []  # (name, model, province index or None)
    for p in range(provinces):
        plan.append((district_name(p, "省"), gen.provinces[p % len(gen.provinces)], None))
    for k in range(governments - provinces):
        plan.append((district_name(provinces + k, "县"), rng.choice(gen.counties), k % provinces))
    written: list[Path] = []
    before: dict[str, list[str]] = {}
    first_year = 2026 - years
    for year in range(first_year, first_year + years):
        this_year: dict[int, list[str]] = {}
        for name, model, province in plan:
            handed = None if province is None else this_year[province]
            text, clauses = gen.report(model, name, year, before.get(name), handed)
            if province is None:
                this_year[len(this_year)] = clauses
            path = out / f"{name}-{year}.txt"
            path.write_text(text, encoding="utf-8")
            written.append(path)
            before[name] = clauses
            if len(written) >= reports:
                return written
    return written


def distinct_share(paths: list[Path]) -> tuple[float, float]:
    """Share of distinct clauses and median shared ratio of an audit of ``paths``."""
    from compare import AuditSettings, audit_reports

    run = audit_reports([str(p) for p in paths], AuditSettings(), jobs=2)
    total = sum(len(ids) for ids in run.corpus.clause_ids)
    ratios = sorted(d.shared_ratio for d in run.result.documents)
    return len(run.corpus.index) / total, ratios[len(ratios) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--check", action="store_true", help="audit it and the real corpus; print both"
    )
    args = parser.parse_args()
    paths = make_corpus(args.out, args.reports, args.years, args.seed)
    print(f"wrote {len(paths)} reports to {args.out}", file=sys.stderr)
    if args.check:
        real = distinct_share(sorted(CORPUS.glob("*.txt")))
        made = distinct_share(paths)
        print(f"{'corpus':12s} {'distinct clauses':>17s} {'median shared ratio':>20s}")
        print(f"{'real (95)':12s} {real[0]:17.1%} {real[1]:20.1%}")
        print(f"{f'generated ({len(paths)})':12s} {made[0]:17.1%} {made[1]:20.1%}")


if __name__ == "__main__":
    main()

"""Accuracy of section alignment on the hand-checked gold of plan-topic pairs.

    python bench/eval_align.py [--errors]

``bench/align_gold.json`` lists, for pairs of real reports (consecutive years
of one government, provinces of the same year, the samples), what each plan
topic of A must pair with in B (a topic, nothing, or one of a few acceptable
topics). A topic entry is correct when the alignment gives exactly that. Beside
the alignment, a baseline pairs the k-th topic of each plan with the k-th
topic of the plan it is aligned with (the order most reports share).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from compare import load_report
from compare.model import Document, Section
from compare.pair.align import SectionPair, align
from compare.pair.prepared import prepare
from compare.settings import CompareSettings

HERE = Path(__file__).resolve().parent
ROOTS = {"corpus": HERE.parents[1] / "shared" / "corpus", "samples": HERE.parent / "samples"}
Answer = str | None


def resolve(path: str) -> str:
    head, _, rest = path.partition("/")
    return str(ROOTS[head] / rest)


def find(doc: Document, key: str) -> Section | None:
    """The one section below the top level whose title starts with ``key``, or else the one
    top-level part (a topic's partner may be a whole part: self-building headed in one
    report, a plan topic in the other)."""
    found = [s for top in doc.sections for s in top.walk() if s is not top]
    found = [s for s in found if s.title.startswith(key)]
    if not found:
        found = [s for s in doc.sections if s.title.startswith(key)]
    if len(found) > 1:
        raise SystemExit(f"{doc.path}: gold title {key!r} matches {len(found)} sections")
    return found[0] if found else None


def partners(
    pairs: list[SectionPair],
) -> tuple[dict[int, Section | None], dict[int, Section | None]]:
    of_a: dict[int, Section | None] = {}
    of_b: dict[int, Section | None] = {}
    for p in pairs:
        if p.a is not None:
            of_a[id(p.a)] = p.b
        if p.b is not None:
            of_b[id(p.b)] = p.a
    return of_a, of_b


def in_order(pairs: list[SectionPair]) -> list[SectionPair]:
    """Baseline: children of aligned parents paired by position."""
    out = [p for p in pairs if p.depth == 0]
    for p in pairs:
        if p.depth == 0 and p.a is not None and p.b is not None:
            for k in range(max(len(p.a.children), len(p.b.children))):
                x = p.a.children[k] if k < len(p.a.children) else None
                y = p.b.children[k] if k < len(p.b.children) else None
                out.append(SectionPair(x, y, 0.0, 0.0, 1))
    return out


def allowed(answer: object) -> list[Answer]:
    return list(answer) if isinstance(answer, list) else [answer]  # type: ignore[list-item]


def score(
    a: Document, b: Document, pairs: list[SectionPair], topics: list[list[object]]
) -> tuple[int, list[str], list[str]]:
    """Correct entries, descriptions of the wrong ones, and gold titles not found."""
    of_a, of_b = partners(pairs)
    correct, wrong, missing = 0, [], []
    for key_a, answer in topics:
        if key_a is None:
            sb = find(b, str(answer))
            if sb is None:
                missing.append(f"B {answer}")
                continue
            got = of_b.get(id(sb))
            ok = got is None
            label = f"B {answer} -> {got.title if got else 'unpaired'} (gold: unpaired)"
        else:
            sa = find(a, str(key_a))
            if sa is None:
                missing.append(f"A {key_a}")
                continue
            got = of_a.get(id(sa))
            options = allowed(answer)
            for o in options:
                if o is not None and find(b, o) is None:
                    missing.append(f"B {o}")
            ok = (got is None and None in options) or (
                got is not None and any(o is not None and got.title.startswith(o) for o in options)
            )
            label = f"A {key_a} -> {got.title if got else 'unpaired'} (gold: {options})"
        if ok:
            correct += 1
        else:
            wrong.append(label)
    return correct, wrong, missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every wrong entry")
    args = parser.parse_args()
    gold = json.loads((HERE / "align_gold.json").read_text(encoding="utf-8"))
    settings = CompareSettings()
    total = right = base_right = 0
    unusable: list[str] = []
    print(f"{'A':32s} {'B':32s} {'topics':>6s} {'align':>6s} {'in order':>8s}")
    for entry in gold["pairs"]:
        a, b = load_report(resolve(entry["a"])), load_report(resolve(entry["b"]))
        pairs = align(prepare(a), prepare(b), settings)
        got, wrong, missing = score(a, b, pairs, entry["topics"])
        base, _, _ = score(a, b, in_order(pairs), entry["topics"])
        n = got + len(wrong)
        total, right, base_right = total + n, right + got, base_right + base
        unusable += [f"{entry['a']} / {entry['b']}: {m}" for m in missing]
        print(
            f"{entry['a'][-32:]:32s} {entry['b'][-32:]:32s} {n:6d} {got / n:6.2f} {base / n:8.2f}"
        )
        if args.errors:
            for w in wrong:
                print(f"    wrong: {w}")
    print(f"\n{len(gold['pairs'])} report pairs, {total} topic entries")
    print(f"alignment accuracy {right / total:.3f}   in-order baseline {base_right / total:.3f}")
    if unusable:
        print(f"\n{len(unusable)} gold titles not found in the current outline:")
        for m in unusable:
            print(f"  {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

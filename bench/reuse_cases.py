"""Template-reuse cases with known answers, built from the sample reports.

A derived report B is made from a sample A the way a drafting office reuses a
neighbour's or last year's report: headings kept, some sentences dropped,
names and figures changed, sentences from another report C inserted, plan
topics reordered. Every character of B is labelled with whether it was copied
from A, which is the ground truth for precision and recall of shared spans.
Used by ``bench/eval_reuse.py``, the audit corpus generator and the tests.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from compare import Document

_SENTENCE = re.compile(r"[^。！？；\n]*[。！？；]|[^。！？；\n]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
FAKE_NAMES = ["清河", "柳林", "青山", "石门", "云岭", "白沙", "桃源", "松溪"]


@dataclass
class Derived:
    """A derived report's text and, per character, whether it was copied from A."""

    pieces: list[tuple[str, bool]] = field(default_factory=list)

    def add(self, text: str, copied: bool) -> None:
        if text:
            self.pieces.append((text, copied))

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.pieces)

    @property
    def copied(self) -> list[bool]:
        return [flag for t, flag in self.pieces for _ in t]


def _names(doc: Document) -> list[str]:
    gov = doc.meta.government or ""
    stem = re.sub(r"[区县市旗]$", "", gov)
    names = [n for n in {gov, stem} if len(n) >= 2]
    # also the original-script spelling (Traditional reports)
    originals = set()
    for name in names:
        start = doc.norm.text.find(name)
        if start != -1:
            s, e = doc.original_span(start, start + len(name))
            originals.add(doc.original[s:e])
    return sorted(set(names) | originals, key=len, reverse=True)


def _unit_suffix(name: str) -> str:
    """``区`` of ``汉滨区``: the administrative suffix a replaced name keeps."""
    return name[-1] if name[-1] in "区县市旗區縣" else ""


def _mutate(
    sentence: str, names: list[str], new_name: str, rng: random.Random, out: Derived
) -> None:
    """Copy a sentence, changing figures and the district's name (those characters are not copied)."""
    pattern = "|".join([re.escape(n) for n in names] + [_NUMBER.pattern])
    pos = 0
    for m in re.finditer(pattern, sentence):
        out.add(sentence[pos : m.start()], True)
        token = m.group()
        if not token[0].isdigit():
            out.add(new_name + _unit_suffix(token), False)
        elif 1990 <= float(token) <= 2035 and "." not in token:
            out.add(str(int(token) + 1), False)  # next year's report: every year moves on
        elif rng.random() < 0.7:
            out.add(str(rng.randint(2, 999)), False)
        else:
            out.add(token, True)  # some figures happen to stay the same
        pos = m.end()
    out.add(sentence[pos:], True)


def derive(
    a: Document,
    c: Document,
    seed: int,
    keep: float = 0.7,
    insert: float = 0.15,
    new_name: str | None = None,
    planted: tuple[str, ...] = (),
) -> Derived:
    """A report derived from ``a`` with sentences of ``c`` mixed in.

    ``new_name`` replaces the district's name (random when not given; pass the
    same name for next year's report of the same district); each ``planted``
    sentence is inserted once into a random paragraph.
    """
    rng = random.Random(seed)
    names = _names(a) or ["本区"]
    new_name = new_name or rng.choice(FAKE_NAMES)
    spots = rng.sample(range(1, 30), len(planted))  # every sample has 30 long paragraphs
    plant_at = dict(zip(spots, planted, strict=True))
    foreign = [m.group() for m in _SENTENCE.finditer(c.body_text) if len(m.group()) > 12]
    out = Derived()
    paragraph = 0
    for block in _blocks(a, rng):
        lines = block.split("\n")
        for k, line in enumerate(lines):
            if k == 0 or len(line) < 30:
                _mutate(line, names, new_name, rng, out)  # headings and short lines are kept
            else:
                paragraph += 1
                if paragraph in plant_at:
                    out.add(plant_at[paragraph], False)
                for m in _SENTENCE.finditer(line):
                    if rng.random() < keep:
                        _mutate(m.group(), names, new_name, rng, out)
                    if foreign and rng.random() < insert:
                        out.add(rng.choice(foreign), False)
            out.add("\n", False)
    return out


def _blocks(a: Document, rng: random.Random) -> list[str]:
    """The body as text blocks, one per top-level section, with the plan's topics shuffled."""
    blocks = []
    for section in a.sections:
        if section.role == "plan" and len(section.children) > 2:
            intro = a.original[section.start : section.children[0].start]
            topics = [a.original[ch.start : ch.end] for ch in section.children]
            head, tail = topics[:-1], topics[-1:]
            rng.shuffle(head)
            blocks.append("\n".join([intro.rstrip(), *head, *tail]))
        else:
            blocks.append(a.original[section.start : section.end])
    return ["\n".join(line.strip() for line in b.splitlines() if line.strip()) for b in blocks]

"""Pair the sections of two reports: review with review, rural topic with rural topic.

Top-level parts pair by role (a ``self_government`` topic nested in one
report's plan is lifted to pair with the other's top-level part); where a
report has two plan parts, the annual plan pairs with the other's annual plan
and a multi-year one (今后五年, "十四五"时期) with a multi-year one. The
children of each pair, such as the plan's numbered topics, pair by what they
are about, in any order, by a global assignment (Hungarian method) on a
similarity that mixes:

- TF-IDF cosine over jieba words of the section bodies: topics of different
  districts share vocabulary (乡村, 农业, 农村) but few exact shingles;
- TF-IDF cosine over the words of the headings;
- MinHash Jaccard over character 4-grams, which dominates when one report
  was copied from the other.

Last, plan topics left unpaired on both sides at different levels (one report
numbering its topics as parts, the other nesting them under a plan heading)
pair on the same terms, if they were never weighed against each other.

Accuracy is measured on a hand-checked gold of plan-topic pairs from real
reports (``bench/align_gold.json``, ``bench/eval_align.py``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment

from ..model import Section
from ..read.chars import content_length, is_han
from ..read.normalise import simplify
from ..settings import SketchSettings
from .prepared import Prepared
from .similarity_bound import MARGIN, agreement_matrix, cosine_matrix
from .sketch import estimate, shingles, sketch_all
from .tokens import tokenize

# Children pair only above this similarity; below it a topic stays unpaired.
MIN_TOPIC_SIMILARITY = 0.12
# Sibling lists from which the pairs below the floor are found all at once (shorter ones:
# every pair is scored, which costs less than the bound's tables).
_BOUND_FROM = 16
# A plan part whose heading looks this far ahead is a multi-year plan (今后五年,
# "十四五"时期, 展望); one report's annual plan pairs with the other's annual plan.
_MULTI_YEAR = re.compile(r"五年|十[一二三四五六七八九]五|时期|规划|展望|远景")
_HEADING_CHARS = 40
# What a part's text after its last child is titled: the part's heading, continued.
CONTINUED = "（续）"
_FILLER = frozenset(
    "我们 全面 推进 加强 工作 发展 建设 坚持 推动 实施 着力 进一步 加快 提升 深入 持续 不断 积极 "
    "扎实 全力 切实 努力 完善 重点 强化 重大 提高 实现 全区 全县 全市 我区 我县".split()
)


@dataclass
class SectionPair:
    """Two aligned sections (either may be ``None``: unpaired) and how alike they are."""

    a: Section | None
    b: Section | None
    similarity: float
    jaccard: float
    depth: int
    # A one-sided section whose children are listed after it, each on its own (some of
    # them pair across levels): it shows only its own text before the first.
    spread: bool = False

    def children_apart(self) -> bool:
        """Whether each section's children have blocks of their own (it shows only its text
        up to the first): in a pair of two, and in a spread one-sided section."""
        return self.spread or (self.a is not None and self.b is not None)


@dataclass
class _Vector:
    """TF-IDF weights of a bag of words, with its norm computed once."""

    weights: dict[str, float]
    norm: float

    def cosine(self, other: _Vector) -> float:
        if not self.norm or not other.norm:
            return 0.0
        small, large = sorted((self.weights, other.weights), key=len)
        dot = sum(w * large[k] for k, w in small.items() if k in large)
        return dot / (self.norm * other.norm)


class _Scorer:
    """Similarity of any section of A with any section of B, with shared IDF and sketches.

    Every section's word and heading vectors (and their norms) are built once:
    the assignment asks for every pair of siblings, and the rows for every pair.
    """

    def __init__(self, a: Prepared, b: Prepared, settings: SketchSettings) -> None:
        self.sections = {id(s): s for p in (a, b) for s in p.doc.walk()}
        owner = {id(s): p for p in (a, b) for s in p.doc.walk()}
        counts = {k: _counts(owner[k], s) for k, s in self.sections.items()}
        df: Counter[str] = Counter()
        for words, _ in counts.values():
            df.update(words.keys())
        n = max(1, len(counts))
        idf = {w: math.log(n / c) for w, c in df.items()}
        self.idf, self.settings = idf, settings
        self.words = {k: _vector(words, idf) for k, (words, _) in counts.items()}
        self.titles = {k: _vector(title, idf) for k, (_, title) in counts.items()}
        keys = list(self.sections)
        texts = [
            owner[k].text[self.sections[k].norm_start : self.sections[k].norm_end] for k in keys
        ]
        sketches = sketch_all(
            [shingles(t, settings.document_shingle) for t in texts],
            settings.num_perm,
            settings.seed,
        )
        self.sketch = dict(zip(keys, sketches, strict=True))

    def admit(self, prepared: Prepared, section: Section) -> None:
        """Score ``section`` too (a part's continuation): weighed with the IDF of the
        outline's sections, which it does not change."""
        key = id(section)
        words, title = _counts(prepared, section)
        self.words[key], self.titles[key] = _vector(words, self.idf), _vector(title, self.idf)
        text = prepared.text[section.norm_start : section.norm_end]
        shingled = [shingles(text, self.settings.document_shingle)]
        self.sketch[key] = sketch_all(shingled, self.settings.num_perm, self.settings.seed)[0]

    def horizon(self, section: Section) -> str:
        """``multi-year`` or ``annual`` for a plan part (from its heading), else ``""``.

        From the heading as the outline reads it, not the file's first line: scraped
        text breaks lines inside headings (``二、“`` / ``十四五`` / ``”时期…``)."""
        if section.role != "plan":
            return ""
        head = simplify(section.title)[:_HEADING_CHARS]
        return "multi-year" if _MULTI_YEAR.search(head) else "annual"

    def may_reach(
        self, left: list[Section], right: list[Section], floor: float
    ) -> NDArray[np.bool_] | None:
        """Which pairs of ``left`` and ``right`` may have a similarity of at least
        ``floor``: every pair that does, some just under it, and pairs of two sections
        without letters (their empty sketches agree everywhere; the exact score says 0).
        None where the lists are too short for the bound to cost less than scoring
        every pair."""
        if min(len(left), len(right)) < _BOUND_FROM:
            return None
        a, b = [id(s) for s in left], [id(s) for s in right]
        words = cosine_matrix([self.words[k] for k in a], [self.words[k] for k in b])
        titles = cosine_matrix([self.titles[k] for k in a], [self.titles[k] for k in b])
        agree = agreement_matrix(
            np.stack([self.sketch[k] for k in a]), np.stack([self.sketch[k] for k in b])
        )
        topical = 0.7 * words + 0.3 * titles
        reach: NDArray[np.bool_] = np.maximum(topical, agree) >= floor - MARGIN
        return reach

    def jaccard(self, a: Section, b: Section) -> float:
        return estimate(self.sketch[id(a)], self.sketch[id(b)])

    def similarity(self, a: Section, b: Section) -> float:
        ka, kb = id(a), id(b)
        topical = 0.7 * self.words[ka].cosine(self.words[kb]) + 0.3 * self.titles[ka].cosine(
            self.titles[kb]
        )
        return max(topical, self.jaccard(a, b))


def _vector(counts: Counter[str], idf: dict[str, float]) -> _Vector:
    # Words of a heading that no body holds get the weight of a word seen twice.
    weights = {w: c * idf.get(w, math.log(2)) for w, c in counts.items()}
    return _Vector(weights, math.sqrt(sum(v * v for v in weights.values())))


def _content_words(words: list[str]) -> Counter[str]:
    """Words of two or more Han characters, not filler, counted in first-seen order.

    Counted first, then filtered, so each distinct word is tested once: the same
    counts in the same order as filtering every occurrence.
    """
    counts = Counter(words)
    return Counter({w: c for w, c in counts.items() if _is_content(w)})


@lru_cache(maxsize=1 << 16)  # every level of nested sections asks of the same words
def _is_content(word: str) -> bool:
    return len(word) >= 2 and all(is_han(c) for c in word) and word not in _FILLER


def _counts(prepared: Prepared, section: Section) -> tuple[Counter[str], Counter[str]]:
    """Content words of a section's body and of its heading."""
    words = _content_words(prepared.words(section.norm_start, section.norm_end))
    title = _content_words(tokenize(simplify(section.title)).words)
    return words, title


def _lift_self_government(
    sections: list[Section],
) -> tuple[list[Section], dict[int, list[Section]]]:
    """Top-level units for pairing, and each section's children to pair below it."""
    top: list[Section] = []
    children: dict[int, list[Section]] = {}
    for section in sections:
        top.append(section)
        kept = []
        for child in section.children:
            if section.role == "plan" and child.role == "self_government":
                top.append(child)
            else:
                kept.append(child)
        children[id(section)] = kept
    return top, children


def _assign(
    left: list[Section],
    right: list[Section],
    score: _Scorer,
    by_role: bool,
    allowed: Callable[[Section, Section], bool] | None = None,
) -> list[tuple[Section | None, Section | None]]:
    """Globally best pairing of two sibling lists; leftovers stay unpaired. ``allowed``:
    which pairs may pair at all (default: all)."""
    if not left or not right:
        return [(s, None) for s in left] + [(None, s) for s in right]
    matrix = np.zeros((len(left), len(right)))
    reach = None if by_role else score.may_reach(left, right, MIN_TOPIC_SIMILARITY)
    for i, x in enumerate(left):
        for j, y in enumerate(right):
            if allowed is not None and not allowed(x, y):
                matrix[i, j] = -10.0
            elif reach is not None and not reach[i, j]:
                matrix[i, j] = -10.0  # surely below the floor: scored as such, unweighed
            elif by_role:
                same = (10.0 if x.role == y.role else -10.0) + (
                    1.0 if score.horizon(x) == score.horizon(y) else 0.0
                )
                matrix[i, j] = same + score.similarity(x, y)
            else:
                sim = score.similarity(x, y)
                matrix[i, j] = sim if sim >= MIN_TOPIC_SIMILARITY else -10.0
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    pairs: list[tuple[Section | None, Section | None]] = []
    used_l, used_r = set(), set()
    for i, j in zip(rows, cols, strict=True):
        if matrix[i, j] > 0:
            pairs.append((left[i], right[j]))
            used_l.add(i)
            used_r.add(j)
    pairs += [(s, None) for i, s in enumerate(left) if i not in used_l]
    pairs += [(None, s) for j, s in enumerate(right) if j not in used_r]
    return pairs


def tail_of(prepared: Prepared, section: Section) -> Section | None:
    """The text of ``section`` after its last child, as a section with no children, or None
    where there is none (no children, or only layout after them).

    A paired part shows its own text up to its first child; the children have rows of
    their own. What follows the last child (河北 2022's review sums up the year and names
    its problems after topic (八)) belongs to the part but to no child, so without this
    it had no row on the page.
    """
    if not section.children:
        return None
    last = section.children[-1]
    if content_length(prepared.text[last.norm_end : section.norm_end]) == 0:
        return None
    return Section(
        section.title + CONTINUED, section.role, last.end, section.end,
        last.norm_end, section.norm_end, section.level + 1, continued=True,
    )  # fmt: skip


def _tail_pair(
    a: Prepared, b: Prepared, x: Section, y: Section, score: _Scorer, depth: int
) -> SectionPair | None:
    """The continuations of two paired sections (either may have none), paired."""
    tail_a, tail_b = tail_of(a, x), tail_of(b, y)
    if tail_a is None or tail_b is None:
        return None if tail_a is tail_b else SectionPair(tail_a, tail_b, 0.0, 0.0, depth)
    score.admit(a, tail_a)
    score.admit(b, tail_b)
    return _pair(tail_a, tail_b, score, depth)


def align(a: Prepared, b: Prepared, settings: SketchSettings) -> list[SectionPair]:
    """Section pairs at every level, in reading order of A (B's unpaired ones where B has
    them); after the children of two paired sections, their continuations (``tail_of``)."""
    score = _Scorer(a, b, settings)
    top_a, kids_a = _lift_self_government(a.doc.sections)
    top_b, kids_b = _lift_self_government(b.doc.sections)
    out: list[SectionPair] = []

    def visit(pairs: list[tuple[Section | None, Section | None]], depth: int) -> None:
        for x, y in _in_reading_order(pairs):
            if x is not None and y is not None:
                out.append(_pair(x, y, score, depth))
                sub = _assign(
                    kids_a.get(id(x), x.children), kids_b.get(id(y), y.children), score, False
                )
                visit(sub, depth + 1)
                tail = _tail_pair(a, b, x, y, score, depth + 1)
                if tail is not None:
                    out.append(tail)
            else:
                out.append(SectionPair(x, y, 0.0, 0.0, depth))

    visit(_assign(top_a, top_b, score, True), 0)
    lifted = tuple(
        {id(s) for s in top} - {id(s) for s in p.doc.sections}
        for top, p in ((top_a, a), (top_b, b))
    )
    return _pair_across_levels(out, a, b, score, (lifted[0], lifted[1]))


def _pair_across_levels(
    out: list[SectionPair],
    a: Prepared,
    b: Prepared,
    score: _Scorer,
    lifted: tuple[set[int], set[int]],
) -> list[SectionPair]:
    """Pair the plan topics left unpaired on both sides, whatever their level.

    One report numbers its plan's topics as top-level parts (三、…九、), another
    nests them under a plan heading (（一）…（十）): pairing part with part and
    then children within pairs leaves every topic of both unpaired. Leftover
    topics (sections without children inside a plan) pair by what they are
    about, as children do. A topic paired here is shown where it stood; one
    under an unpaired part, right after that part. ``lifted``: each side's
    self-building topics lifted out of their plan part (listed at the top).
    """
    pairs = {(id(p.a), id(p.b)) for p in out if p.a is not None and p.b is not None}
    paired = {k for pair in pairs for k in pair}
    parent = {id(c): s for p in (a, b) for s in p.doc.walk() for c in s.children}
    topics_a, topics_b = _plan_topics(a), _plan_topics(b)
    horizon = {id(s): score.horizon(part) for s, part in topics_a + topics_b}
    loose_a = [s for s, _ in topics_a if id(s) not in paired]
    loose_b = [s for s, _ in topics_b if id(s) not in paired]

    def met(x: Section, y: Section) -> bool:
        """Whether x and y were weighed against each other already: as top-level parts, or
        as children of two sections that paired."""
        px, py = parent.get(id(x)), parent.get(id(y))
        if px is None or py is None:
            return px is None and py is None
        return (id(px), id(py)) in pairs

    def allowed(x: Section, y: Section) -> bool:
        """Not weighed against each other already; annual with annual, as parts pair."""
        return not met(x, y) and horizon[id(x)] == horizon[id(y)]

    found = [
        (x, y)
        for x, y in _assign(loose_a, loose_b, score, False, allowed)
        if x is not None and y is not None
    ]
    partner_of_a = {id(x): y for x, y in found}
    moved_b = {id(y) for _, y in found}
    spread = _Spread(a, b, score, partner_of_a, (lifted[0], moved_b | lifted[1]))
    new: list[SectionPair] = []
    for p in out:
        if p.a is None and p.b is not None and id(p.b) in moved_b:
            continue  # shown beside its partner
        if p.a is not None and p.b is None and id(p.a) in partner_of_a:
            new.append(_pair(p.a, partner_of_a[id(p.a)], score, p.depth))
            continue
        new += spread.pairs(p)
    return new


class _Spread:
    """One-sided sections some of whose descendants are listed elsewhere, listed child by
    child: an unpaired section shows all its text, so its topics paired across levels
    (河北 2001 against 2002: 86 sentences) or its self-building topic lifted to the top
    (辽宁 2026 against 浙江 2026: 15) were shown twice.

    ``elsewhere``: per side, the sections listed elsewhere (A's topics paired across
    levels are listed here, beside their partners)."""

    def __init__(
        self,
        a: Prepared,
        b: Prepared,
        score: _Scorer,
        partner_of_a: dict[int, Section],
        elsewhere: tuple[set[int], set[int]],
    ) -> None:
        self.prepared, self.score = (a, b), score
        self.partner_of_a = partner_of_a
        self.moved = (set(partner_of_a) | elsewhere[0], elsewhere[1])

    def pairs(self, pair: SectionPair) -> list[SectionPair]:
        """``pair`` as it is, or, for a one-sided section holding sections listed
        elsewhere, the section spread, then its children (and their continuation)."""
        side = 0 if pair.b is None else 1
        section = pair.a if side == 0 else pair.b
        if section is None or (pair.a is not None and pair.b is not None):
            return [pair]
        if not self._holds_moved(section, side):
            return [pair]
        spread = SectionPair(pair.a, pair.b, 0.0, 0.0, pair.depth, spread=True)
        return [spread, *self._children(section, side, pair.depth + 1)]

    def _holds_moved(self, section: Section, side: int) -> bool:
        """Whether a descendant of ``section`` is listed elsewhere (so it must be spread)."""
        return any(id(s) in self.moved[side] for s in section.walk() if s is not section)

    def _children(self, section: Section, side: int, depth: int) -> list[SectionPair]:
        """The children of a spread section in reading order, each once: A's topics paired
        across levels with their partners, those listed elsewhere left out, the rest
        one-sided (spread in turn where they hold one listed elsewhere); then the
        section's continuation, which its own block no longer shows."""
        out: list[SectionPair] = []
        for child in section.children:
            if side == 0 and id(child) in self.partner_of_a:
                out.append(_pair(child, self.partner_of_a[id(child)], self.score, depth))
            elif id(child) not in self.moved[side]:  # shown beside its partner, or at the top
                out += self.pairs(_one_sided(child, side, depth))
        tail = tail_of(self.prepared[side], section)
        if tail is not None:
            out.append(_one_sided(tail, side, depth))
        return out


def _one_sided(section: Section, side: int, depth: int) -> SectionPair:
    """``section`` unpaired, on A's side (0) or B's (1)."""
    return (
        SectionPair(section, None, 0.0, 0.0, depth)
        if side == 0
        else SectionPair(None, section, 0.0, 0.0, depth)
    )


def _pair(x: Section, y: Section, score: _Scorer, depth: int) -> SectionPair:
    return SectionPair(x, y, score.similarity(x, y), score.jaccard(x, y), depth)


def _plan_topics(prepared: Prepared) -> list[tuple[Section, Section]]:
    """Sections without children inside a plan part (the part itself when it has none),
    each with its part."""
    return [
        (s, top)
        for top in prepared.doc.sections
        if top.role == "plan"
        for s in top.walk()
        if not s.children and s.role in (None, "plan")
    ]


def _in_reading_order(
    pairs: list[tuple[Section | None, Section | None]],
) -> list[tuple[Section | None, Section | None]]:
    """Pairs in A's reading order, and each section only B has right after the last pair
    (in that order) whose B section comes before it in B, or first if none does: B's
    ``二、今后五年…`` was read after both closings."""
    ordered = sorted((p for p in pairs if p[0] is not None), key=lambda p: _start_of(p[0]))
    only_b = sorted((p for p in pairs if p[0] is None), key=lambda p: _start_of(p[1]))
    for pair in only_b:
        start = _start_of(pair[1])
        after = [k + 1 for k, (_, y) in enumerate(ordered) if y is not None and y.start < start]
        ordered.insert(max(after, default=0), pair)
    return ordered


def _start_of(section: Section | None) -> int:
    """Where a section starts (a missing one sorts first)."""
    return section.start if section is not None else 0

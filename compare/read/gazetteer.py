"""China's administrative divisions: which names are governments, at what level, under whom.

The names come from the division table cpca ships (``cpca/resources/adcodes.csv``,
about 3,500 provinces, cities and counties with their codes). It is read as a
file: importing cpca would import pandas, which reading a report does not need.

Units are matched by *stem* (``满城`` of ``满城区``) followed by any unit suffix, so
a report keeps its own name when the table has a later one: 徐水县 became 徐水区
in 2015, and a 2010 report calling itself 徐水县 is the county of 徐水, under
保定市 and 河北省. The level follows the report's own suffix.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from .chars import code_points

Level = Literal["national", "province", "city", "county", "district"]

# Longest first, so 自治区 wins over 区.
SUFFIXES = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区", "林区", "特区",
    "省", "市", "州", "盟", "县", "区", "旗",
)  # fmt: skip
_MUNICIPALITIES = frozenset({"北京", "天津", "上海", "重庆"})
_STEM_MAX = 8
# A stem this frequent in jieba's dictionary, and not tagged a place name there, is an
# everyday word (资源 17,453, 和平 7,998) before it is a county (资源县, 和平县): counted
# in running text, it says nothing. Place names (陕西, 朝阳) stay, however frequent.
COMMON_WORD_FREQ = 500


@dataclass(frozen=True)
class Division:
    """One unit of the table: its name, code and the names of the units above it."""

    name: str
    code: str
    parents: tuple[str, ...]


@dataclass(frozen=True)
class Unit:
    """A government named in a text: ``name`` as written, its level and parents."""

    name: str
    level: Level
    parents: tuple[str, ...]


def _package_file(package: str, *parts: str) -> Path | None:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)
    return path if path.is_file() else None


def _table_path() -> Path | None:
    return _package_file("cpca", "resources", "adcodes.csv")


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, bool], frozenset[str]]:
    """What jieba's dictionary tells the gazetteer, in one reading of it: the division stems
    it counts as frequent words (with whether it tags each a place name: 陕西 is; 资源 is
    not), and its frequent two-character words (政协, 就是)."""
    path = _package_file("jieba", "dict.txt")
    if path is None:
        return {}, frozenset()
    stems = _divisions()
    frequent: dict[str, bool] = {}
    pairs = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            word, freq, *tag = line.split()
            if int(freq) < COMMON_WORD_FREQ:
                continue
            if word in stems:
                frequent[word] = bool(tag) and tag[0].startswith("ns")
            if len(word) == 2:
                pairs.append(word)
    return frequent, frozenset(pairs)


def _frequent_stems() -> dict[str, bool]:
    """Division stems that jieba's dictionary counts as frequent words, and whether it
    tags each a place name."""
    return _dictionary()[0]


def _bound_pairs() -> frozenset[str]:
    """Two-character words jieba's dictionary counts as frequent: a division stem whose
    edge character makes one with its neighbour (和政 in 和政协) is part of another word,
    not a name."""
    return _dictionary()[1]


def _everyday_stems() -> frozenset[str]:
    """Frequent stems that are not place names: never a government's name in its text."""
    return frozenset(word for word, place in _frequent_stems().items() if not place)


def split_suffix(name: str) -> tuple[str, str]:
    """``("满城", "区")`` for ``满城区``; the whole name and ``""`` when none fits."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], suffix
    return name, ""


@lru_cache(maxsize=1)
def _divisions() -> dict[str, tuple[Division, ...]]:
    """Stem -> the divisions with that stem (several counties share names)."""
    path = _table_path()
    if path is None or not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        rows = [(r["adcode"], r["name"]) for r in csv.DictReader(handle) if len(r["name"]) > 1]
    by_code = {code: name for code, name in rows}
    stems: dict[str, list[Division]] = {}
    for code, name in sorted(rows):
        province = by_code.get(code[:2] + "0" * 10)
        city = by_code.get(code[:4] + "0" * 8)
        parents = tuple(p for p in (province, city) if p and p != name)
        stem, _ = split_suffix(name)
        stems.setdefault(stem, []).append(Division(name, code, parents))
    return {stem: tuple(found) for stem, found in stems.items()}


def _level(stem: str, suffix: str) -> Level:
    if suffix in ("省", "自治区", "特别行政区") or stem in _MUNICIPALITIES:
        return "province"
    if suffix in ("区", "新区", "特区", "林区"):
        return "district"
    if suffix in ("县", "旗", "自治县", "自治旗"):
        return "county"
    return "city"  # 市 (prefecture-level or county-level), 州, 盟, 地区


def parse_units(run: str) -> list[Unit] | None:
    """The units a run of names is made of (``保定市满城区`` -> 保定市, 满城区), outermost
    first, or ``None`` when the run is not made of division names. The innermost may
    be one the table does not know (a new district: ``六安市燕藏区``), read by its suffix,
    under the known units before it."""
    out: list[Unit] = []
    pos = 0
    while pos < len(run):
        found = _unit_at(run, pos, [u.name for u in out])
        if found is None:
            last = by_suffix(run[pos:]) if out else None
            if last is None or last.parents:
                return None
            chain = (*out[-1].parents, out[-1].name)
            return [*out, Unit(last.name, last.level, chain)]
        unit, pos = found
        out.append(unit)
    return out or None


def _unit_at(run: str, pos: int, outer: list[str]) -> tuple[Unit, int] | None:
    """The longest division name starting at ``pos``, and where it ends."""
    table = _divisions()
    for size in range(min(_STEM_MAX, len(run) - pos), 0, -1):
        stem = run[pos : pos + size]
        candidates = table.get(stem)
        if not candidates:
            continue
        for suffix in SUFFIXES:
            if run.startswith(suffix, pos + size):
                if size == 1 and all(d.name != stem + suffix for d in candidates):
                    continue  # 吉县 is a county; 吉区 (in 井吉区) is no unit of the table
                division = _pick(candidates, outer)
                parents = division.parents if division else ()
                unit = Unit(stem + suffix, _level(stem, suffix), parents)
                return unit, pos + size + len(suffix)
    return None


def _pick(candidates: tuple[Division, ...], outer: list[str]) -> Division | None:
    """The division meant: the only one, or the one under the units named before it."""
    if len(candidates) == 1:
        return candidates[0]
    under = [d for d in candidates if outer and outer[-1] in d.parents]
    return under[0] if len(under) == 1 else None


def most_named(text: str, level: Level, min_count: int = 3) -> Unit | None:
    """The division of ``level`` a text names most often by its stem (``容城`` in a
    county's report), when it clearly leads: at least ``min_count`` mentions and
    twice as many as the runner-up. One-character stems are too ambiguous to count."""
    stems = _stems_of_level(level)
    counts: dict[str, int] = {}
    for pos, size in _stem_candidates(text, level):
        stem = text[pos : pos + size]
        if stem in stems and not _other_suffix(text, pos + size, level):
            counts[stem] = counts.get(stem, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < min_count:
        return None
    if len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
        return None
    stem = ranked[0][0]
    division = next(d for d in _divisions()[stem] if _level(*split_suffix(d.name)) == level)
    return Unit(division.name, level, division.parents)


@lru_cache(maxsize=8)
def _stems_of_level(level: Level) -> frozenset[str]:
    """Stems (two characters or more, not everyday words) with a division of ``level``."""
    everyday = _everyday_stems()
    return frozenset(
        stem
        for stem, divisions in _divisions().items()
        if len(stem) >= 2
        and stem not in everyday
        and any(_level(*split_suffix(d.name)) == level for d in divisions)
    )


_HASH_BASE = np.uint64(0x100000001B3)


def _window_hashes(codes: NDArray[np.uint32], size: int) -> NDArray[np.uint64]:
    """A polynomial hash of every window of ``size`` code points (wrapping in 64 bits)."""
    count = len(codes) - size + 1
    out = np.zeros(max(count, 0), dtype=np.uint64)
    for k in range(size):
        out *= _HASH_BASE
        out += codes[k : k + count]
    return out


_SEEN_MASK = np.uint64((1 << 18) - 1)


@dataclass(frozen=True)
class _HashSet:
    """Sorted window hashes and a table of their low bits (a window whose low bits are
    not there is not in the set: most windows are ruled out by one look-up)."""

    hashes: NDArray[np.uint64]
    seen: NDArray[np.bool_]

    @classmethod
    def of(cls, hashes: NDArray[np.uint64]) -> _HashSet:
        hashes = np.unique(hashes)
        seen = np.zeros(int(_SEEN_MASK) + 1, dtype=bool)
        seen[hashes & _SEEN_MASK] = True
        return cls(hashes, seen)

    def holds(self, windows: NDArray[np.uint64]) -> NDArray[np.bool_]:
        """Whether each window hash is in the set."""
        out: NDArray[np.bool_] = self.seen[windows & _SEEN_MASK]
        maybe = np.flatnonzero(out)
        at = np.minimum(np.searchsorted(self.hashes, windows[maybe]), len(self.hashes) - 1)
        out[maybe] = self.hashes[at] == windows[maybe]
        return out


@lru_cache(maxsize=8)
def _stem_hashes(level: Level) -> tuple[_HashSet, dict[int, _HashSet]]:
    """The hashes of the stems of ``level``: of their first two characters, and of the
    whole stems by length."""
    stems = sorted(_stems_of_level(level))
    by_size: dict[int, list[str]] = {}
    for stem in stems:
        by_size.setdefault(len(stem), []).append(stem)
    whole = {
        size: _HashSet.of(np.concatenate([_window_hashes(code_points(s), size) for s in found]))
        for size, found in sorted(by_size.items())
    }
    firsts = [_window_hashes(code_points(s[:2]), 2) for s in stems]
    return _HashSet.of(np.concatenate(firsts or [np.zeros(0, np.uint64)])), whole


def _stem_candidates(text: str, level: Level) -> list[tuple[int, int]]:
    """(position, length) of every window whose hash is a stem's: a superset of the
    stems in ``text``, found in numpy (a per-character loop was a sixth of reading a
    report); the caller checks each against the stems themselves.

    Only windows that start with a stem's first two characters are hashed further,
    a character at a time (the hash of a window continues the hash of its head)."""
    codes = code_points(text)
    firsts, whole = _stem_hashes(level)
    pairs = _window_hashes(codes, 2)
    at = np.flatnonzero(firsts.holds(pairs))
    hashed = pairs[at]
    found: list[tuple[int, int]] = []
    for size in range(2, max(whole, default=0) + 1):
        if size > 2:
            inside = at + size <= len(codes)
            at, hashed = at[inside], hashed[inside] * _HASH_BASE + codes[at[inside] + size - 1]
        if size in whole:
            found.extend((pos, size) for pos in at[whole[size].holds(hashed)].tolist())
    return found


def place_spans(text: str) -> list[tuple[int, int]]:
    """Spans of division names in running text: a stem of two or more characters with its
    suffix (``保定市``), or alone (``徐水``) unless it is a frequent word (新建, 长安) or
    straddles one (和政 in 和政协): in running text, one-character stems (和区 in 和区委)
    and words mislead."""
    table, everyday = _divisions(), frozenset(_frequent_stems())
    spans: list[tuple[int, int]] = []
    pos = 0
    while pos < len(text):
        found = _place_at(text, pos, table, everyday)
        if found is None:
            pos += 1
        else:
            spans.append((pos, found))
            pos = found
    return spans


def _place_at(
    text: str, pos: int, table: dict[str, tuple[Division, ...]], everyday: frozenset[str]
) -> int | None:
    """Where the longest division name starting at ``pos`` ends, if one does."""
    for size in range(min(_STEM_MAX, len(text) - pos), 1, -1):
        stem = text[pos : pos + size]
        if stem not in table:
            continue
        suffix = next((x for x in SUFFIXES if text.startswith(x, pos + size)), None)
        if suffix is not None:
            return pos + size + len(suffix)
        if stem not in everyday and not _straddles(text, pos, pos + size):
            return pos + size
    return None


def _straddles(text: str, start: int, end: int) -> bool:
    """Whether the bare stem ``text[start:end]`` shares a character with a frequent word
    across either of its edges (政协 after 和政 in 和政协)."""
    bound = _bound_pairs()
    return text[end - 1 : end + 1] in bound or (start > 0 and text[start - 1 : start + 1] in bound)


def _other_suffix(text: str, pos: int, level: Level) -> bool:
    """Whether a unit suffix of another level follows (安新 inside 雄安新区)."""
    suffix = next((s for s in SUFFIXES if text.startswith(s, pos)), None)
    return suffix is not None and _level("", suffix) != level


def by_suffix(run: str) -> Unit | None:
    """A run of names the table does not know, cut at unit suffixes (``某某县``)."""
    pieces = re.findall(rf".{{2,8}}?(?:{'|'.join(SUFFIXES)})", run)
    if not pieces or "".join(pieces) != run:
        return None
    stem, suffix = split_suffix(pieces[-1])
    return Unit(pieces[-1], _level(stem, suffix), tuple(pieces[:-1]))


def innermost(run: str) -> Unit | None:
    """The government a run of names stands for: its innermost unit, with the outer
    units it names added to the table's parents when the table could not tell."""
    units = parse_units(run)
    if not units:
        return None
    last = units[-1]
    if not last.parents and len(units) > 1:
        return Unit(last.name, last.level, tuple(u.name for u in units[:-1]))
    return last

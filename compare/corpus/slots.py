"""Formula as a template: a clause with its figures, dates, ordinals and places as slots.

Formula lives at clause level with the details changed: ``社会消费品零售总额增长3.5%
左右`` in one report is ``…增长6%左右`` in the next. Writing each clause as its
*template* (``社会消费品零售总额增长{数}%左右``) lets the lexicon count the formula
across reports without presenting one report's figure as shared. Slots:

- ``{数}``: figures and dates (``2024年`` -> ``{数}年``, ``18.46`` -> ``{数}``);
- ``{名}``: numbered things (``第十四届`` -> ``第{名}届``, ``第四次会议``);
- ``{地}``: names of divisions (``保定市``, ``徐水``), from the gazetteer; in the lexicon
  only where a template's forms name different ones (:func:`places_written_out`).

Units, percent signs and the words around a slot stay: they are the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..read.gazetteer import place_spans

FIGURE = "{数}"
NUMBERED = "{名}"
PLACE = "{地}"
_NUMERAL = "一二三四五六七八九十百千零〇○两"
_ORDINAL = re.compile(rf"(?<=第)[{_NUMERAL}\d]+(?=[届次批个季年期轮])|[{_NUMERAL}\d]+(?=届)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Template:
    """A clause's template and the values its slots held, in order."""

    text: str
    fills: tuple[str, ...]

    @property
    def slotted(self) -> bool:
        return bool(self.fills)


# Punctuation a clause inherits from the sentence around it (``”让我们…`` after a quote).
_STRAY_START = "”’）)」』》〉、，,"
_STRAY_END = "“‘（(「『《〈"
# Layout one report puts before a paragraph (``----过去的一年，``, ``●``): a clause is
# known by its letters, so a form shown with one report's marks would show them as shared.
# (Not the dash ``——``, which is punctuation: a dateline begins with it in every report.)
_LEADING_MARKS = "-－_＿~～·•●○◆◇■□★☆▲△▪*＊#＃>＞ \u3000"


def trimmed(clause: str) -> str:
    """A clause without the punctuation it inherits from the sentence around it, nor the
    layout marks one report puts before it."""
    return clause.lstrip(_STRAY_START + _LEADING_MARKS).rstrip(_STRAY_END)


def template_of(clause: str) -> Template:
    """The template of a clause (normalised text) and the values of its slots."""
    clause = trimmed(clause)
    spans: list[tuple[int, int, str]] = []
    for m in _ORDINAL.finditer(clause):
        spans.append((m.start(), m.end(), NUMBERED))
    for start, end in place_spans(clause):
        spans.append((start, end, PLACE))
    for m in _NUMBER.finditer(clause):
        spans.append((m.start(), m.end(), FIGURE))
    out, fills, pos = [], [], 0
    for start, end, slot in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < pos:
            continue  # inside a slot already taken (a figure inside a place name)
        out.append(clause[pos:start])
        out.append(slot)
        fills.append(clause[start:end])
        pos = end
    out.append(clause[pos:])
    return Template("".join(out), tuple(fills))


# How a clause ends, full- or half-width: where its sentence went on (，；、：) or stopped
# (。！？), not the formula.
_CLAUSE_END = "，,；;、。.！!？?：:"


def unended(template: str) -> str:
    """A template without the punctuation that ends its clause: ``…增长{数}%，`` and
    ``…增长{数}%。`` are one formula, which one sentence continued and another ended (six
    lexicon entries of 社会消费品零售总额增长 were three)."""
    return template.rstrip(_CLAUSE_END) or template


_SLOT = re.compile("(" + "|".join(re.escape(s) for s in (FIGURE, NUMBERED, PLACE)) + ")")


def places_written_out(template: str, fills: list[tuple[str, ...]]) -> str:
    """``template`` with each place slot written out where every form (``fills``, one per
    form) has the same place there: a place slot says where the forms name their own
    division, and a name all of them share is part of the formula (``金山`` in each form of
    ``绿水青山就是金山银山`` is the slogan's, whatever the division table says; ``保定``
    in every form of one government's formula is that government's)."""
    pieces = _SLOT.split(template)  # text, slot, text, slot, ..., text
    slots = pieces[1::2]
    if not fills or any(len(f) != len(slots) for f in fills):
        return template  # a slot's mark written in the clause itself: left as it is
    for k, slot in enumerate(slots):
        values = {f[k] for f in fills}
        if slot == PLACE and len(values) == 1:
            pieces[2 * k + 1] = values.pop()
    return "".join(pieces)

"""Formula as a template: a clause with its figures, dates, ordinals and places as slots.

Formula lives at clause level with the details changed: ``社会消费品零售总额增长3.5%
左右`` in one report is ``…增长6%左右`` in the next. Writing each clause as its
*template* (``社会消费品零售总额增长{数}%左右``) lets the lexicon count the formula
across reports without presenting one report's figure as shared. Slots:

- ``{数}``: figures and dates (``2024年`` -> ``{数}年``, ``18.46`` -> ``{数}``);
- ``{名}``: numbered things (``第十四届`` -> ``第{名}届``, ``第四次会议``, a heading's
  ``三、`` or ``（三）``);
- ``{地}``: names of divisions (``保定市``, ``徐水``), from the gazetteer.

In the lexicon a place or numbered slot stays only where a template's forms differ
there (:func:`slots_written_out`); figures are always slots.

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
_ORDINAL = re.compile(
    rf"(?<=第)[{_NUMERAL}\d]+(?=[届次批个季年期轮])|[{_NUMERAL}\d]+(?=届)"
    rf"|^[{_NUMERAL}]+(?=、)|(?<=^[（(])[{_NUMERAL}]+(?=[）)])"  # a heading's number: 三、 （三）
)
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


def slots_written_out(template: str, fills: list[tuple[str, ...]]) -> str:
    """``template`` with each place or numbered slot written out where every form
    (``fills``, one per form) has the same value there: such a slot says where the forms
    differ, and a name all of them share is part of the formula (``金山`` in each form of
    ``绿水青山就是金山银山`` is the slogan's, whatever the division table says; ``保定`` in
    every form of one government's formula is that government's; ``二十届`` in every form
    of ``深入贯彻党的二十大和二十届历次全会精神`` is the plenum's). Figures stay slots: the
    lexicon is of templates with their figures as slots, and the forms show the figures."""
    pieces = _SLOT.split(template)  # text, slot, text, slot, ..., text
    slots = pieces[1::2]
    if not fills or any(len(f) != len(slots) for f in fills):
        return template  # a slot's mark written in the clause itself: left as it is
    for k, slot in enumerate(slots):
        values = {f[k] for f in fills}
        if slot != FIGURE and len(values) == 1:
            pieces[2 * k + 1] = values.pop()
    return "".join(pieces)


_OPENERS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "「": "」", "『": "』"}
_CLOSERS = frozenset(_OPENERS.values())
# A note's marker after a clause (``坚决做到“两个维护”[23]``): the report's apparatus.
_NOTE_MARK = re.compile(r"\s*[\[［【〔]\d{1,3}[\]］】〕]$")
_DASHES = "—－-"


def form_of(clause: str) -> str:
    """A clause as the lexicon shows it: without the marks one report's spelling brings.

    A clause is known by its letters, and its example is the least of its spellings,
    which favours the one with the fewest marks: ``坚决做到“两个维护`` (a line broken
    after it in one report) for the ``坚决做到“两个维护”`` of nineteen. So the form has
    no clause-end punctuation (:func:`unended`), no note marker (``[23]``), no leading
    dash (a list's ``——``), closing quotes it never opened dropped, and quotes it
    opened closed.
    """
    text = unended(trimmed(clause))
    while True:
        bare = unended(_NOTE_MARK.sub("", text)).lstrip(_DASHES)
        if bare == text or not bare:
            break
        text = bare
    return _balanced(text)


def _balanced(text: str) -> str:
    """``text`` with closers that close nothing dropped and openers left open closed."""
    out: list[str] = []
    open_: list[str] = []
    for ch in text:
        if ch in _OPENERS:
            open_.append(ch)
        elif ch in _CLOSERS:
            if not open_ or _OPENERS[open_[-1]] != ch:
                continue
            open_.pop()
        out.append(ch)
    return "".join(out) + "".join(_OPENERS[ch] for ch in reversed(open_))

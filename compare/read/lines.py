"""Lines of the line view, the unit the body finder and the outline read.

Scraped pages often cut a sentence around a linked term, which then stands on
a line of its own (``二、“`` / ``十四五`` / ``”时期发展的总体思路``, ``经济和社会发`` / ``展的
好形势``). Such pieces are joined back into one *logical* line, which remembers
where each piece starts in the view so offsets stay exact. A break is joined
only when it is positively inside a sentence: the line before is unfinished and
either the break falls inside an open quote or bracket, or the short piece
repeats as a whole line elsewhere in the page (every occurrence of a linked
term was cut out the same way). A short heading followed by its text is not.

The other way round, a page saved or scraped without its line breaks is one
physical line of the whole report: a line longer than any real paragraph is cut
where its breaks must have been (:data:`RUN_ON`), and its lines say so (``cut``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from .headings import detect, is_bare_number

_FINISHED = frozenset("。！？；：:;!?…，、,")
_OPENERS = "“‘（(《〈「『【["
_CLOSERS = "”’）)》〉」』】]"
FRAGMENT_MAX = 8


@dataclass(frozen=True)
class Line:
    """One logical line of the line view: ``text`` is its pieces, stripped of spaces.

    ``start``/``end`` are offsets into the view; ``pieces`` gives, for each piece
    after the first, ``(index in text, view offset)`` where it starts.
    """

    start: int
    end: int
    text: str
    pieces: tuple[tuple[int, int], ...] = ()
    cut: bool = False  # cut out of a run-on line (see :data:`RUN_ON`)

    def view_offset(self, index: int) -> int:
        """The view offset of ``text[index]`` (or of the end, for ``len(text)``)."""
        base_text, base_view = 0, self.start
        for text_at, view_at in self.pieces:
            if text_at > index:
                break
            base_text, base_view = text_at, view_at
        return base_view + index - base_text


# A physical line longer than this is text whose line breaks were lost (the longest real
# paragraph of the development corpus: 3,188 characters).
RUN_ON = 8000
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
# Where a run-on line breaks: at a space beside Chinese text (the view keeps one space where
# the page had a line break or a gap; Chinese prose has none), but not between a figure and
# its unit (2020 年), and between a sentence's end (or a colon, or a closing quote) and a
# numbered heading (一、 （二） 3、) that follows it with no space at all.
_RUN_ON_BREAK = re.compile(
    rf"(?<=[{_CJK}]) +|(?<=[^\s0-9０-９]) +(?=[{_CJK}])"
    r"|(?<=[。！？!?：:”])(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|[1-9][0-9]?、)"
)


def _physical(view: str) -> list[Line]:
    lines = []
    pos = 0
    for raw in view.split("\n"):
        end = pos + len(raw)
        if len(raw) > RUN_ON:
            lines += _run_on(raw, pos)
        else:
            stripped = raw.strip(" ")
            if stripped:
                lead = len(raw) - len(raw.lstrip(" "))
                lines.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos = end + 1
    return lines


def _run_on(raw: str, pos: int) -> list[Line]:
    """The lines of a physical line (at view offset ``pos``) that runs on past
    :data:`RUN_ON` characters, a report saved or scraped without its line breaks: the
    stretches between the breaks it must have had."""
    cuts = sorted({0, len(raw)} | {at for m in _RUN_ON_BREAK.finditer(raw) for at in m.span()})
    lines = []
    for a, b in pairwise(cuts):
        piece = raw[a:b]
        stripped = piece.strip(" ")
        if stripped:
            start = pos + a + len(piece) - len(piece.lstrip(" "))
            lines.append(Line(start, start + len(stripped), stripped, cut=True))
    return lines


def _open_bracket(text: str) -> bool:
    """Whether a quote or bracket opened in ``text`` is still open at its end."""
    depth = 0
    for ch in text:
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
    return depth > 0


def _joins(before: list[Line], after: Line, repeated: Counter[str]) -> bool:
    """Whether the break between the lines ``before`` (joined so far) and ``after`` falls
    inside a sentence cut around a term."""
    last_piece = before[-1].text
    heading_after = detect(after.text) is not None
    if len(before) == 1 and is_bare_number(last_piece) and not heading_after:
        return True  # ``(五)`` on a line of its own, its title on the next (河北 2010)
    if last_piece[-1] in _FINISHED or heading_after:
        return False
    if after.text.startswith(("各位代表", "同志们")):
        return False
    if after.text[0] in _CLOSERS or (len(last_piece) <= FRAGMENT_MAX and _open_bracket(last_piece)):
        return True
    if after.text[0] in _OPENERS and detect("".join(line.text for line in before)) is not None:
        return False  # a whole heading ends its line: what opens a quote starts the text
    return any(
        len(piece) <= FRAGMENT_MAX and repeated[piece] > 1 for piece in (last_piece, after.text)
    )


def split_lines(view: str) -> list[Line]:
    """The non-empty logical lines of the line view, with their offsets into it.

    The lines a logical line is joined from are gathered first and joined once: joining
    them one at a time copied the text so far at every join, quadratic in a run of
    repeated fragments (200,000 of them, one line with gaps: 73 s)."""
    physical = _physical(view)
    repeated = Counter(line.text for line in physical)
    out: list[Line] = []
    group: list[Line] = []
    for line in physical:
        if group and _joins(group, line, repeated):
            group.append(line)
            continue
        if group:
            out.append(_joined(group))
        group = [line]
    if group:
        out.append(_joined(group))
    return out


def _joined(group: list[Line]) -> Line:
    """One logical line of consecutive lines (each piece after the first remembered)."""
    if len(group) == 1:
        return group[0]
    pieces, at = [], len(group[0].text)
    for line in group[1:]:
        pieces.append((at, line.start))
        at += len(line.text)
    text = "".join(line.text for line in group)
    cut = any(line.cut for line in group)
    return Line(group[0].start, group[-1].end, text, tuple(pieces), cut)

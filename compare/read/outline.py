"""Split a report body into a tree of sections.

Nesting follows the numbering styles in the order a report first uses them:
a style seen for the first time under the current heading opens a child
level; a style already on the stack closes everything below it. Year headings
(``2024年工作安排``), appendix and notes headings, and the closing address
always start a new top-level part.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from ..model import Role, Section
from ..textmap import MappedText
from .body import Body
from .headings import Heading, Style, detect, detect_bare, numbered_as
from .line_kinds import ends_sentence, is_address, is_note_item, prefix_length
from .lines import Line
from .roles import assign_roles

_LINE_BREAK = re.compile(r"\s*\n\s*")
# Lines shorter than this after a candidate heading mark a run of scraped fragments.
_FRAGMENT = 12
# What a piece after a fragment starts with when the fragment opened a new sentence.
_CLAUSE_MARKS = "，、；。,;"


@dataclass
class _Open:
    style: Style
    section: Section
    number: int | None = None  # its heading's number (``三、`` 3), read from the line view


class _Builder:
    """Turns heading lines into sections, tracking the open levels."""

    def __init__(self, view: MappedText, original: str) -> None:
        self.view = view
        self.original = original
        self.top: list[Section] = []
        self.stack: list[_Open] = []

    def _section(self, line: Line, title_length: int, role: Role | None) -> Section:
        start, _ = self.view.to_original(line.start, line.start + 1)
        title_start, title_end = self.view.to_original(line.start, line.view_offset(title_length))
        title = self.original[title_start:title_end]
        return Section(
            title=_LINE_BREAK.sub("", title).strip(),  # a title joined from scraped pieces
            role=role,
            start=start,
            end=start,
            norm_start=line.start,
            norm_end=line.start,
        )

    def add_top(self, line: Line, title_length: int, role: Role | None, style: Style) -> None:
        section = self._section(line, title_length, role)
        self.top.append(section)
        # The opening and closing hold no numbered parts: what follows them is top level.
        opened = _Open(style, section, numbered_as(line.text, style))
        self.stack = [] if role in ("opening", "closing") else [opened]

    def add(self, line: Line, heading: Heading) -> None:
        outer = self.stack[0].style if self.stack else "top"
        if heading.style == "top" or (heading.style == "bare" and outer in ("top", "bare")):
            self.add_top(line, heading.title_length, None, heading.style)
            return
        number = numbered_as(line.text, heading.style)
        same = [k for k, o in enumerate(self.stack) if o.style == heading.style]
        if same and not _restarts_inside(self.stack, same, number):
            del self.stack[_level_continued(self.stack, same, number, line.text) :]
        if not self.stack:
            self.add_top(line, heading.title_length, None, heading.style)
            return
        section = self._section(line, heading.title_length, None)
        parent = self.stack[-1].section
        section.level = parent.level + 1
        parent.children.append(section)
        self.stack.append(_Open(heading.style, section, number))


def _restarts_inside(stack: list[_Open], same: list[int], number: int | None) -> bool:
    """Whether a heading numbered 1 right after a top-level part of its own style numbered
    2 or more (nothing between) starts a run of its own inside it: 河北 2002's plan
    ``二、2002年工作的总体要求和主要任务`` numbers its topics ``一、`` to ``五、`` again.
    Only parts restart so: a second run of ``1. 2.`` under a topic the outline missed is
    a sibling run, not one nested in the first run's last item."""
    if number != 1 or same != [0] or len(stack) != 1:
        return False
    part = stack[0]
    return not part.section.children and part.number is not None and part.number >= 2


# A heading that names a period (``三、2003年的设想``, ``今年``, ``十四五``): a part of the report.
_PERIOD = re.compile(r"\d{4}年|今年|明年|过去|十[一二三四五六七]五")


def _level_continued(stack: list[_Open], same: list[int], number: int | None, text: str) -> int:
    """Which open level of the heading's style it continues: the innermost whose next number
    it is (a run restarted inside a part, or the parts' own run after it), else the
    innermost. Where both are (a part restarting ``一、 二、``, then ``三、``), a heading
    naming a period continues the parts."""
    nexts = [k for k in same if number is not None and stack[k].number == number - 1]
    if not nexts:
        return same[-1]
    if len(nexts) > 1 and _PERIOD.search(text):
        return nexts[0]
    return nexts[-1]


def _close(sections: list[Section], end_view: int, view: MappedText) -> None:
    """Set each section's end to the next sibling's start (or the parent's end)."""
    for k, section in enumerate(sections):
        nxt = sections[k + 1].norm_start if k + 1 < len(sections) else end_view
        section.norm_end = nxt
        section.end = _original_end(view, section.norm_start, nxt)
        _close(section.children, nxt, view)


# A paragraph that speaks for a whole part, not for its last topic: the delegates addressed
# again (各位代表，刚刚过去的2025年…), the part's achievements summed up (成绩来之不易,
# 回顾"十四五"江苏发展，各项成绩的取得…), or its shortcomings owned (在看到成绩的同时…).
_PART_CLOSE = re.compile(
    r"各位代表[，,！!：:]|(?:这些|各项)?成绩(?:的取得|来之不易)|在(?:看到|肯定)成绩的同时"
    r"|(?:同时，)?我们(?:也)?清醒地?(?:看到|认识到)|回顾[^，。]{0,20}，(?:各项|这些)?成绩"
)


# A topic's own numbered points (二是…, 第三，…, 2.…): an aside addressed to the delegates
# between them (顺平 2021: 一是…, 各位代表，环保治污…, 二是…) is the topic's, not a close.
_TOPIC_ITEM = re.compile(r"[二三四五六七八九十]是|第[二三四五六七八九十][，、是]|[2-9][.．、]")


def _end_topics_where_parts_close(
    sections: list[Section], lines: list[Line], view: MappedText
) -> None:
    """End a part's last topic before the first paragraph that closes the part.

    A part's last numbered topic otherwise runs to the part's end and takes in
    what follows it: the review of the last year after a five-year review, the
    thanks, the problems (江苏 2026's review （六） ran 2,700 characters past its
    own text). Those paragraphs stay in the part, under no topic. A paragraph
    followed by more of the topic's own numbered points closes nothing.
    """
    starts = [ln.start for ln in lines]
    _end_last_topics(sections, lines, starts, view)


def _end_last_topics(
    sections: list[Section], lines: list[Line], starts: list[int], view: MappedText
) -> None:
    """The work of :func:`_end_topics_where_parts_close`, with the lines' starts for
    bisection (a report's every line was scanned for each part)."""
    for section in sections:
        if not section.children:
            continue
        _end_last_topics(section.children, lines, starts, view)
        last = deepest = section.children[-1]
        while deepest.children:
            deepest = deepest.children[-1]
        lo = bisect_right(starts, deepest.norm_start)
        inside = lines[lo : bisect_left(starts, last.norm_end, lo)]
        close = next(
            (
                ln.start
                for k, ln in enumerate(inside)
                if _PART_CLOSE.match(ln.text)
                and not any(_TOPIC_ITEM.match(later.text) for later in inside[k + 1 :])
            ),
            None,
        )
        node: Section | None = last
        while close is not None and node is not None:
            node.norm_end = min(node.norm_end, close)
            node.end = _original_end(view, node.norm_start, node.norm_end)
            node = node.children[-1] if node.children else None


def _original_end(view: MappedText, start: int, end: int) -> int:
    """Original end offset of a view span, trimmed of trailing layout whitespace."""
    while end > start and view.text[end - 1] in " \n":
        end -= 1
    return view.to_original(start, end)[1]


def _heading(
    lines: list[Line], k: int, body: Body, in_text: bool, seen: Counter[str]
) -> Heading | None:
    """The heading at line ``k``: numbered or year headings anywhere, unnumbered ones only
    in the report's own text (after the address, before the closing).

    A short line that repeats elsewhere, or comes in a run of short lines, is a
    fragment of a scraped sentence (a linked term on a line of its own), not a heading.
    """
    text = lines[k].text
    heading = detect(text)
    if heading is not None and heading.style == "ordinal" and _fragment_follows(lines, k, body):
        return None  # ``第三，切实加强民主`` / ``法制`` / ``建设。…``: a sentence cut by a link
    if heading is not None:
        return _ended_with_its_line(lines[k], heading)
    if not in_text or seen[text] > 1:
        return None
    before = lines[k - 1].text if k > body.first else ""
    after = lines[k + 1].text if k < body.last else ""
    if len(after) < _FRAGMENT and detect(after) is None:
        return None
    return detect_bare(text, before, after)


def _fragment_follows(lines: list[Line], k: int, body: Body) -> bool:
    """Whether the line after line ``k`` is a scraped fragment: short, unfinished (``抓项目。``
    is a paragraph) and no heading."""
    after = lines[k + 1].text if k < body.last else ""
    return 0 < len(after) < _FRAGMENT and not ends_sentence(after) and detect(after) is None


def _ended_with_its_line(line: Line, heading: Heading) -> Heading:
    """A heading on a line of its own that a scraped fragment was joined to ends where its
    own line ended, when the text after the fragment goes on with a clause mark: the
    fragment opened the paragraph's first sentence (``二、…增加农民收入`` / ``全面建设小康
    社会`` / ``，重点在农村…``). A term cut out of a heading is followed by the rest of the
    title instead (``5、加强精神文明和民主`` / ``法制`` / ``建设，推动…``)."""
    if len(line.pieces) < 2 or heading.title_length <= line.pieces[0][0]:
        return heading
    if line.text[line.pieces[1][0]] not in _CLAUSE_MARKS:
        return heading
    return Heading(heading.style, line.pieces[0][0])


def _opening_title_length(text: str) -> int:
    """The title of the opening: its first line up to a dateline dash (leading dashes aside)."""
    lead = len(text) - len(text.lstrip("—-－ "))
    dash = text.find("——", lead + 1)
    return dash if dash > lead else min(len(text), 30)


def _note_title_length(text: str) -> int:
    """A note entry stands for the notes part: its term, up to the colon."""
    colon = text.find("：")
    return colon if 0 < colon <= 30 else min(len(text), 20)


def build_outline(
    view: MappedText, original: str, lines: list[Line], body: Body
) -> tuple[list[Section], list[str]]:
    """Sections of the body (offsets in the line view and the original) and warnings."""
    warnings: list[str] = []
    body_lines = lines[body.first : body.last + 1]
    if not body_lines:
        return [], ["no text found"]
    builder = _Builder(view, original)
    first = body_lines[0].text
    opening = detect(first) is None  # a report copied from its first heading has no opening
    if opening:
        builder.add_top(body_lines[0], _opening_title_length(first), "opening", "top")
    seen = Counter(ln.text for ln in body_lines)
    text_from = body.address if body.address is not None else body.first
    text_to = body.closing if body.closing is not None else body.trailer
    headings_seen = 0
    for k in range(body.first + (1 if opening else 0), body.last + 1):
        line = lines[k]
        if k == body.closing:
            length = prefix_length(line.text, 4) if is_address(line.text) else 3
            builder.add_top(line, length, "closing", "top")
            continue
        if k == body.self_building:
            builder.add_top(line, prefix_length(line.text, 4), "self_government", "top")
            continue
        if k == body.trailer and is_note_item(line.text):
            builder.add_top(line, _note_title_length(line.text), "notes", "top")
            continue
        after_closing = body.closing is not None and body.closing < k
        if after_closing and (body.trailer is None or k < body.trailer):
            continue  # the closing paragraphs hold no headings
        in_text = text_from < k and (text_to is None or k < text_to)
        heading = _heading(lines, k, body, in_text, seen)
        if heading is not None:
            builder.add(line, heading)
            headings_seen += 1
    sections = builder.top
    end_view = body_lines[-1].end
    _close(sections, end_view, view)
    _end_topics_where_parts_close(sections, body_lines, view)
    if headings_seen == 0:
        warnings.append("no section headings recognised; outlined as one body section")
        only = sections[0]
        only.role, only.children = "body", []
        only.norm_end, only.end = end_view, _original_end(view, only.norm_start, end_view)
        return [only], warnings
    assign_roles(sections, [_lead(view, s) for s in sections])
    return _fold_unheaded_self(sections, body, lines), warnings


def _fold_unheaded_self(sections: list[Section], body: Body, lines: list[Line]) -> list[Section]:
    """A report with a headed self-building part needs no unheaded one: the 各位代表！
    paragraph then belongs to the part before it (its end extends, children's too)."""
    if body.self_building is None:
        return sections
    start = lines[body.self_building].start
    unheaded = next((s for s in sections if s.norm_start == start), None)
    headed = [s for s in sections for s in s.walk() if s.role == "self_government"]
    if unheaded is None or len(headed) < 2:
        return sections
    k = sections.index(unheaded)
    if k == 0:
        return sections
    ended = sections[k - 1].norm_end
    node: Section | None = sections[k - 1]
    # the previous part, and those of its last descendants that ended with it, end where the
    # folded paragraph ended (a last topic cut before the part's close stays cut)
    while node is not None and node.norm_end == ended:
        node.end, node.norm_end = unheaded.end, unheaded.norm_end
        node = node.children[-1] if node.children else None
    return sections[:k] + sections[k + 1 :]


def _lead(view: MappedText, section: Section) -> str:
    """The first words of a section, for telling a review from a plan."""
    return view.text[section.norm_start : min(section.norm_end, section.norm_start + 160)]

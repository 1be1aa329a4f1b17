"""Split a report body into a tree of sections.

Nesting follows the numbering styles in the order a report first uses them:
a style seen for the first time under the current heading opens a child
level; a style already on the stack closes everything below it. Year headings
(``2024年工作安排``), appendix and notes headings, and the closing address
always start a new top-level part.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Role, Section
from ..textmap import MappedText
from .body import Body
from .headings import Heading, Style, detect
from .lines import Line
from .roles import assign_roles


@dataclass
class _Open:
    style: Style
    section: Section


class _Builder:
    """Turns heading lines into sections, tracking the open levels."""

    def __init__(self, view: MappedText, original: str) -> None:
        self.view = view
        self.original = original
        self.top: list[Section] = []
        self.stack: list[_Open] = []

    def _section(self, line: Line, title_length: int, role: Role | None) -> Section:
        start, _ = self.view.to_original(line.start, line.start + 1)
        title_start, title_end = self.view.to_original(line.start, line.start + title_length)
        return Section(
            title=self.original[title_start:title_end].strip(),
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
        self.stack = [] if role in ("opening", "closing") else [_Open(style, section)]

    def add(self, line: Line, heading: Heading) -> None:
        if heading.style == "top" or not self.stack:
            self.add_top(line, heading.title_length, None, heading.style)
            return
        styles = [o.style for o in self.stack]
        if heading.style in styles:
            del self.stack[styles.index(heading.style) :]
        if not self.stack:
            self.add_top(line, heading.title_length, None, heading.style)
            return
        section = self._section(line, heading.title_length, None)
        parent = self.stack[-1].section
        section.level = parent.level + 1
        parent.children.append(section)
        self.stack.append(_Open(heading.style, section))


def _close(sections: list[Section], end_view: int, view: MappedText) -> None:
    """Set each section's end to the next sibling's start (or the parent's end)."""
    for k, section in enumerate(sections):
        nxt = sections[k + 1].norm_start if k + 1 < len(sections) else end_view
        section.norm_end = nxt
        section.end = _original_end(view, section.norm_start, nxt)
        _close(section.children, nxt, view)


def _original_end(view: MappedText, start: int, end: int) -> int:
    """Original end offset of a view span, trimmed of trailing layout whitespace."""
    while end > start and view.text[end - 1] in " \n":
        end -= 1
    return view.to_original(start, end)[1]


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
    title_length = first.find("——") if "——" in first[1:] else min(len(first), 30)
    builder.add_top(body_lines[0], title_length, "opening", "top")
    headings_seen = 0
    for k in range(body.first + 1, body.last + 1):
        line = lines[k]
        if k == body.closing:
            builder.add_top(line, 4 if line.text.startswith("各位代表") else 3, "closing", "top")
            continue
        heading = detect(line.text)
        if heading is not None:
            builder.add(line, heading)
            headings_seen += 1
    sections = builder.top
    end_view = body_lines[-1].end
    _close(sections, end_view, view)
    if headings_seen == 0:
        warnings.append("no section headings recognised; outlined as one body section")
        only = sections[0]
        only.role, only.children = "body", []
        only.norm_end, only.end = end_view, _original_end(view, only.norm_start, end_view)
        return [only], warnings
    assign_roles(sections, [_lead(view, s) for s in sections])
    return sections, warnings


def _lead(view: MappedText, section: Section) -> str:
    """The first words of a section, for telling a review from a plan."""
    return view.text[section.norm_start : min(section.norm_end, section.norm_start + 160)]

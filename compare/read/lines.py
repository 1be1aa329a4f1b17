"""Lines of the line view, the unit the body finder and the outline read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One line of the line view: ``text`` is ``view[start:end]``, stripped of spaces."""

    start: int
    end: int
    text: str


def split_lines(view: str) -> list[Line]:
    """The non-empty lines of the line view, with their offsets into it."""
    lines = []
    pos = 0
    for raw in view.split("\n"):
        end = pos + len(raw)
        stripped = raw.strip(" ")
        if stripped:
            lead = len(raw) - len(raw.lstrip(" "))
            lines.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos = end + 1
    return lines

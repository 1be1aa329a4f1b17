"""Plain-text renderings for the terminal."""

from __future__ import annotations

from .model import Document, Section


def outline_lines(doc: Document) -> list[str]:
    """The outline as an indented tree, one section a line."""
    meta = doc.meta
    out = [
        f"{doc.path}  ({doc.encoding})",
        f"government: {meta.government or '?'}   year: {meta.year or '?'}   "
        f"speaker: {meta.speaker or '?'}",
        f"title: {meta.title or '?'}",
        "",
    ]
    for section in doc.sections:
        out.extend(_section_lines(section, 0))
    out.extend(f"warning: {w}" for w in doc.warnings)
    return out


def _section_lines(section: Section, depth: int) -> list[str]:
    role = f"[{section.role}] " if section.role else ""
    span = f"{section.start}-{section.end}"
    lines = [f"{'  ' * depth}{role}{section.title}  ({span})"]
    for child in section.children:
        lines.extend(_section_lines(child, depth + 1))
    return lines

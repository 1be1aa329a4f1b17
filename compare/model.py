"""The data model every stage shares: documents, sections and spans.

Offsets come in two kinds and are never mixed up:
- ``norm`` offsets index :attr:`Document.norm` (the comparison text);
- plain ``start``/``end`` fields on :class:`Section` index the decoded original
  file text, so that a reported span lands on the user's own characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from .textmap import MappedText

Role = Literal[
    "opening", "review", "plan", "self_government", "closing", "appendix", "notes", "body"
]


@dataclass
class Section:
    """One heading and what follows it, with offsets into the original text."""

    title: str
    role: Role | None
    start: int
    end: int
    norm_start: int
    norm_end: int
    level: int = 0
    children: list[Section] = field(default_factory=list)
    # The text of a part after its last child (a review's summing-up, its problems), made
    # a section of its own by compare so that it has rows (``pair.align.tail_of``).
    continued: bool = False

    def walk(self) -> Iterator[Section]:
        """This section, then every descendant depth-first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_json(self) -> dict[str, object]:
        """The outline JSON form of this section and its subtree."""
        return {
            "title": self.title,
            "role": self.role,
            "start": self.start,
            "end": self.end,
            "children": [c.to_json() for c in self.children],
        }


@dataclass
class Metadata:
    """What the report says about itself.

    ``government`` is the name the report gives itself (国务院, 河北省, 保定市, 徐水县);
    ``level`` is national, province, city (a county-level city too), county or
    district; ``parents`` are the governments above it, outermost first (河北省,
    保定市), as far as the division table or the report tells; ``year`` is the
    year the report plans for.
    """

    government: str | None = None
    year: int | None = None
    title: str | None = None
    speaker: str | None = None
    level: str | None = None
    parents: tuple[str, ...] = ()


@dataclass
class Document:
    """A report as read: original text, comparison text, body and outline."""

    path: str
    encoding: str
    original: str
    norm: MappedText
    body_start: int
    body_end: int
    meta: Metadata
    sections: list[Section]
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """A short name for headings: government and year, or the path."""
        parts = [self.meta.government or self.path, str(self.meta.year) if self.meta.year else ""]
        return " ".join(p for p in parts if p)

    @property
    def body_text(self) -> str:
        """The normalised body, the text every comparison works on."""
        return self.norm.text[self.body_start : self.body_end]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of :attr:`norm` back to the original text."""
        return self.norm.to_original(start, end)

    def walk(self) -> Iterator[Section]:
        """Every section of the outline, depth-first."""
        for section in self.sections:
            yield from section.walk()

    def to_json(self) -> dict[str, object]:
        """The documented ``outline --json`` schema."""
        return {
            "path": self.path,
            "encoding": self.encoding,
            "government": self.meta.government,
            "level": self.meta.level,
            "parents": list(self.meta.parents),
            "year": self.meta.year,
            "title": self.meta.title,
            "speaker": self.meta.speaker,
            "warnings": self.warnings,
            "sections": [s.to_json() for s in self.sections],
        }

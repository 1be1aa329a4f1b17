"""A document made ready for comparison: words, sentences and clauses, once.

Tokenising is the costliest step, so each document is segmented once and
every later stage (alignment, diffs, specific content, audit) reads from here.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ..model import Document
from ..read.units import CLAUSE_ENDS, SENTENCE_ENDS, Unit, split_units
from .tokens import Tokens, tokenize


@dataclass
class Prepared:
    """A document with its body's tokens and units (offsets in ``doc.norm``)."""

    doc: Document
    tokens: Tokens
    sentences: list[Unit]
    clauses: list[Unit]

    @property
    def text(self) -> str:
        """The comparison text (the whole normalised file; the body is a span of it)."""
        return self.doc.norm.text

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices ``[i, j)`` of the tokens lying inside ``[start, end)``."""
        starts = self.tokens.starts
        return bisect_left(starts, start), bisect_left(starts, end)

    def words(self, start: int, end: int) -> list[str]:
        """The words inside ``[start, end)``."""
        i, j = self.token_range(start, end)
        return self.tokens.words[i:j]

    def units_in(self, units: list[Unit], start: int, end: int) -> list[Unit]:
        """The units lying inside ``[start, end)``."""
        lo = bisect_left(units, start, key=lambda u: u.start)
        out = []
        for unit in units[lo:]:
            if unit.start >= end:
                break
            if unit.end <= end:
                out.append(unit)
        return out


def prepare(doc: Document) -> Prepared:
    """Segment the body of ``doc`` into words, sentences and clauses."""
    text = doc.norm.text
    start, end = doc.body_start, doc.body_end
    return Prepared(
        doc=doc,
        tokens=tokenize(text[start:end], start),
        sentences=split_units(text, start, end, SENTENCE_ENDS),
        clauses=split_units(text, start, end, CLAUSE_ENDS),
    )

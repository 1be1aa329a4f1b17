"""Paragraphs, sentences and clauses of each section, for ``outline --units``.

The outline's units follow the usual definitions: sentences end at ``。！？；``,
clauses at ``，、：`` too. (Comparison cuts clauses at ``，：`` only, so that an
enumeration such as ``稳增长、调结构、促改革`` stays one formula.) Spans are
``[start, end)`` in the original text, like every span the tool reports.
"""

from __future__ import annotations

from ..model import Document, Section
from .units import SENTENCE_ENDS, split_units

OUTLINE_CLAUSE_ENDS = SENTENCE_ENDS | frozenset("，、：")
_PARAGRAPH_ENDS = frozenset("\n")


def _own_end(section: Section) -> int:
    """Where a section's own text stops: at its first child, which lists its own units."""
    return section.children[0].norm_start if section.children else section.norm_end


def section_units(doc: Document, section: Section) -> list[dict[str, object]]:
    """The section's own paragraphs, each with its sentences, each with its clauses."""
    text = doc.norm.text
    paragraphs = []
    for para in split_units(text, section.norm_start, _own_end(section), _PARAGRAPH_ENDS):
        sentences = []
        for sent in split_units(text, para.start, para.end, SENTENCE_ENDS):
            clauses = [
                list(doc.original_span(c.start, c.end))
                for c in split_units(text, sent.start, sent.end, OUTLINE_CLAUSE_ENDS)
            ]
            sentences.append(
                {"span": list(doc.original_span(sent.start, sent.end)), "clauses": clauses}
            )
        paragraphs.append(
            {"span": list(doc.original_span(para.start, para.end)), "sentences": sentences}
        )
    return paragraphs


def outline_with_units(doc: Document) -> dict[str, object]:
    """The outline JSON with a ``paragraphs`` list on every section."""
    data = doc.to_json()
    sections = data["sections"]
    assert isinstance(sections, list)
    for section, entry in zip(doc.sections, sections, strict=True):
        _attach(doc, section, entry)
    return data


def _attach(doc: Document, section: Section, entry: dict[str, object]) -> None:
    entry["paragraphs"] = section_units(doc, section)
    children = entry["children"]
    assert isinstance(children, list)
    for child, child_entry in zip(section.children, children, strict=True):
        _attach(doc, child, child_entry)

"""Read a report file into a :class:`~compare.model.Document`.

The pipeline is: bytes -> decoded original -> line view -> body -> outline
and metadata -> compact comparison view. Every offset in the result maps back
to the decoded original.
"""

from __future__ import annotations

from collections import Counter

from ..errors import EmptyReport
from ..model import Document, Section
from ..settings import MAX_BYTES
from ..textmap import MappedText
from .body import Body, find_body
from .chars import code_points, han_count_of, latin_count_of
from .files import read_text
from .headings import detect
from .line_kinds import is_address, is_prose
from .lines import Line, split_lines
from .metadata import read_metadata
from .normalise import compact_view, line_view, simplify
from .outline import build_outline


def load_report(path: str, max_bytes: int = MAX_BYTES) -> Document:
    """Read, decode and outline one report file (text, HTML, DOCX or PDF)."""
    text, encoding, warnings = read_text(path, max_bytes)
    doc = parse_report(text, path, encoding)
    doc.warnings[:0] = warnings  # what reading had to guess comes first
    return doc


def parse_report(original: str, path: str = "<text>", encoding: str = "utf-8") -> Document:
    """Outline already-decoded report text."""
    if not original.strip():
        raise EmptyReport(path, "holds no text")
    view = line_view(original)
    lines = split_lines(view.text)
    body = find_body(lines)
    sections, warnings = build_outline(view, original, lines, body)
    if any(line.cut for line in lines):
        warnings.insert(0, "the text has lost its line breaks: cut at gaps and before headings")
    for count, where in ((body.dropped_before, "before"), (body.dropped_after, "after")):
        if count:
            warnings.insert(0, f"dropped {count:,} characters of prose-like text {where} the body")
    header, opening = _header_and_opening(lines, body)
    header_original = [original[slice(*view.to_original(ln.start, ln.end))] for ln in header]
    every = [s for top in sections for s in top.walk()]
    body_text = view.text[lines[body.first].start : lines[body.last].end] if lines else ""
    meta = read_metadata(
        [ln.text for ln in header],
        header_original,
        [(simplify(s.title), s.role) for s in every],
        opening,
        body_text,
    )
    compact = compact_view(view)
    body_start, body_end = _body_span(compact, sections)
    for problem in (_not_chinese(compact.text[body_start:body_end]), _repeated(lines, body)):
        if problem:
            warnings.append(problem)
    for section in every:
        section.norm_start = compact.from_original(section.start)
        section.norm_end = compact.from_original(section.end)
    return Document(
        path, encoding, original, compact, body_start, body_end, meta, sections, warnings
    )


# Han characters are over 80% of every real report's body (the corpus's least: 81%).
_HAN_SHARE_MIN = 0.5


def _not_chinese(body: str) -> str | None:
    """A warning when the body's letters are mostly not Han (a README, ``hello``): it is
    outlined and compared all the same, but the user is told it does not read as a work
    report. Figures and punctuation are neither (a table of figures is still Chinese).
    Counted on the code points at once (0.3 ms a report by regular expressions)."""
    codes = code_points(body)
    han = han_count_of(codes)
    if han and han >= _HAN_SHARE_MIN * len(codes):
        return None  # Latin letters are among the rest: the share over both is higher still
    latin = latin_count_of(codes)
    if han and han >= _HAN_SHARE_MIN * (han + latin):
        return None
    share = han / (han + latin) if han + latin else 0.0
    return f"only {share:.0%} of its letters are Han ({han:,} Han characters): is it a work report?"


# A paragraph this long said twice word for word is text pasted twice, not formula: no
# real report of the corpus repeats one (阜平 2020 repeats its closing and 19 notes).
_REPEATED_MIN = 40


def _repeated(lines: list[Line], body: Body) -> str | None:
    """A warning when long lines of the body occur more than once: the page was saved or
    pasted twice over, and the part holding the copy is that much longer."""
    seen: Counter[str] = Counter(
        ln.text for ln in lines[body.first : body.last + 1] if len(ln.text) >= _REPEATED_MIN
    )
    twice = {text: n for text, n in seen.items() if n > 1}
    if not twice:
        return None
    chars = sum(len(text) * (n - 1) for text, n in twice.items())
    return (
        f"repeats {chars:,} characters of its own text ({len(twice):,} paragraphs said more "
        "than once, word for word): pasted twice?"
    )


def _header_and_opening(lines: list[Line], body: Body) -> tuple[list[Line], str]:
    """The title block (lines above the first of substance) and the first paragraph."""
    body_lines = range(body.first, body.last + 1)
    end = next(
        (k for k in body_lines if is_address(lines[k].text) or is_prose(lines[k].text)),
        body.last + 1,
    )
    end = min(end, next((k for k in body_lines if detect(lines[k].text)), end))
    opening = next(
        (lines[k].text for k in range(end, body.last + 1) if is_prose(lines[k].text)), ""
    )
    return lines[body.first : end], opening


def _body_span(compact: MappedText, sections: list[Section]) -> tuple[int, int]:
    if not sections:
        return 0, 0
    return compact.from_original(sections[0].start), compact.from_original(sections[-1].end)

"""The text layer of a PDF, without running headers, footers and page numbers.

pypdf, page by page. A PDF's streams are compressed, so a small file can hold
far more text than any report: extraction stops once the text passes the size
limit (in characters). pypdf raises many kinds of exception on a damaged file
and logs warnings as it repairs one; every exception becomes one line here,
and its warnings go to the ``pypdf`` logger, which the command line shows only
with ``--verbose``.
"""

from __future__ import annotations

import re
from collections import Counter
from io import BytesIO

from ...errors import UndecodableText, UnreadableFile
from ...settings import MAX_BYTES
from ..line_kinds import CLOSERS, REMARK
from ..normalise import HEADING_START, NUMBERED_HEADING

_SENTENCE_END = frozenset("。！？；：!?;:")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+(?:\s*/\s*\d+)?)\s*$"
)


def pdf_text(data: bytes, path: str, max_chars: int = MAX_BYTES) -> str:
    """The text layer of a PDF without running headers, footers and page numbers.

    Raises:
        UnreadableFile: damaged, or more than ``max_chars`` characters of text.
        UndecodableText: no text layer (a scan).
    """
    pages = _page_lines(data, path, max_chars)
    running = _running_lines(pages)
    kept = [
        ln for lines in pages for ln in lines if ln not in running and not _PAGE_NUMBER.match(ln)
    ]
    if not "".join(kept).strip():
        raise UndecodableText(path, "PDF has no text layer (a scan?); run OCR on it first")
    return "\n".join(_join_wrapped(kept)) + "\n"


def _page_lines(data: bytes, path: str, max_chars: int) -> list[list[str]]:
    """Non-blank lines of each page, stopping once the text passes ``max_chars``."""
    import pypdf  # imported here: only PDFs need it

    pages, total = [], 0
    try:
        for page in pypdf.PdfReader(BytesIO(data)).pages:
            text = page.extract_text() or ""
            total += len(text)
            if total > max_chars:
                break
            pages.append([ln.strip() for ln in text.splitlines() if ln.strip()])
    except Exception as exc:  # any failure of the parser on a damaged file is that file's problem
        raise UnreadableFile(path, f"is not a readable PDF ({exc})") from exc
    if total > max_chars:
        raise UnreadableFile(
            path, f"holds more text than any report (over {max_chars:,} characters)"
        )
    return pages


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines at the top or bottom of at least half the pages: headers and footers."""
    if len(pages) < 3:
        return set()
    edges: Counter[str] = Counter()
    for lines in pages:
        edges.update({ln for ln in lines[:2] + lines[-2:]})
    return {ln for ln, n in edges.items() if n >= max(2, len(pages) // 2)}


# A title block's venue line: the session, ending the line (在…第四次会议上).
_VENUE = re.compile(r"(?:人民代表大会|人大).{0,12}次会议上$")
_TITLE_TAIL = 20  # characters of a heading's end that may open the next printed line
_TITLE_MAX = 60  # a heading rejoined with its end is at most this long
# What may follow a sentence's stop on its line: closing quotes and brackets, and a
# remark in brackets (a note's page reference: …的事实。(见第29页)).
_AFTER_STOP = re.compile(rf"(?:{REMARK})?[{re.escape(CLOSERS)}]*$")


def _stops(line: str) -> bool:
    """Whether a printed line ends a sentence, closing quotes, brackets and a bracketed
    remark after its stop aside (``…。”`` ends one: a heading after it is a heading), or
    is a title block's venue line (``——…第四次会议上``: the speaker's line below it was
    joined to it and lost, 新疆 2026)."""
    core = line[: _AFTER_STOP.search(line).start()] or line  # type: ignore[union-attr]
    return core[-1] in _SENTENCE_END or _VENUE.search(core) is not None


def _first_stop(line: str) -> int:
    """Where the first sentence of ``line`` ends (its first 。；：！？), or -1."""
    return next((k for k, ch in enumerate(line) if ch in _SENTENCE_END), -1)


def _title_end(heading: str, line: str) -> bool:
    """Whether ``line`` opens with the end of the wrapped ``heading``, run into its
    paragraph: a few characters, no comma, before a stop, and a title not too long with
    them (a complete full-width heading is not joined with its paragraph's first short
    sentence: 过去的一年极不平凡。)."""
    stop = _first_stop(line)
    return (
        0 < stop <= _TITLE_TAIL
        and "，" not in line[1:stop]  # (the line may open with the heading's own comma)
        and len(heading) + stop <= _TITLE_MAX
    )


def _width(line: str) -> float:
    """A printed line's width in full-width characters: an ASCII letter or digit takes
    half (a line of figures holds more characters than a line of Chinese)."""
    return len(line) - 0.5 * sum(ch.isascii() for ch in line)


def _join_wrapped(lines: list[str]) -> list[str]:
    """Rejoin paragraphs the PDF wrapped: a full-width line not ending a sentence continues.

    "Full width" is judged against the document's own longest lines (the 90th
    percentile of their printed width), since page width and font size vary from PDF
    to PDF, and on the last printed line, not the paragraph joined so far: a note that
    wrapped once and ended without a stop (``(见第2页)``) took in every note after it
    (74 notes as one line of 9,194 characters, 阜平 2021).
    """
    if not lines:
        return []
    widths = [_width(ln) for ln in lines]
    full = sorted(widths)[int(0.9 * (len(widths) - 1))] * 0.85
    out = [lines[0]]
    # each line with the printed line before it (``last``) and that line's width
    for line, last_width, last in zip(lines[1:], widths, lines, strict=False):
        wrapped = last_width >= full and not _stops(last)
        prev = out[-1]
        heading = NUMBERED_HEADING.match(prev) and not any(p in prev for p in "：:。")
        if heading:
            # a full-width bare heading continues only into a short tail, or into its own
            # end run into its paragraph (…实现新 / 突破。坚持…: 9 of the 95 real reports
            # lost their title's end), never into body text
            tail = _width(line) < full and not _stops(line)
            wrapped = wrapped and (tail or _title_end(prev, line))
        # A line that looks like a heading after a paragraph's full line that did not stop
        # is the paragraph going on (…比重提高到 / 一、二、三产业增加值…: 河北 2004).
        if wrapped and (not heading or not HEADING_START.match(line)):
            out[-1] = prev + line
        else:
            out.append(line)
    return out

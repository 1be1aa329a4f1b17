"""Find the body of a report inside the page chrome it was scraped with.

The body is everything that reads as the report. It is found from the edges in:
page chrome (navigation, index numbers, view counts, share widgets, related
links, footers) and short lines that are neither prose nor title are dropped
above the report's first line of substance; below its last, so is everything
after a line that opens a page footer (``相关文章``, ``【打印】``, ``版权所有``).
Nothing inside is dropped. No single line anchors the body: a report copied
without its ``各位代表：`` line, without a closing paragraph, with ``各位代表！``
lines in mid-text or with one sentence per line keeps all of its prose.

Prose-like text left outside is counted, so the caller can warn about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .headings import detect, is_trailer_heading
from .line_kinds import (
    REMARK,
    TAIL_MARKER,
    bare,
    ends_sentence,
    han_at_least,
    han_count,
    is_address,
    is_chrome,
    is_note_item,
    is_prose,
    is_title_block,
)
from .lines import Line
from .roles import SELF_BUILDING_TEXT, is_self_heading

_CLOSING_END = re.compile(r"(?:奋斗|篇章|贡献|前进|奋进|努力|新局面|辉煌)[！!。]$")
# Prose paragraphs that may follow a closing address before a rallying last
# paragraph is taken as the closing instead (the address was mid-text).
_CLOSING_SLACK = 2


@dataclass(frozen=True)
class Body:
    """Line indices of the body, ``lines[first:last + 1]``, and its landmarks.

    ``address`` is the opening ``各位代表`` line, ``closing`` the line the closing
    part starts at, ``trailer`` the first line of the appendix or notes after
    it, ``self_building`` an unheaded self-building part before the closing
    (``各位代表！…加强政府自身建设…``, as national and provincial reports have it);
    each ``None`` when the report has none. ``dropped_before`` and
    ``dropped_after`` count the Han characters of prose-like lines left out.
    """

    first: int
    last: int
    address: int | None
    closing: int | None
    trailer: int | None
    self_building: int | None = None
    dropped_before: int = 0
    dropped_after: int = 0


def _substance(text: str) -> bool:
    """A line the report may start at: prose, the address, or a numbered heading."""
    return not is_chrome(text) and (is_address(text) or is_prose(text) or detect(text) is not None)


def _start(lines: list[Line]) -> int:
    """The first line of substance, moved up over the title block above it."""
    anchor = next((k for k, ln in enumerate(lines) if _substance(ln.text)), 0)
    first = k = anchor
    while k > 0:
        above = lines[k - 1].text
        if is_title_block(above):
            first = k = k - 1
        elif len(bare(above)) <= 8 and not is_chrome(above) and k > 1:
            # a name on its own line under the speaker's title: 阜平县人民政府县长 / 徐志清
            if not is_title_block(lines[k - 2].text):
                break
            first = k = k - 2
        else:
            break
    return first


def _end(lines: list[Line], first: int) -> int:
    """The last line of the report: its last prose, note or list item before any footer."""
    addresses = [k for k in range(first, len(lines)) if is_address(lines[k].text)]
    search_from = addresses[-1] if addresses else first
    limit = next(
        (
            k
            for k in range(search_from + 1, len(lines))
            if TAIL_MARKER.match(bare(lines[k].text)) and is_chrome(lines[k].text)
        ),
        len(lines),
    )
    last, in_run = first, True
    for k in range(first + 1, limit):
        text = lines[k].text
        if _sentence(text) or is_note_item(text):
            last, in_run = k, True
        elif in_run and _item(text):
            last = k  # a list or heading run after the last prose (an appendix of projects)
        else:
            in_run = False
    return last


# A short remark in brackets after a sentence's stop: a note's page reference (见第29页).
_REMARK_AFTER = re.compile(rf"(?<=[。！？；])\s*{REMARK}\s*$")


def _sentence(text: str) -> bool:
    """A finished sentence of Chinese, however short: the report's text goes on to here
    (a remark in brackets after its stop, ``…的事实。(见第29页)``, still ends it: 阜平
    2021's last note, a paragraph of its own in a PDF, was dropped)."""
    text = _REMARK_AFTER.sub("", text)
    return ends_sentence(text) and han_at_least(text, 4) and not is_chrome(text)


def _item(text: str) -> bool:
    """A numbered item, a heading or a note: what a trailer list is made of."""
    return not is_chrome(text) and (
        detect(text) is not None or is_note_item(text) or is_trailer_heading(text)
    )


def _trailer(lines: list[Line], first: int, last: int) -> int | None:
    """The first appendix or notes line after the last address, if any."""
    addresses = [k for k in range(first + 1, last + 1) if is_address(lines[k].text)]
    start = addresses[-1] + 1 if addresses else first + 1
    return next(
        (
            k
            for k in range(start, last + 1)
            if is_trailer_heading(lines[k].text) or is_note_item(lines[k].text)
        ),
        None,
    )


def _closing(lines: list[Line], first: int, end: int, address: int | None) -> int | None:
    """Where the closing part starts: the last address after the last numbered heading,
    or the rallying last paragraph when the address was followed by more prose."""
    headings = [k for k in range(first + 1, end + 1) if detect(lines[k].text) is not None]
    after = max(headings, default=first if address is None else address)
    addresses = [k for k in range(after + 1, end + 1) if k != address and is_address(lines[k].text)]
    prose = [k for k in range(after + 1, end + 1) if is_prose(lines[k].text)]
    rally = prose[-1] if prose and _CLOSING_END.search(lines[prose[-1]].text) else None
    if addresses:
        k = addresses[-1]
        following = sum(1 for p in prose if p > k)
        return rally if rally is not None and following > _CLOSING_SLACK else k
    return rally


def _self_building(lines: list[Line], first: int, closing: int | None) -> int | None:
    """An address paragraph between the last numbered heading and the closing that is
    about the government itself: the self-building part of a report that gives it no
    heading."""
    if closing is None:
        return None
    after = max((k for k in range(first + 1, closing) if detect(lines[k].text)), default=first)
    if is_self_heading(lines[after].text):
        return None  # the last heading is the self-building part already
    for k in range(after + 1, closing):
        if is_address(lines[k].text) and SELF_BUILDING_TEXT.search(_paragraph(lines, k, closing)):
            return k
    return None


_PARAGRAPH_LINES = 6  # a scraped paragraph cut by fragments is read this far


def _paragraph(lines: list[Line], k: int, closing: int) -> str:
    """The paragraph an address line opens: that line, and the lines after it up to one
    that ends a sentence (a scraped page cuts a paragraph around its linked terms, and
    ``持续加强政府自身建设`` came three lines after ``各位代表，站在…开启``), never into the
    next address or the closing. An address on a line of its own (``各位代表！``) opens the
    paragraph on the next line."""
    texts = [lines[k].text]
    end = min(closing, k + _PARAGRAPH_LINES)
    while k + 1 < end and not is_address(lines[k + 1].text):
        alone = len(texts) == 1 and len(bare(texts[0])) <= 8
        if not alone and ends_sentence(texts[-1]):
            break
        k += 1
        texts.append(lines[k].text)
    return "".join(texts)


def _dropped(lines: list[Line]) -> int:
    return sum(han_count(ln.text) for ln in lines if is_prose(ln.text))


def find_body(lines: list[Line]) -> Body:
    """Locate the report body among the lines of a scraped page."""
    if not lines:
        return Body(0, -1, None, None, None)
    first = _start(lines)
    last = _end(lines, first)
    address = next((k for k in range(first, last + 1) if is_address(lines[k].text)), None)
    trailer = _trailer(lines, first, last)
    end = trailer - 1 if trailer is not None else last
    closing = _closing(lines, first, end, address)
    return Body(
        first,
        last,
        address,
        closing,
        trailer,
        _self_building(lines, first, closing),
        _dropped(lines[:first]),
        _dropped(lines[last + 1 :]),
    )

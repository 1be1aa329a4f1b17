"""Find the body of a report inside the page chrome it was scraped with.

The body runs from the title block (title, date and venue, speaker) above the
``各位代表`` address to the end of the closing paragraph, plus any appendix
(惠民实事 lists) and notes (注释, 名词解释) after it. Index numbers, view
counts, forum panels, 'related articles' and footers outside it are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import Line

ADDRESS = re.compile(r"^(?:各位代表|同志们)")
_CHROME = re.compile(
    r"索引号|浏览|发布|公开|查看|回复|首页|链接|积分|签到|主题|帖子|登录|注册|推荐|相关文章|相关推荐|关键词|"
    r"版权|联系|客服|Powered|返回|上一篇|下一篇|打印|关闭|来源|分享"
)
_TITLE_BLOCK = re.compile(
    r"报告|^——|会议上$|代表大会|[区县市旗州省]长|^\d{4}年\d{1,2}月\d{1,2}日|^第.{1,3}次会议"
)
_TRAILER_HEADING = re.compile(r"^(?:附[：]?|附件.{0,6}|.{0,14}(?:注释|名词解释|实事|附表))$")
_NUMBERED = re.compile(r"^(?:\d{1,2}[、.]|（\d{1,2}）|[一二三四五六七八九十]+、)")
_ENDS_SENTENCE = re.compile(r"[。！？；）”]$")
_CLOSING_END = re.compile(r"(?:奋斗|篇章|贡献|前进|奋进|努力)[！!。]$")


@dataclass(frozen=True)
class Body:
    """Line indices of the body: ``lines[first:last + 1]``; ``closing`` is the closing line."""

    first: int
    last: int
    closing: int | None
    address: int | None
    found: bool


def _is_title_block(line: Line) -> bool:
    return (
        len(line.text) <= 90
        and not _CHROME.search(line.text)
        and bool(_TITLE_BLOCK.search(line.text))
    )


def _start(lines: list[Line], address: int) -> int:
    """Walk up from the address over the title block."""
    first = address
    while first > 0 and _is_title_block(lines[first - 1]):
        first -= 1
    return first


def _closing(lines: list[Line], after: int) -> int | None:
    """The last ``各位代表`` paragraph, or failing that the last rallying sentence."""
    for k in range(len(lines) - 1, after, -1):
        text = lines[k].text
        if ADDRESS.match(text) and len(text) > 20:
            return k
    for k in range(len(lines) - 1, after, -1):
        if _CLOSING_END.search(lines[k].text):
            return k
    return None


def _trailer_end(lines: list[Line], closing: int) -> int:
    """Extend past the closing paragraph over any appendix and notes."""
    last = closing
    in_trailer = False
    for k in range(closing + 1, len(lines)):
        text = lines[k].text
        if _TRAILER_HEADING.match(text) and not _CHROME.search(text):
            in_trailer = True
            last = k
        elif in_trailer and (
            _NUMBERED.match(text) or (len(text) >= 20 and _ENDS_SENTENCE.search(text))
        ):
            last = k
        else:
            break
    return last


def _last_prose(lines: list[Line]) -> int:
    for k in range(len(lines) - 1, -1, -1):
        if len(lines[k].text) >= 30 and _ENDS_SENTENCE.search(lines[k].text):
            return k
    return len(lines) - 1


def find_body(lines: list[Line]) -> Body:
    """Locate the report body among the lines of a scraped page."""
    if not lines:
        return Body(0, -1, None, None, False)
    address = next((k for k, ln in enumerate(lines) if ADDRESS.match(ln.text)), None)
    if address is None:
        return Body(0, _last_prose(lines), None, None, False)
    first = _start(lines, address)
    closing = _closing(lines, address)
    last = _trailer_end(lines, closing) if closing is not None else _last_prose(lines)
    return Body(first, max(last, address), closing, address, True)

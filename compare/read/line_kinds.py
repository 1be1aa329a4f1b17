"""What a line of a scraped report is: page chrome, report prose, title block, note.

The body finder keeps everything that reads as the report and drops only what
is *positively* page chrome (navigation, index numbers, view counts, share
widgets, related links, footers, bylines, photo credits) at the edges of the
page. These predicates say which is which; each looks at one stripped line of
the line view. Layout spaces inside a line (``各 位代表``, ``政 府 工 作 报 告``) are
ignored, as a reader ignores them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .chars import HAN_RANGES

# Chrome that starts a line: page furniture above and below the report.
_CHROME_START = re.compile(
    r"^(?:首页|设为首页|当前位置|您(?:现在)?(?:所在)?的位置|位置[:：]|索引号|发布(?:机构|日期|时间|单位|者)|"
    r"公开(?:目录|形式|日期|方式|范围|时间|责任部门)|有效性[:：]|发布文号|已阅读|更新时间|关键[字词][:：]|"
    r"查看[:：]|\[?复制链接|签到|TA的|每日心情|\[LV\.|此页面上的内容需要|"
    r"发文(?:机关|日期|字号)|成文日期|主题分类|主题词|文\s*号[:：]|信息来源|来\s*源[:：]|作\s*者[:：]|"
    r"编\s*辑[:：]|责任编辑|审核[:：]|校对[:：]|浏览(?:次数|量)|点击(?:数|量|率|次数)|阅读(?:数|量|次数)|"
    r"字号|字体|【?\s*(?:打印|关闭|收藏|分享|返回顶部|纠错)|分享到|扫一扫|上一篇|下一篇|"
    r"相关(?:文章|链接|新闻|阅读|推荐|报道|稿件|附件|文件)|推荐阅读|延伸阅读|热点推荐|热门|"
    r"版权所有|主办单位|主办[:：]|承办单位|协办|网站标识码|网站地图|联系我们|关于我们|免责声明|"
    r"登录|注册|回复|发表于|楼主|沙发|举报|附件下载|下载附件|政策解读|图片解读|"
    r"(?:新华社|人民网|新华网|央视网)(?:记者|讯|电)|记者\s*\S{0,6}\s*摄|（?摄影[:：]|图为|图片来源)"
)
# Chrome anywhere in a short line: footers, widgets, counters, stamps.
_CHROME_ANYWHERE = re.compile(
    r"ICP备|公网安备|版权所有|Copyright|©|网站标识码|浏览次数|访问量|【\s*(?:打印|关闭)|分享到|"
    r"扫一扫|微信扫|责任编辑|https?://|www\.|\.(?:com|cn|gov)\b|"
    r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
CHROME_MAX = 120  # a line longer than this is text, whatever words it holds
# A line that opens the chrome at the foot of a page: everything after it is chrome.
TAIL_MARKER = re.compile(
    r"^(?:【?\s*(?:打印|关闭)|分享到|扫一扫|上一篇|下一篇|相关(?:文章|链接|新闻|阅读|推荐|报道|稿件)|"
    r"推荐阅读|延伸阅读|版权所有|主办单位|网站标识码|网站地图|联系我们|（?责任编辑)"
)
SENTENCE_END = "。！？；!?;…"
CLOSERS = "”’）)」』】"  # what may close a sentence after its stop
# A short remark in brackets after a sentence's stop: a note's page reference (见第29页).
REMARK = r"[（(][^（()）]{1,12}[)）]"
ADDRESS = re.compile(r"^(?:各位代表|同志们|各位委员)")
# A dateline's digits; ? and U+FFFD stand for one a lossy save could not write (〇 in
# Big5 or GBK saved as ASCII: （二??三年一月十日） lost the title block and its speaker).
_DATE_DIGIT = "[\\d〇零○一二三四五六七八九十?？\ufffd]"
_TITLE_WORDS = re.compile(
    r"报告|^——|^—|会议上|代表大会|[区县市旗州省]长|总理|主席|"
    rf"^（?{_DATE_DIGIT}{{2,4}}年{_DATE_DIGIT}{{1,2}}月{_DATE_DIGIT}{{1,3}}日）?$|"
    r"^\d{4}年\d{1,2}月\d{1,2}日|^第.{1,3}次会议"
)
_NOT_HAN = re.compile(f"[^{HAN_RANGES}]+")
# The body finder, the outline and the metadata ask the same questions of the same
# lines (a line is asked whether it is an address three times on average): each
# predicate remembers the answers for the last lines it saw (a report has a few hundred).
LINE_CACHE = 2048
NOTE_ITEM = re.compile(r"^(?:【\d{1,3}】|\[\d{1,3}\]|［\d{1,3}］|〔\d{1,3}〕|注\s*\d{1,3}[:：.、])")


def bare(text: str) -> str:
    """The line without layout spaces."""
    return text.replace(" ", "")


def prefix_length(text: str, letters: int) -> int:
    """How many characters of ``text`` hold its first ``letters`` non-space characters."""
    seen = 0
    for k, ch in enumerate(text):
        if ch != " ":
            seen += 1
            if seen == letters:
                return k + 1
    return len(text)


def han_count(text: str) -> int:
    """Han characters in ``text``: its length less the runs of anything else (a line is
    mostly Han, so a list of a few runs, not of every Han character: 3 times faster)."""
    return len(text) - sum(map(len, _NOT_HAN.findall(text)))


@lru_cache(maxsize=16)
def _han_run(count: int) -> re.Pattern[str]:
    """A line's start up to its ``count``-th Han character."""
    return re.compile(f"(?:[^{HAN_RANGES}]*[{HAN_RANGES}]){{{count}}}")


def han_at_least(text: str, count: int) -> bool:
    """Whether ``text`` holds ``count`` Han characters: read up to the last of them only."""
    return _han_run(count).match(text) is not None


def ends_sentence(text: str) -> bool:
    """Whether the line ends a sentence (closing quotes and brackets aside)."""
    core = text.rstrip(CLOSERS + " ")
    return bool(core) and core[-1] in SENTENCE_END


@lru_cache(maxsize=LINE_CACHE)
def is_chrome(text: str) -> bool:
    """Positively page chrome: navigation, counters, bylines, widgets, footers."""
    flat = bare(text)
    if len(flat) > CHROME_MAX:
        return False
    return bool(_CHROME_START.match(flat) or _CHROME_ANYWHERE.search(flat))


@lru_cache(maxsize=LINE_CACHE)
def is_prose(text: str) -> bool:
    """Reads as report prose: a sentence of Chinese, or a long run of it."""
    flat = bare(text)
    han = han_count(flat)
    if han < 12 or han < 0.5 * len(flat):
        return False
    return ends_sentence(flat) or han >= 40


def is_title_block(text: str) -> bool:
    """A line of the title block: title, date and venue, speaker."""
    flat = bare(text)
    return len(flat) <= 90 and not is_chrome(text) and bool(_TITLE_WORDS.search(flat))


@lru_cache(maxsize=LINE_CACHE)
def is_address(text: str) -> bool:
    """The speaker addressing the deputies (``各位代表：``), however spaced."""
    return bool(ADDRESS.match(bare(text)))


@lru_cache(maxsize=LINE_CACHE)
def is_note_item(text: str) -> bool:
    """An entry of the notes after a report (``[26]“千万工程”：…``, ``【3】…``)."""
    return bool(NOTE_ITEM.match(bare(text)))

"""The visible text of a saved web page.

The standard library's HTML parser; block elements become line breaks,
scripts, styles and navigation are dropped. The page's ``<meta>`` charset is
honoured only when it names a text encoding web pages are written in (the
labels of the WHATWG Encoding Standard that Python decodes): Python would
happily "decode" with ``unicode_escape``, ``rot13`` or ``idna`` too. Any other
declaration, or one the bytes do not fit, falls back to the detection used for
text files, with a warning.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from ...errors import printable
from ..decoding import decode

_BLOCK = frozenset(
    "p div br li tr h1 h2 h3 h4 h5 h6 section article header footer table ul ol dd dt blockquote "
    "pre hr title form".split()
)
_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "nav", "select", "button"}
)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)

# Python codec -> the WHATWG labels that name it. GBK and GB2312 are read as
# GB18030, their superset, as browsers do.
_LABELS = {
    "utf-8": "utf-8 utf8 unicode-1-1-utf-8 unicode11utf8 unicode20utf8 x-unicode20utf8",
    "gb18030": "gb18030 gbk gb2312 gb_2312 gb_2312-80 x-gbk chinese csgb2312 csiso58gb231280 "
    "iso-ir-58 euc-cn",
    "big5": "big5 cn-big5 csbig5 x-x-big5",
    "big5hkscs": "big5-hkscs",
    "utf-16-le": "utf-16 utf-16le csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff",
    "utf-16-be": "utf-16be",
    "euc_jp": "euc-jp cseucpkdfmtjapanese x-euc-jp",
    "iso2022_jp": "iso-2022-jp csiso2022jp",
    "shift_jis": "shift_jis shift-jis sjis ms932 ms_kanji csshiftjis windows-31j x-sjis",
    "euc_kr": "euc-kr cseuckr ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 korean windows-949",
    "cp1252": "windows-1252 x-cp1252 cp1252 iso-8859-1 iso8859-1 iso88591 iso_8859-1 latin1 l1 "
    "ascii us-ascii ansi_x3.4-1968 cp819 ibm819 csisolatin1",
    "koi8-r": "koi8-r koi8 koi cskoi8r",
    "koi8-u": "koi8-u koi8-ru",
}
CHARSETS = {label: codec for codec, labels in _LABELS.items() for label in labels.split()}
CHARSETS.update({f"iso-8859-{n}": f"iso8859-{n}" for n in (*range(2, 11), *range(13, 17))})
CHARSETS.update({f"windows-{n}": f"cp{n}" for n in range(1250, 1259)})


class _TextOfPage(HTMLParser):
    """Collects the visible text of a page, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        lines = (line.strip() for line in "".join(self.parts).replace("\xa0", " ").splitlines())
        return "\n".join(line for line in lines if line) + "\n"


def declared_charset(data: bytes) -> str | None:
    """The charset label a page's ``<meta>`` declares, lower-cased, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace").lower() if match else None


def _decode_page(data: bytes, path: str) -> tuple[str, str, list[str]]:
    label = declared_charset(data)
    if label is None or data.startswith(_BOMS):  # a byte order mark outranks <meta>, as in browsers
        return (*decode(data, path), [])
    codec = CHARSETS.get(label)
    if codec is not None:
        try:
            return data.decode(codec), codec, []
        except UnicodeDecodeError:
            problem = f"declares charset {printable(label)} but is not written in it"
    else:
        problem = f"declares charset {printable(label)}, which is not a web page encoding"
    text, encoding = decode(data, path)
    return text, encoding, [f"{problem}; read as {encoding}"]


def html_text(data: bytes, path: str) -> tuple[str, str, list[str]]:
    """The visible text of a saved web page, the encoding it was read with, and
    warnings about its declared charset."""
    markup, encoding, warnings = _decode_page(data, path)
    parser = _TextOfPage()
    parser.feed(markup)
    parser.close()
    return parser.text(), encoding, warnings

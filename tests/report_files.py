"""Make .html, .docx and .pdf versions of a sample report at test time."""

from __future__ import annotations

import html
import textwrap
from pathlib import Path

from compare import Document


def body_paragraphs(doc: Document) -> list[str]:
    """The report's body, one paragraph per line, as a publisher would lay it out."""
    start, end = doc.sections[0].start, doc.sections[-1].end
    return [ln.strip() for ln in doc.original[start:end].splitlines() if ln.strip()]


def write_html(doc: Document, path: Path, encoding: str = "gb18030") -> Path:
    """A saved government page: navigation, scripts and footer around the report."""
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in body_paragraphs(doc))
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<title>政府工作报告_政务公开</title><script>var views = 1024; document.write("x");</script>
<style>p {{ text-indent: 2em; }}</style></head>
<body><nav><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></nav>
<div class="info">索引号：001-2018-0001 发布机构：政府办 浏览次数：327</div>
<div class="article">{paragraphs}</div>
<div class="related">相关文章：<a href="/1">关于印发的通知</a></div>
<footer>版权所有 联系我们</footer></body></html>"""
    path.write_bytes(page.encode(encoding, "replace"))
    return path


def write_docx(doc: Document, path: Path) -> Path:
    """A Word file, numbered headings in heading styles."""
    import docx

    document = docx.Document()
    for paragraph in body_paragraphs(doc):
        if len(paragraph) < 40 and paragraph[:1] in "一二三四五六七八九（(2":
            document.add_heading(paragraph, level=1)
        else:
            document.add_paragraph(paragraph)
    document.save(str(path))
    return path


def write_pdf(doc: Document, path: Path, chars_per_line: int = 38) -> Path:
    """A PDF with a text layer: wrapped lines, a running header and page numbers."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = [
        wrapped
        for paragraph in body_paragraphs(doc)
        for wrapped in textwrap.wrap(paragraph, chars_per_line, break_on_hyphens=False) or [""]
    ]
    pdf = canvas.Canvas(str(path))
    per_page = 60
    for page, first in enumerate(range(0, len(lines), per_page), start=1):
        pdf.setFont("STSong-Light", 10)
        pdf.drawString(72, 800, "政府工作报告（全文）")
        for k, line in enumerate(lines[first : first + per_page]):
            pdf.drawString(72, 770 - 12 * k, line)
        pdf.drawString(290, 30, f"- {page} -")
        pdf.showPage()
    pdf.save()
    return path


def write_scanned_pdf(path: Path) -> Path:
    """A PDF with pages but no text layer, as a scanner makes."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.rect(100, 100, 300, 500, fill=1)
    pdf.showPage()
    pdf.save()
    return path

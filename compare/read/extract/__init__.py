"""Text out of saved web pages, Word files and PDFs, one module per format.

Offsets in every output refer to the text extracted here, which
``reportdiff outline --text`` prints so a user can see what was read. Each
extractor bounds what it unpacks by the same limit as the file's size, since a
small file can hold a great deal (a zip bomb, a PDF of compressed streams).
"""

from __future__ import annotations

from .page import html_text
from .pdf import pdf_text
from .word import docx_text

__all__ = ["docx_text", "html_text", "pdf_text"]

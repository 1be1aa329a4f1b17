"""Files built as a hostile or careless source would build them, and a guarded way to run
the command line on them (its own process, a time limit and a memory limit), so that a
regression hangs or balloons one child process, never the test run."""

from __future__ import annotations

import io
import os
import resource
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMORY_LIMIT = 3 * 1024**3  # address space of a child run: far above what reportdiff needs

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPH = "各位代表：现在，我代表区人民政府向大会报告工作，请予审议，并请各位政协委员提出意见。"


def run_cli(
    args: list[str],
    cwd: Path | None = None,
    timeout: float = 60,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``reportdiff ARGS`` in a child process bounded in time and memory.

    Raises:
        subprocess.TimeoutExpired: the run hung (the child is killed).
    """

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run(
        [sys.executable, "-m", "compare", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="surrogateescape",
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        preexec_fn=bounded,
        stdin=subprocess.DEVNULL,
    )


def docx_bytes(document_xml: bytes) -> bytes:
    """A Word file (made by python-docx) whose ``word/document.xml`` is replaced."""
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            replaced = info.filename == "word/document.xml"
            archive.writestr(info.filename, document_xml if replaced else source.read(info))
    return result.getvalue()


def document_xml(body: str) -> bytes:
    """``word/document.xml`` around the given body markup."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()


def paragraphs_xml(count: int) -> str:
    """``count`` plain paragraphs of report text."""
    return f"<w:p><w:r><w:t>{PARAGRAPH}</w:t></w:r></w:p>" * count


def zip_bomb_docx(unpacked_bytes: int) -> bytes:
    """A small Word file whose text part unpacks to at least ``unpacked_bytes``."""
    per = len(paragraphs_xml(1).encode())
    return docx_bytes(document_xml(paragraphs_xml(unpacked_bytes // per + 1)))


def lying_docx(unpacked_bytes: int, declared: int) -> bytes:
    """A zip bomb whose central directory declares its text part ``declared`` bytes long."""
    data = bytearray(zip_bomb_docx(unpacked_bytes))
    name = b"word/document.xml"
    at = 0
    while (at := data.find(b"PK\x01\x02", at + 1)) != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + name_length]) == name:
            struct.pack_into("<I", data, at + 24, declared)  # uncompressed size
    return bytes(data)


def deep_docx(depth: int) -> bytes:
    """A Word file whose XML nests ``depth`` elements inside one paragraph."""
    nested = "<w:customXml>" * depth + "</w:customXml>" * depth
    return docx_bytes(document_xml(f"<w:p>{nested}<w:r><w:t>{PARAGRAPH}</w:t></w:r></w:p>"))


def entity_docx() -> bytes:
    """A Word file whose XML declares entities that expand a billion times."""
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{k} "{f"&a{k - 1};" * 10}">' for k in range(1, 10)
    )
    xml = document_xml("<w:p><w:r><w:t>&a9;</w:t></w:r></w:p>").decode()
    head, rest = xml.split("?>", 1)
    return docx_bytes(f"{head}?><!DOCTYPE w:document [{entities}]>{rest}".encode())

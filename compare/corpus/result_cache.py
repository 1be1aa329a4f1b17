"""An audit's figures written to and read back from text, exactly.

A stored index keeps the figures of its last audit with a key made of the
settings and every stored report's path and fingerprint: a re-run that finds
nothing changed returns them instead of computing them again. Floats go
through JSON as ``repr`` does, so they come back bit for bit.
"""

from __future__ import annotations

import hashlib
import json

from ..settings import AuditSettings
from .results import AuditResult


def result_key(settings: AuditSettings, documents: list[tuple[str, str | None]]) -> str:
    """What the figures depend on: every setting and each report (path, fingerprint) in order."""
    data = json.dumps([repr(settings), documents], ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def dump_result(result: AuditResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False)


def load_result(text: str) -> AuditResult:
    return AuditResult.from_dict(json.loads(text))

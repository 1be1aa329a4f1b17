"""An audit's figures written to and read back from text, exactly.

A stored index keeps the figures of its last audit with a key made of the
settings, every stored report's path and fingerprint, and :data:`FIGURES`: a
re-run that finds nothing changed returns them instead of computing them again.
Floats go through JSON as ``repr`` does, so they come back bit for bit.
"""

from __future__ import annotations

import hashlib
import json

from ..settings import AuditSettings
from .results import AuditResult

# Which way of computing the figures made them: raised when the same reports and settings
# give other figures (2: a place is a formula's slot only where its forms differ; 3: a
# template is one entry however its clauses end; 4: forms without one report's marks, slots
# shared by every form written out, first seen with its year's count, a clearer provenance
# note; 5: handed-down pairs, each report's reports above), so an index's figures kept by
# an older reportdiff are computed again from its stored clauses, which stay valid.
FIGURES = 5


def result_key(settings: AuditSettings, documents: list[tuple[str, str | None]]) -> str:
    """What the figures depend on: every setting, each report (path, fingerprint) in order,
    and the way they are computed (:data:`FIGURES`)."""
    data = json.dumps([FIGURES, repr(settings), documents], ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def dump_result(result: AuditResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False)


def load_result(text: str) -> AuditResult:
    return AuditResult.from_dict(json.loads(text))

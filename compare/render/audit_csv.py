"""CSV output: the audit's figures as one long table."""

from __future__ import annotations

import csv
import io

from ..corpus.audit import AuditResult

COLUMNS = [
    "table", "path", "government", "year", "shared_ratio", "common_ratio", "boilerplate",
    "closest", "reuse", "a", "b", "jaccard", "reuse_ab", "reuse_ba", "text", "documents",
    "governments", "from_year", "carried_over", "from_any_earlier",
]  # fmt: skip


def audit_csv(result: AuditResult) -> str:
    """Every row of every table of the audit, with a ``table`` column naming its table."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(result.to_csv_rows())
    return out.getvalue()

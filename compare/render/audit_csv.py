"""CSV output: the audit's figures as one long table."""

from __future__ import annotations

import csv
import io

from ..corpus.results import AuditResult

COLUMNS = [
    "table", "path", "label", "government", "level", "year", "shared_ratio", "boilerplate",
    "provenance_own", "provenance_carried_over", "provenance_handed_down", "provenance_peers",
    "provenance_common", "provenance_notes", "above", "closest", "reuse",
    "a", "b", "jaccard", "reuse_ab", "reuse_ba", "why",
    "template", "reports", "governments", "forms", "first_seen", "first_seen_year",
    "first_seen_level", "first_seen_reports", "paths",
    "from_year", "from_path", "carried_over", "from_any_earlier",
]  # fmt: skip


def audit_csv(result: AuditResult) -> str:
    """Every row of every table of the audit, with a ``table`` column naming its table."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(result.to_csv_rows())
    return out.getvalue()

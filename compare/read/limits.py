"""How large a report may be, in the unit ``--max-size`` takes, and how a limit is worded."""

from __future__ import annotations

MB = 1024 * 1024  # --max-size counts in these: 20 MB is 20 × 1,048,576 bytes


def megabytes(n: int) -> str:
    """A byte count as the MB that ``--max-size`` takes (``20 MB``)."""
    return f"{n / MB:g} MB"

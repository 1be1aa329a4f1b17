"""Every knob of reportdiff, defined once.

The MinHash knobs (:class:`SketchSettings`) are shared by ``compare``, ``audit``
and the stored index, so a comparison against a corpus sketches its phrases the
way the corpus was sketched. Each command's own knobs extend them. Equal
settings give equal results: nothing else (hash seed, machine load, wall clock)
enters a figure.
"""

from __future__ import annotations

from dataclasses import dataclass

# Reports are at most a few hundred kilobytes; anything past this is not one.
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class SketchSettings:
    """MinHash knobs: permutations, LSH threshold, seed and shingle sizes.

    Shingle sizes were chosen by measurement (README, "Shingles"): character
    4-grams for sections and documents, 3-grams for clauses.
    """

    num_perm: int = 128
    threshold: float = 0.5
    seed: int = 1
    document_shingle: int = 4
    clause_shingle: int = 3
    # Shortest clause the reuse measure counts, in Han characters, letters or digits:
    # shorter ones (一是, 同时) are no evidence of anything.
    min_clause: int = 4


@dataclass(frozen=True)
class CompareSettings(SketchSettings):
    """The knobs of a comparison of two reports."""

    min_shared: int = 4  # shortest shared run, in Han characters or digits

    def to_json(self) -> dict[str, object]:
        """The settings block of the compare JSON."""
        return {
            "num_perm": self.num_perm,
            "threshold": self.threshold,
            "min_shared": self.min_shared,
            "min_clause": self.min_clause,
            "seed": self.seed,
        }


@dataclass(frozen=True)
class AuditSettings(SketchSettings):
    """The knobs of a corpus audit."""

    common: int = 3  # wording held by at least this many other governments is common formula
    boilerplate_share: float = 0.3
    formulas: int = 200
    pair_cap: int = 20
    min_reuse: float = 0.2
    # One in this many distinct 4-grams of each body (by hash) is kept as evidence of
    # which report is closest: enough for the names a government's reports share.
    gram_sample: int = 4
    max_bytes: int = MAX_BYTES

    def index_key(self) -> dict[str, object]:
        """What a stored index depends on: change any of these and it must be rebuilt."""
        return {
            "threshold": self.threshold,
            "num_perm": self.num_perm,
            "seed": self.seed,
            "document_shingle": self.document_shingle,
            "clause_shingle": self.clause_shingle,
            "min_clause": self.min_clause,
            "gram_sample": self.gram_sample,
        }

    @classmethod
    def from_index_key(cls, key: dict[str, object], **others: object) -> AuditSettings:
        """The settings an index was built with (``compare --corpus`` uses them)."""
        known = {f: key[f] for f in cls.index_key(cls()) if f in key}
        return cls(**known, **others)  # type: ignore[arg-type]

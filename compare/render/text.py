"""Plain-text renderings for the terminal."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..model import Document, Section

if TYPE_CHECKING:  # type-only: outlining a report must not import the comparison machinery
    from ..corpus.results import AuditResult
    from ..corpus.run import AuditRun
    from ..pair.comparison import Comparison


def outline_lines(doc: Document) -> list[str]:
    """The outline as an indented tree, one section a line."""
    meta = doc.meta
    out = [
        f"{doc.path}  ({doc.encoding})",
        f"government: {meta.government or '?'}{f' ({meta.level})' if meta.level else ''}"
        f"   year: {meta.year or '?'}   "
        f"speaker: {meta.speaker or '?'}",
        f"title: {meta.title or '?'}",
        "",
    ]
    for section in doc.sections:
        out.extend(_section_lines(section, 0))
    out.extend(f"warning: {w}" for w in doc.warnings)
    return out


def _section_lines(section: Section, depth: int) -> list[str]:
    role = f"[{section.role}] " if section.role else ""
    span = f"{section.start}-{section.end}"
    lines = [f"{'  ' * depth}{role}{section.title}  ({span})"]
    for child in section.children:
        lines.extend(_section_lines(child, depth + 1))
    return lines


def _cell(section: Section | None, width: int, repeated: Counter[str] | None = None) -> str:
    """A section's title cut to a column; with its role where the title repeats among the
    rows (a self-building part and the closing both headed 各位代表)."""
    if section is None:
        return _pad("—", width)
    title = section.title if len(section.title) <= width - 2 else section.title[: width - 3] + "…"
    if repeated is not None and repeated[section.title] > 1 and section.role:
        title = f"{title} ({section.role.replace('_', ' ')})"
    return _pad(title, width)


def _titles(sections: list[Section | None]) -> Counter[str]:
    return Counter(s.title for s in sections if s is not None)


def _pad(text: str, width: int) -> str:
    """Pad to a display width, counting a Chinese character as two columns."""
    shown = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return text + " " * max(1, width * 2 - shown)  # a space at least: columns never run on


def comparison_lines(comparison: Comparison, formulas: int = 10) -> list[str]:
    """The terminal summary: overall figures, the alignment table, the longest formulas."""
    a, b = comparison.docs
    out = [
        f"A: {a.path}  ({a.label})",
        f"B: {b.path}  ({b.label})",
        "",
        f"MinHash Jaccard (character 4-grams of the bodies): {comparison.jaccard:.3f}",
        f"Reuse (body in clauses the other holds, as the audit counts): "
        f"{comparison.reuse[0]:.1%} of A, {comparison.reuse[1]:.1%} of B",
        f"Shared phrasing (exact runs of words): {comparison.shared_ratio(0):.1%} of A, "
        f"{comparison.shared_ratio(1):.1%} of B",
        f"Copied with details changed: {comparison.near_duplicate_ratio(0):.1%} of A, "
        f"{comparison.near_duplicate_ratio(1):.1%} of B "
        f"({_counted(len(comparison.near_rows()), 'sentence pair')})",
        f"Local content marked: A {_local(comparison, 0)}; B {_local(comparison, 1)}",
        "",
        "Section alignment (similarity, share of each side that is shared phrasing):",
    ]
    titles_a = _titles([p.a for p in comparison.pairs])
    titles_b = _titles([p.b for p in comparison.pairs])
    for pair in comparison.pairs:
        indent = "  " * pair.depth
        ra, rb = comparison.section_ratio(0, pair.a), comparison.section_ratio(1, pair.b)
        figures = (
            f"{pair.similarity:.2f}  {ra:.0%} / {rb:.0%}"
            if ra is not None and rb is not None
            else "unpaired"
        )
        if pair.a is not None and pair.b is not None and pair.a.level != pair.b.level:
            figures += "  (across levels)"  # a topic with a part, or with another's sub-item
        cells = _cell(pair.a, 16, titles_a), _cell(pair.b, 16, titles_b)
        out.append(f"  {indent}{cells[0]}  ↔  {cells[1]}  {figures}")
    if comparison.corpus_counts is not None:
        ca, cb = comparison.common_ratio(0) or 0.0, comparison.common_ratio(1) or 0.0
        out.insert(
            6,
            f"Of that, common formula in the corpus: {ca:.1%} of A, {cb:.1%} of B; the rest is "
            "reuse particular to this pair",
        )
    out += [
        "",
        f"Longest shared runs, in characters, as A writes them "
        f"({len(comparison.shared)} shared runs in all):",
    ]
    quoted = [comparison.as_written(run) for run in comparison.longest(formulas)]
    out += [f"  {len(quote):3d}  {quote}" for quote in quoted]
    out += [f"note: {n}" for n in comparison.notes]
    return out


def _local(comparison: Comparison, side: int) -> str:
    """How many marks of each kind (figures, places, organisations, projects) a side's text
    has (the page shows them; the summary says how many there are)."""
    from typing import get_args

    from ..pair.specific import Kind  # loaded already: a comparison was made

    counts: Counter[str] = Counter(mark.kind for mark in comparison.specific[side])
    return ", ".join(f"{counts[kind]:,} {kind}s" for kind in get_args(Kind))


def _counted(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _shown(top: int, total: int) -> str:
    """How much of a list a summary shows when it is cut: ``: top 10 of 78``."""
    return f": top {top:,} of {total:,}" if total > top else ""


def _provenance_medians(result: AuditResult) -> list[str]:
    """Each kind's median share, and over how many reports where not all have one."""
    out = []
    for kind, (share, count) in result.provenance_medians().items():
        name = kind.replace("_", " ")
        if share is None:
            out.append(f"{name} - (no report has one to take it from)")
        else:
            whose = "" if count == len(result.documents) else f" (of {count:,})"
            out.append(f"{name} {share:.0%}{whose}")
    return out


def audit_lines(run: AuditRun, top: int = 10) -> list[str]:
    """The terminal summary of an audit: size, provenance, top pairs, carry-over, templates."""
    result = run.result
    label = {d.path: d.label for d in result.documents}
    out = [
        f"{len(result.documents):,} reports ({run.reused:,} from the index), "
        f"{len(result.pairs):,} pairs worth reading"
    ]
    if result.documents:
        out.append(
            "Where a report's wording came from (median share; carried over: its own wording "
            "recycled, formula apart): " + ", ".join(_provenance_medians(result))
        )
    out += [
        "",
        "Pairs with the most reuse"
        + _shown(top, len(result.pairs))
        + " (A the earlier, or higher, report; A in B, B in A, Jaccard, why listed):",
    ]
    for p in result.pairs_source_first()[:top]:
        why = ", ".join(w.replace("_", " ") for w in p.why)
        out.append(
            f"  {p.reuse_ab:5.0%} {p.reuse_ba:5.0%}  {p.jaccard:.2f}  {_pad(label[p.a], 12)}"
            f"↔  {_pad(label[p.b], 12)}{why}"
        )
    if result.timeline:
        most = sorted(result.timeline, key=lambda t: -t.carried_over)[:top]  # stable: ties stay
        out += [
            "",
            "Carried over most from the government's previous report (formula included)"
            + _shown(top, len(result.timeline))
            + ":",
        ]
        out += [f"  {t.government} {t.year} from {t.from_year}: {t.carried_over:.0%}" for t in most]
    kept = run.corpus.settings.formulas
    capped = len(result.formulas) >= kept  # the lexicon keeps the most used only
    out += [
        "",
        "Most used formula templates"
        + (f": top {top:,} of the {kept:,} most used" if capped and kept > top else "")
        + ("" if capped else _shown(top, len(result.formulas)))
        + " (reports, governments):",
    ]
    out += [f"  {f.reports:4d} {f.governments:4d}  {f.template}" for f in result.formulas[:top]]
    if top < max(len(result.pairs), len(result.timeline), len(result.formulas)):
        templates = f"the {kept:,} most used templates" if capped else "every template"
        out += ["", f"Every pair and year, and {templates}: --json, --csv or --html."]
    return out

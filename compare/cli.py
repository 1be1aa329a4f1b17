"""The ``reportdiff`` command line: parse options, call the library, print."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from enum import IntEnum
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .errors import NoReports, ReportError
from .render.output import check_writable, write_text
from .settings import MAX_BYTES, AuditSettings, CompareSettings

if TYPE_CHECKING:  # heavy modules load inside the commands that use them (start-up time)
    from .corpus.run import AuditRun
    from .model import Document

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class ExitStatus(IntEnum):
    """What the exit code means."""

    OK = 0
    ERROR = 1  # bad input or output: one line on stderr
    USAGE = 2  # bad options (click's own code)


def reports_errors(func: F) -> F:
    """Turn library errors into one plain line on stderr, or a traceback on request."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        try:
            return func(*args, **kwargs)
        except ReportError as exc:
            if ctx.find_root().params.get("traceback"):
                raise
            click.echo(f"reportdiff: error: {exc}", err=True)
            ctx.exit(ExitStatus.ERROR)
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug or an input no check foresaw: still one line
            if ctx.find_root().params.get("traceback"):
                raise
            message = f"reportdiff: error: unexpected {type(exc).__name__}: {exc}"
            click.echo(f"{message} (rerun with --traceback and report it)", err=True)
            ctx.exit(ExitStatus.ERROR)

    return wrapper  # type: ignore[return-value]


def max_size_option(func: F) -> F:
    """``--max-size`` in MB, shared by the commands that read reports."""
    return click.option(
        "--max-size",
        type=click.FloatRange(min=0.001),
        default=MAX_BYTES / 1e6,
        show_default=True,
        help="Refuse input files larger than this many MB.",
    )(func)


def minhash_options(func: F) -> F:
    """``--num-perm``, ``--threshold`` and ``--seed``, shared by compare and audit."""
    func = click.option("--seed", type=int, default=1, show_default=True, help="MinHash seed.")(
        func
    )
    func = click.option(
        "--threshold",
        type=click.FloatRange(0.05, 1.0),
        default=0.5,
        show_default=True,
        help="LSH Jaccard threshold for near-duplicate clauses.",
    )(func)
    return click.option(
        "--num-perm",
        type=click.IntRange(16, 1024),
        default=128,
        show_default=True,
        help="MinHash permutations: more is slower and more exact.",
    )(func)


def load(path: str, max_size: float) -> Document:
    """Load a report and print its warnings to stderr."""
    from .read.load import load_report

    doc = load_report(path, int(max_size * 1e6))
    for warning in doc.warnings:
        click.echo(f"reportdiff: warning: {path}: {warning}", err=True)
    return doc


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="reportdiff", prog_name="reportdiff")
@click.option("--traceback", is_flag=True, help="Show the full traceback on errors.")
def main(traceback: bool) -> None:
    """See what in a government work report is shared formula and what is local.

    \b
    Example:
        reportdiff outline samples/hanbin-2020.txt
    """


@main.command()
@click.argument("path", type=click.Path(dir_okay=True, path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print the outline as JSON.")
@click.option("--text", "as_text", is_flag=True, help="Print the text as read (decoded).")
@click.option(
    "--units", is_flag=True, help="With --json: paragraphs, sentences and clauses of each section."
)
@max_size_option
@reports_errors
def outline(path: str, as_json: bool, as_text: bool, units: bool, max_size: float) -> None:
    """Print the section tree of a report, with roles and metadata.

    Offsets are [start, end) character indices into the decoded file text.

    \b
    Example:
        reportdiff outline samples/yingze-2018.txt --json
    """
    from .read.outline_units import outline_with_units
    from .render.text import outline_lines

    doc = load(path, max_size)
    if as_text:
        write_text("-", doc.original)
    elif as_json:
        data = outline_with_units(doc) if units else doc.to_json()
        write_text("-", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        click.echo("\n".join(outline_lines(doc)))


@main.command(name="compare")
@click.argument("report_a", type=click.Path(path_type=str))
@click.argument("report_b", type=click.Path(path_type=str))
@click.option(
    "--json", "json_path", metavar="PATH", help="Write the comparison as JSON ('-' for stdout)."
)
@click.option("--html", "html_path", metavar="PATH", help="Write a self-contained HTML report.")
@click.option(
    "--min-shared",
    type=click.IntRange(1, 100),
    default=4,
    show_default=True,
    help="Shortest shared run, in Han characters or digits.",
)
@minhash_options
@click.option(
    "--corpus",
    "corpus_path",
    metavar="FILE",
    help="An audit index (reportdiff audit --index) to tell common formula from particular reuse.",
)
@max_size_option
@reports_errors
def compare_command(
    report_a: str,
    report_b: str,
    json_path: str | None,
    html_path: str | None,
    num_perm: int,
    threshold: float,
    min_shared: int,
    seed: int,
    corpus_path: str | None,
    max_size: float,
) -> None:
    """Compare two reports: aligned sections, MinHash overlap, shared formula.

    \b
    Example:
        reportdiff compare samples/hanbin-2020.txt samples/yingze-2018.txt --html report.html
    """
    from .api import compare_reports
    from .corpus.background import Background
    from .render.compare_page import render_comparison
    from .render.text import comparison_lines

    for path in (json_path, html_path):
        if path:
            check_writable(path)
    settings = CompareSettings(
        num_perm=num_perm, threshold=threshold, seed=seed, min_shared=min_shared
    )
    background = Background.open(corpus_path, AuditSettings()) if corpus_path else None
    result = compare_reports(
        load(report_a, max_size), load(report_b, max_size), settings, corpus=background
    )
    if json_path:
        write_text(json_path, json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n")
    if html_path:
        write_text(html_path, render_comparison(result))
    if json_path != "-":
        click.echo("\n".join(comparison_lines(result)))


@main.command(name="audit")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--json", "json_path", metavar="PATH", help="Write the figures as JSON ('-' for stdout)."
)
@click.option(
    "--csv", "csv_path", metavar="PATH", help="Write the figures as CSV ('-' for stdout)."
)
@click.option("--html", "html_path", metavar="PATH", help="Write an HTML audit page.")
@click.option("--index", "index_path", metavar="FILE", help="Keep the corpus in this SQLite file.")
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes for reading and hashing reports.",
)
@minhash_options
@click.option(
    "--common",
    type=click.IntRange(1, 10_000),
    default=3,
    show_default=True,
    help="A clause found in at least this many other reports is common formula.",
)
@click.option(
    "--boilerplate-share",
    type=click.FloatRange(0.0, 1.0),
    default=0.3,
    show_default=True,
    help="Boilerplate: sentences with a clause used by this share of reports.",
)
@click.option(
    "--pair-cap",
    type=click.IntRange(2, 100_000),
    default=20,
    show_default=True,
    help="Only clauses held by at most this many reports propose pairs.",
)
@click.option(
    "--min-reuse",
    type=click.FloatRange(0.0, 1.0),
    default=0.2,
    show_default=True,
    help="Report a pair when one report has this share of its body in the other.",
)
@click.option(
    "--min-clause",
    type=click.IntRange(1, 100),
    default=4,
    show_default=True,
    help="Shortest clause indexed, in Han characters or digits.",
)
@max_size_option
@reports_errors
def audit_command(
    paths: tuple[str, ...],
    json_path: str | None,
    csv_path: str | None,
    html_path: str | None,
    index_path: str | None,
    jobs: int,
    threshold: float,
    num_perm: int,
    seed: int,
    common: int,
    boilerplate_share: float,
    pair_cap: int,
    min_reuse: float,
    min_clause: int,
    max_size: float,
) -> None:
    """Audit template reuse across many reports: who copies whom, year over year.

    PATHS are report files or folders of them. Files that cannot be read are
    reported on stderr and left out; the audit fails only if none can be read.

    \b
    Example:
        reportdiff audit samples/ --html audit.html --json audit.json
    """
    from .api import audit_reports
    from .corpus.records import find_reports
    from .render.audit_csv import audit_csv
    from .render.audit_page import render_audit
    from .render.text import audit_lines

    for path in (json_path, csv_path, html_path):
        if path:
            check_writable(path)
    settings = AuditSettings(
        num_perm=num_perm,
        threshold=threshold,
        seed=seed,
        common=common,
        boilerplate_share=boilerplate_share,
        pair_cap=pair_cap,
        min_reuse=min_reuse,
        min_clause=min_clause,
        max_bytes=int(max_size * 1e6),
    )
    files = list(find_reports(list(paths)))
    with progress_bar(len(files), "Reading reports") as bar:
        run = audit_reports(files, settings, index=index_path, jobs=jobs, progress=bar.update)
    for failure in run.failures:
        click.echo(f"reportdiff: error: {failure}", err=True)
    if not run.corpus.records:
        raise NoReports(" ".join(paths), "no report could be read")
    if json_path:
        write_text(json_path, json.dumps(run.result.to_json(), ensure_ascii=False, indent=1) + "\n")
    if csv_path:
        write_text(csv_path, audit_csv(run.result))
    if html_path:
        write_text(html_path, render_audit(run, _write_pair_pages(run, html_path)))
    if "-" not in (json_path, csv_path):
        click.echo("\n".join(audit_lines(run)))


def _write_pair_pages(run: AuditRun, html_path: str) -> dict[tuple[str, str], str]:
    """Write compare reports of the top pairs beside the audit page; their relative links."""
    from .render.audit_page import pair_pages

    stem = os.path.splitext(os.path.basename(html_path))[0] + "_pairs"
    folder = os.path.join(os.path.dirname(os.path.abspath(html_path)), stem)
    links = {}
    for k, (pair, page) in enumerate(pair_pages(run), start=1):
        os.makedirs(folder, exist_ok=True)
        write_text(os.path.join(folder, f"pair{k}.html"), page)
        links[(pair.a, pair.b)] = f"{stem}/pair{k}.html"
    return links


def progress_bar(length: int, label: str) -> Any:
    """A progress bar on stderr when it is a terminal, a silent stand-in otherwise."""
    if sys.stderr.isatty():
        return click.progressbar(length=length, label=label, file=sys.stderr)
    return _Silent()


class _Silent:
    def __enter__(self) -> _Silent:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        """Progress goes nowhere when stderr is not a terminal."""


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

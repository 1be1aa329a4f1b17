"""The ``reportdiff`` command line: parse options, call the library, print."""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ._runtime import STOPPING, ExitStatus, Stopped, stopped_by_signals, third_party_output
from .errors import NoReports, ReportError, printable
from .read.limits import MB
from .render.output import RunFiles, check_run_files, json_text, write_text
from .settings import MAX_BYTES, AuditSettings, CompareSettings

if TYPE_CHECKING:  # heavy modules load inside the commands that use them (start-up time)
    from .corpus.run import AuditRun
    from .model import Document

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def reports_errors(
    files_of: Callable[[dict[str, Any]], RunFiles] | None = None,
) -> Callable[[F], F]:
    """Everything the command line does about bad input and output, in one place.

    Before the command runs: its paths are checked (``files_of`` names them
    from the command's parameters): an output that is an input, another output
    or the index is refused, and so is more than one output to stdout. While it
    runs: SIGINT and SIGTERM stop it cleanly (exit 130 and 143), and warnings
    of third-party libraries are shown only with ``--verbose``. Errors become
    one plain line on stderr, or a traceback with ``--traceback``.
    """

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> None:
            ctx = click.get_current_context()
            options = ctx.find_root().params
            traceback = bool(options.get("traceback"))

            def run() -> None:
                if files_of is not None:
                    _check_paths(files_of(kwargs))
                func(*args, **kwargs)

            try:
                with stopped_by_signals(), third_party_output(bool(options.get("verbose"))):
                    status = _one_line_errors(run, traceback)
            except Stopped as stop:  # also when it lands while another error is reported
                if traceback:
                    raise
                name = signal.Signals(stop.signum).name
                click.echo(f"reportdiff: stopped by {name}; no output left half-written", err=True)
                status = STOPPING[signal.Signals(stop.signum)]
            if status != ExitStatus.OK:
                ctx.exit(status)

        return wrapper  # type: ignore[return-value]

    return decorate


def _one_line_errors(run: Callable[[], None], traceback: bool) -> ExitStatus:
    """Run the command; a library error, or any other, becomes one line on stderr."""
    try:
        run()
    except ReportError as exc:
        if traceback:
            raise
        click.echo(f"reportdiff: error: {exc}", err=True)
        return ExitStatus.ERROR
    except (click.exceptions.Exit, click.ClickException):
        raise
    except Exception as exc:  # a bug or an input no check foresaw: still one line
        if traceback:
            raise
        message = printable(f"reportdiff: error: unexpected {type(exc).__name__}: {exc}")
        click.echo(f"{message} (rerun with --traceback and report it)", err=True)
        return ExitStatus.ERROR
    return ExitStatus.OK


def _check_paths(files: RunFiles) -> None:
    to_stdout = [what for what, path in files.outputs if path == "-"]
    if len(to_stdout) > 1:
        raise click.UsageError(
            f"{' and '.join(to_stdout)} cannot both be '-': standard output can hold only one"
        )
    check_run_files(files)


def _given(what: str, path: str | None) -> list[tuple[str, str]]:
    return [(what, path)] if path else []


def max_size_option(func: F) -> F:
    """``--max-size`` in MB, shared by the commands that read reports."""
    return click.option(
        "--max-size",
        type=click.IntRange(min=1),
        default=MAX_BYTES // MB,
        show_default=True,
        metavar="MB",
        help="Refuse reports larger than this many MB (1 MB = 1,048,576 bytes), "
        "or whose .docx or .pdf unpacks to more.",
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


def load(path: str, max_size: int) -> Document:
    """Load a report and print its warnings to stderr."""
    from .read.load import load_report

    doc = load_report(path, max_size * MB)
    for warning in doc.warnings:
        click.echo(f"reportdiff: warning: {printable(path)}: {warning}", err=True)
    return doc


def say(lines: list[str]) -> None:
    """Print lines to stdout (bytes of file names that are not UTF-8 as ``\\xNN``)."""
    write_text("-", "\n".join(lines) + "\n")


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="reportdiff", prog_name="reportdiff")
@click.option("--traceback", is_flag=True, help="Show the full traceback on errors.")
@click.option(
    "--verbose", is_flag=True, help="Also show warnings of the libraries used (pypdf, jieba)."
)
def main(traceback: bool, verbose: bool) -> None:
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
@reports_errors()
def outline(path: str, as_json: bool, as_text: bool, units: bool, max_size: int) -> None:
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
        write_text("-", json_text(data, indent=2))
    else:
        say(outline_lines(doc))


def _compare_files(params: dict[str, Any]) -> RunFiles:
    """What a comparison reads and writes."""
    return RunFiles(
        inputs=[
            ("REPORT_A", params["report_a"]),
            ("REPORT_B", params["report_b"]),
            *_given("--corpus", params["corpus_path"]),
        ],
        outputs=[*_given("--json", params["json_path"]), *_given("--html", params["html_path"])],
    )


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
@reports_errors(_compare_files)
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
    max_size: int,
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

    settings = CompareSettings(
        num_perm=num_perm, threshold=threshold, seed=seed, min_shared=min_shared
    )
    background = Background.open(corpus_path) if corpus_path else None
    result = compare_reports(
        load(report_a, max_size), load(report_b, max_size), settings, corpus=background
    )
    if json_path:
        write_text(json_path, json_text(result.to_json()))
    if html_path:
        write_text(html_path, render_comparison(result))
    if "-" not in (json_path, html_path):
        say(comparison_lines(result))


def _audit_files(params: dict[str, Any]) -> RunFiles:
    """What an audit reads (every report under its paths) and writes."""
    from .corpus.records import find_reports

    paths, html_path = list(params["paths"]), params["html_path"]
    pages = _pair_page_paths(html_path) if html_path and html_path != "-" else []
    return RunFiles(
        inputs=[("PATHS", path) for path in find_reports(paths)],
        outputs=[
            *_given("--json", params["json_path"]),
            *_given("--csv", params["csv_path"]),
            *_given("--html", html_path),
        ],
        kept=[
            *_given("--index", params["index_path"]),
            *(("--html (a pair page)", p) for p in pages),
        ],
        folders=[path for path in paths if os.path.isdir(path)],
    )


def _pair_page_paths(html_path: str) -> list[str]:
    """Where the side-by-side pages of the pairs may go: ``<name>_pairs/pairK.html`` beside
    the audit page (as many as it may link to: the checks run before the audit)."""
    from .render.audit_page import PAGES_MAX

    folder = os.path.abspath(_pair_folder(html_path))
    return [os.path.join(folder, f"pair{k}.html") for k in range(1, PAGES_MAX + 1)]


def _pair_folder(html_path: str) -> str:
    """The folder of an audit page's pair pages, ``<name>_pairs`` beside it, as the page's
    path was given (``a.html`` -> ``a_pairs``)."""
    stem = os.path.splitext(os.path.basename(html_path))[0] + "_pairs"
    return os.path.join(os.path.dirname(html_path), stem)


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
    help="Processes for reading and hashing reports (Dask: local workers).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where reading, sketching and banding run (dask: pip install 'reportdiff[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --engine dask: a running scheduler (tcp://host:8786); default a local cluster.",
)
@minhash_options
@click.option(
    "--common",
    type=click.IntRange(1, 10_000),
    default=3,
    show_default=True,
    help="Wording held by at least this many other governments is common formula.",
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
@reports_errors(_audit_files)
def audit_command(
    paths: tuple[str, ...],
    json_path: str | None,
    csv_path: str | None,
    html_path: str | None,
    index_path: str | None,
    jobs: int,
    engine: str,
    scheduler: str | None,
    threshold: float,
    num_perm: int,
    seed: int,
    common: int,
    boilerplate_share: float,
    pair_cap: int,
    min_reuse: float,
    min_clause: int,
    max_size: int,
) -> None:
    """Audit template reuse across many reports: who copies whom, year over year.

    PATHS are report files or folders of them. Files that cannot be read are
    reported on stderr and left out; the audit fails only if none can be read.

    \b
    Examples:
        reportdiff audit samples/ --html audit.html --json audit.json
        reportdiff audit reports/ --engine dask --scheduler tcp://scheduler:8786
    """
    from .api import audit_reports
    from .corpus.records import find_reports
    from .render.audit_csv import audit_csv
    from .render.audit_page import render_audit
    from .render.text import audit_lines

    settings = AuditSettings(
        num_perm=num_perm,
        threshold=threshold,
        seed=seed,
        common=common,
        boilerplate_share=boilerplate_share,
        pair_cap=pair_cap,
        min_reuse=min_reuse,
        min_clause=min_clause,
        max_bytes=max_size * MB,
    )
    files = list(find_reports(list(paths)))
    with progress_bar(len(files), "Reading reports") as bar:
        run = audit_reports(
            files,
            settings,
            index=index_path,
            jobs=jobs,
            progress=bar.update,
            engine="dask" if engine == "dask" else "local",
            scheduler=scheduler,
            with_index=html_path is not None,
        )
    if not run.corpus.records and len(run.failures) == 1 and files == list(paths):
        raise run.failures[0]  # one file named and not readable: its own line, no summary
    for failure in run.failures:
        click.echo(f"reportdiff: error: {failure}", err=True)
    if not run.corpus.records:
        raise NoReports(" ".join(paths), _nothing_read(files))
    if json_path:
        write_text(json_path, json_text(run.result.to_json()))
    if csv_path:
        write_text(csv_path, audit_csv(run.result))
    links: dict[tuple[str, str], str] = {}
    if html_path:
        links = _write_pair_pages(run, html_path, jobs) if html_path != "-" else {}
        write_text(html_path, render_audit(run, links))
    if "-" not in (json_path, csv_path, html_path):
        say(audit_lines(run))
        if links and html_path:
            folder = _pair_folder(html_path)
            say([f"The page {html_path} links {len(links)} side-by-side pair pages in {folder}/"])


def _nothing_read(files: list[str]) -> str:
    """Why an audit has no report: none of the files read, or no report file at all."""
    from .corpus.records import READABLE

    if files:
        return "no report could be read"
    return "no report files found (" + ", ".join(READABLE) + ")"


def _write_pair_pages(run: AuditRun, html_path: str, jobs: int) -> dict[tuple[str, str], str]:
    """Write the side-by-side page of every pair the audit page links to, beside it; their
    paths relative to it (each page links back)."""
    from .render.audit_page import href, pair_pages, pairs_with_pages

    here = os.path.dirname(os.path.abspath(html_path))
    back = href(os.path.join(os.pardir, os.path.basename(html_path)))
    pages = pair_pages(run, pairs_with_pages(run.result), back, jobs)
    links = {}
    for (pair, page), path in zip(pages, _pair_page_paths(html_path), strict=False):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_text(path, page)
        links[(pair.a, pair.b)] = os.path.relpath(path, here)
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

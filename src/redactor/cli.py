"""The ``redactor`` command: a thin layer over :mod:`redactor.api`.

Exit codes (a stable interface, also in the README and ``docs/errors.md``):

\b
  0  success; for 'check', no personal data found
  1  'check' found personal data (or items to review)
  2  usage or configuration error: nothing was processed
  3  one or more files were refused or failed; the others were done
  130  interrupted (Ctrl-C); no partial output was left

Messages go to stderr and never show a detected value (unless --show-values);
stdout carries only ``--json`` output.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from redactor import __version__
from redactor.api import Redactor
from redactor.audit import load_reasons
from redactor.batch import plan_jobs
from redactor.config import Config, load_config
from redactor.decisions import load as load_decisions
from redactor.errors import ExitCode, KeyFileError, RedactorError, UsageError
from redactor.keyfile import read_key_file, write_key_file
from redactor.model import FileResult, Profile, Style
from redactor.progress import PIECE_SEGMENTS, listening
from redactor.report import (
    REPORT_SUFFIXES,
    build_report,
    describe_outcome,
    finding_lines,
    write_report,
)
from redactor.results import BatchResult, Outcome
from redactor.safe_io import check_output_location
from redactor.styles import PseudonymTable

PASSPHRASE_VARIABLE = "REDACTOR_PASSPHRASE"
EXIT_CODES_HELP = __doc__.split("\b\n", 1)[1].split("\n\n", 1)[0] if __doc__ else ""
_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _common_options(command: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--config",
            "config_path",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Settings file (TOML): school details, staff to keep, style, profile.",
        ),
        click.option(
            "--profile",
            type=click.Choice([p.value for p in Profile]),
            help="briefing (default) and minutes keep staff named in the settings; "
            "strict redacts every person.",
        ),
        click.option(
            "--keep",
            "keep",
            multiple=True,
            metavar="NAME",
            help="A person or phrase never to redact (repeatable), e.g. --keep 'Mrs Price'.",
        ),
        click.option(
            "--roster",
            "roster_files",
            multiple=True,
            type=click.Path(path_type=Path, dir_okay=False),
            help="Pupil and contact export (CSV) from SIMS, Arbor, Bromcom or a spreadsheet "
            "(repeatable): every name and detail in it is redacted, pupils as [PUPIL] and "
            "contacts as [PARENT].",
        ),
        click.option(
            "--staff",
            "staff_files",
            multiple=True,
            type=click.Path(path_type=Path, dir_okay=False),
            help="Staff or governors list (CSV) whose people are kept (repeatable): a whole "
            "Name column, or Title, Forename, Known As and Surname; e-mails and staff codes too.",
        ),
        click.option("--encoding", help="Encoding of .txt files without a BOM (default utf-8)."),
        click.option(
            "--keep-comments",
            is_flag=True,
            default=None,
            help="Word: keep comments (redacted) instead of removing them.",
        ),
        click.option(
            "--remove-images",
            is_flag=True,
            default=None,
            help="Word: remove pictures (by default they are kept, without their metadata).",
        ),
        click.option(
            "--allow-image-pages",
            is_flag=True,
            default=None,
            help="PDF: pass pages that are only images (scans) instead of refusing the file; "
            "the report lists them as unchecked.",
        ),
        click.option(
            "--strict-attachments",
            is_flag=True,
            default=None,
            help="E-mail: refuse a message with an attachment that cannot be read, instead "
            "of removing the attachment (the record lists what was removed).",
        ),
        click.option(
            "--password",
            "pdf_password",
            help="PDF: the password to open an encrypted PDF (the copy is written without one).",
        ),
        click.option(
            "--report",
            "report_paths",
            multiple=True,
            type=click.Path(path_type=Path, dir_okay=False),
            help="Write the audit record (what was removed and why, never the values): "
            "FILE.json for the record, FILE.md or FILE.html for a person to file. Repeatable.",
        ),
        click.option(
            "--by",
            "operator",
            metavar="NAME",
            help='Who ran this, for the audit record, e.g. --by "Clerk to governors".',
        ),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(1, 64),
            default=1,
            show_default=True,
            help="Files processed in parallel; each worker loads the model once.",
        ),
        click.option(
            "--show-values",
            is_flag=True,
            help="Print detected values on screen (for a person checking locally).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.group(context_settings=_CONTEXT, epilog="Exit codes:\n\n\b\n" + EXIT_CODES_HELP)
@click.version_option(__version__, prog_name="redactor")
def cli() -> None:
    """Remove pupils' and parents' personal data from school documents, offline.

    Reads Word (.docx, .docm), PDF, text (.txt, .md), CSV/TSV and e-mail (.eml) files, finds
    names, addresses,
    postcodes, phone numbers, emails, dates of birth, UPNs, ULNs, NHS and NI
    numbers, and writes redacted copies. Nothing leaves this computer.
    """


def _output_option(help_text: str) -> Callable[..., Any]:
    return click.option(
        "--output",
        "-o",
        "outdir",
        required=True,
        type=click.Path(path_type=Path, file_okay=False),
        help=help_text,
    )


_STYLE = click.option(
    "--style",
    type=click.Choice([s.value for s in Style]),
    help="label (default): [PUPIL], [PHONE]...; pseudonym: Pupil A, Person B...; "
    "blackout: █████ for print.",
)
_KEY_OUT = click.option(
    "--key-out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="With --style pseudonym: save who each pseudonym is, encrypted under a "
    f"passphrase (asked for, or taken from ${PASSPHRASE_VARIABLE}).",
)
_FORCE = click.option("--force", is_flag=True, help="Replace output files that already exist.")


@cli.command(context_settings=_CONTEXT, epilog="Exit codes:\n\n\b\n" + EXIT_CODES_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_output_option("Folder for the redacted copies (must not be inside an input folder).")
@_STYLE
@_FORCE
@click.option(
    "--decisions",
    "decisions_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Apply a review's decisions (the decisions.json that 'redactor review' wrote) to "
    "the same, unchanged files.",
)
@_KEY_OUT
@_common_options
def redact(
    paths: tuple[Path, ...],
    outdir: Path,
    style: str | None,
    force: bool,
    key_out: Path | None,
    decisions_path: Path | None,
    **common: Any,
) -> None:
    """Write redacted copies of files and folders (folders are searched recursively).

    \b
    Example:
      redactor redact briefings/ -o shared/ --config school.toml --report report.json
    """
    config = _config(common, style=style)
    if decisions_path is not None:
        config = dataclasses.replace(config, decisions=load_decisions(decisions_path))
    passphrase = _key_passphrase(config, key_out)
    table = PseudonymTable() if config.style is Style.PSEUDONYM else None
    try:
        batch = _run_batch(
            lambda redactor, on_done: redactor.redact_paths(
                list(paths), outdir, force=force, jobs=common["jobs"], on_done=on_done, table=table
            ),
            config,
            common,
            paths,
        )
        _save_key(key_out, table, passphrase, force=force)
    finally:
        if table is not None:
            table.clear()
    _finish(batch, config, common, "redact", checking=False)


@cli.command(context_settings=_CONTEXT, epilog="Exit codes:\n\n\b\n" + EXIT_CODES_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help="Print the report as JSON on stdout (no values)."
)
@_common_options
def check(paths: tuple[Path, ...], as_json: bool, **common: Any) -> None:
    """List the personal data in files before they are shared; writes nothing.

    \b
    Exit code 0 means nothing was found, 1 that something was (see the list).

    Example:
      redactor check letter-to-parents.txt --config school.toml
    """
    config = _config(common)

    def show(outcome: Outcome) -> None:
        if isinstance(outcome, FileResult):
            for line in finding_lines(outcome, show_values=config.show_values):
                _say(line)

    batch = _run_batch(
        lambda redactor, on_done: redactor.check_paths(
            list(paths), jobs=common["jobs"], on_done=on_done
        ),
        config,
        common,
        paths,
        extra=show,
    )
    if as_json:
        record = build_report(batch, config, "check", operator=common.get("operator") or "")
        click.echo(json.dumps(record, indent=2))
    _finish(batch, config, common, "check", checking=True)


@cli.command(context_settings=_CONTEXT, epilog="Exit codes:\n\n\b\n" + EXIT_CODES_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_output_option("Folder for the redacted copies and the decisions file (decisions.json).")
@_STYLE
@_FORCE
@_KEY_OUT
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    help="Port on 127.0.0.1 (default: a free one).",
)
@click.option("--no-browser", is_flag=True, help="Do not open the page in the default browser.")
@click.option(
    "--idle-minutes",
    type=click.FloatRange(min=0.01),
    default=30.0,
    show_default=True,
    help="Stop after this long without anyone using the page.",
)
@_common_options
def review(
    paths: tuple[Path, ...],
    outdir: Path,
    force: bool,
    port: int,
    no_browser: bool,
    idle_minutes: float,
    style: str | None,
    key_out: Path | None,
    **common: Any,
) -> None:
    """Look at what was found, in place, before anything is written: accept, reject or
    add, with a reason; Finish writes the copies. Decisions are saved as you work in
    OUTPUT/decisions.json (no personal values), and 'redact --decisions' applies them again.

    \b
    The page is served on this computer only (127.0.0.1), to the address printed,
    which holds a one-time token. Example:
      redactor review minutes/ -o to-publish/ --config school.toml --profile minutes --by "Clerk"
    """
    import webbrowser

    from redactor.review.server import ReviewServer
    from redactor.review.session import ReviewSession

    config = _config(common, style=style)
    passphrase = _key_passphrase(config, key_out)
    table = PseudonymTable() if config.style is Style.PSEUDONYM else None
    check_output_location(list(paths), outdir)
    redactor = Redactor(config)
    for listed in redactor.lists.counts:
        _say(f"Read {listed.name}: {listed.people} people, {listed.values} other values.")
    _say("Reading the documents…")
    session = ReviewSession(
        redactor,
        list(paths),
        outdir,
        reviewer=common.get("operator") or "",
        force=force,
        table=table,
    )
    for failure in session.failures:
        _say(describe_outcome(failure))
    server = ReviewServer(session, port=port, idle_minutes=idle_minutes)
    click.echo(f"Review at {server.url}")
    sys.stdout.flush()
    _say("Press Finish on the page when you are done, or Ctrl-C to stop without writing copies.")
    if not no_browser:
        webbrowser.open(server.url)
    server.serve()  # Werkzeug's server returns on Ctrl-C rather than raising
    if not session.finished:
        why = "it was left unused too long" if server.stopped_because == "idle" else "Ctrl-C"
        _say(
            f"The review stopped before Finish ({why}): no copies were written; your "
            f"decisions so far are saved in {session.decisions_path}."
        )
        raise KeyboardInterrupt  # reported as every interruption is (exit 130)
    batch = session.batch
    _say(f"Decisions saved in {session.decisions_path}")
    try:
        _save_key(key_out, table, passphrase, force=force)
    finally:
        if table is not None:
            table.clear()
    config = dataclasses.replace(config, decisions=session.decisions)
    _finish(batch, config, common, "review", checking=False)


@cli.command(context_settings=_CONTEXT)
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--key",
    "key_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The key file written by 'redact --key-out'.",
)
@click.option(
    "--output",
    "-o",
    "output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the restored text.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def reveal(path: Path, key_path: Path, output: Path, force: bool) -> None:
    """Put the real names back into a pseudonymised text file (for an authorised person)."""
    from redactor.reveal import reveal_file

    mapping = read_key_file(key_path, _passphrase(confirm=False))
    count = reveal_file(path, output, mapping, force=force)
    _say(f"Restored {count} pseudonym{'s' if count != 1 else ''}: {output}")


# --- helpers -----------------------------------------------------------------


def _config(common: dict[str, Any], style: str | None = None) -> Config:
    path = common.pop("config_path")
    config = load_config(path) if path is not None else Config()
    keep = tuple(common.pop("keep"))
    roster_files = (*config.roster_files, *common.pop("roster_files"))
    staff_files = (*config.staff_files, *common.pop("staff_files"))
    for report_path in common.get("report_paths") or ():
        if report_path.suffix.lower() not in REPORT_SUFFIXES:
            raise UsageError(
                f"--report {report_path}: the name must end in .json, .md or .html "
                "(that decides the report's form)"
            )
    load_reasons(config.reasons_file)  # a school's reasons file that cannot be used stops here
    return config.with_overrides(
        style=Style(style) if style else None,
        profile=Profile(common.pop("profile")) if common.get("profile") else None,
        text_encoding=common.pop("encoding"),
        keep_people=(*config.keep_people, *keep) if keep else None,
        show_values=common.pop("show_values") or None,
        keep_comments=common.pop("keep_comments") or None,
        remove_images=common.pop("remove_images") or None,
        allow_image_pages=common.pop("allow_image_pages") or None,
        strict_attachments=common.pop("strict_attachments") or None,
        pdf_password=common.pop("pdf_password"),
        roster_files=roster_files or None,
        staff_files=staff_files or None,
    )


def _run_batch(
    run: Callable[[Redactor, Callable[[Outcome], None]], BatchResult],
    config: Config,
    common: dict[str, Any],
    paths: Sequence[Path],
    extra: Callable[[Outcome], None] | None = None,
) -> BatchResult:
    console = Console(stderr=True)
    redactor = Redactor(config)  # a list that cannot be used stops the run here (exit 2)
    for listed in redactor.lists.counts:
        _say(f"Read {listed.name}: {listed.people} people, {listed.values} other values.")
    if console.is_terminal:
        console.print("Loading the language model…")
    # Workers start before the progress bar's thread, so none is forked from a threaded process.
    with (
        redactor.workers(common["jobs"]),
        Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        ) as progress,
    ):
        planned, missing = plan_jobs(paths, None)
        task = progress.add_task("Working through files", total=len(planned) + len(missing))
        inside: dict[Path, TaskID] = {}
        finished: set[Path] = set()

        def on_progress(path: Path, done: int, total: int) -> None:
            # A bar of its own for a long file, moving as its pieces are analysed. A
            # worker's last report can arrive after its file is done: no bar then.
            if total <= 2 * PIECE_SEGMENTS or path in finished:
                return
            if path not in inside:
                inside[path] = progress.add_task(f"  {path.name}", total=total)
            progress.update(inside[path], completed=done)

        def on_done(outcome: Outcome) -> None:
            finished.add(outcome.source)
            if outcome.source in inside:
                progress.remove_task(inside.pop(outcome.source))
            progress.advance(task)
            progress.console.print(
                describe_outcome(outcome), markup=False, highlight=False, soft_wrap=True
            )
            if extra is not None:
                extra(outcome)

        with listening(on_progress):
            return run(redactor, on_done)


def _finish(
    batch: BatchResult, config: Config, common: dict[str, Any], command: str, *, checking: bool
) -> None:
    report_paths = common.get("report_paths") or ()
    if report_paths:
        record = build_report(batch, config, command, operator=common.get("operator") or "")
        for report_path in report_paths:
            write_report(report_path, record)
            _say(f"Report written to {report_path}")
    processed, refused = len(batch.results), len(batch.failures)
    found = sum(len(r.findings) for r in batch.results)
    _say(
        f"Summary: {processed} file{'s' if processed != 1 else ''} processed, "
        f"{refused} refused, {found} item{'s' if found != 1 else ''} "
        f"{'found' if checking else 'removed'}."
    )
    raise SystemExit(int(batch.exit_code(checking=checking)))


def _key_passphrase(config: Config, key_out: Path | None) -> str | None:
    """The passphrase for ``--key-out``, asked for before any work."""
    if key_out is not None and config.style is not Style.PSEUDONYM:
        raise UsageError("--key-out only makes sense with --style pseudonym")
    return _passphrase(confirm=True) if key_out is not None else None


def _save_key(
    key_out: Path | None, table: PseudonymTable | None, passphrase: str | None, *, force: bool
) -> None:
    if key_out is not None and table is not None and passphrase is not None:
        write_key_file(key_out, table.originals(), passphrase, force=force)
        _say(f"Pseudonym key saved (encrypted) to {key_out}")


def _passphrase(*, confirm: bool) -> str:
    from_env = os.environ.get(PASSPHRASE_VARIABLE)
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise KeyFileError(f"no passphrase: set {PASSPHRASE_VARIABLE} or run in a terminal")
    value: str = click.prompt(
        "Passphrase for the key file", hide_input=True, confirmation_prompt=confirm, err=True
    )
    return value


def _say(message: str) -> None:
    click.echo(message, err=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run the command and turn every outcome into an exit code."""
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="redactor",
            standalone_mode=False,
        )
    except SystemExit as done:
        return int(done.code or 0) if isinstance(done.code, int) else ExitCode.USAGE
    except click.exceptions.Abort:
        _say("Interrupted: no partial output was left.")
        return ExitCode.INTERRUPTED
    except KeyboardInterrupt:
        _say("Interrupted: no partial output was left.")
        return ExitCode.INTERRUPTED
    except click.ClickException as problem:
        problem.show()
        return ExitCode.USAGE
    except RedactorError as error:
        _say(f"redactor: {error}")
        return error.exit_code
    return ExitCode.OK


if __name__ == "__main__":
    raise SystemExit(main())

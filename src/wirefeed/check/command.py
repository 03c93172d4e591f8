"""`wirefeed check PATH... [--strict] [--format text|json] [--max-bytes N]`: the checker from the command line.

Prints one finding per line (`file:line: severity: rule: message`) and a summary; exits 1 when
there are errors (or warnings with --strict), 0 otherwise, and 2 on usage errors such as a
path that does not exist. A pipe, device or socket, or a file over --max-bytes, is an error.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

import click

from wirefeed.check import CHECKED_SUFFIXES, DEFAULT_MAX_CHECK_BYTES, Finding, check_path

OutputFormat = Literal["text", "json"]


def files_to_check(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and folders walked (sorted, so output order is stable) for checked suffixes."""
    for path in paths:
        if path.is_dir():
            found = (file for file in path.rglob("*") if file.suffix.lower() in CHECKED_SUFFIXES)
            yield from sorted(file for file in found if file.is_file())
        else:
            yield path


def summary(files: int, findings: list[Finding]) -> str:
    errors = sum(1 for finding in findings if finding.severity == "error")
    warnings = len(findings) - errors
    return f"{files} files checked, {errors} errors, {warnings} warnings"


def exit_code(findings: list[Finding], *, strict: bool) -> int:
    if any(finding.severity == "error" for finding in findings):
        return 1
    return 1 if strict and findings else 0


def as_json(findings: list[Finding]) -> str:
    return json.dumps(
        [
            {
                "path": str(finding.path),
                "line": finding.line,
                "rule": finding.rule,
                "message": finding.message,
                "severity": finding.severity,
            }
            for finding in findings
        ],
        indent=2,
        ensure_ascii=False,
    )


@click.command("check")
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, path_type=Path),
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="One finding per line, or a JSON list of findings.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_CHECK_BYTES,
    show_default=True,
    help="Refuse a file larger than this many bytes (memory stays bounded by it).",
)
def check_command(paths: tuple[Path, ...], strict: bool, output_format: OutputFormat, max_bytes: int) -> None:
    """Check feeds (RSS, Atom, JSON Feed), JSON-LD and HTML pages for conformance.

    Folders are searched for *.xml *.atom *.rss *.json *.jsonld *.html. Each finding is
    printed as `file:line: severity: rule: message`. Pipes, devices and sockets are refused
    unread, and so is a file over --max-bytes (each an IOError).
    """
    files = list(files_to_check(paths))
    findings = [finding for path in files for finding in check_path(path, max_bytes)]
    if output_format == "json":
        click.echo(as_json(findings))
    else:
        for finding in findings:
            click.echo(str(finding))
        click.echo(summary(len(files), findings))
    raise SystemExit(exit_code(findings, strict=strict))

"""The `wirefeed` command: parse arguments, call the library, report, set the exit code.

Exit codes: 0 all good (an input that withdraws its story, or a draft, is no error); 1 an input was rejected (the rest still built); 2 usage or config
error; 3 the output or the history could not be written (nothing was changed); 4 another
build holds the site's lock (with --no-wait).
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from wirefeed.build import Progress as ProgressCallback
from wirefeed.build import BuildResult, build, build_time
from wirefeed.config import CONFIG_NAME, load_site
from wirefeed.buildlock import LockedError
from wirefeed.errors import ConfigError, InputError, OutputError, StoreError, WirefeedError
from wirefeed.explain import format_explanation
from wirefeed.model import Site
from wirefeed.normalize import normalize
from wirefeed.normalize.dating import with_first_seen
from wirefeed.readers import read
from wirefeed.writers.jsonld import article_jsonld, to_json
from wirefeed.writers.ninjs import article_ninjs

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

EXIT_REJECTED = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 3
EXIT_LOCKED = 4
_EXIT_CODES_HELP = (
    "Exit codes: 0 built; 1 some input rejected (each on stderr, the rest published); 2 usage or config "
    "error (nothing written); 3 the output or the history could not be written (both left as they were); "
    "4 another build holds the lock (with --no-wait)."
)
# Below this many inputs a build takes well under a second: a progress bar would only flicker.
PROGRESS_THRESHOLD = 200


@functools.cache
def _errors() -> Console:
    """Where errors and the progress bar go. rich is imported when first needed: most rebuilds
    print neither, and start sooner without it."""
    from rich.console import Console

    # No markup, emoji codes or highlighting: a file name such as `:thumbs_up: story.txt` prints as it is.
    return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False, markup=False)


class _Commands(click.Group):
    """The commands, with `check` imported only when it is asked for (or listed in the help):
    the checker's rules and the schema.org vocabulary are no part of a build."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), "check"})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name == "check":
            from wirefeed.check.command import check_command

            return check_command
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands)
@click.version_option(package_name="wirefeed")
def main() -> None:
    """Turn news articles into RSS, schema.org JSON-LD and article pages."""


class IsoMoment(click.ParamType):  # type: ignore[type-arg]  # generic only from click 8.2 on
    """A moment in ISO 8601 with its UTC offset (`2021-03-11T12:58:00+08:00`, `...Z`)."""

    name = "ISO-8601-TIME"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not an ISO 8601 time; expected one such as 2021-03-11T12:58:00+08:00", param, ctx)
        if moment.utcoffset() is None:
            self.fail(f"{value!r} has no UTC offset; expected one such as 2021-03-11T12:58:00+08:00 or ...Z", param, ctx)
        return moment


@main.command("build", epilog=_EXIT_CODES_HELP)
@click.argument("input_dir", default="input", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "output_dir", default="output", type=click.Path(file_okay=False, path_type=Path), help="Folder to write into (default: output).")
@click.option("--now", type=IsoMoment(), default=None, help="The build's time, ISO 8601 with a UTC offset (default: the clock). It ends embargoes and dates an edit that gives no Updated: line.")
@click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path), default=None, help="The publishing history's SQLite file (default: [store] path in the config, else .wirefeed/store.sqlite beside it).")
@click.option("--no-wait", is_flag=True, help="When another build of the same output or history is running, exit at once (code 4) instead of waiting for it.")
def build_command(input_dir: Path, output_dir: Path, now: datetime | None, store_path: Path | None, no_wait: bool) -> None:
    """Build OUTPUT from the articles in INPUT_DIR (default: input), its wirefeed.toml and the publishing history.

    One build runs at a time per output folder and history; a second one waits for it.
    """
    site = _site_or_exit(input_dir / CONFIG_NAME)
    try:
        with _progress_bar() as progress:
            result = build(input_dir, output_dir, site=site, now=now, store_path=store_path, progress=progress,
                           wait=not no_wait, on_wait=_say_waiting)
    except ConfigError as error:
        _fail(f"config error: {error}", EXIT_USAGE)
    except LockedError as error:
        _fail(str(error), EXIT_LOCKED)
    except (OutputError, StoreError) as error:
        _fail(f"{error}; nothing was changed: the output and the publishing history are as the last build left them", EXIT_OUTPUT)
    except WirefeedError as error:
        _fail(str(error), EXIT_REJECTED)
    for rejected in result.rejected:
        _errors().print(str(rejected), markup=False)
    # A provider's withdrawal or a draft is no error: reported, and the exit code stays 0.
    for withdrawal in result.withdrawals:
        _errors().print(str(withdrawal), markup=False)
    for warning in result.warnings:
        _errors().print(warning, markup=False)
    click.echo(_build_summary(result, output_dir), err=True)
    sys.exit(EXIT_REJECTED if result.rejected else 0)


def _say_waiting(lock_path: Path) -> None:
    _errors().print(f"{lock_path}: waiting for another wirefeed build of this site to finish", markup=False)


def _build_summary(result: BuildResult, output_dir: Path) -> str:
    """`built 3 articles into output/ (49 files, 5 rendered, 1 removed); 1 embargoed; rejected 1`."""
    articles = f"{len(result.articles)} article{'s' if len(result.articles) != 1 else ''}"
    files = f"{len(result.written)} files, {len(result.rendered)} rendered"
    if result.removed:
        files += f", {len(result.removed)} removed"
    summary = f"built {articles} into {output_dir}/ ({files})"
    if result.embargoed:
        summary += f"; {len(result.embargoed)} embargoed"
    if result.withdrawals:
        summary += f"; {len(result.withdrawals)} withdrawn by their input"
    if result.rejected:
        summary += f"; rejected {len(result.rejected)}"
    return summary


@main.command("show")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--config", "config_path", type=click.Path(exists=True, path_type=Path), help="The wirefeed.toml to use (default: the nearest one above each file, else ./input/).")
@click.option("--explain", is_flag=True, help="Print each field the reader found, its value and where it came from, instead of the JSON-LD.")
@click.option("--format", "output_format", type=click.Choice(["jsonld", "ninjs"]), default="jsonld", show_default=True, help="Print the article's schema.org JSON-LD, or its ninjs document.")
def show_command(files: Sequence[Path], config_path: Path | None, explain: bool, output_format: str) -> None:
    """Print the JSON-LD (or ninjs) wirefeed would publish for each FILE; write nothing."""
    failed = False
    for path in files:
        site = _site_or_exit(config_path or _nearest_config(path))
        try:
            draft = read(path)
            if explain:
                # Explained before normalizing: the places matter most for a file that is rejected.
                click.echo(format_explanation(draft, site), nl=False)
            article = normalize(draft, site)
            for warning in article.warnings:
                _errors().print(warning, markup=False)
            # An undated page is shown as if the history first saw it now.
            article = with_first_seen([article], dict, build_time(None, site))[0]
            document = article_ninjs(article, site) if output_format == "ninjs" else article_jsonld(article, site)
            if explain:
                continue
        except InputError as error:
            _errors().print(str(error), markup=False)
            failed = True
            continue
        # One file: readable JSON. Several: one document a line, for jq and friends.
        click.echo(to_json(document) if len(files) == 1 else json.dumps(document, ensure_ascii=False), nl=len(files) > 1)
    sys.exit(EXIT_REJECTED if failed else 0)


def _nearest_config(path: Path) -> Path:
    for folder in path.resolve().parents:
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME
    return Path("input") / CONFIG_NAME


def _site_or_exit(config_path: Path) -> Site:
    try:
        return load_site(config_path)
    except ConfigError as error:
        _fail(f"config error: {error}", EXIT_USAGE)


def _fail(message: str, code: int) -> NoReturn:
    _errors().print(message, markup=False)
    sys.exit(code)


@contextmanager
def _progress_bar() -> Iterator[ProgressCallback]:
    """A progress callback that draws a bar on a terminal, once a run is long enough to need one."""
    shown: list[tuple[Progress, TaskID]] = []

    def update(done: int, total: int) -> None:
        if total < PROGRESS_THRESHOLD or not _errors().is_terminal:
            return
        if not shown:
            shown.append(_started_bar())
        bar, task = shown[0]
        bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        for bar, _ in shown:
            bar.stop()


def _started_bar() -> tuple[Progress, TaskID]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("reading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=_errors(), transient=True)
    task = bar.add_task("reading", total=None)
    bar.start()
    return bar, task

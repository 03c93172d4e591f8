"""The `wirefeed` command: parse arguments, call the library, report, set the exit code.

Exit codes: 0 all good (an input that withdraws its story, or a draft, is no error); 1 an input was rejected (the rest still built); 2 usage or config
error, or a history database out of reach (nothing written); 3 the output or the history could not be written (nothing was changed); 4 another
build holds the site's lock (with --no-wait).
"""

from __future__ import annotations

import functools
import gc
import json
import sys
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from wirefeed.buildserver import BuildReport, ask_build_server
from wirefeed.config import CONFIG_NAME, load_site
from wirefeed.engine.engines import ENGINE_NAMES, Engine, EngineFailed, EngineUnavailable, engine_named
from wirefeed.engine.lock import LockedError
from wirefeed.errors import ConfigError, HistoryUnavailableError, InputError, OutputError, StoreError, WirefeedError
from wirefeed.model import Site
from wirefeed.store import default_store_path

if TYPE_CHECKING:
    from rich.console import Console

    from wirefeed.pipeline import Progress as ProgressCallback

    from wirefeed.serve import Rebuilt
    from rich.progress import Progress, TaskID

EXIT_REJECTED = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 3
EXIT_LOCKED = 4
_EXIT_CODES_HELP = (
    "Exit codes: 0 built; 1 some input rejected (each on stderr, the rest published); 2 usage or config "
    "error, a history database out of reach, or the Dask engine not installed or its scheduler unreachable (nothing written); 3 the output or the "
    "history could not be written, or the Dask cluster gave up on a task (both left as they were); "
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


def run() -> None:
    """The `wirefeed` command as a process (the script and `python -m wirefeed`): main(), then an
    end of the process that does not walk what the command made."""
    try:
        main()
    finally:
        # Nothing needs freeing at the end of a process, but the interpreter makes a last
        # collection over every object still alive: frozen, they are skipped. A rebuild of 10,000
        # articles that finds nothing changed then took 7 % less time (whole processes, paired).
        gc.freeze()


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
@click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path), default=None, help="The publishing history's SQLite file (default: [store] path in the config, else .wirefeed/store.sqlite beside it); given, it is used even when the config names a PostgreSQL [store] url.")
@click.option("--no-wait", is_flag=True, help="When another build of the same output or history is running, exit at once (code 4) instead of waiting for it.")
@click.option("--no-cache", is_flag=True, help="Read every input and render every output, reading and writing no cache file beside the store; the outputs are the same.")
@click.option("--no-ping", is_flag=True, help="Do not send WebSub publish pings to the [websub] hub (an offline build).")
@click.option("--engine", "engine_name", type=click.Choice(ENGINE_NAMES), default="local", show_default=True, help="What reads and renders: forked processes on this machine, or a Dask cluster (needs wirefeed[dask]); the outputs are the same.")
@click.option("--scheduler", metavar="ADDRESS", default=None, help="With --engine dask: the Dask scheduler to use (tcp://host:8786); without it a LocalCluster is started.")
@click.option("--no-server", is_flag=True, help="Build in this process even when a build server of this site runs (wirefeed build-server).")
def build_command(input_dir: Path, output_dir: Path, now: datetime | None, store_path: Path | None, no_wait: bool, no_cache: bool, no_ping: bool,
                  engine_name: str, scheduler: str | None, no_server: bool) -> None:
    """Build OUTPUT from the articles in INPUT_DIR (default: input), its wirefeed.toml and the publishing history.

    One build runs at a time per output folder and history; a second one waits for it. When a
    build server of the same input, output and history runs (wirefeed build-server), it makes
    the build from what it keeps in memory, with the same outputs.
    """
    site = _site_or_exit(input_dir / CONFIG_NAME)
    # The build server builds as this process would with these options; --no-wait, --no-cache
    # and another engine ask for what it does not do, and a PostgreSQL history it does not keep.
    if not (no_server or no_wait or no_cache or engine_name != "local" or (store_path is None and site.store_url)):
        store_file = store_path or site.store_path or default_store_path(input_dir)
        served = ask_build_server(input_dir, output_dir, store_file, now, with_paths=bool(site.hubs) and not no_ping)
        if served is not None:
            _report(served, site, output_dir, ping=not no_ping, by_server=True)
            sys.exit(EXIT_REJECTED if served.rejected else 0)
    # Imported only now: a build made by the build server needs none of it.
    from wirefeed.pipeline import build

    try:
        engine = engine_named(engine_name, scheduler)
        with _progress_bar() as progress, _closing(engine):
            result = build(input_dir, output_dir, site=site, now=now, store_path=store_path, progress=progress,
                           wait=not no_wait, on_wait=_say_waiting, cache=not no_cache, engine=engine)
    except EngineUnavailable as error:
        _fail(f"usage error: {error}; nothing was written", EXIT_USAGE)
    except EngineFailed as error:
        _fail(f"{error}; nothing was changed: the output and the publishing history are as the last build left them", EXIT_OUTPUT)
    except ConfigError as error:
        _fail(f"config error: {error}", EXIT_USAGE)
    except LockedError as error:
        _fail(str(error), EXIT_LOCKED)
    except HistoryUnavailableError as error:
        _fail(f"{error}; nothing was written", EXIT_USAGE)
    except (OutputError, StoreError) as error:
        _fail(f"{error}; nothing was changed: the output and the publishing history are as the last build left them", EXIT_OUTPUT)
    except WirefeedError as error:
        _fail(str(error), EXIT_REJECTED)
    _report(BuildReport.of(result), site, output_dir, ping=not no_ping)
    sys.exit(EXIT_REJECTED if result.rejected else 0)


def _report(report: BuildReport, site: Site, output_dir: Path, *, ping: bool, by_server: bool = False) -> None:
    """A build's lines on stderr (rejections, withdrawals, warnings, the summary), then its pings."""
    # A provider's withdrawal or a draft is no error: reported, and the exit code stays 0.
    for problem in report.problems:
        _errors().print(problem, markup=False)
    click.echo(_build_summary(report, output_dir) + ("; by the build server" if by_server else ""), err=True)
    if ping and site.hubs:
        from wirefeed.site.websub import changed_feed_urls

        for hub in site.hubs:
            _ping(hub, changed_feed_urls(site, report.rendered_paths))


def _ping(hub: str, feed_urls: list[str]) -> None:
    """Tell the hub of the feeds that changed; what fails is a warning, never a failed build."""
    if not feed_urls:
        return
    from wirefeed.site.websub import ping_hub

    pinged = ping_hub(hub, feed_urls)
    for warning in pinged.warnings:
        _errors().print(warning, markup=False)
    count = len(pinged.pinged)
    _errors().print(f"WebSub: {hub} told of {count} changed feed{'s' if count != 1 else ''}", markup=False)


def _say_waiting(lock_path: Path) -> None:
    _errors().print(f"{lock_path}: waiting for another wirefeed build of this site to finish", markup=False)


def _build_summary(report: BuildReport, output_dir: Path) -> str:
    """`built 3 articles into output/ (49 files, 5 rendered, 1 removed); 1 embargoed; rejected 1`."""
    articles = f"{report.articles} article{'s' if report.articles != 1 else ''}"
    files = f"{report.files} files, {report.rendered} rendered"
    if report.removed:
        files += f", {report.removed} removed"
    summary = f"built {articles} into {output_dir}/ ({files})"
    if report.embargoed:
        summary += f"; {report.embargoed} embargoed"
    if report.withdrawn:
        summary += f"; {report.withdrawn} withdrawn by their input"
    if report.rejected:
        summary += f"; rejected {report.rejected}"
    return summary


@main.command("show")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--config", "config_path", type=click.Path(exists=True, path_type=Path), help="The wirefeed.toml to use (default: the nearest one above each file, else ./input/).")
@click.option("--explain", is_flag=True, help="Print each field the reader found, its value and where it came from, instead of the JSON-LD.")
@click.option("--format", "output_format", type=click.Choice(["jsonld", "ninjs"]), default="jsonld", show_default=True, help="Print the article's schema.org JSON-LD, or its ninjs document.")
def show_command(files: Sequence[Path], config_path: Path | None, explain: bool, output_format: str) -> None:
    """Print the JSON-LD (or ninjs) wirefeed would publish for each FILE; write nothing."""
    # Imported here, not for every command: a `wirefeed build` that finds nothing changed reads
    # no input and writes no document, and starts sooner without the readers and writers.
    from wirefeed.explain import format_explanation
    from wirefeed.pipeline import build_time
    from wirefeed.normalize import normalize
    from wirefeed.normalize.dating import with_first_seen
    from wirefeed.readers import read
    from wirefeed.writers.jsonld import article_jsonld, to_json
    from wirefeed.writers.ninjs import article_ninjs

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


@main.command("serve")
@click.argument("input_dir", default="input", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "output_dir", default="output", type=click.Path(file_okay=False, path_type=Path), help="Folder to build into and serve (default: output).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on (0: any free one, printed).")
@click.option("--watch", is_flag=True, help="Rebuild on every change of an input, sidecar, template or the config; open pages reload themselves.")
@click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path), default=None, help="The publishing history's SQLite file (as for build).")
@click.option("--no-ping", is_flag=True, help="Do not send WebSub publish pings after a rebuild.")
def serve_command(input_dir: Path, output_dir: Path, host: str, port: int, watch: bool, store_path: Path | None, no_ping: bool) -> None:
    """Build OUTPUT from INPUT_DIR, then serve it over HTTP with ETags, 304s and compression."""
    from wirefeed.pipeline import build
    from wirefeed.pipeline.warm import KeptBuilds
    from wirefeed.serve import Rebuilt, bound_socket, serve

    # With --watch, each rebuild stands on the last one, kept in memory (pipeline/warm.py).
    builds = KeptBuilds(input_dir, output_dir, store_path=store_path, on_wait=_say_waiting)

    def rebuild(changed: Collection[Path] = ()) -> Rebuilt:
        try:
            if watch:
                result, site = builds.build(changed)
            else:
                site = load_site(input_dir / CONFIG_NAME)
                result = build(input_dir, output_dir, site=site, store_path=store_path, on_wait=_say_waiting)
        except ConfigError as error:
            return _said(Rebuilt(False, (f"config error: {error}",)))
        except WirefeedError as error:
            return _said(Rebuilt(False, (f"{error}; the last good output is still served",)))
        _report(BuildReport.of(result), site, output_dir, ping=not no_ping)
        return Rebuilt(bool(result.rendered or result.removed), tuple(str(rejected) for rejected in result.rejected),
                       settle=builds.settle if watch else None)

    _site_or_exit(input_dir / CONFIG_NAME)
    first = rebuild()
    if not output_dir.is_dir():
        _fail("; ".join(first.errors) or f"{output_dir}: no output to serve", EXIT_USAGE)
    try:
        sock = bound_socket(host, port)
    except OSError as error:
        _fail(f"usage error: cannot listen on {host}:{port}: {error.strerror}", EXIT_USAGE)
    address = sock.getsockname()
    _errors().print(f"serving {output_dir}/ at http://{host}:{address[1]}/{' (watching ' + str(input_dir) + '/)' if watch else ''}; Ctrl-C stops", markup=False)
    try:
        serve(sock, output_dir, input_dir if watch else None, rebuild, skip=(output_dir.resolve(),))
    except KeyboardInterrupt:
        pass
    finally:
        builds.close()


@main.command("build-server")
@click.argument("input_dir", default="input", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "output_dir", default="output", type=click.Path(file_okay=False, path_type=Path), help="Folder to build into (default: output).")
@click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path), default=None, help="The publishing history's SQLite file (as for build).")
@click.option("--now", type=IsoMoment(), default=None, help="The first build's time, as for build (default: the clock); each later build takes the time its command gives.")
@click.option("--scan", is_flag=True, help="Look at every input at each build instead of being told of edits by the kernel (inputs on a network file system, edited from other machines).")
def build_server_command(input_dir: Path, output_dir: Path, store_path: Path | None, now: datetime | None, scan: bool) -> None:
    """Build OUTPUT once, then keep that build in memory and make every `wirefeed build` of the
    same INPUT_DIR, OUTPUT and history from it, until stopped (Ctrl-C or SIGTERM).

    A build of one edited article then takes a few tenths of a second instead of seconds. The
    server answers only builds without --no-wait, --no-cache or another engine; any build it
    cannot make from what it keeps (an input added or removed, the config or a template
    changed) it makes in full, with the same outputs. `wirefeed build --no-server` builds in
    its own process.
    """
    from wirefeed.buildserver import ServerUnavailable, run_build_server
    from wirefeed.pipeline.warm import KeptBuilds

    site = _site_or_exit(input_dir / CONFIG_NAME)
    if store_path is None and site.store_url:
        _fail("usage error: the build server keeps a history in SQLite only; give --store FILE, or leave out [store] url", EXIT_USAGE)
    store_file = store_path or site.store_path or default_store_path(input_dir)
    builds = KeptBuilds(input_dir, output_dir, store_path=store_path, on_wait=_say_waiting, watch=not scan)

    def say(report: BuildReport) -> None:
        _report(report, site, output_dir, ping=False)

    def listening(socket_path: Path) -> None:
        _errors().print(f"build server of {input_dir}/ into {output_dir}/ listening on {socket_path}; Ctrl-C stops", markup=False)

    try:
        run_build_server(input_dir, output_dir, store_file, builds, say, listening, now=now)
    except ServerUnavailable as error:
        _fail(f"usage error: {error}", EXIT_USAGE)
    except ConfigError as error:
        _fail(f"config error: {error}", EXIT_USAGE)
    except LockedError as error:
        _fail(str(error), EXIT_LOCKED)
    except (HistoryUnavailableError, OutputError, StoreError, WirefeedError) as error:
        _fail(f"{error}; the build server stops", EXIT_OUTPUT)
    except KeyboardInterrupt:
        pass
    finally:
        builds.close()


def _said(rebuilt: Rebuilt) -> Rebuilt:
    for line in rebuilt.errors:
        _errors().print(line, markup=False)
    return rebuilt


@main.command("embed")
@click.argument("pages", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output_dir", type=click.Path(file_okay=False, path_type=Path), help="Write each page to DIR/<its file name>.")
@click.option("--in-place", is_flag=True, help="Replace each page (atomically: a temporary file, then a rename).")
@click.option("--config", "config_path", type=click.Path(exists=True, path_type=Path), help="The wirefeed.toml to use (default: the nearest one above each page, else ./input/).")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The folder published at the site's URL: a page with no canonical URL of its own gets its URL from its place in it.")
@click.option("--replace-jsonld", is_flag=True, help="Move the page's own JSON-LD out of its head (kept, inert, in the block), leaving only wirefeed's.")
def embed_command(pages: Sequence[Path], output_dir: Path | None, in_place: bool, config_path: Path | None, root: Path | None, replace_jsonld: bool) -> None:
    """Put wirefeed's JSON-LD, canonical, OpenGraph and Twitter tags into existing HTML PAGES.

    Only the marked block wirefeed wrote is ever replaced: a second run changes nothing, and
    every other byte of each page stays as it was. A page that cannot be read is one error
    line and is left untouched.
    """
    # Imported here: the HTML reader's modules are what only embed (of the commands) needs at once.
    from wirefeed.writers.embed import embed_page, write_embedded

    if (output_dir is None) == (not in_place):
        _fail("usage error: give either -o DIR or --in-place", EXIT_USAGE)
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
    failed, changed, targets = False, 0, set()
    for path in pages:
        site = _site_or_exit(config_path or _nearest_config(path))
        target = path if output_dir is None else output_dir / path.name
        try:
            if target.resolve() in targets:
                raise InputError(path, None, f"another page of this run is written to {target}; expected pages with different file names for -o")
            embedded = embed_page(path, site, url=_url_under(path, root, site), replace_jsonld=replace_jsonld, max_bytes=site.max_input_bytes)
        except InputError as error:
            _errors().print(str(error), markup=False)
            failed = True
            continue
        targets.add(target.resolve())
        if embedded.changed or output_dir is not None:
            write_embedded(embedded, target)
        changed += embedded.changed
    _errors().print(f"embedded {len(targets)} page{'s' if len(targets) != 1 else ''} ({changed} changed){'; rejected ' + str(len(pages) - len(targets)) if failed else ''}", markup=False)
    sys.exit(EXIT_REJECTED if failed else 0)


def _url_under(page: Path, root: Path | None, site: Site) -> str | None:
    """The page's public URL from its place under `root` (None without a root, or outside it)."""
    if root is None:
        return None
    try:
        return site.absolute(page.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        return None


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


@contextmanager
def _closing(engine: Engine | None) -> Iterator[None]:
    try:
        yield
    finally:
        if engine is not None:
            engine.close()


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

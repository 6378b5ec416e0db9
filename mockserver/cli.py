"""``crocodial-mock serve``: run the emulator on a local port.

Binds 127.0.0.1 unless told otherwise (a fake call centre with known passwords does not belong on a
network), prints the base URL and the credentials to use, and stops cleanly on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import errno
import logging
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from crocodial_mock.cli_options import HelpFormatter, env_option
from crocodial_mock.spec_file import SpecUnreadable
from mockserver import __version__, serving
from mockserver.answer_cache import DEFAULT_MAX_MB
from mockserver.config import EmulatorConfig
from mockserver.world import WorldSize
from mockserver.world.clock import Clock

DEFAULT_WORKERS = 1
DEFAULT_THREADS = 8
DEFAULT_USER = "MyUser"
DEFAULT_PASSWORD = "MyPass"


def _positive(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {text}")
    return value


def _at_least_one(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {text}")
    return value


def _state_url(text: str) -> str:
    if text == "memory" or text.startswith(("sqlite:///", "redis://", "rediss://", "unix://")):
        return text
    raise argparse.ArgumentTypeError("expected memory, sqlite:///PATH or redis://HOST:PORT/DB")


def _folder(text: str) -> str:
    if not Path(text).is_dir():
        raise argparse.ArgumentTypeError(f"{text} is not a folder")
    return text


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be 0-65535, got {text}")
    return value


def _instant(text: str) -> str:
    try:
        datetime.strptime(text, "%Y-%m-%dT%H:%M:%S")
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DDTHH:MM:SS, got {text!r}") from error
    try:
        Clock.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
    return text


def _account(text: str) -> tuple[str, str]:
    name, separator, password = text.partition(":")
    if not separator or not name or not password:
        raise argparse.ArgumentTypeError("expected NAME:PASSWORD")
    return name, password


EXIT_CODES = """\
exit status:
  0  stopped by Ctrl-C, SIGINT or SIGTERM
  1  could not start: port in use, address not assignable, unreadable --spec
  2  usage error (an unknown flag or a bad value, on the command line or in a variable)
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crocodial-mock",
        description="A faithful, seeded emulator of the CrocoDial call-centre API.",
        epilog=EXIT_CODES,
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser(
        "serve",
        help="serve the emulator over HTTP",
        description="Serve the emulator over HTTP until Ctrl-C or SIGTERM; the banner gives the base URL.",
        epilog=EXIT_CODES,
        formatter_class=HelpFormatter,
    )
    defaults = WorldSize()
    env_option(serve, "--host", env="CROCODIAL_MOCK_HOST", default="127.0.0.1", help="address to bind")
    env_option(
        serve, "--port", env="CROCODIAL_MOCK_PORT", type=_port, default=8080, help="port; 0 picks a free one"
    )
    env_option(
        serve,
        "--seed",
        env="CROCODIAL_MOCK_SEED",
        type=int,
        default=1,
        help="world seed: same seed and --now, same answers",
    )
    env_option(
        serve,
        "--now",
        env="CROCODIAL_MOCK_NOW",
        type=_instant,
        metavar="YYYY-MM-DDTHH:MM:SS",
        shown="the live clock",
        help="freeze the clock at this instant",
    )
    env_option(
        serve,
        "--spec",
        env="CROCODIAL_SPEC",
        type=Path,
        metavar="PATH",
        shown="the contract packaged with crocodial-mock",
        help="the contract to serve",
    )
    serve.add_argument("--xml", choices=["upstream", "wellformed"], default="upstream", help="XML layout")
    serve.add_argument(
        "--content-type", choices=["upstream", "accurate"], default="upstream", help="Content-Type labels"
    )
    serve.add_argument(
        "--user",
        type=_account,
        action="append",
        default=[],
        metavar="NAME:PASSWORD",
        help="extra API account, repeatable",
    )
    serve.add_argument("--users", type=_positive, default=defaults.users, help="generated users")
    serve.add_argument(
        "--campaigns",
        type=_positive,
        default=defaults.campaigns,
        help="campaigns at least (the named ones and one per portfolio always exist)",
    )
    serve.add_argument(
        "--calls-per-day", type=_positive, default=defaults.calls_per_day, help="calls per day"
    )
    serve.add_argument(
        "--no-vicidial-path",
        dest="vicidial_path",
        action="store_false",
        help="do not serve the non-agent API at /vicidial/non_agent_api.php (only at /API/lmapi.php)",
    )
    serve.add_argument("--quiet", action="store_true", help="do not log each request")
    serve.add_argument("--workers", type=_at_least_one, default=DEFAULT_WORKERS, help="processes")
    serve.add_argument("--threads", type=_at_least_one, default=DEFAULT_THREADS, help="threads per worker")
    serve.add_argument(
        "--state", type=_state_url, help="where changes live: memory, sqlite:///PATH or redis://HOST:PORT/DB"
    ).shown = "memory with one worker, a temporary SQLite file with several"
    serve.add_argument(
        "--mappings", type=_folder, metavar="DIR", help="load stubs from DIR/*.json at start and on reset"
    )
    serve.add_argument(
        "--report-dir", metavar="DIR", help="the contract kit's report folder, shown in the console"
    )
    serve.add_argument(
        "--server", choices=serving.SERVERS, help="WSGI server"
    ).shown = "gunicorn on POSIX, else waitress"
    serve.add_argument(
        "--answer-cache-mb",
        type=_positive,
        default=DEFAULT_MAX_MB,
        help="MB of encoded answers that cannot change kept per process; 0: none",
    )
    _add_record(commands)
    return parser


RECORD_EXIT_CODES = """\
exit status:
  0  stopped by Ctrl-C, SIGINT or SIGTERM (the summary is printed and written)
  1  could not start: bad --target, port in use, address not assignable, unreadable --spec
  2  usage error (an unknown flag or a bad value, on the command line or in a variable)
"""


def _add_record(commands: argparse._SubParsersAction) -> None:
    record = commands.add_parser(
        "record",
        help="record a real CrocoDial as stub files (a proxy)",
        description="Forward every request to --target, answer with its bytes, and write each distinct "
        "exchange to --out as a stub file that `serve --mappings DIR` replays: credentials removed, "
        "personal data replaced by consistent fakes, writes refused unless --allow-writes.",
        epilog=RECORD_EXIT_CODES,
        formatter_class=HelpFormatter,
    )
    record.add_argument(
        "--target",
        required=True,
        metavar="URL",
        help="base URL of the CrocoDial to record (https://crocodial.example)",
    )
    record.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder for the stub files (created)"
    )
    record.add_argument("--host", default="127.0.0.1", help="address to bind")
    record.add_argument("--port", type=_port, default=8080, help="port; 0 picks a free one")
    env_option(
        record,
        "--seed",
        env="CROCODIAL_RECORD_SEED",
        default="1",
        help="key of the fakes: same seed, same fake for the same real value; keep it private",
    )
    record.add_argument(
        "--allow-writes",
        action="store_true",
        help="forward add_lead and every action the contract does not list as read-only",
    )
    record.add_argument(
        "--timeout", type=_seconds, default=30.0, help="seconds to wait for the target before a 502"
    )
    env_option(
        record,
        "--spec",
        env="CROCODIAL_SPEC",
        type=Path,
        metavar="PATH",
        shown="the contract packaged with crocodial-mock",
        help="the contract telling which actions are read-only",
    )
    record.add_argument("--quiet", action="store_true", help="do not log each request")


def _seconds(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be > 0, got {text}")
    return value


def config_from(arguments: argparse.Namespace) -> EmulatorConfig:
    size = WorldSize(
        users=arguments.users, campaigns=arguments.campaigns, calls_per_day=arguments.calls_per_day
    )
    return EmulatorConfig(
        seed=arguments.seed,
        now=arguments.now,
        host=arguments.host,
        port=arguments.port,
        xml_mode=arguments.xml,
        content_type_mode=arguments.content_type,
        api_users=dict(arguments.user),
        size=size,
        vicidial_path=arguments.vicidial_path,
        answer_cache_mb=arguments.answer_cache_mb,
        state=arguments.state,
        mappings=arguments.mappings,
        report_dir=arguments.report_dir,
    )


def listen_problem(host: str, port: int, error: OSError) -> str:
    """Why the server could not bind, in one line a user can act on."""
    where = f"cannot listen on {host}:{port}"
    if error.errno == errno.EADDRINUSE:
        return f"{where}: port {port} is already in use (choose another --port, or --port 0 for a free one)"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"{where}: {host} is not an address of this machine (try 127.0.0.1, or 0.0.0.0 for all)"
    if isinstance(error, socket.gaierror):
        return f"{where}: unknown host {host!r} ({error.strerror})"
    if error.errno == errno.EACCES:
        return f"{where}: permission denied (ports below 1024 need privileges)"
    return f"{where}: {error.strerror or error}"


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextmanager
def _shared_state(config: EmulatorConfig, workers: int) -> Iterator[EmulatorConfig]:
    """Several workers without ``--state`` share an SQLite file in a temporary folder, removed at exit."""
    if workers == 1 or config.state:
        yield config
        return
    folder = tempfile.mkdtemp(prefix="crocodial-mock-")
    try:
        yield replace(config, state=f"sqlite:///{Path(folder) / 'state.db'}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def serve(
    config: EmulatorConfig,
    quiet: bool = False,
    *,
    workers: int = DEFAULT_WORKERS,
    threads: int = DEFAULT_THREADS,
    server: str | None = None,
    spec: Path | None = None,
) -> int:
    """Serve until Ctrl-C or SIGTERM (exit 0); 1 with a one-line reason when it cannot start."""
    from mockserver.app import create_app, stub_catalogue
    from mockserver.contract import load_catalogue
    from mockserver.state.memory import MemoryStore
    from mockserver.stubs import StubBook, StubError

    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="%(message)s")
    server = server or serving.default_server()
    if workers > 1 and server != "gunicorn":
        print(f"crocodial-mock: --workers {workers} needs gunicorn (POSIX); use --threads", file=sys.stderr)
        return 1
    try:
        catalogue = load_catalogue(spec)  # here, not in each worker: an unusable --spec stops the start
    except SpecUnreadable as error:
        print(f"crocodial-mock: error: {error}", file=sys.stderr)
        return 1
    if config.mappings:
        try:  # likewise a stub file that cannot load
            StubBook(MemoryStore(), stub_catalogue(catalogue), Path(config.mappings)).load_files()
        except StubError as error:
            print(f"crocodial-mock: error: {error}", file=sys.stderr)
            return 1
    try:
        sock = serving.listen(config.host, config.port)
    except OSError as error:
        print(f"crocodial-mock: error: {listen_problem(config.host, config.port, error)}", file=sys.stderr)
        return 1
    # Until the server installs its own handlers, SIGINT and SIGTERM stop it here. A shell without job
    # control starts `serve &` with SIGINT ignored, and Python keeps it ignored: it must still stop.
    signal.signal(signal.SIGINT, _raise_interrupt)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        with _shared_state(config, workers) as config:
            _banner(config, sock.getsockname()[1])
            serving.run(server, sock, lambda: create_app(config, spec_path=spec), workers, threads)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not break the shutdown
        if sock.fileno() != -1:  # not handed over to the server yet
            sock.close()
    print("crocodial-mock stopped", flush=True)
    return 0


def _banner(config: EmulatorConfig, port: int) -> None:
    host = f"[{config.host}]" if ":" in config.host else config.host
    base_url = f"http://{host}:{port}"
    clock = f"frozen at {config.now}" if config.now else "live"
    print(f"crocodial-mock {__version__} serving on {base_url} (seed {config.seed}, clock {clock})")
    print(f"  goAPI:  {base_url}/goAPIv2/<module>/goAPI.php   lmapi: {base_url}/API/lmapi.php")
    print(f"  credentials: goUser={DEFAULT_USER} goPass={DEFAULT_PASSWORD} (lmapi: user/pass the same)")
    if config.api_users:
        print(f"  extra accounts: {', '.join(sorted(config.api_users))}")
    print(f"  console: {base_url}/__admin/   Ctrl-C to stop", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    if arguments.command == "serve":
        return serve(
            config_from(arguments),
            quiet=arguments.quiet,
            workers=arguments.workers,
            threads=arguments.threads,
            server=arguments.server,
            spec=arguments.spec,
        )
    if arguments.command == "record":
        from mockserver.recording.command import record

        return record(
            arguments.target,
            arguments.out,
            host=arguments.host,
            port=arguments.port,
            seed=arguments.seed,
            allow_writes=arguments.allow_writes,
            timeout=arguments.timeout,
            spec=arguments.spec,
            quiet=arguments.quiet,
        )
    return 2


if __name__ == "__main__":
    sys.exit(main())

"""The WSGI servers ``crocodial-mock serve`` runs on: gunicorn on POSIX, waitress everywhere else.

gunicorn (pre-fork workers, each with a thread pool) is what Flask deployments use on Linux and macOS; it
does not run on Windows, so waitress (pure Python, threads in one process) serves there, or wherever
``--server waitress`` asks for it. Either way the listening socket is bound here first, so the banner
can name the port (``--port 0``) and a port in use fails at once with one clear line.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from typing import Any

SERVERS = ("gunicorn", "waitress")
GRACEFUL_SECONDS = 10
"""How long a stopping server lets requests in flight finish."""
BACKLOG = 2048
SWITCH_INTERVAL = 0.001
"""Seconds a thread may hold the GIL while others wait (Python's default is 0.005): a small request
arriving during a big report gets its turn five times sooner, for a little less throughput."""


def default_server() -> str:
    if os.name == "posix":
        try:
            import gunicorn  # noqa: F401
        except ImportError:
            return "waitress"
        return "gunicorn"
    return "waitress"


def listen(host: str, port: int) -> socket.socket:
    """The bound, listening socket (OSError when the port is taken or the address is not ours)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host, port), family=family, backlog=BACKLOG)
    sock.set_inheritable(True)  # gunicorn's workers accept on it
    return sock


def run(server: str, sock: socket.socket, app_factory: Callable[[], Any], workers: int, threads: int) -> None:
    """Serve on ``sock`` (closed when this returns) until SIGINT or SIGTERM."""
    sys.setswitchinterval(SWITCH_INTERVAL)  # inherited by gunicorn's forked workers
    # gunicorn: the arbiter handles the signals and returns once requests in flight have finished;
    # waitress: the caller's handlers raise KeyboardInterrupt.
    if server == "gunicorn":
        _gunicorn(sock, app_factory, workers, threads)
    else:
        _waitress(sock, app_factory(), threads)


def _gunicorn(sock: socket.socket, app_factory: Callable[[], Any], workers: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    fd = sock.detach()  # gunicorn owns (and closes) the listening socket from here on

    class Emulator(BaseApplication):
        def load_config(self) -> None:
            settings = {
                "bind": [f"fd://{fd}"],
                "workers": workers,
                "threads": threads,
                "worker_class": "gthread" if threads > 1 else "sync",
                "graceful_timeout": GRACEFUL_SECONDS,
                "timeout": 0,  # a cold 30-day report is slow but alive; never kill a busy worker
                "keepalive": 5,
                "accesslog": None,  # each request is logged once by the app, without its query string
                "loglevel": "warning",
                "control_socket_disable": True,  # gunicorn >= 25: no control socket in the home folder
                "post_fork": _default_stop_signals,
            }
            for name, value in settings.items():
                if name in self.cfg.settings:
                    self.cfg.set(name, value)

        def load(self) -> Any:
            return app_factory()

    master = os.getpid()
    try:
        Emulator().run()
    except SystemExit as stop:
        if os.getpid() != master:
            # A worker is done (gunicorn has run its exit hooks): leave now, without unwinding into the
            # CLI, whose clean-up (the temporary state folder) belongs to the master alone.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(stop.code if isinstance(stop.code, int) else 1)
        if stop.code not in (0, None):  # the arbiter exits the process when it halts; the CLI has more to say
            raise


def _default_stop_signals(arbiter: Any, worker: Any) -> None:
    """In a worker just forked, a stop signal must stop it: until gunicorn installs the worker's own
    handlers, the master's (which only queue the signal) would swallow it, and a worker that missed its
    stop keeps the master waiting for its graceful timeout, twice."""
    for stop in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT):
        signal.signal(stop, signal.SIG_DFL)


def _waitress(sock: socket.socket, app: Any, threads: int) -> None:
    from waitress.server import create_server

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" is noise here
    server = create_server(app, sockets=[sock], threads=threads, channel_timeout=120)

    try:
        server.run()  # SIGINT and SIGTERM raise KeyboardInterrupt (the CLI's handlers)
    finally:
        server.close()

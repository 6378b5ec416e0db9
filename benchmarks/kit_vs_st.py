"""Requests per second: ``crocodial-contract --rate-limit 0`` versus ``st run``, side by side against the
same emulator.

Run: ``python benchmarks/kit_vs_st.py [--max-examples 10] [--rounds 1] [--server serve|werkzeug]``.

The emulator (seed 7, frozen clock, default world) is, by default, ``crocodial-mock serve`` as users
start it (gunicorn, one worker, eight threads) in its own process on an ephemeral 127.0.0.1 port; the
requests are counted from its access log (one line per goAPI or lmapi request), so both tools are
measured by the same neutral count of the requests that reached it, over the wall time of each tool's
process. ``--server werkzeug`` serves it from this process instead, with werkzeug's threaded development
server behind a WSGI counter (slower per request, which weighs more on the tool with fewer, larger
answers). ``st run`` gets the same contract, the same ``--max-examples`` and its default phases and
checks (one worker, as the kit sends from one), without its example database (which would replay what
earlier runs stored; the kit keeps none).

The world is built by one request before the first round, so neither tool pays for it. Round 0 runs
both tools once, printed but not counted: the days of calls each asks for (reference dates, discovered
days, drawn date ranges) are generated then, at 25-45 ms a day, on whichever tool asks first
(``--no-warm-up-round`` counts from a cold emulator instead). Each round alternates which tool goes
first, and the ratio of the two rates is printed per round: on a shared machine, compare ratios.
"""

from __future__ import annotations

import argparse
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
NOW = "2025-05-14T15:30:00"


class Counter:
    """WSGI middleware counting the requests that reach the emulator."""

    def __init__(self, app: Any):
        self.app = app
        self.count = 0
        self.lock = threading.Lock()

    def __call__(self, environ: dict, start_response: Any) -> Any:
        with self.lock:
            self.count += 1
        return self.app(environ, start_response)


class InProcessEmulator:
    """The emulator behind werkzeug's threaded development server, in this process."""

    def __init__(self) -> None:
        from werkzeug.serving import WSGIRequestHandler, make_server

        from mockserver.app import create_app
        from mockserver.config import EmulatorConfig

        class Quiet(WSGIRequestHandler):
            def log_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        self.counter = Counter(create_app(EmulatorConfig(seed=7, now=NOW)))
        self.server = make_server("127.0.0.1", 0, self.counter, threaded=True, request_handler=Quiet)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base_url = f"http://127.0.0.1:{self.server.server_port}"

    def count(self) -> int:
        return self.counter.count

    def close(self) -> None:
        self.server.shutdown()


class ServedEmulator:
    """``crocodial-mock serve`` in its own process; requests counted from its access log. ``count``
    asks for a marker action and waits for its line, so every request before it has been counted."""

    REQUEST_LINE = re.compile(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /")

    def __init__(self) -> None:
        command = [sys.executable, "-m", "mockserver", "serve", "--port", "0", "--seed", "7", "--now", NOW]
        self.process = subprocess.Popen(
            command,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",  # a drawn action name can be any bytes; the log reader must not stop on one
            bufsize=1,
        )
        assert self.process.stdout is not None
        banner = self.process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+", banner)
        if not found:
            self.process.kill()
            raise SystemExit(f"crocodial-mock serve did not start: {banner!r}")
        self.base_url = found.group(0)
        self._requests = 0
        self._marks = 0
        self._seen = threading.Condition()
        self._marks_seen: set[str] = set()
        threading.Thread(target=self._read_log, daemon=True).start()

    def _read_log(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if not self.REQUEST_LINE.match(line):
                continue
            with self._seen:
                mark = re.search(r"benchmark-mark-\d+", line)
                if mark:
                    self._marks_seen.add(mark.group(0))
                else:
                    self._requests += 1
                self._seen.notify_all()

    def count(self) -> int:
        import requests

        self._marks += 1
        mark = f"benchmark-mark-{self._marks}"
        requests.get(f"{self.base_url}/goAPIv2/goUsers/goAPI.php", params={"goAction": mark}, timeout=60)
        with self._seen:
            if not self._seen.wait_for(lambda: mark in self._marks_seen, timeout=60):
                raise SystemExit("the emulator's access log stopped")
            return self._requests

    def close(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def measure(emulator: InProcessEmulator | ServedEmulator, command: list[str]) -> tuple[int, float]:
    before = emulator.count()
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return emulator.count() - before, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--server", choices=["serve", "werkzeug"], default="serve")
    parser.add_argument(
        "--no-warm-up-round",
        action="store_true",
        help="measure from a cold emulator (no round 0 generating the days of calls either tool asks for)",
    )
    args = parser.parse_args()
    first = 1 if args.no_warm_up_round else 0
    emulator = ServedEmulator() if args.server == "serve" else InProcessEmulator()
    base_url = emulator.base_url
    warm_up(base_url)
    spec = str(REPO / "openapi" / "crocodial.yaml")
    with tempfile.TemporaryDirectory() as report_dir:
        kit = [sys.executable, "-m", "contract_tests", "--base-url", base_url, "--user", "MyUser"]
        kit += ["--password", "MyPass", "--report-dir", report_dir, "--rate-limit", "0"]
        kit += ["--max-examples", str(args.max_examples)]
        st = ["st", "run", spec, "--url", base_url, "--max-examples", str(args.max_examples)]
        st += ["--workers", "1", "--report-dir", report_dir, "--generation-database", "none"]
        rounds = {}
        for number in range(first, args.rounds + 1):
            tools = [("crocodial-contract", kit), ("st run", st)]
            measured = {
                name: measure(emulator, command) for name, command in tools[:: 1 if number % 2 == 1 else -1]
            }
            rounds[number] = measured
    emulator.close()
    served = "crocodial-mock serve" if args.server == "serve" else "werkzeug's development server"
    print(f"against the emulator (default world, {served}), --max-examples {args.max_examples}:")
    ratios = []
    for number, measured in rounds.items():
        rates = {name: requests / seconds for name, (requests, seconds) in measured.items()}
        label = f"round {number}" + (" (warm-up, not counted)" if number == 0 else "")
        for name, (requests, seconds) in measured.items():
            rate = f"{requests:6} requests in {seconds:6.1f} s = {rates[name]:6.1f} requests/s"
            print(f"  {label} {name:20} {rate}")
        ratio = rates["crocodial-contract"] / rates["st run"]
        print(f"  {label} crocodial-contract / st run: {ratio:.2f}x")
        if number:
            ratios.append(ratio)
    if ratios:
        spread = f"{min(ratios):.2f}x to {max(ratios):.2f}x"
        print(f"crocodial-contract / st run over rounds 1-{args.rounds}: {spread}")


def warm_up(base_url: str) -> None:
    """One request builds the emulator's world (directory, leads), which neither tool should pay for."""
    import requests

    query = {"goAction": "goGetAllUsers", "goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}
    requests.get(f"{base_url}/goAPIv2/goUsers/goAPI.php", params=query, timeout=60).raise_for_status()


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()

"""Requests per second: ``crocodial-contract --rate-limit 0`` versus ``st run``, side by side against the
same emulator.

Run: ``python benchmarks/kit_vs_st.py [--max-examples 10] [--rounds 1]``. The emulator (seed 7, frozen
clock, default world) is served from this process on an ephemeral 127.0.0.1 port by a threaded
werkzeug server, behind a WSGI counter, so both tools are measured by the same neutral count of the
requests that reached it, over the wall time of each tool's process. ``st run`` gets the same
contract, the same ``--max-examples`` and its default phases and checks (one worker, as the kit).

The world is built by one request before the first round, so neither tool pays for it; each round
alternates which tool goes first (the days of calls a tool asks for are generated on its first round),
and the ratio of the two rates is printed per round: on a shared machine, compare ratios.
"""

from __future__ import annotations

import argparse
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


def serve() -> tuple[Any, Counter, str]:
    from werkzeug.serving import WSGIRequestHandler, make_server

    from mockserver.app import create_app
    from mockserver.config import EmulatorConfig

    class Quiet(WSGIRequestHandler):
        def log_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    counter = Counter(create_app(EmulatorConfig(seed=7, now=NOW)))
    server = make_server("127.0.0.1", 0, counter, threaded=True, request_handler=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, counter, f"http://127.0.0.1:{server.server_port}"


def measure(counter: Counter, command: list[str]) -> tuple[int, float]:
    before = counter.count
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return counter.count - before, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    server, counter, base_url = serve()
    warm_up(base_url)
    spec = str(REPO / "openapi" / "crocodial.yaml")
    with tempfile.TemporaryDirectory() as report_dir:
        kit = [sys.executable, "-m", "contract_tests", "--base-url", base_url, "--user", "MyUser"]
        kit += ["--password", "MyPass", "--report-dir", report_dir, "--rate-limit", "0"]
        kit += ["--max-examples", str(args.max_examples)]
        st = ["st", "run", spec, "--url", base_url, "--max-examples", str(args.max_examples)]
        st += ["--workers", "1", "--report-dir", report_dir]
        rounds = []
        for number in range(args.rounds):
            tools = [("crocodial-contract", kit), ("st run", st)]
            measured = {
                name: measure(counter, command) for name, command in tools[:: 1 if number % 2 == 0 else -1]
            }
            rounds.append(measured)
    server.shutdown()
    print(f"against the emulator (default world), --max-examples {args.max_examples}:")
    for number, measured in enumerate(rounds, 1):
        rates = {name: requests / seconds for name, (requests, seconds) in measured.items()}
        for name, (requests, seconds) in measured.items():
            rate = f"{requests:6} requests in {seconds:6.1f} s = {rates[name]:6.1f} requests/s"
            print(f"  round {number} {name:20} {rate}")
        ratio = rates["crocodial-contract"] / rates["st run"]
        print(f"  round {number} crocodial-contract / st run: {ratio:.2f}x")


def warm_up(base_url: str) -> None:
    """One request builds the emulator's world (directory, leads), which neither tool should pay for."""
    import requests

    query = {"goAction": "goGetAllUsers", "goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}
    requests.get(f"{base_url}/goAPIv2/goUsers/goAPI.php", params=query, timeout=60).raise_for_status()


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()

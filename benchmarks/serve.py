"""``crocodial-mock serve`` under load, side by side in one run with Prism 5 and a bare Flask route.

Run: ``python benchmarks/serve.py [--seconds 8] [--workers N --threads N] [--json]``

Needs Debian's ``wrk`` and Prism (``cd benchmarks/prism && npm install @stoplight/prism-cli@5``; the folder
is git-ignored). Prism mocks ``python openapi/generate.py --flat``'s contract, the bare Flask route runs on
the same WSGI server with the same workers and threads as the emulator. Every target is served on its own
loopback port and measured with the same wrk settings (1 thread, 8 connections, after a 2 s warm-up),
one after the other. The figures move with the machine's load; the ratios of one run are the comparison.

Prints, against the issue's targets:
- getAgentStatus JSON req/s for the emulator, Prism and the bare route, and their ratios;
- goGetAllUsers (42 KB) and outbound_cdr's default day (1 MB, warm) req/s;
- a cold 30-day outbound_cdr on a fresh emulator: rows/s end to end, and the slowest getAgentStatus
  answered meanwhile (a client polling every 10 ms);
- RSS of each worker after that report.
Timings go here, never into tests.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PRISM = ROOT / "benchmarks" / "prism" / "node_modules" / ".bin" / "prism"
NOW = "2025-05-14T15:30:00"
TODAY = NOW[:10]
CREDENTIALS = "goUser=MyUser&goPass=MyPass&responsetype=json"
AGENT_STATUS = f"/goAPIv2/goDashboard/goAPI.php?goAction=getAgentStatus&{CREDENTIALS}"
ALL_USERS = f"/goAPIv2/goUsers/goAPI.php?goAction=goGetAllUsers&{CREDENTIALS}"
DAY_CDR = f"/goAPIv2/goReports/goAPI.php?goAction=outbound_cdr&{CREDENTIALS}"
MONTH_CDR = f"{DAY_CDR}&fromDate=2025-04-15&toDate={TODAY}"
TARGETS = {
    "agent_status_vs_prism": 2.0,
    "day_cdr_rps": 300,
    "slowest_small_ms": 100,
    "month_rows_per_s": 100_000,
    "rss_mb": 150,
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[:3]} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


@contextmanager
def started(command: list[str], probe_path: str, port: int):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        wait_until_up(f"http://127.0.0.1:{port}{probe_path}", process)
        yield process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def emulator(port: int, extra: list[str]) -> list[str]:
    return [sys.executable, "-m", "mockserver", "serve", "--port", str(port), "--seed", "7", "--now", NOW,
            "--quiet", *extra]  # fmt: skip


WARM_UP_SECONDS = 2
"""Load each target gets before it is measured (Prism's JIT, the emulator's caches)."""


def wrk(url: str, seconds: int, connections: int = 8) -> dict[str, float]:
    subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{WARM_UP_SECONDS}s", url], capture_output=True, check=True
    )
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "rps": rate,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "p99_ms": float(p99.group(1)) * scale[p99.group(2)] if p99 else float("nan"),
    }


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=300) as response:
        return response.read()


def worker_pids(pid: int) -> list[int]:
    """The serving processes: gunicorn's workers, or the process itself when it has no children."""
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    children = [int(line) for line in out.split()]
    return children or [pid]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cold_month(base: str, process: subprocess.Popen) -> dict[str, Any]:
    """A cold 30-day outbound_cdr while another client polls getAgentStatus every 10 ms."""
    fetch(base + AGENT_STATUS)  # the world is built; the 30 days are not
    latencies: list[float] = []
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            started_at = time.perf_counter()
            fetch(base + AGENT_STATUS)
            latencies.append((time.perf_counter() - started_at) * 1000)
            time.sleep(0.01)

    poller = threading.Thread(target=poll)
    poller.start()
    started_at = time.perf_counter()
    body = fetch(base + MONTH_CDR)
    seconds = time.perf_counter() - started_at
    done.set()
    poller.join()
    rows = len(json.loads(body)["data"]["rows"]) if body.startswith(b"{") else 0
    return {
        "seconds": seconds,
        "rows": rows,
        "mb": len(body) / 1e6,
        "rows_per_s": rows / seconds,
        "slowest_small_ms": max(latencies),
        "small_requests": len(latencies),
        "rss_mb": [round(rss_mb(pid), 1) for pid in worker_pids(process.pid)],
    }


def measure(seconds: int, serve_args: list[str]) -> dict[str, Any]:
    results: dict[str, Any] = {"serve_args": serve_args}
    port = free_port()
    with started(emulator(port, serve_args), "/__admin/health", port):
        base = f"http://127.0.0.1:{port}"
        for path in (AGENT_STATUS, ALL_USERS, DAY_CDR):
            fetch(base + path)  # warm: world built, day generated, answer cached
        results["emulator_agent_status"] = wrk(base + AGENT_STATUS, seconds)
        results["emulator_all_users"] = wrk(base + ALL_USERS, seconds)
        results["emulator_day_cdr"] = wrk(base + DAY_CDR, seconds)
        results["day_cdr_mb"] = len(fetch(base + DAY_CDR)) / 1e6

    port = free_port()
    bare = [sys.executable, str(ROOT / "benchmarks" / "bare_flask.py"), "--port", str(port),
            *_server_args(serve_args)]  # fmt: skip
    with started(bare, "/health", port):
        results["bare_flask"] = wrk(f"http://127.0.0.1:{port}{AGENT_STATUS}", seconds)

    if PRISM.exists():
        with tempfile.TemporaryDirectory() as folder:
            flat = Path(folder) / "crocodial.flat.yaml"
            subprocess.run(
                [sys.executable, str(ROOT / "openapi" / "generate.py"), "--flat", str(flat)], check=True
            )
            port = free_port()
            prism = [str(PRISM), "mock", str(flat), "-h", "127.0.0.1", "-p", str(port)]
            with started(prism, AGENT_STATUS, port):
                results["prism"] = wrk(f"http://127.0.0.1:{port}{AGENT_STATUS}", seconds)
    else:
        results["prism"] = None

    port = free_port()
    with started(emulator(port, serve_args), "/__admin/health", port) as process:
        results["cold_month"] = cold_month(f"http://127.0.0.1:{port}", process)
    return results


def _server_args(serve_args: list[str]) -> list[str]:
    keep, args = ("--workers", "--threads", "--server"), []
    for flag, value in itertools.pairwise(serve_args):
        if flag in keep:
            args += [flag, value]
    return args


def report(results: dict[str, Any]) -> str:
    emulator_rps = results["emulator_agent_status"]["rps"]
    prism = results["prism"]
    bare = results["bare_flask"]["rps"]
    month = results["cold_month"]
    rows = [
        ("getAgentStatus JSON, emulator", f"{emulator_rps:,.0f} req/s", ""),
        ("getAgentStatus, Prism 5 (flat contract)", f"{prism['rps']:,.0f} req/s" if prism else "missing", ""),
        ("bare Flask route, same server", f"{bare:,.0f} req/s", ""),
        ("emulator / Prism", f"{emulator_rps / prism['rps']:.2f}x" if prism else "-", ">= 2x"),
        ("emulator / bare Flask", f"{emulator_rps / bare:.2f}x", ""),
        ("goGetAllUsers (42 KB)", f"{results['emulator_all_users']['rps']:,.0f} req/s", ""),
        (f"outbound_cdr default day ({results['day_cdr_mb']:.1f} MB), warm",
         f"{results['emulator_day_cdr']['rps']:,.0f} req/s", ">= 300"),
        (f"cold 30-day outbound_cdr ({month['rows']:,} rows, {month['mb']:.0f} MB)",
         f"{month['seconds']:.2f} s = {month['rows_per_s']:,.0f} rows/s", ">= 100,000 rows/s"),
        (f"slowest getAgentStatus meanwhile ({month['small_requests']} requests)",
         f"{month['slowest_small_ms']:.0f} ms", "<= 100 ms"),
        ("RSS per worker after it", " / ".join(f"{mb:.0f} MB" for mb in month["rss_mb"]), "<= 150 MB"),
    ]  # fmt: skip
    width = max(len(name) for name, _, _ in rows)
    lines = [f"serve {' '.join(results['serve_args']) or '(defaults)'}"]
    lines += [f"{name:<{width}}  {value:>28}  {target}" for name, value, target in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=8, help="wrk duration per target")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("serve_args", nargs="*", help="extra `serve` flags after --, e.g. -- --workers 2")
    arguments = parser.parse_args()
    results = measure(arguments.seconds, arguments.serve_args)
    print(json.dumps(results, indent=2) if arguments.json else report(results))


if __name__ == "__main__":
    main()

"""Time of a full contract run against the emulator: every operation, the default number of examples.

Run: ``python benchmarks/contract_run.py [--max-examples 10] [--in-process]``. By default it starts
``crocodial-mock serve`` on an ephemeral 127.0.0.1 port (fixed seed and clock) and runs
``crocodial-contract`` against it over HTTP with the rate limit off (the default 5 requests/s is for
live services); ``--in-process`` calls the emulator through WSGI instead, as the pytest suite does.
Prints the wall time, the number of requests and the verdicts.
"""

from __future__ import annotations

import argparse
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOW = "2025-05-14T15:30:00"


def over_http(max_examples: int) -> tuple[float, str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "mockserver", "serve", "--port", "0", "--quiet", "--seed", "7", "--now", NOW],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        base_url = re.search(r"http://127\.0\.0\.1:\d+", server.stdout.readline()).group(0)
        with tempfile.TemporaryDirectory() as report_dir:
            command = [sys.executable, "-m", "contract_tests", "--base-url", base_url, "--user", "MyUser"]
            command += ["--password", "MyPass", "--report-dir", report_dir, "--rate-limit", "0"]
            command += ["--max-examples", str(max_examples), "--allow-writes", "--test-list-id", "101"]
            started = time.perf_counter()
            subprocess.run(command, cwd=REPO, capture_output=True, text=True)
            seconds = time.perf_counter() - started
            report = (Path(report_dir) / "drift-report.md").read_text()
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)
    return seconds, next(line for line in report.splitlines() if line.startswith("- Operations:"))[2:]


def in_process(max_examples: int) -> tuple[float, str]:
    sys.path.insert(0, str(REPO))
    from contract_tests.contract import Contract
    from contract_tests.runner import ContractRun, RunOptions
    from contract_tests.transport import WsgiTarget
    from crocodial_mock.paths import SPEC_PATH
    from mockserver.app import create_app
    from mockserver.config import EmulatorConfig

    target = WsgiTarget(create_app(EmulatorConfig(seed=7, now=NOW)))
    options = RunOptions(max_examples=max_examples, allow_writes=True, test_list_id="101")
    started = time.perf_counter()
    results = ContractRun(Contract.load(SPEC_PATH), target, "MyUser", "MyPass", options).run()
    seconds = time.perf_counter() - started
    verdicts = {v: sum(r.verdict == v for r in results) for v in ("pass", "additive", "breaking", "skipped")}
    return seconds, f"{sum(r.requests for r in results)} requests, verdicts {verdicts}"


def main() -> None:
    from contract_tests.runner import DEFAULT_MAX_EXAMPLES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=DEFAULT_MAX_EXAMPLES)
    parser.add_argument("--in-process", action="store_true")
    args = parser.parse_args()
    seconds, summary = (in_process if args.in_process else over_http)(args.max_examples)
    mode = "in-process (WSGI)" if args.in_process else "over HTTP (crocodial-mock serve)"
    print(f"full contract run, {mode}, max-examples {args.max_examples}: {seconds:.1f} s")
    print(f"  {summary}")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()

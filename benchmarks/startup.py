"""Start-up time of ``crocodial-mock serve``: from process start to the first answered request.

Run: ``python benchmarks/startup.py [--runs 5]``. Each run starts a fresh process on an ephemeral
127.0.0.1 port, waits for its banner, sends one goAPI request (the reference's goGetAllUsers example,
which also builds the world's directory), and stops the process. Prints min / median / max.
"""

from __future__ import annotations

import argparse
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request

QUERY = "goAction=goGetAllUsers&goUser=MyUser&goPass=MyPass&responsetype=json"


def one_run() -> tuple[float, float]:
    """(seconds to the banner, seconds to the first answered request), both from process start."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mockserver",
            "serve",
            "--port",
            "0",
            "--quiet",
            "--now",
            "2025-05-14T15:30:00",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline()
        banner = time.perf_counter() - started
        base_url = re.search(r"http://127\.0\.0\.1:\d+", line).group(0)
        with urllib.request.urlopen(f"{base_url}/goAPIv2/goUsers/goAPI.php?{QUERY}", timeout=60) as response:
            response.read()
        answered = time.perf_counter() - started
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)
    return banner, answered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = [one_run() for _ in range(parser.parse_args().runs)]
    for label, values in (("banner printed", [r[0] for r in runs]), ("first answer", [r[1] for r in runs])):
        print(
            f"{label:15} min {min(values) * 1000:6.0f} ms   median {statistics.median(values) * 1000:6.0f} ms"
            f"   max {max(values) * 1000:6.0f} ms   ({len(values)} runs)"
        )


if __name__ == "__main__":
    main()

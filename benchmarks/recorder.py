"""What recording costs: the same requests straight to an emulator and through ``crocodial-mock record``
in front of it (forwarding, redaction, the stub file written again each time), then
``crocodial-contract --from-recording`` on the folder. ``python benchmarks/recorder.py``"""

from __future__ import annotations

import contextlib
import io
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import crocodial_mock  # noqa: E402
from contract_tests.cli import main as contract_main  # noqa: E402

GO = {"goUser": "MyUser", "goPass": "MyPass"}
JSON = {"responsetype": "json"}
DAY = {"fromDate": "2025-05-13", "toDate": "2025-05-13"}
CASES = [
    ("goGetCustomerInfo, JSON", "goAgent", {"goAction": "goGetCustomerInfo", "lead_id": "10001", **JSON}),
    ("getUserInfo, XML", "goUsers", {"goAction": "getUserInfo", "user": "example.user"}),
    ("goGetAllUsers, JSON", "goUsers", {"goAction": "goGetAllUsers", "responsetype": "json"}),
    ("outbound_cdr, one day, JSON", "goReports", {"goAction": "outbound_cdr", "responsetype": "json", **DAY}),
]  # fmt: skip
ROUNDS = 7


def timed(url: str, params: dict) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(ROUNDS):
        start = time.perf_counter()
        answer = requests.get(url, params=params, timeout=120)
        times.append(time.perf_counter() - start)
        size = len(answer.content)
    return statistics.median(times) * 1000, size


def main() -> None:
    with (
        crocodial_mock.running(seed=7, now="2025-05-14T15:30:00") as emulator,
        tempfile.TemporaryDirectory() as out,
    ):
        command = [sys.executable, "-m", "mockserver", "record", "--target", emulator.url, "--out", out]
        recorder = subprocess.Popen(
            [*command, "--port", "0", "--quiet"],
            stdout=subprocess.PIPE,
            text=True,
            env={"PYTHONPATH": str(ROOT)},
        )
        base = re.search(r"http://127\.0\.0\.1:\d+", recorder.stdout.readline()).group(0)
        print(f"| request | body | straight to the emulator | through the recorder (median of {ROUNDS}) |")
        print("|---|---|---|---|")
        try:
            for label, module, params in CASES:
                path = f"/goAPIv2/{module}/goAPI.php"
                requests.get(
                    emulator.url + path, params={**GO, **params}, timeout=120
                )  # warm the answer cache
                direct, size = timed(emulator.url + path, {**GO, **params})
                proxied, _ = timed(base + path, {**GO, **params})
                print(f"| {label} | {size / 1024:.0f} KB | {direct:.1f} ms | {proxied:.1f} ms |")
        finally:
            recorder.send_signal(signal.SIGINT)
            recorder.communicate(timeout=60)
        files = len(list(Path(out).glob("*.json"))) - 1
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            contract_main(["--from-recording", out, "--report-dir", str(Path(out) / "report")])
        seconds = time.perf_counter() - start
        print(f"\n`crocodial-contract --from-recording` on the {files} files: {seconds:.2f} s")


if __name__ == "__main__":
    main()

"""What the pytest plugin and the Python API cost a user's suite.

Run: ``python benchmarks/plugin.py [--runs 5]``. Measures importing the plugin module (what every pytest
start pays once the package is installed, in a fresh interpreter with pytest already imported), starting
an emulator in a thread and answering its first request (default world, seed 7, frozen clock), the
per-test reset the fixture does, a reset followed by the first lead lookup (the seeded leads are rebuilt
lazily after a reset; also with ``leads=2000``), one journal read, and stopping the server.
Prints min / median / max.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
NOW = "2025-05-14T15:30:00"
IMPORT_PLUGIN = (
    "import time, pytest; t = time.perf_counter(); import crocodial_mock.pytest_plugin; "
    "print(time.perf_counter() - t)"
)


def plugin_import() -> float:
    out = subprocess.run([sys.executable, "-c", IMPORT_PLUGIN], cwd=REPO, capture_output=True, text=True)
    return float(out.stdout)


def goapi(server, action: str, **params: str) -> requests.Response:
    data = {"goAction": action, "goUser": server.user, "goPass": server.password, "responsetype": "json"}
    module = "goAgent" if action == "goGetCustomerInfo" else "goUsers"
    return requests.post(server.goapi_url(module), data={**data, **params}, timeout=30)


def timed(step: Callable[[], object]) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def one_run(record: Callable[[str, float], None]) -> None:
    import crocodial_mock

    record("import crocodial_mock.pytest_plugin", plugin_import())
    started = time.perf_counter()
    server = crocodial_mock.running(seed=7, now=NOW).start()
    record("start: emulator built and listening", time.perf_counter() - started)
    record(
        "first request (goGetAllUsers, builds the directory)", timed(lambda: goapi(server, "goGetAllUsers"))
    )
    record("reset() (what the fixture does before each test)", timed(server.reset))

    def lookup() -> requests.Response:
        return goapi(server, "goGetCustomerInfo", lead_id="14246")

    record("first lead lookup (the 20,000 seeded leads built)", timed(lookup))
    record("reset() + lead lookup (seeded leads kept)", timed(lambda: (server.reset(), lookup())))
    record("requests(action=...) with 3 entries", timed(lambda: server.requests(action="goGetCustomerInfo")))
    record("stop()", timed(server.stop))
    with crocodial_mock.running(seed=7, now=NOW, leads=2000) as small:
        record(
            "first lead lookup, leads=2000",
            timed(lambda: goapi(small, "goGetCustomerInfo", lead_id="14246")),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    figures: dict[str, list[float]] = {}
    for _ in range(runs):
        one_run(lambda name, seconds: figures.setdefault(name, []).append(seconds))
    width = max(len(name) for name in figures)
    print(f"{'what':<{width}}  {'min':>9}  {'median':>9}  {'max':>9}")
    for name, values in figures.items():
        cells = [f"{value * 1000:7.1f} ms" for value in (min(values), statistics.median(values), max(values))]
        print(f"{name:<{width}}  {'  '.join(cells)}")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()

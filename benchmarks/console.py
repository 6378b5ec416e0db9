"""What the console costs the emulator: each page rendered in-process, and the journal page's once-a-second
poll with a full journal (1,000 entries, each with up to 2,000 characters of body): the probe it sends
while nothing changes, and the list it fetches when something did. ``python benchmarks/console.py``"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mockserver.app import create_app
from mockserver.config import EmulatorConfig

RUNS = 7
QUERY = {"goAction": "goGetAllUsers", "goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}
MEASURED = (
    ("journal page", "/__admin/"),
    ("stubs page", "/__admin/console/stubs"),
    ("floor page (default world)", "/__admin/console/floor"),
    ("docs page (46 operations, 35 schemas)", "/__admin/console/docs"),
    ("report page, no folder", "/__admin/console/report"),
    ("journal poll while nothing changes: count", "/__admin/requests/count"),
    ("journal poll while nothing changes: newest entry", "/__admin/requests?limit=1"),
    ("journal poll after a change: 200 entries", "/__admin/requests?limit=200"),
)


def timed(client, path: str) -> tuple[float, int]:
    """Median milliseconds of ``RUNS`` requests after one warm-up, and the answer's size in bytes."""
    size = len(client.get(path).data)
    runs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(path)
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), size


def main() -> None:
    client = create_app(EmulatorConfig(seed=7, now="2025-05-14T15:30:00")).test_client()
    for _ in range(1000):
        client.get("/goAPIv2/goUsers/goAPI.php", query_string=QUERY)
    print(f"| what | ms (median of {RUNS}) | bytes |")
    print("|---|---|---|")
    for label, path in MEASURED:
        ms, size = timed(client, path)
        print(f"| {label} | {ms:.1f} | {size:,} |")


if __name__ == "__main__":
    main()

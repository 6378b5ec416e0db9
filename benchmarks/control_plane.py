"""What the control plane costs a request: the clock read, the fault and stub look-ups (and their store
reads) on every goAPI request, in-process, with the memory and the SQLite store, without stubs and with 20
stubs of which none matches. ``python benchmarks/control_plane.py``"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mockserver.app import create_app
from mockserver.config import EmulatorConfig

QUERY = {"goAction": "getAllProfiles", "goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}
REQUESTS = 400


def per_request(state: str | None, stubs: int) -> float:
    client = create_app(EmulatorConfig(seed=7, now="2025-05-14T15:30:00", state=state)).test_client()
    for n in range(stubs):
        client.post(
            "/__admin/mappings",
            json={"request": {"action": "goGetAllUsers", "parameters": {"user": {"equalTo": f"u{n}"}}},
                  "response": {"json": {"result": "success"}}},
        )  # fmt: skip
    client.get("/goAPIv2/goUsers/goAPI.php", query_string=QUERY)  # warm: world built, answer cached
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(REQUESTS):
            client.get("/goAPIv2/goUsers/goAPI.php", query_string=QUERY)
        runs.append((time.perf_counter() - start) / REQUESTS * 1e6)
    return statistics.median(runs)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        sqlite = f"sqlite:///{Path(folder) / 'state.db'}"
        print("| store | stubs | µs per cached goAPI request (median of 5 x 400) |")
        print("|---|---|---|")
        for name, url in (("memory", None), ("sqlite", sqlite)):
            for stubs in (0, 20):
                print(f"| {name} | {stubs} | {per_request(url, stubs):.0f} |")


if __name__ == "__main__":
    main()

"""How long the report actions take on the default-size world (4000 calls a day, 150 agents).

Run: ``python benchmarks/reports.py [--seed 7] [--now 2025-05-14T15:30:00] [--json]``

Measures, each on a fresh world where it says "first":
- the 30-day outbound_cdr the first time (directory, lead store and 30 day generations included) and
  again once the days are cached, handler only and through the app (JSON encoding included);
- every report action over one day, cached;
- one day's generation on its own (the first on a fresh world also reads every campaign's leads).
Timings go here, never into tests (the test suite asserts behaviour only).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mockserver.actions import handler_for
from mockserver.app import create_app
from mockserver.config import EmulatorConfig
from mockserver.params import Params
from mockserver.world import World
from mockserver.world.clock import Clock

ONE_DAY_ACTIONS = (
    "outbound_cdr",
    "inbound_cdr",
    "agent_cdr",
    "exportAgentReport",
    "agent_calls_report",
    "exportPauseReport",
    "inbound_summary_stats",
)


def timed(func: Callable[[], Any], repeat: int = 1) -> tuple[tuple[float, float], Any]:
    """Median (wall, CPU) seconds over ``repeat`` runs, and the last result. CPU time is the steadier
    figure on a shared machine; wall time is what a client waits."""
    walls, cpus = [], []
    result = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = func()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return (statistics.median(walls), statistics.median(cpus)), result


def measure(seed: int, now: str) -> dict[str, Any]:
    today = datetime.fromisoformat(now).date()
    month = {"fromDate": (today - timedelta(days=29)).isoformat(), "toDate": today.isoformat()}
    one_day = {
        "fromDate": (today - timedelta(days=1)).isoformat(),
        "toDate": (today - timedelta(days=1)).isoformat(),
    }
    results: dict[str, Any] = {}

    world = World(seed, clock=Clock.parse(now))
    results["world set-up: directory + lead store (first)"], _ = timed(lambda: world.leads.lead_count())
    outbound = handler_for("outbound_cdr")
    results["outbound_cdr 30 days, first (30 day generations)"], answer = timed(
        lambda: outbound(world, Params(month))
    )
    rows = len(answer["data"]["rows"])
    results["outbound_cdr 30 days, cached"], _ = timed(lambda: outbound(world, Params(month)), repeat=5)
    for action in ONE_DAY_ACTIONS:
        handler = handler_for(action)
        results[f"{action} 1 day, cached"], _ = timed(lambda h=handler: h(world, Params(one_day)), repeat=5)
    for action in ("agent_summary_stats", "agentTimeUsage"):
        handler = handler_for(action)
        results[f"{action} today, cached"], _ = timed(lambda h=handler: h(world, Params({})), repeat=5)
    results["getUserInfo today, cached"], _ = timed(
        lambda: handler_for("getUserInfo")(world, Params({"user": "example.user"})), repeat=5
    )

    fresh = World(seed, clock=Clock.parse(now))
    fresh.leads.lead_count()
    day = date(2025, 5, 6) if today > date(2025, 5, 6) else today - timedelta(days=3)
    results["one day generated, first (lead pools read)"], _ = timed(lambda: fresh.activity.plan(day))
    previous = day - timedelta(days=1)
    results["one more day generated (about 4000 calls)"], _ = timed(lambda: fresh.activity.plan(previous))

    client = create_app(EmulatorConfig(seed=seed, now=now)).test_client()
    query = "&".join(f"{k}={v}" for k, v in {"goAction": "outbound_cdr", **month}.items())
    url = f"/goAPIv2/goReports/goAPI.php?goUser=MyUser&goPass=MyPass&responsetype=json&{query}"
    results["app GET outbound_cdr 30 days JSON, first"], response = timed(lambda: client.get(url))
    results["app GET outbound_cdr 30 days JSON, cached"], response = timed(lambda: client.get(url), repeat=3)
    results["(rows in the 30-day outbound_cdr)"] = rows
    results["(bytes of its JSON answer)"] = len(response.data)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--now", default="2025-05-14T15:30:00")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    results = measure(args.seed, args.now)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    width = max(len(name) for name in results)
    print(f"{'':<{width}}  {'wall':>10}  {'CPU':>10}")
    for name, value in results.items():
        if name.startswith("("):
            print(f"{name:<{width}}  {value:>10,}")
        else:
            print(f"{name:<{width}}  {value[0] * 1000:>7.1f} ms  {value[1] * 1000:>7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

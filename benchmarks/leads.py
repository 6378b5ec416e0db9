"""Lead store and add_lead timings, in-process (no HTTP): what a test suite that loads leads pays.

Run: ``python benchmarks/leads.py [--runs 5]``. Measures seeding the default world's 20000 leads (the
first lead lookup after start-up or ``/__admin/reset``), add_lead from one thread and from 8 threads,
and goGetCustomerInfo by lead id and by phone. Prints min / median / max over the runs.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from collections.abc import Callable
from datetime import datetime

from mockserver.actions import handler_for
from mockserver.lmapi import answer
from mockserver.params import Params
from mockserver.world import World
from mockserver.world.clock import Clock

NOW = datetime(2025, 5, 14, 15, 30)
LOADS = 400


def fresh_world() -> World:
    world = World(1, clock=Clock(NOW))
    world.directory  # noqa: B018  (built outside the timed part)
    return world


def load(world: World, phone: str) -> str:
    params = {
        "user": "MyUser",
        "pass": "MyPass",
        "function": "add_lead",
        "source": "bench",
        "phone_number": phone,
    }
    return answer(world, Params({**params, "duplicate_check": "DUPSYS", "add_to_hopper": "Y"}))


def seeding() -> float:
    world = fresh_world()
    started = time.perf_counter()
    world.leads.lead_count()
    return time.perf_counter() - started


def loads_one_thread() -> float:
    world = fresh_world()
    world.leads.lead_count()
    started = time.perf_counter()
    for i in range(LOADS):
        load(world, f"727555{i:04d}")
    return (time.perf_counter() - started) / LOADS


def loads_eight_threads() -> float:
    world = fresh_world()
    world.leads.lead_count()

    def worker(n: int) -> None:
        for i in range(LOADS // 8):
            load(world, f"72755{n}{i:04d}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return (time.perf_counter() - started) / LOADS


def customer_lookups() -> float:
    world = fresh_world()
    world.leads.lead_count()
    info = handler_for("goGetCustomerInfo")
    started = time.perf_counter()
    for i in range(LOADS):
        info(world, Params({"lead_id": str(10001 + i)}))
        info(world, Params({"phone_number": "8004321000"}))
    return (time.perf_counter() - started) / (2 * LOADS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    measures: list[tuple[str, Callable[[], float], float, str]] = [
        ("seed 20000 leads", seeding, 1000, "ms"),
        ("add_lead, 1 thread", loads_one_thread, 1e6, "us"),
        ("add_lead, 8 threads", loads_eight_threads, 1e6, "us"),
        ("goGetCustomerInfo", customer_lookups, 1e6, "us"),
    ]
    for label, measure, scale, unit in measures:
        values = [measure() * scale for _ in range(runs)]
        print(
            f"{label:20} min {min(values):7.0f} {unit}   median {statistics.median(values):7.0f} {unit}"
            f"   max {max(values):7.0f} {unit}   ({runs} runs)"
        )


if __name__ == "__main__":
    main()

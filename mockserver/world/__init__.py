"""One seeded call centre that every action reads, so answers agree with each other.

The world has an immutable part (the directory of tenants, users, campaigns...; the per-day call
activity, generated lazily and cached) and a mutable part (leads added through add_lead, the hopper).
``reset()`` returns the mutable part to the seeded state.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from mockserver.world.clock import Clock

if TYPE_CHECKING:
    from mockserver.world.activity import ActivityStore
    from mockserver.world.directory import Directory
    from mockserver.world.leads import LeadStore
    from mockserver.world.live import LiveFloor


@dataclass(frozen=True)
class WorldSize:
    """How big the generated call centre is; the defaults are a realistic mid-size centre."""

    users: int = 150
    campaigns: int = 12
    calls_per_day: int = 4000
    leads: int = 20000


class World:
    """Facade over the parts of the call centre; each part is built on first use to keep start-up fast."""

    def __init__(
        self,
        seed: int = 1,
        clock: Clock | None = None,
        size: WorldSize | None = None,
        api_users: Mapping[str, str] | None = None,
    ):
        self.seed = seed
        self.clock = clock or Clock()
        self.size = size or WorldSize()
        self.api_users = dict(api_users or {})
        self.lock = threading.RLock()

    def now(self) -> datetime:
        return self.clock.now()

    @cached_property
    def directory(self) -> Directory:
        from mockserver.world.directory import build_directory

        return build_directory(self.seed, self.size, self.api_users)

    @cached_property
    def activity(self) -> ActivityStore:
        from mockserver.world.activity import ActivityStore

        return ActivityStore(self)

    @cached_property
    def live(self) -> LiveFloor:
        from mockserver.world.live import LiveFloor

        return LiveFloor(self)

    @cached_property
    def leads(self) -> LeadStore:
        from mockserver.world.leads import LeadStore

        return LeadStore(self)

    def reset(self) -> None:
        """Forget every change made through the API (added leads, hopper entries)."""
        with self.lock:
            self.__dict__.pop("leads", None)

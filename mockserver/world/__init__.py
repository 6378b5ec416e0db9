"""One seeded call centre that every action reads, so answers agree with each other.

The world has an immutable part (the directory of tenants, users, campaigns...; the per-day call
activity, generated lazily and cached) and a mutable part (leads added through add_lead, the hopper).
``reset()`` returns the mutable part to the seeded state.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from mockserver.state import StateStore
from mockserver.state.memory import MemoryStore
from mockserver.world.clock import Clock
from mockserver.world.dependence import touch

if TYPE_CHECKING:
    from mockserver.world.activity import ActivityStore
    from mockserver.world.directory import Directory
    from mockserver.world.leads import LeadStore
    from mockserver.world.live import LiveFloor

_Part = TypeVar("_Part")


def settle() -> None:
    """Take what was just built (the directory, 20,000 leads, a day of calls: millions of objects that
    live until evicted, and hold no reference cycles) out of the cyclic garbage collector's sight. Left
    in, each full collection walks all of them, stalling every thread of the process for up to half a
    second during a cold 30-day report; reference counting still frees them when they are dropped."""
    gc.freeze()


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
        state: StateStore | None = None,
    ):
        self.seed = seed
        self.size = size or WorldSize()
        self.api_users = dict(api_users or {})
        self.state = state or MemoryStore()
        self.clock = (clock or Clock()).bound_to(self.state)
        """Where changes made through the API live (shared with other processes serving this world)."""
        self._parts: dict[str, Any] = {}
        self._building = threading.RLock()  # re-entrant: building one part may need another

    def now(self) -> datetime:
        touch(time=self.clock.frozen is None)
        return self.clock.now()

    def _part(self, name: str, build: Callable[[], _Part]) -> _Part:
        """A part built once, however many threads ask for it at the same time."""
        part = self._parts.get(name)
        if part is None:
            with self._building:
                part = self._parts.get(name)
                if part is None:
                    part = self._parts[name] = build()
                    settle()
        return part

    @property
    def seeded_directory(self) -> Directory:
        """The directory the seed gives, which the generated activity, floor and leads are built from."""
        from mockserver.world.directory import build_directory

        return self._part("directory", lambda: build_directory(self.seed, self.size, self.api_users))

    @property
    def directory(self) -> Directory:
        """The seeded directory with the call times and campaigns added through the admin API merged in
        (the seeded one itself when there are none)."""
        from mockserver.world import directory_additions

        merged = self._part("merged_directories", directory_additions.MergedDirectories)
        return merged.get(self.seeded_directory, directory_additions.records(self.state))

    def directory_fingerprint(self) -> str | None:
        """What the additions to the directory are (None: none), for caches keyed by what answers read."""
        from mockserver.world import directory_additions

        return directory_additions.fingerprint(directory_additions.records(self.state))

    @property
    def activity(self) -> ActivityStore:
        from mockserver.world.activity import ActivityStore

        return self._part("activity", lambda: ActivityStore(self))

    @property
    def live(self) -> LiveFloor:
        from mockserver.world.live import LiveFloor

        return self._part("live", lambda: LiveFloor(self))

    @property
    def leads(self) -> LeadStore:
        from mockserver.world.leads import LeadStore

        return self._part("leads", lambda: LeadStore(self))

    def reset(self) -> None:
        """Forget every change made through the API (added leads, hopper entries), in every process."""
        from mockserver.world.leads import STATE_KINDS

        self.state.clear(STATE_KINDS)

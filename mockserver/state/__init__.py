"""Where the emulator's mutable state lives, so several processes (or machines) are one CrocoDial.

The seeded world is a pure function of seed and clock and is computed in every process; only what users
change travels through a :class:`StateStore`: added leads and their hopper entries and callbacks, the
request journal, faults (and whatever the admin API gains later: a new kind of state is a new name, not a
new method). Three backends share one small interface:

- ``memory``: one process (the default with one worker);
- ``sqlite:///path/state.db``: several workers on one machine, no server to run (used automatically
  when ``--workers`` > 1);
- ``redis://host:port/db``: several machines.

A store holds, per *kind* (a name such as ``"leads"`` or ``"journal"``):
- a **log**: records appended with a sequence number, read incrementally (``read(kind, after)``),
  optionally trimmed to the newest N;
- a **table**: records by key (``put``/``table``/``delete``);
- a **counter** (``next_id``), for ids that must be unique across processes.
``clear(kind)`` empties all three and bumps the store's *generation*, which :meth:`StateStore.read`
returns, so a process caching what it read knows to start over. Records are JSON-compatible dicts.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any

Record = dict[str, Any]


class StateStore(ABC):
    """Mutable state shared by every process serving one CrocoDial."""

    url: str

    @abstractmethod
    def locked(self) -> AbstractContextManager[None]:
        """An exclusive section across every process on this store (re-entrant within a thread): for
        changes made of several steps, such as add_lead's duplicate check and the insert it allows."""

    @abstractmethod
    def append(self, kind: str, record: Record, keep: int | None = None) -> int:
        """Add ``record`` to the kind's log and return its sequence number (1, 2, 3... for the kind, never
        reused in the store's life, not even after a clear); with ``keep``, only the newest ``keep`` stay."""

    @abstractmethod
    def read(self, kind: str, after: int = 0) -> tuple[int, list[tuple[int, Record]]]:
        """(generation, the log's records with a sequence number above ``after``, oldest first)."""

    @abstractmethod
    def put(self, kind: str, key: str, record: Record) -> None:
        """Set the kind's table entry ``key``."""

    @abstractmethod
    def delete(self, kind: str, key: str) -> bool:
        """Remove the kind's table entry ``key``; False when there was none."""

    @abstractmethod
    def table(self, kind: str) -> dict[str, Record]:
        """The kind's table."""

    @abstractmethod
    def next_id(self, kind: str) -> int:
        """1, 2, 3... for the kind, atomically across processes, from 1 again after ``clear(kind)``."""

    @abstractmethod
    def clear(self, kinds: Iterable[str]) -> dict[str, int]:
        """Empty each kind's log, table and counter in one step; how many log and table records each
        held. Bumps the generation."""

    def close(self) -> None:
        """Release connections (the state itself stays where it is)."""
        return None


def open_store(url: str | None) -> StateStore:
    """The store a ``--state`` URL names (None or ``memory``: this process only)."""
    if not url or url == "memory":
        from mockserver.state.memory import MemoryStore

        return MemoryStore()
    if url.startswith("sqlite:///"):
        from mockserver.state.sqlite import SqliteStore

        return SqliteStore(url.removeprefix("sqlite:///"))
    if url.startswith(("redis://", "rediss://", "unix://")):
        from mockserver.state.redis_store import RedisStore

        return RedisStore(url)
    raise ValueError(f"unknown state store {url!r}: expected memory, sqlite:///PATH or redis://HOST:PORT/DB")

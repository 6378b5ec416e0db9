"""The state of one process, in its memory: the default for a single worker (and for tests)."""

from __future__ import annotations

import itertools
import threading
from bisect import bisect_right
from collections.abc import Iterable
from contextlib import AbstractContextManager

from mockserver.state import Record, StateStore


class MemoryStore(StateStore):
    """Dictionaries behind one re-entrant lock; records are kept as given (callers never mutate them)."""

    url = "memory"

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._logs: dict[str, list[tuple[int, Record]]] = {}
        self._tables: dict[str, dict[str, Record]] = {}
        self._counters: dict[str, int] = {}
        self._sequences: dict[str, itertools.count[int]] = {}
        self._generation = 0

    def locked(self) -> AbstractContextManager[None]:
        return self._lock  # type: ignore[return-value]

    def append(self, kind: str, record: Record, keep: int | None = None) -> int:
        with self._lock:
            seq = next(self._sequences.setdefault(kind, itertools.count(1)))
            log = self._logs.setdefault(kind, [])
            log.append((seq, record))
            if keep is not None and len(log) > keep:
                del log[: len(log) - keep]
            return seq

    def read(self, kind: str, after: int = 0) -> tuple[int, list[tuple[int, Record]]]:
        with self._lock:
            log = self._logs.get(kind, [])
            return self._generation, log[bisect_right(log, after, key=_seq) :]

    def put(self, kind: str, key: str, record: Record) -> None:
        with self._lock:
            self._tables.setdefault(kind, {})[key] = record

    def delete(self, kind: str, key: str) -> bool:
        with self._lock:
            return self._tables.get(kind, {}).pop(key, None) is not None

    def table(self, kind: str) -> dict[str, Record]:
        with self._lock:
            return dict(self._tables.get(kind, {}))

    def next_id(self, kind: str) -> int:
        with self._lock:
            value = self._counters[kind] = self._counters.get(kind, 0) + 1
            return value

    def clear(self, kinds: Iterable[str]) -> dict[str, int]:
        with self._lock:
            counts = {}
            for kind in kinds:
                counts[kind] = len(self._logs.pop(kind, ())) + len(self._tables.pop(kind, {}))
                self._counters.pop(kind, None)
            self._generation += 1
            return counts


def _seq(entry: tuple[int, Record]) -> int:
    return entry[0]

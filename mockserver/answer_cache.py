"""Encoded answers that cannot change, kept as bytes: a warm 1 MB report is a dictionary lookup.

Bounded by the bytes it holds (least recently used first out), so memory stays flat whatever clients
ask. One cache per emulator process; the key says everything the bytes depend on (action, every
parameter, encoding, and the clock in force), so a hit is byte-identical to a fresh answer.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

DEFAULT_MAX_MB = 64
"""The default bound: about sixty 1 MB day reports, or two 30-day ones, per worker."""
LARGEST_SHARE = 4
"""An answer bigger than a quarter of the cache is not kept (it would evict everything else)."""


class AnswerCache:
    """A thread-safe LRU of encoded answers, bounded by their size in bytes (``max_bytes`` 0: off)."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[0]

    def put(self, key: Hashable, value: Any, size: int) -> None:
        """Keep ``value`` (holding ``size`` bytes of encoded answer) unless it is too big to be worth it."""
        if size * LARGEST_SHARE > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._entries[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, (_, evicted) = self._entries.popitem(last=False)
                self._bytes -= evicted

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {
                "entries": len(self._entries),
                "bytes": self._bytes,
                "max_bytes": self.max_bytes,
                "hits": self.hits,
                "misses": self.misses,
            }

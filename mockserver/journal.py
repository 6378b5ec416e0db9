"""The request journal behind ``GET /__admin/requests`` (WireMock's convention): bounded, thread-safe,
and holding no credentials, so it is safe to dump into a CI log."""

from __future__ import annotations

import itertools
import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from mockserver.php_params import redacted

MAX_VALUE_CHARS = 200
"""Longer parameter values are cut in the journal so a flood of huge requests stays bounded."""


@dataclass(frozen=True)
class JournalEntry:
    id: int
    logged_at: str
    method: str
    path: str
    endpoint: str
    action: str | None
    params: Mapping[str, Any]
    answer: str
    outcome: str
    body_bytes: int
    emulator_error: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _shorten(value: Any) -> Any:
    if isinstance(value, str):
        return value if len(value) <= MAX_VALUE_CHARS else value[:MAX_VALUE_CHARS] + "..."
    if isinstance(value, list):
        return [_shorten(item) for item in value[:50]]
    if isinstance(value, Mapping):
        return {key: _shorten(item) for key, item in list(value.items())[:50]}
    return value


class Journal:
    """The most recent ``capacity`` requests, newest last."""

    def __init__(self, capacity: int = 1000):
        self._entries: deque[JournalEntry] = deque(maxlen=capacity)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def record(self, *, params: Mapping[str, Any], **fields: Any) -> JournalEntry:
        safe = {key: _shorten(value) for key, value in redacted(params).items()}
        with self._lock:
            entry = JournalEntry(
                id=next(self._ids),
                logged_at=datetime.now(UTC).isoformat(timespec="milliseconds"),
                params=safe,
                **fields,
            )
            self._entries.append(entry)
        return entry

    def entries(self) -> list[JournalEntry]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> int:
        with self._lock:
            count = len(self._entries)
            self._entries.clear()
            return count

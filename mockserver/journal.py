"""The request journal behind ``GET /__admin/requests`` (WireMock's convention): bounded, thread-safe,
and holding no credentials, so it is safe to dump into a CI log."""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from mockserver.php_params import redacted
from mockserver.state import StateStore
from mockserver.state.memory import MemoryStore

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
    served_by: str = ""
    """``host:pid`` of the process that answered (several workers or emulators can share one journal)."""

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


_HOST = socket.gethostname()
KIND = "journal"
"""The state store's kind holding the journal (one journal for every process on the store)."""


class Journal:
    """The most recent ``capacity`` requests, newest last, in the state store: with several workers or
    emulators on one store, it shows the requests each of them served."""

    def __init__(self, capacity: int = 1000, store: StateStore | None = None):
        self.capacity = capacity
        self._store = store or MemoryStore()

    def record(self, *, params: Mapping[str, Any], **fields: Any) -> JournalEntry:
        safe = {key: _shorten(value) for key, value in redacted(params).items()}
        values = {
            "logged_at": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "params": safe,
            **fields,
            "served_by": f"{_HOST}:{os.getpid()}",
        }
        seq = self._store.append(KIND, values, keep=self.capacity)
        return JournalEntry(id=seq, **values)

    def entries(self) -> list[JournalEntry]:
        _, records = self._store.read(KIND)
        return [JournalEntry(id=seq, **record) for seq, record in records]

    def clear(self) -> int:
        return self._store.clear([KIND])[KIND]

"""The request journal behind ``GET /__admin/requests`` (WireMock's convention): bounded, thread-safe,
and holding no credentials, so it is safe to dump into a CI log."""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from mockserver.php_params import CREDENTIAL_PARAMETERS, redacted
from mockserver.state import StateStore
from mockserver.state.memory import MemoryStore

MAX_VALUE_CHARS = 200
"""Longer parameter values are cut in the journal so a flood of huge requests stays bounded."""
MAX_BODY_CHARS = 2000
"""The journal keeps the first characters of each response body (``body_bytes`` says the full size)."""
UNMATCHED_OUTCOMES = frozenset(
    {
        "error: Command Not Found",
        "error: Command NOT Found",
        "error: goAction should NOT be empty",
        "ERROR: NO FUNCTION SPECIFIED",
        "not found",
    }
)
"""Outcomes of a request no action answered: an unknown goAction or lmapi function, or a URL Apache
would answer 404 (the journal's ``matched`` is False for them, like WireMock's unmatched requests)."""


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
    status: int = 200
    duration_ms: float = 0.0
    response_body: str = ""
    """The first ``MAX_BODY_CHARS`` characters of the body, passwords masked (lmapi echoes them)."""
    matched: bool = True
    response_headers: Mapping[str, str] = field(default_factory=dict)
    """The answer's headers as sent (the console shows them beside the body)."""

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


def response_text(body: bytes, params: Mapping[str, Any]) -> str:
    """The body as text, bounded, with every password the request carried masked."""
    text = body[: MAX_BODY_CHARS * 4 + 1024].decode("utf-8", "replace")
    secrets = {value for key, value in params.items() if key in CREDENTIAL_PARAMETERS}
    secrets = {value for value in secrets if isinstance(value, str)}
    for secret in sorted(secrets - {""}, key=len, reverse=True):
        text = text.replace(secret, "***")  # before cutting, so no half of a password survives the cut
    return text[:MAX_BODY_CHARS]


_HOST = socket.gethostname()
KIND = "journal"
"""The state store's kind holding the journal (one journal for every process on the store)."""


class Journal:
    """The most recent ``capacity`` requests, newest last, in the state store: with several workers or
    emulators on one store, it shows the requests each of them served."""

    def __init__(self, capacity: int = 1000, store: StateStore | None = None):
        self.capacity = capacity
        self._store = store or MemoryStore()

    def record(self, *, params: Mapping[str, Any], body: bytes = b"", **fields: Any) -> JournalEntry:
        safe = {key: _shorten(value) for key, value in redacted(params).items()}
        values = {
            "logged_at": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "params": safe,
            "response_body": response_text(body, params),
            "matched": fields.get("outcome") not in UNMATCHED_OUTCOMES,
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

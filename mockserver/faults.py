"""Faults a test can switch on through the admin API, to see how a client copes with a bad day.

Kept to what CrocoDial really does on a bad day (upstream-facts A5): an empty HTTP 200 body (an action
that sets no result), a PHP fatal error (HTTP 500, empty body), and slowness. A fault can be limited to
one goAction (or lmapi function) and to a number of requests, like a WireMock stub with a fault.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from mockserver.state import StateStore
from mockserver.state.memory import MemoryStore

FAULT_TYPES = ("NONE", "EMPTY_BODY", "PHP_FATAL")
"""NONE answers normally (use it with ``delay_ms``); EMPTY_BODY is HTTP 200 with no body;
PHP_FATAL is HTTP 500 with no body, as PHP answers an uncaught error with display_errors off."""
MAX_DELAY_MS = 120_000


class FaultSpecError(ValueError):
    """The admin request describing a fault is not valid; the message says why."""


@dataclass(frozen=True)
class Fault:
    id: int
    fault: str
    action: str | None
    delay_ms: int
    times: int | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _fault_from(spec: Mapping[str, Any], fault_id: int) -> Fault:
    unknown = set(spec) - {"fault", "action", "delay_ms", "times"}
    if unknown:
        raise FaultSpecError(f"unknown fields: {', '.join(sorted(unknown))}")
    fault = spec.get("fault", "NONE")
    if fault not in FAULT_TYPES:
        raise FaultSpecError(f"fault must be one of {', '.join(FAULT_TYPES)}")
    action = spec.get("action")
    if action is not None and not isinstance(action, str):
        raise FaultSpecError("action must be a goAction (or lmapi function) name")
    delay = spec.get("delay_ms", 0)
    if not isinstance(delay, int) or isinstance(delay, bool) or not 0 <= delay <= MAX_DELAY_MS:
        raise FaultSpecError(f"delay_ms must be an integer from 0 to {MAX_DELAY_MS}")
    times = spec.get("times")
    if times is not None and (not isinstance(times, int) or isinstance(times, bool) or times < 1):
        raise FaultSpecError("times must be a positive integer (omit it for every request)")
    if fault == "NONE" and delay == 0:
        raise FaultSpecError("a NONE fault needs a delay_ms")
    return Fault(fault_id, fault, action, delay, times)


KIND = "faults"
"""The state store's kind holding the active faults (shared by every process on the store)."""


class FaultBook:
    """The active faults, in the state store; the oldest matching one applies to a request."""

    def __init__(self, store: StateStore | None = None) -> None:
        self._store = store or MemoryStore()

    def add(self, spec: Mapping[str, Any]) -> Fault:
        _fault_from(spec, 0)  # refuse a bad spec before an id is spent on it
        fault = _fault_from(spec, self._store.next_id(KIND))
        self._store.put(KIND, str(fault.id), fault.as_dict())
        return fault

    def take(self, action: str | None) -> Fault | None:
        """The fault for a request naming ``action``, counting it against ``times``."""
        fault = self._first(action)
        if fault is None or fault.times is None:
            return fault
        with self._store.locked():  # another process may be counting the same fault down
            fault = self._first(action)
            if fault is not None and fault.times is not None:
                if fault.times > 1:
                    self._store.put(KIND, str(fault.id), {**fault.as_dict(), "times": fault.times - 1})
                else:
                    self._store.delete(KIND, str(fault.id))
            return fault

    def _first(self, action: str | None) -> Fault | None:
        for fault in self.active():
            if fault.action is None or fault.action == action:
                return fault
        return None

    def active(self) -> list[Fault]:
        return sorted((Fault(**record) for record in self._store.table(KIND).values()), key=lambda f: f.id)

    def clear(self) -> int:
        return self._store.clear([KIND])[KIND]

"""Faults a test can switch on through the admin API, to see how a client copes with a bad day.

Each kind is something a client of a real CrocoDial meets (upstream-facts A5, and what PHP and Apache
do when things go wrong); ``mockserver/fault_wire.py`` puts them on the wire. A fault can be limited to
one goAction (or lmapi function), to a number of requests (``times``), and to a share of them
(``percent``, chosen by a seeded hash of the request's rank, so a run with the same seed and the same
requests faults the same ones), like a WireMock stub with a fault.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from mockserver.state import StateStore
from mockserver.state.memory import MemoryStore

FAULT_TYPES = (
    "NONE",
    "DELAY",
    "EMPTY_BODY",
    "PHP_FATAL",
    "PHP_WARNING",
    "TRUNCATED_BODY",
    "SLOW_BODY",
    "CONNECTION_RESET",
)
"""What a client sees (README "Faults"): NONE and DELAY answer normally after ``delay_ms``; EMPTY_BODY
is HTTP 200 with no body; PHP_FATAL is HTTP 500 with no body (an uncaught error, display_errors off);
PHP_WARNING is the normal answer preceded by PHP's HTML warning (display_errors on); TRUNCATED_BODY
announces the whole body in Content-Length, sends half and closes; SLOW_BODY sends the body in ``chunks``
pieces spread over ``delay_ms``; CONNECTION_RESET resets the TCP connection before any byte is sent."""
RUNS_THE_ACTION = frozenset({"NONE", "DELAY", "PHP_WARNING", "TRUNCATED_BODY", "SLOW_BODY"})
"""Kinds that still run the action (its effect happens; only the answer is spoiled)."""
MAX_DELAY_MS = 120_000
MAX_CHUNKS = 1000
FIELDS = ("fault", "action", "delay_ms", "times", "percent", "seed", "chunks")


class FaultSpecError(ValueError):
    """The admin request describing a fault is not valid; the message says why."""


@dataclass(frozen=True)
class Fault:
    id: int
    fault: str
    action: str | None
    delay_ms: int
    times: int | None
    percent: float | None = None
    seed: int = 0
    chunks: int = 8
    seen: int = 0
    """Requests this fault has been considered for (the rank ``percent`` draws on)."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def fires(self, rank: int) -> bool:
        """Whether the ``rank``-th request considered (1, 2, 3...) is faulted: a fixed draw per rank."""
        if self.percent is None:
            return True
        digest = hashlib.sha256(f"{self.seed}:{self.id}:{rank}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64 * 100 < self.percent


def _integer(spec: Mapping[str, Any], name: str, low: int, high: int | None, default: Any) -> Any:
    value = spec.get(name, default)
    if value is default:
        return value
    if not isinstance(value, int) or isinstance(value, bool) or value < low or (high and value > high):
        bound = f"from {low} to {high}" if high else f"of at least {low}"
        raise FaultSpecError(f"{name} must be an integer {bound}")
    return value


def _fault_from(spec: Mapping[str, Any], fault_id: int, known_actions: Collection[str]) -> Fault:
    unknown = set(spec) - set(FIELDS)
    if unknown:
        raise FaultSpecError(f"unknown fields: {', '.join(sorted(unknown))}; known: {', '.join(FIELDS)}")
    fault = spec.get("fault", "NONE")
    if fault not in FAULT_TYPES:
        raise FaultSpecError(f"fault must be one of {', '.join(FAULT_TYPES)}")
    action = spec.get("action")
    if action is not None and not isinstance(action, str):
        raise FaultSpecError("action must be a goAction (or lmapi function) name")
    if action is not None and known_actions and action not in known_actions:
        raise FaultSpecError(f"unknown action {action!r}: no goAction or lmapi function has that name")
    delay = _integer(spec, "delay_ms", 0, MAX_DELAY_MS, 0)
    times = _integer(spec, "times", 1, None, None)
    seed = _integer(spec, "seed", 0, None, 0)
    chunks = _integer(spec, "chunks", 2, MAX_CHUNKS, 8)
    percent = spec.get("percent")
    if percent is not None and (
        not isinstance(percent, int | float) or isinstance(percent, bool) or not 0 < percent <= 100
    ):
        raise FaultSpecError("percent must be a number above 0 and at most 100")
    if fault in ("NONE", "DELAY") and delay == 0:
        raise FaultSpecError(f"a {fault} fault needs a delay_ms")
    if fault == "SLOW_BODY" and delay == 0:
        raise FaultSpecError("a SLOW_BODY fault needs a delay_ms (the time the body takes to trickle in)")
    return Fault(fault_id, fault, action, delay, times, percent, seed, chunks)


KIND = "faults"
"""The state store's kind holding the active faults (shared by every process on the store)."""


class FaultBook:
    """The active faults, in the state store; the oldest matching one that fires applies to a request."""

    def __init__(self, store: StateStore | None = None, known_actions: Collection[str] = ()) -> None:
        self._store = store or MemoryStore()
        self._known = frozenset(known_actions)

    def add(self, spec: Mapping[str, Any]) -> Fault:
        _fault_from(spec, 0, self._known)  # refuse a bad spec before an id is spent on it
        fault = _fault_from(spec, self._store.next_id(KIND), self._known)
        self._store.put(KIND, str(fault.id), fault.as_dict())
        return fault

    def take(self, action: str | None) -> Fault | None:
        """The fault for a request naming ``action``, counting it against ``times`` and ``percent``."""
        candidates = self._matching(action)
        if not candidates:
            return None
        if all(fault.times is None and fault.percent is None for fault in candidates):
            return candidates[0]  # nothing to count: no lock needed
        with self._store.locked():  # another process may be counting the same fault
            for fault in self._matching(action):
                if fault.percent is not None:
                    fault = Fault(**{**fault.as_dict(), "seen": fault.seen + 1})
                    self._store.put(KIND, str(fault.id), fault.as_dict())
                    if not fault.fires(fault.seen):
                        continue
                if fault.times is not None:
                    if fault.times > 1:
                        self._store.put(KIND, str(fault.id), {**fault.as_dict(), "times": fault.times - 1})
                    else:
                        self._store.delete(KIND, str(fault.id))
                return fault
        return None

    def _matching(self, action: str | None) -> list[Fault]:
        return [fault for fault in self.active() if fault.action is None or fault.action == action]

    def active(self) -> list[Fault]:
        return sorted((Fault(**record) for record in self._store.table(KIND).values()), key=lambda f: f.id)

    def remove(self, fault_id: str) -> bool:
        """Switch one fault off; False when no active fault has that id."""
        return self._store.delete(KIND, fault_id)

    def clear(self) -> int:
        return self._store.clear([KIND])[KIND]

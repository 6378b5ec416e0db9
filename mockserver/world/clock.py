"""The emulator's notion of "now": frozen for reproducible runs, the wall clock otherwise, and steerable
through ``/__admin/clock`` (set, advance, freeze, run).

The world is a pure function of seed and clock, so moving the clock is all it takes for new calls and
sessions to appear, the live floor to move and today's reports to cover the new hours. A clock set through
the admin API lives in the state store (every process on the store shares it); each request reads it once
(:meth:`Clock.pinned`), so one answer never mixes two instants.
"""

from __future__ import annotations

import time as wall
from contextvars import ContextVar, Token
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mockserver.state import StateStore

FIRST_YEAR = 1900
LAST_YEAR = 9990
KIND = "clock"
"""The state store's kind holding the clock set through the admin API (absent: the configured clock)."""
_KEY = "clock"
_UNPINNED: Any = object()
_pinned: ContextVar[Any] = ContextVar("crocodial_clock", default=_UNPINNED)


class ClockError(ValueError):
    """An instant the world cannot use; the message says why."""


def checked(instant: datetime) -> datetime:
    """``instant`` to the second, naive, within the years the world can look back from."""
    instant = instant.replace(microsecond=0, tzinfo=None)
    if not FIRST_YEAR <= instant.year <= LAST_YEAR:
        # The world looks two years back (call history, lead entry dates) and a day ahead.
        years = f"{FIRST_YEAR}-{LAST_YEAR}"
        raise ClockError(f"the clock must be within the years {years}, got {instant.isoformat()}")
    return instant


class Clock:
    """A frozen clock gives byte-identical answers across restarts; a live one moves with time.

    ``Clock(instant)`` is frozen at ``instant``; ``Clock()`` follows the wall clock. Bound to a state
    store, the admin API can override either: frozen at an instant, or running from an instant.
    Times are naive and in the call centre's local time, as VICIdial stores them."""

    def __init__(self, frozen: datetime | None = None, store: StateStore | None = None) -> None:
        self.configured = frozen
        self._store = store

    def bound_to(self, store: StateStore) -> Clock:
        return Clock(self.configured, store)

    # -- reading ------------------------------------------------------------------------------------

    def setting(self) -> dict[str, Any] | None:
        """The clock set through the admin API (None: the configured one); pinned within a request."""
        pinned = _pinned.get()
        if pinned is not _UNPINNED:
            return pinned
        return None if self._store is None else self._store.table(KIND).get(_KEY)

    @property
    def frozen(self) -> datetime | None:
        setting = self.setting()
        if setting is None:
            return self.configured
        return datetime.fromisoformat(setting["at"]) if setting["mode"] == "frozen" else None

    def now(self) -> datetime:
        return self._now(self.setting())

    def _now(self, setting: dict[str, Any] | None) -> datetime:
        if setting is None:
            return self.configured or datetime.now().replace(microsecond=0)
        at = datetime.fromisoformat(setting["at"])
        if setting["mode"] == "frozen":
            return at
        return at + timedelta(seconds=int(wall.time() - setting["anchor"]))

    def mode(self) -> str:
        """``frozen``, ``running`` (from an instant set through the admin API) or ``live`` (wall clock)."""
        setting = self.setting()
        if setting is None:
            return "frozen" if self.configured is not None else "live"
        return setting["mode"]

    def pin(self) -> Token[Any]:
        """Read the clock's setting once for what follows in this context (one request), until
        :meth:`unpin`."""
        return _pinned.set(None if self._store is None else self._store.table(KIND).get(_KEY))

    @staticmethod
    def unpin(token: Token[Any]) -> None:
        _pinned.reset(token)

    def state(self) -> dict[str, Any]:
        """What ``GET /__admin/clock`` shows, read afresh from the store."""
        setting = self._fresh_setting() if self._store is not None else None
        configured = self.configured.isoformat() if self.configured else None
        mode = setting["mode"] if setting else ("frozen" if self.configured is not None else "live")
        return {"now": self._now(setting).isoformat(), "mode": mode, "configured": configured}

    # -- steering (the admin API) -------------------------------------------------------------------

    def set(self, instant: datetime, mode: str | None = None) -> datetime:
        """Jump to ``instant``; stay frozen or running as now unless ``mode`` says otherwise."""
        store = self._require_store()
        with store.locked():
            mode = mode or ("frozen" if self._fresh_mode() == "frozen" else "running")
            instant = checked(instant)
            store.put(KIND, _KEY, {"mode": mode, "at": instant.isoformat(), "anchor": wall.time()})
            return instant

    def advance(self, delta: timedelta) -> datetime:
        store = self._require_store()
        with store.locked():  # read and move in one step: two advances from two processes both count
            return self.set(self._fresh_now() + delta)

    def freeze(self) -> datetime:
        store = self._require_store()
        with store.locked():
            return self.set(self._fresh_now(), "frozen")

    def run(self) -> datetime:
        store = self._require_store()
        with store.locked():
            return self.set(self._fresh_now(), "running")

    def _fresh_setting(self) -> dict[str, Any] | None:
        return self._require_store().table(KIND).get(_KEY)

    def _fresh_now(self) -> datetime:
        return self._now(self._fresh_setting())

    def _fresh_mode(self) -> str:
        setting = self._fresh_setting()
        if setting is None:
            return "frozen" if self.configured is not None else "live"
        return setting["mode"]

    def _require_store(self) -> StateStore:
        if self._store is None:
            raise RuntimeError("this clock is not bound to a state store")
        return self._store

    @classmethod
    def parse(cls, text: str | None) -> Clock:
        """Build from ``--now YYYY-MM-DDTHH:MM:SS`` (None or empty: the wall clock)."""
        if not text:
            return cls()
        try:
            return cls(checked(datetime.fromisoformat(text)))
        except ClockError:
            raise ValueError(
                f"the clock must be within the years {FIRST_YEAR}-{LAST_YEAR}, got {text!r}"
            ) from None

    def __repr__(self) -> str:
        return f"Clock(configured={self.configured!r}, store={self._store!r})"

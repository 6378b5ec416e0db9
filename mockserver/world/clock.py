"""The emulator's notion of "now": frozen for reproducible runs, the wall clock otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

FIRST_YEAR = 1900
LAST_YEAR = 9990


@dataclass(frozen=True)
class Clock:
    """A frozen clock gives byte-identical answers across restarts; a live one moves with time.

    Times are naive and in the call centre's local time, as VICIdial stores them."""

    frozen: datetime | None = None

    def now(self) -> datetime:
        if self.frozen is not None:
            return self.frozen
        return datetime.now().replace(microsecond=0)

    @classmethod
    def parse(cls, text: str | None) -> Clock:
        """Build from ``--now YYYY-MM-DDTHH:MM:SS`` (None or empty: the wall clock)."""
        if not text:
            return cls()
        instant = datetime.fromisoformat(text).replace(microsecond=0, tzinfo=None)
        if not FIRST_YEAR <= instant.year <= LAST_YEAR:
            # The world looks two years back (call history, lead entry dates) and a day ahead.
            raise ValueError(f"the clock must be within the years {FIRST_YEAR}-{LAST_YEAR}, got {text!r}")
        return cls(instant)

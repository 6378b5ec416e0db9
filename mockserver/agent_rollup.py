"""Agent sessions added up per report row: per (user, portfolio), per user, over any set of days."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from mockserver.world.activity import SessionTotals
from mockserver.world.calls import (
    BREAK_CODES,
    DIALER,
    DISPOSITIONS,
    INBOUND,
    MANUAL,
    NOT_BILLABLE_CODES,
    Call,
)


@dataclass
class Rollup:
    """Seconds per state, pause codes and calls of one report row's sessions."""

    user: str
    tenant: str
    profile_id: str
    days: set[date] = field(default_factory=set)
    first: datetime | None = None
    last: datetime | None = None
    wait: int = 0
    talk: int = 0
    dead: int = 0
    dispo: int = 0
    wrapup: int = 0
    pauses: Counter[str] = field(default_factory=Counter)
    calls: list[Call] = field(default_factory=list)

    def add(self, session: SessionTotals) -> None:
        self.days.add(session.day)
        first, last = session.first_activity, session.last_activity
        self.first = first if self.first is None else min(self.first, first)
        self.last = last if self.last is None else max(self.last, last)
        self.wait += session.wait
        self.talk += session.talk
        self.dead += session.dead
        self.dispo += session.dispo
        self.wrapup += session.wrapup
        self.pauses.update(session.pauses)
        self.calls.extend(session.calls)

    @property
    def pause_total(self) -> int:
        return sum(self.pauses.values())

    @property
    def break_total(self) -> int:
        return sum(self.pauses[code] for code in BREAK_CODES)

    @property
    def not_billable(self) -> int:
        return sum(self.pauses[code] for code in NOT_BILLABLE_CODES)

    @property
    def login(self) -> int:
        return self.wait + self.talk + self.dead + self.dispo + self.wrapup + self.pause_total

    @property
    def total_calls(self) -> int:
        return len(self.calls)

    def count_type(self, call_type: str) -> int:
        return sum(1 for call in self.calls if call.call_type == call_type)

    @property
    def manual(self) -> int:
        return self.count_type(MANUAL)

    @property
    def inbound(self) -> int:
        return self.count_type(INBOUND)

    @property
    def dialer(self) -> int:
        return self.count_type(DIALER)

    @property
    def manual_talk(self) -> int:
        return sum(call.talk for call in self.calls if call.call_type == MANUAL)

    def count_status(self, predicate: Callable[[Call], bool]) -> int:
        return sum(1 for call in self.calls if predicate(call))

    def count_flag(self, flag: str) -> int:
        """Calls whose disposition counts as ``flag`` (sale, denied, lip, vrf, voicemail, no_answer)."""
        return sum(1 for call in self.calls if getattr(DISPOSITIONS[call.status], flag))

    def most_frequent_status(self) -> str | None:
        if not self.calls:
            return None
        counts = Counter(call.status for call in self.calls)
        return min(counts, key=lambda status: (-counts[status], status))


def roll_up(
    sessions: Iterable[SessionTotals], key: Callable[[SessionTotals], Hashable]
) -> dict[Hashable, Rollup]:
    """Sessions grouped by ``key`` (insertion order follows the sessions); a row's profile is the
    agent's own, its portfolio the first session's."""
    rollups: dict[Hashable, Rollup] = {}
    for session in sessions:
        k = key(session)
        rollup = rollups.get(k)
        if rollup is None:
            rollup = rollups[k] = Rollup(session.user, session.tenant, session.profile_id)
        rollup.add(session)
    return rollups

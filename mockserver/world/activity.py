"""The call centre's history: calls and agent sessions, one day at a time, lazily and cached.

A day is generated on first use from ``rng(seed, "day", date)`` (see ``day_plan.py``) and kept in a
bounded LRU, so a 30-day report costs 30 day generations once and dictionary lookups afterwards.
"Now" is respected everywhere: a future day is empty, and today only holds what had finished by
``world.now()`` (a call appears once its agent has dispositioned it).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from mockserver.world import settle
from mockserver.world.call_leads import LeadPool
from mockserver.world.calls import (
    BREAK_CODES,
    DEAD,
    DISPO,
    PAUSE,
    TALK,
    WAIT,
    WRAPUP,
    Call,
    Session,
)
from mockserver.world.day_plan import DayPlan, generate_day, staffing_shares
from mockserver.world.dependence import touch
from mockserver.world.shifts import logged_in_windows, rostered_hours, staffed_shifts

if TYPE_CHECKING:
    from mockserver.world import World
    from mockserver.world.entities import Campaign, User

DAY_SECONDS = 86400
HISTORY_DAYS = 730
"""How far back the call history goes before today (ERRATA W14)."""
MAX_CACHED_DAYS = 120
"""About 1.2 MB a day at the default size: a 92-day report stays in memory, at most about 150 MB."""


@dataclass(slots=True)
class SessionTotals:
    """An agent session added up over a time window: seconds per state and the calls it contains.

    ``login`` is the sum of the states, so every report's columns add up to its login time."""

    day: date
    user: str
    tenant: str
    profile_id: str
    campaign_id: str
    first: int = DAY_SECONDS
    last: int = 0
    wait: int = 0
    talk: int = 0
    dead: int = 0
    dispo: int = 0
    wrapup: int = 0
    pauses: dict[str, int] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)

    @property
    def pause_total(self) -> int:
        return sum(self.pauses.values())

    @property
    def break_total(self) -> int:
        return sum(seconds for code, seconds in self.pauses.items() if code in BREAK_CODES)

    @property
    def login(self) -> int:
        return self.wait + self.talk + self.dead + self.dispo + self.wrapup + self.pause_total

    @property
    def first_activity(self) -> datetime:
        return datetime.combine(self.day, time()) + timedelta(seconds=self.first)

    @property
    def last_activity(self) -> datetime:
        return datetime.combine(self.day, time()) + timedelta(seconds=self.last)


@dataclass(frozen=True)
class ActivityWindow:
    """The calls (chronological) and agent sessions of a time window."""

    calls: list[Call]
    sessions: list[SessionTotals]


class ActivityStore:
    """Per-day calls and agent sessions of one world."""

    def __init__(self, world: World, max_cached_days: int = MAX_CACHED_DAYS):
        self._world = world
        self._max = max_cached_days
        self._days: OrderedDict[date, DayPlan] = OrderedDict()
        self._lock = threading.Lock()
        self._pending: dict[date, Future[DayPlan]] = {}
        self.leads = LeadPool(world)
        """The leads calls reach (CDR rows show their vendor code, list and entry date)."""
        self._agent_options: dict[str, list[tuple[str, list[Campaign]]]] | None = None
        self._staffing_shares: tuple[float, ...] | None = None
        self.generated_days = 0
        """How many day generations ran (a cached day is not generated again)."""

    # -- days ---------------------------------------------------------------------------------------

    def plan(self, day: date) -> DayPlan:
        """The whole of ``day`` as generated, ignoring "now" (callers cut it with :meth:`window`).

        A day is generated once: a thread asking for a day another thread is generating waits for
        that generation instead of repeating it, and threads asking for other days do not wait."""
        with self._lock:
            plan = self._days.get(day)
            if plan is not None:
                self._days.move_to_end(day)
                return plan
            pending = self._pending.get(day)
            owner = pending is None
            if owner:
                pending = self._pending[day] = Future()
        if not owner:
            return pending.result()
        try:
            plan = self._generate(day)
        except BaseException as error:
            with self._lock:
                del self._pending[day]
            pending.set_exception(error)
            raise
        settle()
        with self._lock:
            self._days[day] = plan
            del self._pending[day]
            while len(self._days) > self._max:
                self._days.popitem(last=False)
        pending.set_result(plan)
        return plan

    def _generate(self, day: date) -> DayPlan:
        directory = self._world.seeded_directory
        agents = [agent for agent in directory.agents() if agent.active]
        options = self._options(agents)
        seed = self._world.seed
        shares = self._staffing(agents)
        shift_days = (day,) if day == date.min else (day - timedelta(days=1), day)  # yesterday's night shift
        staffed = {d: staffed_shifts(seed, agents, d, shares[d.weekday()]) for d in shift_days}
        plan = generate_day(
            seed,
            day,
            agents,
            lambda agent: options.get(agent.user, []),
            lambda agent: logged_in_windows(seed, agent, day, staffed.__getitem__),
            self.leads,
            self._world.size.calls_per_day,
        )
        with self._lock:
            self.generated_days += 1
        return plan

    def _staffing(self, agents: Sequence[User]) -> tuple[float, ...]:
        """Share of the roster that logs in per weekday, sized to the day's volume (computed once; a pure
        function of the directory and size, so two threads computing it at once agree)."""
        if self._staffing_shares is None:
            others, always_in = rostered_hours(self._world.seed, agents)
            self._staffing_shares = staffing_shares(self._world.size.calls_per_day, others, always_in)
        return self._staffing_shares

    def _options(self, agents: Sequence[User]) -> dict[str, list[tuple[str, list[Campaign]]]]:
        """For each agent, the portfolios (home first) whose active campaigns they may work (a pure
        function of the directory: two threads building it at once build the same thing)."""
        if self._agent_options is None:
            directory = self._world.seeded_directory
            options: dict[str, list[tuple[str, list[Campaign]]]] = {}
            for agent in agents:
                tenants = [agent.tenant, *(t for t in agent.allowed_tenants if t != agent.tenant)]
                choices = []
                for tenant in tenants:
                    # Only active campaigns dial; every portfolio has one (see directory.py).
                    campaigns = [c for c in directory.campaigns_of_tenant(tenant) if c.active]
                    if campaigns:
                        choices.append((tenant, campaigns))
                options[agent.user] = choices
            self._agent_options = options
        return self._agent_options

    # -- windows ------------------------------------------------------------------------------------

    def window(self, start: datetime, end: datetime) -> ActivityWindow:
        """Calls that started at or after ``start`` and were finished by ``end`` (and by now), and
        the agents' sessions cut to the same window. Both use the same rule, so a report built
        from sessions agrees with one built from calls."""
        now = self._world.clock.now()
        if end >= now:  # cut by "now": under a live clock the answer changes as time goes on
            touch(time=self._world.clock.frozen is None)
            end = now
        start = max(start, self.history_start())
        calls: list[Call] = []
        sessions: list[SessionTotals] = []
        if end < start:
            return ActivityWindow(calls, sessions)
        day = start.date()
        while day <= end.date():
            midnight = datetime.combine(day, time())
            lo = max(0, int((start - midnight).total_seconds()))
            hi = min(DAY_SECONDS, int((end - midnight).total_seconds()))
            self._add_day(self.plan(day), lo, hi, calls, sessions)
            day += timedelta(days=1)
        return ActivityWindow(calls, sessions)

    def history_start(self) -> datetime:
        """Midnight of the centre's first day of calls: a history without a beginning would fill
        year 0999 with calls; a fixed span before now keeps it finite and the same for a given clock."""
        today = self._world.clock.now().date()  # the date only: answers are cached per clock date
        return datetime.combine(today - timedelta(days=HISTORY_DAYS), time())

    def day(self, day: date) -> ActivityWindow:
        """One whole calendar day (today up to now; a future day is empty)."""
        midnight = datetime.combine(day, time())
        return self.window(midnight, midnight + timedelta(seconds=DAY_SECONDS - 1))

    def _add_day(self, plan: DayPlan, lo: int, hi: int, calls: list[Call], sessions: list[SessionTotals]):
        whole_day = lo == 0 and hi >= DAY_SECONDS - 1
        if whole_day:
            cached = plan.cache.get("whole")
            if cached is None:
                cached = plan.cache.setdefault("whole", _cut(plan, 0, DAY_SECONDS))
            day_calls, day_sessions = cached
        else:
            day_calls, day_sessions = _cut(plan, lo, hi)
        calls.extend(day_calls)
        sessions.extend(_copy(s) for s in day_sessions)


def _cut(plan: DayPlan, lo: int, hi: int) -> tuple[list[Call], list[SessionTotals]]:
    """The day's calls and session totals within [lo, hi] seconds after midnight."""
    member = [lo <= call.start and call.finished <= hi for call in plan.by_draft]
    calls = [call for call in plan.calls if member[call.seq]]  # seq is the by_draft index
    totals = []
    for session in plan.sessions:
        summed = _sum_session(session, plan.by_draft, member, lo, hi)
        if summed is not None:
            totals.append(summed)
    return calls, totals


def _sum_session(
    session: Session, calls: Sequence[Call], member: list[bool], lo: int, hi: int
) -> SessionTotals | None:
    totals = SessionTotals(session.day, session.user, session.tenant, session.profile_id, session.campaign_id)
    counted = False
    for state, seg_start, seg_seconds, code, call in session.segments:
        if call >= 0:
            if not member[call]:
                continue
            start, seconds = seg_start, seg_seconds
            if state == TALK:
                totals.calls.append(calls[call])
        else:
            start = max(seg_start, lo)
            seconds = min(seg_start + seg_seconds, hi) - start
            if seconds <= 0:
                continue
        counted = True
        if start < totals.first:
            totals.first = start
        if start + seconds > totals.last:
            totals.last = start + seconds
        if state == WAIT:
            totals.wait += seconds
        elif state == TALK:
            totals.talk += seconds
        elif state == DEAD:
            totals.dead += seconds
        elif state == DISPO:
            totals.dispo += seconds
        elif state == WRAPUP:
            totals.wrapup += seconds
        elif state == PAUSE:
            totals.pauses[code] = totals.pauses.get(code, 0) + seconds
    return totals if counted else None


def _copy(totals: SessionTotals) -> SessionTotals:
    """A caller-owned copy, so a report that mutates what it got cannot corrupt the cache."""
    return SessionTotals(
        totals.day,
        totals.user,
        totals.tenant,
        totals.profile_id,
        totals.campaign_id,
        totals.first,
        totals.last,
        totals.wait,
        totals.talk,
        totals.dead,
        totals.dispo,
        totals.wrapup,
        dict(totals.pauses),
        list(totals.calls),
    )

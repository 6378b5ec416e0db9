"""The live floor: what every agent is doing at ``world.now()``, as VICIdial's vicidial_live_agents shows it.

The floor is read off today's agent sessions in the call history (``world.activity``), so the live
answers and the reports tell one story: an agent shown IN CALL is talking on a call that today's CDR
holds (same lead, phone and campaign), a paused agent is in a pause the pause report counts, and an
agent with no session running now is offline. Who works when comes from the regular shift defined
here (``shift_of``) and the daily attendance draw in ``shifts.py``. Same seed and clock, same floor.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from mockserver.world import floor_overrides
from mockserver.world.dependence import touch
from mockserver.world.seeding import rng

if TYPE_CHECKING:
    from mockserver.world import World
    from mockserver.world.calls import Session
    from mockserver.world.day_plan import DayPlan
    from mockserver.world.entities import User

READY = "READY"
PAUSED = "PAUSED"
DISPO = "DISPO"
INCALL = "INCALL"
QUEUE = "QUEUE"
THREE_WAY = "3-WAY"
PARK = "PARK"
CALL_STATES = frozenset({INCALL, QUEUE, THREE_WAY, PARK})
"""The states goGetTotalAgentsCall counts (upstream: status IN (INCALL, QUEUE, 3-WAY, PARK))."""

PAUSE_NAMES = {
    "PRIV": "BREAK",
    "LUNCH": "LUNCH BREAK",
    "WC": "RESTROOM",
    "MEETIN": "MEETING",
    "TRAIN": "TRAINING",
    "DIALNE": "DIAL NEXT",
    "MANUAL": "MANUAL DIAL",
    "VIRTUA": "VIRTUAL",
    "DATA": "DATA",
    "LAGGED": "LAGGED",
    "LOGIN": "LOGIN",
    "ANDIAL": "AUTO DIAL",
}
"""The name getLiveAgentInfo prints after ``PAUSE - `` for each pause code of the pause report; the
uncoded pause (PAUSE) prints as plain ``PAUSE``."""

# getLiveAgentInfo's status text and colour per state. READY/primary and IN CALL/green are documented;
# the others are inferred (see openapi/ERRATA.md, A15).
_DISPLAY = {
    READY: ("READY", "primary"),
    INCALL: ("IN CALL", "green"),
    QUEUE: ("QUEUE", "info"),
    THREE_WAY: ("3-WAY", "purple"),
    PARK: ("PARK", "danger"),
    DISPO: ("DISPOSITION", "secondary"),
}
PAUSE_COLOR = "warning"
OFFLINE_STATUS = ("OFFLINE", "default")

SERVER_IP = "127.0.0.1"
"""The reference's examples show a single dialer server at 127.0.0.1."""
_CONF_EXTEN_BASE = 8600051
"""VICIdial's agent conference rooms start at 8600051; each agent keeps its own."""

# How a session segment of the call history shows on the floor: after-call work is the disposition
# screen, dead air is still the call.
_SEGMENT_STATES = {"WAIT": READY, "TALK": INCALL, "DEAD": INCALL, "DISPO": DISPO, "WRAPUP": DISPO}
_CALL_VARIANTS = ((INCALL, 88), (QUEUE, 4), (THREE_WAY, 4), (PARK, 4))
"""Share of live calls shown queued to the agent, in a three-way conference or parked."""


@dataclass(frozen=True)
class AgentLiveState:
    """One logged-in agent's row on the floor; call fields are empty (lead_id 0) outside a call.

    ``state`` is vicidial_live_agents' status (READY, PAUSED, DISPO, INCALL, QUEUE, 3-WAY, PARK),
    ``status``/``color`` what getLiveAgentInfo prints, ``since`` when the current state began."""

    user: str
    state: str
    pause_code: str
    status: str
    color: str
    since: datetime
    conf_exten: str
    server_ip: str
    campaign_id: str = ""
    campaign_name: str = ""
    call_type: str = ""
    in_call_with: str = ""
    caller_id: str = ""
    vendor_lead_code: str = ""
    lead_id: int = 0

    @property
    def in_call(self) -> bool:
        return self.state in CALL_STATES


@dataclass(frozen=True)
class Shift:
    """When an agent works: start minute of the day, length in minutes, weekdays worked (0=Monday)."""

    start: int
    length: int
    weekdays: frozenset[int]


class LiveFloor:
    """Every active agent's real-time state at the world's clock, recomputed when the clock moves."""

    def __init__(self, world: World):
        self._world = world
        self._lock = threading.Lock()
        self._at: datetime | None = None
        self._states: dict[str, AgentLiveState] = {}

    def states(self) -> list[AgentLiveState]:
        """The logged-in agents, sorted by user name (case-insensitively)."""
        return list(self._current().values())

    def state_of(self, user: str) -> AgentLiveState | None:
        """The agent's live row, or None when nobody of that name is logged in (offline, inactive,
        unknown or not an agent). Case-insensitive like every user lookup."""
        found = self._world.directory.user(user)
        if found is None:
            return None
        return self._current().get(found.user)

    def offline_agents(self) -> list[User]:
        """Active agents that are not logged in right now."""
        live = self._current()
        return [a for a in self._world.directory.agents() if a.active and a.user not in live]

    def _current(self) -> dict[str, AgentLiveState]:
        now = self._world.now().replace(microsecond=0)
        with self._lock:
            if now != self._at:
                self._states = _floor_at(self._world, now)
                self._at = now
            states = self._states
        touch(state=True)  # agents put in a state through the admin API (floor_overrides) show here
        overrides = self._world.state.table(floor_overrides.KIND)
        return floor_overrides.apply(self._world, states, overrides) if overrides else states


def shift_of(seed: int, agent: User) -> Shift:
    """The agent's regular shift: mostly day shifts between 07:00 and 22:00, a few nights."""
    r = rng(seed, "live", "shift", agent.user.lower())
    if agent.user.lower() in _NAMED_DAY_SHIFT:
        return Shift(8 * 60, 9 * 60, frozenset(range(5)))
    if r.random() < 0.05:
        start = 22 * 60
    else:
        start = r.choices((7, 8, 9, 10, 11, 12, 13, 14), weights=(2, 5, 5, 3, 2, 2, 3, 2))[0] * 60
        start += r.choice((0, 0, 30))
    weekdays = set(range(5))
    if r.random() < 0.5:
        weekdays.add(5)
    if r.random() < 0.15:
        weekdays.add(6)
    return Shift(start, r.choice((480, 510, 540)), frozenset(weekdays))


_NAMED_DAY_SHIFT = frozenset(
    {"example.user1", "example.user2", "example.user", "user.example", "jhon.exp", "agent001", "agent002"}
)
"""Agents the reference queries live: they work office hours every weekday, so examples find them."""


def _floor_at(world: World, now: datetime) -> dict[str, AgentLiveState]:
    plan = world.activity.plan(now.date())
    sessions = _sessions_by_user(plan)
    second = now.hour * 3600 + now.minute * 60 + now.second
    midnight = datetime(now.year, now.month, now.day)
    floor = {}
    for ordinal, agent in enumerate(world.seeded_directory.agents()):
        if not agent.active:
            continue
        for begin, end, session, starts in sessions.get(agent.user.lower(), ()):
            if begin <= second < end:
                segment = session.segments[bisect_right(starts, second) - 1]
                conf_exten = str(_CONF_EXTEN_BASE + ordinal)
                floor[agent.user] = _state(world, plan, agent.user, segment, midnight, conf_exten)
                break
    return floor


def _sessions_by_user(plan: DayPlan) -> dict[str, list[tuple[int, int, Session, list[int]]]]:
    """user -> (login second, logout second, session, segment starts), built once per day's plan."""
    index = plan.cache.get("live.sessions_by_user")
    if index is None:
        index = {}
        for session in plan.sessions:
            segments = session.segments
            if segments:
                last = segments[-1]
                row = (segments[0][1], last[1] + last[2], session, [seg[1] for seg in segments])
                index.setdefault(session.user.lower(), []).append(row)
        index = plan.cache.setdefault("live.sessions_by_user", index)
    return index


def _state(
    world: World, plan: DayPlan, user: str, segment: tuple[Any, ...], midnight: datetime, conf_exten: str
) -> AgentLiveState:
    kind, start, _seconds, code, call_index = segment
    base = {
        "user": user,
        "since": midnight + timedelta(seconds=start),
        "conf_exten": conf_exten,
        "server_ip": SERVER_IP,
    }
    if kind == "PAUSE":
        name = PAUSE_NAMES.get(code, "")
        status = f"PAUSE - {name}" if name else "PAUSE"
        return AgentLiveState(state=PAUSED, pause_code=code, status=status, color=PAUSE_COLOR, **base)
    state = _SEGMENT_STATES.get(kind, READY)
    if state not in CALL_STATES or call_index < 0:
        status, color = _DISPLAY[state]
        return AgentLiveState(state=state, pause_code="", status=status, color=color, **base)
    call = plan.by_draft[call_index]
    r = rng(world.seed, "live", "call", plan.day.isoformat(), call.seq)
    state = r.choices([s for s, _ in _CALL_VARIANTS], weights=[w for _, w in _CALL_VARIANTS])[0]
    status, color = _DISPLAY[state]
    campaign = world.directory.campaign(call.campaign_id)
    ref = world.activity.leads.ref(call.campaign_id, call.lead_id)
    return AgentLiveState(
        state=state,
        pause_code="",
        status=status,
        color=color,
        campaign_id=call.campaign_id,
        campaign_name=campaign.campaign_name if campaign else "",
        call_type=call.call_type,
        in_call_with=call.phone_number,
        caller_id=call.caller_id,
        vendor_lead_code=ref.vendor_lead_code if ref else "",
        lead_id=call.lead_id,
        **base,
    )

"""The live floor: what every agent is doing at ``world.now()``, as VICIdial's vicidial_live_agents shows it.

Whether an agent is logged in follows a shift that is fixed per agent (seeded by the user name) and an
attendance draw per day, so an agent stays logged in for the whole shift and the floor fills in the
morning and empties at night. What a logged-in agent is doing is drawn per minute: the answer is
stable within a minute (the real floor changes every few seconds) and identical for the same seed and
clock. Only active agents ever log in.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from random import Random
from typing import TYPE_CHECKING

from mockserver.world.seeding import rng

if TYPE_CHECKING:
    from mockserver.world import World
    from mockserver.world.entities import Campaign, User
    from mockserver.world.leads import LeadStore

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
    "BREAK": "BREAK",
    "LUNCH": "LUNCH BREAK",
    "PRIV": "PRIVATE",
    "MEETIN": "MEETING",
    "TRAIN": "TRAINING",
    "WC": "RESTROOM",
    "LOGIN": "LOGIN",
}
"""Pause codes an agent can be in right now, and the name getLiveAgentInfo prints after ``PAUSE - ``."""

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


@dataclass(frozen=True)
class AgentLiveState:
    """One logged-in agent's row on the floor; call fields are empty (lead_id 0) outside a call."""

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
    """Every active agent's real-time state at the world's clock, computed once per minute."""

    def __init__(self, world: World):
        self._world = world
        self._lock = threading.Lock()
        self._minute: datetime | None = None
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
        minute = self._world.now().replace(second=0, microsecond=0)
        with self._lock:
            if minute != self._minute:
                self._states = _floor_at(self._world, minute)
                self._minute = minute
            return self._states


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


def _floor_at(world: World, minute: datetime) -> dict[str, AgentLiveState]:
    seed, directory = world.seed, world.directory
    campaigns = {c.campaign_id: c for c in directory.campaigns}
    floor = {}
    for ordinal, agent in enumerate(directory.agents()):
        if not agent.active:
            continue
        login = _logged_in_since(seed, agent, minute)
        if login is None:
            continue
        conf_exten = str(_CONF_EXTEN_BASE + ordinal)
        floor[agent.user] = _state(seed, agent, minute, login, conf_exten, campaigns, world.leads)
    return floor


def _logged_in_since(seed: int, agent: User, minute: datetime) -> datetime | None:
    """When the agent logged in for the shift covering ``minute``, or None when off shift or absent.
    A night shift started yesterday still covers the early morning."""
    shift = shift_of(seed, agent)
    for day in (minute.date(), minute.date() - timedelta(days=1)):
        if day.weekday() not in shift.weekdays:
            continue
        r = rng(seed, "live", "attendance", agent.user.lower(), day.isoformat())
        named = agent.user.lower() in _NAMED_DAY_SHIFT
        if not named and r.random() < 0.12:
            continue  # absent today
        begin = _at(day, shift.start + r.randint(-10, 15))
        end = _at(day, shift.start + shift.length + r.randint(-20, 10))
        if begin <= minute < end:
            return begin
    return None


def _at(day: date, minutes: int) -> datetime:
    return datetime(day.year, day.month, day.day) + timedelta(minutes=minutes)


def _state(
    seed: int,
    agent: User,
    minute: datetime,
    login: datetime,
    conf_exten: str,
    campaigns: dict[str, Campaign],
    leads: LeadStore,
) -> AgentLiveState:
    r = rng(seed, "live", "state", agent.user.lower(), minute.isoformat(timespec="minutes"))
    on_shift = (minute - login).total_seconds() / 60
    lunch_time = 225 <= on_shift < 270  # about four hours in, for three quarters of an hour
    since = max(login, minute - timedelta(seconds=r.randint(5, 600)))
    base = {"user": agent.user, "since": since, "conf_exten": conf_exten, "server_ip": SERVER_IP}
    roll = r.random()
    if lunch_time and roll < 0.7:
        return _paused(base, "LUNCH")
    if on_shift < 3 or roll < 0.14:
        return _paused(
            base, "LOGIN" if on_shift < 3 else r.choice(("BREAK", "BREAK", "PRIV", "WC", "MEETIN", "TRAIN"))
        )
    if roll < 0.22:
        return AgentLiveState(
            state=DISPO, pause_code="", status="DISPOSITION", color=_DISPLAY[DISPO][1], **base
        )
    if roll < 0.50:
        return AgentLiveState(state=READY, pause_code="", status="READY", color=_DISPLAY[READY][1], **base)
    campaign = campaigns.get(agent.campaign_id)
    if campaign is None:
        return AgentLiveState(state=READY, pause_code="", status="READY", color=_DISPLAY[READY][1], **base)
    state = r.choices((INCALL, QUEUE, THREE_WAY, PARK), weights=(88, 4, 4, 4))[0]
    return _in_call(r, base, state, agent, campaign, leads)


def _paused(base: dict, code: str) -> AgentLiveState:
    name = PAUSE_NAMES.get(code, code)
    return AgentLiveState(state=PAUSED, pause_code=code, status=f"PAUSE - {name}", color=PAUSE_COLOR, **base)


def _in_call(
    r: Random, base: dict, state: str, agent: User, campaign: Campaign, leads: LeadStore
) -> AgentLiveState:
    """A call on the agent's campaign (dialer, manual or inbound as the campaign and agent allow) with
    one of the campaign's seeded leads, so goGetCustomerInfo finds the lead the agent is talking to."""
    if campaign.campaign_type == "INBOUND":
        call_type = "INBOUND"
    elif agent.extra.get("manual_dial_only") or campaign.auto_dial_level == "0":
        call_type = "MANUAL"
    elif campaign.campaign_type == "BLENDED":
        call_type = r.choice(("DIALER", "DIALER", "INBOUND"))
    else:
        call_type = r.choices(("DIALER", "MANUAL"), weights=(9, 1))[0]
    phone = f"{r.choice(_AREA_CODES)}{r.randint(200, 999)}{r.randint(0, 9999):04d}"
    vendor_code = f"{_letters(r)}{r.randint(100, 999)}-{_letters(r)}{r.randint(100, 999)}"
    lead_id = r.randint(100_000, 9_999_999)
    lead_ids = leads.leads_of_campaign(campaign.campaign_id)
    lead = leads.get(lead_ids[r.randrange(len(lead_ids))]) if lead_ids else None
    if lead is not None:
        phone, vendor_code, lead_id = lead.phone_number, lead.vendor_lead_code, lead.lead_id
    caller_id = phone if call_type == "INBOUND" else str(campaign.extra.get("campaign_cid", ""))
    status, color = _DISPLAY[state]
    return AgentLiveState(
        state=state,
        pause_code="",
        status=status,
        color=color,
        campaign_id=campaign.campaign_id,
        campaign_name=campaign.campaign_name,
        call_type=call_type,
        in_call_with=phone,
        caller_id=caller_id,
        vendor_lead_code=vendor_code,
        lead_id=lead_id,
        **base,
    )


def _letters(r: Random) -> str:
    return "".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3))


_AREA_CODES = ("201", "212", "305", "312", "404", "415", "512", "602", "713", "818", "904", "917")

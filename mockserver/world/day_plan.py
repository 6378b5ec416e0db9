"""Generate one day of the call centre: who logged in, every state they were in, every call.

Who works is sized to the day's volume (``staffing_shares``); each login gets its pauses, and the
dialer's pacing (``pacing.py``) lays the logins out call by call, so whatever a report adds up (talk
time, call counts, pause codes) agrees with the call logs by construction and the live floor stays
about 45 % on calls. Everything comes from ``rng(seed, "day", date)`` and plain ``random.Random``
draws: a day costs a few tens of milliseconds and is the same whichever day was asked for first.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from mockserver.world.call_leads import LeadPool
from mockserver.world.calls import (
    DIALER,
    INBOUND,
    MANUAL,
    UNANSWERED_AGENT,
    Call,
    Session,
)
from mockserver.world.pacing import CallDraw, PacedSession, pace
from mockserver.world.seeding import rng
from mockserver.world.segments import Segments

if TYPE_CHECKING:
    from mockserver.world.entities import Campaign, User

# Share of a weekday's call volume, Monday..Sunday (who works comes from the agents' shifts, and how
# many of them from the volume: see staffing_shares).
VOLUME_BY_WEEKDAY = (1.0, 1.0, 1.0, 0.95, 0.9, 0.4, 0.15)
HANDLED_SHARE = 0.7
UNANSWERED_SHARE = 0.22
ABANDONED_SHARE = 0.08

HANDLED_STATUSES = {
    DIALER: (
        ("SALE", 6),
        ("PTP", 8),
        ("DEN", 5),
        ("LIP", 3),
        ("VRF", 3),
        ("VM", 14),
        ("VMNML", 8),
        ("NI", 12),
        ("CALLBK", 10),
        ("XFER", 3),
        ("WIT", 3),
        ("DNC", 2),
        ("LDC", 5),
    ),
    MANUAL: (
        ("SALE", 5),
        ("PTP", 10),
        ("DEN", 4),
        ("LIP", 3),
        ("VRF", 4),
        ("VM", 12),
        ("VMNML", 12),
        ("NI", 8),
        ("CALLBK", 14),
        ("XFER", 3),
        ("WIT", 3),
        ("DC", 3),
    ),
    INBOUND: (
        ("SALE", 7),
        ("PTP", 12),
        ("DEN", 8),
        ("LIP", 4),
        ("VRF", 5),
        ("CALLBK", 8),
        ("XFER", 6),
        ("WIT", 4),
        ("LDC", 10),
        ("NI", 6),
    ),
}
UNANSWERED_OUTCOMES = (
    ("NA", "No Answer", 50),
    ("B", "Busy", 15),
    ("DC", "Congestion", 8),
    ("AA", "Answer", 17),
    ("DROP", "Answer", 10),
)
PAUSE_CODE_WEIGHTS = (
    ("PAUSE", 10), ("DIALNE", 6), ("MANUAL", 10), ("PRIV", 14), ("VIRTUA", 8), ("DATA", 4),
    ("MEETIN", 3), ("TRAIN", 3), ("WC", 10), ("LUNCH", 12), ("LAGGED", 2), ("ANDIAL", 3),
)  # fmt: skip
CARRIERS = ("TELNYX", "BANDWIDTH", "FLOWROUTE", "VOIPMS")


@dataclass
class DayPlan:
    """Everything that happened on one day, before any cut-off at "now"."""

    day: date
    calls: tuple[Call, ...]
    """Chronological (CDR order)."""
    by_draft: tuple[Call, ...]
    """The same calls in the order they were generated, the order session segments point into;
    ``call.seq`` is a call's index here."""
    sessions: tuple[Session, ...]
    cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)


class _CallLog:
    """The day's calls in the order they are generated; ``seq`` is that order (unique per day)."""

    def __init__(self, r: random.Random, seed: int, day: date, leads_of: LeadPool):
        self.r = r
        self.seed = seed
        self.day = day
        self.leads_of = leads_of
        self.calls: list[Call] = []
        self._caller_ids: dict[str, str] = {}
        self._queues: dict[tuple[str, bool], str] = {}

    def connect(self, session: PacedSession, talk_start: int, call: CallDraw) -> int:
        """Log the handled call the dialer connected to ``session``'s agent; returns its index."""
        call_type, talk, dead, dispo, wrapup = call
        return _handled_call(
            self.r, self, session.agent, session.campaign, call_type, talk_start, talk, dead, dispo, wrapup
        )

    def add(
        self, r: random.Random, campaign: Campaign, start: int, call_type: str, agent: str, *rest: Any
    ) -> int:
        """Append a call (``rest``: ring .. term_reason in Call's field order) reaching one of the
        campaign's leads; returns its index."""
        campaign_id = campaign.campaign_id
        caller_id = self._caller_ids.get(campaign_id)
        if caller_id is None:
            caller_id = self._caller_ids[campaign_id] = _caller_id(self.seed, campaign)
        leads = self.leads_of(campaign_id)
        lead = leads[_below(r, len(leads))]
        queue_key = (campaign.tenant, call_type == INBOUND)
        queue = self._queues.get(queue_key)
        if queue is None:  # one string per portfolio and direction, not one per call
            queue = self._queues[queue_key] = f"{campaign.tenant}_{'INBOUND' if queue_key[1] else 'OUTBOUND'}"
        index = len(self.calls)
        self.calls.append(
            Call(
                self.day,
                index,
                start,
                call_type,
                campaign_id,
                campaign.tenant,
                agent,
                lead.lead_id,
                lead.phone_number,
                caller_id,
                queue,
                *rest,
            )
        )
        return index


@dataclass
class _DraftSession:
    user: User
    campaign: Campaign
    segments: list[tuple[str, int, int, str, int]]  # state, start, seconds, code, draft call index


def generate_day(
    seed: int,
    day: date,
    agents: Sequence[User],
    campaigns_for: Any,
    shifts_for: Any,
    leads_of: LeadPool,
    calls_per_day: int,
) -> DayPlan:
    """Build one day. ``campaigns_for(user)`` lists (tenant, campaigns) an agent may work, home
    portfolio first; ``shifts_for(user)`` the (start, end) seconds the agent is logged in that day;
    ``leads_of(campaign_id)`` the leads its calls may reach."""
    r = rng(seed, "day", day.isoformat())
    volume = calls_per_day * VOLUME_BY_WEEKDAY[day.weekday()]
    working = []
    for agent in agents:
        options = campaigns_for(agent)
        shifts = [(start, end) for start, end in shifts_for(agent) if end - start >= 600] if options else []
        if shifts:
            working.append((agent, options, shifts))
    log = _CallLog(r, seed, day, leads_of)
    paced: list[PacedSession] = []
    for agent, options, shifts in working:
        for start, end in shifts:
            paced.extend(_work_shift(r, agent, options, start, end))
    if paced:
        pace(r, paced, _occupancy(volume, paced), _draw_call, log.connect)
    sessions = [_DraftSession(p.agent, p.campaign, p.segments) for p in paced]
    if sessions:
        _unanswered_calls(r, int(volume * UNANSWERED_SHARE), sessions, log)
        _abandoned_calls(r, int(volume * ABANDONED_SHARE), sessions, log)
    return _freeze(day, log.calls, sessions)


def _occupancy(volume: float, sessions: list[PacedSession]) -> float:
    """The dialer's target for the day: ``TARGET_OCCUPANCY``, or less when the agents logged in could
    take more calls than the day brings (a small centre, a roster that staffing cannot shrink further)."""
    seconds = sum(session.end - session.start for session in sessions) * (1 - PAUSE_SHARE - AFTER_CALL_SHARE)
    needed = volume * HANDLED_SHARE * _mean_in_call_seconds()
    return min(TARGET_OCCUPANCY, needed / seconds) if seconds > 0 else TARGET_OCCUPANCY


def _work_shift(r, agent, options, start, end) -> list[PacedSession]:
    """One shift: a session on a home-portfolio campaign, sometimes handing over to a second one on
    another portfolio the agent may work (exportAgentReport shows one row per user and portfolio)."""
    _home_tenant, home_campaigns = options[0]
    plans = [(home_campaigns, start, end)]
    if len(options) > 1 and r.random() < 0.35:
        middle = start + int((end - start) * r.uniform(0.4, 0.7))
        _other_tenant, other_campaigns = options[1 + _below(r, len(options) - 1)]
        plans = [(home_campaigns, start, middle), (other_campaigns, middle, end)]
    return [
        _paced_session(r, agent, _preferred_campaign(r, agent, campaigns), begin, finish)
        for campaigns, begin, finish in plans
    ]


def _paced_session(r, agent, campaign, start, end) -> PacedSession:
    """A login with its pauses drawn: a LOGIN pause first, then 2-7 coded pauses over the shift."""
    length = end - start
    pauses = [(start, "LOGIN", _between(r, 5, 90))]
    pause_total = int(length * r.uniform(PAUSE_SHARE - 0.035, PAUSE_SHARE + 0.035))
    for seconds in _split(r, pause_total, _between(r, 2, 8)):
        if seconds > 0:
            pauses.append((start + _below(r, length), _pick(r, PAUSE_CODE_WEIGHTS), seconds))
    pauses.sort()
    return PacedSession(agent, campaign, start, end, deque(pauses))


def _preferred_campaign(r: random.Random, agent: User, campaigns: Sequence[Campaign]) -> Campaign:
    for campaign in campaigns:
        if campaign.campaign_id == agent.campaign_id:
            return campaign
    same_profile = [c for c in campaigns if c.profile_id == agent.profile_id]
    return r.choice(same_profile or list(campaigns))


_TALK_LOGNORMAL = {INBOUND: (5.9, 0.55), MANUAL: (5.3, 0.65), DIALER: (5.0, 0.75)}
"""Talk time per call type, log-normal (mu, sigma): medians of about 365 s inbound (mean 425 s; the
reference's inbound_summary_stats shows 420-540 s average handle times), 200 s manual (mean 245 s) and
150 s for dialer calls (mean 195 s): collections and service calls, not survey hang-ups."""
DEAD_AIR_SHARE, DEAD_AIR_MEAN = 0.3, 12.5
"""Calls with dead air after the talk (the customer gone, the agent still on the line), and its mean."""

TARGET_OCCUPANCY = 0.45
"""Share of a staffed hour an agent spends on calls (talk and dead air) when staffing matches the
day's volume; after-call work (about 4 %), pauses (about 10 %) and waiting share the rest."""
TYPICAL_MIX = ((INBOUND, 0.27), (MANUAL, 0.16), (DIALER, 0.57))
"""The centre's handled calls by type (from its campaigns' dial methods, see ``_call_mix``)."""
PAUSE_SHARE = 0.105
"""Share of a login spent in coded pauses (breaks, lunch, meetings...), 7-14 % per session."""
AFTER_CALL_SHARE = 0.035
"""Share of a login in after-call work (disposition, wrap-up) at the target occupancy."""
MIN_STAFFING = 0.15
"""Even on a quiet day some of every roster works, so every agent has a history."""


def _mean_in_call_seconds() -> float:
    talk = sum(
        share * math.exp(mu + sigma**2 / 2)
        for (kind, share) in TYPICAL_MIX
        for mu, sigma in [_TALK_LOGNORMAL[kind]]
    )
    return talk + DEAD_AIR_SHARE * DEAD_AIR_MEAN


CALLS_PER_STAFFED_HOUR = TARGET_OCCUPANCY * 3600 / _mean_in_call_seconds()
"""Handled calls an agent takes per logged-in hour at the target occupancy (about 8.5)."""


def staffing_shares(
    calls_per_day: int, rostered_hours: Sequence[float], always_in_hours: Sequence[float]
) -> tuple[float, ...]:
    """Per weekday (Monday first), the share of the rostered agents who log in, so that staffed hours
    match the day's volume at ``CALLS_PER_STAFFED_HOUR``: call volume and staffing follow each other
    instead of a fixed roster idling through a light day. ``rostered_hours``: the expected logged-in
    hours of every agent rostered that weekday (absences taken out) except the ``always_in`` ones
    (the agents the reference's examples query), whose hours count first."""
    shares = []
    for weekday, volume_share in enumerate(VOLUME_BY_WEEKDAY):
        needed = calls_per_day * volume_share * HANDLED_SHARE / CALLS_PER_STAFFED_HOUR
        spare = needed - always_in_hours[weekday]
        share = spare / rostered_hours[weekday] if rostered_hours[weekday] else 1.0
        shares.append(min(1.0, max(MIN_STAFFING, share)))
    return tuple(shares)


def _draw_call(r: random.Random, campaign: Campaign) -> CallDraw:
    """The next call a campaign's agent takes: its type (by the campaign's dial method) and how long
    its talk, dead air, disposition and wrap-up last."""
    key = (campaign.dial_method, campaign.campaign_type)
    mix = _MIX.get(key)
    if mix is None:
        mix = _MIX[key] = _call_mix(campaign)
    inbound_share, manual_share = mix
    roll = r.random()
    if roll < inbound_share:
        call_type = INBOUND
    elif roll < inbound_share + manual_share:
        call_type = MANUAL
    else:
        call_type = DIALER
    mu, sigma = _TALK_LOGNORMAL[call_type]
    talk = min(3600, max(3, int(math.exp(mu + sigma * r.gauss()))))
    dead = _between(r, 1, 25) if r.random() < DEAD_AIR_SHARE else 0
    dispo = min(300, max(2, int(math.exp(2.6 + 0.7 * r.gauss()))))
    wrapup = _between(r, 5, 90) if r.random() < 0.12 else 0
    return call_type, talk, dead, dispo, wrapup


_MIX: dict[tuple[str, str], tuple[float, float]] = {}
"""_call_mix per (dial method, campaign type), the only things it reads."""


def _call_mix(campaign: Campaign) -> tuple[float, float]:
    """(inbound share, manual share) of an agent's calls on this campaign."""
    if campaign.dial_method.upper() == "MANUAL":
        return 0.25, 0.7
    if campaign.campaign_type.upper() in ("INBOUND", "BLENDED"):
        return 0.45, 0.1
    return 0.2, 0.15


def _handled_call(r, log, agent, campaign, call_type, talk_start, talk, dead, dispo, wrapup) -> int:
    if call_type == INBOUND:
        queue_seconds = 0 if r.random() < 0.4 else min(600, int(r.expovariate(1 / 35)) + 1)
        ring = _between(r, 3, 30)
        position = 1 if queue_seconds == 0 else _between(r, 1, 7)
    else:
        queue_seconds = _between(r, 1, 45) if call_type == DIALER and r.random() < 0.2 else 0
        ring = _between(r, 4, 25)
        position = 0
    status = _pick(r, _HANDLED_TABLES[call_type])
    term_reason = "AGENT" if r.random() < 0.45 else "CALLER"
    start = talk_start - queue_seconds - ring
    return log.add(
        r,
        campaign,
        start,
        call_type,
        agent.user,
        ring,
        queue_seconds,
        position,
        talk,
        dead,
        dispo,
        wrapup,
        status,
        "Answer",
        term_reason,
    )


def _unanswered_calls(r, count, sessions, log) -> None:
    """Dialer calls no agent took: no answer, busy, machines, drops (logged under VDAD)."""
    for _ in range(count):
        session = sessions[_below(r, len(sessions))]
        first, last = session.segments[0][1], session.segments[-1][1] + session.segments[-1][2]
        status, carrier, _w = UNANSWERED_OUTCOMES[_pick_index(r, UNANSWERED_OUTCOMES)]
        ring = _between(r, 5, 35)
        start = _between(r, first, max(first + 1, last - ring))
        queue_seconds = _between(r, 1, 10) if status == "DROP" else 0
        term_reason = "NONE" if carrier != "Answer" else "ABANDON"
        log.add(
            r,
            session.campaign,
            start,
            DIALER,
            UNANSWERED_AGENT,
            ring,
            queue_seconds,
            0,
            0,
            0,
            0,
            0,
            status,
            carrier,
            term_reason,
        )


def _abandoned_calls(r, count, sessions, log) -> None:
    """Inbound callers who hung up in the queue; some gave up within 20 s, some waited longer."""
    for _ in range(count):
        session = sessions[_below(r, len(sessions))]
        first, last = session.segments[0][1], session.segments[-1][1] + session.segments[-1][2]
        queue_seconds = _between(r, 1, 21) if r.random() < 0.45 else _between(r, 21, 420)
        ring = _between(r, 3, 30)
        start = _between(r, first, max(first + 1, last - ring - queue_seconds))
        position = _between(r, 1, 10)
        log.add(
            r,
            session.campaign,
            start,
            INBOUND,
            "",
            ring,
            queue_seconds,
            position,
            0,
            0,
            0,
            0,
            "ABAN",
            "Answer",
            "ABANDON",
        )


def _freeze(day: date, by_draft: list[Call], sessions: list[_DraftSession]) -> DayPlan:
    """Sort the day's calls chronologically and its sessions by agent."""
    frozen_sessions = [
        Session(
            day=day,
            user=s.user.user,
            tenant=s.campaign.tenant,
            profile_id=s.user.profile_id,
            campaign_id=s.campaign.campaign_id,
            segments=Segments(s.segments),
        )
        for s in sessions
        if s.segments
    ]
    frozen_sessions.sort(key=lambda s: (s.user.lower(), s.segments[0][1]))
    calls = sorted(by_draft, key=_START_THEN_SEQ)
    return DayPlan(day=day, calls=tuple(calls), by_draft=tuple(by_draft), sessions=tuple(frozen_sessions))


_START_THEN_SEQ = itemgetter(2, 1)


def _caller_id(seed: int, campaign: Campaign) -> str:
    """The number a campaign dials out from (and the DID its inbound callers dial)."""
    configured = str(campaign.extra.get("campaign_cid", "")) if campaign.extra else ""
    if configured.isdigit() and len(configured) >= 10:
        return configured
    r = rng(seed, "caller-id", campaign.campaign_id)
    return f"{r.choice((800, 833, 844, 855, 866, 877, 888))}{_between(r, 200, 1000)}{_below(r, 10000):04d}"


def carrier_channel(seed: int, call: Call) -> str:
    """The SIP channel an inbound call arrived on, e.g. ``SIP/TELNYX-0000a1b2``."""
    carrier = CARRIERS[call.seq % len(CARRIERS)]
    return f"SIP/{carrier}-{(call.seq * 2654435761 + seed) % 0xFFFFFFFF:08x}"


def _split(r: random.Random, total: int, parts: int) -> list[int]:
    """``total`` seconds in ``parts`` random whole-second pieces that add up exactly."""
    if parts <= 0:
        return []
    weights = [r.expovariate(1.0) for _ in range(parts)]
    scale = total / sum(weights)
    pieces = [int(w * scale) for w in weights]
    pieces[-1] += total - sum(pieces)
    return pieces


def _pick(r: random.Random, table: Sequence[tuple[str, int]]) -> str:
    return table[_pick_index(r, table)][0]


def _pick_index(r: random.Random, table: Sequence[tuple[Any, ...]]) -> int:
    """A weighted choice (weights in each row's last column) with one draw and a bisection."""
    cumulative = _CUMULATIVE.get(id(table))
    if cumulative is None:
        cumulative = _CUMULATIVE[id(table)] = list(accumulate(row[-1] for row in table))
    return bisect_right(cumulative, r.random() * cumulative[-1])


def _below(r: random.Random, n: int) -> int:
    """``r.randrange(n)`` at a fraction of the cost; uniform enough for call-centre noise."""
    return int(r.random() * n)


def _between(r: random.Random, low: int, high: int) -> int:
    """An integer in [low, high) (``randrange(low, high)`` semantics, cheaper)."""
    return low + int(r.random() * (high - low))


_HANDLED_TABLES = HANDLED_STATUSES
_CUMULATIVE: dict[int, list[float]] = {}

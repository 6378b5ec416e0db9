"""The dialer's pacing: lays one day's agent sessions out in time, call by call.

A predictive dialer connects a call to a ready agent whenever fewer agents are on calls than its
occupancy target for the agents logged in; an agent who finishes a call (talk, dead air, after-call
work) or a pause is ready again, and goes on a due pause first. Simulating that across the whole floor
(events in time order, longest-waiting agent first) keeps the share of logged-in agents in a call close
to the target at every moment, as a real floor's wallboard shows, where independent random timelines
would swing it widely. Segments come out contiguous from login to logout, so every report built from
them agrees with the calls.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mockserver.world.calls import DEAD, DISPO, PAUSE, TALK, WAIT, WRAPUP

Segment = tuple[str, int, int, str, int]  # state, start, seconds, code, draft call index
CallDraw = tuple[str, int, int, int, int]  # call type, talk, dead, dispo, wrapup

_LOGOUT, _HANGUP, _FREE, _LOGIN = range(4)
"""Event kinds, in the order they apply at one second: the floor shrinks, calls end, agents come back."""
_SWELL_SECONDS = 5400
_SWELL = 0.06
"""The target drifts by up to 6 % over about 90 minutes, as a dialer's pacing does with the traffic."""


@dataclass
class PacedSession:
    """One login on one campaign: its window, the pauses it will take (``(not before, code, seconds)``,
    in time order), and the segments the pacing writes."""

    agent: Any
    campaign: Any
    start: int
    end: int
    pauses: deque[tuple[int, str, int]]
    segments: list[Segment] = field(default_factory=list)
    at: int = 0
    """The end of the last segment written."""
    ready: bool = False
    logged_out: bool = False


def pace(
    r: random.Random,
    sessions: list[PacedSession],
    occupancy: float,
    draw_call: Callable[[random.Random, Any], CallDraw],
    connect: Callable[[PacedSession, int, CallDraw], int],
) -> None:
    """Fill every session's segments: ``draw_call(r, campaign)`` gives the next call's type and
    durations, ``connect(session, talk_start, call)`` logs it and returns its index."""
    events: list[tuple[int, int, int, int]] = []
    order = 0
    for index, session in enumerate(sessions):
        session.at = session.start
        events.append((session.start, _LOGIN, order, index))
        events.append((session.end, _LOGOUT, order + 1, index))
        order += 2
    heapq.heapify(events)
    phase = r.random() * 2 * math.pi
    ready: deque[int] = deque()
    live = in_call = 0
    while events:
        now, kind, _order, index = heapq.heappop(events)
        session = sessions[index]
        if kind == _LOGIN:
            live += 1
            order = _free(session, now, ready, index, events, order)
        elif kind == _LOGOUT:
            live -= 1
            session.logged_out = True
            session.ready = False
            _wait_until(session, session.end)
        elif kind == _HANGUP:
            in_call -= 1
        elif not session.logged_out:
            order = _free(session, now, ready, index, events, order)
        target = int(
            occupancy * (1 + _SWELL * math.sin(now * 2 * math.pi / _SWELL_SECONDS + phase)) * live + 0.5
        )
        while in_call < target and ready:
            chosen_index = ready.popleft()
            chosen = sessions[chosen_index]
            if not chosen.ready:
                continue  # logged out while waiting
            call = draw_call(r, chosen.campaign)
            _call_type, talk, dead, dispo, wrapup = call
            if now + talk + dead + dispo + wrapup > chosen.end:
                chosen.ready = False  # no call fits before logout: the agent waits it out
                continue
            chosen.ready = False
            _wait_until(chosen, now)
            call_index = connect(chosen, now, call)
            t = now
            for state, seconds in ((TALK, talk), (DEAD, dead), (DISPO, dispo), (WRAPUP, wrapup)):
                if seconds > 0:
                    chosen.segments.append((state, t, seconds, "", call_index))
                    t += seconds
            chosen.at = t
            in_call += 1
            heapq.heappush(events, (now + talk + dead, _HANGUP, order, chosen_index))
            heapq.heappush(events, (t, _FREE, order + 1, chosen_index))
            order += 2


def _free(
    session: PacedSession,
    now: int,
    ready: deque[int],
    index: int,
    events: list[tuple[int, int, int, int]],
    order: int,
) -> int:
    """The agent is free at ``now``: take a due pause (back when it ends) or join the ready queue."""
    if session.pauses and session.pauses[0][0] <= now:
        _not_before, code, seconds = session.pauses.popleft()
        seconds = min(seconds, session.end - now)
        if seconds > 0:
            session.segments.append((PAUSE, now, seconds, code, -1))
            session.at = now + seconds
            heapq.heappush(events, (now + seconds, _FREE, order, index))
            return order + 1
    session.ready = True
    ready.append(index)
    return order


def _wait_until(session: PacedSession, moment: int) -> None:
    if moment > session.at:
        session.segments.append((WAIT, session.at, moment - session.at, "", -1))
        session.at = moment

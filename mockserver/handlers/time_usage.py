"""goDashboard agentTimeUsage: how today's logged-in time splits into states, per agent and on average."""

from __future__ import annotations

import calendar
from datetime import datetime, time
from typing import Any

from mockserver.actions import action
from mockserver.agent_rollup import roll_up
from mockserver.handlers.agent_reports import sessions_in
from mockserver.params import Params
from mockserver.report_filters import ReportFilter
from mockserver.world import World

GENERAL_FIELDS = ("pause", "ready", "talk")


@action("agentTimeUsage")
def agent_time_usage(world: World, params: Params) -> dict[str, Any]:
    """Today so far, per agent, in minutes (two decimals): ``ready`` is logged-in time not paused,
    ``avalible`` the part of it spent waiting for a call. ``first_login``/``last_logoff`` are Unix
    times; ``last_logoff`` is 0 while the agent is still logged in. ``general`` averages pause, ready
    and talk over the agents listed."""
    now = world.now()
    today = now.date()
    flt = ReportFilter(start=datetime.combine(today, time()), end=datetime.combine(today, time(23, 59, 59)))
    directory = world.directory
    rollups = roll_up(sessions_in(world, flt), lambda s: s.user.lower())
    logged_in = {state.user.lower() for state in world.live.states()}
    breakdown = []
    for key in sorted(rollups):
        r = rollups[key]
        user = directory.user(r.user)
        still_in = key in logged_in
        breakdown.append(
            {
                "user": user.user if user else r.user,
                "first_login": _epoch(r.first),
                "last_logoff": 0 if still_in else _epoch(r.last),
                "login_time": _minutes(r.login),
                "after_call": _minutes(r.dispo),
                "break": _minutes(r.break_total),
                "pausa": _minutes(r.pauses["PAUSE"]),
                "avalible": _minutes(r.wait),
                "talk": _minutes(r.talk),
                "wrapup": _minutes(r.wrapup),
                "cust_leave": sum(1 for call in r.calls if call.term_reason == "CALLER"),
                "total_calls": r.total_calls,
                "pause": _minutes(r.pause_total),
                "ready": _minutes(r.login - r.pause_total),
            }
        )
    general = {
        field: round(sum(row[field] for row in breakdown) / len(breakdown), 2) if breakdown else 0
        for field in GENERAL_FIELDS
    }
    return {"result": "success", "data": {"breakdown": breakdown, "general": general}}


def _minutes(seconds: int) -> float | int:
    """PHP's ``round($seconds / 60, 2)``, a float (``14.0`` in JSON, W22); a state the agent never
    entered is the integer 0, as the reference's ``"after_call": 0`` beside ``"talk": 37.14`` shows."""
    return round(seconds / 60, 2) if seconds else 0


def _epoch(moment: datetime | None) -> int:
    """The call centre's local wall time as a Unix timestamp (the emulator's clock has no zone)."""
    return calendar.timegm(moment.timetuple()) if moment else 0

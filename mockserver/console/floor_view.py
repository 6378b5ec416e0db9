"""The live floor as the console's wallboard shows it: getAgentStatus's counts, computed by the action
itself, and one row per logged-in agent from the same live floor the realtime actions read."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mockserver.handlers.dashboard import get_agent_status
from mockserver.params import Params
from mockserver.world import World

COUNT_LABELS = (
    ("total_live_agents", "Logged in"),
    ("incall_agents", "In call"),
    ("paused_agents", "Paused"),
    ("ready_agents", "Ready"),
    ("offline_agents", "Offline"),
    ("total_active_agents", "Active agents"),
)
"""getAgentStatus's counters, in wallboard order, with the words the console prints."""


@dataclass(frozen=True)
class AgentRow:
    user: str
    full_name: str
    state: str
    status: str
    pause_code: str
    campaign_id: str
    campaign_name: str
    since: str
    in_state: str
    """Time in the current state, ``H:MM:SS``."""
    seconds_in_state: int


@dataclass(frozen=True)
class FloorSnapshot:
    now: str
    counts: list[tuple[str, str, int]]
    """(counter, label, value) as getAgentStatus answers them."""
    by_state: list[tuple[str, int]]
    """Logged-in agents per live state (READY, PAUSED, DISPO, INCALL, QUEUE, 3-WAY, PARK)."""
    agents: list[AgentRow]


def _duration(seconds: int) -> str:
    hours, rest = divmod(max(seconds, 0), 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def snapshot(world: World) -> FloorSnapshot:
    now: datetime = world.now()
    counts: dict[str, Any] = get_agent_status(world, Params())["data"]
    rows = []
    for state in world.live.states():
        user = world.directory.user(state.user)
        seconds = int((now - state.since).total_seconds())
        rows.append(
            AgentRow(
                user=state.user,
                full_name=user.full_name if user is not None else "",
                state=state.state,
                status=state.status,
                pause_code=state.pause_code,
                campaign_id=state.campaign_id,
                campaign_name=state.campaign_name,
                since=state.since.isoformat(sep=" "),
                in_state=_duration(seconds),
                seconds_in_state=seconds,
            )
        )
    by_state = sorted(Counter(row.state for row in rows).items())
    return FloorSnapshot(
        now=now.isoformat(sep=" "),
        counts=[(key, label, counts[key]) for key, label in COUNT_LABELS],
        by_state=by_state,
        agents=rows,
    )

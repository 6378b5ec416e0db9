"""goDashboard's live counters: how many agents are logged in and what they are doing right now.

Both actions read the same live floor, so goGetTotalAgentsCall's ``data`` always equals getAgentStatus's
``incall_agents`` at the same clock. An agent in the disposition screen counts as paused, as VICIdial
records it (vicidial_live_agents.status is PAUSED while the agent dispositions).
"""

from __future__ import annotations

from typing import Any

from mockserver.actions import action
from mockserver.params import Params
from mockserver.world import World
from mockserver.world.live import CALL_STATES, DISPO, PAUSED, READY


@action("getAgentStatus")
def get_agent_status(world: World, params: Params) -> dict[str, Any]:
    """Counts of active agents by live state; total_active = total_live + offline."""
    states = world.live.states()
    paused = sum(s.state in (PAUSED, DISPO) for s in states)
    ready = sum(s.state == READY for s in states)
    incall = sum(s.state in CALL_STATES for s in states)
    offline = len(world.live.offline_agents())
    total_live = paused + ready + incall
    return {
        "result": "success",
        "data": {
            "total_live_agents": total_live,
            "paused_agents": paused,
            "ready_agents": ready,
            "incall_agents": incall,
            "offline_agents": offline,
            "total_active_agents": total_live + offline,
        },
    }


@action("goGetTotalAgentsCall")
def go_get_total_agents_call(world: World, params: Params) -> dict[str, Any]:
    """Agents in INCALL, QUEUE, 3-WAY or PARK (the states upstream counts)."""
    return {"result": "success", "data": sum(s.in_call for s in world.live.states())}

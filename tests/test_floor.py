"""A busy, believable floor (issue 9): on a weekday at busy hours 35-60 % of the logged-in agents are in a
call, with paused and ready agents in proportions like the reference's getAgentStatus example (61 live:
28 in call, 9 paused, 24 ready), over several seeds and clocks of the default-size centre. The model is
the README's: staffing sized to the day's volume, about 6 calls per staffed hour, a dialer pacing calls to
45 % occupancy."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from mockserver.app import create_app
from mockserver.config import EmulatorConfig
from mockserver.world import World, WorldSize
from mockserver.world.clock import Clock
from mockserver.world.live import CALL_STATES, PAUSED, READY

DEFAULT_CENTRE = WorldSize(leads=4000)  # the default floor; fewer seeded leads only to build faster
BUSY_HOURS = (
    "2025-05-12T10:30:00",  # Monday
    "2025-05-13T12:00:00",  # Tuesday noon (the example clock)
    "2025-05-14T15:30:00",  # Wednesday afternoon
    "2025-05-16T11:15:00",  # Friday
)


def floor_counts(world: World) -> Counter[str]:
    counts: Counter[str] = Counter()
    for state in world.live.states():
        if state.state in CALL_STATES:
            counts["incall"] += 1
        elif state.state == READY:
            counts["ready"] += 1
        else:
            assert state.state in (PAUSED, "DISPO")
            counts["paused"] += 1
    return counts


@pytest.mark.parametrize("seed", [1, 7, 11])
def test_busy_hours_look_like_the_reference_floor(seed):
    world = World(seed, size=DEFAULT_CENTRE)
    shares = []
    for now in BUSY_HOURS:
        world.clock = Clock.parse(now)
        counts = floor_counts(world)
        live = sum(counts.values())
        assert live >= 30, (now, counts)
        incall, paused, ready = (counts[k] / live for k in ("incall", "paused", "ready"))
        assert 0.35 <= incall <= 0.60, (now, counts)
        assert 0.0 < paused <= 0.35, (now, counts)
        assert 0.20 <= ready <= 0.60, (now, counts)
        shares.append((incall, paused, ready))
    # On average over the day's busy hours, close to the example's 46 % / 15 % / 39 %.
    mean = [sum(column) / len(shares) for column in zip(*shares, strict=True)]
    assert 0.38 <= mean[0] <= 0.55 and 0.08 <= mean[1] <= 0.25 and 0.25 <= mean[2] <= 0.50, mean


def test_get_agent_status_reports_that_floor():
    config = EmulatorConfig(seed=7, now="2025-05-13T12:00:00", size=DEFAULT_CENTRE)
    client = create_app(config).test_client()
    query = {"goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}
    status = client.get(
        "/goAPIv2/goDashboard/goAPI.php", query_string={**query, "goAction": "getAgentStatus"}
    )
    data = json.loads(status.data)["data"]
    live = data["total_live_agents"]
    assert live == data["incall_agents"] + data["paused_agents"] + data["ready_agents"]
    assert 0.35 <= data["incall_agents"] / live <= 0.60
    total = client.get(
        "/goAPIv2/goDashboard/goAPI.php", query_string={**query, "goAction": "goGetTotalAgentsCall"}
    )
    assert json.loads(total.data)["data"] == data["incall_agents"]

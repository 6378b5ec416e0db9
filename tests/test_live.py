"""The live floor: read off today's sessions, so it agrees with the call history, and reproducible."""

from __future__ import annotations

from datetime import datetime

import pytest

from mockserver.world import World, WorldSize
from mockserver.world.calls import PAUSE_CODES
from mockserver.world.clock import Clock
from mockserver.world.live import CALL_STATES, PAUSED

SIZE = WorldSize(users=120, campaigns=14, leads=1500, calls_per_day=3000)
AFTERNOON = "2025-05-14T15:30:00"


def world_at(text: str, seed: int = 7) -> World:
    return World(seed, clock=Clock(datetime.fromisoformat(text)), size=SIZE)


@pytest.fixture(scope="module")
def afternoon():
    return world_at(AFTERNOON)


def test_same_seed_and_clock_give_the_same_floor(afternoon):
    assert world_at(AFTERNOON).live.states() == afternoon.live.states()
    assert world_at(AFTERNOON, seed=8).live.states() != afternoon.live.states()


def test_the_floor_is_busier_in_the_afternoon_than_at_night_or_on_sunday(afternoon):
    logged_in = len(afternoon.live.states())
    night = len(world_at("2025-05-14T03:30:00").live.states())
    sunday = len(world_at("2025-05-18T11:00:00").live.states())
    assert logged_in > 3 * max(night, 1)
    assert logged_in > 2 * sunday


def test_logged_in_agents_are_active_agents_and_offline_ones_are_the_rest(afternoon):
    live = {s.user for s in afternoon.live.states()}
    offline = {a.user for a in afternoon.live.offline_agents()}
    active = {a.user for a in afternoon.directory.agents() if a.active}
    assert live | offline == active and not live & offline


def test_an_agent_stays_logged_in_across_minutes_of_a_shift(afternoon):
    logged = {s.user for s in afternoon.live.states()}
    later = {s.user for s in world_at("2025-05-14T15:40:00").live.states()}
    assert len(logged ^ later) <= len(logged) // 10


def _seconds(world):
    now = world.now()
    return now.hour * 3600 + now.minute * 60 + now.second


def test_agents_in_a_call_are_on_a_call_of_todays_history(afternoon):
    plan = afternoon.activity.plan(afternoon.now().date())
    second = _seconds(afternoon)
    in_call = [s for s in afternoon.live.states() if s.in_call]
    assert in_call
    for state in in_call:
        calls = [c for c in plan.calls if c.agent == state.user and c.lead_id == state.lead_id]
        assert any(c.answered <= second < c.finished for c in calls), state.user
        call = next(c for c in calls if c.answered <= second < c.finished)
        assert (call.campaign_id, call.phone_number, call.call_type) == (
            state.campaign_id,
            state.in_call_with,
            state.call_type,
        )
        lead = afternoon.leads.get(state.lead_id)
        assert (lead.phone_number, lead.vendor_lead_code) == (state.in_call_with, state.vendor_lead_code)
        assert afternoon.directory.campaign(state.campaign_id).campaign_name == state.campaign_name


def test_only_call_states_carry_call_details_and_pauses_use_the_report_codes(afternoon):
    states = afternoon.live.states()
    assert any(s.state == PAUSED for s in states)
    for state in states:
        assert state.conf_exten.startswith("86") and state.server_ip and state.since <= afternoon.now()
        if state.state not in CALL_STATES:
            assert (state.campaign_id, state.in_call_with, state.lead_id) == ("", "", 0)
        if state.state == PAUSED:
            assert state.pause_code in PAUSE_CODES and state.status.startswith("PAUSE")


def test_offline_agents_have_no_session_running_now(afternoon):
    plan = afternoon.activity.plan(afternoon.now().date())
    second = _seconds(afternoon)
    running = {
        s.user.lower()
        for s in plan.sessions
        if s.segments and s.segments[0][1] <= second < s.segments[-1][1] + s.segments[-1][2]
    }
    assert {a.user.lower() for a in afternoon.live.offline_agents()}.isdisjoint(running)
    assert {s.user.lower() for s in afternoon.live.states()} == running


def test_state_of_is_case_insensitive_and_none_when_not_logged_in(afternoon):
    user = afternoon.live.states()[0].user
    assert afternoon.live.state_of(user.upper()).user == user
    assert afternoon.live.state_of("nobody") is None
    offline = afternoon.live.offline_agents()[0]
    assert afternoon.live.state_of(offline.user) is None
    inactive = next(a for a in afternoon.directory.agents() if not a.active)
    assert afternoon.live.state_of(inactive.user) is None

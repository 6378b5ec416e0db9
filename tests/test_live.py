"""The live floor: who is logged in follows shifts, states are reproducible per minute."""

from __future__ import annotations

from datetime import datetime

from mockserver.world import World, WorldSize
from mockserver.world.clock import Clock
from mockserver.world.live import CALL_STATES, PAUSED

SIZE = WorldSize(users=120, campaigns=14, leads=1500)


def world_at(text: str, seed: int = 7) -> World:
    return World(seed, clock=Clock(datetime.fromisoformat(text)), size=SIZE)


def test_same_seed_and_minute_give_the_same_floor():
    first = world_at("2025-05-14T15:30:05").live.states()
    assert first == world_at("2025-05-14T15:30:55").live.states()
    assert first != world_at("2025-05-14T15:31:00").live.states()
    assert first != world_at("2025-05-14T15:30:00", seed=8).live.states()


def test_the_floor_is_busier_in_the_afternoon_than_at_night_or_on_sunday():
    afternoon = len(world_at("2025-05-14T15:30:00").live.states())
    night = len(world_at("2025-05-14T03:30:00").live.states())
    sunday = len(world_at("2025-05-18T11:00:00").live.states())
    assert afternoon > 3 * max(night, 1)
    assert afternoon > 2 * sunday


def test_logged_in_agents_are_active_agents_and_offline_ones_are_the_rest():
    world = world_at("2025-05-14T15:30:00")
    live = {s.user for s in world.live.states()}
    offline = {a.user for a in world.live.offline_agents()}
    active = {a.user for a in world.directory.agents() if a.active}
    assert live | offline == active and not live & offline


def test_an_agent_stays_logged_in_across_minutes_of_a_shift():
    logged = {s.user for s in world_at("2025-05-14T15:30:00").live.states()}
    later = {s.user for s in world_at("2025-05-14T15:40:00").live.states()}
    assert len(logged ^ later) <= len(logged) // 10


def test_call_states_carry_call_details_and_others_do_not():
    world = world_at("2025-05-14T15:30:00")
    states = world.live.states()
    assert any(s.in_call for s in states) and any(not s.in_call for s in states)
    for state in states:
        assert state.conf_exten.startswith("86") and state.server_ip
        if state.state in CALL_STATES:
            campaign = world.directory.campaign(state.campaign_id)
            assert campaign.campaign_name == state.campaign_name
            assert state.in_call_with.isdigit() and state.lead_id > 0 and state.call_type
            lead = world.leads.get(state.lead_id)
            assert (lead.phone_number, lead.vendor_lead_code) == (state.in_call_with, state.vendor_lead_code)
            assert world.directory.lead_list(lead.list_id).campaign_id == state.campaign_id
        else:
            assert (state.campaign_id, state.in_call_with, state.lead_id) == ("", "", 0)
        if state.state == PAUSED:
            assert state.pause_code and state.status.startswith("PAUSE - ")


def test_lunch_hour_pauses_more_agents():
    def paused_share(text):
        states = world_at(text).live.states()
        return sum(s.state == PAUSED for s in states) / len(states)

    assert paused_share("2025-05-14T12:45:00") > paused_share("2025-05-14T10:15:00")


def test_state_of_is_case_insensitive_and_none_when_not_logged_in():
    world = world_at("2025-05-14T15:30:00")
    assert world.live.state_of("EXAMPLE.USER").user == "example.user"
    assert world.live.state_of("nobody") is None
    assert world_at("2025-05-18T03:00:00").live.state_of("example.user") is None
    inactive = next(a for a in world.directory.agents() if not a.active)
    assert world.live.state_of(inactive.user) is None

"""``/__admin/agents/<user>/state``: an agent put in a state shows so in getLiveAgentInfo, getAgentStatus
and goGetTotalAgentsCall alike, over HTTP, until cleared or reset."""

from __future__ import annotations

import pytest
import requests

AUTH = {"goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}


def ask(server, module: str, action: str, **params):
    answer = requests.get(server.goapi_url(module), params={**AUTH, "goAction": action, **params}, timeout=10)
    return answer.json()


def live(server, user: str) -> dict:
    return ask(server, "goUsers", "getLiveAgentInfo", user=user)["data"]


def status(server) -> dict:
    return ask(server, "goDashboard", "getAgentStatus")["data"]


def offline_agent(server) -> str:
    for agent in server.app.extensions["crocodial"].directory.agents():
        if agent.active and live(server, agent.user)["status"] == "OFFLINE":
            return agent.user
    raise AssertionError("every agent is logged in")


def test_an_agent_put_in_call_shows_in_live_info_and_the_status_counts(fresh):
    user = offline_agent(fresh)
    before = status(fresh)
    lead = ask(fresh, "goAgent", "goGetCustomerInfo", lead_id="10294")["lead_info"]
    row = fresh.set_agent_state(user, "INCALL", lead_id=10294)
    assert row["status"] == "IN CALL" and row["lead_id"] == 10294
    shown = live(fresh, user)
    assert (shown["status"], shown["color"], shown["lead_id"]) == ("IN CALL", "green", 10294)
    assert shown["in_call_with"] == lead["phone_number"]
    after = status(fresh)
    assert after["incall_agents"] == before["incall_agents"] + 1
    assert after["offline_agents"] == before["offline_agents"] - 1
    assert after["total_live_agents"] == before["total_live_agents"] + 1
    assert ask(fresh, "goDashboard", "goGetTotalAgentsCall")["data"] == after["incall_agents"]

    fresh.set_agent_state(user, "PAUSED", pause_code="LUNCH")
    assert live(fresh, user)["status"] == "PAUSE - LUNCH BREAK"
    assert status(fresh)["paused_agents"] == before["paused_agents"] + 1
    fresh.set_agent_state(user, "DISPOSITION")
    assert live(fresh, user)["status"] == "DISPOSITION"
    fresh.set_agent_state(user, "READY")
    assert status(fresh)["ready_agents"] == before["ready_agents"] + 1
    fresh.set_agent_state(user, "LOGGED_OUT")
    assert live(fresh, user)["status"] == "OFFLINE" and status(fresh) == before
    fresh.clear_agent_state(user)
    fresh.set_agent_state(user, "READY")
    fresh.reset()
    assert status(fresh) == before


@pytest.mark.parametrize(
    ("user", "body", "reason"),
    [
        ("nobody.here", {"state": "READY"}, "no agent named"),
        (None, {"state": "SLEEPING"}, "state must be one of"),
        (None, {"state": "PAUSED", "pause_code": "NAP"}, "pause_code must be one of"),
        (None, {"state": "INCALL"}, "needs the lead_id"),
        (None, {"state": "INCALL", "lead_id": 1}, "no lead 1"),
        (None, {"state": "READY", "lead_id": 10294}, "go with state INCALL"),
        (None, {"state": "READY", "mood": "good"}, "unknown fields: mood"),
    ],
)
def test_states_the_floor_cannot_show_are_400(server, user, body, reason):
    user = user or offline_agent(server)
    answer = requests.put(f"{server.url}/__admin/agents/{user}/state", json=body, timeout=10)
    assert answer.status_code == 400 and reason in answer.json()["error"]


def test_a_lead_added_to_a_hopper_shows_on_it(fresh):
    campaign = "4460708090"
    before = ask(fresh, "goCampaigns", "getLeadsOnHopper", campaign_id=campaign)
    row = fresh.add_to_hopper(campaign, 10294, priority=5)
    after = ask(fresh, "goCampaigns", "getLeadsOnHopper", campaign_id=campaign)
    assert after != before and str(row["hopper_id"]) in str(after) and "10294" in str(after)
    for body, reason in (({"lead_id": 1}, "no lead 1"), ({"lead_id": 10294, "priority": 100}, "priority")):
        answer = requests.post(f"{fresh.url}/__admin/campaigns/{campaign}/hopper", json=body, timeout=10)
        assert answer.status_code == 400 and reason in answer.json()["error"]
    answer = requests.post(f"{fresh.url}/__admin/campaigns/NOPE/hopper", json={"lead_id": 10294}, timeout=10)
    assert answer.status_code == 400 and "no campaign" in answer.json()["error"]
    fresh.reset()
    assert ask(fresh, "goCampaigns", "getLeadsOnHopper", campaign_id=campaign) == before

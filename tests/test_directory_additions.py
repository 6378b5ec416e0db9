"""Call times, campaigns and agents added through ``/__admin/calltimes``, ``/__admin/campaigns`` and
``/__admin/users``: every action that lists or reads them shows them alike, in JSON and XML and within
the contract, over HTTP; two emulators on one store see them; reset drops them; a snapshot keeps them;
bad input is 400."""

from __future__ import annotations

import json

import jsonschema
import pytest
import requests
import yaml
from conftest import SMALL_WORLD
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from crocodial_mock.paths import SPEC_PATH
from mockserver.app import create_app
from mockserver.config import EmulatorConfig
from mockserver.encoding.goapi_xml import parse, project
from mockserver.world import WorldSize

AUTH = {"goUser": "MyUser", "goPass": "MyPass"}
NINE_TO_FIVE = {
    "call_time_id": "9to5",
    "call_time_name": "Nine to five",
    "default_start": 900,
    "default_stop": 1700,
    "days": {"saturday": [1000, 1400]},
}
NEW_CAMPAIGN = {
    "campaign_id": "NEWCAMP1",
    "campaign_name": "NEW RETENTION",
    "tenant": "AAA",
    "profile_id": "VIP",
    "dial_method": "POWER DIAL",
    "auto_dial_level": "2",
    "local_call_time": "9to5",
}
NEW_AGENT = {
    "user": "new.agent",
    "full_name": "New Agent",
    "tenant": "AAA",
    "password": "secret12",
    "profile_id": "VIP",
    "campaign_id": "88888888",
}
LATE = {**NINE_TO_FIVE, "call_time_id": "late"}
LISTED = [
    ("goCalltimes", "goGetAllCalltimes", {}),
    ("goCalltimes", "goGetCalltimeInfo", {"call_time_id": "9to5"}),
    ("goCampaigns", "goGetAllCampaigns", {}),
    ("goCampaigns", "getCampaignInfo", {"campaign_id": "NEWCAMP1"}),
    ("goCampaigns", "getLeadsOnHopper", {"campaign_id": "NEWCAMP1"}),
]


@pytest.fixture(scope="module")
def success_errors():
    """The contract's success schema of an action, as a list of violations of a body."""
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    registry = Registry().with_resource("urn:spec", Resource.from_contents(spec, DRAFT202012))
    refs = {
        op["x-crocodial-action"]: op["x-crocodial-success-schema"]
        for item in spec["paths"].values()
        for method, op in item.items()
        if method == "get" and "x-crocodial-success-schema" in op
    }

    def errors_of(action, body):
        validator = jsonschema.Draft202012Validator({"$ref": f"urn:spec{refs[action]}"}, registry=registry)
        return [error.message for error in validator.iter_errors(body)]

    return errors_of


def ask(server, module, action, responsetype="json", **params) -> requests.Response:
    query = {**AUTH, "goAction": action, "responsetype": responsetype, **params}
    return requests.get(server.goapi_url(module), params=query, timeout=10)


def body(server, module, action, **params) -> dict:
    return ask(server, module, action, **params).json()


def add(server, what: str, spec: dict) -> requests.Response:
    return requests.post(f"{server.url}/__admin/{what}", json=spec, timeout=10)


def test_an_added_call_time_and_campaign_show_in_every_action_in_json_and_xml(fresh, success_errors):
    before = {action: ask(fresh, module, action, **p).content for module, action, p in LISTED}
    assert body(fresh, "goCalltimes", "goGetCalltimeInfo", call_time_id="9to5")["result"].startswith("Error")
    assert body(fresh, "goCampaigns", "getCampaignInfo", campaign_id="NEWCAMP1")["code"] == "41004"

    stored = fresh.add_calltime(**NINE_TO_FIVE)
    assert stored["days"]["saturday"] == [1000, 1400] and stored["days"]["monday"] == [0, 0]
    assert add(fresh, "campaigns", NEW_CAMPAIGN).status_code == 201

    everything = body(fresh, "goCalltimes", "goGetAllCalltimes")
    at = everything["call_time_id"].index("9to5")
    assert everything["call_time_name"][at] == "Nine to five"
    assert (everything["ct_default_start"][at], everything["ct_saturday_stop"][at]) == (900, 1400)
    info = body(fresh, "goCalltimes", "goGetCalltimeInfo", call_time_id="9to5")
    assert (info["ct_default_stop"], info["ct_saturday_start"], info["ct_monday_start"]) == (1700, 1000, 0)
    assert info["id"] > max(ct.id for ct in fresh.app.extensions["crocodial"].seeded_directory.call_times)

    rows = body(fresh, "goCampaigns", "goGetAllCampaigns")["data"]["rows"]
    row = next(r for r in rows if r["id"] == "NEWCAMP1")
    assert (row["campaign_name"], row["dial_method"], row["auto_dial_level"]) == (
        "NEW RETENTION",
        "POWER DIAL",
        "2",
    )
    ids = [r["id"] for r in rows]
    assert ids == sorted(ids, reverse=True)  # upstream's order, the new one in its place
    campaign = body(fresh, "goCampaigns", "getCampaignInfo", campaign_id="NEWCAMP1")
    assert campaign["data"]["local_call_time"] == "9to5" and campaign["data"]["active"] == "Y"
    assert campaign["campaign_type"] == "OUTBOUND"
    hopper = body(fresh, "goCampaigns", "getLeadsOnHopper", campaign_id="NEWCAMP1")
    assert hopper == {"result": "Error: No records found."}  # a known campaign with an empty hopper
    fresh.add_to_hopper("NEWCAMP1", 10294)
    hopper = body(fresh, "goCampaigns", "getLeadsOnHopper", campaign_id="NEWCAMP1")
    assert hopper["result"] == "success" and "10294" in str(hopper)

    for module, action, params in LISTED:
        answer = body(fresh, module, action, **params)
        assert success_errors(action, answer) == [], action
        for wellformed in ("xml", ""):
            xml = ask(fresh, module, action, responsetype=wellformed, **params)
            assert parse(xml.text).nodes == project(answer), action
        assert ask(fresh, module, action, **params).content != before[action]

    assert [c["campaign_id"] for c in fresh.added_campaigns()] == ["NEWCAMP1"]
    assert [c["call_time_id"] for c in fresh.added_calltimes()] == ["9to5"]
    fresh.reset()
    for module, action, params in LISTED:
        assert ask(fresh, module, action, **params).content == before[action], action
    assert fresh.added_campaigns() == []


def test_removing_the_additions_gives_the_seeded_answers_back_byte_for_byte(fresh):
    asked = [("goCalltimes", "goGetAllCalltimes", {}), ("goCampaigns", "goGetAllCampaigns", {})]
    before = [ask(fresh, module, action, **p).content for module, action, p in asked]
    fresh.add_calltime(**NINE_TO_FIVE)
    fresh.add_campaign(**NEW_CAMPAIGN)
    assert [ask(fresh, module, action, **p).content for module, action, p in asked] != before
    with pytest.raises(ValueError, match="calltime '9to5' is used by campaign NEWCAMP1"):
        fresh.remove_calltime("9to5")
    fresh.remove_campaign("NEWCAMP1")
    fresh.remove_calltime("9to5")
    assert [ask(fresh, module, action, **p).content for module, action, p in asked] == before
    missing = requests.delete(f"{fresh.url}/__admin/campaigns/88888888", timeout=10)
    assert missing.status_code == 404 and "no added campaign" in missing.json()["error"]


def test_add_lead_schedules_a_callback_in_an_added_campaign(fresh):
    list_id = fresh.app.extensions["crocodial"].seeded_directory.lists[0].list_id
    lead = {"function": "add_lead", "user": "MyUser", "pass": "MyPass", "source": "test"}
    lead.update(list_id=str(list_id), callback="Y", campaign_id="NEWCAMP1")

    def added(phone: str) -> str:
        return requests.get(fresh.lmapi_url, params={**lead, "phone_number": phone}, timeout=10).text

    assert "CAMPAIGN NOT VALID" in added("3125550191")
    fresh.add_calltime(**NINE_TO_FIVE)
    fresh.add_campaign(**NEW_CAMPAIGN)
    answer = added("3125550192")
    assert answer.startswith("SUCCESS") and "SCHEDULED CALLBACK ADDED" in answer and "|NEWCAMP1|" in answer


@pytest.mark.parametrize(
    ("what", "spec", "reason"),
    [
        ("calltimes", {**LATE, "call_time_id": "24hrs"}, "call time '24hrs' already exists"),
        ("calltimes", {"call_time_name": "x"}, "missing fields: call_time_id"),
        ("calltimes", {**LATE, "default_start": 2500}, "default_start must be a time of day"),
        ("calltimes", {**LATE, "default_stop": 1075}, "default_stop must be a time of day"),
        ("calltimes", {**LATE, "days": {"funday": [0, 0]}}, "days must map"),
        ("calltimes", {**LATE, "user_group": "ZZZ"}, "user_group must be ---ALL--- or a portfolio"),
        ("calltimes", {**LATE, "call_time_id": "a b"}, "call_time_id must be 2-20"),
        ("calltimes", {**LATE, "colour": "red"}, "unknown fields: colour"),
        ("calltimes", [], "expected a JSON object"),
        ("campaigns", {**NEW_CAMPAIGN, "campaign_id": "88888888"}, "campaign '88888888' already exists"),
        ("campaigns", {**NEW_CAMPAIGN, "tenant": "ZZZ"}, "tenant must be a portfolio"),
        ("campaigns", {**NEW_CAMPAIGN, "profile_id": "NOPE"}, "profile_id must be one of"),
        (
            "campaigns",
            {**NEW_CAMPAIGN, "local_call_time": "never"},
            "local_call_time 'never' is not a call time",
        ),
        ("campaigns", {**NEW_CAMPAIGN, "dial_method": "RATCHET"}, "dial_method must be one of"),
        ("campaigns", {**NEW_CAMPAIGN, "dial_method": "PREVIEW"}, "auto_dial_level must be one of 0"),
        ("campaigns", {**NEW_CAMPAIGN, "active": "Y"}, "active must be true or false"),
        ("campaigns", {"campaign_id": "X1"}, "missing fields: campaign_name, tenant"),
    ],
)
def test_entries_the_directory_cannot_take_are_400_with_the_reason(fresh, what, spec, reason):
    fresh.add_calltime(**NINE_TO_FIVE)
    fresh.add_campaign(**{**NEW_CAMPAIGN, "campaign_id": "OTHER1"})
    answer = add(fresh, what, spec)
    assert answer.status_code == 400 and reason in answer.json()["error"]
    assert len(fresh.added_calltimes()) == 1 and len(fresh.added_campaigns()) == 1


def test_a_duplicate_of_an_added_entry_is_400(fresh):
    fresh.add_calltime(**NINE_TO_FIVE)
    answer = add(fresh, "calltimes", NINE_TO_FIVE)
    assert answer.status_code == 400 and "already exists" in answer.json()["error"]


def test_two_emulators_on_one_store_see_the_additions(tmp_path):
    config = EmulatorConfig(
        seed=7,
        now="2025-05-14T15:30:00",
        size=WorldSize(**SMALL_WORLD),
        state=f"sqlite:///{tmp_path / 's.db'}",
    )
    first, second = create_app(config).test_client(), create_app(config).test_client()

    def campaigns(client) -> bytes:
        query = {**AUTH, "goAction": "goGetAllCampaigns", "responsetype": "json"}
        return client.get("/goAPIv2/goCampaigns/goAPI.php", query_string=query).data

    seen = campaigns(second)  # kept by the second's answer cache before the change
    assert first.post("/__admin/calltimes", json=NINE_TO_FIVE).status_code == 201
    assert first.post("/__admin/campaigns", json=NEW_CAMPAIGN).status_code == 201
    assert b'"NEWCAMP1"' in campaigns(second) and campaigns(second) == campaigns(first)
    query = {**AUTH, "goAction": "goGetCalltimeInfo", "call_time_id": "9to5", "responsetype": "json"}
    assert (
        json.loads(second.get("/goAPIv2/goCalltimes/goAPI.php", query_string=query).data)["call_time_name"]
        == "Nine to five"
    )
    assert first.post("/__admin/users", json=NEW_AGENT).status_code == 201
    query = {**AUTH, "goAction": "getUserInfo", "user": "new.agent", "responsetype": "json"}
    info = json.loads(second.get("/goAPIv2/goUsers/goAPI.php", query_string=query).data)
    assert info["data"]["user_info"]["full_name"] == "New Agent"
    assert second.post("/__admin/reset").status_code == 200
    assert campaigns(first) == seen


def test_a_snapshot_keeps_the_additions_and_refuses_forged_ones(fresh):
    fresh.add_calltime(**NINE_TO_FIVE)
    fresh.add_campaign(**NEW_CAMPAIGN)
    fresh.add_user(**{**NEW_AGENT, "campaign_id": "NEWCAMP1"})
    asked = LISTED + AGENT_ACTIONS
    taken = [ask(fresh, module, action, **p).content for module, action, p in asked]
    document = fresh.snapshot()
    fresh.reset()
    fresh.restore(document)
    assert [ask(fresh, module, action, **p).content for module, action, p in asked] == taken
    assert fresh.add_campaign(**{**NEW_CAMPAIGN, "campaign_id": "NEWCAMP2"})["local_call_time"] == "9to5"
    table = document["kinds"]["directory"]["table"]
    table["campaign:NEWCAMP1"]["tenant"] = "ZZZ"
    with pytest.raises(ValueError, match="directory: campaign:NEWCAMP1"):
        fresh.restore(document)
    del table["calltime:9to5"], table["user:new.agent"]
    table["campaign:NEWCAMP1"]["tenant"] = "AAA"
    with pytest.raises(ValueError, match="local_call_time '9to5' is not a call time"):
        fresh.restore(document)


AGENT_ACTIONS = [
    ("goUsers", "goGetAllUsers", {}),
    ("goUsers", "getUserInfo", {"user": "NEW.AGENT"}),
    ("goUsers", "getLiveAgentInfo", {"user": "new.agent"}),
    ("goDashboard", "getAgentStatus", {}),
]


def test_an_added_agent_shows_in_every_user_action_offline_with_an_empty_day(fresh, success_errors):
    status = body(fresh, "goDashboard", "getAgentStatus")["data"]
    users = body(fresh, "goUsers", "goGetAllUsers")["data"]
    in_call = body(fresh, "goDashboard", "goGetTotalAgentsCall")
    assert body(fresh, "goUsers", "getUserInfo", user="new.agent")["code"] == "41004"

    stored = fresh.add_user(**NEW_AGENT)
    assert stored["profile_id"] == "VIP" and stored["active"] is True

    listed = body(fresh, "goUsers", "goGetAllUsers")["data"]
    assert listed["total_users"] == users["total_users"] + 1
    assert listed["total_active_users"] == users["total_active_users"] + 1
    row = next(r for r in listed["user_list"] if r["user"] == "new.agent")
    assert (row["name"], row["level"], row["campaign_id"], row["campaign_name"]) == (
        "New Agent",
        1,
        "88888888",
        "DEFAULT",
    )
    assert row["allowed_companys"] == ["AAA"]
    names = [r["user"].lower() for r in listed["user_list"]]
    assert names == sorted(names)  # in its place by name, as upstream sorts
    info = body(fresh, "goUsers", "getUserInfo", user="NEW.AGENT")["data"]
    assert info["user_info"]["user"] == "new.agent" and info["user_info"]["user_id"] == row["user_id"]
    assert (info["user_info"]["pass"], info["user_info"]["user_group"], info["user_info"]["user_level"]) == (
        "secret12",
        "AAA",
        1,
    )
    assert info["user_stats"]["total_calls"] == 0 and info["user_stats"]["login_time"] == "00:00:00"
    assert body(fresh, "goUsers", "getLiveAgentInfo", user="new.agent")["data"]["status"] == "OFFLINE"
    now = body(fresh, "goDashboard", "getAgentStatus")["data"]
    assert now["offline_agents"] == status["offline_agents"] + 1
    assert now["total_active_agents"] == status["total_active_agents"] + 1
    counted = ("offline_agents", "total_active_agents")
    assert {k: v for k, v in now.items() if k not in counted} == {
        k: v for k, v in status.items() if k not in counted
    }
    assert body(fresh, "goDashboard", "goGetTotalAgentsCall") == in_call
    for module, action, params in AGENT_ACTIONS:
        answer = body(fresh, module, action, **params)
        assert success_errors(action, answer) == [], action
        assert parse(ask(fresh, module, action, responsetype="xml", **params).text).nodes == project(answer)

    fresh.set_agent_state("new.agent", "READY")
    assert body(fresh, "goUsers", "getLiveAgentInfo", user="new.agent")["data"]["status"] == "READY"
    ready = body(fresh, "goDashboard", "getAgentStatus")["data"]
    assert (ready["ready_agents"], ready["offline_agents"]) == (
        status["ready_agents"] + 1,
        status["offline_agents"],
    )

    # An agent cannot call the API, as upstream refuses agents.
    refused = ask(fresh, "goUsers", "goGetAllUsers", goUser="new.agent", goPass="secret12").json()
    assert refused == ask(fresh, "goUsers", "goGetAllUsers", goUser="Agent001", goPass="x").json()
    assert refused.get("result") != "success"

    fresh.reset()
    assert body(fresh, "goUsers", "getUserInfo", user="new.agent")["code"] == "41004"
    assert body(fresh, "goDashboard", "getAgentStatus")["data"] == status


def test_an_added_inactive_agent_is_listed_as_inactive_and_never_offline(fresh):
    status = body(fresh, "goDashboard", "getAgentStatus")["data"]
    fresh.add_user(**{**NEW_AGENT, "active": False})
    inactive = body(fresh, "goUsers", "goGetAllUsers", only_inactives="1")["data"]["user_list"]
    assert "new.agent" in {r["user"] for r in inactive}
    assert body(fresh, "goDashboard", "getAgentStatus")["data"] == status
    answer = requests.put(f"{fresh.url}/__admin/agents/new.agent/state", json={"state": "READY"}, timeout=10)
    assert answer.status_code == 400 and "inactive" in answer.json()["error"]


def test_removing_an_added_agent_forgets_its_live_state_and_campaigns_in_use_stay(fresh):
    status = body(fresh, "goDashboard", "getAgentStatus")["data"]
    fresh.add_calltime(**NINE_TO_FIVE)
    fresh.add_campaign(**NEW_CAMPAIGN)
    fresh.add_user(**{**NEW_AGENT, "campaign_id": "NEWCAMP1"})
    fresh.set_agent_state("new.agent", "PAUSED", pause_code="LUNCH")
    with pytest.raises(ValueError, match=r"campaign 'NEWCAMP1' is used by user new\.agent"):
        fresh.remove_campaign("NEWCAMP1")
    fresh.remove_user("new.agent")
    assert body(fresh, "goDashboard", "getAgentStatus")["data"] == status
    assert body(fresh, "goUsers", "getLiveAgentInfo", user="new.agent")["code"] == "41004"
    fresh.remove_campaign("NEWCAMP1")


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ({**NEW_AGENT, "user": "Agent001"}, "user 'Agent001' already exists"),
        ({**NEW_AGENT, "user": "AGENT001"}, "already exists"),
        ({**NEW_AGENT, "user": "MyUser"}, "already exists"),
        ({**NEW_AGENT, "user": "no spaces"}, "user must be 2-20"),
        ({**NEW_AGENT, "tenant": "ZZZ"}, "tenant must be a portfolio"),
        ({**NEW_AGENT, "profile_id": "NOPE"}, "profile_id must be one of"),
        ({**NEW_AGENT, "campaign_id": "NOPE"}, "campaign_id 'NOPE' is not a campaign"),
        ({**NEW_AGENT, "password": ""}, "password must not be empty"),
        ({**NEW_AGENT, "active": 1}, "active must be true or false"),
        ({**NEW_AGENT, "user_level": 9}, "unknown fields: user_level"),
        ({"user": "x.y"}, "missing fields: full_name, tenant, password"),
    ],
)
def test_agents_the_directory_cannot_take_are_400_with_the_reason(fresh, spec, reason):
    answer = add(fresh, "users", spec)
    assert answer.status_code == 400 and reason in answer.json()["error"]
    assert fresh.added_users() == []

"""The directory and live handlers answer with the reference's shapes and agree with each other."""

from __future__ import annotations

from datetime import datetime

import pytest

from mockserver.actions import handler_for
from mockserver.errors import ApiError
from mockserver.params import Params
from mockserver.world import World, WorldSize
from mockserver.world.clock import Clock

DAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")


def keys(text: str) -> list[str]:
    return text.split()


LIVE_KEYS = keys(
    "status color in_call_with campaign_id campaign_name call_type caller_id conf_exten server_ip "
    "vendor_lead_code lead_id"
)
USER_ROW_KEYS = keys(
    "user_id user name exten level active campaign_id campaign_name rank profile_id allowed_companys inbound "
    "dialer xfer manual_dial_only closer_campaigns agentcall_manual"
)
CALLTIME_INFO_KEYS = (
    keys("result id call_time_id call_time_name call_time_comments ct_default_start ct_default_stop")
    + [f"ct_{day}_{edge}" for day in DAYS for edge in ("start", "stop")]
    + ["ct_state_call_times", "default_afterhours_filename_override"]
    + [f"{day}_afterhours_filename_override" for day in DAYS]
    + ["user_group", "ct_holidays"]
)
CAMPAIGN_INFO_KEYS = keys(
    "campaign_id campaign_name active dial_status_a dial_status_b lead_order hopper_level auto_dial_level "
    "next_agent_call local_call_time dial_timeout dial_prefix campaign_cid campaign_script "
    "campaign_recording closer_campaigns drop_call_seconds drop_action wrapup_seconds manual_dial_list_id "
    "queue_priority default_xfer_group survey_method survey_dtmf_digits survey_xfer_exten use_internal_dnc "
    "manual_dial_timeout three_way_call_cid three_way_dial_prefix callback_days_limit campaign_description "
    "campaign_calldate"
)
CAMPAIGN_ROW_KEYS = keys(
    "id campaign_name dialer campaign_vdad_exten list_order_mix dial_method auto_dial_level active"
)


@pytest.fixture(scope="module")
def world():
    return World(
        7, clock=Clock(datetime(2025, 5, 14, 15, 30)), size=WorldSize(users=60, campaigns=16, leads=1500)
    )


def call(world, name, **params):
    return handler_for(name)(world, Params(params))


def error_of(world, name, **params):
    with pytest.raises(ApiError) as caught:
        call(world, name, **params)
    return caught.value.body


def test_get_agent_status_adds_up(world):
    data = call(world, "getAgentStatus")["data"]
    assert list(data) == [
        "total_live_agents", "paused_agents", "ready_agents", "incall_agents", "offline_agents",
        "total_active_agents",
    ]  # fmt: skip
    assert all(isinstance(v, int) for v in data.values())
    assert data["total_live_agents"] == data["paused_agents"] + data["ready_agents"] + data["incall_agents"]
    assert data["total_active_agents"] == data["total_live_agents"] + data["offline_agents"]
    assert data["total_active_agents"] == sum(a.active for a in world.directory.agents())


def test_total_agents_in_call_matches_the_live_rows(world):
    total = call(world, "goGetTotalAgentsCall")
    assert list(total) == ["result", "data"] and isinstance(total["data"], int)
    assert total["data"] == call(world, "getAgentStatus")["data"]["incall_agents"]
    in_call = 0
    for agent in world.directory.agents():
        status = call(world, "getLiveAgentInfo", user=agent.user)["data"]["status"]
        in_call += status in ("IN CALL", "QUEUE", "3-WAY", "PARK")
    assert in_call == total["data"] > 0


def test_live_agent_info_shapes(world):
    statuses = set()
    for agent in world.directory.agents():
        answer = call(world, "getLiveAgentInfo", user=agent.user.upper())
        assert list(answer) == ["result", "data"] and list(answer["data"]) == LIVE_KEYS
        data = answer["data"]
        assert isinstance(data["lead_id"], int)
        assert all(isinstance(data[k], str) for k in LIVE_KEYS if k != "lead_id")
        statuses.add(data["status"])
        if data["status"] == "READY":
            assert data["color"] == "primary" and data["campaign_id"] == "" and data["lead_id"] == 0
        if data["status"] == "IN CALL":
            assert data["color"] == "green" and data["campaign_name"] and data["lead_id"] > 0
    assert {"READY", "IN CALL", "OFFLINE"} <= statuses


def test_live_agent_info_unknown_user(world):
    assert error_of(world, "getLiveAgentInfo", user="ghost") == {
        "code": "41004",
        "message": "Invalid value in user. Doesn't exist",
    }


def test_portfolios_list_every_tenant(world):
    answer = call(world, "getAllPortfolios")
    assert {"portfolio": "ABC", "portfolio_name": "Alpha Business Corp"} in answer["data"]
    assert len(answer["data"]) == len(world.directory.tenants)


def test_profiles_grid_matches_the_list(world):
    answer = call(world, "getAllProfiles")
    assert list(answer) == ["result", "data", "use_profile", "profiles"] and answer["use_profile"] == 1
    rows = answer["profiles"]["rows"]
    assert [r["profile_id"] for r in rows] == [d["profile_id"] for d in answer["data"]]
    first = rows[0]
    assert list(first) == ["id", "profile_id", "profile_name", "disposition_set", "action"]
    assert first["id"] == 1 and first["disposition_set"] == "PAYMENT FOLLOW-UP"
    assert 'profile_id="1"' in first["action"] and first["action"].startswith("<button")
    assert all({"title", "field"} <= set(h) for h in answer["profiles"]["headers"])


def test_all_users_rows_and_totals(world):
    data = call(world, "goGetAllUsers")["data"]
    assert list(data) == [
        "user_list", "all_campaigns", "all_preview_campaigns", "total_users", "total_active_users",
        "total_inactive_users",
    ]  # fmt: skip
    rows = data["user_list"]
    assert rows and all(list(r) == USER_ROW_KEYS and r["active"] == "Y" for r in rows)
    assert data["total_users"] == data["total_active_users"] + data["total_inactive_users"]
    assert data["total_active_users"] == len(rows)
    inactive = call(world, "goGetAllUsers", only_inactives="1")["data"]["user_list"]
    assert len(inactive) == data["total_inactive_users"] > 0
    assert all(r["active"] == "N" for r in inactive)
    jhon = next(r for r in rows if r["user"] == "Jhon.Exp")
    assert jhon["user_id"] == 2222 == jhon["exten"] and jhon["allowed_companys"] == ["AMI", "IST", "PTR"]
    assert jhon["campaign_name"] == "NEWLOANS"
    assert {"campaign_id": "12345678", "campaign_name": "PAYMENTS"} in data["all_preview_campaigns"]


@pytest.mark.parametrize("value", ["2", "yes", "-1"])
def test_all_users_rejects_other_only_inactives_values(world, value):
    assert error_of(world, "goGetAllUsers", only_inactives=value) == {
        "code": "41004",
        "message": "Invalid value in only_inactives",
    }


def test_all_calltimes_are_parallel_lists_that_match_each_info(world):
    answer = call(world, "goGetAllCalltimes")
    ids = answer["call_time_id"]
    assert ids[:6] == ["24hrs", "7am6pm", "CLOSED", "7am6pmMF", "7am8pmMF", "24hours"]
    assert answer["ct_sunday_start"][:6] == [0, 0, 0, 0, 900, 0]
    assert list(answer)[-1] == "user_group" and len(answer) == 1 + 2 + 16 + 1
    for index, ct_id in enumerate(ids):
        info = call(world, "goGetCalltimeInfo", call_time_id=ct_id)
        assert list(info) == CALLTIME_INFO_KEYS
        for key, column in answer.items():
            if key != "result":
                assert info[key] == column[index]


def test_calltime_info_of_the_documented_example(world):
    info = call(world, "goGetCalltimeInfo", call_time_id="weekdays-example")
    assert (info["id"], info["ct_saturday_stop"], info["ct_holidays"]) == (14, 1600, "")


def test_calltime_info_unknown_id(world):
    assert error_of(world, "goGetCalltimeInfo", call_time_id="nope") == {
        "result": "Error: Calltime does not exist."
    }


def test_campaign_info_shape_and_types(world):
    answer = call(world, "getCampaignInfo", campaign_id="1234567")
    assert list(answer) == ["result", "data", "campaign_type", "custom_fields_launch"]
    data = answer["data"]
    assert list(data) == CAMPAIGN_INFO_KEYS
    for key in ("hopper_level", "dial_timeout", "drop_call_seconds", "manual_dial_list_id", "queue_priority"):
        assert isinstance(data[key], int)
    assert data["dial_status_a"] is None and isinstance(data["auto_dial_level"], str)
    assert datetime.strptime(data["campaign_calldate"], "%Y-%m-%d %H:%M:%S") <= world.now()
    assert answer["campaign_type"] in ("OUTBOUND", "INBOUND", "BLENDED")


def test_campaign_info_unknown_id(world):
    assert error_of(world, "getCampaignInfo", campaign_id="NOPE") == {
        "code": "41004",
        "message": "Invalid value in campaign_id",
    }


def test_all_campaigns_rows_agree_with_each_campaign_info(world):
    rows = call(world, "goGetAllCampaigns")["data"]["rows"]
    assert len(rows) == len(world.directory.campaigns)
    assert [r["id"] for r in rows] == sorted((r["id"] for r in rows), reverse=True)
    for row in rows:
        assert list(row) == CAMPAIGN_ROW_KEYS
        info = call(world, "getCampaignInfo", campaign_id=row["id"])["data"]
        assert (info["campaign_name"], info["active"], info["auto_dial_level"]) == (
            row["campaign_name"], row["active"], row["auto_dial_level"],
        )  # fmt: skip
        assert row["dialer"] == ("N" if row["auto_dial_level"] == "0" else "Y")


def test_every_listed_user_campaign_exists(world):
    for row in call(world, "goGetAllUsers")["data"]["user_list"]:
        assert (
            call(world, "getCampaignInfo", campaign_id=row["campaign_id"])["data"]["campaign_name"]
            == (row["campaign_name"])
        )


DOCUMENTED_REQUESTS = [
    ("goDashboard", {"goAction": "getAgentStatus"}),
    ("goDashboard", {"goAction": "goGetTotalAgentsCall"}),
    ("goUsers", {"goAction": "getLiveAgentInfo", "user": "Example.User"}),
    ("goUsers", {"goAction": "getAllPortfolios"}),
    ("goUsers", {"goAction": "getAllProfiles"}),
    ("goUsers", {"goAction": "goGetAllUsers"}),
    ("goCalltimes", {"goAction": "goGetAllCalltimes"}),
    ("goCalltimes", {"goAction": "goGetCalltimeInfo", "call_time_id": "weekdays-example"}),
    ("goCampaigns", {"goAction": "getCampaignInfo", "campaign_id": "11111111"}),
    ("goCampaigns", {"goAction": "goGetAllCampaigns"}),
]


@pytest.fixture(scope="module")
def client():
    from mockserver.app import create_app
    from mockserver.config import EmulatorConfig

    config = EmulatorConfig(seed=7, now="2025-05-14T15:30:00", size=WorldSize(users=60, leads=1500))
    return create_app(config).test_client()


@pytest.mark.parametrize(("module", "params"), DOCUMENTED_REQUESTS)
def test_documented_requests_succeed_over_get_and_post(client, module, params):
    form = {**params, "goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}
    url = f"/goAPIv2/{module}/goAPI.php"
    by_get = client.get(url, query_string=form)
    by_post = client.post(url, data=form)
    assert by_get.status_code == 200 and by_get.get_json(force=True)["result"] == "success"
    assert by_post.data == by_get.data


def test_an_action_answers_only_on_its_own_module(client):
    form = {"goAction": "goGetAllUsers", "goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}
    answer = client.get("/goAPIv2/goCampaigns/goAPI.php", query_string=form).get_json(force=True)
    assert answer == {"result": "error", "message": "Command Not Found"}


def test_campaign_calldate_is_the_campaigns_latest_call_before_now(world):
    now = world.now()
    second = now.hour * 3600 + now.minute * 60 + now.second
    calls = [c for c in world.activity.plan(now.date()).calls if c.start <= second]
    busiest = max({c.campaign_id for c in calls}, key=lambda cid: sum(c.campaign_id == cid for c in calls))
    latest = max(c.start for c in calls if c.campaign_id == busiest)
    data = call(world, "getCampaignInfo", campaign_id=busiest)["data"]
    assert (
        data["campaign_calldate"]
        == f"{now:%Y-%m-%d} {latest // 3600:02d}:{latest // 60 % 60:02d}:{latest % 60:02d}"
    )

"""getUserInfo's user record and today's statistics, and the report actions through the app."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from report_helpers import NOW, SMALL, make_world, run

from mockserver.app import create_app
from mockserver.config import EmulatorConfig
from mockserver.encoding import goapi_xml
from mockserver.world import WorldSize

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "examples"
TODAY = {"fromDate": "2025-05-14", "toDate": "2025-05-14"}


@pytest.fixture(scope="module")
def world():
    return make_world()


def seconds(hms: str) -> int:
    hours, minutes, secs = (int(part) for part in hms.split(":"))
    return hours * 3600 + minutes * 60 + secs


def test_user_info_lists_the_reference_fields_in_order(world):
    info = run(world, "getUserInfo", user="example.user")["data"]["user_info"]
    example = json.loads((FIXTURES / "getUserInfo.json").read_text())["data"]["user_info"]
    assert list(info) == list(example)
    assert info["user_id"] == 1234 and info["user"] == "example.user"
    assert isinstance(info["user_level"], int)
    assert all(isinstance(value, str) for key, value in info.items() if key not in ("user_id", "user_level"))


def test_user_lookup_is_case_insensitive_and_answers_with_the_stored_name(world):
    upper = run(world, "getUserInfo", user="EXAMPLE.USER")
    assert upper == run(world, "getUserInfo", user="example.user")
    assert upper["data"]["user_info"]["user"] == "example.user"


def test_unknown_user_answers_a10(world):
    assert run(world, "getUserInfo", user="ghost.user") == {
        "code": "41004",
        "message": "Invalid value in user. Doesn't exist",
    }


def test_an_api_accounts_real_password_is_never_shown(world):
    info = run(world, "getUserInfo", user="MyUser")["data"]["user_info"]
    assert info["pass"] and info["pass"] != "MyPass"
    stats = run(world, "getUserInfo", user="MyUser")["data"]["user_stats"]
    assert (
        stats["total_calls"] == 0 and stats["login_time"] == "00:00:00" and stats["sla_productivity"] == "0%"
    )


def _busiest_agent_today(world) -> str:
    rows = run(world, "agent_calls_report", **TODAY)["data"]["agent_report"]["rows"]
    calls = Counter()
    for row in rows:
        calls[row["user"]] += int(row["total_calls"])
    return calls.most_common(1)[0][0]


def test_user_stats_agree_with_todays_reports(world):
    user = _busiest_agent_today(world)
    stats = run(world, "getUserInfo", user=user)["data"]["user_stats"]
    calls = sum(
        int(row["total_calls"])
        for row in run(world, "agent_calls_report", user=user, **TODAY)["data"]["agent_report"]["rows"]
    )
    (pause,) = run(world, "exportPauseReport", user=user, **TODAY)["data"]["rows"]
    agent_rows = run(world, "exportAgentReport", user=user, **TODAY)["data"]["rows"]
    assert stats["total_calls"] == calls > 0
    assert seconds(stats["talk"]) == pause["talk_sec"]
    assert seconds(stats["login_time"]) == pause["total_time"]
    assert seconds(stats["after_call"]) == pause["dispo_sec"]
    assert seconds(stats["avalible"]) == pause["wait_sec"]
    assert seconds(stats["talk_avalible"]) == pause["talk_sec"] + pause["wait_sec"]
    assert stats["sales"] == sum(int(row["sales"]) for row in agent_rows)
    assert stats["denied"] == sum(int(row["denied"]) for row in agent_rows)
    assert stats["first_activity"] == min(row["first_activity"] for row in agent_rows)[11:]
    assert stats["last_activity"] <= NOW[11:]
    assert stats["sla_productivity"].endswith("%") and 0 < int(stats["sla_productivity"][:-1]) <= 100


def test_an_agent_who_has_not_worked_today_has_empty_stats():
    w = make_world(now="2025-05-14T06:00:00")  # before the day shifts
    stats = run(w, "getUserInfo", user="example.user")["data"]["user_stats"]
    assert stats["total_calls"] == 0
    assert stats["login_time"] == "00:00:00" and stats["first_activity"] == "00:00:00"


# --- through the app -----------------------------------------------------------------------------------

REPORT_URL = "/goAPIv2/goReports/goAPI.php"
CREDENTIALS = {"goUser": "MyUser", "goPass": "MyPass"}


def _client(size: WorldSize = SMALL):
    return create_app(EmulatorConfig(seed=7, now=NOW, size=size)).test_client()


@pytest.mark.parametrize(
    ("path", "query"),
    [
        (REPORT_URL, "goAction=outbound_cdr"),
        (
            REPORT_URL,
            "goAction=agent_cdr&profile[]=SERVERS&tenant[]=GAL&fromDate=2025-05-12&toDate=2025-05-14",
        ),
        (REPORT_URL, "goAction=exportAgentReport&fromDate=2025-05-01&toDate=2025-05-14&user=example.user1"),
        ("/goAPIv2/goDashboard/goAPI.php", "goAction=agentTimeUsage"),
        ("/goAPIv2/goUsers/goAPI.php", "goAction=getUserInfo&user=example.user"),
    ],
)
def test_same_seed_and_clock_give_byte_identical_json(path, query):
    url = f"{path}?goUser=MyUser&goPass=MyPass&responsetype=json&{query}"
    first, second = _client().get(url), _client().get(url)
    assert first.data == second.data
    assert json.loads(first.data)["result"] == "success"


def test_reference_get_and_post_forms_answer_alike():
    client = _client()
    query = "goAction=agent_calls_report&responsetype=json&tenant[]=GAL&fromDate=2025-05-12&toDate=2025-05-14"
    by_get = client.get(f"{REPORT_URL}?goUser=MyUser&goPass=MyPass&{query}")
    form = {
        **CREDENTIALS,
        "goAction": "agent_calls_report",
        "responsetype": "json",
        "tenant[]": "GAL",
        "fromDate": "2025-05-12",
        "toDate": "2025-05-14",
    }
    by_post = client.post(REPORT_URL, data=form)
    assert by_get.data == by_post.data
    assert json.loads(by_get.data)["data"]["agent_report"]["rows"]


def test_xml_carries_the_same_data_as_json():
    client = _client()
    query = "goAction=inbound_summary_stats&fromDate=2025-05-12&toDate=2025-05-14&tenant=CSC"
    as_json = json.loads(
        client.get(f"{REPORT_URL}?goUser=MyUser&goPass=MyPass&responsetype=json&{query}").data
    )
    as_xml = client.get(f"{REPORT_URL}?goUser=MyUser&goPass=MyPass&responsetype=xml&{query}").data.decode()
    assert goapi_xml.parse(as_xml).nodes == goapi_xml.project(as_json)


def test_report_errors_through_the_app():
    client = _client()
    base = f"{REPORT_URL}?goUser=MyUser&goPass=MyPass&responsetype=json"
    bad_tenant = client.get(f"{base}&goAction=outbound_cdr&tenant[]=AAAA")
    assert json.loads(bad_tenant.data) == {"code": "41004", "message": "Invalid value in tenant"}
    no_dates = client.get(f"{base}&goAction=exportPauseReport")
    assert json.loads(no_dates.data) == {"code": "40001", "message": "Error: Missing required parameters"}

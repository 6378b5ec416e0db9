"""The report actions: the reference's shapes, the consistency rules between reports, and every filter."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_helpers import make_world, run

from mockserver.world import World

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "examples"
WEEK = {"fromDate": "2025-05-08", "toDate": "2025-05-14"}


@pytest.fixture(scope="module")
def world() -> World:
    return make_world()


def rows_of(answer: dict[str, Any]) -> list[dict[str, Any]]:
    data = answer["data"]
    return data["agent_report"]["rows"] if "agent_report" in data else data["rows"]


# --- shapes -------------------------------------------------------------------------------------------

SHAPE_CASES = {
    "outbound_cdr": {},
    "inbound_cdr": {},
    "agent_cdr": {},
    "exportAgentReport": WEEK,
    "agent_calls_report": WEEK,
    "exportPauseReport": WEEK,
    "inbound_summary_stats": WEEK,
    "agent_summary_stats": {},
    "agentTimeUsage": {},
    "getUserInfo": {"user": "example.user"},
}


def _shape(value: Any, skip_lists: bool = False) -> Any:
    """Keys in order and JSON types; a list is described by its first element."""
    if isinstance(value, dict):
        return [(key, _shape(item, key in ("headers", "summary_headers"))) for key, item in value.items()]
    if isinstance(value, list):
        return "list" if skip_lists or not value else ["list", _shape(value[0])]
    if value is None:
        return "null"
    return {bool: "bool", int: "number", float: "number", str: "string"}[type(value)]


def _loosen(shape: Any, example: Any) -> Any:
    """Where the example shows null the emulator may send a value too (most_dispo with calls)."""
    if isinstance(shape, list) and isinstance(example, list) and len(shape) == len(example):
        return [_loosen(s, e) for s, e in zip(shape, example, strict=True)]
    if isinstance(shape, tuple) and isinstance(example, tuple):
        return (shape[0], _loosen(shape[1], example[1]))
    return example if example == "null" else shape


@pytest.mark.parametrize("action", sorted(SHAPE_CASES))
def test_answers_have_the_reference_examples_keys_order_and_types(world, action):
    answer = run(world, action, **SHAPE_CASES[action])
    example = json.loads((FIXTURES / f"{action}.json").read_text())
    assert rows_of(answer) if "rows" in json.dumps(example) else True, "the example range has data"
    got, expected = _shape(answer), _shape(example)
    assert _loosen(got, expected) == expected


@pytest.mark.parametrize(
    "action", ["outbound_cdr", "inbound_cdr", "agent_cdr", "exportPauseReport", "inbound_summary_stats"]
)
def test_every_row_field_has_a_header(world, action):
    data = run(world, action, **WEEK)["data"]
    fields = [header["field"] for header in data["headers"]]
    assert all({"title", "field"} <= set(header) for header in data["headers"])
    assert fields == list(data["rows"][0])


def test_same_seed_and_clock_give_identical_reports():
    a, b = make_world(), make_world()
    for action, params in SHAPE_CASES.items():
        assert run(a, action, **params) == run(b, action, **params), action


# --- outbound_cdr -----------------------------------------------------------------------------------


def test_outbound_summary_counts_each_campaigns_rows(world):
    answer = run(world, "outbound_cdr", **WEEK)
    rows = answer["data"]["rows"]
    per_campaign = Counter(row["campaign"] for row in rows)
    summary = answer["data"]["summary_rows"]
    assert {row["campaign_name"] for row in summary} == set(per_campaign)
    for row in summary:
        assert row["total_calls"] == row["dialer"] + row["manual_calls"] == per_campaign[row["campaign_name"]]
        assert row["dialed"] == row["total_calls"]
        assert row["handled_calls"] <= row["total_calls"]
        manual = sum(1 for r in rows if r["campaign"] == row["campaign_name"] and r["call_type"] == "Manual")
        assert row["manual_calls"] == manual


def test_outbound_rows_are_outbound_and_chronological(world):
    rows = run(world, "outbound_cdr", **WEEK)["data"]["rows"]
    assert {row["call_type"] for row in rows} == {"Dialer", "Manual"}
    assert all(row["entry_date"] <= row["call_date"] for row in rows)
    assert [row["call_date"] for row in rows] == sorted(row["call_date"] for row in rows)


def test_default_range_is_the_24_hours_before_now(world):
    now = world.now()
    for action in ("outbound_cdr", "inbound_cdr"):
        dates = [row["call_date"] for row in run(world, action)["data"]["rows"]]
        assert dates
        assert min(dates) >= (now - timedelta(hours=24)).strftime("%Y-%m-%d %H:%M:%S")
        assert max(dates) <= now.strftime("%Y-%m-%d %H:%M:%S")
        assert min(dates) < "2025-05-14", "yesterday afternoon is included"


def test_date_range_covers_whole_days(world):
    rows = run(world, "outbound_cdr", fromDate="2025-05-12", toDate="2025-05-12")["data"]["rows"]
    assert rows
    assert all(row["call_date"].startswith("2025-05-12") for row in rows)
    assert rows[0]["call_date"] < "2025-05-12 09:00:00" and rows[-1]["call_date"] > "2025-05-12 17:00:00"


def test_only_one_date_means_that_day(world):
    both = run(world, "inbound_cdr", fromDate="2025-05-12", toDate="2025-05-12")
    assert run(world, "inbound_cdr", fromDate="2025-05-12") == both
    assert run(world, "inbound_cdr", toDate="2025-05-12") == both


def test_future_range_is_empty_and_today_stops_at_now(world):
    assert run(world, "outbound_cdr", fromDate="2025-05-15", toDate="2025-05-20")["data"]["rows"] == []
    today = run(world, "agent_cdr", fromDate="2025-05-14", toDate="2025-05-14")["data"]["rows"]
    assert today and max(row["answer_time"] for row in today) <= "2025-05-14 15:30:00"


# --- filters ------------------------------------------------------------------------------------------


def _campaign_profile(world: World) -> dict[str, str]:
    return {c.campaign_name: c.profile_id for c in world.directory.campaigns}


def test_tenant_filter_keeps_that_portfolio_and_accepts_a_plain_parameter(world):
    everything = run(world, "outbound_cdr", **WEEK)["data"]["rows"]
    tenant = Counter(row["portfolio"] for row in everything).most_common(1)[0][0]
    kept = run(world, "outbound_cdr", tenant__=[tenant], **WEEK)["data"]["rows"]
    assert kept == [row for row in everything if row["portfolio"] == tenant]
    assert run(world, "outbound_cdr", tenant=tenant, **WEEK)["data"]["rows"] == kept
    two = Counter(row["portfolio"] for row in everything).most_common(2)[1][0]
    both = run(world, "outbound_cdr", tenant__=[tenant, two], **WEEK)["data"]["rows"]
    assert both == [row for row in everything if row["portfolio"] in (tenant, two)]


def test_profile_filter_on_call_records_is_the_campaigns_profile_case_insensitively(world):
    everything = run(world, "inbound_cdr", **WEEK)["data"]["rows"]
    profiles = _campaign_profile(world)
    profile = Counter(profiles[row["campaign"]] for row in everything).most_common(1)[0][0]
    kept = run(world, "inbound_cdr", profile__=[profile.lower()], **WEEK)["data"]["rows"]
    assert kept and kept == [row for row in everything if profiles[row["campaign"]] == profile]


def test_profile_and_user_filters_on_agent_records(world):
    everything = run(world, "agent_cdr", **WEEK)["data"]["rows"]
    profiles = _campaign_profile(world)
    profile = Counter(profiles[row["campaign_name"]] for row in everything).most_common(1)[0][0]
    kept = run(world, "agent_cdr", profile__=[profile], **WEEK)["data"]["rows"]
    assert kept == [row for row in everything if profiles[row["campaign_name"]] == profile]
    user = everything[0]["user"]
    mine = run(world, "agent_cdr", user__=[user.upper()], **WEEK)["data"]["rows"]
    assert mine and mine == [row for row in everything if row["user"] == user]


def test_profile_filter_selects_the_work_not_the_worker(world):
    """agent_calls_report's example: profile[]=SERVERS lists a COLLECTIONS agent's SERVERS work."""
    rows = run(world, "agent_calls_report", profile__=["servers"], **WEEK)["data"]["agent_report"]["rows"]
    assert rows
    servers_campaigns = {c.campaign_name for c in world.directory.campaigns if c.profile_id == "SERVERS"}
    cdr = run(world, "agent_cdr", profile__=["SERVERS"], **WEEK)["data"]["rows"]
    assert cdr and {row["campaign_name"] for row in cdr} <= servers_campaigns
    totals = Counter()
    for row in cdr:
        totals[(row["user"], row["portfolio"])] += 1
    assert {
        (r["user"], r["portfolio"]): int(r["total_calls"]) for r in rows if r["total_calls"] != "0"
    } == totals


def test_filters_combine(world):
    everything = run(world, "agent_cdr", **WEEK)["data"]["rows"]
    directory = world.directory
    first = everything[0]
    user, tenant = first["user"], first["portfolio"]
    profiles = _campaign_profile(world)
    profile = profiles[first["campaign_name"]]
    combined = run(world, "agent_cdr", user__=[user], tenant__=[tenant], profile__=[profile], **WEEK)
    expected = [
        row
        for row in everything
        if row["user"] == user and row["portfolio"] == tenant and profiles[row["campaign_name"]] == profile
    ]
    assert combined["data"]["rows"] == expected
    worked = {profiles[row["campaign_name"]] for row in everything if row["user"] == user}
    other_profile = next(p.profile_id for p in directory.profiles if p.profile_id not in worked)
    none = run(world, "agent_cdr", user__=[user], profile__=[other_profile], **WEEK)
    assert none["data"]["rows"] == []


def test_agent_report_user_filter_is_case_insensitive(world):
    rows = run(world, "exportAgentReport", user="example.user1", **WEEK)["data"]["rows"]
    assert rows and {row["user"] for row in rows} == {"Example.User1"}


# --- 41004 ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"fromDate": "2025-13-01", "toDate": "2025-05-14"}, "Invalid value in fromDate"),
        ({"fromDate": "2025-05-01", "toDate": "yesterday"}, "Invalid value in toDate"),
        ({"fromDate": "2025-05-01 10:00:00", "toDate": "2025-05-14"}, "Invalid value in fromDate"),
        ({"fromDate": "2025-5-1", "toDate": "2025-05-14"}, "Invalid value in fromDate"),
        ({"fromDate": "2025-W20-1", "toDate": "2025-05-14"}, "Invalid value in fromDate"),
        ({"fromDate": "2025-02-29", "toDate": "2025-05-14"}, "Invalid value in fromDate"),
        ({"fromDate": "2025-05-14", "toDate": "2025-05-01"}, "Invalid value in fromDate"),
        (
            {"fromDate": "2025-01-01", "toDate": "2025-05-14"},
            "Invalid value in date range. The allowed date range is 3 months or less.",
        ),
        ({"tenant__": ["AAAA"]}, "Invalid value in tenant"),
        ({"tenant__": ["AAA", "B"]}, "Invalid value in tenant"),
        ({"tenant": "AA"}, "Invalid value in tenant"),
    ],
)
@pytest.mark.parametrize("action", ["outbound_cdr", "inbound_cdr", "agent_cdr", "agent_calls_report"])
def test_invalid_values_answer_41004(world, action, params, message):
    assert run(world, action, **params) == {"code": "41004", "message": message}


def test_unknown_user_in_a_filter_answers_41004(world):
    for action in ("agent_cdr", "exportAgentReport", "exportPauseReport", "agent_calls_report"):
        answer = run(world, action, user__=["nobody.here"], **WEEK)
        assert answer == {"code": "41004", "message": "Invalid value in user"}


def test_92_days_are_allowed_and_93_are_not(world):
    ok = run(world, "inbound_summary_stats", fromDate="2025-02-12", toDate="2025-05-14")
    assert ok["result"] == "success" and len(ok["data"]["rows"]) == 92
    too_long = run(world, "inbound_summary_stats", fromDate="2025-02-11", toDate="2025-05-14")
    assert too_long["code"] == "41004"


def test_tenant_codes_are_checked_where_tenant_is_documented(world):
    assert run(world, "inbound_summary_stats", tenant="TOOLONG")["code"] == "41004"
    # exportAgentReport documents no tenant parameter: PHP ignores what it does not read
    assert run(world, "exportAgentReport", tenant="TOOLONG", **WEEK)["result"] == "success"


# --- consistency between reports ----------------------------------------------------------------------


def test_agent_report_summary_rows_add_up_the_rows(world):
    data = run(world, "exportAgentReport", **WEEK)["data"]
    rows = data["rows"]
    assert len({(row["user"], row["portfolio"]) for row in rows}) == len(rows) > 3
    summary, average, maximum, minimum = data["summary_rows"]
    assert [r["type"] for r in data["summary_rows"]] == ["Summary", "Average", "Max", "Min"]
    for field in ("avalible", "talk", "aftercall", "total_calls", "break", "pause", "login_time", "sales"):
        values = [int(row[field]) for row in rows]
        assert summary[field] == sum(values)
        assert average[field] == pytest.approx(sum(values) / len(rows))
        assert maximum[field] == max(values) and minimum[field] == min(values)
    assert summary["user"] == 0 and summary["wp_sec"] == 0 and summary["profile"] == 0
    assert summary["first_activity"] == 2025 * len(rows)  # PHP adds "2025-05-..." as 2025
    assert average["first_activity"] == 2025


def test_agent_report_rows_add_up_their_columns(world):
    for row in run(world, "exportAgentReport", **WEEK)["data"]["rows"]:
        calls = int(row["total_calls"])
        assert int(row["talk_+_avail"]) == int(row["talk"]) + int(row["avalible"])
        if calls:
            assert int(row["avg_talk"]) == int(row["talk"]) // calls
        assert int(row["login_time"]) >= int(row["talk"]) + int(row["avalible"]) + int(row["aftercall"])
        assert row["first_activity"] <= row["last_activity"]


def test_pause_report_billable_and_not_billable_make_the_total(world):
    codes = (
        "pause",
        "dialne",
        "manual",
        "priv",
        "virtua",
        "data",
        "meetin",
        "train",
        "wc",
        "lunch",
        "lagged",
    )
    for row in run(world, "exportPauseReport", **WEEK)["data"]["rows"]:
        assert row["billable_time"] + row["no_billable_time"] == row["total_time"]
        assert row["pause_sec"] == sum(row[code] for code in (*codes, "login", "andial"))
        states = row["pause_sec"] + row["wait_sec"] + row["talk_sec"] + row["wp_sec"] + row["dispo_sec"]
        assert states + row["dead_sec"] == row["total_time"]
        assert row["manual_talk"] <= row["talk_sec"]
        assert 1 <= row["logged_days"] <= 7


def test_agent_calls_report_counts_agree_with_agent_cdr(world):
    report = run(world, "agent_calls_report", **WEEK)["data"]["agent_report"]["rows"]
    cdr = run(world, "agent_cdr", **WEEK)["data"]["rows"]
    per_key = Counter((row["user"], row["portfolio"]) for row in cdr)
    per_type = Counter((row["user"], row["portfolio"], row["call_type"]) for row in cdr)
    assert {(row["user"], row["portfolio"]) for row in report if row["total_calls"] != "0"} == set(per_key)
    for row in report:
        key = (row["user"], row["portfolio"])
        assert int(row["total_calls"]) == int(row["manual"]) + int(row["inbound"]) + int(row["dialer"])
        assert int(row["total_calls"]) == per_key[key]
        assert int(row["manual"]) == per_type[(*key, "MANUAL")]
        assert int(row["inbound"]) == per_type[(*key, "INBOUND")]


def test_agent_reports_agree_on_talk_and_calls(world):
    agent = {(r["user"], r["portfolio"]): r for r in run(world, "exportAgentReport", **WEEK)["data"]["rows"]}
    calls = run(world, "agent_calls_report", **WEEK)["data"]["agent_report"]["rows"]
    assert {(r["user"], r["portfolio"]) for r in calls} == set(agent)
    for row in calls:
        assert row["total_calls"] == agent[(row["user"], row["portfolio"])]["total_calls"]
    pause = {r["user"]: r for r in run(world, "exportPauseReport", **WEEK)["data"]["rows"]}
    talk_per_user = Counter()
    login_per_user = Counter()
    for row in agent.values():
        talk_per_user[row["user"]] += int(row["talk"])
        login_per_user[row["user"]] += int(row["login_time"])
    assert {user: row["talk_sec"] for user, row in pause.items()} == dict(talk_per_user)
    assert {user: row["total_time"] for user, row in pause.items()} == dict(login_per_user)


@pytest.mark.parametrize("tenant", [None, "CSC"])
def test_inbound_summary_agrees_with_inbound_cdr_day_by_day(world, tenant):
    filters = {"tenant": tenant} if tenant else {}
    summary = run(world, "inbound_summary_stats", **WEEK, **filters)["data"]["rows"]
    cdr = run(world, "inbound_cdr", **WEEK, **filters)["data"]["rows"]
    assert summary
    for day in summary:
        rows = [row for row in cdr if row["call_date"].startswith(day["calldate"])]
        abandoned = [row for row in rows if row["term_reason"] == "ABANDON"]
        assert int(day["total_calls"]) == len(rows)
        assert int(day["handled_calls"]) == sum(1 for row in rows if row["agent"])
        assert int(day["abandon2"]) == len(abandoned)
        assert int(day["abandon1"]) == sum(1 for row in abandoned if int(row["queue_time"]) > 20)
        assert int(day["queued_calls"]) == sum(1 for row in rows if int(row["queue_time"]) > 0)
        assert 0 <= int(day["abandon1"]) <= int(day["abandon2"])  # E29; a quiet day may lack long waits
    assert 0 < sum(int(day["abandon1"]) for day in summary) < sum(int(day["abandon2"]) for day in summary)


def test_inbound_summary_lists_days_oldest_first_with_two_decimals(world):
    rows = run(world, "inbound_summary_stats", **WEEK)["data"]["rows"]
    assert [row["calldate"] for row in rows] == [f"2025-05-{d:02d}" for d in range(8, 15)]
    for row in rows:
        assert row["avg_hold_time"].count(".") == 1 and len(row["avg_hold_time"].split(".")[1]) == 2


def test_agent_summary_stats_covers_today_and_adds_manual_and_inbound(world):
    data = run(world, "agent_summary_stats")["data"]
    assert data["dates"] == "'2025-05-14' AND '2025-05-14 23:59:59'"
    today = {"fromDate": "2025-05-14", "toDate": "2025-05-14"}
    pause = {row["user"]: row for row in run(world, "exportPauseReport", **today)["data"]["rows"]}
    calls = Counter()
    for row in run(world, "agent_calls_report", **today)["data"]["agent_report"]["rows"]:
        calls[row["user"]] += int(row["total_calls"])
    assert {row["USER"] for row in data["rows"]} == set(pause)
    for row in data["rows"]:
        assert int(row["calls_handled"]) == int(row["manual_calls"]) + int(row["inbound_calls"])
        total = int(row["manual_calls"]) + int(row["inbound_calls"]) + int(row["dialer_calls"])
        assert total == calls[row["USER"]]
        assert int(row["login_time"]) == pause[row["USER"]]["total_time"]
        assert int(row["talk"]) == pause[row["USER"]]["talk_sec"]
        assert (row["most_dispo"] is None) == (total == 0)


def test_agent_time_usage_breakdown_and_averages(world):
    data = run(world, "agentTimeUsage")["data"]
    breakdown = data["breakdown"]
    today = {"fromDate": "2025-05-14", "toDate": "2025-05-14"}
    pause = {row["user"]: row for row in run(world, "exportPauseReport", **today)["data"]["rows"]}
    assert [row["user"] for row in breakdown] == list(pause)
    for row in breakdown:
        assert row["login_time"] == round(pause[row["user"]]["total_time"] / 60, 2)
        assert row["talk"] == round(pause[row["user"]]["talk_sec"] / 60, 2)
        assert row["ready"] == pytest.approx(row["login_time"] - row["pause"], abs=0.02)
        assert row["cust_leave"] <= row["total_calls"]
    for field in ("pause", "ready", "talk"):
        assert data["general"][field] == pytest.approx(
            sum(r[field] for r in breakdown) / len(breakdown), abs=0.01
        )
    logged_in = {state.user for state in world.live.states()}
    for row in breakdown:
        assert (row["last_logoff"] == 0) == (row["user"] in logged_in)
        assert row["first_login"] >= datetime(2025, 5, 14).timestamp() - 86400


def test_a_later_clock_grows_today(world):
    morning = make_world(now="2025-05-14T10:00:00")
    early = {r["USER"]: int(r["login_time"]) for r in run(morning, "agent_summary_stats")["data"]["rows"]}
    late = {r["USER"]: int(r["login_time"]) for r in run(world, "agent_summary_stats")["data"]["rows"]}
    assert set(early) <= set(late)
    assert all(early[user] <= late[user] for user in early)
    assert sum(early.values()) < sum(late.values())


# --- any input -----------------------------------------------------------------------------------------

REPORT_ACTIONS = (
    "outbound_cdr",
    "inbound_cdr",
    "agent_cdr",
    "exportAgentReport",
    "agent_calls_report",
    "exportPauseReport",
    "inbound_summary_stats",
    "agent_summary_stats",
    "agentTimeUsage",
)
_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_dates = st.one_of(_text, st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat))
_value = st.one_of(_text, st.lists(_text, max_size=3))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    action=st.sampled_from(REPORT_ACTIONS),
    params=st.fixed_dictionaries(
        {},
        optional={
            "fromDate": _dates,
            "toDate": _dates,
            "tenant": _value,
            "profile": _value,
            "user": st.one_of(_value, st.sampled_from(["Example.User1", "EXAMPLE.USER"])),
        },
    ),
)
def test_any_parameters_answer_success_or_a_41004_envelope(world, action, params):
    answer = run(world, action, **params)
    if "code" in answer:
        assert answer["code"] == "41004" and answer["message"].startswith("Invalid value in ")
    else:
        assert answer["result"] == "success"
        json.dumps(answer)


def test_days_before_1970_keep_non_negative_call_ids():
    epoch = make_world(now="1970-01-02T12:00:00")
    sixties = run(epoch, "inbound_cdr", fromDate="1969-12-31", toDate="1969-12-31")["data"]["rows"]
    assert sixties and all(not row["uniq1"].startswith("-") for row in sixties)

"""Consistency rules and filter checks of the kit, on the reference's own examples and broken copies."""

from __future__ import annotations

import json

from contract_tests.findings import Kind
from contract_tests.properties import check_properties
from crocodial_mock.paths import EXAMPLES_DIR


def example(action: str) -> dict:
    return json.loads((EXAMPLES_DIR / f"{action}.json").read_text())


def found(action: str, body: dict, params: dict | None = None) -> set[tuple[Kind, str]]:
    return {(d.kind, d.path) for d in check_properties(action, params or {}, body)}


def test_reference_examples_hold_the_rules():
    for action in (
        "getAgentStatus",
        "outbound_cdr",
        "exportPauseReport",
        "agent_calls_report",
        "getLeadsOnHopper",
    ):
        assert found(action, example(action)) == set(), action


def test_agent_status_sums():
    body = example("getAgentStatus")
    body["data"]["ready_agents"] += 1
    assert found("getAgentStatus", body) == {(Kind.INCONSISTENT, "/data/total_live_agents")}


def test_all_users_totals_and_only_inactives():
    body = example("goGetAllUsers")
    body["data"]["total_users"] += 5
    assert (Kind.INCONSISTENT, "/data/total_users") in found("goGetAllUsers", body)
    listed = example("goGetAllUsers")
    assert any(
        kind is Kind.FILTER_IGNORED for kind, _ in found("goGetAllUsers", listed, {"only_inactives": "1"})
    )


def test_outbound_summary():
    body = example("outbound_cdr")
    body["data"]["summary_rows"][0]["manual_calls"] += 1
    assert found("outbound_cdr", body) == {(Kind.INCONSISTENT, "/data/summary_rows/0/total_calls")}


def test_pause_report_billable_split():
    body = example("exportPauseReport")
    body["data"]["rows"][1]["total_time"] += 60
    assert found("exportPauseReport", body) == {(Kind.INCONSISTENT, "/data/rows/1/total_time")}


def test_agent_calls_report_totals():
    body = example("agent_calls_report")
    body["data"]["agent_report"]["rows"][0]["manual"] = "9999"
    assert found("agent_calls_report", body) == {(Kind.INCONSISTENT, "/data/agent_report/rows/0/total_calls")}


def test_hopper_numrows():
    body = example("getLeadsOnHopper")
    body["data"]["rows"].pop()
    assert found("getLeadsOnHopper", body) == {(Kind.INCONSISTENT, "/data/rows/0/numrows")}


def test_filters_are_respected():
    body = example("outbound_cdr")
    assert found("outbound_cdr", body, {"tenant": ["AAA", "BBB"]}) == set()
    assert found("outbound_cdr", body, {"tenant": ["AAA"]}) == {
        (Kind.FILTER_IGNORED, "/data/rows/1/portfolio")
    }
    assert (
        found("outbound_cdr", body, {"user": ["agent.example"]}) == set()
    )  # names compare case-insensitively
    dated = {"fromDate": "2025-05-03", "toDate": "2025-05-04"}
    assert found("outbound_cdr", body, dated) == {(Kind.FILTER_IGNORED, "/data/rows/0/call_date")}


def test_error_bodies_are_not_judged_by_rules():
    assert check_properties("getAgentStatus", {}, {"result": "error", "message": "x"}) == []

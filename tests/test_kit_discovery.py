"""Discovery's contract extensions hold (links point at real fields and parameters, data paths exist),
schemathesis can use the links, and discovery finds the emulator's live data."""

from __future__ import annotations

from datetime import date

import pytest

from contract_tests.contract import Contract
from contract_tests.discovery import Discovery, pointer_values
from contract_tests.drift_injection import drifted_app
from contract_tests.requests_model import ApiRequest
from contract_tests.transport import WsgiTarget
from crocodial_mock.paths import SPEC_PATH
from mockserver.world import WorldSize

SMALL_WORLD = WorldSize(users=30, campaigns=6, calls_per_day=300, leads=600)


@pytest.fixture(scope="module")
def contract() -> Contract:
    return Contract.load(SPEC_PATH)


def schema_has(contract: Contract, ref: str, pointer: str) -> bool:
    node = contract.resolve({"$ref": ref})
    for part in [p for p in pointer.split("/") if p]:
        node = contract.resolve(node)
        if part in ("0", "*"):
            if node.get("type") != "array":
                return False
            node = node["items"]
        else:
            properties = node.get("properties") or {}
            if part not in properties:
                return False
            node = properties[part]
    return True


def test_every_link_names_a_real_field_and_parameter(contract):
    links = [(op, link) for op in contract.operations for link in op.links]
    assert len(links) >= 16
    for op, link in links:
        target = contract.operation(link.operation_id)
        assert link.parameter in {p.name for p in target.parameters}, link
        assert schema_has(contract, op.success_ref, link.pointer), (op.operation_id, link)


def test_every_read_operation_says_where_its_data_is(contract):
    for op in contract.operations:
        if op.write:
            continue
        assert op.data_paths, op.operation_id
        for pointer in op.data_paths:
            assert schema_has(contract, op.success_ref, pointer), (op.operation_id, pointer)
        if op.days_pointer:
            assert schema_has(contract, op.success_ref, op.days_pointer)


def test_no_kit_list_names_an_action_outside_the_contract(contract):
    actions = {op.action for op in contract.operations}
    assert {op.action for op in contract.operations if op.realtime} <= actions
    assert {op.action for op in contract.operations if op.today_so_far} == {
        "agent_summary_stats",
        "agentTimeUsage",
        "getUserInfo",
    }


def test_schemathesis_stateful_testing_follows_the_links():
    import schemathesis

    machine = schemathesis.openapi.from_path(str(SPEC_PATH)).as_state_machine()
    transitions = [name for name in dir(machine) if "goGetAllUsers" in name and "getUserInfo" in name]
    assert transitions


def test_discovery_finds_users_campaigns_call_times_leads_and_days(contract):
    target = WsgiTarget(drifted_app((), size=SMALL_WORLD))

    def ask(op, request: ApiRequest):
        return target.send(request.with_param("goUser", "MyUser").with_param("goPass", "MyPass"))

    found = Discovery(contract, ask, today=date(2025, 5, 14)).run()
    values = found.values
    assert "Agent.Example" in values[("getUserInfo_get", "user")]
    assert values[("getCampaignInfo_get", "campaign_id")]
    assert values[("goGetCalltimeInfo_get", "call_time_id")][0] == "24hrs"
    assert all(v.isdigit() for v in values[("goGetCustomerInfo_get", "lead_id")])
    assert all(v.isdigit() for v in values[("goGetCustomerInfo_get", "phone_number")])
    assert found.days[:2] == ["2025-05-14", "2025-05-13"]
    assert found.notes == []


def test_pointer_values_reads_every_item():
    data = {"data": {"rows": [{"id": "A"}, {"id": "B"}, {}]}}
    assert pointer_values(data, "/data/rows/*/id") == ["A", "B"]
    assert pointer_values(data, "/data/rows/1/id") == ["B"]
    assert pointer_values(data, "/nothing/*") == []

"""``/__admin/snapshot``: the mutable state out as JSON and back in, giving identical answers, in
another emulator too (what a team sharing a scenario does)."""

from __future__ import annotations

import json

import pytest
from conftest import SMALL_WORLD

import crocodial_mock

AUTH = {"goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}
LEAD = {"function": "add_lead", "user": "MyUser", "pass": "MyPass", "source": "test", "list_id": "101"}


def answers(client, phones) -> list[bytes]:
    asked = [
        ("goDashboard", {"goAction": "getAgentStatus"}),
        ("goUsers", {"goAction": "getLiveAgentInfo", "user": "Agent001"}),
        ("goUsers", {"goAction": "goGetAllUsers"}),
        ("goCampaigns", {"goAction": "getLeadsOnHopper", "campaign_id": "4460708090"}),
    ]
    asked += [("goAgent", {"goAction": "goGetCustomerInfo", "phone_number": phone}) for phone in phones]
    return [client.get(f"/goAPIv2/{m}/goAPI.php", query_string={**AUTH, **q}).data for m, q in asked]


def add_lead(client, phone: str) -> str:
    return client.get("/API/lmapi.php", query_string={**LEAD, "phone_number": phone}).get_data(as_text=True)


def test_snapshot_then_restore_gives_identical_answers_here_and_in_another_emulator(tmp_path):
    first = crocodial_mock.Emulator(seed=7, now="2025-05-14T15:30:00", **SMALL_WORLD)
    client = first.test_client()
    phones = ["3125550101", "3125550102"]
    for phone in phones:
        assert add_lead(client, phone).startswith("SUCCESS")
    first.stub("goGetAllUsers", json={"result": "success", "data": []})
    first.clock.advance(hours=1)
    first.set_agent_state("Agent001", "INCALL", lead_id=10294)
    first.add_fault("PHP_FATAL", action="getCampaignInfo", times=2)
    taken = answers(client, phones)
    path = tmp_path / "scenario.json"
    document = first.snapshot(path)
    assert json.loads(path.read_text()) == document

    first.reset()
    assert answers(client, phones) != taken
    first.restore(path)
    assert answers(client, phones) == taken
    assert first.faults()[0]["times"] == 2

    second = crocodial_mock.Emulator(seed=7, now="2025-05-14T15:30:00", **SMALL_WORLD)
    second.restore(document)
    other = second.test_client()
    assert answers(other, phones) == taken
    # Ids go on from where they were: the next lead gets the same id in both.
    assert add_lead(client, "3125550103") == add_lead(other, "3125550103")
    assert second.snapshot() == first.snapshot()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.update(format="nope"), "not a snapshot"),
        (lambda d: d.update(seed=8), "taken with seed 8"),
        (lambda d: d["size"].update(users=31), "taken with size"),
        (lambda d: d["kinds"].update(journal={}), "kinds must be an object"),
        (lambda d: d["kinds"]["leads"].update(log=[{"change": "explode"}]), "leads.log must be a list"),
        (lambda d: d["kinds"]["stubs"]["table"].update(x={"id": "x", "request": {"action": "no"}}), "stub x"),
        (lambda d: d["kinds"]["clock"]["table"].update(clock={"mode": "sideways"}), "not a clock record"),
    ],
)
def test_documents_that_are_not_a_restorable_snapshot_are_400_and_change_nothing(server, change, reason):
    server.reset()
    server.clock.advance(minutes=5)
    document = server.snapshot()
    change(document)
    with pytest.raises(ValueError, match=reason):
        server.restore(document)
    assert server.clock.state()["now"] == "2025-05-14T15:35:00"

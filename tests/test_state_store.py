"""The state stores (memory, SQLite, Redis) keep one contract, and emulators sharing one store are one
CrocoDial: a lead added through one is read through the other, a reset anywhere resets all, the journal
shows both, faults apply to both."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from mockserver.app import create_app
from mockserver.config import EmulatorConfig
from mockserver.state import open_store
from mockserver.world import WorldSize

SIZE = WorldSize(users=20, campaigns=12, calls_per_day=100, leads=600)
LEAD = {"function": "add_lead", "user": "MyUser", "pass": "MyPass", "source": "test", "list_id": "999"}
CUSTOMER = "/goAPIv2/goAgent/goAPI.php"
CREDENTIALS = {"goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}


@pytest.fixture(params=["memory", "sqlite", "redis"])
def store_url(request, tmp_path):
    if request.param == "memory":
        return "memory"
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state.db'}"
    return request.getfixturevalue("redis_db")


@pytest.fixture(params=["sqlite", "redis"])
def shared_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state.db'}"
    return request.getfixturevalue("redis_db")


def test_a_log_is_appended_read_incrementally_and_trimmed(store_url):
    store = open_store(store_url)
    first = store.append("journal", {"n": 1}, keep=2)
    second = store.append("journal", {"n": 2}, keep=2)
    third = store.append("journal", {"n": 3, "nested": {"list": ["a", "b"]}}, keep=2)
    assert first < second < third
    generation, records = store.read("journal")
    assert records == [(second, {"n": 2}), (third, {"n": 3, "nested": {"list": ["a", "b"]}})]
    assert store.read("journal", after=second) == (generation, [(third, records[1][1])])
    assert store.read("elsewhere") == (generation, [])


def test_tables_counters_and_clear(store_url):
    store = open_store(store_url)
    store.put("faults", "1", {"fault": "EMPTY_BODY"})
    store.put("faults", "2", {"fault": "PHP_FATAL"})
    assert store.delete("faults", "1") and not store.delete("faults", "1")
    assert store.table("faults") == {"2": {"fault": "PHP_FATAL"}}
    assert [store.next_id("leads"), store.next_id("leads"), store.next_id("other")] == [1, 2, 1]
    store.append("leads", {"change": "lead"})
    generation, _ = store.read("leads")
    assert store.clear(["leads", "faults"]) == {"leads": 1, "faults": 1}
    after, records = store.read("leads")
    assert records == [] and after != generation
    assert store.table("faults") == {}
    assert store.next_id("leads") == 1 and store.next_id("other") == 2


def test_locked_is_reentrant_and_joins_the_calls_made_inside(store_url):
    store = open_store(store_url)
    with store.locked():
        with store.locked():
            seq = store.append("leads", {"n": 1})
        assert store.read("leads")[1] == [(seq, {"n": 1})]


def emulator(url: str):
    config = EmulatorConfig(seed=7, now="2025-05-14T15:30:00", size=SIZE, state=url)
    return create_app(config, propagate_exceptions=True).test_client()


def customer(client, phone: str) -> dict:
    query = {"goAction": "goGetCustomerInfo", "phone_number": phone, **CREDENTIALS}
    return json.loads(client.get(CUSTOMER, query_string=query).data)


def added_id(body: bytes) -> int:
    assert body.startswith(b"SUCCESS: add_lead LEAD HAS BEEN ADDED"), body
    return int(body.split(b"\n")[0].rsplit(b" - ", 1)[1].split(b"|")[3])


def test_two_emulators_on_one_store_are_one_crocodial(shared_url):
    a, b = emulator(shared_url), emulator(shared_url)
    a.post("/__admin/reset")
    lead_id = added_id(a.post("/API/lmapi.php", data={**LEAD, "phone_number": "3125550123"}).data)
    seen = customer(b, "3125550123")
    assert seen["result"] == "success" and seen["lead_info"]["lead_id"] == lead_id
    duplicate = b.post(
        "/API/lmapi.php", data={**LEAD, "phone_number": "3125550123", "duplicate_check": "DUPLIST"}
    )
    assert b"DUPLICATE" in duplicate.data  # B's duplicate check sees A's lead

    journal = a.get("/__admin/requests").json["requests"]
    assert [entry["action"] for entry in journal] == ["add_lead", "goGetCustomerInfo", "add_lead"]

    assert (
        a.post(
            "/__admin/faults", json={"fault": "PHP_FATAL", "action": "goGetCustomerInfo", "times": 2}
        ).status_code
        == 201
    )
    assert [f["times"] for f in b.get("/__admin/faults").json["faults"]] == [2]
    assert b.get(CUSTOMER, query_string={"goAction": "goGetCustomerInfo", **CREDENTIALS}).status_code == 500
    assert a.get(CUSTOMER, query_string={"goAction": "goGetCustomerInfo", **CREDENTIALS}).status_code == 500
    assert b.get("/__admin/faults").json["faults"] == []  # two uses, one on each emulator

    assert b.post("/__admin/reset").json["requests_cleared"] == 5
    assert customer(a, "3125550123")["result"] == "error"
    assert [entry["action"] for entry in a.get("/__admin/requests").json["requests"]] == ["goGetCustomerInfo"]
    again = added_id(a.post("/API/lmapi.php", data={**LEAD, "phone_number": "3125550123"}).data)
    assert again == lead_id  # after a reset, ids start where a fresh emulator's do


def test_the_same_seed_and_clock_answer_the_same_bytes_whatever_the_store(shared_url):
    lead = {**LEAD, "phone_number": "3125550177", "add_to_hopper": "Y", "campaign_id": "123456"}
    bodies = []
    for url in ("memory", shared_url):
        client = emulator(url)
        client.post("/__admin/reset")
        bodies.append(client.post("/API/lmapi.php", data=lead).data)
        bodies.append(
            client.get(
                CUSTOMER,
                query_string={"goAction": "goGetCustomerInfo", "phone_number": "3125550177", **CREDENTIALS},
            ).data
        )
    assert bodies[0] == bodies[2] and bodies[1] == bodies[3]


def test_concurrent_add_lead_through_several_emulators_gives_distinct_ids_none_lost(shared_url):
    clients = [emulator(shared_url) for _ in range(3)]
    clients[0].post("/__admin/reset")
    phones = [f"31255{n:05d}" for n in range(60)]

    def add(n: int) -> int:
        client = clients[n % len(clients)]
        return added_id(client.post("/API/lmapi.php", data={**LEAD, "phone_number": phones[n]}).data)

    with ThreadPoolExecutor(max_workers=6) as pool:
        ids = list(pool.map(add, range(len(phones))))
    assert len(set(ids)) == len(phones)
    for client in clients:
        found = {customer(client, phone)["lead_info"]["lead_id"] for phone in phones}
        assert found == set(ids)

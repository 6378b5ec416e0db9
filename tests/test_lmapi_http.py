"""add_lead over HTTP through the Flask app, and the loaded lead read back through the goAPI actions;
plus concurrent loads: ids are allocated atomically and no lead is lost."""

from __future__ import annotations

import json
import threading

import pytest

from mockserver.app import create_app
from mockserver.config import EmulatorConfig
from mockserver.world import WorldSize

CREDENTIALS = {"goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}


@pytest.fixture
def client():
    config = EmulatorConfig(
        seed=7,
        now="2025-05-14T15:30:00",
        api_users={"6666": "1234"},
        size=WorldSize(users=20, campaigns=14, calls_per_day=50, leads=300),
    )
    return create_app(config).test_client()


def load(client, method: str = "GET", **params: str):
    values = {"user": "MyUser", "pass": "MyPass", "function": "add_lead", "source": "test", **params}
    if method == "GET":
        return client.get("/API/lmapi.php", query_string=values)
    return client.post("/API/lmapi.php", data=values)


def lead_id_of(text: str) -> int:
    return int(text.splitlines()[0].rsplit(" - ", 1)[1].split("|")[3])


def test_documented_get_example_with_a_real_number(client):
    response = load(client, phone_number="7275551111", source="MyUser")
    assert response.status_code == 200
    assert response.get_data(as_text=True).startswith(
        "SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|MyUser|999|"
    )


def test_documented_example_with_its_placeholder_phone(client):
    text = load(client, phone_number="number_client", source="MyUser").get_data(as_text=True)
    assert text == "ERROR: add_lead INVALID PHONE NUMBER LENGTH - |MyUser\n"  # ERRATA L9


def test_post_loads_and_the_lead_is_readable_through_both_actions(client):
    text = load(client, "POST", phone_number="7275551111", list_id="901", first_name="Bob", last_name="Smith",
                add_to_hopper="Y").get_data(as_text=True)  # fmt: skip
    lead_id = lead_id_of(text)
    info = client.get(
        "/goAPIv2/goAgent/goAPI.php",
        query_string={**CREDENTIALS, "goAction": "goGetCustomerInfo", "lead_id": str(lead_id)},
    )
    body = json.loads(info.get_data(as_text=True))
    assert body["result"] == "success"
    assert (body["lead_info"]["lead_id"], body["lead_info"]["first_name"], body["custom_info"]) == (
        lead_id,
        "Bob",
        None,
    )
    by_phone = client.get(
        "/goAPIv2/goAgent/goAPI.php",
        query_string={**CREDENTIALS, "goAction": "goGetCustomerInfo", "phone_number": "7275551111"},
    )
    assert json.loads(by_phone.get_data(as_text=True)) == body
    hopper = client.post(
        "/goAPIv2/goCampaigns/goAPI.php",
        data={**CREDENTIALS, "goAction": "getLeadsOnHopper", "campaign_id": "123456"},
    )
    rows = json.loads(hopper.get_data(as_text=True))["data"]["rows"]
    assert str(lead_id) in [row["lead_id"] for row in rows]


def test_threads_loading_at_once_lose_nothing(client):
    threads, per_thread = 8, 25
    bodies: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        for i in range(per_thread):
            text = load(client, phone_number=f"72755{n:02d}{i:03d}", list_id="901").get_data(as_text=True)
            with lock:
                bodies.append(text)

    workers = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()

    assert len(bodies) == threads * per_thread
    assert all(b.startswith("SUCCESS: add_lead LEAD HAS BEEN ADDED") for b in bodies)
    ids = sorted(lead_id_of(b) for b in bodies)
    assert len(set(ids)) == len(ids)
    assert ids == list(range(ids[0], ids[0] + len(ids)))  # consecutive: no id skipped or reused
    for lead_id in ids[:: per_thread // 5]:
        info = client.get(
            "/goAPIv2/goAgent/goAPI.php",
            query_string={**CREDENTIALS, "goAction": "goGetCustomerInfo", "lead_id": str(lead_id)},
        )
        assert json.loads(info.get_data(as_text=True))["lead_info"]["lead_id"] == lead_id


def test_threads_racing_on_one_number_with_dupsys_load_it_once(client):
    bodies: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(8)

    def worker() -> None:
        barrier.wait()
        text = load(client, phone_number="7275553333", duplicate_check="DUPSYS").get_data(as_text=True)
        with lock:
            bodies.append(text)

    workers = [threading.Thread(target=worker) for _ in range(8)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    assert sum(b.startswith("SUCCESS") for b in bodies) == 1
    assert sum(b.startswith("ERROR: add_lead DUPLICATE PHONE NUMBER IN SYSTEM") for b in bodies) == 7

"""The admin API: health, reset to the seeded state, and a journal that never holds a password."""

from __future__ import annotations

import json
import threading

import pytest
from wire_support import CONFIG

from mockserver.app import create_app

GOAPI = "/goAPIv2/goUsers/goAPI.php"
LEAD = {
    "function": "add_lead",
    "user": "MyUser",
    "pass": "MyPass",
    "phone_number": "3125550101",
    "source": "test",
    "duplicate_check": "DUPLIST",
    "list_id": "999",
}


@pytest.fixture
def app():
    return create_app(CONFIG, journal_capacity=50)


@pytest.fixture
def client(app):
    return app.test_client()


def admin_json(response):
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    return json.loads(response.get_data(as_text=True))


def test_health_reports_what_makes_answers_reproducible(client):
    health = admin_json(client.get("/__admin/health"))
    assert health["status"] == "ok"
    assert health["seed"] == 7
    assert health["clock"] == "frozen"
    assert health["now"] == "2025-05-14T15:30:00"
    assert health["xml"] == "upstream" and health["content_type"] == "upstream"
    assert health["actions"] == 23
    assert health["version"]


def test_reset_forgets_leads_added_through_the_api(client):
    assert client.get("/API/lmapi.php", query_string=LEAD).data.startswith(b"SUCCESS: add_lead")
    assert b"DUPLICATE PHONE NUMBER IN LIST" in client.get("/API/lmapi.php", query_string=LEAD).data
    reset = admin_json(client.post("/__admin/reset"))
    assert reset["status"] == "reset" and reset["requests_cleared"] == 2
    assert client.get("/API/lmapi.php", query_string=LEAD).data.startswith(b"SUCCESS: add_lead")


def test_journal_lists_requests_newest_first_without_credentials(client):
    client.get(GOAPI, query_string={"goAction": "getAllProfiles", "goUser": "MyUser", "goPass": "MyPass"})
    client.post(
        GOAPI, data={"goAction": "nope", "goUser": "MyUser", "goPass": "Secret-1", "responsetype": "json"}
    )
    client.get("/API/lmapi.php", query_string={**LEAD, "pass": "Secret-2"})
    client.get(GOAPI, query_string={"goAction": "x", "goUser": "a", "log_pass": "Secret-3"})
    raw = client.get("/__admin/requests").get_data(as_text=True)
    for secret in ("MyPass", "Secret-1", "Secret-2", "Secret-3"):
        assert secret not in raw
    journal = json.loads(raw)
    assert journal["meta"]["total"] == 4
    newest, lmapi, post, first = journal["requests"]
    assert newest["params"]["log_pass"] == "***" and newest["params"]["goPass"] == "***"
    assert lmapi["endpoint"] == "lmapi" and lmapi["params"]["pass"] == "***"
    assert lmapi["outcome"] == "ERROR: Login incorrect, please try again:"
    assert post["method"] == "POST" and post["action"] == "nope" and post["answer"] == "json"
    assert post["outcome"] == "error: Invalid Username/Password"
    assert first["action"] == "getAllProfiles" and first["answer"] == "xml" and first["outcome"] == "success"
    assert first["path"] == GOAPI and "?" not in first["path"]
    assert [entry["id"] for entry in journal["requests"]] == [4, 3, 2, 1]


def test_journal_limit_clear_and_capacity(client):
    for _ in range(60):
        client.get(GOAPI, query_string={"goAction": "x"})
    assert admin_json(client.get("/__admin/requests"))["meta"]["total"] == 50
    assert len(admin_json(client.get("/__admin/requests?limit=3"))["requests"]) == 3
    assert admin_json(client.delete("/__admin/requests"))["requests_cleared"] == 50
    assert admin_json(client.get("/__admin/requests"))["requests"] == []


def test_admin_requests_are_not_journaled_and_bad_methods_are_405(client):
    client.get("/__admin/health")
    assert admin_json(client.get("/__admin/requests"))["meta"]["total"] == 0
    assert client.put("/__admin/reset").status_code == 405


def test_journal_is_thread_safe(app):
    def worker():
        local = app.test_client()
        for _ in range(20):
            local.get(GOAPI, query_string={"goAction": "x", "goUser": "MyUser", "goPass": "MyPass"})

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    entries = app.extensions["crocodial.state"].journal.entries()
    assert len(entries) == 50
    assert len({entry.id for entry in entries}) == 50
    assert max(entry.id for entry in entries) == 120


def add_fault(client, **spec):
    return client.post("/__admin/faults", json=spec)


def test_empty_body_fault_for_one_action_a_limited_number_of_times(client):
    created = add_fault(client, fault="EMPTY_BODY", action="getAllProfiles", times=2)
    assert created.status_code == 201
    assert json.loads(created.data)["fault"] == "EMPTY_BODY"
    query = {"goAction": "getAllProfiles", "goUser": "MyUser", "goPass": "MyPass", "responsetype": "json"}
    for _ in range(2):
        response = client.get(GOAPI, query_string=query)
        assert (response.status_code, response.data) == (200, b"")
        assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    other = client.get(GOAPI, query_string={**query, "goAction": "getAllPortfolios"})
    assert other.data.startswith(b'{"result":"success"')
    assert client.get(GOAPI, query_string=query).data.startswith(b'{"result":"success"')
    outcomes = [entry["outcome"] for entry in admin_json(client.get("/__admin/requests"))["requests"]]
    assert outcomes == ["success", "success", "fault EMPTY_BODY #1", "fault EMPTY_BODY #1"]


def test_php_fatal_fault_on_every_request_until_cleared(client):
    add_fault(client, fault="PHP_FATAL")
    assert client.get("/API/lmapi.php", query_string=LEAD).status_code == 500
    assert client.get(GOAPI, query_string={"goAction": "x"}).status_code == 500
    assert len(admin_json(client.get("/__admin/faults"))["faults"]) == 1
    assert admin_json(client.delete("/__admin/faults"))["faults_cleared"] == 1
    assert client.get("/API/lmapi.php", query_string=LEAD).data.startswith(b"SUCCESS")


def test_one_fault_is_switched_off_by_its_id(client):
    first = json.loads(add_fault(client, fault="PHP_FATAL", action="add_lead").data)["id"]
    second = json.loads(add_fault(client, fault="EMPTY_BODY", action="getAllProfiles").data)["id"]
    assert admin_json(client.delete(f"/__admin/faults/{first}")) == {"status": "deleted", "id": str(first)}
    assert [fault["id"] for fault in admin_json(client.get("/__admin/faults"))["faults"]] == [second]
    assert client.get("/API/lmapi.php", query_string=LEAD).data.startswith(b"SUCCESS")
    for missing in (str(first), "nope", "%3Cscript%3E"):
        gone = client.delete(f"/__admin/faults/{missing}")
        assert gone.status_code == 404 and "no active fault" in json.loads(gone.data)["error"]


def test_faulted_requests_do_not_run_the_action_and_reset_clears_faults(client):
    add_fault(client, fault="EMPTY_BODY", action="add_lead", times=1)
    assert client.get("/API/lmapi.php", query_string=LEAD).data == b""
    assert client.get("/API/lmapi.php", query_string=LEAD).data.startswith(b"SUCCESS")
    add_fault(client, fault="PHP_FATAL")
    client.post("/__admin/reset")
    assert admin_json(client.get("/__admin/faults"))["faults"] == []


def test_delay_only_fault_still_answers(client, monkeypatch):
    slept = []
    monkeypatch.setattr("mockserver.app.time.sleep", slept.append)
    add_fault(client, fault="NONE", delay_ms=1500, times=1)
    response = client.get(
        GOAPI, query_string={"goAction": "getAllProfiles", "goUser": "MyUser", "goPass": "MyPass"}
    )
    assert response.data.startswith(b"<?xml")
    assert slept == [1.5]


@pytest.mark.parametrize(
    "spec",
    [
        {"fault": "CRASH"},
        {"fault": "NONE"},
        {"delay_ms": -1},
        {"delay_ms": "5"},
        {"times": 0},
        {"action": 5},
        {"fault": "EMPTY_BODY", "extra": 1},
    ],
)
def test_invalid_fault_specs_are_400(client, spec):
    response = add_fault(client, **spec)
    assert response.status_code == 400
    assert "error" in json.loads(response.data)
    assert admin_json(client.get("/__admin/faults"))["faults"] == []


def test_fault_body_must_be_json(client):
    assert client.post("/__admin/faults", data="fault=EMPTY_BODY").status_code == 400

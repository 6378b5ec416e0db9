"""Stubs at ``/__admin/mappings`` over HTTP: JSON and XML from one stub, parameter matching, priority,
a three-step scenario, raw bodies, faults, validation, and stubs loaded from a folder."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import requests

from mockserver.app import create_app
from mockserver.config import EmulatorConfig

AUTH = {"goUser": "MyUser", "goPass": "MyPass"}
CUSTOMER = {"goAction": "goGetCustomerInfo", **AUTH, "lead_id": "42"}
LEAD = {"function": "add_lead", "user": "MyUser", "pass": "MyPass", "source": "test", "list_id": "101"}


def customer(server, **params):
    return requests.get(server.goapi_url("goAgent"), params={**CUSTOMER, **params}, timeout=10)


def admin(server, method: str, path: str, body=None):
    return requests.request(method, server.url + "/__admin" + path, json=body, timeout=10)


def test_a_stub_answers_json_and_goapi_xml_through_the_emulators_encoders(fresh):
    world = customer(fresh, responsetype="json").json()
    created = admin(
        fresh,
        "POST",
        "/mappings",
        {
            "request": {"module": "goAgent", "action": "goGetCustomerInfo"},
            "response": {"json": {"result": "success", "lead_info": {"lead_id": 42, "first_name": "Ada/B"}}},
        },
    )
    assert created.status_code == 201 and created.json()["id"]
    as_json = customer(fresh, responsetype="json")
    assert as_json.content == b'{"result":"success","lead_info":{"lead_id":42,"first_name":"Ada\\/B"}}'
    assert as_json.json() != world
    as_xml = customer(fresh)
    assert as_xml.status_code == 200 and as_xml.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert re.search(rb"<result>success</result>", as_xml.content)
    assert b"<first_name>Ada/B</first_name>" in as_xml.content
    assert fresh.requests()[-1].outcome == f"stub {created.json()['id']}: success"
    # Other actions still come from the world.
    users = requests.get(fresh.goapi_url("goUsers"), params={"goAction": "goGetAllUsers", **AUTH}, timeout=10)
    assert b"<result>success</result>" in users.content and b"Ada" not in users.content


def test_parameters_priority_and_credentials_choose_the_stub(fresh):
    fresh.stub("goGetCustomerInfo", params={"lead_id": "42"}, json={"result": "error", "message": "exact"})
    fresh.stub(
        "goGetCustomerInfo",
        params={"lead_id": re.compile(r"4\d")},
        json={"result": "error", "message": "regex"},
    )
    fresh.stub(
        "goGetCustomerInfo",
        params={"lead_id": {"contains": "9"}},
        json={"result": "error", "message": "has 9"},
    )
    fresh.stub("goGetCustomerInfo", params={"lead_id": None}, json={"result": "error", "message": "no lead"})
    fresh.stub(
        "goGetCustomerInfo", credentials="invalid", priority=1, json={"result": "error", "message": "who?"}
    )
    message = lambda **p: customer(fresh, responsetype="json", **p).json()["message"]  # noqa: E731
    assert message(lead_id="42") == "regex"  # newest of the two matching stubs wins
    assert message(lead_id="49") == "has 9"
    assert message(lead_id="47") == "regex"
    assert message(lead_id="7") != "regex"
    assert customer(fresh, responsetype="json", lead_id=None).json()["message"] == "no lead"
    assert message(lead_id="42", goPass="wrong") == "who?"  # priority 1 beats every priority 5
    stubs = fresh.mappings()
    assert stubs[0]["priority"] == 1 and [s["response"]["json"]["message"] for s in stubs[1:]] == [
        "no lead", "has 9", "regex", "exact",
    ]  # fmt: skip
    # With the newer ones gone, the exact one answers; with none matching, the world does.
    for stub in stubs[:3]:
        fresh.remove_stub(stub["id"])
    assert message(lead_id="42") == "regex"
    fresh.remove_stub(stubs[3]["id"])
    assert message(lead_id="42") == "exact"
    assert customer(fresh, responsetype="json", lead_id="7").json()["message"] != "exact"


def test_a_three_step_scenario_fails_then_is_slow_then_succeeds(fresh):
    base = {"action": "goGetAllUsers", "scenario": "flaky"}
    fresh.stub(**base, required_state="Started", new_state="failed", status=500, body="")
    fresh.stub(
        **base, required_state="failed", new_state="recovering", json={"result": "error", "message": "busy"}
    )
    fresh.stub(**base, required_state="recovering", new_state="done", json={"result": "success", "users": []})
    url, params = fresh.goapi_url("goUsers"), {"goAction": "goGetAllUsers", **AUTH, "responsetype": "json"}
    assert fresh.scenarios() == {"flaky": "Started"}
    first = requests.get(url, params=params, timeout=10)
    assert (first.status_code, first.content) == (500, b"")
    assert requests.get(url, params=params, timeout=10).json() == {"result": "error", "message": "busy"}
    assert requests.get(url, params=params, timeout=10).json() == {"result": "success", "users": []}
    assert fresh.scenarios() == {"flaky": "done"}
    world = requests.get(url, params=params, timeout=10).json()  # no stub for "done": the world answers
    assert world["result"] == "success" and world["data"]
    fresh.reset_scenarios()
    assert requests.get(url, params=params, timeout=10).status_code == 500


def test_lmapi_lines_raw_bodies_headers_and_a_stubbed_fault(fresh):
    fresh.stub(
        "add_lead", params={"phone_number": "3125550000"}, lines=["ERROR: add_lead INVALID PHONE NUMBER"]
    )
    answer = requests.get(fresh.lmapi_url, params={**LEAD, "phone_number": "3125550000"}, timeout=10)
    assert answer.text == "ERROR: add_lead INVALID PHONE NUMBER\n"
    real = requests.get(fresh.lmapi_url, params={**LEAD, "phone_number": "3125550001"}, timeout=10)
    assert real.text.startswith("SUCCESS: add_lead LEAD HAS BEEN ADDED")
    fresh.stub("version", body="<html>maintenance</html>", status=503, headers={"Retry-After": "120"})
    down = requests.get(fresh.lmapi_url, params={"function": "version"}, timeout=10)
    assert (down.status_code, down.text, down.headers["Retry-After"]) == (
        503,
        "<html>maintenance</html>",
        "120",
    )
    fresh.stub("goGetAllUsers", json={"result": "success"}, fault="PHP_WARNING")
    warned = requests.get(
        fresh.goapi_url("goUsers"), params={"goAction": "goGetAllUsers", **AUTH}, timeout=10
    )
    assert (
        warned.content.startswith(b"<br />\n<b>Warning</b>") and b"<result>success</result>" in warned.content
    )


@pytest.mark.parametrize(
    ("stub", "reason"),
    [
        ({"request": {"action": "goNope"}, "response": {"json": {}}}, "unknown action 'goNope'"),
        (
            {"request": {"module": "goUsers", "action": "add_lead"}, "response": {"lines": []}},
            "could never match",
        ),
        (
            {"request": {"parameters": {"x": {"matches": "("}}}, "response": {"body": ""}},
            "bad regular expression",
        ),
        ({"request": {"parameters": {"x": {"like": "a"}}}, "response": {"body": ""}}, "a matcher is one of"),
        ({"request": {"action": "add_lead"}, "response": {"json": {"a": 1}}}, "lmapi answers text lines"),
        ({"request": {"action": "goGetAllUsers"}, "response": {"lines": ["x"]}}, "lines are lmapi's answer"),
        ({"request": {}, "response": {"json": {}, "body": ""}}, "not json and body"),
        ({"request": {}, "response": {"status": 200}}, "needs json, lines, body or fault"),
        ({"request": {}, "response": {"body": "", "status": 99}}, "status must be an HTTP status"),
        ({"request": {}, "response": {"body": "", "fault": "BOOM"}}, "fault must be one of"),
        ({"request": {}, "response": {"body": ""}, "newScenarioState": "x"}, "need a scenarioName"),
        ({"request": {}, "response": {"body": ""}, "priority": 0}, "priority must be a positive integer"),
        (
            {"request": {"credentials": "maybe"}, "response": {"body": ""}},
            "credentials must be valid or invalid",
        ),
        ({"request": {}, "response": {"body": ""}, "colour": "red"}, "unknown stub fields: colour"),
        ([1, 2], "a stub is a JSON object"),
    ],
)
def test_impossible_stubs_are_400_with_the_reason(server, stub, reason):
    answer = admin(server, "POST", "/mappings", stub)
    assert answer.status_code == 400 and reason in answer.json()["error"]


def test_get_update_delete_and_reset(fresh):
    stub = fresh.stub("goGetAllUsers", json={"result": "error", "message": "one"}, id="users-down")
    assert admin(fresh, "GET", "/mappings/users-down").json() == stub
    updated = admin(fresh, "PUT", "/mappings/users-down", {**stub, "response": {"json": {"result": "x"}}})
    assert updated.status_code == 200 and updated.json()["response"] == {"json": {"result": "x"}}
    assert admin(fresh, "PUT", "/mappings/users-down", {"response": {"colour": 1}}).status_code == 400
    assert admin(fresh, "PUT", "/mappings/nope", stub).status_code == 404
    assert admin(fresh, "GET", "/mappings/nope").status_code == 404
    assert admin(fresh, "DELETE", "/mappings/users-down").json() == {"status": "deleted", "id": "users-down"}
    assert admin(fresh, "DELETE", "/mappings/users-down").status_code == 404
    fresh.stub("goGetAllUsers", json={"result": "x"})
    assert admin(fresh, "POST", "/mappings/reset").json()["mappings_cleared"] == 1
    fresh.stub("goGetAllUsers", json={"result": "x"})
    fresh.reset()
    assert fresh.mappings() == []


def test_stubs_load_from_a_folder_at_start_and_come_back_on_reset(tmp_path):
    (tmp_path / "users.json").write_text(
        json.dumps({"request": {"action": "goGetAllUsers"}, "response": {"json": {"result": "from file"}}})
    )
    (tmp_path / "more.json").write_text(
        json.dumps(
            {"mappings": [{"id": "v", "request": {"action": "version"}, "response": {"lines": ["V"]}}]}
        )
    )
    (tmp_path / "notes.txt").write_text("not a stub")
    app = create_app(EmulatorConfig(seed=7, now="2025-05-14T15:30:00", mappings=str(tmp_path)))
    client = app.test_client()
    ids = [stub["id"] for stub in client.get("/__admin/mappings").get_json()["mappings"]]
    assert sorted(ids) == ["users.json#1", "v"]
    query = {"goAction": "goGetAllUsers", **AUTH, "responsetype": "json"}
    assert json.loads(client.get("/goAPIv2/goUsers/goAPI.php", query_string=query).data) == {
        "result": "from file"
    }
    client.delete("/__admin/mappings/v")
    assert client.get("/API/lmapi.php?function=version").get_data(as_text=True).startswith("VERSION:")
    client.post("/__admin/reset")
    assert client.get("/API/lmapi.php?function=version").get_data(as_text=True) == "V\n"
    xml = client.get("/goAPIv2/goUsers/goAPI.php", query_string={**query, "responsetype": "xml"}).data
    assert b"<result>from file</result>" in xml


def test_two_emulators_on_one_redis_share_stubs_and_scenario_states(redis_db):
    config = EmulatorConfig(seed=7, now="2025-05-14T15:30:00", state=redis_db)
    a, b = create_app(config).test_client(), create_app(config).test_client()
    a.post("/__admin/reset")
    stub = {
        "request": {"action": "goGetAllUsers"},
        "scenarioName": "s",
        "response": {"json": {"result": "x"}},
    }
    a.post("/__admin/mappings", json={**stub, "requiredScenarioState": "Started", "newScenarioState": "2"})
    b.post(
        "/__admin/mappings",
        json={**stub, "requiredScenarioState": "2", "response": {"json": {"result": "y"}}},
    )
    query = {"goAction": "goGetAllUsers", **AUTH, "responsetype": "json"}
    assert json.loads(b.get("/goAPIv2/goUsers/goAPI.php", query_string=query).data) == {"result": "x"}
    assert json.loads(a.get("/goAPIv2/goUsers/goAPI.php", query_string=query).data) == {"result": "y"}
    assert a.get("/__admin/scenarios").get_json()["scenarios"][0]["state"] == "2"
    assert len(b.get("/__admin/mappings").get_json()["mappings"]) == 2
    b.post("/__admin/reset")
    assert a.get("/__admin/mappings").get_json()["mappings"] == []


def test_serve_mappings_loads_once_for_several_workers_and_refuses_a_bad_file(tmp_path):
    from test_cli import START_TIMEOUT, start, stop

    (tmp_path / "users.json").write_text(
        json.dumps({"request": {"action": "goGetAllUsers"}, "response": {"json": {"result": "from file"}}})
    )
    process, base, _ = start("--mappings", str(tmp_path), "--workers", "2", "--quiet")
    try:
        query = "goAction=goGetAllUsers&goUser=MyUser&goPass=MyPass&responsetype=json"
        for _ in range(4):
            assert requests.get(f"{base}/goAPIv2/goUsers/goAPI.php?{query}", timeout=10).json() == {
                "result": "from file"
            }
        assert len(requests.get(f"{base}/__admin/mappings", timeout=10).json()["mappings"]) == 1
    finally:
        assert stop(process)[0] == 0
    (tmp_path / "bad.json").write_text(
        json.dumps({"request": {"action": "goNope"}, "response": {"body": ""}})
    )
    result = subprocess.run(
        [sys.executable, "-m", "mockserver", "serve", "--port", "0", "--mappings", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
    )
    assert result.returncode == 1 and "bad.json: stub 1: unknown action 'goNope'" in result.stderr

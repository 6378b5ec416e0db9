"""``crocodial_mock.running()`` / ``Emulator``: the emulator in a thread, as a Python user drives it."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
import requests

import crocodial_mock
from mockserver.world import WorldSize

SMALL = {"users": 30, "campaigns": 6, "calls_per_day": 300, "leads": 600}


def test_running_serves_inside_the_block_and_frees_the_port_after():
    with crocodial_mock.running(seed=7, now="2025-05-14T15:30:00", **SMALL) as server:
        assert server.url.startswith("http://127.0.0.1:")
        answer = requests.get(
            server.goapi_url("goUsers"),
            params={
                "goAction": "goGetAllUsers",
                "goUser": server.user,
                "goPass": server.password,
                "responsetype": "json",
            },
            timeout=10,
        )
        assert answer.json()["result"] == "success"
        assert server.now == datetime(2025, 5, 14, 15, 30) and server.clock_frozen
        assert requests.get(server.url + "/__admin/health", timeout=10).json()["seed"] == 7
        url = server.url
    assert not server.serving
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/__admin/health", timeout=5)
    with pytest.raises(RuntimeError, match="not serving HTTP"):
        server.url  # noqa: B018


def test_in_process_emulator_and_its_client_share_state():
    emulator = crocodial_mock.Emulator(**SMALL)
    client = emulator.test_client()
    line = client.get(
        "/API/lmapi.php",
        query_string={
            "function": "add_lead",
            "user": "MyUser",
            "pass": "MyPass",
            "source": "test",
            "phone_number": "3125550142",
            "list_id": "101",
        },
    ).get_data(as_text=True)
    assert line.startswith("SUCCESS: add_lead LEAD HAS BEEN ADDED")
    entry = emulator.requests(action="add_lead")[0]
    assert (entry.endpoint, entry["params"]["pass"]) == ("lmapi", "***")
    emulator.reset()
    assert emulator.requests() == []


def test_options_shape_the_config():
    emulator = crocodial_mock.Emulator(seed=3, xml="wellformed", accounts={"alice": "s3cret"}, **SMALL)
    assert emulator.config.size == WorldSize(**SMALL)
    assert (emulator.config.seed, emulator.config.xml_mode, dict(emulator.config.api_users)) == (
        3,
        "wellformed",
        {"alice": "s3cret"},
    )
    assert crocodial_mock.Emulator(users=40).config.size == WorldSize(users=40)


def test_urls_and_bad_options():
    with crocodial_mock.running(**SMALL) as server:
        assert server.goapi_url("goAgent") == server.url + "/goAPIv2/goAgent/goAPI.php"
        assert server.lmapi_url == server.url + "/API/lmapi.php"
        with pytest.raises(ValueError, match="unknown goAPI module 'goUser'"):
            server.goapi_url("goUser")
    with pytest.raises(ValueError, match="crocodial option seed: expected an integer"):
        crocodial_mock.running(seed="seven")
    with pytest.raises(ValueError, match="years 1900-9990"):
        crocodial_mock.running(now="0999-01-01T00:00:00")
    with pytest.raises(TypeError, match="unknown crocodial option"):
        crocodial_mock.running(sead=1)


def _stub_file(folder, body: str) -> None:
    stub = {
        "request": {"module": "goUsers", "action": "goGetAllUsers", "credentials": "valid"},
        "response": {"status": 200, "headers": {"Content-Type": "text/plain"}, "body": body},
    }
    (folder / "recorded.json").write_text(json.dumps(stub))


def test_mappings_folder_answers_and_comes_back_after_a_reset(tmp_path):
    _stub_file(tmp_path, "recorded answer")
    params = {"goAction": "goGetAllUsers", "goUser": "MyUser", "goPass": "MyPass"}
    with crocodial_mock.running(mappings=tmp_path, now="2025-05-14T15:30:00", **SMALL) as server:
        assert requests.get(server.goapi_url("goUsers"), params=params, timeout=10).text == "recorded answer"
        server.clear_stubs()
        assert requests.get(server.goapi_url("goUsers"), params=params, timeout=10).text == "recorded answer"
        server.reset()
        assert requests.get(server.goapi_url("goUsers"), params=params, timeout=10).text == "recorded answer"
        wrong = requests.get(server.goapi_url("goUsers"), params={**params, "goPass": "no"}, timeout=10)
        assert wrong.text != "recorded answer"  # the stub matched valid credentials only


def test_mappings_and_report_dir_must_be_folders(tmp_path):
    with pytest.raises(ValueError, match="no such folder"):
        crocodial_mock.Emulator(mappings=tmp_path / "missing")
    with pytest.raises(ValueError, match="no such folder"):
        crocodial_mock.Emulator(report_dir=tmp_path / "missing")
    (tmp_path / "bad.json").write_text(json.dumps({"request": {"action": "noSuchAction"}, "response": {}}))
    with pytest.raises(ValueError, match=r"bad\.json"):
        crocodial_mock.Emulator(mappings=tmp_path, **SMALL)


def test_report_dir_reaches_the_console(tmp_path):
    (tmp_path / "drift-report.json").write_text("{}")
    emulator = crocodial_mock.Emulator(report_dir=tmp_path, now="2025-05-14T15:30:00", **SMALL)
    assert emulator.config.report_dir == str(tmp_path.resolve())
    page = emulator.test_client().get("/__admin/console/report")
    assert page.status_code == 200 and str(tmp_path.resolve()) in page.get_data(as_text=True)

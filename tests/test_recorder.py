"""``crocodial-mock record`` end to end: an emulator (a thread) plays the real CrocoDial, the recorder
runs as its own process, requests is the client, and ``crocodial-mock serve --mappings`` replays."""

from __future__ import annotations

import json
import re
import signal
import socket
from pathlib import Path

import pytest
import requests
import yaml
from recording_support import (
    GO,
    LM,
    LMAPI,
    PASSWORD,
    Recorder,
    goapi,
    replaying,
    tokens_of,
)

from crocodial_mock.paths import SPEC_PATH
from mockserver.recording.personal import CONTAINER_FIELDS, PERSONAL_FIELDS
from mockserver.recording.pseudonyms import Pseudonyms


def _stubs(out: Path) -> dict[str, dict]:
    return {
        path.name: json.loads(path.read_text())
        for path in sorted(out.glob("*.json"))
        if path.name != "recording-summary.json"
    }


def test_the_client_gets_the_targets_bytes(recording):
    for key, answer in recording["proxied"].items():
        original = recording["direct"][key]
        assert (answer.status_code, answer.content) == (original.status_code, original.content), key
        assert answer.headers["Content-Type"] == original.headers["Content-Type"]
    by_phone, bad, posted, version, added, echoed = recording["answers"]
    assert recording["real_phone"].encode() in by_phone.content  # the client sees real data, unredacted
    assert b"Invalid Username" in bad.content
    assert posted.json()["result"] == "success"
    assert added.text.startswith("SUCCESS: add_lead LEAD HAS BEEN ADDED - 3125550177|Rec|")
    assert "|Rec|Wr0ng-Secret|BAD|" in echoed.text
    assert version.text.startswith("VERSION:")


def test_each_distinct_exchange_is_one_stub_file(recording):
    stubs = _stubs(recording["out"])
    assert recording["status"] == 0
    # 7 reads, the same read again (no file), by phone, bad credentials, a POST, version, 2 add_lead
    assert len(stubs) == 13
    for name, stub in stubs.items():
        assert name == f"{stub['id']}.json"
        assert re.fullmatch(r"[A-Za-z_]+-[0-9a-f]{10}\.json", name)
        text = (recording["out"] / name).read_text()
        assert text == json.dumps(stub, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    summary = json.loads((recording["out"] / "recording-summary.json").read_text())
    assert summary["mappings"] == []
    assert summary["summary"]["exchanges"] == 14 and summary["summary"]["files"] == 13
    assert summary["summary"]["actions"]["goGetCustomerInfo"] == {"exchanges": 4, "files": 3}
    assert summary["summary"]["redacted"]["credentials"] >= 14
    assert summary["summary"]["redacted"]["phone"] > 0 and summary["summary"]["redacted"]["first_name"] > 0
    assert "14 exchanges, 13 stub files" in recording["stdout"]
    assert "redacted: " in recording["stdout"]


def test_no_credential_or_original_personal_value_is_written(recording):
    texts = {path.name: path.read_text() for path in recording["out"].iterdir()}
    leaks = {
        (name, value)
        for name, text in texts.items()
        for value in (*recording["originals"], PASSWORD, "Wr0ng-Secret", "Not-The-Pass", "S3cret")
        if tokens_of(text, value) or (value in (PASSWORD, "Wr0ng-Secret", "Not-The-Pass") and value in text)
    }
    assert leaks == set()
    assert len(recording["originals"]) > 50  # the scan looked for something
    logs = recording["stdout"] + recording["stderr"]
    assert PASSWORD not in logs and "Wr0ng-Secret" not in logs and "Not-The-Pass" not in logs
    assert recording["real_phone"] not in logs


def test_the_same_real_value_becomes_the_same_fake_everywhere(recording):
    stubs = _stubs(recording["out"]).values()
    customer = [stub for stub in stubs if stub["request"].get("action") == "goGetCustomerInfo"]
    matched = [(set(stub["request"]["parameters"]), stub) for stub in customer]
    as_json = next(stub for names, stub in matched if names == {"lead_id", "responsetype"})
    as_json = json.loads(as_json["response"]["body"])["lead_info"]
    as_xml = next(stub["response"]["body"] for names, stub in matched if names == {"lead_id"})
    by_phone = next(stub for names, stub in matched if "phone_number" in names)
    fake_phone = as_json["phone_number"]
    assert fake_phone != recording["real_phone"] and re.fullmatch(r"\d{10}", fake_phone)
    assert by_phone["request"]["parameters"]["phone_number"] == {"equalTo": fake_phone}
    assert json.loads(by_phone["response"]["body"])["lead_info"]["phone_number"] == fake_phone
    for field in ("first_name", "last_name", "phone_number", "email", "city", "comments"):
        assert f"<{field}>{as_json[field]}</{field}>" in as_xml
    lines = [stub for stub in stubs if stub["request"].get("action") == "add_lead"]
    added = next(stub for stub in lines if stub["request"]["credentials"] == "valid")
    fake_lead_phone = added["request"]["parameters"]["phone_number"]["equalTo"]
    assert added["response"]["body"].startswith(
        f"SUCCESS: add_lead LEAD HAS BEEN ADDED - {fake_lead_phone}|api-user|"
    )
    refused = next(stub for stub in lines if stub["request"]["credentials"] == "invalid")
    assert (
        refused["response"]["body"] == "ERROR: Login incorrect, please try again: |api-user|redacted|BAD|\n"
    )
    assert refused["request"]["parameters"]["phone_number"] == {"equalTo": fake_lead_phone}


def _replay_request(stub: dict) -> tuple[str, str, dict]:
    request = stub["request"]
    lmapi = request["module"] == "lmapi"
    params = {name: matcher["equalTo"] for name, matcher in request.get("parameters", {}).items()}
    if "action" in request:
        params["function" if lmapi else "goAction"] = request["action"]
    password = "MyPass" if request.get("credentials") == "valid" else "wrong"
    if "credentials" in request:
        params.update(
            {"user": "MyUser", "pass": password} if lmapi else {"goUser": "MyUser", "goPass": password}
        )
    return request["method"], LMAPI if lmapi else goapi(request["module"]), params


def test_serve_mappings_replays_every_recorded_exchange_byte_for_byte(recording):
    stubs = _stubs(recording["out"])
    kinds = set()
    with replaying(recording["out"]) as url:
        for name, stub in stubs.items():
            method, path, params = _replay_request(stub)
            if method == "POST":
                answer = requests.post(url + path, data=params, timeout=30)
            else:
                answer = requests.get(url + path, params=params, timeout=30)
            recorded = stub["response"]
            assert answer.status_code == recorded["status"], name
            assert answer.headers["Content-Type"] == recorded["headers"]["Content-Type"], name
            assert answer.content == recorded["body"].encode(), name
            kinds.add(answer.content[:1])
    assert {b"{", b"<", b"r", b"S", b"V", b"E"} <= kinds  # JSON, XML, goAPI text, lmapi lines


def test_writes_are_refused_without_allow_writes(recorded_target, tmp_path):
    target = recorded_target
    target.clear_requests()
    recorder = Recorder(target.url, tmp_path, "--quiet")
    try:
        refused = recorder.get(LMAPI, function="add_lead", **LM, phone_number="3125550188", source="t")
        unknown = recorder.get(goapi("goUsers"), **GO, goAction="goDeleteUser", user="example.user")
        posted_elsewhere = requests.post(recorder.url + "/index.php", data={"a": "b"}, timeout=30)
        allowed = recorder.get(goapi("goUsers"), **GO, goAction="getAllPortfolios", responsetype="json")
    finally:
        status, out, _ = recorder.stop(signal.SIGTERM)
    assert refused.status_code == 403 and unknown.status_code == 403 and posted_elsewhere.status_code == 403
    assert refused.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "--allow-writes" in refused.text and refused.text.count("\n") == 1
    assert allowed.status_code == 200 and allowed.json()["result"] == "success"
    assert target.count(action="add_lead") == 0 and target.count(action="goDeleteUser") == 0
    assert target.count() == 1  # only the read reached the target
    written = sorted(path.name.split("-")[0] for path in tmp_path.glob("*.json"))
    assert written == ["getAllPortfolios", "recording"]
    summary = json.loads((tmp_path / "recording-summary.json").read_text())["summary"]
    assert summary["refused_writes"] == {
        "POST on a path that is not the API": 1,
        "add_lead": 1,
        "goDeleteUser": 1,
    }
    assert status == 0 and "refused (not forwarded)" in out


def test_an_unreachable_target_answers_502_and_the_recorder_keeps_running(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    recorder = Recorder(f"http://user:Secret-In-Url@127.0.0.1:{closed}", tmp_path, "--timeout", "2")
    try:
        answers = [recorder.get(goapi("goUsers"), **GO, goAction="getAllPortfolios") for _ in range(2)]
        assert recorder.process.poll() is None
    finally:
        status, out, err = recorder.stop()
    for answer in answers:
        assert answer.status_code == 502
        assert (
            answer.text
            == f"crocodial-mock record: cannot reach http://127.0.0.1:{closed}: connection refused\n"
        )
    assert status == 0 and "Secret-In-Url" not in out + err
    assert json.loads((tmp_path / "recording-summary.json").read_text())["summary"]["target_errors"] == 2


def test_a_target_that_does_not_answer_in_time_answers_502(tmp_path):
    with socket.socket() as silent:  # accepts connections (the backlog) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        recorder = Recorder(f"http://127.0.0.1:{port}", tmp_path, "--timeout", "0.5")
        try:
            answer = recorder.get(goapi("goUsers"), **GO, goAction="getAllPortfolios")
            assert recorder.process.poll() is None
        finally:
            recorder.stop()
    assert answer.status_code == 502
    assert (
        answer.text == f"crocodial-mock record: cannot reach http://127.0.0.1:{port}: timed out after 0.5 s\n"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--target", "ftp://example"], "--target must be an http:// or https:// URL"),
        (["--target", "http://example?x=1"], "without a query"),
    ],
)
def test_a_bad_target_is_a_one_line_error(arguments, message, tmp_path, capsys):
    from mockserver.cli import main

    assert main(["record", *arguments, "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and err.startswith("crocodial-mock: error: ")


def test_pseudonyms_are_keyed_by_seed_and_keep_formats():
    first, again, other = Pseudonyms("5"), Pseudonyms("5"), Pseudonyms("6")
    for kind, real in [("phone", "3125550101"), ("first_name", "Ada"), ("email", "ada@example.org")]:
        assert first.fake(kind, real) == again.fake(kind, real) != real
        assert first.fake(kind, real) != other.fake(kind, real)
    assert re.fullmatch(r"[1-9]\d{9}", first.fake("phone", "3125550101"))
    assert re.fullmatch(r"LN\d{6}", first.fake("account", "LN310843"))
    assert re.fullmatch(r"\d{5}-\d{4}", first.fake("postal_code", "60601-1234"))
    assert first.fake("phone", "") == ""


def test_every_personal_field_is_a_name_the_contract_uses():
    names: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            names.update(node.get("properties", {}) if isinstance(node.get("properties"), dict) else ())
            if node.get("in") == "query" and isinstance(node.get("name"), str):
                names.add(node["name"].removesuffix("[]"))
            for item in node.values():
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load(SPEC_PATH.read_text()))
    assert set(PERSONAL_FIELDS) - names == set()
    assert CONTAINER_FIELDS - names == set()

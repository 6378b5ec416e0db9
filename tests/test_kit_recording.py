"""``crocodial-contract --from-recording``: yesterday's recorded answers judged against the contract,
with no target at all (a connection attempt fails the test)."""

from __future__ import annotations

import json
import shutil
import socket
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from contract_tests.cli import main
from contract_tests.recorded_run import NOT_RECORDED


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("--from-recording opened a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _judge(folder: Path, reports: Path, *extra: str) -> tuple[int, dict]:
    code = main(["--from-recording", str(folder), "--report-dir", str(reports), *extra])
    return code, json.loads((reports / "drift-report.json").read_text())


def _operations(report: dict) -> dict[str, dict]:
    return {operation["operation"]: operation for operation in report["operations"]}


def _copy(recording: dict, tmp_path: Path) -> Path:
    folder = tmp_path / "recording"
    shutil.copytree(recording["out"], folder)
    return folder


def _tamper(folder: Path, action: str, is_json: bool, old: str, new: str) -> str:
    """Edit the body of the (first) recorded answer of ``action`` in that format; its file name."""
    for path in sorted(folder.glob(f"{action}-*.json")):
        stub = json.loads(path.read_text())
        body = stub["response"]["body"]
        if body.startswith("{") == is_json and old in body:
            stub["response"]["body"] = body.replace(old, new)
            path.write_text(json.dumps(stub, indent=2, sort_keys=True))
            return path.name
    raise AssertionError(f"no {action} answer holding {old!r}")


def test_a_faithful_recording_passes_and_writes_every_report(recording, tmp_path, no_network, capsys):
    code, report = _judge(recording["out"], tmp_path / "reports")
    operations = _operations(report)
    assert code == 0
    assert {path.name for path in (tmp_path / "reports").iterdir()} >= {
        "drift-report.json", "drift-report.md", "drift-report.html", "junit.xml",
    }  # fmt: skip
    ElementTree.parse(tmp_path / "reports" / "junit.xml")
    assert "breaking" not in report["verdicts"] and report["findings"]["breaking"] == 0
    # JSON and XML of goGetCustomerInfo and goGetAllUsers were recorded: verified with data, in both formats
    for name in ("goGetCustomerInfo_get", "goGetAllUsers_get"):
        assert operations[name]["verdict"] == "pass", operations[name]
        assert operations[name]["requests"] >= 2
        # the same request in JSON and XML, redacted apart: still the same data in both
        assert operations[name]["success_verified"]["formats_compared"] is True
    assert (
        operations["add_lead_get"]["verdict"] == "pass"
    )  # the lines of a write, recorded with --allow-writes
    assert operations["getLeadsOnHopper_post"]["success_verified"]["json"] is True  # the recorded POST
    assert operations["outbound_cdr_get"]["verdict"] == "unverified"  # JSON only in the recording
    assert "no XML success" in operations["outbound_cdr_get"]["success_verified"]["xml_reason"]
    missing = operations["goGetAllCalltimes_get"]
    assert missing["verdict"] == "unverified" and missing["requests"] == 0
    assert missing["success_verified"]["json_reason"] == NOT_RECORDED
    assert (
        operations["add_lead_post"]["verdict"] == "skipped"
        and operations["add_lead_post"]["skipped"] == NOT_RECORDED
    )
    out = capsys.readouterr()
    assert "no request is sent" in out.out and "not in the recording" in out.out
    assert "version" in out.err  # lmapi version is recorded but not in the contract: said, not judged
    assert report["target"].startswith("recording ")


@pytest.mark.parametrize(
    ("action", "is_json", "old", "new", "operation", "kind"),
    [
        ("goGetCustomerInfo", True, '"first_name":', '"given_name":', "goGetCustomerInfo_get", "missing"),
        ("goGetCustomerInfo", False, "first_name>", "given_name>", "goGetCustomerInfo_get", "missing"),
        ("add_lead", False, "LEAD HAS BEEN ADDED", "LEAD WAS ADDED", "add_lead_get", None),
        ("goGetCustomerInfo", False, ">NEW</status>", ">OLD</status>", "goGetCustomerInfo_get", "disagree"),
    ],
)  # fmt: skip
def test_a_tampered_recording_reports_breaking_drift(
    recording, tmp_path, no_network, action, is_json, old, new, operation, kind
):
    folder = _copy(recording, tmp_path)
    tampered = _tamper(folder, action, is_json, old, new)
    code, report = _judge(folder, tmp_path / "reports")
    judged = _operations(report)[operation]
    assert code == 1
    assert judged["verdict"] == "breaking"
    breaking = [finding for finding in judged["findings"] if finding["severity"] == "breaking"]
    assert breaking and all(tampered in finding["curl"] for finding in breaking)
    if kind:
        assert any(kind in finding["kind"] for finding in breaking), breaking
    untouched = _operations(report)["getUserInfo_get"]
    assert untouched["verdict"] != "breaking"


def test_a_recording_needs_no_credentials_but_no_target_either(recording, tmp_path, capsys):
    code = main(["--from-recording", str(tmp_path / "absent"), "--report-dir", str(tmp_path)])
    assert code == 2 and "recording not found" in capsys.readouterr().err
    code = main(
        [
            "--from-recording",
            str(recording["out"]),
            "--base-url",
            "http://127.0.0.1:9",
            "--report-dir",
            str(tmp_path),
        ]
    )
    assert code == 2 and "excludes --base-url" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    code = main(["--from-recording", str(tmp_path / "empty"), "--report-dir", str(tmp_path / "r")])
    assert code == 2 and "holds no recorded answer" in capsys.readouterr().err
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "x.json").write_text("{not json")
    code = main(["--from-recording", str(tmp_path / "broken"), "--report-dir", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert code == 2 and "x.json: not a JSON file" in err and err.count("\n") == 1

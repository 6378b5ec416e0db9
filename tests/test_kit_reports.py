"""The drift report and JUnit file: verdicts, classification, reproduction, exit codes, no secrets."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from contract_tests.drift_injection import Drift, apply
from contract_tests.findings import Coverage, Finding, Kind, OperationResult, exit_code
from contract_tests.redaction import Redactor
from contract_tests.report import RunInfo, write_json, write_junit, write_markdown

INFO = RunInfo("https://acme.croco-dial.net", "crocodial.yaml", "2025-05-14 15:30:00", 1.5, 10, "skipped")


def results() -> list[OperationResult]:
    clean = OperationResult("getAgentStatus_get", "getAgentStatus", "goDashboard", requests=12)
    broken = OperationResult("outbound_cdr_get", "outbound_cdr", "goReports", requests=30)
    broken.add(
        Finding(
            "outbound_cdr_get",
            Kind.FIELD_MISSING,
            "/data/rows/0/agent",
            "field 'agent'",
            "absent",
            "curl -X GET 'https://acme.croco-dial.net/goAPIv2/goReports/goAPI.php?goPass=***'",
            '{"echo":"hunter22"}',
        )
    )
    broken.add(
        Finding("outbound_cdr_get", Kind.FIELD_MISSING, "/data/rows/7/agent", "field 'agent'", "absent")
    )
    broken.add(
        Finding("outbound_cdr_get", Kind.UNDOCUMENTED_FIELD, "/data/rows/0/wrap", "no such field", "string")
    )
    grown = OperationResult("goGetAllUsers_get", "goGetAllUsers", "goUsers", requests=3)
    grown.add(
        Finding("goGetAllUsers_get", Kind.UNDOCUMENTED_ENUM_VALUE, "/data/user_list/0/active", "Y or N", "S")
    )
    for result in (clean, broken, grown):
        result.coverage = Coverage(json=True, xml=True)
    skipped = OperationResult("add_lead_get", "add_lead", "lmapi", skipped="write operation")
    return [clean, broken, grown, skipped]


def test_verdicts_and_exit_codes():
    verdicts = [r.verdict for r in results()]
    assert verdicts == ["pass", "breaking", "additive", "skipped"]
    assert len(results()[1].findings) == 2  # the same drift in another row is one finding
    assert exit_code(results(), fail_on_additive=False) == 1
    assert exit_code([results()[0], results()[2]], fail_on_additive=False) == 0
    assert exit_code([results()[0], results()[2]], fail_on_additive=True) == 1


def test_markdown_report_names_operation_field_and_reproduction(tmp_path):
    path = tmp_path / "drift-report.md"
    write_markdown(results(), INFO, path, Redactor(["hunter22"]))
    text = path.read_text()
    assert "**1 breaking**, 2 additive" in text
    assert "breaking: documented field missing at `/data/rows/0/agent` (in 2 of 30 answers)" in text
    assert "additive: undocumented enum value at `/data/user_list/0/active`" in text
    assert "curl -X GET 'https://acme.croco-dial.net/goAPIv2/goReports/goAPI.php?goPass=***'" in text
    assert "hunter22" not in text


def test_junit_has_one_case_per_operation(tmp_path):
    path = tmp_path / "junit.xml"
    write_junit(results(), INFO, path, Redactor(["hunter22"]))
    suite = ET.parse(path).getroot()
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("4", "1", "1")
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert cases["outbound_cdr_get"].find("failure") is not None
    assert cases["goGetAllUsers_get"].find("failure") is None
    assert "undocumented enum value" in cases["goGetAllUsers_get"].find("system-out").text
    assert "hunter22" not in path.read_text()


def test_json_report_for_tools(tmp_path):
    import json

    path = tmp_path / "drift-report.json"
    write_json(results(), INFO, path, Redactor(["hunter22"]))
    document = json.loads(path.read_text())
    by_name = {op["operation"]: op for op in document["operations"]}
    assert by_name["outbound_cdr_get"]["verdict"] == "breaking"
    [missing, extra] = by_name["outbound_cdr_get"]["findings"]
    assert (missing["severity"], missing["kind"], missing["answers"]) == (
        "breaking",
        "documented field missing",
        2,
    )
    assert extra["severity"] == "additive"
    assert by_name["add_lead_get"]["skipped"] == "write operation"


def test_drift_injection_edits_json_answers():
    body = b'{"result":"success","data":{"rows":[{"agent":"a","n":"1"},{"agent":"b","n":"2"}]}}'
    assert apply(Drift.parse("remove:outbound_cdr:/data/rows/*/agent"), "200 OK", body)[1] == (
        b'{"result":"success","data":{"rows":[{"n":"1"},{"n":"2"}]}}'
    )
    assert b'"n":1' in apply(Drift.parse("retype:x:/data/rows/*/n"), "200 OK", body)[1]
    assert b'"extra":true' in apply(Drift.parse("add:x:/data/extra=true"), "200 OK", body)[1]
    assert apply(Drift.parse("status:x:/=503"), "200 OK", body)[0].startswith("503")
    assert apply(Drift("remove", "x", "/data"), "200 OK", b"<xml/>")[1] == b"<xml/>"

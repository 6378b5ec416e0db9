"""The kit's judge on hand-made answers: each drift class is recognised and classified."""

from __future__ import annotations

import copy
import json

import pytest

from contract_tests.contract import Contract
from contract_tests.findings import Kind, Severity
from contract_tests.judge import Answer, AnswerJudge, Expect, violations
from contract_tests.requests_model import ApiRequest
from crocodial_mock.paths import EXAMPLES_DIR, SPEC_PATH
from mockserver.encoding import goapi_xml


@pytest.fixture(scope="module")
def contract() -> Contract:
    return Contract.load(SPEC_PATH)


@pytest.fixture(scope="module")
def judge(contract: Contract) -> AnswerJudge:
    return AnswerJudge(contract)


def example(action: str) -> dict:
    return json.loads((EXAMPLES_DIR / f"{action}.json").read_text())


def answer(body: object, status: int = 200) -> Answer:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Answer(status, {"Content-Type": "text/html; charset=UTF-8"}, content)


def kinds(verdict) -> set[Kind]:
    return {d.kind for d in verdict.differences}


def test_reference_examples_conform_in_json_and_xml(contract: Contract, judge: AnswerJudge):
    checked = 0
    for op in contract.operations:
        path = EXAMPLES_DIR / f"{op.action}.json"
        if op.method != "GET" or not path.exists():
            continue
        data = json.loads(path.read_text())
        request = op.reference_request()
        as_json = judge.judge(op, request, answer(data), Expect.ANY)
        as_xml = judge.judge(op, request, answer(goapi_xml.render(op.action, data).encode()), Expect.ANY)
        assert (as_json.outcome, as_json.differences) == ("success", []), op.operation_id
        assert (as_xml.outcome, as_xml.differences) == ("success", []), op.operation_id
        checked += 1
    assert checked >= 20


def test_missing_documented_field_is_breaking(contract, judge):
    op = contract.operation("outbound_cdr_get")
    body = example("outbound_cdr")
    del body["data"]["rows"][1]["agent"]
    verdict = judge.judge(op, op.reference_request(), answer(body), Expect.SUCCESS)
    [difference] = verdict.differences
    assert (difference.kind, difference.path) == (Kind.FIELD_MISSING, "/data/rows/1/agent")
    assert difference.kind.severity is Severity.BREAKING


def test_changed_type_is_breaking(contract, judge):
    op = contract.operation("getAgentStatus_get")
    body = example("getAgentStatus")
    body["data"]["paused_agents"] = str(body["data"]["paused_agents"])
    verdict = judge.judge(op, op.reference_request(), answer(body), Expect.SUCCESS)
    assert [(d.kind, d.path) for d in verdict.differences] == [(Kind.TYPE_CHANGED, "/data/paused_agents")]
    assert verdict.differences[0].expected == "integer"


def test_changed_format_is_breaking(contract, judge):
    op = contract.operation("outbound_cdr_get")
    body = example("outbound_cdr")
    body["data"]["rows"][0]["call_date"] = "02/05/2025 06:58"
    verdict = judge.judge(op, op.reference_request(), answer(body), Expect.SUCCESS)
    assert [(d.kind, d.path) for d in verdict.differences] == [
        (Kind.FORMAT_CHANGED, "/data/rows/0/call_date")
    ]


def test_undocumented_field_is_additive(contract, judge):
    op = contract.operation("getAgentStatus_get")
    body = example("getAgentStatus")
    body["data"]["wrapup_agents"] = 3
    verdict = judge.judge(op, op.reference_request(), answer(body), Expect.SUCCESS)
    [difference] = verdict.differences
    assert (difference.kind, difference.path) == (Kind.UNDOCUMENTED_FIELD, "/data/wrapup_agents")
    assert difference.kind.severity is Severity.ADDITIVE
    assert verdict.outcome == "success"


def test_undocumented_enum_value_is_additive(contract, judge):
    op = contract.operation("goGetAllUsers_get")
    body = example("goGetAllUsers")
    body["data"]["user_list"][0]["active"] = "S"
    verdict = judge.judge(op, op.reference_request(), answer(body), Expect.ANY)
    assert (Kind.UNDOCUMENTED_ENUM_VALUE, "/data/user_list/0/active") in {
        (d.kind, d.path) for d in verdict.differences
    }


def test_success_turned_into_error(contract, judge):
    op = contract.operation("outbound_cdr_get")
    verdict = judge.judge(
        op, op.reference_request(), answer({"code": "40001", "message": "x"}), Expect.SUCCESS
    )
    assert Kind.SUCCESS_BECAME_ERROR in kinds(verdict)


def test_valid_request_may_meet_a_documented_not_found_but_not_a_credential_error(contract, judge):
    op = contract.operation("getUserInfo_get")
    request = op.reference_request()
    not_found = {"code": "41004", "message": "Invalid value in user. Doesn't exist"}
    assert judge.judge(op, request, answer(not_found), Expect.VALID).differences == []
    refused = {"result": "error", "message": "Invalid Username/Password"}
    assert kinds(judge.judge(op, request, answer(refused), Expect.VALID)) == {Kind.SUCCESS_BECAME_ERROR}


def test_changed_error_envelope_is_breaking(contract, judge):
    op = contract.operation("outbound_cdr_get")
    body = {"result": "error", "message": "Invalid Username or Password"}
    verdict = judge.judge(op, op.reference_request(), answer(body), Expect.BAD_CREDENTIALS)
    assert Kind.ERROR_ENVELOPE_CHANGED in kinds(verdict)


def test_bad_credentials_must_get_the_documented_envelope(contract, judge):
    op = contract.operation("outbound_cdr_get")
    documented = {"result": "error", "message": "Invalid Username/Password"}
    assert (
        judge.judge(op, op.reference_request(), answer(documented), Expect.BAD_CREDENTIALS).differences == []
    )
    accepted = judge.judge(
        op, op.reference_request(), answer(example("outbound_cdr")), Expect.BAD_CREDENTIALS
    )
    assert kinds(accepted) == {Kind.INVALID_INPUT_ACCEPTED}


def test_server_error_and_unparseable_bodies(contract, judge):
    op = contract.operation("outbound_cdr_get")
    request = op.reference_request()
    assert kinds(judge.judge(op, request, answer(b"", status=500), Expect.ANY)) == {Kind.SERVER_ERROR}
    assert kinds(judge.judge(op, request, answer(b"{<b>Fatal error</b>"), Expect.ANY)) == {Kind.UNPARSEABLE}
    assert kinds(judge.judge(op, request, answer(b"Warning: mysqli"), Expect.ANY)) == {Kind.UNPARSEABLE}


def test_invalid_input_must_get_a_documented_error_with_http_200(contract, judge):
    op = contract.operation("outbound_cdr_get")
    request = op.reference_request().with_param("fromDate", "2025-13-45x")
    assert violations(op, request) == ["invalid fromDate"]
    accepted = judge.judge(op, request, answer(example("outbound_cdr")), Expect.INVALID)
    assert kinds(accepted) == {Kind.INVALID_INPUT_ACCEPTED}
    refused = {"code": "41004", "message": "Invalid value in fromDate"}
    assert judge.judge(op, request, answer(refused), Expect.INVALID).differences == []
    assert kinds(judge.judge(op, request, answer(refused, status=400), Expect.INVALID)) == {Kind.WRONG_STATUS}


def test_violations_know_server_defaults_and_one_of(contract):
    outbound = contract.operation("outbound_cdr_get")
    assert violations(outbound, outbound.reference_request().with_param("responsetype", None)) == []
    assert violations(outbound, outbound.reference_request().with_param("goAction", None)) == [
        "missing goAction"
    ]
    customer = contract.operation("goGetCustomerInfo_get")
    bare = customer.reference_request().with_param("lead_id", None).with_param("phone_number", None)
    assert violations(customer, bare) == ["missing lead_id or phone_number"]


def test_invalid_responsetype_line_is_a_documented_error(contract, judge):
    op = contract.operation("outbound_cdr_get")
    request = op.reference_request().with_param("responsetype", "csv")
    line = b"result=error;message=This API function only accepts XML or JSON value on responsetype;"
    verdict = judge.judge(op, request, answer(line), Expect.INVALID)
    assert (verdict.outcome, verdict.differences) == ("error", [])


def test_xml_drift_is_classified_like_json(contract, judge):
    op = contract.operation("getAgentStatus_get")
    body = example("getAgentStatus")
    broken = copy.deepcopy(body)
    del broken["data"]["ready_agents"]
    broken["data"]["paused_agents"] = "many"
    broken["data"]["extra"] = "1"
    xml = goapi_xml.render(op.action, broken).encode()
    verdict = judge.judge(op, op.reference_request(), answer(xml), Expect.ANY)
    assert {(d.kind, d.path) for d in verdict.differences} == {
        (Kind.FIELD_MISSING, "/data/ready_agents"),
        (Kind.TYPE_CHANGED, "/data/paused_agents"),
        (Kind.UNDOCUMENTED_FIELD, "/data/extra"),
    }


def test_lmapi_lines(contract, judge):
    op = contract.operation("add_lead_get")
    request = op.reference_request()
    added = b"SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|MyUser|999|193715|-4\n"
    verdict = judge.judge(op, request, answer(added), Expect.VALID)
    assert (verdict.outcome, verdict.envelope, verdict.differences) == ("success", "success_lead_added", [])
    changed = b"ERROR: add_lead LEAD REJECTED - 7275551111\n"
    assert kinds(judge.judge(op, request, answer(changed), Expect.ANY)) == {Kind.ERROR_ENVELOPE_CHANGED}
    login = b"ERROR: Login incorrect, please try again: |MyUser|secret|BAD|\n"
    assert judge.judge(op, request, answer(login), Expect.BAD_CREDENTIALS).differences == []


def test_reference_example_with_a_documented_error(contract, judge):
    op = contract.operation("goGetCalltimeInfo_post")
    assert op.reference_expectation == "MissingParameters"
    missing = {"code": "40001", "message": "Error: Missing required parameters"}
    request = op.reference_request()
    assert judge.judge(op, request, answer(missing), Expect.NAMED, "MissingParameters").differences == []
    wrong = judge.judge(op, request, answer(example("goGetCalltimeInfo")), Expect.NAMED, "MissingParameters")
    assert kinds(wrong) == {Kind.ERROR_ENVELOPE_CHANGED}


def test_reference_requests_come_from_the_contract(contract):
    op = contract.operation("agent_cdr_post")
    request = op.reference_request()
    assert request.method == "POST" and request.path == "/goAPIv2/goReports/goAPI.php"
    assert ("tenant[]", "CSC") in (request.form or ())
    assert request.params()["tenant"] == ["CSC"]
    assert isinstance(ApiRequest("GET", "/x").params(), dict)


def test_schemathesis_decodes_text_html_bodies_by_content():
    from types import SimpleNamespace

    from schemathesis.core.deserialization import has_deserializer

    from contract_tests.st_integration import sniffing_deserializer

    assert has_deserializer("text/html; charset=UTF-8")
    as_json = SimpleNamespace(content=b'{"result":"error","message":"Invalid Username\\/Password"}')
    assert sniffing_deserializer(None, as_json) == {"result": "error", "message": "Invalid Username/Password"}
    xml = goapi_xml.render("goGetTotalAgentsCall", {"result": "success", "data": 23}).encode()
    assert sniffing_deserializer(None, SimpleNamespace(content=xml)) == {"result": "success", "data": "23"}
    lines = b"SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|MyUser|999|1|-4\nNOTICE: x\n"
    assert sniffing_deserializer(None, SimpleNamespace(content=lines))[1] == "NOTICE: x"
    with pytest.raises(ValueError):
        sniffing_deserializer(None, SimpleNamespace(content=b"{<b>Fatal error</b>"))


def test_a_schemathesis_case_is_judged_as_it_went_out():
    """A drawn value with no one text (an empty object for ``tenant[]``) is judged by what the prepared
    request carried, not by a rendering of the drawn value (which read as the tenant code ``{}``)."""
    import requests

    from contract_tests.st_integration import as_sent

    drawn = ApiRequest(
        "GET", "/goAPIv2/goReports/goAPI.php", (("goAction", "inbound_cdr"), ("tenant[]", "{}"))
    )
    params = {"goAction": "inbound_cdr", "tenant[]": {}, "profile[]": "a b"}
    sent = requests.Request("GET", "http://127.0.0.1/goAPIv2/goReports/goAPI.php", params=params).prepare()
    judged = as_sent(drawn, sent)
    assert judged.query == (("goAction", "inbound_cdr"), ("profile[]", "a b"))
    form_drawn = ApiRequest("POST", "/API/lmapi.php", (), (("function", "add_lead"),), ("user", "pass"))
    form = requests.Request("POST", "http://127.0.0.1/API/lmapi.php", data={"function": "add_lead", "x": ""})
    assert as_sent(form_drawn, form.prepare()).form == (("function", "add_lead"), ("x", ""))

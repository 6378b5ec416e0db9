"""The contract itself: every documented operation on its real endpoint, with exactly the documented
required parameters, envelopes that accept what the API says and reject what it never says."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import referencing.jsonschema
import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from repo_files import REPO_ROOT

from crocodial_mock.paths import SPEC_PATH
from mockserver import errors
from mockserver.encoding import goapi_xml

SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
ERRATA_TEXT = (REPO_ROOT / "openapi" / "ERRATA.md").read_text()
REGISTRY = Registry().with_resource(
    "urn:crocodial", Resource.from_contents(SPEC, default_specification=referencing.jsonschema.DRAFT202012)
)

# The reference's actions, written out here independently of the generator's tables:
# action -> (module, the action's own required parameters).
DOCUMENTED: dict[str, tuple[str, set[str]]] = {
    "outbound_cdr": ("goReports", set()),
    "inbound_cdr": ("goReports", set()),
    "exportAgentReport": ("goReports", set()),
    "agent_cdr": ("goReports", set()),
    "agent_calls_report": ("goReports", set()),
    "exportPauseReport": ("goReports", {"fromDate", "toDate"}),
    "inbound_summary_stats": ("goReports", set()),
    "agent_summary_stats": ("goReports", set()),
    "agentTimeUsage": ("goDashboard", set()),
    "getAgentStatus": ("goDashboard", set()),
    "goGetTotalAgentsCall": ("goDashboard", set()),
    "getUserInfo": ("goUsers", {"user"}),
    "getLiveAgentInfo": ("goUsers", {"user"}),
    "getAllPortfolios": ("goUsers", set()),
    "getAllProfiles": ("goUsers", set()),
    "goGetAllUsers": ("goUsers", set()),
    "goGetAllCalltimes": ("goCalltimes", set()),
    "goGetCalltimeInfo": ("goCalltimes", {"call_time_id"}),
    "getCampaignInfo": ("goCampaigns", {"campaign_id"}),
    "goGetAllCampaigns": ("goCampaigns", set()),
    "getLeadsOnHopper": ("goCampaigns", {"campaign_id"}),
    "goGetCustomerInfo": ("goAgent", set()),
}
COMMON_REQUIRED = {"goAction", "goUser", "goPass", "responsetype"}
ADD_LEAD_REQUIRED = {"user", "pass", "function", "phone_number", "source"}
ADD_LEAD_KEY = "/API/lmapi.php#add_lead"


def operation(action: str, method: str) -> dict[str, Any]:
    if action == "add_lead":
        return SPEC["paths"][ADD_LEAD_KEY][method]
    module = DOCUMENTED[action][0]
    return SPEC["paths"][f"/goAPIv2/{module}/goAPI.php#{action}"][method]


def answer_validator(action: str, method: str = "get") -> Draft202012Validator:
    schema = operation(action, method)["responses"]["200"]["content"]["application/json"]["schema"]
    rewritten = yaml.safe_load(yaml.safe_dump(schema).replace("'#/components", "'urn:crocodial#/components"))
    return Draft202012Validator(rewritten, registry=REGISTRY)


def required_query(op: dict[str, Any]) -> set[str]:
    return {p["name"] for p in op.get("parameters", []) if p["required"]}


def form_schema(op: dict[str, Any]) -> dict[str, Any]:
    return op["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]


def test_spec_is_valid_openapi_3_1():
    assert SPEC["openapi"].startswith("3.1")
    validate(SPEC)
    assert SPEC["x-hasEquivalentPaths"] is True


def test_spec_matches_its_generator():
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "openapi" / "generate.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_every_documented_action_is_a_get_and_a_post_on_its_endpoint():
    expected = {f"/goAPIv2/{module}/goAPI.php#{action}" for action, (module, _) in DOCUMENTED.items()}
    expected.add(ADD_LEAD_KEY)
    assert set(SPEC["paths"]) == expected
    for key, item in SPEC["paths"].items():
        assert set(item) == {"get", "post"}, key
    assert len(DOCUMENTED) == 22


@pytest.mark.parametrize("action", sorted(DOCUMENTED))
@pytest.mark.parametrize("method", ["get", "post"])
def test_goapi_operation_carries_the_conventions(action: str, method: str):
    op = operation(action, method)
    module = DOCUMENTED[action][0]
    assert op["operationId"] == f"{action}_{method}"
    assert op["x-crocodial-action"] == action
    assert op["x-crocodial-module"] == module
    assert op["x-crocodial-write"] is False
    assert op["tags"] == [module]
    assert set(op["responses"]) == {"200"}
    one_of = op["responses"]["200"]["content"]["application/json"]["schema"]["oneOf"]
    named = [op["x-crocodial-success-schema"], *op["x-crocodial-error-schemas"]]
    assert [branch["$ref"] for branch in one_of] == named
    for pointer in named:
        assert pointer.split("/")[-1] in SPEC["components"]["schemas"]
    assert op["x-errata"], "every goAPI operation is concerned by the wire decisions"


@pytest.mark.parametrize("action", sorted(DOCUMENTED))
def test_goapi_required_parameters_are_exactly_the_documented_ones(action: str):
    own = DOCUMENTED[action][1]
    get, post = operation(action, "get"), operation(action, "post")
    assert required_query(get) == COMMON_REQUIRED | own
    assert set(form_schema(post)["required"]) == COMMON_REQUIRED | own
    assert set(get["x-crocodial-required-params"]) == own == set(post["x-crocodial-required-params"])
    get_names = {p["name"] for p in get["parameters"]}
    assert get_names == set(form_schema(post)["properties"]), "GET and POST take the same parameters"


@pytest.mark.parametrize("method", ["get", "post"])
def test_customer_info_needs_lead_id_or_phone_number(method: str):
    op = operation("goGetCustomerInfo", method)
    assert op["x-crocodial-required-one-of"] == ["lead_id", "phone_number"]
    names = {p["name"] for p in op["parameters"]} if method == "get" else set(form_schema(op)["properties"])
    assert {"lead_id", "phone_number"} <= names
    assert "#/components/schemas/MissingParameters" in op["x-crocodial-error-schemas"]
    required = (
        {p["name"] for p in op["parameters"] if p["required"]}
        if method == "get"
        else set(form_schema(op)["required"])
    )
    assert not {"lead_id", "phone_number"} & required, "each alone is optional (A6)"


@pytest.mark.parametrize("action", sorted(DOCUMENTED))
def test_goaction_is_pinned_and_responsetype_defaults_to_xml(action: str):
    get, post = operation(action, "get"), operation(action, "post")
    params = {p["name"]: p for p in get["parameters"]}
    assert params["goAction"]["schema"]["const"] == action
    assert form_schema(post)["properties"]["goAction"]["const"] == action
    assert params["responsetype"]["schema"]["enum"] == ["json", "xml"]
    assert params["responsetype"]["x-server-default"] == "xml"
    assert form_schema(post)["properties"]["responsetype"]["x-server-default"] == "xml"


def test_realtime_operations_are_marked():
    marked = {
        op["x-crocodial-action"]
        for item in SPEC["paths"].values()
        for op in item.values()
        if op.get("x-crocodial-realtime")
    }
    assert marked == {
        "agentTimeUsage",
        "getAgentStatus",
        "goGetTotalAgentsCall",
        "getUserInfo",
        "getLiveAgentInfo",
        "getLeadsOnHopper",
    }


def test_php_array_parameters_travel_exploded():
    for item in SPEC["paths"].values():
        for param in item["get"].get("parameters", []):
            if param["name"].endswith("[]"):
                assert (param["style"], param["explode"], param["schema"]["type"]) == ("form", True, "array")
        body = item["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]
        for name, prop in body["schema"]["properties"].items():
            if name.endswith("[]"):
                assert body["encoding"][name] == {"style": "form", "explode": True}
                assert prop["type"] == "array"


def test_parameter_value_rules():
    tenant = {p["name"]: p for p in operation("outbound_cdr", "get")["parameters"]}["tenant[]"]
    item = Draft202012Validator(tenant["schema"]["items"])
    assert item.is_valid("AAA") and not item.is_valid("ADMIN") and not item.is_valid("AB")
    dates = {p["name"]: p for p in operation("exportPauseReport", "get")["parameters"]}
    assert dates["fromDate"]["schema"]["format"] == "date"
    date = Draft202012Validator(dates["fromDate"]["schema"])
    assert date.is_valid("2025-05-13") and not date.is_valid("2025-5-13") and not date.is_valid("13/05/2025")
    inactive = {p["name"]: p for p in operation("goGetAllUsers", "get")["parameters"]}["only_inactives"]
    assert not inactive["required"] and inactive["schema"]["enum"] == ["0", "1"]


def test_add_lead_operations():
    for method in ("get", "post"):
        op = operation("add_lead", method)
        assert op["operationId"] == f"add_lead_{method}"
        assert op["tags"] == ["lmapi", "write"]
        assert (op["x-crocodial-action"], op["x-crocodial-module"], op["x-crocodial-write"]) == (
            "add_lead",
            "lmapi",
            True,
        )
        assert set(op["responses"]["200"]["content"]) == {"text/plain"}
    get, post = operation("add_lead", "get"), operation("add_lead", "post")
    assert required_query(get) == ADD_LEAD_REQUIRED == set(form_schema(post)["required"])
    assert form_schema(post)["additionalProperties"] == {
        "type": "string",
        "description": "A custom field value, named by its field label.",
    }


ADD_LEAD_VALUES = {
    "phone_number": (["7275551111", "123456"], ["72755", "12345678901234567", "727-555-1111"]),
    "phone_code": (["1", "52", "1234"], ["", "12345", "+1"]),
    "list_id": (["999", "123456789012"], ["99", "1234567890123"]),
    "gender": (["U", "M", "F"], ["X", "u"]),
    "dnc_check": (["Y", "N", "AREACODE"], ["YES"]),
    "campaign_dnc_check": (["AREACODE"], ["y"]),
    "hopper_priority": ([99, -99, 0], [100, -100]),
    "tz_method": (["", "POSTAL", "TZCODE", "NANPA"], ["ZIP"]),
    "callback_datetime": (
        ["2025-05-14+09:30:00", "2025-05-14 09:30:00", "NOW", "3DAYS"],
        ["tomorrow", "2025-05-14", "DAYS"],
    ),
    "callback_type": (["USERONLY", "ANYONE"], ["NOBODY"]),
    "callback_status": (["CALLBK", "A"], ["", "CALLBACK"]),
    "campaign_id": (["TESTCAMP", "AB"], ["A", "TOOLONGID"]),
    "country_code": (["MX", "USA", "1"], ["", "MEXI"]),
    "multi_alt_phones": (["72755_1_n"], ["7275"]),
    "duplicate_check": (
        ["DUPLIST", "DUPLIST-DUPTITLEALTPHONELIST", "DUPSYS90DAY", "DUPPHONEALTCAMP360DAY-DUPNAMEPHONESYS"],
        ["DUPLIST-", "DUPSYS91DAY", "DUPFOO", "duplist"],
    ),
}


@pytest.mark.parametrize("name", sorted(ADD_LEAD_VALUES))
def test_add_lead_parameter_rules(name: str):
    schema = form_schema(operation("add_lead", "post"))["properties"][name]
    check = Draft202012Validator(schema)
    good, bad = ADD_LEAD_VALUES[name]
    assert all(check.is_valid(value) for value in good), good
    assert not any(check.is_valid(value) for value in bad), bad


def test_reference_requests_are_recorded_for_every_operation():
    for key, item in SPEC["paths"].items():
        for method, op in item.items():
            ref = op["x-crocodial-reference-request"]
            assert ref["method"] == method.upper()
            assert ref["path"] in {"/API/lmapi.php"} | {
                f"/goAPIv2/{m}/goAPI.php" for m, _ in DOCUMENTED.values()
            }
            assert "croco-dial.net" not in str(ref), key
            creds = (ref["params"].get("goUser", ref["params"].get("user")), ref["params"].get("goPass"))
            assert creds[0] == "MyUser"
    # A reference request that does not succeed names what it answers with.
    expectations = {
        op["operationId"]: op["x-crocodial-reference-request"].get("expect")
        for item in SPEC["paths"].values()
        for op in item.values()
        if op["x-crocodial-reference-request"].get("expect")
    }
    assert expectations == {
        "getCampaignInfo_get": "CampaignNotFound",
        "goGetCalltimeInfo_post": "MissingParameters",
        "goGetCustomerInfo_get": "LeadNotFound",
        "add_lead_get": "error_phone_number",
        "add_lead_post": "error_phone_number",
    }
    # The reference's own mistakes are kept verbatim (E4, A4, A7).
    assert (
        operation("exportAgentReport", "get")["x-crocodial-reference-request"]["params"]["user"]
        == "example.user1"
    )
    assert "call-time-id" in operation("goGetCalltimeInfo", "post")["x-crocodial-reference-request"]["params"]
    customer_post = operation("goGetCustomerInfo", "post")["x-crocodial-reference-request"]
    assert customer_post["path"] == "/goAPIv2/goReports/goAPI.php"
    assert customer_post["answers_as"] == "agent_summary_stats"


REFERENCE = Path(
    os.environ.get(
        "CROCODIAL_REFERENCE_DOCS", REPO_ROOT.parent / "shared" / "api-docs" / "crocodial-api-reference.txt"
    )
)
CURL = re.compile(r'curl -X (GET|POST) "([^"\s]+)"?((?:\s*\\?\s*(?:-H "[^"]*"|--data-urlencode "[^"]*"))*)')
DOCUMENT_ORDER = [*DOCUMENTED, "add_lead"]  # the reference documents the actions in this order


def _normalised_credentials(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """E2: the examples' MyUSer / Mypass are the placeholder credentials."""
    fixed = {"myuser": "MyUser", "mypass": "MyPass"}
    return [
        (name, fixed.get(value.lower(), value) if name in {"goUser", "goPass", "user", "pass"} else value)
        for name, value in pairs
    ]


def _pairs(params: dict[str, Any]) -> list[tuple[str, str]]:
    return [(k, item) for k, v in params.items() for item in (v if isinstance(v, list) else [v])]


@pytest.mark.skipif(not REFERENCE.exists(), reason="the vendor's reference is not in this checkout")
def test_reference_requests_are_the_references_curl_examples():
    commands = CURL.findall(REFERENCE.read_text(encoding="utf-8"))
    assert len(commands) == 2 * len(DOCUMENT_ORDER)
    for index, (method, url, rest) in enumerate(commands):
        action = DOCUMENT_ORDER[index // 2]
        recorded = operation(action, method.lower())["x-crocodial-reference-request"]
        parts = urlsplit(url)
        if method == "GET":
            pairs = parse_qsl(parts.query, keep_blank_values=True)
        else:
            pairs = [tuple(item.split("=", 1)) for item in re.findall(r'--data-urlencode "([^"]*)"', rest)]
        assert (recorded["method"], recorded["path"]) == (method, parts.path), action
        assert _pairs(recorded["params"]) == _normalised_credentials(pairs), (action, method)


def _rename(old: str, new: str, as_list: bool = False):
    def apply(params: dict[str, Any]) -> dict[str, Any]:
        value = params.pop(old)
        return {**params, new: [value] if as_list else value}

    return apply


def _replace(**values: str):
    return lambda params: {**params, **values}


# Where the examples deliberately differ from the reference request, and how (E4, A4, E19, L9).
EXAMPLE_DEPARTURES = {
    "exportAgentReport_get": _rename("user", "user[]", as_list=True),
    "goGetCalltimeInfo_post": _rename("call-time-id", "call_time_id"),
    "goGetCustomerInfo_get": _replace(phone_number="8004321000", lead_id="14246"),
    "add_lead_get": _replace(phone_number="7275551111"),
    "add_lead_post": _replace(phone_number="7275551111"),
}


def _example_of(op: dict[str, Any]) -> dict[str, Any]:
    if "parameters" in op:
        return {p["name"]: p["example"] for p in op["parameters"] if "example" in p}
    return op["requestBody"]["content"]["application/x-www-form-urlencoded"]["example"]


@pytest.mark.parametrize("operation_id", sorted(f"{a}_{m}" for a in DOCUMENT_ORDER for m in ("get", "post")))
def test_examples_send_the_reference_request(operation_id: str):
    action, method = operation_id.rsplit("_", 1)
    op = operation(action, method)
    if operation_id == "goGetCustomerInfo_post":  # A7: the reference posts another action
        assert _example_of(op) == _example_of(operation(action, "get"))
        return
    expected = dict(op["x-crocodial-reference-request"]["params"])
    expected = EXAMPLE_DEPARTURES.get(operation_id, lambda params: params)(expected)
    assert _example_of(op) == expected


def test_parameter_examples_are_the_reference_values():
    params = {p["name"]: p for p in operation("agent_cdr", "get")["parameters"]}
    assert params["tenant[]"]["example"] == ["CSC"] and params["fromDate"]["example"] == "2025-05-13"
    body = operation("inbound_cdr", "post")["requestBody"]["content"]["application/x-www-form-urlencoded"]
    assert body["example"]["tenant[]"] == ["CCC"] and body["example"]["goUser"] == "MyUser"
    assert "example" not in {p["name"]: p for p in operation("outbound_cdr", "get")["parameters"]}["tenant[]"]


def test_every_errata_id_used_is_defined():
    ids = re.findall(r"^\| ([A-Z]\d+) \|", ERRATA_TEXT, flags=re.MULTILINE)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    defined = set(ids)
    used = {ident for item in SPEC["paths"].values() for op in item.values() for ident in op["x-errata"]}
    assert used <= defined, used - defined
    assert {"W1", "W4", "A6", "L5", "E2"} <= used


# ---- envelopes ---------------------------------------------------------------------------------------

CATALOGUE_ERRORS = {
    "invalid_credentials": errors.invalid_credentials(),
    "command_not_found": errors.command_not_found(),
    "missing_parameters": errors.missing_parameters(),
    "invalid_value": errors.invalid_value("fromDate"),
}


@pytest.mark.parametrize("name", sorted(CATALOGUE_ERRORS))
def test_error_catalogue_envelopes_fit_a_report_operation(name: str):
    assert answer_validator("exportPauseReport").is_valid(CATALOGUE_ERRORS[name])


def test_goagent_envelopes_fit_customer_info():
    check = answer_validator("goGetCustomerInfo")
    for body in (
        errors.agent_empty_action(),
        errors.agent_command_not_found(),
        errors.invalid_credentials(),
        errors.missing_parameters(),
        {"result": "error", "message": "Lead ID '99' does NOT exist on the database"},
        {"result": "error", "message": "Phone Number '5550001111' does NOT exist on the database"},
    ):
        assert check.is_valid(body), body
    assert not check.is_valid(errors.command_not_found()), "goAgent says Command NOT Found"


def test_not_found_envelopes_belong_to_their_actions():
    assert answer_validator("getUserInfo").is_valid(
        {"code": "41004", "message": "Invalid value in user. Doesn't exist"}
    )
    assert answer_validator("getCampaignInfo").is_valid(
        {"code": "41004", "message": "Invalid value in campaign_id"}
    )
    assert answer_validator("getLeadsOnHopper").is_valid({"result": "Error: No records found."})
    assert answer_validator("goGetCalltimeInfo").is_valid({"result": "Error: Calltime does not exist."})
    assert not answer_validator("getAgentStatus").is_valid(errors.missing_parameters()), "no required params"
    assert not answer_validator("outbound_cdr").is_valid({"result": "Error: Calltime does not exist."})


@pytest.mark.parametrize(
    "body",
    [
        {"result": "error", "message": "Invalid Username/Password", "code": "10001"},  # an extra key
        {"result": "error"},  # missing message
        {"code": 40001, "message": "Error: Missing required parameters"},  # code as a number
        {
            "code": "40001",
            "result": "Error: Missing required parameters ",
        },  # upstream's shape, not CrocoDial's
        {"code": "41004", "message": "Bad date"},  # 41004 without its text
        {"result": "error", "message": "Command not found"},  # wrong case
    ],
)
def test_malformed_error_envelopes_are_rejected(body: dict[str, Any]):
    assert not answer_validator("exportPauseReport").is_valid(body)


def test_success_with_an_error_key_is_rejected():
    check = answer_validator("getAgentStatus")
    good = {
        "result": "success",
        "data": {
            "total_live_agents": 61,
            "paused_agents": 9,
            "ready_agents": 24,
            "incall_agents": 28,
            "offline_agents": 42,
            "total_active_agents": 102,
        },
    }
    assert check.is_valid(good)
    assert not check.is_valid({**good, "message": "Invalid Username/Password"})
    assert not check.is_valid({**good, "data": {**good["data"], "paused_agents": "9"}})
    missing = dict(good["data"])
    del missing["ready_agents"]
    assert not check.is_valid({**good, "data": missing})


XML_UPSTREAM = (
    '<?xml version="1.0" encoding="UTF-8"?>\\n<goautodialapi version="4.0">'
    '(\\n<action>"getAgentStatus "</action>\\n" )<result>success</result>\n'
    "<data>\n<paused_agents>9</paused_agents>\n</data>\n</goautodialapi>"
)
XML_WELLFORMED = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<goautodialapi version="4.0">\n<action>getAgentStatus</action>\n'
    "<result>success</result>\n</goautodialapi>\n"
)


def test_xml_and_responsetype_error_patterns():
    content = operation("getAgentStatus", "get")["responses"]["200"]["content"]
    xml = Draft202012Validator(content["application/xml"]["schema"])
    assert content["application/xml"]["x-crocodial-xml-of"] == "application/json"
    assert xml.is_valid(XML_UPSTREAM) and xml.is_valid(XML_WELLFORMED)
    assert not xml.is_valid('{"result":"success"}') and not xml.is_valid("<html></html>")
    text = Draft202012Validator(content["text/plain"]["schema"])
    line = "result=error;message=This API function only accepts XML or JSON value on responsetype"
    assert text.is_valid(line) and text.is_valid(line + ";")
    assert not text.is_valid(line + ";\n;") and not text.is_valid("result=error")
    assert (
        operation("getAgentStatus", "get")["responses"]["200"]["x-wire-content-type"]
        == "text/html; charset=UTF-8"
    )


@pytest.mark.parametrize("wellformed", [False, True])
def test_xml_pattern_admits_what_the_codec_renders(wellformed: bool):
    for fixture in sorted((REPO_ROOT / "fixtures" / "examples").glob("*.json")):
        action = fixture.name.split(".")[0]
        schema = operation(action, "get")["responses"]["200"]["content"]["application/xml"]["schema"]
        rendered = goapi_xml.render(action, json.loads(fixture.read_text()), wellformed=wellformed)
        assert Draft202012Validator(schema).is_valid(rendered), fixture.name
        error = goapi_xml.render(action, errors.invalid_credentials(), wellformed=wellformed)
        assert Draft202012Validator(schema).is_valid(error)


def test_upstream_response_headers_are_declared():
    def headers(action: str) -> dict[str, Any]:
        return operation(action, "get")["responses"]["200"]["headers"]

    assert headers("getAgentStatus")["Access-Control-Allow-Origin"]["schema"]["const"] == "*"
    assert headers("goGetCustomerInfo")["Access-Control-Allow-Methods"]["schema"]["const"] == "POST"
    assert headers("add_lead")["Cache-Control"]["schema"]["const"] == "no-cache, must-revalidate"
    assert not any(h["required"] for a in DOCUMENT_ORDER for h in headers(a).values())


# ---- add_lead lines ----------------------------------------------------------------------------------

ADD_LEAD_MEDIA = operation("add_lead", "get")["responses"]["200"]["content"]["text/plain"]
LINE_KINDS = [(kind["kind"], re.compile(kind["regex"])) for kind in ADD_LEAD_MEDIA["x-crocodial-lines"]]
BODY = re.compile(ADD_LEAD_MEDIA["schema"]["pattern"])
DOCUMENTED_LINES = (REPO_ROOT / "fixtures" / "examples" / "add_lead.txt").read_text().splitlines()
UPSTREAM_LINES = [
    "SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|999|193715|-5.00|MyUser",  # L5 upstream order
    "ERROR: Invalid Source - A",
    "ERROR: Invalid Source: |A|",
    "ERROR: Login incorrect, please try again: |MyUser|[redacted]|BAD|",
    "ERROR: add_lead USER DOES NOT HAVE PERMISSION TO ADD LEADS TO THE SYSTEM: |NoLeadsUser|0|",
    "ERROR: add_lead PHONE NUMBER IN DNC - 7275550000|MyUser",
    "ERROR: add_lead PHONE NUMBER IN CAMPAIGN DNC - 7275550000|TESTCAMP|MyUser",
    "NOTICE: add_lead ADDED TO HOPPER - 7275551111|193715|1677922|MyUser",
    "NOTICE: add_lead SCHEDULED CALLBACK ADDED - 1234|TESTCAMP|2025-05-14 12:00:01|ANYONE||CALLBK",
    "7275552222|1|home7275553333|1|workNOTICE: add_lead MULTI-ALT-PHONE NUMBERS LOADED - 2|193715|MyUser",
    "|757|NOTICE: add_lead MULTI-ALT-PHONE NUMBERS LOADED - 1|MyUser|14292",  # an entry without digits
]


def kinds_of(line: str) -> list[str]:
    return [kind for kind, regex in LINE_KINDS if regex.search(line)]


def test_every_documented_line_is_classified_and_admitted():
    assert len(DOCUMENTED_LINES) == 33
    for line in DOCUMENTED_LINES:
        assert kinds_of(line), line
    assert BODY.search("\n".join(DOCUMENTED_LINES) + "\n")
    assert ADD_LEAD_MEDIA["example"] == "\n".join(DOCUMENTED_LINES) + "\n"


def test_line_kinds_are_distinct_and_documented_ones_are_shown():
    kinds = [kind for kind, _ in LINE_KINDS]
    assert len(kinds) == len(set(kinds))
    for line in DOCUMENTED_LINES:
        assert len(kinds_of(line)) == 1, (line, kinds_of(line))
    shown = {kind for line in DOCUMENTED_LINES for kind in kinds_of(line)}
    documented = {k["kind"] for k in ADD_LEAD_MEDIA["x-crocodial-lines"] if k["documented"]}
    assert shown == documented


def test_upstream_lines_are_admitted():
    for line in UPSTREAM_LINES:
        assert len(kinds_of(line)) == 1, line
        assert BODY.search(line + "\n"), line


@pytest.mark.parametrize(
    "body",
    [
        "SUCCESS: add_lead LEAD HAS BEEN ADDED 7275551111|6666|999|193715|-4\n",  # no " - "
        "SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|6666|999|193715|-4",  # no LF (L6)
        # the reference's space-joined rendering:
        "SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|6666|999|193715|-4 "
        "NOTICE: add_lead ADDED TO HOPPER - 7275551111|6666|193715|1677922\n",
        "ERROR: add_lead DUPLICATE PHONE NUMBER IN LIST - 7275551111\n",  # too few fields
        "SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|6666|999|193715|-4 "
        "NOTICE: add_lead MULTI-ALT-PHONE NUMBERS LOADED - 3|6666|193716\n",
        '{"result":"success"}\n',
        "",
    ],
)
def test_malformed_add_lead_bodies_are_rejected(body: str):
    assert not BODY.search(body)


# ---- tools -------------------------------------------------------------------------------------------


def test_schemathesis_loads_every_operation():
    import schemathesis

    schema = schemathesis.openapi.from_path(str(SPEC_PATH))
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {op.label for op in operations}
    assert len(operations) == 46
    assert "GET /goAPIv2/goReports/goAPI.php#outbound_cdr" in labels
    assert "POST /API/lmapi.php#add_lead" in labels
    assert {op.definition.raw["operationId"] for op in operations} == {
        f"{action}_{method}" for action in [*DOCUMENTED, "add_lead"] for method in ("get", "post")
    }

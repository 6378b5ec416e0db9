"""The emulator on the wire: dispatch order, encodings, headers and PHP transport rules.

Every rule is exercised by GET, POST form and POST multipart, against a synthetic contract with
test-only handlers (see wire_support.py), so a change in an action cannot mask a dispatcher bug.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from dataclasses import replace
from urllib.parse import urlencode

import pytest
from wire_support import CALLS, CONFIG, GOOD, install_handlers, write_spec

from mockserver.app import create_app
from mockserver.encoding.goapi_xml import parse, project

REPORTS = "/goAPIv2/goReports/goAPI.php"
USERS = "/goAPIv2/goUsers/goAPI.php"
AGENT = "/goAPIv2/goAgent/goAPI.php"
INVALID_CREDENTIALS = '{"result":"error","message":"Invalid Username\\/Password"}'
COMMAND_NOT_FOUND = '{"result":"error","message":"Command Not Found"}'
TRANSPORTS = ["get", "form", "multipart"]


@pytest.fixture(scope="module")
def spec_path(tmp_path_factory):
    return write_spec(tmp_path_factory.mktemp("spec"))


@pytest.fixture
def make_client(spec_path, monkeypatch):
    install_handlers(monkeypatch)

    def build(**config_changes):
        app = create_app(replace(CONFIG, **config_changes), spec_path=spec_path)
        return app.test_client()

    return build


@pytest.fixture
def client(make_client):
    return make_client()


def call(client, path, params, transport="get", query=None):
    """Send ``params`` by GET query, urlencoded POST body or multipart POST body."""
    if transport == "get":
        merged = {**(query or {}), **params}
        return client.get(path, query_string=urlencode(merged, doseq=True))
    suffix = "?" + urlencode(query, doseq=True) if query else ""
    if transport == "form":
        return client.post(
            path + suffix,
            data=urlencode(params, doseq=True),
            content_type="application/x-www-form-urlencoded",
        )
    return client.post(path + suffix, data=dict(params), content_type="multipart/form-data")


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_json_success_is_php_json_encode(client, transport):
    response = call(client, REPORTS, {"goAction": "echo", **GOOD, "responsetype": "json"}, transport)
    assert response.status_code == 200
    assert text(response).startswith(
        '{"result":"success","url":"http:\\/\\/example.com\\/a","name":"Jos\\u00e9"'
    )
    assert not text(response).endswith("\n")
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("responsetype", [None, "", "xml"])
def test_xml_is_the_default_and_carries_the_json_data(client, transport, responsetype):
    params = {"goAction": "echo", **GOOD}
    if responsetype is not None:
        params["responsetype"] = responsetype
    xml = text(call(client, REPORTS, params, transport))
    as_json = json.loads(text(call(client, REPORTS, {**params, "responsetype": "json"}, transport)))
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\\n<goautodialapi version="4.0">(\\n')
    answer = parse(xml)
    assert answer.action == "echo"
    as_json["params"]["responsetype"] = responsetype if responsetype is not None else None
    if responsetype is None:
        del as_json["params"]["responsetype"]
    assert answer.nodes == project(as_json)


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("responsetype", ["JSON", "html", "json "])
def test_other_responsetype_answers_text_after_running_the_action(client, transport, responsetype):
    response = call(client, REPORTS, {"goAction": "counted", **GOOD, "responsetype": responsetype}, transport)
    assert (
        text(response)
        == "result=error;message=This API function only accepts XML or JSON value on responsetype;"
    )
    assert response.status_code == 200
    assert CALLS == ["counted"]


def test_xml_error_is_byte_exact_with_upstream(client):
    response = client.get(REPORTS, query_string={"goAction": "goGetAllUsers", "goUser": "x", "goPass": "y"})
    assert text(response) == (
        '<?xml version="1.0" encoding="UTF-8"?>\\n<goautodialapi version="4.0">(\\n<action>"goGetAllUsers "'
        '</action>\\n" )<result>error</result>\n<message>Invalid Username/Password</message>\n'
        "</goautodialapi>"
    )
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize(
    "credentials",
    [
        {},
        {"goUser": "MyUser"},
        {"goPass": "MyPass"},
        {"goUser": "MyUser", "goPass": "mypass"},
        {"goUser": "x", "goPass": ""},
    ],
)
def test_credentials_are_checked_before_the_action(client, transport, credentials):
    for action in ("echo", "noSuchAction", ""):
        response = call(
            client, REPORTS, {"goAction": action, **credentials, "responsetype": "json"}, transport
        )
        assert text(response) == INVALID_CREDENTIALS
    assert CALLS == []


def test_user_names_compare_case_insensitively(client):
    response = call(
        client, REPORTS, {"goAction": "echo", "goUser": "myuser", "goPass": "MyPass", "responsetype": "json"}
    )
    assert '"result":"success"' in text(response)


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize(
    "action", ["", "noSuchAction", "usersOnly", "../goUsers/usersOnly", "echo/x", "ECHO"]
)
def test_unknown_empty_or_foreign_actions_are_command_not_found(client, transport, action):
    response = call(client, REPORTS, {"goAction": action, **GOOD, "responsetype": "json"}, transport)
    assert text(response) == COMMAND_NOT_FOUND


def test_missing_goaction_is_command_not_found(client):
    assert text(call(client, REPORTS, {**GOOD, "responsetype": "json"})) == COMMAND_NOT_FOUND


def test_action_answers_only_on_its_own_module(client):
    assert '"result":"success"' in text(
        call(client, USERS, {"goAction": "usersOnly", **GOOD, "responsetype": "json"})
    )
    assert (
        text(call(client, USERS, {"goAction": "echo", **GOOD, "responsetype": "json"})) == COMMAND_NOT_FOUND
    )


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_goagent_checks_the_action_before_credentials(client, transport):
    bad = {"goUser": "MyUser", "goPass": "wrong", "responsetype": "json"}
    empty = text(call(client, AGENT, {"goAction": "", **bad}, transport))
    assert empty == '{"result":"error","message":"goAction should NOT be empty"}'
    unknown = text(call(client, AGENT, {"goAction": "echo", **bad}, transport))
    assert unknown == '{"result":"error","message":"Command NOT Found"}'
    known = text(call(client, AGENT, {"goAction": "agentEcho", **bad}, transport))
    assert known == INVALID_CREDENTIALS
    response = call(
        client, AGENT, {"goAction": "agentEcho", **GOOD, "lead_id": "5", "responsetype": "json"}, transport
    )
    assert '"result":"success"' in text(response)
    assert response.headers["Access-Control-Allow-Methods"] == "POST"
    assert response.headers["Access-Control-Max-Age"] == "1000"


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_required_parameters_come_from_the_contract(client, transport):
    missing = '{"code":"40001","message":"Error: Missing required parameters"}'
    base = {**GOOD, "responsetype": "json"}
    assert text(call(client, REPORTS, {"goAction": "needsCampaign", **base}, transport)) == missing
    assert (
        text(call(client, REPORTS, {"goAction": "needsCampaign", "campaign_id": "", **base}, transport))
        == missing
    )
    found = text(call(client, REPORTS, {"goAction": "needsCampaign", "campaign_id": "C1", **base}, transport))
    assert '"campaign_id":"C1"' in found
    assert text(call(client, AGENT, {"goAction": "agentEcho", **base}, transport)) == missing
    assert '"success"' in text(
        call(client, AGENT, {"goAction": "agentEcho", "phone_number": "1", **base}, transport)
    )


def test_array_parameters_satisfy_the_contract_either_way(client):
    base = {"goAction": "listed", **GOOD, "responsetype": "json"}
    assert '"tenant":["AAA","BBB"]' in text(call(client, REPORTS, {**base, "tenant[]": ["AAA", "BBB"]}))
    assert '"tenant":"AAA"' in text(call(client, REPORTS, {**base, "tenant": "AAA"}))
    assert '"40001"' in text(call(client, REPORTS, base))


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_handler_errors_answer_their_envelope(client, transport):
    response = call(client, REPORTS, {"goAction": "rejects", **GOOD, "responsetype": "json"}, transport)
    assert text(response) == '{"code":"41004","message":"Invalid value in campaign_id"}'


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_handler_bug_is_http_200_with_the_emulator_envelope(client, transport):
    response = call(client, REPORTS, {"goAction": "boom", **GOOD, "responsetype": "json"}, transport)
    assert response.status_code == 200
    assert json.loads(text(response)) == {
        "result": "error",
        "message": "crocodial-mock internal error: RuntimeError while answering boom; see the emulator log",
    }
    xml = text(call(client, REPORTS, {"goAction": "boom", **GOOD}, transport))
    assert parse(xml).as_dict()["result"] == "error"


def test_an_unencodable_result_is_an_emulator_error_too(client):
    response = call(client, REPORTS, {"goAction": "unencodable", **GOOD, "responsetype": "json"})
    assert response.status_code == 200
    assert "crocodial-mock internal error: TypeError" in text(response)


def test_handler_bugs_can_propagate_in_tests(spec_path, monkeypatch):
    install_handlers(monkeypatch)
    app = create_app(CONFIG, spec_path=spec_path, propagate_exceptions=True)
    with pytest.raises(RuntimeError, match="handler bug"):
        app.test_client().get(REPORTS, query_string={"goAction": "boom", **GOOD})


def test_contract_action_without_handler_says_so(client):
    response = call(client, REPORTS, {"goAction": "unhandled", **GOOD, "responsetype": "json"})
    assert (
        text(response)
        == '{"result":"error","message":"crocodial-mock: goAction unhandled is not implemented"}'
    )


def test_goaction_and_responsetype_prefer_get_credentials_prefer_post(client):
    response = client.post(
        REPORTS
        + "?"
        + urlencode({"goAction": "echo", "responsetype": "json", "goUser": "nobody", "goPass": "x"}),
        data={"goAction": "usersOnly", "responsetype": "xml", **GOOD},
    )
    assert text(response).startswith('{"result":"success"')


def test_log_pass_overrides_gopass(client):
    good = {
        "goAction": "echo",
        "goUser": "MyUser",
        "goPass": "wrong",
        "log_pass": "MyPass",
        "responsetype": "json",
    }
    assert '"success"' in text(call(client, REPORTS, good))
    bad = {**good, "goPass": "MyPass", "log_pass": "wrong"}
    assert text(call(client, REPORTS, bad)) == INVALID_CREDENTIALS


def test_php_name_mangling_reaches_handlers(client):
    query = "goAction=echo&goUser=MyUser&goPass=MyPass&responsetype=json&phone number=5&call-time-id=x&a.b=1"
    body = json.loads(text(client.get(REPORTS + "?" + query.replace(" ", "%20"))))
    assert body["params"]["phone_number"] == "5"
    assert body["params"]["call-time-id"] == "x"
    assert body["params"]["a_b"] == "1"


def test_json_bodies_are_not_parsed(client):
    response = client.post(REPORTS, json={"goAction": "echo", **GOOD, "responsetype": "json"})
    assert text(response).startswith("<?xml")
    assert "Invalid Username/Password" in text(response)


def test_json_content_type_on_a_bodyless_get_is_tolerated(client):
    response = client.get(
        REPORTS,
        query_string={"goAction": "echo", **GOOD, "responsetype": "json"},
        content_type="application/json",
    )
    assert text(response).startswith('{"result":"success"')


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "FOO"])
def test_other_methods_read_the_query_and_ignore_the_body(client, method):
    query = urlencode({"goAction": "echo", **GOOD, "responsetype": "json"})
    response = client.open(REPORTS + "?" + query, method=method, data={"goAction": "usersOnly"})
    assert response.status_code == 200
    assert text(response).startswith('{"result":"success"')
    body_only = client.open(REPORTS, method=method, data={"goAction": "echo", **GOOD, "responsetype": "json"})
    assert "Invalid Username/Password" in text(body_only)


def test_head_answers_headers_only(client):
    response = client.head(REPORTS, query_string={"goAction": "echo", **GOOD, "responsetype": "json"})
    assert response.status_code == 200 and response.data == b""


@pytest.mark.parametrize(
    "path",
    ["/goAPIv2//goReports/goAPI.php", "/goAPIv2/goReports//goAPI.php", "//goAPIv2/goReports/goAPI.php"],
)
def test_doubled_slashes_are_tolerated(client, path):
    query = urlencode({"goAction": "echo", **GOOD, "responsetype": "json"})
    response = client.get("/", environ_overrides={"PATH_INFO": path, "QUERY_STRING": query})
    assert text(response).startswith('{"result":"success"')


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/goAPIv2/goLists/goAPI.php",
        "/goAPIv2/goreports/goAPI.php",
        "/goAPIv2/goReports/goapi.php",
        "/goAPIv2/goReports/goAPI.php/extra",
        "/API/lmapi.php.bak",
        "/goAPIv2/goReports/",
    ],
)
def test_other_paths_are_apache_404(client, path):
    response = client.get(path, query_string={"goAction": "echo", **GOOD})
    assert response.status_code == 404
    assert "<title>404 Not Found</title>" in text(response)


def test_accurate_content_types(make_client):
    client = make_client(content_type_mode="accurate")
    base = {"goAction": "echo", **GOOD}
    assert (
        call(client, REPORTS, {**base, "responsetype": "json"}).headers["Content-Type"] == "application/json"
    )
    assert call(client, REPORTS, base).headers["Content-Type"].startswith("application/xml")
    assert (
        call(client, REPORTS, {**base, "responsetype": "x"}).headers["Content-Type"].startswith("text/plain")
    )
    assert client.get("/API/lmapi.php?function=version").headers["Content-Type"].startswith("text/plain")


def test_wellformed_xml_mode(make_client):
    client = make_client(xml_mode="wellformed")
    body = text(call(client, REPORTS, {"goAction": "echo", **GOOD, "tenant[]": ["A", "B"]}))
    root = ElementTree.fromstring(body)
    assert root.find("action").text == "echo"
    assert root.find("result").text == "success"
    json_body = json.loads(
        text(
            call(
                client, REPORTS, {"goAction": "echo", **GOOD, "tenant[]": ["A", "B"], "responsetype": "json"}
            )
        )
    )
    json_body["params"].pop("responsetype")
    assert parse(body).nodes == project(json_body)


def test_action_is_echoed_escaped_in_xml(client):
    body = text(call(client, REPORTS, {"goAction": "x'<y>", **GOOD}))
    assert '<action>"x\\\'<y> "</action>' in body
    assert parse(body).action == "x'<y>"


def test_lmapi_headers_and_text(client):
    response = client.get("/API/lmapi.php", query_string={"function": "version"})
    assert response.status_code == 200
    assert text(response).startswith("VERSION: ")
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-cache, must-revalidate"
    assert response.headers["Pragma"] == "no-cache"
    assert "Access-Control-Allow-Origin" not in response.headers


def test_lmapi_reads_get_before_post(client):
    response = client.post("/API/lmapi.php?function=version", data={"function": "add_lead"})
    assert text(response).startswith("VERSION: ")

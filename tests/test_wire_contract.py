"""The emulator against the real contract: the catalogue it dispatches from, and every reference
request answered with the same data in JSON and in goAPI XML."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from wire_support import CONFIG

from crocodial_mock.paths import SPEC_PATH
from mockserver.actions import handler_for
from mockserver.app import create_app
from mockserver.contract import GOAPI_MODULES, load_catalogue, load_document
from mockserver.encoding.goapi_xml import parse, project

DOCUMENT = load_document(SPEC_PATH)
REFERENCE_REQUESTS = [
    pytest.param(operation["x-crocodial-reference-request"], id=operation["operationId"])
    for path_item in DOCUMENT["paths"].values()
    for method, operation in path_item.items()
    if method in ("get", "post")
    and operation.get("x-crocodial-reference-request")
    and operation["x-crocodial-module"] != "lmapi"
]


@pytest.fixture(scope="module")
def client():
    return create_app(CONFIG).test_client()


def test_catalogue_reads_modules_requirements_and_write_flags():
    catalogue = load_catalogue()
    assert len(catalogue.actions) == 23
    assert {spec.module for spec in catalogue.actions.values()} == {*GOAPI_MODULES, "lmapi"}
    assert catalogue.get("goGetCalltimeInfo").required == ("call_time_id",)
    assert catalogue.get("exportPauseReport").required == ("fromDate", "toDate")
    assert catalogue.get("goGetCustomerInfo").module == "goAgent"
    assert catalogue.get("goGetCustomerInfo").required_one_of == (("lead_id", "phone_number"),)
    assert catalogue.get("add_lead").write and not catalogue.get("goGetAllUsers").write
    assert set(catalogue.get("getUserInfo").operation_ids) == {"getUserInfo_get", "getUserInfo_post"}
    assert load_catalogue() is catalogue  # parsed once


def test_every_contract_goaction_has_a_handler():
    catalogue = load_catalogue()
    missing = [
        name for name, spec in catalogue.actions.items() if spec.module != "lmapi" and not handler_for(name)
    ]
    assert missing == []


@pytest.mark.parametrize("reference", REFERENCE_REQUESTS)
def test_reference_requests_answer_the_same_data_in_json_and_xml(client, reference):
    params = dict(reference["params"])
    path = reference["path"]
    if reference["method"] == "GET":
        send = lambda values: client.get(path + "?" + urlencode(values, doseq=True))  # noqa: E731
    else:
        send = lambda values: client.post(path, data=values)  # noqa: E731
    json_response = send({**params, "responsetype": "json"})
    assert json_response.status_code == 200
    body = json.loads(json_response.get_data(as_text=True))
    assert "crocodial-mock" not in str(body.get("message", ""))
    xml_params = {key: value for key, value in params.items() if key != "responsetype"}
    xml = send(xml_params).get_data(as_text=True)
    answer = parse(xml)
    assert answer.action == params["goAction"]
    assert answer.nodes == project(body)

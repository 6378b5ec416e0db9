"""Negative requests are drawn once per action, from its form (POST) operation when that takes the very
same parameters, and sent by both methods: the GET operation sends each in its query string."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from contract_tests.contract import Contract
from contract_tests.drift_injection import drifted_app
from contract_tests.judge import Answer
from contract_tests.requests_model import ApiRequest
from contract_tests.runner import ContractRun, RunOptions
from contract_tests.transport import WsgiTarget
from crocodial_mock.paths import SPEC_PATH
from crocodial_mock.spec_file import read_spec
from mockserver.world import WorldSize

SMALL_WORLD = WorldSize(users=30, campaigns=6, calls_per_day=300, leads=600)
ACTION = ("getUserInfo_get", "getUserInfo_post")


class Recording:
    """A target that keeps every request it was sent."""

    def __init__(self, target: WsgiTarget):
        self.target = target
        self.base_url = target.base_url
        self.live = target.live
        self.sent: list[ApiRequest] = []

    def send(self, request: ApiRequest) -> Answer:
        self.sent.append(request)
        return self.target.send(request)


@pytest.fixture(scope="module")
def contract() -> Contract:
    return Contract.load(SPEC_PATH)


def test_a_get_operation_takes_the_negatives_of_its_form_twin(contract: Contract) -> None:
    for op in contract.operations:
        source = contract.negative_source(op)
        if op.method == "POST" or op.write:
            assert source is op
        else:
            assert (source.method, source.action, source.path) == ("POST", op.action, op.path)


def test_a_twin_with_other_parameters_does_not_share(tmp_path) -> None:
    document = copy.deepcopy(read_spec(SPEC_PATH))
    (path_key,) = [key for key in document["paths"] if key.endswith("#getUserInfo")]
    form = document["paths"][path_key]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]
    schema = form["schema"]
    schema = schema if "properties" in schema else _resolved(document, schema["$ref"])
    schema["properties"]["user"] = {**schema["properties"]["user"], "maxLength": 30}
    changed = Contract(document, SPEC_PATH)
    op = changed.operation("getUserInfo_get")
    assert changed.negative_source(op) is op


def _resolved(document: dict[str, Any], ref: str) -> dict[str, Any]:
    node: Any = document
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def test_both_methods_send_the_same_negative_inputs_drawn_once(contract: Contract) -> None:
    target = Recording(WsgiTarget(drifted_app((), size=SMALL_WORLD)))
    options = RunOptions(max_examples=4, generate_ahead=False)
    run = ContractRun(contract, target, "MyUser", "MyPass", options)
    drawn: list[tuple[str, bool]] = []
    generate_job = run._generate_job

    def counting(operation_id: str, negative: bool) -> list[ApiRequest]:
        drawn.append((operation_id, negative))
        return generate_job(operation_id, negative)

    run._generate_job = counting  # type: ignore[method-assign]
    results = run.run(only=set(ACTION))
    assert [r.verdict for r in results] == ["pass", "pass"]
    assert sorted(drawn) == [
        ("getUserInfo_get", False),
        ("getUserInfo_post", False),
        ("getUserInfo_post", True),
    ]
    negatives = [r for r in target.sent if r.label == "generated negative"]
    by_get = [r for r in negatives if r.method == "GET"]
    by_post = [r for r in negatives if r.method == "POST"]
    assert by_get and all(r.form is None for r in by_get)
    assert all(r.form is not None and not r.query for r in by_post)
    assert [r.query for r in by_get] == [r.form for r in by_post]

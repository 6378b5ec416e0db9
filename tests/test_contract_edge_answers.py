"""Answers the emulator gives only for unusual but legal input must still satisfy the contract.

The generated contract run rarely reaches these, so each is provoked here on purpose.
"""

from __future__ import annotations

import json

import pytest

from contract_tests.contract import Contract
from contract_tests.schemas import SchemaJudge
from crocodial_mock.paths import SPEC_PATH
from mockserver.app import create_app
from mockserver.config import EmulatorConfig
from mockserver.world import WorldSize

CREDENTIALS = {"user": "MyUser", "pass": "MyPass", "function": "add_lead", "source": "test"}


@pytest.fixture(scope="module")
def contract() -> Contract:
    return Contract.load(SPEC_PATH)


@pytest.fixture()
def client():
    config = EmulatorConfig(seed=3, now="2025-05-14T15:30:00", size=WorldSize(users=20, leads=300))
    return create_app(config, propagate_exceptions=True).test_client()


def add_lead(client, **params: str) -> str:
    return client.get("/API/lmapi.php", query_string={**CREDENTIALS, **params}).get_data(as_text=True)


def customer_info(client, lead_id: str) -> dict:
    query = {"goAction": "goGetCustomerInfo", "goUser": "MyUser", "goPass": "MyPass"}
    answer = client.get(
        "/goAPIv2/goAgent/goAPI.php", query_string={**query, "responsetype": "json"} | {"lead_id": lead_id}
    )
    return json.loads(answer.get_data(as_text=True))


def lead_id_of(line: str) -> str:
    """The lead id of a SUCCESS line, in the field order the emulator writes (ERRATA L5)."""
    return line.split(" - ", 1)[1].split("|")[3]


def test_a_phone_with_commas_gives_a_success_line_the_contract_admits(client, contract):
    body = add_lead(client, phone_number="727,555,1234")
    first = body.splitlines()[0]
    assert first.startswith("SUCCESS: add_lead LEAD HAS BEEN ADDED - 727,555,1234|")
    kinds = [kind for kind, regex in contract.operation("add_lead_get").line_kinds if regex.fullmatch(first)]
    assert kinds == ["success_lead_added"]


def test_a_lead_without_birth_date_reads_back_as_a_contract_success(client, contract):
    first = add_lead(client, phone_number="7275554321").splitlines()[0]
    answer = customer_info(client, lead_id_of(first))
    assert answer["lead_info"]["date_of_birth"] == "0000-00-00"
    operation = contract.operation("goGetCustomerInfo_get")
    assert SchemaJudge(contract.document).differences(operation.success_ref, answer) == []

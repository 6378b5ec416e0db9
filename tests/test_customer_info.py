"""goGetCustomerInfo: the reference's answer, lookups by id and phone, not-found texts, loaded leads."""

from __future__ import annotations

import json

import pytest
from lead_helpers import add, added_id, small_world

from crocodial_mock.paths import EXAMPLES_DIR
from mockserver.actions import handler_for
from mockserver.errors import ApiError
from mockserver.params import Params

customer_info = handler_for("goGetCustomerInfo")


@pytest.fixture
def world():
    return small_world()


def test_reference_lead_answers_the_documented_body(world):
    expected = json.loads((EXAMPLES_DIR / "goGetCustomerInfo.json").read_text())
    assert customer_info(world, Params({"lead_id": "14246"})) == expected
    assert customer_info(world, Params({"phone_number": "8004321000"})) == expected


def test_lead_id_wins_over_phone_number(world):
    body = customer_info(world, Params({"lead_id": "10001", "phone_number": "8004321000"}))
    assert body["lead_info"]["lead_id"] == 10001


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"lead_id": "99999999"}, "Lead ID '99999999' does NOT exist on the database"),
        (
            {"lead_id": "MyLeadID", "phone_number": "8004321000"},
            "Lead ID 'MyLeadID' does NOT exist on the database",
        ),
        ({"phone_number": "7275550123"}, "Phone Number '7275550123' does NOT exist on the database"),
    ],
)
def test_not_found(world, params, message):
    with pytest.raises(ApiError) as raised:
        customer_info(world, Params(params))
    assert raised.value.body == {"result": "error", "message": message}


def test_not_found_echoes_the_value_escaped_as_mysqli_does(world):
    with pytest.raises(ApiError) as raised:
        customer_info(world, Params({"lead_id": "1\n2'"}))
    assert raised.value.body["message"] == "Lead ID '1\\n2\\'' does NOT exist on the database"


def test_neither_parameter_is_a_missing_parameter(world):
    with pytest.raises(ApiError) as raised:
        customer_info(world, Params({}))
    assert raised.value.body == {"code": "40001", "message": "Error: Missing required parameters"}


def test_a_loaded_lead_is_readable_by_id_and_by_phone(world):
    body = add(world, phone_number="7275551111", list_id="1234", first_name="Ana+Maria", last_name="Lopez",
               email="ana@example.com", custom_fields="Y", favorite_color="green")  # fmt: skip
    lead_id = added_id(body)
    by_id = customer_info(world, Params({"lead_id": str(lead_id)}))
    assert customer_info(world, Params({"phone_number": "7275551111"})) == by_id
    info = by_id["lead_info"]
    assert (info["lead_id"], info["list_id"], info["first_name"], info["last_name"], info["email"]) == (
        lead_id,
        1234,
        "Ana Maria",
        "Lopez",
        "ana@example.com",
    )
    assert (info["status"], info["user"], info["gender"], info["date_of_birth"]) == (
        "NEW",
        "6666",
        "U",
        "0000-00-00",
    )
    assert by_id["custom_info"] == {"favorite_color": "green", "account_number": "", "best_time": ""}
    assert by_id["is_customer"] == 0
    assert list(info) == list(json.loads((EXAMPLES_DIR / "goGetCustomerInfo.json").read_text())["lead_info"])


def test_phone_lookup_finds_the_newest_lead(world):
    first = added_id(add(world, phone_number="7275551111"))
    second = added_id(add(world, phone_number="7275551111"))
    assert (
        customer_info(world, Params({"phone_number": "7275551111"}))["lead_info"]["lead_id"] == second > first
    )


def test_is_customer_follows_a_sale(world):
    sold = next(lead for i in range(10001, 10301) if (lead := world.leads.get(i)).status == "SALE")
    assert customer_info(world, Params({"lead_id": str(sold.lead_id)}))["is_customer"] == 1


def test_custom_info_of_seeded_leads(world):
    in_custom_list = next(lead for i in range(10001, 10301) if (lead := world.leads.get(i)).list_id == 1234)
    body = customer_info(world, Params({"lead_id": str(in_custom_list.lead_id)}))
    assert set(body["custom_info"]) == {"favorite_color", "account_number", "best_time"}

"""getLeadsOnHopper: the reference's answer, order, loaded leads showing up, not-found and empty hoppers."""

from __future__ import annotations

import json

import pytest
from lead_helpers import add, added_id, small_world

from crocodial_mock.paths import EXAMPLES_DIR
from mockserver.actions import handler_for
from mockserver.errors import ApiError
from mockserver.params import Params

leads_on_hopper = handler_for("getLeadsOnHopper")


def test_campaign_123456_answers_the_documented_body():
    expected = json.loads((EXAMPLES_DIR / "getLeadsOnHopper.json").read_text())
    assert leads_on_hopper(small_world(), Params({"campaign_id": "123456"})) == expected


def test_a_lead_added_to_the_hopper_shows_up_in_its_lists_campaign():
    world = small_world()
    body = add(world, phone_number="7275551111", list_id="902", vendor_lead_code="LN777", state="FL",
               source="webhook", add_to_hopper="Y", hopper_priority="95")  # fmt: skip
    lead_id = added_id(body)
    rows = leads_on_hopper(world, Params({"campaign_id": "123456"}))["data"]["rows"]
    assert [r["lead_id"] for r in rows] == ["10001", str(lead_id), "10002"]  # priority 99, 95, 90
    row = rows[1]
    hopper_id = body.splitlines()[1].rsplit("|", 1)[1]
    assert row == {
        "lead_id": str(lead_id),
        "last_local_call_time": "2008-01-01 00:00:00",
        "loan_id": "LN777",
        "phone_number": "7275551111",
        "state": "FL",
        "disposition": "NEW",
        "count": 0,
        "gmt_offset_now": "-4.00",
        "hopper_id": hopper_id,
        "alt_dial": "MAIN",
        "list_name": "Follow-up List",
        "list_id": "902",
        "priority": 95,
        "source": "webhook",
        "numrows": 3,
        "delete": rows[0]["delete"],
    }
    assert all(r["numrows"] == 3 for r in rows)


def test_a_lead_not_put_in_the_hopper_is_not_listed():
    world = small_world()
    lead_id = added_id(add(world, phone_number="7275551111", list_id="902"))
    rows = leads_on_hopper(world, Params({"campaign_id": "123456"}))["data"]["rows"]
    assert str(lead_id) not in [r["lead_id"] for r in rows]


def test_every_active_campaign_starts_with_rows_in_the_default_world():
    world = small_world(leads=2000)
    filled = [c for c in world.directory.campaigns if c.active and world.leads.hopper(c.campaign_id)]
    campaign = next(c for c in filled if c.campaign_id != "123456")
    rows = leads_on_hopper(world, Params({"campaign_id": campaign.campaign_id}))["data"]["rows"]
    assert rows and all(r["numrows"] == len(rows) for r in rows)
    lists = {str(ll.list_id) for ll in world.directory.lists_of_campaign(campaign.campaign_id)}
    assert {r["list_id"] for r in rows} <= lists


def test_unknown_campaign():
    with pytest.raises(ApiError) as raised:
        leads_on_hopper(small_world(), Params({"campaign_id": "MyCampaignID"}))
    assert raised.value.body == {"code": "41004", "message": "Invalid value in campaign_id"}


def test_empty_hopper_until_a_lead_is_added():
    world = small_world(leads=0)  # only the reference's leads: TESTCAMP's lists are empty
    with pytest.raises(ApiError) as raised:
        leads_on_hopper(world, Params({"campaign_id": "TESTCAMP"}))
    assert raised.value.body == {"result": "Error: No records found."}
    add(world, phone_number="7275551111", list_id="101", add_to_hopper="Y")
    assert len(leads_on_hopper(world, Params({"campaign_id": "TESTCAMP"}))["data"]["rows"]) == 1
    world.reset()
    with pytest.raises(ApiError):
        leads_on_hopper(world, Params({"campaign_id": "TESTCAMP"}))

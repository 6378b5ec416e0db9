"""Each line the reference documents for add_lead, reproduced byte for byte by a request that should
produce it (lead ids are the ones the emulator allocates; everything else matches the reference).

The reference's example lines live in fixtures/examples/add_lead.txt; the API user is 6666 as there.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from lead_helpers import API_PASS, API_USER, add, added_id, small_world

from crocodial_mock.paths import EXAMPLES_DIR
from mockserver.lmapi import answer
from mockserver.lmapi.add_lead import add_lead
from mockserver.params import Params

REFERENCE_LINES = (EXAMPLES_DIR / "add_lead.txt").read_text().splitlines()


def reference(start: str) -> str:
    """The documented line that starts with ``start`` (there is exactly one)."""
    found = [line for line in REFERENCE_LINES if line.startswith(start)]
    assert len(found) == 1, start
    return found[0]


def with_lead(line: str, documented_id: str, lead_id: int) -> str:
    return line.replace(documented_id, str(lead_id))


@pytest.fixture
def world():
    return small_world()


def test_lead_added_line(world):
    body = add(world, phone_number="7275551111")
    lead_id = added_id(body)
    expected = reference("SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|6666|999|193715|")
    assert body == with_lead(expected, "193715", lead_id) + "\n"


def test_added_to_hopper_line(world):
    body = add(world, phone_number="7275551111", add_to_hopper="Y")
    lead_id = added_id(body)
    entry = next(e for e in world.leads.hopper("88888888") if e.lead_id == lead_id)
    expected = reference("NOTICE: add_lead ADDED TO HOPPER")
    expected = expected.replace("193715", str(lead_id)).replace("1677922", str(entry.hopper_id))
    assert body.splitlines()[1] == expected


def test_outside_local_time_line():
    # 20:00 in the centre; a Florida number is also at 20:00, after list 999's campaign (7am6pm) closes.
    world = small_world(now=datetime(2025, 5, 14, 20, 0))
    body = add(world, phone_number="7275551111", add_to_hopper="Y", hopper_local_call_time_check="Y")
    lead_id = added_id(body)
    expected = with_lead(
        reference("NOTICE: add_lead NOT ADDED TO HOPPER, OUTSIDE OF LOCAL TIME"), "193716", lead_id
    )
    assert body.splitlines()[1:] == [expected]
    assert all(e.lead_id != lead_id for e in world.leads.hopper("88888888"))


def test_custom_fields_lines(world):
    body = add(world, phone_number="7275551111", list_id="1234", custom_fields="Y", favorite_color="blue")
    lead_id = added_id(body)
    assert body.splitlines()[1] == f"NOTICE: add_lead CUSTOM FIELDS VALUES ADDED - 7275551111|{lead_id}|1234"
    assert reference("NOTICE: add_lead CUSTOM FIELDS VALUES ADDED - ") == (
        "NOTICE: add_lead CUSTOM FIELDS VALUES ADDED - 7275551111|1234|101"
    )  # same fields: phone|lead|list

    body = add(world, phone_number="7275551111", list_id="101", custom_fields="Y")
    expected = reference("NOTICE: add_lead CUSTOM FIELDS NOT ADDED, NO FIELDS DEFINED")
    assert body.splitlines()[1] == expected.replace("|1234|", f"|{added_id(body)}|")

    body = add(world, phone_number="7275551111", list_id="999", custom_fields="Y")
    assert body.splitlines()[1] == (
        "NOTICE: add_lead CUSTOM FIELDS NOT ADDED, NO CUSTOM FIELDS DEFINED FOR THIS LIST"
        f" - 7275551111|{added_id(body)}|999"
    )

    world.leads.custom_fields_enabled = False
    body = add(world, phone_number="7275551111", list_id="1234", custom_fields="Y", favorite_color="red")
    assert body.splitlines()[1] == reference(
        "NOTICE: add_lead CUSTOM FIELDS NOT ADDED, CUSTOM FIELDS DISABLED"
    )


def test_custom_fields_without_values_for_the_list(world):
    body = add(world, phone_number="7275551111", list_id="1234", custom_fields="Y")
    notice = "NOTICE: add_lead CUSTOM FIELDS NOT ADDED, NO FIELDS TO UPDATE DEFINED"
    assert body.splitlines()[1] == f"{notice} - 7275551111|{added_id(body)}|1234"


def test_multi_alt_phones_line_follows_upstreams_stray_echo(world):
    body = add(
        world, phone_number="7275551111", multi_alt_phones="7275551212_1_work!7275551213_61_sister!7275551214"
    )
    lead_id = added_id(body)
    expected = with_lead(reference("NOTICE: add_lead MULTI-ALT-PHONE NUMBERS LOADED"), "193716", lead_id)
    assert body.splitlines()[1] == "7275551212|1|work7275551213|61|sister7275551214|1|" + expected
    assert [a.phone_number for a in world.leads.get(lead_id).alt_phones] == [
        "7275551212",
        "7275551213",
        "7275551214",
    ]


def test_callback_lines(world):
    body = add(
        world,
        phone_number="7275551111",
        campaign_id="TESTCAMP",
        callback="Y",
        callback_datetime="2011-09-29+12:00:01",
        callback_type="USERONLY",
        callback_user="6666",
    )
    lead_id = added_id(body)
    expected = reference("NOTICE: add_lead SCHEDULED CALLBACK ADDED")
    assert body.splitlines()[1] == expected.replace(" - 1234|", f" - {lead_id}|")

    body = add(world, phone_number="7275551111", campaign_id="TESTCAMP", callback="Y",
               callback_datetime="NOW", callback_type="USERONLY", callback_user="6")  # fmt: skip
    expected = reference("NOTICE: add_lead SCHEDULED CALLBACK NOT ADDED, USER NOT VALID")
    assert body.splitlines()[1] == expected.replace(" - 1234|", f" - {added_id(body)}|")

    body = add(world, phone_number="7275551111", campaign_id="XYZ", callback="Y", callback_datetime="NOW")
    expected = reference("NOTICE: add_lead SCHEDULED CALLBACK NOT ADDED, CAMPAIGN NOT VALID")
    assert body.splitlines()[1] == expected.replace(" - 1234|", f" - {added_id(body)}|")


def test_nanpa_notice_line(world):
    body = add(world, phone_number="7275551111", nanpa_ac_prefix_check="Y")
    assert body.splitlines()[0] == reference("NOTICE: add_lead NANPA options disabled")
    assert body.splitlines()[1].startswith("SUCCESS: add_lead LEAD HAS BEEN ADDED - ")


def test_phone_number_lines(world):
    assert add(world, phone_number="72755") == reference("ERROR: add_lead INVALID PHONE NUMBER LENGTH") + "\n"
    body = add(world, phone_number="7271551212", usacan_prefix_check="Y")
    assert body == "ERROR: add_lead INVALID PHONE NUMBER PREFIX - 7271551212|6666\n"
    body = add(world, phone_number="727555", usacan_areacode_check="Y")
    assert body == "ERROR: add_lead INVALID PHONE NUMBER AREACODE - 727555|6666\n"
    body = add(world, phone_number="5555551212", usacan_areacode_check="Y")  # 555 is no area code
    assert body == "ERROR: add_lead INVALID PHONE NUMBER AREACODE - 5555551212|6666\n"


def test_permission_line_for_a_user_who_may_not_load_leads(world):
    body = answer(
        world,
        Params({"user": "NoLeadsUser", "pass": "NoLeadsPass", "function": "add_lead", "source": "test",
                "phone_number": "7275551212"}),
    )  # fmt: skip
    assert (
        body == "ERROR: add_lead USER DOES NOT HAVE PERMISSION TO ADD LEADS TO THE SYSTEM - NoLeadsUser|0\n"
    )
    assert reference("ERROR: add_lead USER DOES NOT HAVE PERMISSION") == body.strip().replace(
        "NoLeadsUser", "6666"
    )


def test_list_lines(world):
    body = add(world, phone_number="7275551212", list_id="12344", list_exists_check="Y")
    assert body == reference("ERROR: add_lead NOT A DEFINED LIST ID") + "\n"
    # A user restricted to other portfolios may not load into TESTCAMP's list 101 (tenant TTY).
    user = replace(world.directory.user(API_USER), allowed_tenants=("AAA",))
    params = Params({"source": "test", "phone_number": "7275551212", "list_id": "101"})
    assert (
        add_lead(world, params, user, API_USER) == "ERROR: add_lead NOT AN ALLOWED LIST ID - 7275551212|101\n"
    )


def test_no_function_line(world):
    for function in ("", "update_lead", "ADD_LEAD"):
        body = answer(world, Params({"user": API_USER, "pass": API_PASS, "function": function}))
        assert body == reference("ERROR: NO FUNCTION SPECIFIED") + "\n"


@pytest.mark.parametrize(
    ("option", "documented"),
    [
        ("DUPLIST", "ERROR: add_lead DUPLICATE PHONE NUMBER IN LIST - 7275551111|101|8765444"),
        ("DUPCAMP", "ERROR: add_lead DUPLICATE PHONE NUMBER IN CAMPAIGN LISTS - 7275551111|101|8765444|101"),
        ("DUPSYS", "ERROR: add_lead DUPLICATE PHONE NUMBER IN SYSTEM - 7275551111|101|8765444|101"),
        ("DUPPHONEALTLIST", "ERROR: add_lead DUPLICATE PHONE NUMBER IN LIST - 7275551111|101|8765444|PHONE"),
        (
            "DUPPHONEALTSYS",
            "ERROR: add_lead DUPLICATE PHONE NUMBER IN SYSTEM - 7275551111|101|8765444|101|PHONE",
        ),
    ],
)
def test_duplicate_phone_lines(world, option, documented):
    assert documented in REFERENCE_LINES
    first = added_id(add(world, phone_number="7275551111", list_id="101"))
    body = add(world, phone_number="7275551111", list_id="101", duplicate_check=option)
    assert body == documented.replace("8765444", str(first)) + "\n"


def test_duplicate_alt_phone_line(world):
    documented = "ERROR: add_lead DUPLICATE PHONE NUMBER IN CAMPAIGN LISTS - 7275551111|101|8765444|101|ALT"
    assert documented in REFERENCE_LINES
    first = added_id(add(world, phone_number="7275559999", alt_phone="7275551111", list_id="101"))
    body = add(world, phone_number="7275551111", list_id="101", duplicate_check="DUPPHONEALTCAMP")
    assert body == documented.replace("8765444", str(first)) + "\n"


@pytest.mark.parametrize("scope", ["LIST", "CAMP", "SYS"])
def test_duplicate_title_alt_phone_lines(world, scope):
    name = {"LIST": "LIST", "CAMP": "CAMPAIGN LISTS", "SYS": "SYSTEM"}[scope]
    documented = reference(f"ERROR: add_lead DUPLICATE TITLE ALT_PHONE IN {name} ")
    first = added_id(
        add(world, phone_number="7275550001", title="1234", alt_phone="7275551111", list_id="101")
    )
    body = add(world, phone_number="7275550002", title="1234", alt_phone="7275551111", list_id="101",
               duplicate_check=f"DUPTITLEALTPHONE{scope}")  # fmt: skip
    assert body == documented.replace("8765444", str(first)) + "\n"


@pytest.mark.parametrize("scope", ["LIST", "CAMP", "SYS"])
def test_duplicate_name_phone_lines(world, scope):
    name = {"LIST": "LIST", "CAMP": "CAMPAIGN LISTS", "SYS": "SYSTEM"}[scope]
    documented = reference(f"ERROR: add_lead DUPLICATE NAME PHONE IN {name} ")
    first = added_id(
        add(world, phone_number="7275551113", first_name="Bob", last_name="Smith", list_id="101")
    )
    body = add(world, phone_number="7275551113", first_name="Bob", last_name="Smith", list_id="101",
               duplicate_check=f"DUPNAMEPHONE{scope}")  # fmt: skip
    assert body == documented.replace("8765444", str(first)) + "\n"


def test_version_is_answered_before_authentication(world):
    body = answer(world, Params({"function": "version"}))
    assert body == (
        "VERSION: 2.14-202|BUILD: 250720-1841|DATE: 2025-05-14 15:30:00|EPOCH: 1747251000|DST: 1"
        "|TZ: -5.00|TZNOW: -4|\n"
    )


def test_bad_credentials_echo_user_and_password(world):
    body = answer(world, Params({"user": "MyUser", "pass": "wrong", "function": "add_lead"}))
    assert body == "ERROR: Login incorrect, please try again: |MyUser|wrong|BAD|\n"
    assert (
        answer(world, Params({"function": "add_lead"}))
        == "ERROR: Login incorrect, please try again: |||BAD|\n"
    )

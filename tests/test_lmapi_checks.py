"""add_lead's checks: upstream's order, sanitising, DNC, duplicate day windows, hopper and callbacks."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from lead_helpers import NOW, add, added_id, small_world

from mockserver.lmapi import answer
from mockserver.params import Params


@pytest.fixture
def world():
    return small_world()


def no_leads_user(**params: str) -> Params:
    return Params({"user": "NoLeadsUser", "pass": "NoLeadsPass", "function": "add_lead", **params})


# --- order -----------------------------------------------------------------------------------------


def test_function_is_checked_only_after_login(world):
    body = answer(world, Params({"user": "MyUser", "pass": "nope", "function": "no_such_function"}))
    assert body.startswith("ERROR: Login incorrect")


def test_source_is_checked_before_permission(world):
    body = answer(world, no_leads_user(source="x", phone_number="7275551111"))
    assert body == "ERROR: Invalid Source - x\nERROR: Invalid Source: |x|\n"


def test_permission_is_checked_before_the_list(world):
    body = answer(world, no_leads_user(source="test", list_id="12344", list_exists_check="Y"))
    assert body.startswith("ERROR: add_lead USER DOES NOT HAVE PERMISSION")


def test_list_exists_check_runs_before_the_default_list_and_the_phone(world):
    assert add(world, phone_number="1", list_id="12", list_exists_check="Y") == (
        "ERROR: add_lead NOT A DEFINED LIST ID, LIST EXISTS CHECK ENABLED - 1|12\n"
    )
    assert added_id(add(world, phone_number="7275551111", list_id="901", list_exists_check="Y"))


def test_nanpa_notice_comes_before_a_phone_error(world):
    body = add(world, phone_number="123", tz_method="NANPA")
    assert body.splitlines() == [
        "NOTICE: add_lead NANPA options disabled, NANPA prefix data not loaded - 0|6666",
        "ERROR: add_lead INVALID PHONE NUMBER LENGTH - 123|6666",
    ]


def test_phone_checks_come_before_dnc(world):
    body = add(world, phone_number="5550000000", usacan_areacode_check="Y", dnc_check="Y")
    assert body == "ERROR: add_lead INVALID PHONE NUMBER AREACODE - 5550000000|6666\n"


def test_dnc_comes_before_duplicates(world):
    added_id(add(world, phone_number="7275550000"))  # in the system DNC, loaded without dnc_check
    body = add(world, phone_number="7275550000", dnc_check="Y", duplicate_check="DUPSYS")
    assert body == "ERROR: add_lead PHONE NUMBER IN DNC - 7275550000|6666\n"


def test_a_rejected_lead_is_not_stored(world):
    count = world.leads.lead_count()
    add(world, phone_number="72755")
    add(world, phone_number="7275550000", dnc_check="Y")
    assert world.leads.lead_count() == count
    assert world.leads.find_by_phone("7275550000") is None


# --- sanitising and defaults --------------------------------------------------------------------------


def test_phone_list_and_source_are_reduced_to_their_characters(world):
    body = add(world, phone_number="(727) 555-1111", list_id="9x01", source="my-app!")
    lead = world.leads.get(added_id(body))
    assert body.startswith("SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551111|6666|901|")
    assert (lead.phone_number, lead.list_id, lead.source) == ("7275551111", 901, "myapp")


def test_short_list_ids_default_to_999_and_phone_code_to_1(world):
    lead = world.leads.get(added_id(add(world, phone_number="7275551111", list_id="12")))
    assert (lead.list_id, lead.phone_code, lead.status, lead.gender) == (999, "1", "NEW", "U")


def test_long_values_are_cut_to_their_column_width(world):
    body = add(world, phone_number="7275551111", first_name="A" * 40, state="Florida", comments="c" * 300,
               title="Doctor", vendor_lead_code="V" * 25, gender="m")  # fmt: skip
    lead = world.leads.get(added_id(body))
    assert (len(lead.first_name), lead.state, len(lead.comments), lead.title) == (30, "Fl", 255, "Doct")
    assert (len(lead.vendor_lead_code), lead.gender) == (20, "U")  # upstream keeps only A-Z: "m" is no gender


def test_plus_becomes_space_in_names_and_addresses(world):
    lead = world.leads.get(added_id(add(world, phone_number="7275551111", first_name="Ana+Maria",
                                        address1="Av.+Reforma+123")))  # fmt: skip
    assert (lead.first_name, lead.address1) == ("Ana Maria", "Av. Reforma 123")


def test_unknown_gender_and_bad_birth_date_fall_back_like_mysql(world):
    lead = world.leads.get(
        added_id(add(world, phone_number="7275551111", gender="X", date_of_birth="05/01/90"))
    )
    assert (lead.gender, lead.date_of_birth) == ("U", "0000-00-00")


def test_lookup_state_fills_an_empty_state_from_the_area_code(world):
    lead = world.leads.get(added_id(add(world, phone_number="2125551111", lookup_state="Y")))
    assert lead.state == "NY"
    lead = world.leads.get(added_id(add(world, phone_number="2125551111", lookup_state="Y", state="NJ")))
    assert lead.state == "NJ"


@pytest.mark.parametrize(
    ("phone", "phone_code", "gmt"),
    [
        ("7275551111", "1", "-4"),  # Florida in May: EDT, shown as PHP prints the adjusted number
        ("2135551111", "1", "-7"),  # Los Angeles, PDT
        ("6025551111", "1", "-7.00"),  # Arizona keeps standard time: the raw column value
        ("3312345678", "52", "-6.00"),  # Mexico, no daylight saving
    ],
)
def test_gmt_offset_in_the_success_line(world, phone, phone_code, gmt):
    body = add(world, phone_number=phone, phone_code=phone_code)
    assert body.strip().endswith(f"|{gmt}")


def test_a_clients_gmt_offset_is_used_only_for_numbers_the_lookup_does_not_know(world):
    assert add(world, phone_number="5551112222", gmt_offset_now="-7.00").strip().endswith("|-7.00")
    assert add(world, phone_number="2125551111", gmt_offset_now="-7.00").strip().endswith("|-4")
    for junk in ("nan", "inf", "99", "-5e1", "x"):  # unusable: the centre's zone
        assert add(world, phone_number="5551112222", gmt_offset_now=junk).strip().endswith("|-4")


# --- DNC ------------------------------------------------------------------------------------------------


def test_system_dnc_rejects_only_when_asked(world):
    assert add(world, phone_number="5550000000", dnc_check="Y") == (
        "ERROR: add_lead PHONE NUMBER IN DNC - 5550000000|6666\n"
    )
    assert add(world, phone_number="5550000000", dnc_check="N").startswith("SUCCESS")


def test_campaign_dnc(world):
    campaign_id, numbers = next(
        (cid, nums) for cid, nums in sorted(world.directory.campaign_dnc.items()) if nums
    )
    phone = sorted(numbers)[0]
    body = add(world, phone_number=phone, campaign_dnc_check="Y", campaign_id=campaign_id)
    assert body == f"ERROR: add_lead PHONE NUMBER IN CAMPAIGN DNC - {phone}|{campaign_id}|6666\n"
    assert add(world, phone_number=phone, campaign_dnc_check="Y", campaign_id="TESTCAMP").startswith(
        "SUCCESS"
    )


# --- duplicates -------------------------------------------------------------------------------------------


def test_duplicate_scopes_distinguish_list_campaign_and_system(world):
    first = added_id(add(world, phone_number="7275551111", list_id="901"))  # campaign 123456
    assert add(world, phone_number="7275551111", list_id="902", duplicate_check="DUPLIST").startswith(
        "SUCCESS"
    )
    body = add(world, phone_number="7275551111", list_id="1234", duplicate_check="DUPCAMP")  # TESTCAMP
    assert body.startswith("SUCCESS")
    body = add(world, phone_number="7275551111", list_id="1234", duplicate_check="DUPSYS")
    assert body == f"ERROR: add_lead DUPLICATE PHONE NUMBER IN SYSTEM - 7275551111|1234|{first}|901\n"


def test_combined_options_run_in_upstreams_order(world):
    first = added_id(add(world, phone_number="7275551111", list_id="101"))
    body = add(world, phone_number="7275551111", list_id="101", duplicate_check="DUPSYS-DUPLIST")
    assert body == f"ERROR: add_lead DUPLICATE PHONE NUMBER IN LIST - 7275551111|101|{first}\n"


def test_seeded_leads_count_as_duplicates(world):
    lead = world.leads.get(10150)
    body = add(world, phone_number=lead.phone_number, list_id="999", duplicate_check="DUPSYS")
    assert body.startswith(f"ERROR: add_lead DUPLICATE PHONE NUMBER IN SYSTEM - {lead.phone_number}|999|")


def test_day_windows_only_consider_recent_leads(world):
    store = world.leads
    old = store.add(list_id=101, phone_number="7275551111", entry_date=NOW - timedelta(days=10))
    assert add(world, phone_number="7275551111", list_id="101", duplicate_check="DUPLIST7DAY").startswith(
        "SUCCESS"
    )
    world.reset()
    store = world.leads
    old = store.add(list_id=101, phone_number="7275551111", entry_date=NOW - timedelta(days=10))
    body = add(world, phone_number="7275551111", list_id="101", duplicate_check="DUPLIST14DAY")
    assert body == f"ERROR: add_lead DUPLICATE PHONE NUMBER IN LIST - 7275551111|101|{old.lead_id}\n"
    # 5 is not an allowed window: the option checks every lead, as upstream ignores the suffix
    assert add(world, phone_number="7275551111", list_id="101", duplicate_check="DUPLIST5DAY").startswith(
        "ERROR"
    )


@pytest.mark.parametrize("days", [1, 2, 3, 7, 14, 15, 21, 28, 30, 60, 90, 180, 360])
def test_every_documented_window(days):
    world = small_world(leads=0)
    inside = world.leads.add(
        list_id=101, phone_number="7275551111", entry_date=NOW - timedelta(days=days, hours=-1)
    )
    world.leads.add(list_id=101, phone_number="7275552222", entry_date=NOW - timedelta(days=days, hours=1))
    body = add(world, phone_number="7275551111", duplicate_check=f"DUPSYS{days}DAY")
    assert body == f"ERROR: add_lead DUPLICATE PHONE NUMBER IN SYSTEM - 7275551111|999|{inside.lead_id}|101\n"
    assert add(world, phone_number="7275552222", duplicate_check=f"DUPSYS{days}DAY").startswith("SUCCESS")


# --- hopper and callbacks --------------------------------------------------------------------------------


def test_hopper_priority_is_clamped(world):
    for sent, kept in (("150", 99), ("-500", -99), ("42", 42), ("abc", 0)):
        lead_id = added_id(add(world, phone_number="7275551111", list_id="901", add_to_hopper="Y",
                               hopper_priority=sent))  # fmt: skip
        entry = next(e for e in world.leads.hopper("123456") if e.lead_id == lead_id)
        assert entry.priority == kept


def test_local_call_time_check_lets_a_lead_in_when_it_is_daytime_there():
    world = small_world(now=datetime(2025, 5, 14, 20, 0))  # 20:00 in the centre, 14:00 in Hawaii
    body = add(world, phone_number="8085551111", add_to_hopper="Y", hopper_local_call_time_check="Y")
    assert body.splitlines()[1].startswith("NOTICE: add_lead ADDED TO HOPPER - 8085551111|6666|")
    assert body.splitlines()[0].endswith("|-10.00")


def test_callback_sets_cbhold_and_schedules(world):
    body = add(world, phone_number="7275551111", campaign_id="TESTCAMP", callback="Y",
               callback_datetime="3DAYS", callback_comments="call after lunch")  # fmt: skip
    lead_id = added_id(body)
    assert world.leads.get(lead_id).status == "CBHOLD"
    assert body.splitlines()[1] == (
        f"NOTICE: add_lead SCHEDULED CALLBACK ADDED - {lead_id}|2025-05-17 15:30:00|TESTCAMP||ANYONE|CALLBK"
    )
    [callback] = world.leads.callbacks_of_lead(lead_id)
    assert (callback.callback_time, callback.recipient, callback.comments) == (
        NOW + timedelta(days=3),
        "ANYONE",
        "call after lunch",
    )


def test_callback_now_and_custom_status(world):
    body = add(world, phone_number="7275551111", campaign_id="TESTCAMP", callback="Y",
               callback_datetime="NOW", callback_status="PTP", callback_type="USERONLY",
               callback_user="john.doe")  # fmt: skip
    assert body.splitlines()[1].endswith("|2025-05-14 15:30:00|TESTCAMP|john.doe|USERONLY|PTP")


def test_callback_without_campaign_is_not_valid(world):
    body = add(world, phone_number="7275551111", callback="Y", callback_datetime="NOW")
    lead_id = added_id(body)
    assert (
        body.splitlines()[1]
        == f"NOTICE: add_lead SCHEDULED CALLBACK NOT ADDED, CAMPAIGN NOT VALID - {lead_id}|"
    )
    assert world.leads.callbacks_of_lead(lead_id) == []

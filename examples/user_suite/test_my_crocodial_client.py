"""Tests of my_crocodial_client against the crocodial-mock emulator (the `crocodial` fixture)."""

import pytest
from my_crocodial_client import CrocoDial, CrocoDialError


@pytest.fixture
def crocodial_api(crocodial):
    return CrocoDial(crocodial.url, crocodial.user, crocodial.password)


def test_report_rows_are_from_the_day_asked(crocodial_api, crocodial):
    calls = crocodial_api.outbound_calls("2025-05-13")
    assert calls and all(call["call_date"].startswith("2025-05-13") for call in calls)
    [sent] = crocodial.requests(action="outbound_cdr")
    assert sent.params["fromDate"] == sent.params["toDate"] == "2025-05-13"


def test_wrong_password_is_an_error_even_with_http_200(crocodial):
    client = CrocoDial(crocodial.url, crocodial.user, "not-the-password")
    with pytest.raises(CrocoDialError, match="Invalid Username/Password"):
        client.outbound_calls("2025-05-13")


def test_added_lead_is_found_by_phone(crocodial_api):
    lead_id = crocodial_api.add_lead(101, "3125550142", "Ada", "Lovelace")
    lead = crocodial_api.customer("3125550142")
    assert (lead["lead_id"], lead["first_name"], lead["last_name"]) == (lead_id, "Ada", "Lovelace")


def test_each_test_starts_from_the_seeded_call_centre(crocodial_api):
    # The test above added this lead; the emulator was reset before this test.
    with pytest.raises(CrocoDialError, match="does NOT exist"):
        crocodial_api.customer("3125550142")


@pytest.mark.crocodial(xml="wellformed")  # the real (and default) XML is not well-formed
def test_user_names_from_xml(crocodial_api):
    assert "Agent001" in crocodial_api.user_names()


def test_a_slow_or_broken_server_is_reported(crocodial_api, crocodial):
    crocodial.add_fault("EMPTY_BODY", action="outbound_cdr", times=1)
    with pytest.raises(ValueError):  # requests' JSONDecodeError: the client does not hide it
        crocodial_api.outbound_calls("2025-05-13")

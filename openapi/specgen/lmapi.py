"""lmapi add_lead: its parameters and the plain-text lines it answers with.

Every line kind the reference documents is here, plus the ones upstream sends in cases the reference
does not show (marked ``documented: False``). Where the reference and upstream order a line's fields
differently (L5, L11) the regex admits both, so a live run can tell which one CrocoDial sends.
"""

from __future__ import annotations

from typing import Any

Y_N = {"type": "string", "enum": ["Y", "N"]}
Y_N_AREACODE = {"type": "string", "enum": ["Y", "N", "AREACODE"]}


def _text(low: int, high: int) -> dict[str, Any]:
    return {"type": "string", "minLength": low, "maxLength": high}


def _digits(low: int, high: int) -> dict[str, Any]:
    return {"type": "string", "pattern": rf"^\d{{{low},{high}}}$"}


_DUP_TOKEN = (
    r"DUP(?:LIST|CAMP|SYS|PHONEALT(?:LIST|CAMP|SYS)|TITLEALTPHONE(?:LIST|CAMP|SYS)|NAMEPHONE(?:LIST|CAMP|SYS))"
    r"(?:(?:1|2|3|7|14|15|21|28|30|60|90|180|360)DAY)?"
)

# name -> (schema, description); order follows the reference's tables.
ADD_LEAD_PARAMETERS: dict[str, tuple[dict[str, Any], str]] = {
    "user": (_text(1, 20), "API user (needs modify_leads and user_level 8 or more)."),
    "pass": (_text(1, 100), "The API user's password."),
    "function": ({"type": "string", "const": "add_lead"}, "The lmapi function; always `add_lead`."),
    "phone_number": (_digits(6, 16), "All digits, 6-16 of them."),
    "phone_code": ({**_digits(1, 4), "default": "1"}, "All digits, 1-4; defaults to 1 (L2)."),
    "list_id": ({**_digits(3, 12), "default": "999"}, "All digits, 3-12; defaults to 999 (L2)."),
    "source": (
        {"type": "string", "minLength": 2, "maxLength": 20, "pattern": "^[A-Za-z0-9]+$"},
        "What originated the call, at most 20 characters (not enforced, L8); shorter than 2 answers the "
        "two `Invalid Source` lines.",
    ),
    "vendor_lead_code": (_text(1, 20), "1-20 characters."),
    "source_id": (_text(1, 50), "1-50 characters."),
    "gmt_offset_now": (
        {"type": "string", "pattern": r"^-?\d{1,2}(\.\d{1,2})?$"},
        "Overridden by the auto-lookup of phone_code and area code when possible.",
    ),
    "title": (_text(1, 4), "1-4 characters."),
    "first_name": (_text(1, 30), "1-30 characters."),
    "middle_initial": (_text(1, 1), "1 character."),
    "last_name": (_text(1, 30), "1-30 characters."),
    "address1": (_text(1, 100), "1-100 characters."),
    "address2": (_text(1, 100), "1-100 characters."),
    "address3": (_text(1, 100), "1-100 characters."),
    "city": (_text(1, 50), "1-50 characters."),
    "state": (_text(2, 2), "2 characters."),
    "province": (_text(1, 50), "1-50 characters."),
    "postal_code": (_text(1, 10), "1-10 characters."),
    "country_code": (_text(1, 3), "Up to 3 characters (the reference says 3; its examples show `MX`, L4)."),
    "gender": ({"type": "string", "enum": ["U", "M", "F"], "default": "U"}, "U, M or F; defaults to U."),
    "date_of_birth": (
        {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "YYYY-MM-DD.",
    ),
    "alt_phone": (_text(1, 12), "1-12 characters."),
    "email": (_text(1, 70), "1-70 characters (the reference's unnamed row, L3)."),
    "security_phrase": (_text(1, 100), "1-100 characters."),
    "comments": (_text(1, 255), "1-255 characters."),
    "multi_alt_phones": (_text(5, 1024), "5-1024 characters: `number_code_note` entries joined by `!`."),
    "rank": (_digits(1, 5), "1-5 digits."),
    "owner": (_text(1, 20), "1-20 characters (user ID, territory or user group)."),
    "entry_list_id": (_digits(3, 12), "All digits, 3-12; ignored when custom_fields=Y."),
    "dnc_check": ({**Y_N_AREACODE, "default": "N"}, "Check the system DNC list; default N."),
    "campaign_dnc_check": ({**Y_N_AREACODE, "default": "N"}, "Check the campaign DNC list; default N."),
    "campaign_id": (
        {"type": "string", "minLength": 2, "maxLength": 8},
        "2-8 characters; required with campaign_dnc_check or callback=Y (L1).",
    ),
    "add_to_hopper": ({**Y_N, "default": "N"}, "Put the lead in its campaign's hopper; default N."),
    "hopper_priority": (
        {"type": "integer", "minimum": -99, "maximum": 99, "default": 0},
        "-99..99, higher dials sooner; default 0.",
    ),
    "hopper_local_call_time_check": ({**Y_N, "default": "N"}, "Check local call time before the hopper."),
    "usacan_prefix_check": ({**Y_N, "default": "N"}, "USA/Canada: the 4th digit cannot be 0 or 1."),
    "usacan_areacode_check": ({**Y_N, "default": "N"}, "USA/Canada: valid area code and 10 digits."),
    "nanpa_ac_prefix_check": ({**Y_N, "default": "N"}, "Valid NANPA area code and prefix."),
    "custom_fields": (
        {**Y_N, "default": "N"},
        "Accept custom field values: add each field label as a parameter (e.g. `favorite_color=blue`).",
    ),
    "tz_method": (
        {"type": "string", "enum": ["", "POSTAL", "TZCODE", "NANPA"], "default": ""},
        "Time zone lookup: empty (country and area code), POSTAL, TZCODE (owner) or NANPA.",
    ),
    "callback": ({**Y_N, "default": "N"}, "Schedule a callback; needs campaign_id and callback_datetime."),
    "callback_status": (
        {"type": "string", "minLength": 1, "maxLength": 6, "default": "CALLBK"},
        "1-6 characters; default CALLBK.",
    ),
    "callback_datetime": (
        {"type": "string", "pattern": r"^(?:\d{4}-\d{2}-\d{2}[+ ]\d{2}:\d{2}:\d{2}|NOW|\d+DAYS)$"},
        "`YYYY-MM-DD+HH:MM:SS` (the `+` is a URL-encoded space), `NOW`, or `<n>DAYS`.",
    ),
    "callback_type": (
        {"type": "string", "enum": ["USERONLY", "ANYONE"], "default": "ANYONE"},
        "USERONLY or ANYONE; default ANYONE.",
    ),
    "callback_user": (_text(1, 20), "User a USERONLY callback is assigned to."),
    "callback_comments": (_text(1, 255), "Comments shown when the callback comes up."),
    "lookup_state": ({**Y_N, "default": "N"}, "Fill state from the area code when state is empty."),
    "list_exists_check": ({**Y_N, "default": "N"}, "Refuse a list_id that is not a defined list."),
    "duplicate_check": (
        {"type": "string", "pattern": rf"^{_DUP_TOKEN}(?:-{_DUP_TOKEN})*$"},
        "One or more checks joined by `-` (e.g. `DUPLIST-DUPTITLEALTPHONELIST`), each optionally limited "
        "to the last N days with an `NDAY` suffix (e.g. `DUPSYS90DAY`).",
    ),
}

ADD_LEAD_REQUIRED = ("user", "pass", "function", "phone_number", "source")
ADD_LEAD_EXAMPLE = {
    "user": "MyUser",
    "pass": "MyPass",
    "function": "add_lead",
    "phone_number": "7275551111",
    "source": "MyUser",
}
ADD_LEAD_REFERENCE_PARAMS = {
    "user": "MyUser",
    "pass": "MyPass",
    "function": "add_lead",
    "phone_number": "number_client",
    "source": "MyUser",
}

_F = r"[^|\n]*"  # one field
_SEP = r"\|"


def _fields(n: int) -> str:
    return _SEP.join([_F] * n)


def _fields_between(low: int, high: int) -> str:
    return rf"{_F}(?:{_SEP}{_F}){{{low - 1},{high - 1}}}"


_DUP_IN = r"(?:LIST|CAMPAIGN LISTS|SYSTEM)"

# (kind, regex without anchors, documented by the reference)
LINES: list[tuple[str, str, bool]] = [
    (
        "success_lead_added",
        # The phone keeps the commas upstream's sanitiser lets through (ERRATA L14).
        r"SUCCESS: add_lead LEAD HAS BEEN ADDED - (?:[\d,]+\|[^|\n]+\|\d+\|\d+\|-?\d+(?:\.\d+)?"
        r"|[\d,]+\|\d+\|\d+\|-?\d+(?:\.\d+)?\|[^|\n]+)",
        True,
    ),
    ("notice_added_to_hopper", rf"NOTICE: add_lead ADDED TO HOPPER - {_fields(4)}", True),
    (
        "notice_not_added_to_hopper_local_time",
        rf"NOTICE: add_lead NOT ADDED TO HOPPER, OUTSIDE OF LOCAL TIME - {_fields(5)}",
        True,
    ),
    ("notice_not_added_to_hopper", rf"NOTICE: add_lead NOT ADDED TO HOPPER - {_fields(4)}", False),
    (
        "notice_custom_fields_added",
        rf"NOTICE: add_lead CUSTOM FIELDS VALUES ADDED - {_fields_between(3, 4)}",
        True,
    ),
    (
        "notice_custom_fields_disabled",
        rf"NOTICE: add_lead CUSTOM FIELDS NOT ADDED, CUSTOM FIELDS DISABLED - {_fields_between(3, 4)}",
        True,
    ),
    (
        "notice_custom_fields_none_for_list",
        rf"NOTICE: add_lead CUSTOM FIELDS NOT ADDED, NO CUSTOM FIELDS DEFINED FOR THIS LIST - {_fields(3)}",
        True,
    ),
    (
        "notice_custom_fields_none_defined",
        rf"NOTICE: add_lead CUSTOM FIELDS NOT ADDED, NO FIELDS DEFINED - {_fields(3)}",
        True,
    ),
    (
        "notice_custom_fields_none_to_update",
        rf"NOTICE: add_lead CUSTOM FIELDS NOT ADDED, NO FIELDS TO UPDATE DEFINED - {_fields(3)}",
        False,
    ),
    (
        "notice_multi_alt_phones_loaded",
        rf"(?:\d*\|\d*\|[^\n]*?)*NOTICE: add_lead MULTI-ALT-PHONE NUMBERS LOADED - {_fields(3)}",
        True,
    ),
    (
        "notice_callback_added",
        rf"NOTICE: add_lead SCHEDULED CALLBACK ADDED - {_fields(6)}",
        True,
    ),
    (
        "notice_callback_user_not_valid",
        rf"NOTICE: add_lead SCHEDULED CALLBACK NOT ADDED, USER NOT VALID - {_fields(4)}",
        True,
    ),
    (
        "notice_callback_campaign_not_valid",
        rf"NOTICE: add_lead SCHEDULED CALLBACK NOT ADDED, CAMPAIGN NOT VALID - {_fields(2)}",
        True,
    ),
    (
        "notice_nanpa_disabled",
        rf"NOTICE: add_lead NANPA options disabled, NANPA prefix data not loaded - {_fields(2)}",
        True,
    ),
    (
        "error_phone_number",
        r"ERROR: add_lead INVALID PHONE NUMBER (?:LENGTH|PREFIX|AREACODE|NANPA AREACODE PREFIX) - "
        + _fields(2),
        True,
    ),
    (
        "error_no_permission_add_leads",
        r"ERROR: add_lead USER DOES NOT HAVE PERMISSION TO ADD LEADS TO THE SYSTEM"
        rf"(?: - {_F}\|0|: \|{_F}\|0\|)",
        True,
    ),
    (
        "error_no_permission_function",
        r"ERROR: auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION"
        rf"(?: - {_F}\|add_lead|: \|{_F}\|add_lead\|)",
        False,
    ),
    ("error_list_not_allowed", rf"ERROR: add_lead NOT AN ALLOWED LIST ID - {_fields(2)}", True),
    (
        "error_list_not_defined",
        rf"ERROR: add_lead NOT A DEFINED LIST ID, LIST EXISTS CHECK ENABLED - {_fields(2)}",
        True,
    ),
    ("error_no_function", r"ERROR: NO FUNCTION SPECIFIED", True),
    (
        "error_duplicate_phone",
        rf"ERROR: add_lead DUPLICATE PHONE NUMBER IN {_DUP_IN} - {_fields_between(3, 5)}",
        True,
    ),
    (
        "error_duplicate_title_alt_phone",
        rf"ERROR: add_lead DUPLICATE TITLE ALT_PHONE IN {_DUP_IN} - {_fields_between(4, 5)}",
        True,
    ),
    (
        "error_duplicate_name_phone",
        rf"ERROR: add_lead DUPLICATE NAME PHONE IN {_DUP_IN} - {_fields_between(5, 6)}",
        True,
    ),
    ("error_invalid_source", rf"ERROR: Invalid Source(?: - {_F}|: \|{_F}\|)", False),
    ("error_dnc", rf"ERROR: add_lead PHONE NUMBER IN DNC - {_fields(2)}", False),
    ("error_campaign_dnc", rf"ERROR: add_lead PHONE NUMBER IN CAMPAIGN DNC - {_fields(3)}", False),
    ("error_lead_not_added", rf"ERROR: add_lead LEAD HAS NOT BEEN ADDED - {_F}(?:\|{_F}){{2,}}", False),
    ("error_login_incorrect", rf"ERROR: Login incorrect, please try again: \|{_F}\|{_F}\|BAD\|", False),
    (
        "error_login_locked",
        rf"ERROR: Too many login attempts, try again in 15 minutes: \|{_F}\|LOCK\|",
        False,
    ),
]


def body_pattern() -> str:
    """One or more known lines, each ending in LF (L6)."""
    alternatives = "|".join(f"(?:{regex})" for _, regex, _ in LINES)
    return rf"^(?:(?:{alternatives})\n)+$"

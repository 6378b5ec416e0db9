"""Every line ``/API/lmapi.php`` can print, in one catalogue so each text exists once.

Lines the reference shows are written in the reference's field order, the others in upstream VICIdial's
(ERRATA L5). Every line ends in LF (L6), except the stray ``number|code|note`` upstream prints for each
multi-alt-phone entry, which has none (L10). Lines are built from strings already sanitised by the caller.
"""

from __future__ import annotations

F = "add_lead"


def version(now_text: str, epoch: int, dst: bool, tz: str, tz_now: str) -> str:
    """``function=version``, answered before authentication (upstream)."""
    return (
        f"VERSION: 2.14-202|BUILD: 250720-1841|DATE: {now_text}|EPOCH: {epoch}|DST: {int(dst)}"
        f"|TZ: {tz}|TZNOW: {tz_now}|\n"
    )


def login_incorrect(user: str, password: str) -> str:
    """Upstream echoes the password (L7); the contract kit redacts it from reports."""
    return f"ERROR: Login incorrect, please try again: |{user}|{password}|BAD|\n"


def no_function() -> str:
    return "ERROR: NO FUNCTION SPECIFIED\n"


def invalid_source(source: str) -> str:
    """Two lines, as upstream prints them (L8)."""
    return f"ERROR: Invalid Source - {source}\nERROR: Invalid Source: |{source}|\n"


def no_permission(user: str) -> str:
    return f"ERROR: {F} USER DOES NOT HAVE PERMISSION TO ADD LEADS TO THE SYSTEM - {user}|0\n"


def list_not_allowed(phone: str, list_id: str) -> str:
    return f"ERROR: {F} NOT AN ALLOWED LIST ID - {phone}|{list_id}\n"


def list_not_defined(phone: str, list_id: str) -> str:
    return f"ERROR: {F} NOT A DEFINED LIST ID, LIST EXISTS CHECK ENABLED - {phone}|{list_id}\n"


def nanpa_disabled(user: str) -> str:
    """The emulator has no NANPA prefix data, like most VICIdial systems (L13)."""
    return f"NOTICE: {F} NANPA options disabled, NANPA prefix data not loaded - 0|{user}\n"


def invalid_phone(reason: str, phone: str, user: str) -> str:
    """``reason``: LENGTH, PREFIX, AREACODE or NANPA AREACODE PREFIX."""
    return f"ERROR: {F} INVALID PHONE NUMBER {reason} - {phone}|{user}\n"


def in_dnc(phone: str, user: str) -> str:
    return f"ERROR: {F} PHONE NUMBER IN DNC - {phone}|{user}\n"


def in_campaign_dnc(phone: str, campaign_id: str, user: str) -> str:
    return f"ERROR: {F} PHONE NUMBER IN CAMPAIGN DNC - {phone}|{campaign_id}|{user}\n"


def duplicate(what: str, scope: str, *fields: object) -> str:
    """``what``: PHONE NUMBER, TITLE ALT_PHONE or NAME PHONE; ``scope``: LIST, CAMPAIGN LISTS or SYSTEM."""
    return f"ERROR: {F} DUPLICATE {what} IN {scope} - {'|'.join(str(f) for f in fields)}\n"


def lead_added(phone: str, user: str, list_id: str, lead_id: int, gmt: str) -> str:
    return f"SUCCESS: {F} LEAD HAS BEEN ADDED - {phone}|{user}|{list_id}|{lead_id}|{gmt}\n"


def alt_phone_echo(number: str, code: str, note: str) -> str:
    """Upstream's stray debugging output, one per entry, with no line end (L10)."""
    return f"{number}|{code}|{note}"


def alt_phones_loaded(count: int, user: str, lead_id: int) -> str:
    return f"NOTICE: {F} MULTI-ALT-PHONE NUMBERS LOADED - {count}|{user}|{lead_id}\n"


def custom_fields_added(phone: str, lead_id: int, list_id: str) -> str:
    return f"NOTICE: {F} CUSTOM FIELDS VALUES ADDED - {phone}|{lead_id}|{list_id}\n"


def custom_fields_nothing_to_update(phone: str, lead_id: int, list_id: str) -> str:
    return f"NOTICE: {F} CUSTOM FIELDS NOT ADDED, NO FIELDS TO UPDATE DEFINED - {phone}|{lead_id}|{list_id}\n"


def custom_fields_none_defined(phone: str, lead_id: int, list_id: str) -> str:
    return f"NOTICE: {F} CUSTOM FIELDS NOT ADDED, NO FIELDS DEFINED - {phone}|{lead_id}|{list_id}\n"


def custom_fields_not_for_list(phone: str, lead_id: int, list_id: str) -> str:
    return (
        f"NOTICE: {F} CUSTOM FIELDS NOT ADDED, NO CUSTOM FIELDS DEFINED FOR THIS LIST"
        f" - {phone}|{lead_id}|{list_id}\n"
    )


def custom_fields_disabled(phone: str) -> str:
    return f"NOTICE: {F} CUSTOM FIELDS NOT ADDED, CUSTOM FIELDS DISABLED - {phone}|Y|0\n"


def added_to_hopper(phone: str, user: str, lead_id: int, hopper_id: int) -> str:
    return f"NOTICE: {F} ADDED TO HOPPER - {phone}|{user}|{lead_id}|{hopper_id}\n"


def outside_local_time(phone: str, user: str, lead_id: int, gmt: str) -> str:
    return f"NOTICE: {F} NOT ADDED TO HOPPER, OUTSIDE OF LOCAL TIME - {phone}|{user}|{lead_id}|{gmt}|0\n"


def callback_added(lead_id: int, when: str, campaign_id: str, cb_user: str, cb_type: str, status: str) -> str:
    data = f"{lead_id}|{when}|{campaign_id}|{cb_user}|{cb_type}|{status}"
    return f"NOTICE: {F} SCHEDULED CALLBACK ADDED - {data}\n"


def callback_user_not_valid(lead_id: int, campaign_id: str, cb_user: str) -> str:
    return f"NOTICE: {F} SCHEDULED CALLBACK NOT ADDED, USER NOT VALID - {lead_id}|{campaign_id}|{cb_user}|\n"


def callback_campaign_not_valid(lead_id: int, campaign_id: str) -> str:
    return f"NOTICE: {F} SCHEDULED CALLBACK NOT ADDED, CAMPAIGN NOT VALID - {lead_id}|{campaign_id}\n"

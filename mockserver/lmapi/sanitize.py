"""add_lead's request, cleaned the way VICIdial's non_agent_api.php cleans it before any check.

Upstream strips characters rather than rejecting values, and MySQL (VICIdial runs it non-strict) cuts
strings to their column width; the emulator does both (ERRATA L14), so a client that sends a 40-character
first_name sees it stored as 30 characters, as it would on the real system.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from mockserver.params import Params

# vicidial_list column widths for the free-text fields add_lead stores.
FIELD_WIDTHS: Mapping[str, int] = {
    "vendor_lead_code": 20,
    "source_id": 50,
    "title": 4,
    "first_name": 30,
    "middle_initial": 1,
    "last_name": 30,
    "address1": 100,
    "address2": 100,
    "address3": 100,
    "city": 50,
    "state": 2,
    "province": 50,
    "postal_code": 10,
    "country_code": 3,
    "alt_phone": 12,
    "email": 70,
    "security_phrase": 100,
    "comments": 255,
    "owner": 20,
}
# Fields where upstream turns "+" into a space (names and addresses).
_PLUS_AS_SPACE = frozenset(
    {"first_name", "middle_initial", "last_name", "address1", "address2", "address3", "city", "province"}
)


def keep(pattern: str, value: str) -> str:
    """Keep only the characters matching the class ``pattern`` (e.g. ``0-9``)."""
    return re.sub(f"[^{pattern}]", "", value)


@dataclass(frozen=True)
class LeadRequest:
    """The add_lead parameters after upstream's sanitising, defaults not yet applied."""

    source: str
    phone_number: str
    phone_code: str
    list_id: str
    fields: Mapping[str, str]
    gender: str
    date_of_birth: str
    rank: int
    gmt_offset_now: str
    entry_list_id: str
    multi_alt_phones: str
    dnc_check: str
    campaign_dnc_check: str
    campaign_id: str
    add_to_hopper: str
    hopper_priority: int
    hopper_local_call_time_check: str
    usacan_prefix_check: str
    usacan_areacode_check: str
    nanpa_ac_prefix_check: str
    custom_fields: str
    tz_method: str
    callback: str
    callback_status: str
    callback_datetime: str
    callback_type: str
    callback_user: str
    callback_comments: str
    lookup_state: str
    list_exists_check: str
    duplicate_check: str
    raw: Params = field(repr=False, default_factory=Params)


def lead_request(params: Params) -> LeadRequest:
    def text(name: str) -> str:
        return params.get(name) or ""

    def flag(name: str) -> str:
        return keep("A-Z", text(name))

    fields = {}
    for name, width in FIELD_WIDTHS.items():
        value = text(name)
        if name in _PLUS_AS_SPACE:
            value = value.replace("+", " ")
        fields[name] = value[:width]
    gender = flag("gender")
    return LeadRequest(
        source=keep("0-9a-zA-Z", text("source")),
        phone_number=keep("0-9,", text("phone_number")),
        phone_code=keep("0-9", text("phone_code")),
        list_id=keep("0-9", keep("-_0-9a-zA-Z", text("list_id"))),
        fields=fields,
        gender=gender if gender in ("M", "F") else "U",
        date_of_birth=_date(text("date_of_birth")),
        rank=_rank(text("rank")),
        gmt_offset_now=text("gmt_offset_now"),
        entry_list_id=keep("0-9", text("entry_list_id")),
        multi_alt_phones=text("multi_alt_phones")[:1024],
        dnc_check=flag("dnc_check"),
        campaign_dnc_check=flag("campaign_dnc_check"),
        campaign_id=keep("-_0-9a-zA-Z", text("campaign_id")),
        add_to_hopper=flag("add_to_hopper"),
        hopper_priority=_priority(text("hopper_priority")),
        hopper_local_call_time_check=flag("hopper_local_call_time_check"),
        usacan_prefix_check=flag("usacan_prefix_check"),
        usacan_areacode_check=flag("usacan_areacode_check"),
        nanpa_ac_prefix_check=flag("nanpa_ac_prefix_check"),
        custom_fields=flag("custom_fields"),
        tz_method=flag("tz_method"),
        callback=flag("callback"),
        callback_status=keep("-_0-9a-zA-Z", text("callback_status"))[:6] or "CALLBK",
        callback_datetime=text("callback_datetime").replace("+", " ").strip(),
        callback_type=flag("callback_type"),
        # CrocoDial user names contain dots (john.doe), so "." survives here (ERRATA L17).
        callback_user=keep("-_.0-9a-zA-Z", text("callback_user")),
        callback_comments=text("callback_comments")[:255],
        lookup_state=flag("lookup_state"),
        list_exists_check=text("list_exists_check"),
        duplicate_check=keep("-_0-9a-zA-Z", text("duplicate_check")),
        raw=params,
    )


def _priority(text: str) -> int:
    """Clamped to -99..99, default 0 (upstream)."""
    match = re.fullmatch(r"\s*(-?\d+)\s*", text)
    return max(-99, min(99, int(match.group(1)))) if match else 0


def _rank(text: str) -> int:
    """A SMALLINT column: digits kept, at most 5 (non-strict MySQL stores 0 for garbage)."""
    match = re.fullmatch(r"\s*(-?\d{1,5})\d*\s*", text)
    return int(match.group(1)) if match else 0


def _date(text: str) -> str:
    """A DATE column: YYYY-MM-DD kept, anything else stored as MySQL's zero date (non-strict)."""
    return text if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else "0000-00-00"
